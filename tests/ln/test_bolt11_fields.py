"""BOLT 11 reader rules field by field, on invoices built and signed here from raw fields
(independently of encode_invoice), plus the Invoice API and encoder errors."""

from __future__ import annotations

from dataclasses import replace

import pytest
from coincurve import PrivateKey

from tests.conftest import ROOT
from wallet.bech32 import CHARSET, Encoding, convertbits, decode_bech32, encode_bech32
from wallet.hashes import sha256
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import (
    Fallback,
    Invoice,
    InvoiceError,
    RouteHintHop,
    decode_invoice,
    format_amount,
    parse_amount,
)
from wallet.networks import MAINNET, NETWORKS, REGTEST, SIGNET, TESTNET, TESTNET4, pays_on

KEY = bytes(range(1, 33))
PAYEE = PrivateKey(KEY).public_key.format()
OTHER_KEY = bytes([7] * 32)
HASH = bytes(range(32))
SECRET = bytes([0x11] * 32)
TS = 1_700_000_000


def b2g(data: bytes) -> list[int]:
    return convertbits(data, 8, 5)


def int_groups(value: int) -> list[int]:
    out = []
    while value:
        out.append(value & 31)
        value >>= 5
    return out[::-1]


P = ("p", b2g(HASH))
S = ("s", b2g(SECRET))
D = ("d", b2g(b"coffee"))


def raw_invoice(fields, hrp="lnbc", key=KEY, timestamp=TS, tamper=None, encoding=Encoding.BECH32):
    """Sign raw (tag, 5-bit data) fields the way BOLT 11 says; `tamper` edits the 65-byte
    signature before it is appended."""
    groups = [(timestamp >> (5 * i)) & 31 for i in range(6, -1, -1)]
    for tag, data in fields:
        groups += [CHARSET.index(tag), len(data) >> 5, len(data) & 31] + list(data)
    digest = sha256(hrp.encode() + bytes(convertbits(groups, 5, 8)))
    sig = PrivateKey(key).sign_recoverable(digest, hasher=None)
    if tamper:
        sig = tamper(sig)
    return encode_bech32(hrp, groups + b2g(sig), encoding)


def test_minimal_raw_invoice_decodes_with_defaults():
    inv = decode_invoice(raw_invoice([P, S, D]))
    assert inv.network is MAINNET
    assert inv.amount_msat is None
    assert inv.timestamp == TS
    assert (inv.payment_hash, inv.payment_secret, inv.description) == (HASH, SECRET, "coffee")
    assert inv.payee == PAYEE
    assert inv.expiry == 3600 and inv.expires_at == TS + 3600
    assert inv.min_final_cltv_expiry_delta == 18
    assert inv.features == frozenset() and inv.route_hints == () and inv.fallbacks == ()
    assert inv.metadata is None and inv.ignored_fields == ()
    assert not inv.is_expired(TS + 3599) and inv.is_expired(TS + 3600)


# -- human-readable part ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, msat",
    [("", None), ("1", 10**11), ("20m", 2 * 10**9), ("2500u", 250_000_000), ("10n", 1000),
     ("10p", 1), ("9678785340p", 967_878_534), ("21000000", 21_000_000 * 10**11)],
)
def test_parse_amount(text, msat):
    assert parse_amount(text) == msat


@pytest.mark.parametrize(
    "text, words",
    [("025m", "leading zero"), ("0", "leading zero"), ("0m", "leading zero"),
     ("1p", "multiple of 10"), ("11p", "multiple of 10"), ("25x", "multiplier 'x'"),
     ("25mm", "not a number"), ("m", "not a number"), ("2.5m", "not a number"),
     ("21000001", "21 million"), ("9" * 5000, "too large")],
)
def test_parse_amount_rejects(text, words):
    with pytest.raises(InvoiceError, match=words):
        parse_amount(text)


@pytest.mark.parametrize(
    "msat, text", [(10**11, "1"), (2 * 10**9, "20m"), (250_000_000, "2500u"), (1000, "10n"),
                   (1, "10p"), (123_456, "1234560p"), (1100 * 10**8, "1100m")],
)
def test_format_amount_is_shortest(msat, text):
    assert format_amount(msat) == text


