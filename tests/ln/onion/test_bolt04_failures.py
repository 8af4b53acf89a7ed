"""BOLT 4 failure messages and error packets: codes, encodings, wrapping and attribution."""

from __future__ import annotations

import os

import pytest
from coincurve import PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.hashes import hmac_sha256
from wallet.ln.onion.failures import (
    ATTRIBUTION_DATA_SIZE,
    BADONION,
    NODE,
    PERM,
    UPDATE,
    FailureCode,
    FailureMessage,
    FailureMessageError,
    UnattributableFailure,
    add_attribution,
    build_error_packet,
    create_error_packet,
    decrypt_error_packet,
    failure_code_name,
    failure_from_malformed,
    obfuscate_error_packet,
    unwrap_error_packet,
    verify_attribution,
)
from wallet.ln.onion.sphinx import (
    InvalidOnionHmac,
    InvalidOnionKey,
    InvalidOnionPayload,
    InvalidOnionVersion,
    OnionError,
    generate_key,
    route_shared_secrets,
    sha256_of_onion,
)

SPEC_CODES = {
    "invalid_realm": PERM | 1,
    "temporary_node_failure": NODE | 2,
    "permanent_node_failure": PERM | NODE | 2,
    "required_node_feature_missing": PERM | NODE | 3,
    "invalid_onion_version": BADONION | PERM | 4,
    "invalid_onion_hmac": BADONION | PERM | 5,
    "invalid_onion_key": BADONION | PERM | 6,
    "temporary_channel_failure": UPDATE | 7,
    "permanent_channel_failure": PERM | 8,
    "required_channel_feature_missing": PERM | 9,
    "unknown_next_peer": PERM | 10,
    "amount_below_minimum": UPDATE | 11,
    "fee_insufficient": UPDATE | 12,
    "incorrect_cltv_expiry": UPDATE | 13,
    "expiry_too_soon": UPDATE | 14,
    "incorrect_or_unknown_payment_details": PERM | 15,
    "final_incorrect_cltv_expiry": 18,
    "final_incorrect_htlc_amount": 19,
    "channel_disabled": UPDATE | 20,
    "expiry_too_far": 21,
    "invalid_onion_payload": PERM | 22,
    "mpp_timeout": 23,
    "invalid_onion_blinding": BADONION | PERM | 24,
    "temporary_trampoline_failure": NODE | 25,
    "trampoline_fee_or_expiry_insufficient": NODE | 26,
    "unknown_next_trampoline": PERM | 27,
    "trampoline_fee_insufficient": NODE | 51,
    "trampoline_expiry_too_soon": NODE | 52,
}

UPDATE_BYTES = b"\x01\x02" * 70
SAMPLE_FIELDS = {
    FailureCode.INVALID_ONION_VERSION: {"sha256_of_onion": bytes(range(32))},
    FailureCode.INVALID_ONION_HMAC: {"sha256_of_onion": bytes(32)},
    FailureCode.INVALID_ONION_KEY: {"sha256_of_onion": bytes(32)},
    FailureCode.INVALID_ONION_BLINDING: {"sha256_of_onion": bytes(32)},
    FailureCode.TEMPORARY_CHANNEL_FAILURE: {"channel_update": UPDATE_BYTES},
    FailureCode.AMOUNT_BELOW_MINIMUM: {"htlc_msat": 1000, "channel_update": b""},
    FailureCode.FEE_INSUFFICIENT: {"htlc_msat": 2**64 - 1, "channel_update": UPDATE_BYTES},
    FailureCode.INCORRECT_CLTV_EXPIRY: {"cltv_expiry": 800000, "channel_update": UPDATE_BYTES},
    FailureCode.EXPIRY_TOO_SOON: {"channel_update": b""},
    FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS: {"htlc_msat": 100, "height": 800000},
    FailureCode.FINAL_INCORRECT_CLTV_EXPIRY: {"cltv_expiry": 7},
    FailureCode.FINAL_INCORRECT_HTLC_AMOUNT: {"incoming_htlc_amt": 9},
    FailureCode.CHANNEL_DISABLED: {"disabled_flags": 0, "channel_update": UPDATE_BYTES},
    FailureCode.INVALID_ONION_PAYLOAD: {"type": 66100, "offset": 12},
    FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT: {
        "fee_base_msat": 1000,
        "fee_proportional_millionths": 500,
        "cltv_expiry_delta": 576,
    },
}


