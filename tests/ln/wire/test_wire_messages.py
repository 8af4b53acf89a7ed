"""BOLT 1/2 message codec: table-driven round trips (hypothesis), bad input, extensions."""

from __future__ import annotations

import pytest
from coincurve import PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet.ln.wire import messages as M
from wallet.ln.wire.errors import TlvError, UnknownMessageError, WireError
from wallet.ln.wire.fieldtypes import (
    FieldType,
    FixedBytes,
    LengthPrefixedArray,
    LengthPrefixedBytes,
    Point,
    RestArray,
    RestBytes,
    ShortChannelIdField,
    TruncatedUInt,
    UInt,
)
from wallet.ln.wire.primitives import ShortChannelId

POINTS = [PrivateKey.from_int(k).public_key.format() for k in range(1, 12)]
CID = bytes(range(32))
SIG = bytes(64)


def strategy_for(ftype: FieldType) -> st.SearchStrategy:
    """A value generator for every field type the message tables use."""
    if isinstance(ftype, UInt | TruncatedUInt):
        return st.integers(0, (1 << (8 * ftype.width)) - 1)
    if isinstance(ftype, Point):
        return st.sampled_from(POINTS)
    if isinstance(ftype, FixedBytes):
        return st.binary(min_size=ftype.size, max_size=ftype.size)
    if isinstance(ftype, ShortChannelIdField):
        return st.builds(ShortChannelId, st.integers(0, 2**24 - 1), st.integers(0, 2**24 - 1),
                         st.integers(0, 2**16 - 1))
    if isinstance(ftype, LengthPrefixedBytes | RestBytes):
        return st.binary(max_size=80)
    if isinstance(ftype, LengthPrefixedArray | RestArray):
        return st.lists(strategy_for(ftype.item), max_size=4).map(tuple)
    raise AssertionError(f"no strategy for {ftype!r}")


def _record_strategy(rec) -> st.SearchStrategy:
    if not rec.fields:
        return st.just(True)
    if rec.value_type is None:
        return strategy_for(rec.fields[0][1])
    return st.tuples(*(strategy_for(f) for _, f in rec.fields)).map(lambda v: rec.value_type(*v))


@st.composite
def messages(draw, cls=None):
    cls = cls or draw(st.sampled_from(sorted(M.CLASSES.values(), key=lambda c: c.TYPE)))
    spec = cls.SPEC
    values = {name: draw(strategy_for(f)) for name, f in spec.fields}
    for rec in spec.tlvs.records:
        values[rec.name] = draw(st.none() | _record_strategy(rec))
    odd = st.integers(0, 2**20).map(lambda n: 2 * n + 1).filter(lambda t: t not in spec.tlvs.types)
    extra = draw(st.dictionaries(odd, st.binary(max_size=10), max_size=3))
    values["unknown_tlvs"] = tuple(sorted(extra.items()))
    return cls(**values)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_round_trip_every_message(msg):
    data = msg.encode()
    assert int.from_bytes(data[:2], "big") == msg.TYPE
    assert M.decode_message(data) == msg


@pytest.mark.parametrize("cls", sorted(M.CLASSES.values(), key=lambda c: c.TYPE), ids=lambda c: c.NAME)
def test_round_trip_each_message_type(cls):
    @settings(max_examples=15, deadline=None)
    @given(messages(cls))
    def check(msg):
        assert M.decode_message(msg.encode()) == msg

    check()


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_only_raise_wire_error(data):
    try:
        msg = M.decode_message(data)
    except WireError:
        return
    assert M.encode_message(msg) == data  # whatever decodes is canonical


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(M.SPECS)), st.binary(max_size=400))
def test_known_type_with_random_body_only_raises_wire_error(msg_type, body):
    data = msg_type.to_bytes(2, "big") + body
    try:
        msg = M.decode_message(data)
    except WireError:
        return
    assert msg.encode() == data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messages(), st.data())
def test_mutated_messages_decode_canonically_or_raise_wire_error(msg, data):
    wire = bytearray(msg.encode())
    for _ in range(data.draw(st.integers(1, 3))):
        pos = data.draw(st.integers(0, len(wire) - 1))
        wire[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(wire)))
    mutated = bytes(wire[:cut])
    try:
        decoded = M.decode_message(mutated)
    except WireError:
        return
    assert M.encode_message(decoded) == mutated


# -- specific behaviour ----------------------------------------------------------------------


def test_type_numbers_and_names():
    expected = {
        "init": 16, "error": 17, "warning": 1, "ping": 18, "pong": 19, "open_channel": 32,
        "accept_channel": 33, "funding_created": 34, "funding_signed": 35, "channel_ready": 36,
        "shutdown": 38, "closing_signed": 39, "update_add_htlc": 128, "update_fulfill_htlc": 130,
        "update_fail_htlc": 131, "commitment_signed": 132, "revoke_and_ack": 133,
        "update_fee": 134, "update_fail_malformed_htlc": 135, "channel_reestablish": 136,
        "peer_storage": 7, "peer_storage_retrieval": 9,
    }
    assert {name: cls.TYPE for name, cls in M.BY_NAME.items()} == expected