@pytest.mark.parametrize("network", list(NETWORKS.values()), ids=list(NETWORKS))
@pytest.mark.parametrize("amount", ["", "25m", "1", "10p"])
def test_every_network_prefix_with_and_without_amount(network, amount):
    """lnbcrt is not lnbc + 'rt', lntbs is not lntb + 's'; lntb is testnet's and testnet4's
    (an invoice cannot tell them apart: it decodes as testnet, and a testnet4 wallet pays it)."""
    inv = decode_invoice(raw_invoice([P, S, D], hrp="ln" + network.invoice_hrp + amount))
    assert inv.network is (TESTNET if network is TESTNET4 else network)
    assert pays_on(inv.network, network)
    assert inv.amount_msat == parse_amount(amount)


@pytest.mark.parametrize(
    "hrp, words",
    [("lnxy", "unknown currency prefix 'lnxy'"), ("lnxy25m", "unknown currency prefix 'lnxy'"),
     ("ln", "unknown currency prefix 'ln'"), ("lnbcr25m", "unknown currency prefix 'lnbcr'"),
     ("bc", "does not start with 'ln'"), ("lnbc25q", "multiplier 'q'"),
     ("lnbc1p", "multiple of 10"), ("lnbc025m", "leading zero"), ("lntb2.5m", "not a number")],
)
def test_bad_prefixes(hrp, words):
    with pytest.raises(InvoiceError, match=words):
        decode_invoice(raw_invoice([P, S, D], hrp=hrp))


# -- framing, checksum, signature ---------------------------------------------------------


def test_bech32m_checksum_is_refused():
    with pytest.raises(InvoiceError, match="bech32m"):
        decode_invoice(raw_invoice([P, S, D], encoding=Encoding.BECH32M))


def test_field_longer_than_the_data_is_refused():
    # A 'd' field whose length runs into the signature.
    hrp, groups, _ = decode_bech32(raw_invoice([P, S, ("d", [])]))
    # Patch the 'd' field's length (the two groups after 'd') to 1023 and re-checksum.
    idx = len(groups) - 104 - 2
    groups[idx], groups[idx + 1] = 31, 31
    with pytest.raises(InvoiceError, match="claims 1023 characters"):
        decode_invoice(encode_bech32(hrp, groups))


def test_too_short():
    with pytest.raises(InvoiceError, match="too short"):
        decode_invoice(encode_bech32("lnbc", [0] * 110))


def test_checksum_typo():
    text = raw_invoice([P, S, D])
    typo = text[:20] + ("q" if text[20] != "q" else "p") + text[21:]
    with pytest.raises(InvoiceError, match="bad checksum"):
        decode_invoice(typo)


def _set_recid(value):
    return lambda sig: sig[:64] + bytes([value])


def test_recovery_id_out_of_range():
    with pytest.raises(InvoiceError, match="recovery id"):
        decode_invoice(raw_invoice([P, S, D], tamper=_set_recid(4)))


def test_zero_r_is_refused():
    with pytest.raises(InvoiceError, match="out of range"):
        decode_invoice(raw_invoice([P, S, D], tamper=lambda sig: bytes(32) + sig[32:]))


def test_other_recovery_id_recovers_another_key():
    """Tampering with the recovery id cannot go unnoticed: the payee key changes."""
    good = decode_invoice(raw_invoice([P, S, D]))
    flipped = decode_invoice(raw_invoice([P, S, D], tamper=lambda s: s[:64] + bytes([s[64] ^ 1])))
    assert good.payee == PAYEE and flipped.payee != PAYEE


def test_explicit_payee_is_verified():
    inv = decode_invoice(raw_invoice([P, S, D, ("n", b2g(PAYEE))]))
    assert inv.payee == PAYEE
    # The same invoice signed by someone else.
    with pytest.raises(InvoiceError, match="does not match the payee key"):
        decode_invoice(raw_invoice([P, S, D, ("n", b2g(PAYEE))], key=OTHER_KEY))


