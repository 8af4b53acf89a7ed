"""The wallet's fiat setting: which currency amounts are also shown in, from which source.

Kept in `wallet_meta` (key `fiat_setting`, JSON) so that the node that runs the wallet,
in the window or as `kite daemon`, fetches and keeps the same rates the window shows
(`daemon/fiat_keeper.py`), and an export made without the window has fiat values too.
No currency (the default) means no rate is ever fetched.
"""

from __future__ import annotations

import json

from wallet.fiat.rates import CURRENCIES
from wallet.fiat.sources import DEFAULT_SOURCE
from wallet.storage.database import Database

KEY = "fiat_setting"
MAX_SOURCE_NAME = 40


class FiatSetting:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self) -> tuple[str, str]:
        """(currency or "" for none, source name); an unreadable row reads as none."""
        row = self.db.query_one("SELECT value FROM wallet_meta WHERE key = ?", (KEY,))
        try:
            data = json.loads(row[0]) if row is not None else {}
        except (ValueError, TypeError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        currency, source = data.get("currency"), data.get("source")
        currency = currency if isinstance(currency, str) and currency in CURRENCIES else ""
        ok = isinstance(source, str) and 0 < len(source) <= MAX_SOURCE_NAME
        return currency, source if ok else DEFAULT_SOURCE

    def put(self, currency: str, source: str) -> None:
        """Save the setting (checked by the caller: a known currency or "", a known source)."""
        value = json.dumps({"currency": currency, "source": source})
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO wallet_meta (key, value) VALUES (?, ?)",
                            (KEY, value))
