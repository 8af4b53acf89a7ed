"""The "recoverable channels" setting of a wallet (on by default), kept in `wallet_meta`: with
it on, each funding transaction carries the encrypted recovery record that lets the seed
words alone find the channel after a restore (`ln/recovery/record.py`). The sentences here
are the ones the CLI and the GUI show, so both say the same true thing."""

from __future__ import annotations

from typing import Any

from wallet.errors import InputError
from wallet.storage.database import Database

KEY = "recoverable_channels"

#: what the setting costs (the record: OP_RETURN of 70 bytes, an 81-byte output)
COST = ("Each channel's funding transaction carries an encrypted recovery record: an 81-byte "
        "output, so about 81 sat more fee at 1 sat/vB, and a marker anyone can see on the "
        "transaction.")
ON_MEANS = ("On: the seed words alone find the channels opened from now on after a restore, "
            "and bring their funds back on-chain.")
OFF_MEANS = ("Off: a channel opened from now on can only be recovered with a backup file "
             "(kite backup export, or Settings).")

#: what the seed words restore, shown with them when a wallet is created
SEED_WORDS_RESTORE = (
    "They restore the on-chain funds and, while \"Recoverable channels\" is on (the default, "
    "in Settings), find the channels and bring their funds back on-chain. A channel opened "
    "with it off needs a backup file too.")


def parse_on(value: Any) -> bool:
    """True/False, or the words on/off (the CLI's); anything else is refused."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("on", "off"):
        return value.strip().lower() == "on"
    raise InputError("recoverable channels is 'on' or 'off'")


class RecoverableChannels:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> bool:
        row = self.db.query_one("SELECT value FROM wallet_meta WHERE key = ?", (KEY,))
        return row is None or row[0] != "off"  # on unless turned off

    def set(self, on: bool) -> None:
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO wallet_meta (key, value) VALUES (?, ?)",
                            (KEY, "on" if on else "off"))


def describe(on: bool) -> dict[str, Any]:
    return {"on": on, "cost": COST, "means": ON_MEANS if on else OFF_MEANS}
