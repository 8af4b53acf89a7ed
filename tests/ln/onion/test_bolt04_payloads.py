"""Per-hop payloads (BOLT 4 `payload` TLV stream): encoding, decoding and reader rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.errors import InputError
from wallet.ln.onion.sphinx import (
    AMT_TO_FORWARD,
    CURRENT_PATH_KEY,
    ENCRYPTED_RECIPIENT_DATA,
    OUTGOING_CLTV_VALUE,
    PAYMENT_DATA,
    SHORT_CHANNEL_ID,
    HopPayload,
    InvalidOnionPayload,
    OnionBuildError,
    OnionError,
    record_offset,
)
from wallet.ln.wire.primitives import ShortChannelId
from wallet.ln.wire.tlv import encode_tlv_stream

SCID = ShortChannelId(572330, 7, 1105)
SECRET = bytes(range(32))
NODE = bytes.fromhex("02eec7245d6b7d2ccb30380bfbe2a3648cd7a942653f5aa340edcea1f283686619")


def test_forward_payload_matches_spec_encoding():
    payload = HopPayload.forward(100005000, 800250, SCID)
    # Same bytes as Bob's payload in the trampoline draft's vector.
    assert payload.encode().hex() == "020405f5f48804030c35fa060808bbaa0000070451"
    assert HopPayload.decode(payload.encode()) == payload
    payload.validate_intermediate()


def test_final_payload_with_payment_data_and_metadata():
    payload = HopPayload.final(1000, 800000, payment_secret=SECRET, payment_metadata=b"meta")
    assert payload.total_msat == 1000
    decoded = HopPayload.decode(payload.encode())
    assert decoded == payload
    assert decoded.effective_total_msat == 1000
    decoded.validate_final()


def test_zero_amount_encodes_as_empty_truncated_integer():
    payload = HopPayload.final(0, 0)
    assert payload.encode() == bytes([AMT_TO_FORWARD, 0, OUTGOING_CLTV_VALUE, 0])
    assert HopPayload.decode(payload.encode()) == payload


def test_effective_total_prefers_payment_data_then_total_amount():
    assert HopPayload(amt_to_forward=5, total_amount_msat=9).effective_total_msat == 9
    assert HopPayload(amt_to_forward=5).effective_total_msat == 5


def test_unknown_odd_records_are_kept_and_even_ones_refused():
    odd = encode_tlv_stream({2: b"\x01", 4: b"\x02", 65537: b"hi"})
    decoded = HopPayload.decode(odd)
    assert decoded.extra == {65537: b"hi"}
    assert decoded.encode() == odd
    even = encode_tlv_stream({2: b"\x01", 4: b"\x02", 65538: b"hi"})
    with pytest.raises(InvalidOnionPayload, match="unknown even"):
        HopPayload.decode(even)
    assert HopPayload.decode(even, extra_known_types={65538}).extra == {65538: b"hi"}


@pytest.mark.parametrize(
    ("records", "tlv_type", "match"),
    [
        ({2: b"\x00\x01"}, AMT_TO_FORWARD, "not minimal"),
        ({2: bytes(9) + b"\x01"}, AMT_TO_FORWARD, "longer"),
        ({4: b"\x01\x02\x03\x04\x05"}, OUTGOING_CLTV_VALUE, "longer"),
        ({6: b"\x01\x02"}, SHORT_CHANNEL_ID, "8 bytes"),
        ({8: bytes(31)}, PAYMENT_DATA, "payment_data"),
        ({8: bytes(32) + b"\x00\x05"}, PAYMENT_DATA, "not minimal"),
        ({12: b"\x05" + bytes(32)}, CURRENT_PATH_KEY, "point"),
    ],
)
def test_malformed_records_name_their_type_and_offset(records, tlv_type, match):
    data = encode_tlv_stream({1: b"x", **records})
    with pytest.raises(InvalidOnionPayload, match=match) as info:
        HopPayload.decode(data)
    assert info.value.tlv_type == tlv_type
    assert info.value.offset == 3  # after the 3-byte record of type 1
    assert info.value.failure_code == 0x4000 | 22


def test_broken_tlv_stream_is_invalid_onion_payload():
    with pytest.raises(InvalidOnionPayload, match="TLV"):
        HopPayload.decode(b"\x04\x01\x01\x02\x01\x01")  # types out of order
    with pytest.raises(InvalidOnionPayload):
        HopPayload.decode(b"\x02\x05\x01")  # value runs past the end


def test_intermediate_rules():
    HopPayload.forward(1, 2, SCID).validate_intermediate()
    with pytest.raises(InvalidOnionPayload) as info:
        HopPayload(amt_to_forward=1, outgoing_cltv_value=2).validate_intermediate()
    assert info.value.tlv_type == SHORT_CHANNEL_ID
    with pytest.raises(InvalidOnionPayload) as info:
        HopPayload(outgoing_cltv_value=2, short_channel_id=SCID).validate_intermediate()
    assert info.value.tlv_type == AMT_TO_FORWARD
    with pytest.raises(InvalidOnionPayload) as info:
        HopPayload(amt_to_forward=1, short_channel_id=SCID).validate_intermediate()
    assert info.value.tlv_type == OUTGOING_CLTV_VALUE
    with_secret = HopPayload(1, 2, SCID, payment_secret=SECRET, total_msat=1)
    with pytest.raises(InvalidOnionPayload) as info:
        with_secret.validate_intermediate()
    assert info.value.tlv_type == PAYMENT_DATA


def test_final_rules():
    HopPayload.final(1, 2).validate_final()
    with pytest.raises(InvalidOnionPayload) as info:
        HopPayload.forward(1, 2, SCID).validate_final()
    assert info.value.tlv_type == SHORT_CHANNEL_ID
    with pytest.raises(InvalidOnionPayload) as info:
        HopPayload(outgoing_cltv_value=2).validate_final()
    assert info.value.tlv_type == AMT_TO_FORWARD


def test_blinded_payloads_are_refused_not_misread():
    blinded = HopPayload(1, 2, encrypted_recipient_data=b"\x00" * 10)
    with pytest.raises(InvalidOnionPayload) as info:
        blinded.validate_final()
    assert info.value.tlv_type == ENCRYPTED_RECIPIENT_DATA
    with pytest.raises(InvalidOnionPayload) as info:
        HopPayload(1, 2, SCID, current_path_key=NODE).validate_intermediate()
    assert info.value.tlv_type == CURRENT_PATH_KEY


@pytest.mark.parametrize(
    "payload",
    [
        HopPayload(amt_to_forward=-1),
        HopPayload(amt_to_forward=1 << 64),
        HopPayload(outgoing_cltv_value=1 << 32),
        HopPayload(payment_secret=SECRET),
        HopPayload(total_msat=5),
        HopPayload(payment_secret=b"short", total_msat=5),
        HopPayload(current_path_key=b"\x02" + bytes(32)),
        HopPayload(short_channel_id=ShortChannelId(1 << 24, 0, 0)),
        HopPayload(extra={2: b"\x01"}),
    ],
)
def test_unencodable_payloads_raise_build_errors(payload):
    with pytest.raises(OnionBuildError):
        payload.encode()


def test_record_offset():
    data = encode_tlv_stream({2: b"\x01", 4: b"\x02\x03", 300: b"x"})
    assert record_offset(data, 2) == 0
    assert record_offset(data, 4) == 3
    assert record_offset(data, 300) == 7
    assert record_offset(data, 99) == 0
    assert record_offset(b"\xfd", 2) == 0


def test_errors_are_input_errors():
    assert issubclass(InvalidOnionPayload, OnionError)
    assert issubclass(OnionError, InputError)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_payload_bytes_raise_only_typed_errors(data):
    try:
        payload = HopPayload.decode(data)
    except InvalidOnionPayload:
        return
    assert payload.encode() == data  # a valid stream re-encodes to itself


@settings(max_examples=200, deadline=None)
@given(
    amount=st.integers(0, (1 << 64) - 1),
    cltv=st.integers(0, (1 << 32) - 1),
    scid=st.integers(0, (1 << 64) - 1),
    total=st.one_of(st.none(), st.integers(0, (1 << 64) - 1)),
    metadata=st.one_of(st.none(), st.binary(max_size=40)),
)
def test_payload_round_trip(amount, cltv, scid, total, metadata):
    payload = HopPayload(
        amount,
        cltv,
        ShortChannelId.from_int(scid),
        payment_secret=None if total is None else SECRET,
        total_msat=total,
        payment_metadata=metadata,
    )
    assert HopPayload.decode(payload.encode()) == payload