def test_explicit_payee_requires_low_s():
    order = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

    def high_s(sig):
        s = int.from_bytes(sig[32:64], "big")
        return sig[:32] + (order - s).to_bytes(32, "big") + bytes([sig[64] ^ 1])

    # Without 'n' the high-S form (recovery id adjusted) recovers the same key ...
    assert decode_invoice(raw_invoice([P, S, D], tamper=high_s)).payee == PAYEE
    # ... with 'n' it must be refused.
    with pytest.raises(InvoiceError, match="low-S"):
        decode_invoice(raw_invoice([P, S, D, ("n", b2g(PAYEE))], tamper=high_s))


def test_payee_field_that_is_not_a_point_is_skipped():
    bogus = b"\x02" + bytes([0xFF] * 32)  # x beyond the field size: not on the curve
    inv = decode_invoice(raw_invoice([P, S, D, ("n", b2g(bogus))]))
    assert inv.payee == PAYEE
    assert [f.tag for f in inv.ignored_fields] == ["n"]


# -- required and fixed-length fields -----------------------------------------------------


@pytest.mark.parametrize(
    "fields, words",
    [([S, D], "no payment hash"), ([P, D], "no payment secret"),
     ([P, S], "neither a description"), ([P, S, D, ("h", b2g(HASH))], "both a description"),
     ([P, S, ("d", b2g(b"\xff\xfe"))], "UTF-8")],
)
def test_required_fields(fields, words):
    with pytest.raises(InvoiceError, match=words):
        decode_invoice(raw_invoice(fields))


def test_wrong_length_payment_hash_is_skipped_then_missing():
    short = ("p", b2g(HASH)[:51])
    with pytest.raises(InvoiceError, match="no payment hash"):
        decode_invoice(raw_invoice([short, S, D]))
    inv = decode_invoice(raw_invoice([short, P, S, D]))
    assert inv.payment_hash == HASH and inv.ignored_fields[0].data_length == 51


def test_first_of_repeated_fields_wins():
    other = ("p", b2g(bytes(32)))
    inv = decode_invoice(raw_invoice([P, other, S, D, ("d", b2g(b"second"))]))
    assert inv.payment_hash == HASH and inv.description == "coffee"
    assert [f.tag for f in inv.ignored_fields] == ["p", "d"]


def test_unknown_tags_are_kept_as_ignored():
    inv = decode_invoice(raw_invoice([P, ("2", [1, 2, 3]), S, D, ("v", [])]))
    assert [(f.tag, f.data) for f in inv.ignored_fields] == [("2", (1, 2, 3)), ("v", ())]


def test_description_hash_and_metadata():
    h = sha256(b"a long description")
    inv = decode_invoice(raw_invoice([P, S, ("h", b2g(h)), ("m", b2g(b"\x01\xfa"))]))
    assert inv.description is None and inv.description_hash == h
    assert inv.metadata == b"\x01\xfa"
    assert inv.matches_description("a long description")
    assert not inv.matches_description("another")


# -- integers and features ----------------------------------------------------------------


def test_expiry_and_cltv():
    inv = decode_invoice(raw_invoice([P, S, D, ("x", int_groups(60)), ("c", int_groups(144))]))
    assert (inv.expiry, inv.min_final_cltv_expiry_delta) == (60, 144)
    assert inv.expires_at == TS + 60


@pytest.mark.parametrize("tag", ["x", "c", "9"])
def test_non_minimal_integers_are_refused(tag):
    with pytest.raises(InvoiceError, match="minimal"):
        decode_invoice(raw_invoice([P, S, D, (tag, [0] + int_groups(1 << 14))]))


def test_huge_integer_is_refused():
    with pytest.raises(InvoiceError, match="too large"):
        decode_invoice(raw_invoice([P, S, D, ("x", [1] + [0] * 13)]))


def test_features_unknown_odd_ignored_unknown_even_refused():
    bits = (1 << 8) | (1 << 14) | (1 << 21)
    inv = decode_invoice(raw_invoice([P, S, D, ("9", int_groups(bits))]))
    assert inv.features == {8, 14, 21}
    with pytest.raises(InvoiceError, match="unknown feature bits 20, 100"):
        decode_invoice(raw_invoice([P, S, D, ("9", int_groups(bits | 1 << 20 | 1 << 100))]))
    inv = decode_invoice(
        raw_invoice([P, S, D, ("9", int_groups(bits | 1 << 20))]),
        known_features=frozenset({8, 14, 20}),
    )
    assert 20 in inv.features


