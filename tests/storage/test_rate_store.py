"""Rates kept with their time (migration 14): one per currency every RECORD_EVERY at most,
read back exactly (Decimal text), the newest currency known; the `fiat_rates` command."""

from __future__ import annotations

from decimal import Decimal

import pytest

from wallet.fiat.rates import Rate
from wallet.storage.database import Database
from wallet.storage.rate_store import RECORD_EVERY, RateStore


@pytest.fixture
def store(tmp_path):
    db = Database(tmp_path / "w.sqlite")
    yield RateStore(db)
    db.close()


def test_rates_are_kept_exactly_with_their_time_and_thinned(store):
    assert store.last_currency() is None and store.rates("EUR") == []
    first = Rate("EUR", Decimal("61234.5678"), 1_700_000_000, "coinbase")
    assert store.record(first)
    # a minute later: the same moment as far as a history entry is concerned
    assert not store.record(Rate("EUR", Decimal("61300"), 1_700_000_060, "coinbase"))
    assert store.record(Rate("EUR", Decimal("62000"), 1_700_000_000 + RECORD_EVERY, "coinbase"))
    assert store.record(Rate("USD", Decimal("66000.01"), 1_700_000_100, "coingecko"))
    assert store.rates("EUR")[0] == first  # the price comes back as the exact Decimal
    assert [r.price for r in store.rates("EUR")] == [Decimal("61234.5678"), Decimal("62000")]
    assert store.last_currency() == "EUR"  # the newest kept rate's
    assert [r.currency for r in store.rates("USD")] == ["USD"]
