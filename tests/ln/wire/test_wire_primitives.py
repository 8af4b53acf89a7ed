"""BOLT 1 fundamental types: integers, truncated integers, points, short channel ids, reader."""

from __future__ import annotations

import pytest
from coincurve import PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.errors import InputError
from wallet.ln.wire.errors import TlvError, UnknownMessageError, WireError
from wallet.ln.wire.primitives import (
    Reader,
    ShortChannelId,
    decode_tu,
    decode_u16,
    decode_u32,
    decode_u64,
    encode_tu,
    encode_u8,
    encode_u16,
    encode_u32,
    encode_u64,
    validate_point,
)
from wallet.ln.wire.tlv import TlvNamespace, TlvRecord, encode_tlv_stream


def test_error_hierarchy():
    for cls in (TlvError, UnknownMessageError):
        assert issubclass(cls, WireError)
    assert issubclass(WireError, InputError)


def test_fixed_width_integers():
    assert encode_u8(255) == b"\xff"
    assert encode_u16(0x0102) == b"\x01\x02" and decode_u16(b"\x01\x02") == 0x0102
    assert encode_u32(1) == b"\x00\x00\x00\x01" and decode_u32(b"\xff" * 4) == 2**32 - 1
    assert encode_u64(2**64 - 1) == b"\xff" * 8 and decode_u64(b"\x00" * 8) == 0
    for bad in (-1, 2**16, True, "1"):
        with pytest.raises(WireError):
            encode_u16(bad)
    with pytest.raises(WireError, match="expected 4 bytes"):
        decode_u32(b"\x00\x00")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([2, 4, 8]), st.data())
def test_truncated_round_trip(width, data):
    n = data.draw(st.integers(0, 2 ** (8 * width) - 1))
    encoded = encode_tu(n, width)
    assert encoded[:1] != b"\x00" and len(encoded) <= width
    assert decode_tu(encoded, width) == n


def test_truncated_rejects_non_minimal_and_too_long():
    assert encode_tu(0, 8) == b"" and decode_tu(b"", 8) == 0
    assert encode_tu(256, 2) == b"\x01\x00"
    with pytest.raises(WireError, match="not minimal"):
        decode_tu(b"\x00\x01", 8)
    with pytest.raises(WireError, match="longer"):
        decode_tu(b"\x01\x00\x00", 2)
    with pytest.raises(WireError):
        encode_tu(2**32, 4)


def test_points():
    pub = PrivateKey(b"\x01" * 32).public_key.format()
    assert validate_point(pub) == pub
    with pytest.raises(WireError, match="33-byte"):
        validate_point(pub[:-1])
    with pytest.raises(WireError, match="prefix"):
        validate_point(b"\x04" + pub[1:])
    # x = 5 is not on secp256k1 (x^3 + 7 = 132 is not a square mod p)
    with pytest.raises(WireError, match="not on the curve"):
        validate_point(b"\x02" + (5).to_bytes(32, "big"))


def test_short_channel_id():
    scid = ShortChannelId.from_str("539268x845x1")
    assert scid == ShortChannelId(539268, 845, 1)
    assert str(scid) == "539268x845x1"
    assert scid.to_int() == (539268 << 40) | (845 << 16) | 1
    assert ShortChannelId.from_int(scid.to_int()) == scid
    assert ShortChannelId.from_bytes(scid.to_bytes()) == scid
    for bad in ("1x2", "ax2x3", "1x2x3x4", "16777216x0x0", "0x0x65536", "", 5):
        with pytest.raises(WireError):
            ShortChannelId.from_str(bad)
    with pytest.raises(WireError):
        ShortChannelId.from_int(2**64)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**64 - 1))
def test_short_channel_id_round_trip(n):
    scid = ShortChannelId.from_int(n)
    assert ShortChannelId.from_str(str(scid)).to_int() == n


def test_reader():
    reader = Reader(b"\x00\x01abc")
    assert reader.read_uint(2) == 1
    assert reader.remaining == 3
    with pytest.raises(WireError, match="payload: unexpected end"):
        reader.read(4, "payload")
    assert reader.read_rest() == b"abc" and reader.at_end()


def test_tlv_encoding_sorts_and_validates():
    assert encode_tlv_stream({3: b"\x01", 1: b""}) == bytes.fromhex("0100" "030101")
    with pytest.raises(TlvError):
        encode_tlv_stream({-1: b""})
    with pytest.raises(TlvError):
        encode_tlv_stream({1: "text"})


def test_tlv_namespace_encode_errors():
    ns = TlvNamespace("t", (TlvRecord(1, "one", ()),))
    with pytest.raises(TlvError, match="no record"):
        ns.encode({"two": b""})
    with pytest.raises(TlvError, match="clashes"):
        ns.encode({}, {1: b""})
    with pytest.raises(ValueError):
        TlvNamespace("dup", (TlvRecord(1, "a", ()), TlvRecord(1, "b", ())))


def test_tlv_flag_record_without_fields():
    ns = TlvNamespace("t", (TlvRecord(2, "flag", ()),))
    assert ns.encode({"flag": True}) == bytes.fromhex("0200")
    assert ns.decode(bytes.fromhex("0200")) == {"flag": True}
    assert ns.decode(b"") == {}
    with pytest.raises(TlvError, match="left over"):
        ns.decode(bytes.fromhex("020100"))
    with pytest.raises(TlvError, match="True"):
        ns.encode({"flag": b"x"})


def test_wire_transport_and_features_are_pure():
    """Importing the protocol core pulls in no asyncio, socket or sqlite3."""
    import subprocess
    import sys

    code = (
        "import sys, wallet.ln.transport, wallet.ln.features, wallet.ln.wire.messages;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('asyncio', 'socket', 'sqlite3')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
