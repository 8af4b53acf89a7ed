"""Property tests: random invoices round-trip through encode/decode, and mangled or random
input only ever raises InvoiceError."""

from __future__ import annotations

from coincurve import PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.bech32 import CHARSET, convertbits, encode_bech32
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import (
    MAX_MSAT,
    Fallback,
    Invoice,
    InvoiceError,
    RouteHintHop,
    decode_invoice,
    format_amount,
    parse_amount,
)
from wallet.networks import NETWORKS

VECTOR_INVOICES = [v["invoice"] for v in load_vector("bolt11_invoices.json")["valid"]]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

private_keys = st.integers(min_value=1, max_value=2**255).map(lambda n: n.to_bytes(32, "big"))
pubkeys = private_keys.map(lambda k: PrivateKey(k).public_key.format())
hops = st.builds(
    RouteHintHop,
    pubkey=pubkeys,
    short_channel_id=st.integers(0, 2**64 - 1),
    fee_base_msat=st.integers(0, 2**32 - 1),
    fee_proportional_millionths=st.integers(0, 2**32 - 1),
    cltv_expiry_delta=st.integers(0, 2**16 - 1),
)
fallbacks = st.one_of(
    st.builds(Fallback, st.sampled_from([17, 18]), st.binary(min_size=20, max_size=20)),
    st.builds(Fallback, st.just(0), st.sampled_from([20, 32]).flatmap(
        lambda n: st.binary(min_size=n, max_size=n))),
    st.builds(Fallback, st.integers(1, 16), st.binary(min_size=2, max_size=40)),
)
# Odd bits anywhere, plus the even bits the decoder knows; basic_mpp (16/17) needs
# payment_secret (14/15).
feature_bits = st.frozensets(
    st.one_of(st.integers(0, 300).map(lambda b: b | 1), st.sampled_from([8, 14, 16, 48]))
).map(lambda bits: bits | {14} if bits & {16, 17} else bits)


@st.composite
def invoices(draw):
    key = draw(private_keys)
    with_hash = draw(st.booleans())
    invoice = Invoice(
        # one network per prefix: testnet4 shares testnet's "tb" and decodes as testnet
        network=draw(st.sampled_from([n for n in NETWORKS.values() if n.name != "testnet4"])),
        amount_msat=draw(st.none() | st.integers(1, MAX_MSAT)),
        timestamp=draw(st.integers(0, 2**35 - 1)),
        payment_hash=draw(st.binary(min_size=32, max_size=32)),
        payment_secret=draw(st.binary(min_size=32, max_size=32)),
        payee=PrivateKey(key).public_key.format(),
        description=None if with_hash else draw(st.text(max_size=40)),
        description_hash=draw(st.binary(min_size=32, max_size=32)) if with_hash else None,
        expiry=draw(st.integers(0, 2**64 - 1)),
        min_final_cltv_expiry_delta=draw(st.integers(0, 2**64 - 1)),
        features=draw(feature_bits),
        route_hints=draw(st.lists(st.lists(hops, min_size=1, max_size=3), max_size=2)),
        fallbacks=draw(st.lists(fallbacks, max_size=3)),
        metadata=draw(st.none() | st.binary(max_size=40)),
    )
    return invoice, key


@FAST
@given(invoices(), st.booleans())
def test_encode_decode_round_trip(pair, include_payee):
    invoice, key = pair
    text = encode_invoice(invoice, key, include_payee=include_payee)
    decoded = decode_invoice(text)
    assert decoded == invoice
    assert decode_invoice(text.upper()) == invoice
    assert encode_invoice(decoded, key, include_payee=include_payee) == text


@FAST
@given(st.integers(1, MAX_MSAT))
def test_amount_round_trip(msat):
    assert parse_amount(format_amount(msat)) == msat


def _decode_or_invoice_error(text: str) -> None:
    """Decoding either works or raises InvoiceError with a short one-line message."""
    try:
        decode_invoice(text)
    except InvoiceError as e:
        message = str(e)
        assert message and "\n" not in message and len(message) < 200, message


@FAST
@given(st.sampled_from(VECTOR_INVOICES), st.data())
def test_single_character_changes_never_crash(text, data):
    pos = data.draw(st.integers(0, len(text) - 1))
    char = data.draw(st.sampled_from(CHARSET + "1bio0B"))
    mutated = text[:pos] + char + text[pos + 1 :]
    if mutated != text:
        # bech32 finds every single substitution: the result is always refused.
        try:
            decode_invoice(mutated)
        except InvoiceError:
            pass
        else:
            raise AssertionError("a changed character went unnoticed")


@FAST
@given(st.sampled_from(VECTOR_INVOICES), st.data())
def test_truncation_and_insertion_never_crash(text, data):
    cut = data.draw(st.integers(0, len(text)))
    _decode_or_invoice_error(text[:cut])
    _decode_or_invoice_error(text[cut:])
    extra = data.draw(st.text(max_size=5))
    _decode_or_invoice_error(text[:cut] + extra + text[cut:])


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    _decode_or_invoice_error(text)


@FAST
@given(st.text(alphabet="lnbc0123456789mupx", max_size=3000))
def test_long_prefixes_give_short_messages(hrp):
    _decode_or_invoice_error(encode_bech32("ln" + hrp, [0] * 120))


@FAST
@given(
    st.sampled_from(["lnbc", "lntb", "lntbs", "lnbcrt", "lnbc25m", "lnbc10p", "lnxy", "lnbc0"]),
    st.lists(st.integers(0, 31), max_size=700),
)
def test_garbage_data_with_a_valid_checksum_never_crashes(hrp, groups):
    _decode_or_invoice_error(encode_bech32(hrp, groups))


@st.composite
def raw_fields(draw):
    tag = draw(st.sampled_from(CHARSET))
    length = draw(st.integers(0, 70) | st.sampled_from([52, 53, 82, 164]))
    return [CHARSET.index(tag), length >> 5, length & 31] + draw(
        st.lists(st.integers(0, 31), min_size=length, max_size=length)
    )


@FAST
@given(st.lists(raw_fields(), max_size=8), st.binary(min_size=65, max_size=65))
def test_random_well_framed_fields_never_crash(fields, signature):
    """Well-framed but random fields reach every field parser and the signature check."""
    groups = [0] * 7 + [g for f in fields for g in f]
    _decode_or_invoice_error(encode_bech32("lnbc", groups + convertbits(signature, 8, 5)))
