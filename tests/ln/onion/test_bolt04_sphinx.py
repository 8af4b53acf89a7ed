"""Sphinx packets beyond the vectors: sizes, tampering, bad keys and random input."""

from __future__ import annotations

import contextlib
import os

import pytest
from coincurve import PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.hashes import hmac_sha256
from wallet.ln.onion.sphinx import (
    PAYMENT_ONION_PAYLOAD_SIZE,
    TRAMPOLINE_ONION_PAYLOAD_SIZE,
    BadOnionError,
    HopPayload,
    InvalidOnionHmac,
    InvalidOnionKey,
    InvalidOnionPayload,
    InvalidOnionVersion,
    OnionBuildError,
    OnionError,
    OnionPacket,
    build_onion,
    chacha20_stream,
    generate_key,
    payloads_size,
    peel_onion,
)
from wallet.ln.wire.primitives import ShortChannelId

KEYS = [bytes([i + 1]) * 32 for i in range(20)]
NODE_IDS = [PrivateKey(k).public_key.format() for k in KEYS]
HASH = bytes(range(32))


def _payloads(n: int) -> list[bytes]:
    hops = [HopPayload.forward(1000 + i, 500 + i, ShortChannelId(i, i, i)) for i in range(n - 1)]
    hops.append(HopPayload.final(1000, 500, payment_secret=os.urandom(32)))
    return [p.encode() for p in hops]


def _peel_all(packet: bytes, n: int, associated: bytes = HASH) -> list[bytes]:
    out = []
    for i in range(n):
        peeled = peel_onion(packet, KEYS[i], associated)
        out.append(peeled.payload)
        packet = peeled.next_packet
        assert (packet is None) == (i == n - 1)
    return out


@pytest.mark.parametrize("n", [1, 2, 5, 20])
def test_round_trip_through_payment_onions(n):
    payloads = _payloads(n)
    built = build_onion(NODE_IDS[:n], payloads, os.urandom(32), HASH)
    assert len(built.packet) == 1366
    assert _peel_all(built.packet, n) == payloads


@pytest.mark.parametrize("size", [TRAMPOLINE_ONION_PAYLOAD_SIZE, 650, None])
def test_other_payload_sizes_keep_their_size_at_every_hop(size):
    payloads = _payloads(3)
    size = size or payloads_size(payloads)
    built = build_onion(NODE_IDS[:3], payloads, os.urandom(32), HASH, payload_size=size)
    assert len(built.packet) == size + 66
    packet = built.packet
    for i in range(3):
        peeled = peel_onion(packet, KEYS[i], HASH)
        assert peeled.payload == payloads[i]
        if peeled.next_packet is not None:
            assert len(peeled.next_packet) == size + 66
        packet = peeled.next_packet


def test_a_full_onion_exactly_fits():
    payload = HopPayload(extra={1: bytes(1300 - 32 - 3 - 1 - 3)}).encode()
    assert payloads_size([payload]) == PAYMENT_ONION_PAYLOAD_SIZE
    built = build_onion(NODE_IDS[:1], [payload], os.urandom(32), HASH)
    assert peel_onion(built.packet, KEYS[0], HASH).payload == payload
    with pytest.raises(OnionBuildError, match="holds only"):
        build_onion(NODE_IDS[:1], [payload + b"\x00"], os.urandom(32), HASH)


@pytest.mark.parametrize(
    ("node_ids", "payloads", "session_key", "match"),
    [
        ([], [], os.urandom(32), "at least one hop"),
        (NODE_IDS[:2], [b"\x02\x00"], os.urandom(32), "payloads"),
        (NODE_IDS[:1], [b"\x02"], os.urandom(32), "at least 2 bytes"),
        ([b"\x02" + bytes(32)], [b"\x02\x00"], os.urandom(32), "not a valid public key"),
        (NODE_IDS[:1], [b"\x02\x00"], bytes(32), "session key"),
    ],
)
def test_build_errors(node_ids, payloads, session_key, match):
    with pytest.raises(OnionBuildError, match=match):
        build_onion(node_ids, payloads, session_key, HASH)


