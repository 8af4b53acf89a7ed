"""Property tests for the decoders this hardening touched: bech32 (and its bit regrouping),
segwit addresses, Base58, addresses of every kind, BIP 21 URIs and the invoice length cap.
Any text in -> a result or the decoder's one typed error out; valid values round-trip.
Bounded for CI; `fuzz/` runs the same decoders for as long as you like."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet.bech32 import (
    CHARSET,
    Bech32Error,
    Encoding,
    convertbits,
    decode_bech32,
    decode_segwit_address,
    encode_bech32,
    encode_segwit_address,
)
from wallet.keys.base58 import (
    MAX_LENGTH,
    Base58Error,
    b58check_decode,
    b58check_encode,
    b58decode,
    b58encode,
)
from wallet.ln.bolt11.invoice import MAX_INVOICE_LENGTH, InvoiceError, decode_invoice
from wallet.networks import MAINNET, REGTEST
from wallet.onchain.addresses import AddressError, address_to_script, script_to_address
from wallet.payment_request import (
    MAX_TEXT_LENGTH,
    PaymentRequestError,
    format_btc,
    make_bip21,
    parse_payment_text,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
bech32_text = st.text(alphabet="1" + CHARSET + CHARSET.upper() + "bcrtln", max_size=120)
any_text = st.one_of(st.text(max_size=200), bech32_text)


def _reference_convertbits(data: list[int], frombits: int, tobits: int) -> list[int]:
    """The regrouping by one big integer (obviously right, quadratic: small inputs only)."""
    bits = "".join(format(v, f"0{frombits}b") for v in data)
    bits += "0" * (-len(bits) % tobits)
    return [int(bits[i:i + tobits], 2) for i in range(0, len(bits), tobits)]


@FAST
@given(st.binary(max_size=300))
def test_convertbits_matches_the_reference_and_round_trips(data):
    five = convertbits(data, 8, 5)
    assert five == _reference_convertbits(list(data), 8, 5)
    assert bytes(convertbits(five, 5, 8, pad=False)) == data


@FAST
@given(st.text(alphabet="qpzry9x8gf2tvdw0s3jn54khce6mua7l", min_size=1, max_size=10)
       .filter(lambda h: "1" not in h),
       st.lists(st.integers(0, 31), max_size=200), st.sampled_from(list(Encoding)))
def test_bech32_round_trips(hrp, data, encoding):
    assert decode_bech32(encode_bech32(hrp, data, encoding)) == (hrp, data, encoding)


@FAST
@given(any_text)
def test_bech32_and_segwit_decoders_raise_only_their_error(text):
    for decode in (decode_bech32, lambda t: decode_segwit_address("bc", t)):
        with contextlib.suppress(Bech32Error):
            decode(text)


@FAST
@given(st.integers(0, 16), st.binary(min_size=2, max_size=40))
def test_segwit_addresses_round_trip(version, program):
    if version == 0 and len(program) not in (20, 32):
        return
    address = encode_segwit_address("bcrt", version, program)
    assert decode_segwit_address("bcrt", address) == (version, program)
    assert decode_segwit_address("bcrt", address.upper()) == (version, program)


@FAST
@given(st.binary(max_size=90))
def test_base58_round_trips(data):
    assert len(b58encode(data)) <= MAX_LENGTH
    assert b58decode(b58encode(data)) == data
    if len(data) <= 80:
        assert b58check_decode(b58check_encode(data)) == data


@FAST
@given(st.one_of(st.text(max_size=200), st.text(alphabet="123456789ABCDEFGHJKLMNPQRSTUVWXYZab",
                                                 max_size=400)))
def test_base58_decoders_raise_only_their_error(text):
    for decode in (b58decode, b58check_decode):
        try:
            decode(text)
        except Base58Error as e:
            assert len(text) <= MAX_LENGTH or "too long" in str(e)


@FAST
@given(any_text)
def test_addresses_raise_only_address_error(text):
    with contextlib.suppress(AddressError):
        address_to_script(text, MAINNET)


@FAST
@given(st.sampled_from([b"\x00\x14", b"\x00\x20", b"\x51\x20"]), st.binary(min_size=32, max_size=32))
def test_scripts_and_addresses_round_trip(prefix, body):
    script = prefix + body[: prefix[1]]
    address = script_to_address(script, REGTEST)
    assert address is not None and address_to_script(address, REGTEST) == script


labels = st.one_of(st.none(), st.text(max_size=40).filter(lambda t: t.strip() == t))


@FAST
@given(st.one_of(st.none(), st.integers(1, 21_000_000 * 100_000_000)), labels, labels)
def test_bip21_round_trips(amount_sat, label, message):
    address = encode_segwit_address("bcrt", 0, bytes(20))
    uri = make_bip21(address, amount_sat, label=label, message=message)
    request = parse_payment_text(uri, REGTEST)
    assert request.kind == "onchain" and request.address == address
    assert request.amount_sat == amount_sat
    assert request.label == (label or None) and request.message == (message or None)
    if amount_sat is not None:
        assert f"amount={format_btc(amount_sat)}" in uri


@FAST
@given(st.text(max_size=300), st.sampled_from(["bitcoin:", "BITCOIN:", "lightning:", ""]))
def test_payment_text_raises_only_its_error(text, scheme):
    try:
        parse_payment_text(scheme + text, REGTEST)
    except PaymentRequestError as e:
        assert e.message  # one sentence for people


@FAST
@given(st.integers(MAX_TEXT_LENGTH + 1, 4 * MAX_TEXT_LENGTH), st.sampled_from("xq1 :?"))
def test_pasted_text_over_the_cap_is_refused_whatever_it_holds(length, filler):
    try:
        parse_payment_text("bitcoin:" + filler * length, REGTEST)
    except PaymentRequestError as e:
        assert e.message == "This text is too long to be a Bitcoin address or a Lightning invoice."
    else:
        raise AssertionError("accepted")


@FAST
@given(st.integers(MAX_INVOICE_LENGTH + 1, 10 * MAX_INVOICE_LENGTH),
       st.sampled_from(["lnbc1", "lightning:lnbcrt1", "  ", "LNBC1"]), st.sampled_from("qP 1"))
def test_invoices_over_the_cap_are_refused_by_the_cap(length, prefix, filler):
    text = (prefix + filler * length)[:length]
    try:
        decode_invoice(text)
    except InvoiceError as e:
        assert str(e).startswith(f"This invoice is {length:,} characters long")
    else:
        raise AssertionError("accepted")