def test_every_code_has_its_spec_value():
    assert {c.name.lower(): int(c) for c in FailureCode} == SPEC_CODES | {"final_expiry_too_soon": 17}


def test_onion_error_classes_carry_their_failure_codes():
    assert InvalidOnionVersion.failure_code == FailureCode.INVALID_ONION_VERSION
    assert InvalidOnionHmac.failure_code == FailureCode.INVALID_ONION_HMAC
    assert InvalidOnionKey.failure_code == FailureCode.INVALID_ONION_KEY
    assert InvalidOnionPayload.failure_code == FailureCode.INVALID_ONION_PAYLOAD


@pytest.mark.parametrize("code", list(FailureCode), ids=lambda c: c.name.lower())
def test_every_failure_round_trips(code):
    message = FailureMessage.make(code, **SAMPLE_FIELDS.get(code, {}))
    encoded = message.encode()
    assert encoded[:2] == int(code).to_bytes(2, "big")
    decoded = FailureMessage.decode(encoded)
    assert decoded == message
    assert decoded.name == code.name.lower()
    assert decoded.is_badonion == bool(code & BADONION)
    assert decoded.is_permanent == bool(code & PERM)
    assert decoded.is_node == bool(code & NODE)
    assert decoded.is_update == bool(code & UPDATE)


def test_field_layouts_are_the_spec_ones():
    msg = FailureMessage.make(FailureCode.CHANNEL_DISABLED, disabled_flags=0, channel_update=b"ab")
    assert msg.encode().hex() == "1014" + "0000" + "0002" + "6162"
    assert msg.channel_update == b"ab"
    payload = FailureMessage.make(FailureCode.INVALID_ONION_PAYLOAD, type=300, offset=2)
    assert payload.encode().hex() == "4016" + "fd012c" + "0002"
    details = FailureMessage.make(
        FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, htlc_msat=100, height=800000
    )
    assert details.encode().hex() == "400f" + "0000000000000064" + "000c3500"
    assert FailureMessage.make(FailureCode.EXPIRY_TOO_SOON, channel_update=b"").channel_update is None


def test_extra_bytes_and_unknown_codes_are_kept():
    tail = bytes.fromhex("fd84d103808080")
    msg = FailureMessage.decode(bytes.fromhex("2002") + tail)
    assert msg.code == FailureCode.TEMPORARY_NODE_FAILURE and msg.extra == tail
    unknown = FailureMessage.decode(bytes.fromhex("7777abcd"))
    assert unknown.name == "unknown_failure_0x7777"
    assert unknown.extra == b"\xab\xcd" and not unknown.fields
    assert failure_code_name(0x2033) == "trampoline_fee_insufficient"
    assert "0x7777" in repr(unknown)


@pytest.mark.parametrize(
    "data",
    ["", "20", "400f0000", "400f000000000000006400", "100700", "1007000501", "4016fd00"],
)
def test_truncated_failure_messages_raise_typed_errors(data):
    with pytest.raises(FailureMessageError):
        FailureMessage.decode(bytes.fromhex(data))


@pytest.mark.parametrize(
    ("code", "fields"),
    [
        (FailureCode.FEE_INSUFFICIENT, {"htlc_msat": 1}),
        (FailureCode.FEE_INSUFFICIENT, {"htlc_msat": -1, "channel_update": b""}),
        (FailureCode.FEE_INSUFFICIENT, {"htlc_msat": 1 << 64, "channel_update": b""}),
        (FailureCode.TEMPORARY_NODE_FAILURE, {"height": 1}),
        (FailureCode.INVALID_ONION_HMAC, {"sha256_of_onion": b"short"}),
        (FailureCode.INVALID_ONION_HMAC, {"sha256_of_onion": "text"}),
        (FailureCode.INVALID_ONION_PAYLOAD, {"type": -2, "offset": 0}),
        (FailureCode.TEMPORARY_CHANNEL_FAILURE, {"channel_update": bytes(70000)}),
        (0x10000, {}),
    ],
)
def test_make_rejects_bad_fields(code, fields):
    with pytest.raises(FailureMessageError):
        FailureMessage.make(code, **fields)