@pytest.mark.parametrize("mpp", [16, 17])
def test_basic_mpp_needs_payment_secret(mpp):
    with pytest.raises(InvoiceError, match="depends on, 14/15"):
        decode_invoice(raw_invoice([P, S, D, ("9", int_groups(1 << 8 | 1 << mpp))]))
    for secret_bit in (14, 15):
        bits = 1 << 8 | 1 << mpp | 1 << secret_bit
        assert mpp in decode_invoice(raw_invoice([P, S, D, ("9", int_groups(bits))])).features


# -- fallbacks and route hints ------------------------------------------------------------


@pytest.mark.parametrize(
    "network, version, program, first",
    [(MAINNET, 17, bytes(20), "1"), (MAINNET, 18, bytes(20), "3"), (TESTNET, 18, bytes(20), "2"),
     (REGTEST, 0, bytes(32), "bcrt1q"), (SIGNET, 1, bytes(32), "tb1p"),
     (TESTNET, 17, bytes([0xFF] * 20), "n")],
)
def test_fallbacks_render_per_network(network, version, program, first):
    fields = [P, S, D, ("f", [version] + b2g(program))]
    inv = decode_invoice(raw_invoice(fields, hrp="ln" + network.invoice_hrp))
    assert inv.fallbacks == (Fallback(version, program),)
    (address,) = inv.fallback_addresses
    assert address.startswith(first)
    assert Fallback.from_address(address, network) == inv.fallbacks[0]


@pytest.mark.parametrize(
    "data",
    [[19] + b2g(bytes(20)), [31], [], [0] + b2g(bytes(25)), [17] + b2g(bytes(32)),
     [1] + b2g(bytes(1))],
    ids=["version 19", "version 31 empty", "empty", "v0 25 bytes", "p2pkh 32 bytes", "v1 1 byte"],
)
def test_unusable_fallbacks_are_skipped(data):
    inv = decode_invoice(raw_invoice([P, S, D, ("f", data), ("f", [0] + b2g(bytes(20)))]))
    assert inv.fallbacks == (Fallback(0, bytes(20)),)
    assert [f.tag for f in inv.ignored_fields] == ["f"]


def test_fallback_from_address_refuses_other_networks():
    address = Fallback(17, bytes(20)).address(MAINNET)
    with pytest.raises(InvoiceError, match="not an address on testnet"):
        Fallback.from_address(address, TESTNET)
    with pytest.raises(InvoiceError):
        Fallback.from_address("tb1qnotanaddress", TESTNET)


HOP = RouteHintHop(PAYEE, (700_000 << 40) | (12 << 16) | 1, 1000, 100, 40)


def test_route_hints():
    hop2 = replace(HOP, short_channel_id=5, cltv_expiry_delta=144)
    fields = [P, S, D, ("r", b2g(HOP.to_bytes() + hop2.to_bytes())), ("r", b2g(HOP.to_bytes()))]
    inv = decode_invoice(raw_invoice(fields))
    assert inv.route_hints == ((HOP, hop2), (HOP,))
    assert inv.to_json_dict()["route_hints"][0][0]["short_channel_id"] == "700000x12x1"


@pytest.mark.parametrize("size", [0, 50, 52, 101])
def test_route_hint_of_wrong_size_is_refused(size):
    with pytest.raises(InvoiceError, match="whole number"):
        decode_invoice(raw_invoice([P, S, D, ("r", b2g((HOP.to_bytes() * 3)[:size]))]))


def test_route_hint_with_bad_key_is_refused():
    bad = b"\x05" + HOP.to_bytes()[1:]
    with pytest.raises(InvoiceError, match="route hint node key"):
        decode_invoice(raw_invoice([P, S, D, ("r", b2g(bad))]))


# -- the Invoice object and the encoder ---------------------------------------------------


def make_invoice(**changes) -> Invoice:
    base = dict(network="testnet", amount_msat=1234, timestamp=TS, payment_hash=HASH,
                payment_secret=SECRET, payee=PAYEE, description="tea")
    base.update(changes)
    return Invoice(**base)


