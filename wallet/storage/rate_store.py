"""Exchange rates seen by this wallet, with their time (table `fiat_rates`, migration 14).

The history export gives each entry its fiat value at the time when a rate for that
time is known. No historical price service is asked (that would tell a server which
days the user moved money): the rates kept are the ones the wallet fetched anyway to show
amounts in the user's currency — so a payment made or received while the app showed fiat
has the rate of that moment. At most one rate per currency every `RECORD_EVERY` seconds
is kept (a year of an always-open window is about 52,000 short rows).
"""

from __future__ import annotations

from decimal import Decimal

from wallet.fiat.rates import Rate
from wallet.storage.database import Database

RECORD_EVERY = 600  # seconds between two kept rates of one currency


class RateStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, rate: Rate) -> bool:
        """Keep `rate` unless one of its currency was kept less than RECORD_EVERY before
        it; whether it was kept."""
        with self.db.transaction():
            row = self.db.query_one(
                "SELECT MAX(fetched_at) FROM fiat_rates WHERE currency = ?", (rate.currency,))
            last = row[0] if row else None
            if last is not None and abs(rate.fetched_at - int(last)) < RECORD_EVERY:
                return False
            self.db.execute(
                "INSERT OR REPLACE INTO fiat_rates (currency, fetched_at, price, source) "
                "VALUES (?, ?, ?, ?)",
                (rate.currency, int(rate.fetched_at), str(rate.price), rate.source))
        return True

    def rates(self, currency: str) -> list[Rate]:
        """Every kept rate of `currency`, oldest first."""
        rows = self.db.query("SELECT currency, price, fetched_at, source FROM fiat_rates "
                             "WHERE currency = ? ORDER BY fetched_at", (currency,))
        return [Rate(c, Decimal(p), int(t), s) for c, p, t, s in rows]

    def last_currency(self) -> str | None:
        """The currency of the newest kept rate (the one the user shows), None when none."""
        row = self.db.query_one(
            "SELECT currency FROM fiat_rates ORDER BY fetched_at DESC LIMIT 1")
        return str(row[0]) if row else None