# --- error packets -------------------------------------------------------------------------


def _route(n: int) -> tuple[list[bytes], list[bytes]]:
    keys = [bytes([i + 1]) * 32 for i in range(n)]
    node_ids = [PrivateKey(k).public_key.format() for k in keys]
    secrets = [s.shared_secret for s in route_shared_secrets(os.urandom(32), node_ids)]
    return keys, secrets


def _send_back(packet: bytes, secrets: list[bytes], failing: int) -> bytes:
    for secret in reversed(secrets[:failing]):
        packet = obfuscate_error_packet(packet, secret)
    return packet


@pytest.mark.parametrize("failing", [0, 1, 4, 19])
def test_origin_attributes_the_failing_hop(failing):
    _, secrets = _route(20)
    failure = FailureMessage.make(FailureCode.FEE_INSUFFICIENT, htlc_msat=5, channel_update=b"u")
    packet = _send_back(create_error_packet(secrets[failing], failure), secrets, failing)
    assert len(packet) == 32 + 2 + 256 + 2
    result = decrypt_error_packet(packet, secrets)
    assert (result.hop_index, result.in_trampoline) == (failing, False)
    assert result.failure == failure
    assert result.code == FailureCode.FEE_INSUFFICIENT


def test_padding_hides_the_message_length_and_long_messages_are_not_cut():
    secret = bytes(32)
    short = build_error_packet(secret, bytes.fromhex("2002"))
    assert len(short) == 32 + 2 + 2 + 256
    long_message = bytes.fromhex("2002") + bytes(400)
    long = build_error_packet(secret, long_message)
    assert len(long) == 32 + 2 + 402 + 2
    assert decrypt_error_packet(obfuscate_error_packet(long, secret), [secret]).raw_message == long_message
    assert len(build_error_packet(secret, b"\x20\x02", pad_to=1024)) == 32 + 2 + 2 + 1024


def test_trampoline_layers_are_tried_after_the_outer_route():
    _, outer = _route(3)
    _, inner = _route(2)
    failure = FailureMessage.make(FailureCode.TRAMPOLINE_FEE_INSUFFICIENT)
    packet = create_error_packet(inner[1], failure)
    packet = obfuscate_error_packet(packet, inner[0])
    packet = _send_back(packet, outer, 3)
    result = decrypt_error_packet(packet, outer, inner)
    assert (result.hop_index, result.in_trampoline) == (1, True)
    assert result.failure == failure
    assert unwrap_error_packet(unwrap_error_packet(packet, outer), inner)[34:36] == b"\x20\x33"


def test_authenticated_but_unparsable_message_still_names_the_hop():
    _, secrets = _route(3)
    packet = _send_back(create_error_packet(secrets[2], bytes.fromhex("100c0000")), secrets, 2)
    result = decrypt_error_packet(packet, secrets)
    assert result.hop_index == 2 and result.failure is None
    assert result.code == FailureCode.FEE_INSUFFICIENT


def test_overflowing_failure_len_still_names_the_hop():
    secret = bytes(range(32))
    body = (0xFFFF).to_bytes(2, "big") + b"\x20\x02" + bytes(10)
    raw = hmac_sha256(generate_key(b"um", secret), body) + body
    result = decrypt_error_packet(obfuscate_error_packet(raw, secret), [secret])
    assert result.hop_index == 0 and result.failure is None and result.raw_message == b""
    assert result.code is None


def test_garbled_packets_are_unattributable():
    _, secrets = _route(4)
    packet = bytearray(_send_back(create_error_packet(secrets[3], b"\x20\x02"), secrets, 3))
    packet[100] ^= 1
    with pytest.raises(UnattributableFailure):
        decrypt_error_packet(bytes(packet), secrets)
    with pytest.raises(UnattributableFailure, match="too short"):
        decrypt_error_packet(b"\x00" * 20, secrets)
    with pytest.raises(UnattributableFailure):
        decrypt_error_packet(os.urandom(292), [])


def test_failure_errors_are_onion_errors():
    assert issubclass(FailureMessageError, OnionError)
    assert issubclass(UnattributableFailure, OnionError)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.lists(st.binary(min_size=32, max_size=32), max_size=5))