def test_tampering_anywhere_breaks_the_hmac():
    packet = build_onion(NODE_IDS[:3], _payloads(3), os.urandom(32), HASH).packet
    for position in (40, 700, 1333, 1365):
        tampered = bytearray(packet)
        tampered[position] ^= 0x01
        with pytest.raises(InvalidOnionHmac):
            peel_onion(bytes(tampered), KEYS[0], HASH)
    with pytest.raises(InvalidOnionHmac):
        peel_onion(packet, KEYS[0], b"other payment hash")
    with pytest.raises(InvalidOnionHmac):
        peel_onion(packet, KEYS[1], HASH)  # not for this node


def test_version_and_key_errors_come_first_with_their_codes():
    packet = build_onion(NODE_IDS[:2], _payloads(2), os.urandom(32), HASH).packet
    with pytest.raises(InvalidOnionVersion) as info:
        peel_onion(b"\x01" + packet[1:], KEYS[0], HASH)
    assert info.value.failure_code == 0xC004
    with pytest.raises(InvalidOnionKey) as info:
        peel_onion(packet[:1] + b"\x04" + packet[2:], KEYS[0], HASH)
    assert info.value.failure_code == 0xC006
    with pytest.raises(InvalidOnionVersion, match="too short|more than"):
        peel_onion(packet[:66], KEYS[0], HASH)
    assert issubclass(InvalidOnionHmac, BadOnionError)


def _authentic_packet(hop_payloads: bytes, key: bytes, associated: bytes = HASH) -> bytes:
    """A packet whose HMAC is right for `key` but whose content is arbitrary."""
    ephemeral = PrivateKey(os.urandom(32))
    public = ephemeral.public_key.format()
    secret = PrivateKey(key).ecdh(public)
    mac = hmac_sha256(generate_key(b"mu", secret), hop_payloads + associated)
    return OnionPacket(0, public, hop_payloads, mac).to_bytes()


def _plain_to_wire(plain: bytes, key: bytes) -> tuple[bytes, bytes]:
    """Encrypt `plain` hop_payloads so that `key` decrypts it to exactly `plain`."""
    ephemeral = PrivateKey(os.urandom(32))
    public = ephemeral.public_key.format()
    secret = PrivateKey(key).ecdh(public)
    stream = chacha20_stream(generate_key(b"rho", secret), len(plain))
    cipher = bytes(a ^ b for a, b in zip(plain, stream, strict=True))
    mac = hmac_sha256(generate_key(b"mu", secret), cipher + HASH)
    return OnionPacket(0, public, cipher, mac).to_bytes(), secret


@pytest.mark.parametrize(
    ("plain", "match"),
    [
        (b"\x00" + bytes(99), "reserved"),
        (b"\x01" + bytes(99), "reserved"),
        (b"\xfd\x00\x10" + bytes(97), "bigsize"),
        (b"\x50" + bytes(99), "does not fit"),
        (b"\x02\x02\x00" + bytes(32) + bytes(65), None),
    ],
)
def test_payload_framing_after_a_good_hmac(plain, match):
    packet, _ = _plain_to_wire(plain, KEYS[0])
    if match is None:
        peeled = peel_onion(packet, KEYS[0], HASH)
        assert peeled.payload == b"\x02\x00" and peeled.is_final
        return
    with pytest.raises(InvalidOnionPayload, match=match):
        peel_onion(packet, KEYS[0], HASH)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=1500))
def test_random_packets_raise_only_typed_errors(data):
    with contextlib.suppress(OnionError):
        peel_onion(data, KEYS[0], HASH)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=600))
def test_authentic_random_content_raises_only_typed_errors(hop_payloads):
    try:
        peeled = peel_onion(_authentic_packet(hop_payloads, KEYS[0]), KEYS[0], HASH)
    except OnionError:
        return
    if peeled.next_packet is not None:
        assert len(peeled.next_packet) == len(hop_payloads) + 66
        with contextlib.suppress(OnionError):
            peel_onion(peeled.next_packet, KEYS[1], HASH)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.binary(min_size=2, max_size=120), min_size=1, max_size=8),
    st.binary(min_size=32, max_size=32),
)
def test_any_payloads_round_trip(payloads, session_key):
    try:
        PrivateKey(session_key)
    except ValueError:
        return
    n = len(payloads)
    built = build_onion(NODE_IDS[:n], payloads, session_key, HASH)
    assert _peel_all(built.packet, n) == payloads