def test_invoice_accepts_friendly_inputs_and_is_immutable():
    inv = make_invoice(features=[8, 14], route_hints=[[HOP]], fallbacks=[Fallback(0, bytes(20))])
    assert inv.network is TESTNET
    assert inv.features == frozenset({8, 14}) and inv.route_hints == ((HOP,),)
    with pytest.raises(AttributeError):
        inv.amount_msat = 5  # type: ignore[misc]


def test_to_json_dict():
    inv = make_invoice(features={8, 14}, route_hints=[[HOP]], fallbacks=[Fallback(0, bytes(20))],
                       metadata=b"\x01")
    j = inv.to_json_dict()
    assert j["network"] == "testnet" and j["amount_msat"] == 1234 and j["timestamp"] == TS
    assert j["payment_hash"] == HASH.hex() and j["payment_secret"] == SECRET.hex()
    assert j["description"] == "tea" and "description_hash" not in j
    assert (j["expiry"], j["min_final_cltv_expiry_delta"]) == (3600, 18)
    assert j["payee"] == PAYEE.hex() and j["features"] == [8, 14]
    assert j["fallbacks"] == [Fallback(0, bytes(20)).address(TESTNET)]
    assert j["route_hints"] == [[HOP.to_json_dict()]] and j["metadata"] == "01"
    h = make_invoice(description=None, description_hash=HASH).to_json_dict()
    assert h["description_hash"] == HASH.hex() and "description" not in h


@pytest.mark.parametrize(
    "changes, words",
    [(dict(payment_hash=b"short"), "payment hash"), (dict(payee=bytes(33)), "payee key"),
     (dict(description=None), "exactly one"), (dict(description_hash=HASH), "exactly one"),
     (dict(amount_msat=0), "out of range"), (dict(timestamp=1 << 35), "35 bits"),
     (dict(route_hints=[[]]), "at least one hop"), (dict(network="moon"), "unknown network"),
     (dict(timestamp=None), "integer"), (dict(expiry=1.5), "integer"),
     (dict(amount_msat=True), "integer"), (dict(description=b"tea"), "text"),
     (dict(fallbacks=["bc1q..."]), "Fallback"), (dict(route_hints=[[{}]]), "RouteHintHop"),
     (dict(metadata="01"), "bytes")],
)
def test_invoice_construction_checks(changes, words):
    with pytest.raises(Exception, match=words) as info:
        make_invoice(**changes)
    assert isinstance(info.value, InvoiceError) or "network" in words


def test_encode_refuses_wrong_key_and_oversized_fields():
    inv = make_invoice()
    with pytest.raises(InvoiceError, match="does not belong"):
        encode_invoice(inv, OTHER_KEY)
    with pytest.raises(InvoiceError, match="private key"):
        encode_invoice(inv, bytes(32))
    with pytest.raises(InvoiceError, match="at most 1023"):
        encode_invoice(make_invoice(description="x" * 640), KEY)
    assert decode_invoice(encode_invoice(make_invoice(description="x" * 639), KEY))
    with pytest.raises(InvoiceError, match="at most 1023"):
        encode_invoice(make_invoice(route_hints=[[HOP] * 13]), KEY)
    # The encoder reads its output back: a feature set a reader must refuse is refused.
    with pytest.raises(InvoiceError, match="depends on"):
        encode_invoice(make_invoice(features={8, 17}), KEY)
    # Unknown features are the caller's choice, and are written.
    assert 100 in decode_invoice(
        encode_invoice(make_invoice(features={100}), KEY), known_features=frozenset({100})
    ).features


def test_encode_with_explicit_payee_and_all_fields():
    inv = make_invoice(
        network="regtest", amount_msat=1, expiry=0, min_final_cltv_expiry_delta=144,
        features={8, 14, 17, 49}, route_hints=[[HOP], [HOP, HOP]],
        fallbacks=[Fallback(17, bytes(20)), Fallback(1, bytes(32))], metadata=b"",
        description="ナンセンス 1杯",
    )
    text = encode_invoice(inv, KEY, include_payee=True)
    assert text.startswith("lnbcrt10p1")
    assert decode_invoice(text) == inv


def test_invoice_module_is_pure():
    """The invoice code must not pull in I/O (asyncio, socket, sqlite3)."""
    import subprocess
    import sys

    code = (
        "import sys, wallet.ln.bolt11.invoice; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('asyncio', 'socket', 'sqlite3')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