def test_random_error_packets_raise_only_typed_errors(packet, secrets):
    try:
        result = decrypt_error_packet(packet, secrets)
    except UnattributableFailure:
        return
    assert 0 <= result.hop_index < len(secrets)  # a 2**-256 chance


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_failure_messages_raise_only_typed_errors(data):
    try:
        message = FailureMessage.decode(data)
    except FailureMessageError:
        return
    assert message.encode() == data


# --- attribution data ----------------------------------------------------------------------


def _attributed_failure(n: int, failing: int, hold_times: list[int]):
    _, secrets = _route(n)
    packet = build_error_packet(secrets[failing], b"\x20\x02")
    attribution = None
    for index in range(failing, -1, -1):
        attribution = add_attribution(secrets[index], hold_times[index], attribution, packet)
        packet = obfuscate_error_packet(packet, secrets[index])
    return secrets, packet, attribution


@pytest.mark.parametrize(("n", "failing"), [(1, 0), (5, 2), (20, 19)])
def test_attribution_round_trip(n, failing):
    hold_times = [100 + i for i in range(n)]
    secrets, packet, attribution = _attributed_failure(n, failing, hold_times)
    assert len(attribution) == ATTRIBUTION_DATA_SIZE == 920
    result = decrypt_error_packet(packet, secrets)
    assert result.hop_index == failing
    checked = verify_attribution(attribution, secrets, failing, packet)
    assert checked.hold_times == tuple(hold_times[: failing + 1])
    assert checked.verified_hops == failing + 1


def test_attribution_blames_where_it_was_tampered():
    secrets, packet, attribution = _attributed_failure(5, 4, [1, 2, 3, 4, 5])
    tampered = bytearray(attribution)
    tampered[0] ^= 1  # hop 0's hold time
    assert verify_attribution(bytes(tampered), secrets, 4, packet).verified_hops == 0
    assert verify_attribution(attribution, secrets, 4, packet[:-1] + b"\x00").verified_hops < 5
    assert verify_attribution(attribution, secrets, 4, None).verified_hops == 0


def test_beyond_twenty_hops_only_the_first_twenty_are_attributed():
    n = 24
    _, secrets = _route(n)
    attribution = None
    for index in range(n - 1, -1, -1):
        attribution = add_attribution(secrets[index], index, attribution)
    # The HMACs of hops further than 20 were pruned on the way; the first 20 still check out.
    assert verify_attribution(attribution, secrets, 19).hold_times == tuple(range(20))
    with pytest.raises(FailureMessageError, match="outside the route"):
        verify_attribution(attribution, secrets, 20)


def test_attribution_bad_inputs():
    with pytest.raises(FailureMessageError, match="920"):
        add_attribution(bytes(32), 1, b"\x00" * 10)
    with pytest.raises(FailureMessageError, match="u32"):
        add_attribution(bytes(32), -1)
    with pytest.raises(FailureMessageError, match="920"):
        verify_attribution(b"", [bytes(32)], 0)
    with pytest.raises(FailureMessageError, match="outside"):
        verify_attribution(bytes(920), [bytes(32)], 1)


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=920, max_size=920), st.integers(0, 3))
def test_random_attribution_data_verifies_nothing(data, source):
    secrets = [bytes([i + 1]) * 32 for i in range(4)]
    assert verify_attribution(data, secrets, source).verified_hops == 0


def test_malformed_htlc_becomes_a_failure_message():
    digest = sha256_of_onion(b"onion")
    message = failure_from_malformed(digest, FailureCode.INVALID_ONION_HMAC)
    assert message.code == FailureCode.INVALID_ONION_HMAC and message["sha256_of_onion"] == digest
    assert message.encode() == b"\xc0\x05" + digest
    unknown = failure_from_malformed(digest, BADONION | PERM | 99)
    assert unknown.extra == digest
    with pytest.raises(FailureMessageError, match="BADONION"):
        failure_from_malformed(digest, FailureCode.TEMPORARY_NODE_FAILURE)
    with pytest.raises(FailureMessageError):
        failure_from_malformed(b"short", FailureCode.INVALID_ONION_KEY)
