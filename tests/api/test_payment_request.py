"""Send-page parsing: BOLT 11, lightning: and bitcoin: URIs, plain addresses, and errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.networks import MAINNET, REGTEST, TESTNET, TESTNET4
from wallet.payment_request import (
    PaymentRequestError,
    format_btc,
    make_bip21,
    parse_payment_text,
)

BOLT11 = load_vector("bolt11_invoices.json")
BIP84 = load_vector("bip84.json")
ADDRESSES = [a["address"] for a in BIP84["addresses"]]


def _valid_invoices(currency: str) -> list[dict]:
    return [v for v in BOLT11["valid"] if v["decoded"]["currency"] == currency]


MAINNET_INVOICES = _valid_invoices("bc")
TESTNET_INVOICES = _valid_invoices("tb")


def _ids(cases: list[dict]) -> list[str]:
    return [c["title"][:40] for c in cases]


# --- plain addresses -------------------------------------------------------------------


@pytest.mark.parametrize("address", ADDRESSES)
def test_plain_address(address):
    req = parse_payment_text(f"  {address}\n", MAINNET)
    assert req.kind == "onchain"
    assert req.address == address
    assert req.amount_sat is None and req.invoice is None


@pytest.mark.parametrize("address", ADDRESSES)
def test_upper_case_address_is_normalised(address):
    assert parse_payment_text(address.upper(), MAINNET).address == address


@pytest.mark.parametrize("address", ADDRESSES)
def test_mainnet_address_on_testnet_wallet_says_so(address):
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(address, TESTNET)
    assert "mainnet address" in str(e.value) and "testnet" in str(e.value)


@pytest.mark.parametrize("address", ADDRESSES)
def test_typo_in_address(address):
    broken = address[:-1] + ("q" if address[-1] != "q" else "p")
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(broken, MAINNET)
    assert "typo" in str(e.value)
    assert e.value.detail


@pytest.mark.parametrize(
    "text", ["hello world", "1234", "bc1", "https://example.com/", "bitcoin", "lightning"]
)
def test_garbage_is_not_recognised(text):
    with pytest.raises(PaymentRequestError):
        parse_payment_text(text, MAINNET)


def test_empty_text_asks_for_something():
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text("   \n ", MAINNET)
    assert "Paste or scan" in str(e.value)


def test_very_long_text_refused():
    with pytest.raises(PaymentRequestError):
        parse_payment_text("bitcoin:" + ADDRESSES[0] + "?label=" + "a" * 10_000, MAINNET)


# --- BOLT 11 ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", MAINNET_INVOICES, ids=_ids(MAINNET_INVOICES))
def test_bolt11_vector(case):
    req = parse_payment_text(case["invoice"], MAINNET)
    assert req.kind == "bolt11"
    assert req.invoice == decode_invoice(case["invoice"])
    assert req.amount_msat == case["decoded"]["amount_msat"]
    if req.amount_msat is None:
        assert req.amount_sat is None
    else:
        assert req.amount_sat * 1000 >= req.amount_msat > (req.amount_sat - 1) * 1000
    assert req.address is None


@pytest.mark.parametrize("case", MAINNET_INVOICES, ids=_ids(MAINNET_INVOICES))
@pytest.mark.parametrize("prefix", ["lightning:", "LIGHTNING:", "Lightning: "])
def test_lightning_uri(case, prefix):
    req = parse_payment_text(prefix + case["invoice"], MAINNET)
    assert req.invoice == decode_invoice(case["invoice"])


@pytest.mark.parametrize("case", MAINNET_INVOICES, ids=_ids(MAINNET_INVOICES))
def test_upper_case_invoice(case):
    assert parse_payment_text(case["invoice"].upper(), MAINNET).invoice == decode_invoice(
        case["invoice"]
    )


@pytest.mark.parametrize("case", TESTNET_INVOICES, ids=_ids(TESTNET_INVOICES))
def test_testnet_invoice_on_mainnet_wallet(case):
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(case["invoice"], MAINNET)
    assert str(e.value).startswith("This is a testnet Lightning invoice")
    assert parse_payment_text(case["invoice"], TESTNET).kind == "bolt11"
    assert parse_payment_text(case["invoice"], TESTNET4).kind == "bolt11"  # "tb" is shared


@pytest.mark.parametrize("case", BOLT11["invalid"], ids=_ids(BOLT11["invalid"]))
def test_invalid_invoice_vectors(case):
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(case["invoice"], MAINNET)
    assert e.value.detail  # the technical reason, one tap away in the GUI


# --- BIP 21 ----------------------------------------------------------------------------


def test_bip21_amount_label_message():
    address = ADDRESSES[0]
    req = parse_payment_text(
        f"bitcoin:{address}?amount=0.00012345&label=Luke%20Jr&message=Donation%20for%20x",
        MAINNET,
    )
    assert (req.kind, req.address, req.amount_sat) == ("onchain", address, 12345)
    assert req.label == "Luke Jr" and req.message == "Donation for x"
    assert req.description == "Donation for x"


@pytest.mark.parametrize(
    "amount, sat",
    [("1", 100_000_000), ("0.1", 10_000_000), ("20.3", 2_030_000_000), ("50", 5_000_000_000),
     (".5", 50_000_000), ("5.", 500_000_000), ("0.00000001", 1), ("21000000", 21 * 10**14),
     ("0.100000000", 10_000_000)],
)
def test_bip21_amounts_exact(amount, sat):
    req = parse_payment_text(f"BITCOIN:{ADDRESSES[1].upper()}?amount={amount}", MAINNET)
    assert req.amount_sat == sat
    assert req.address == ADDRESSES[1]


@pytest.mark.parametrize(
    "amount",
    ["", ".", "0", "0.0", "-1", "1e3", "1,5", "0.000000001", "21000000.00000001", "abc",
     "1.2.3", "99999999999", " 1", "0x10"],
)
def test_bip21_bad_amounts(amount):
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(f"bitcoin:{ADDRESSES[0]}?amount={amount}", MAINNET)
    assert "amount" in str(e.value)


def test_bip21_unknown_required_param_refused():
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(f"bitcoin:{ADDRESSES[0]}?req-somethingnew=1", MAINNET)
    assert "req-somethingnew" in e.value.detail


def test_bip21_unknown_optional_param_ignored():
    req = parse_payment_text(f"bitcoin:{ADDRESSES[0]}?somethingnew=1&amount=1", MAINNET)
    assert req.amount_sat == 100_000_000


def test_bip21_duplicate_param_refused():
    with pytest.raises(PaymentRequestError):
        parse_payment_text(f"bitcoin:{ADDRESSES[0]}?amount=1&amount=2", MAINNET)


def test_bip21_wrong_network_address():
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(f"bitcoin:{ADDRESSES[0]}", REGTEST)
    assert "mainnet address" in str(e.value)


def test_bip21_bad_percent_encoding():
    with pytest.raises(PaymentRequestError):
        parse_payment_text(f"bitcoin:{ADDRESSES[0]}?label=%ff%fe", MAINNET)


def test_bip21_without_address_or_invoice():
    with pytest.raises(PaymentRequestError):
        parse_payment_text("bitcoin:?amount=1", MAINNET)


@pytest.mark.parametrize("case", MAINNET_INVOICES, ids=_ids(MAINNET_INVOICES))
def test_unified_bip21(case):
    invoice = decode_invoice(case["invoice"])
    text = f"bitcoin:{ADDRESSES[0]}?lightning={case['invoice']}"
    req = parse_payment_text(text, MAINNET)
    assert req.kind == "unified"
    assert req.address == ADDRESSES[0]
    assert req.invoice == invoice
    assert req.amount_msat == invoice.amount_msat


@pytest.mark.parametrize("case", MAINNET_INVOICES, ids=_ids(MAINNET_INVOICES))
def test_bip21_with_only_lightning(case):
    req = parse_payment_text(f"bitcoin:?lightning={case['invoice']}", MAINNET)
    assert req.kind == "bolt11" and req.address is None


def test_unified_amount_mismatch_refused():
    case = next(c for c in MAINNET_INVOICES if c["decoded"]["amount_msat"])
    sat = case["decoded"]["amount_msat"] // 1000 + 1
    text = f"bitcoin:{ADDRESSES[0]}?amount={format_btc(sat)}&lightning={case['invoice']}"
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(text, MAINNET)
    assert "differ" in str(e.value)


def test_unified_with_testnet_invoice_refused():
    text = f"bitcoin:{ADDRESSES[0]}?lightning={TESTNET_INVOICES[0]['invoice']}"
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(text, MAINNET)
    assert "testnet" in str(e.value)


# --- make_bip21 ------------------------------------------------------------------------


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("amount", [None, 1, 12345, 100_000_000, 2_100_000_000_000_000])
@pytest.mark.parametrize("label", [None, "Coffee & cake", "100% = ?", "café"])
def test_make_bip21_round_trip(address, amount, label):
    uri = make_bip21(address, amount, label=label, message=label)
    req = parse_payment_text(uri, MAINNET)
    assert (req.address, req.amount_sat, req.label, req.message) == (address, amount, label, label)


def test_make_bip21_plain():
    assert make_bip21(ADDRESSES[0]) == f"bitcoin:{ADDRESSES[0]}"
    assert make_bip21(ADDRESSES[0], 150_000) == f"bitcoin:{ADDRESSES[0]}?amount=0.0015"


@pytest.mark.parametrize("case", MAINNET_INVOICES, ids=_ids(MAINNET_INVOICES))
def test_make_bip21_with_lightning(case):
    amount = case["decoded"]["amount_msat"]
    amount_sat = amount // 1000 if amount and amount % 1000 == 0 else None
    uri = make_bip21(ADDRESSES[0], amount_sat, lightning=case["invoice"])
    req = parse_payment_text(uri, MAINNET)
    assert req.kind == "unified" and req.invoice == decode_invoice(case["invoice"])


@pytest.mark.parametrize("amount", [0, -5, 21 * 10**14 + 1, True, 1.5])
def test_make_bip21_bad_amount(amount):
    with pytest.raises(PaymentRequestError):
        make_bip21(ADDRESSES[0], amount)


# --- properties ------------------------------------------------------------------------

_PREFIXES = st.sampled_from(["", "bitcoin:", "lightning:", "BITCOIN:", "ln", "lnbc", "bc1q",
                             f"bitcoin:{ADDRESSES[0]}?", "bitcoin:?lightning=lnbc"])
_BODY = st.text(max_size=120) | st.text(
    alphabet="qpzry9x8gf2tvdw0s3jn54khce6mua7l1=&?%.-_:", max_size=200
)


@settings(max_examples=400, deadline=None)
@given(prefix=_PREFIXES, body=_BODY, network=st.sampled_from([MAINNET, TESTNET, REGTEST]))
def test_garbage_only_raises_payment_request_error(prefix, body, network):
    try:
        req = parse_payment_text(prefix + body, network)
    except PaymentRequestError as e:
        assert isinstance(e, InputError)
        assert str(e).endswith(".") and str(e)[0].isupper()
    else:
        assert req.kind in ("bolt11", "onchain", "unified")


@settings(max_examples=200, deadline=None)
@given(
    address=st.sampled_from(ADDRESSES),
    amount=st.none() | st.integers(1, 21 * 10**14),
    label=st.none() | st.text(min_size=1, max_size=40),
)
def test_make_bip21_round_trip_property(address, amount, label):
    req = parse_payment_text(make_bip21(address, amount, label=label), MAINNET)
    assert (req.address, req.amount_sat, req.label) == (address, amount, label)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 21 * 10**14))
def test_format_btc_exact(sat):
    from decimal import Decimal

    assert Decimal(format_btc(sat)) * 100_000_000 == sat