def test_ping_exact_bytes():
    ping = M.Ping(num_pong_bytes=4, ignored=b"\x00\x00")
    assert ping.encode().hex() == "0012" + "0004" + "0002" + "0000"
    assert M.Pong(ignored=b"").encode().hex() == "0013" + "0000"


def test_commitment_signed_layout():
    sigs = (b"\x01" * 64, b"\x02" * 64)
    msg = M.CommitmentSigned(channel_id=CID, signature=SIG, htlc_signatures=sigs)
    data = msg.encode()
    assert data[2 + 32 + 64 : 2 + 32 + 64 + 2] == b"\x00\x02"
    assert len(data) == 2 + 32 + 64 + 2 + 128
    assert M.decode_message(data).htlc_signatures == sigs


def test_tlv_extensions_decode_to_attributes():
    msg = M.ClosingSigned(channel_id=CID, fee_satoshis=500, signature=SIG,
                          fee_range=(100, 1000))
    decoded = M.decode_message(msg.encode())
    assert decoded.fee_range.min_fee_satoshis == 100
    assert decoded.fee_range.max_fee_satoshis == 1000
    assert decoded.tlv_values() == {"fee_range": (100, 1000)}

    ready = M.ChannelReady(channel_id=CID, second_per_commitment_point=POINTS[0],
                           alias_scid=ShortChannelId(1, 2, 3))
    assert M.decode_message(ready.encode()).alias_scid == ShortChannelId(1, 2, 3)
    assert str(M.decode_message(ready.encode()).alias_scid) == "1x2x3"

    chains = (bytes(32), b"\x11" * 32)
    init = M.Init(globalfeatures=b"", features=b"\x02\x00", networks=chains, remote_addr=b"\x01abcd")
    decoded = M.decode_message(init.encode())
    assert decoded.networks == chains and decoded.remote_addr == b"\x01abcd"
    assert decoded.encode() == init.encode()


def test_message_without_extension_has_no_tlvs():
    msg = M.UpdateFee(channel_id=CID, feerate_per_kw=253)
    assert msg.encode() == bytes.fromhex("0086") + CID + (253).to_bytes(4, "big")
    assert M.decode_message(msg.encode()).unknown_tlvs == ()


def test_unknown_message_types():
    odd = M.decode_message(bytes.fromhex("ffff") + b"payload")
    assert odd == M.UnknownOddMessage(0xFFFF, b"payload")
    assert odd.NAME == "unknown_odd"
    with pytest.raises(UnknownMessageError) as info:
        M.decode_message(bytes.fromhex("fffe") + b"payload")
    assert info.value.message_type == 0xFFFE
    for data in (b"", b"\x00"):
        with pytest.raises(WireError, match="too short"):
            M.decode_message(data)


def test_gossip_messages_pass_through_undecoded():
    update = bytes.fromhex("0102") + bytes(130)
    msg = M.decode_message(update)
    assert msg == M.GossipMessage(258, "channel_update", bytes(130))
    assert msg.encode() == update
    assert isinstance(M.decode_message(bytes.fromhex("0100")), M.GossipMessage)


def test_unknown_even_tlv_in_extension_is_rejected_odd_is_kept():
    base = M.UpdateFee(channel_id=CID, feerate_per_kw=1).encode()
    with pytest.raises(TlvError, match="unknown even"):
        M.decode_message(base + bytes.fromhex("0201ff"))
    msg = M.decode_message(base + bytes.fromhex("0301ff"))
    assert msg.unknown_tlvs == ((3, b"\xff"),)
    with pytest.raises(WireError, match="must be odd"):
        M.UpdateFee(channel_id=CID, feerate_per_kw=1, unknown_tlvs=((2, b""),)).encode()


def test_bad_fields():
    with pytest.raises(WireError, match="point"):
        M.RevokeAndAck(channel_id=CID, per_commitment_secret=bytes(32),
                       next_per_commitment_point=b"\x02" + bytes(32)).encode()
    with pytest.raises(WireError, match="feerate_per_kw"):
        M.UpdateFee(channel_id=CID, feerate_per_kw=2**32).encode()
    with pytest.raises(WireError, match="channel_id"):
        M.UpdateFee(channel_id=b"short", feerate_per_kw=1).encode()
    with pytest.raises(WireError, match="bytes"):
        M.Shutdown(channel_id=CID, scriptpubkey="0014...").encode()
    with pytest.raises(WireError, match="65535"):
        M.Pong(ignored=bytes(65534)).encode()
    good = M.UpdateFee(channel_id=CID, feerate_per_kw=1).encode()
    with pytest.raises(WireError, match="update_fee.feerate_per_kw"):
        M.decode_message(good[:-1])


def test_messages_are_immutable():
    msg = M.UpdateFee(channel_id=CID, feerate_per_kw=1)
    with pytest.raises(AttributeError):
        msg.feerate_per_kw = 2
