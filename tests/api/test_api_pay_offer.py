"""WalletApi.pay_offer: offers and ₿names go to the node's `pay` command as given (with
the amount only when the user typed one); anything else is refused before the node."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import load_vector
from wallet.api import WalletApi
from wallet.daemon.node_link import InProcess
from wallet.errors import InputError
from wallet.networks import REGTEST

OFFER = next(o["bolt12"] for o in load_vector("bolt12_offers.json")["offers"] if o["valid"])


@pytest.fixture
def api_and_calls(tmp_path):
    calls: list[dict] = []

    async def pay(**params):
        calls.append(params)
        return {"status": "paid", "amount_msat": 21_000_000}

    api = WalletApi(tmp_path / "w", REGTEST)
    api._node = InProcess(SimpleNamespace(handlers={"pay": pay}))
    try:
        yield api, calls
    finally:
        api._node = None
        api.shutdown()


@pytest.mark.parametrize("text", [OFFER, f"  {OFFER}\n", f"bitcoin:?lno={OFFER}",
                                  "₿alice@example.com"])
def test_offers_and_names_reach_the_pay_command(api_and_calls, text):
    api, calls = api_and_calls
    assert api.pay_offer(text, 21_000).result(timeout=10)["status"] == "paid"
    assert calls == [{"invoice": text.strip(), "amount_sat": 21_000, "max_fee_sat": None,
                      "timeout": 60.0}]


@pytest.mark.parametrize("text, amount", [
    ("lnbcrt1...", None),  # an invoice: pay_invoice's job
    ("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", None),
    ("", None),
    (None, None),
    (OFFER, 0), (OFFER, -5), (OFFER, 2.5), (OFFER, True), (OFFER, "100"),
])
def test_anything_else_is_refused_before_the_node(api_and_calls, text, amount):
    api, calls = api_and_calls
    with pytest.raises(InputError):
        api.pay_offer(text, amount).result(timeout=10)
    assert calls == []


def test_quantity_note_and_name_reach_the_pay_command_as_given(api_and_calls):
    api, calls = api_and_calls
    note = "  for the tea, ☕ \n"  # sent exactly as typed: the issuer sees what the payer saw
    api.pay_offer(OFFER, 63_000, 210, quantity=3, note=note,
                  bip353_name="₿alice@example.com").result(timeout=10)
    assert calls == [{"invoice": OFFER, "amount_sat": 63_000, "max_fee_sat": 210,
                      "timeout": 60.0, "quantity": 3, "note": note,
                      "bip353_name": "₿alice@example.com"}]


@pytest.mark.parametrize("extra", [{"quantity": 0}, {"quantity": -1}, {"quantity": 1.5},
                                   {"quantity": True}, {"quantity": "2"}, {"note": 5},
                                   {"note": b"bytes"}])
def test_bad_quantity_or_note_is_refused_before_the_node(api_and_calls, extra):
    api, calls = api_and_calls
    with pytest.raises(InputError):
        api.pay_offer(OFFER, 1_000, **extra).result(timeout=10)
    assert calls == []


def test_resolve_name_asks_the_node(api_and_calls):
    api, _ = api_and_calls
    asked = []

    async def resolve(**params):
        asked.append(params)
        return {"name": "₿alice@example.com", "uri": f"bitcoin:?lno={OFFER}", "dnssec": True}

    api._service.handlers["resolve"] = resolve
    got = api.resolve_name("alice@example.com").result(timeout=10)
    assert asked == [{"name": "alice@example.com"}] and got["dnssec"] is True
