"""Whether the user has checked their seed-words backup, and when to remind them.

Kept in `wallet_meta` (not secret): `backup_checked_at` once the words were typed back
(the onboarding check, a restore from the words, or Settings' "Check my backup"), and
`backup_reminder_after` when the user said "Later". Until checked, Home shows a reminder
whenever it is due: at once, then `REMIND_EVERY` after each "Later".
"""

from __future__ import annotations

import time

from wallet.storage.database import Database

CHECKED = "backup_checked_at"
SNOOZED = "backup_reminder_after"
REMIND_EVERY = 3 * 24 * 3600  # seconds between reminders while the backup is unchecked


def reminder_due(checked_at: int | None, remind_after: int | None, now: int) -> bool:
    """Pure rule: remind until checked, but not before the "Later" time."""
    return checked_at is None and (remind_after is None or now >= remind_after)


class BackupState:
    def __init__(self, db: Database) -> None:
        self.db = db

    def _get(self, key: str) -> int | None:
        row = self.db.query_one("SELECT value FROM wallet_meta WHERE key = ?", (key,))
        try:
            return int(row[0]) if row is not None else None
        except ValueError:
            return None  # unreadable: as if never written (the reminder shows)

    def _put(self, key: str, value: int) -> None:
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO wallet_meta (key, value) VALUES (?, ?)",
                            (key, str(value)))

    def status(self, now: int | None = None) -> dict[str, object]:
        """{checked, checked_at, due}: `due` says whether Home should remind now."""
        now = int(time.time()) if now is None else now
        checked, after = self._get(CHECKED), self._get(SNOOZED)
        return {"checked": checked is not None, "checked_at": checked,
                "due": reminder_due(checked, after, now)}

    def mark_checked(self, now: int | None = None) -> None:
        self._put(CHECKED, int(time.time()) if now is None else now)

    def snooze(self, now: int | None = None) -> int:
        """"Later": the next reminder's time."""
        after = (int(time.time()) if now is None else now) + REMIND_EVERY
        self._put(SNOOZED, after)
        return after
