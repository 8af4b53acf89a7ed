"""BOLT 12 offers on the Send page and `kite pay`: recognised in every form, refused with
one sentence until Kite pays offers, and never turned into an on-chain payment."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import coincurve
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.daemon.channel_service import ChannelService
from wallet.errors import InputError
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.bolt12.offer_text import DAMAGED, NOT_PAYABLE_YET, OTHER_NETWORK
from wallet.networks import MAINNET, REGTEST, TESTNET
from wallet.payment_request import PaymentRequestError, parse_payment_text

ISSUER = coincurve.PrivateKey(bytes([0x41]) * 32).public_key.format(compressed=True)
ADDRESS = load_vector("bip84.json")["addresses"][0]["address"]
OFFER = Offer.build(description="coffee", issuer="Shop", amount=5000, issuer_id=ISSUER).to_string()
TESTNET_OFFER = Offer.build(description="x", issuer_id=ISSUER,
                            chains=(chain_hash(TESTNET.genesis_hash),)).to_string()


def refusal(text: str, network=MAINNET) -> PaymentRequestError:
    with pytest.raises(PaymentRequestError) as err:
        parse_payment_text(text, network)
    return err.value


@pytest.mark.parametrize("text", [
    OFFER,
    OFFER.upper(),
    OFFER[:20] + "+\n  " + OFFER[20:],
    "  " + OFFER + "\n",
    "lightning:" + OFFER,
    "LIGHTNING:" + OFFER.upper(),
    "lightning://" + OFFER,
    f"bitcoin:{ADDRESS}?lno={OFFER}",
    f"bitcoin:{ADDRESS}?amount=0.00005&lno={OFFER}",
    f"bitcoin:{ADDRESS}?LNO={OFFER}&label=shop",
    f"bitcoin:?lno={OFFER}",
    f"BITCOIN:{ADDRESS.upper()}?lno={OFFER.upper()}",
    f"bitcoin:{ADDRESS}?lightning={OFFER}",
])
def test_offers_are_recognised_and_refused_with_one_sentence(text):
    err = refusal(text)
    assert err.message == NOT_PAYABLE_YET
    assert "coffee" in err.detail and "Shop" in err.detail


@pytest.mark.parametrize(("text", "sentence"), [
    (OFFER[:-5], DAMAGED),
    (OFFER[:10] + OFFER[10:].upper(), DAMAGED),
    (OFFER[:12] + "b" + OFFER[13:], DAMAGED),
    ("lno1", DAMAGED),
    ("lightning:lno1qqqq", DAMAGED),
    (f"bitcoin:{ADDRESS}?lno=", DAMAGED),
    (f"bitcoin:{ADDRESS}?lno=%ff%fe", DAMAGED),
    (f"bitcoin:{ADDRESS}?lno=notanoffer", DAMAGED),
    (f"bitcoin:{ADDRESS}?lno={OFFER}+", DAMAGED),
    (f"bitcoin:{ADDRESS}?lno={OFFER}&lno={OFFER}", "more than one offer"),
    (f"bitcoin:{ADDRESS}?lno={OFFER}&LNO={OFFER}", "more than one offer"),
    (f"bitcoin:{ADDRESS}?lno={OFFER}&lightning={OFFER}", "more than one offer"),
    (TESTNET_OFFER, OTHER_NETWORK),
    (f"bitcoin:{ADDRESS}?lno={TESTNET_OFFER}", OTHER_NETWORK),
])
def test_lying_or_damaged_offers_get_their_sentence(text, sentence):
    err = refusal(text)
    assert sentence in err.message
    assert err.message.endswith(".")


def test_bitcoin_offer_on_regtest_is_for_another_network():
    assert refusal(OFFER, REGTEST).message == OTHER_NETWORK


def test_plain_requests_still_parse():
    request = parse_payment_text(f"bitcoin:{ADDRESS}?amount=0.001&lnoextra=1", MAINNET)
    assert request.kind == "onchain" and request.amount_sat == 100_000


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_no_lno_uri_ever_becomes_an_on_chain_payment(junk):
    for text in (f"bitcoin:{ADDRESS}?lno={junk}", f"bitcoin:{ADDRESS}?amount=1&lno={junk}&x=1"):
        try:
            request = parse_payment_text(text, MAINNET)
        except PaymentRequestError:
            continue
        raise AssertionError(f"{text!r} parsed as {request.kind}")


def test_kite_pay_refuses_damaged_offers_and_stray_offer_options():
    fake = SimpleNamespace(node=SimpleNamespace(network=MAINNET))
    with pytest.raises(InputError, match="not valid"):
        asyncio.run(ChannelService.pay(fake, "lightning:lno1qqqq"))
    with pytest.raises(InputError, match="another network"):
        asyncio.run(ChannelService.pay(fake, TESTNET_OFFER))
    with pytest.raises(InputError, match="only with a BOLT 12 offer"):
        asyncio.run(ChannelService.pay(fake, "lnbc1anything", quantity=2))
