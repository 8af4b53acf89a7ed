"""BOLT 7 channel_update of a private channel (`wallet/ln/channel/channel_update.py`): the codec,
our signature, the checks of the peer's (bad signatures, other chain, wrong direction).
/work/shared/vectors has no channel_update vector (BOLT 7 publishes none): the layout is
checked field by field against the spec's offsets instead."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from coincurve import PrivateKey
from hypothesis import given
from hypothesis import strategies as s

from wallet.hashes import sha256d
from wallet.ln.channel import channel_update as cu
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.tx.signing import compact_to_der
from wallet.ln.wire.messages import GossipMessage, decode_message
from wallet.ln.wire.primitives import ShortChannelId

CHAIN = bytes(range(32))


def node() -> tuple[bytes, bytes]:
    k = os.urandom(32)
    return k, PrivateKey(k).public_key.format()


def make(key, local, remote, **kw) -> cu.ChannelUpdate:
    args = dict(node_private_key=key, local_node_id=local, remote_node_id=remote,
                chain_hash=CHAIN, short_channel_id=ShortChannelId(700_000, 12, 1),
                timestamp=1_700_000_000, policy=RelayPolicy(1000, 100, 144),
                htlc_minimum_msat=1, htlc_maximum_msat=500_000_000)
    return cu.our_update(**(args | kw))


def test_layout_and_signature() -> None:
    key, pub = node()
    _, other = node()
    u = make(key, pub, other)
    wire = u.to_message().encode()
    assert wire[:2] == (258).to_bytes(2, "big") and len(wire) == 2 + 136
    body = wire[2 + 64:]  # what the signature covers
    assert body == u.signed_part()
    assert body[:32] == CHAIN
    assert body[32:40] == ShortChannelId(700_000, 12, 1).to_int().to_bytes(8, "big")
    assert int.from_bytes(body[40:44], "big") == 1_700_000_000
    assert body[44] == cu.MUST_BE_ONE | cu.DONT_FORWARD  # message_flags
    assert body[45] == (0 if pub < other else 1)  # channel_flags: direction, enabled
    assert int.from_bytes(body[46:48], "big") == 144
    assert int.from_bytes(body[48:56], "big") == 1
    assert int.from_bytes(body[56:60], "big") == 1000
    assert int.from_bytes(body[60:64], "big") == 100
    assert int.from_bytes(body[64:72], "big") == 500_000_000
    # an ECDSA signature of sha256d(body) by our node key, in 64-byte r||s form
    sig = u.signature
    public = PrivateKey(key).public_key  # verified with coincurve directly, not our helper
    assert public.verify(compact_to_der(sig), sha256d(body), hasher=None)
    # it goes through the wire codec as gossip and back
    msg = decode_message(wire)
    assert isinstance(msg, GossipMessage) and msg.type == 258
    assert cu.decode_channel_update(msg.payload) == u
    cu.verify_update(u, pub)


@given(s.integers(0, 2**32 - 1), s.integers(0, 2**16 - 1), s.integers(0, 2**64 - 1),
       s.integers(0, 2**32 - 1), s.integers(0, 2**32 - 1), s.binary(max_size=40))
def test_round_trip(timestamp, cltv, hmin, base, ppm, extra) -> None:
    u = cu.ChannelUpdate(bytes(range(64)), CHAIN, ShortChannelId(1, 2, 3), timestamp, 1, 2,
                         cltv, hmin, base, ppm, 2**64 - 1, extra)
    assert cu.decode_channel_update(u.payload()) == u


@given(s.binary(max_size=135))
def test_a_short_payload_is_a_typed_error(payload) -> None:
    with pytest.raises(cu.ChannelUpdateError):
        cu.decode_channel_update(payload)


def test_bad_signatures_are_refused() -> None:
    key, pub = node()
    _, other = node()
    u = make(key, pub, other)
    with pytest.raises(cu.ChannelUpdateError):
        cu.verify_update(u, other)  # someone else's key
    for changed in (replace(u, fee_base_msat=1), replace(u, timestamp=u.timestamp + 1),
                    replace(u, extra=b"\x01"),  # unknown trailing fields are signed too
                    replace(u, signature=bytes(64)),  # r = s = 0: out of range
                    replace(u, signature=u.signature[:32] + bytes(31) + b"\x01")):
        with pytest.raises(cu.ChannelUpdateError):
            cu.verify_update(changed, pub)
    # the high-S twin of a valid signature is refused too
    n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
    s_value = int.from_bytes(u.signature[32:], "big")
    high = replace(u, signature=u.signature[:32] + (n - s_value).to_bytes(32, "big"))
    with pytest.raises(cu.ChannelUpdateError):
        cu.verify_update(high, pub)


def test_checks_of_the_peers_update() -> None:
    peer_key, peer = node()
    _, us = node()
    u = make(peer_key, peer, us)
    cu.check_peer_update(u, peer_node_id=peer, local_node_id=us, chain_hash=CHAIN)
    with pytest.raises(cu.ChannelUpdateError, match="another chain"):
        cu.check_peer_update(u, peer_node_id=peer, local_node_id=us, chain_hash=bytes(32))
    flipped = cu.sign_update(replace(u, channel_flags=u.channel_flags ^ cu.DIRECTION), peer_key)
    with pytest.raises(cu.ChannelUpdateError, match="direction"):
        cu.check_peer_update(flipped, peer_node_id=peer, local_node_id=us, chain_hash=CHAIN)
    forged = make(os.urandom(32), peer, us)  # right fields, another key
    with pytest.raises(cu.ChannelUpdateError, match="signature"):
        cu.check_peer_update(forged, peer_node_id=peer, local_node_id=us, chain_hash=CHAIN)


def test_direction_and_disable_bits() -> None:
    a, b = sorted([node(), node()], key=lambda kp: kp[1])
    assert make(a[0], a[1], b[1]).direction == 0
    assert make(b[0], b[1], a[1]).direction == 1
    off = make(a[0], a[1], b[1], disabled=True)
    assert off.disabled and off.channel_flags == cu.DISABLE
    # htlc_maximum_msat never below htlc_minimum_msat
    assert make(a[0], a[1], b[1], htlc_minimum_msat=5000, htlc_maximum_msat=10).htlc_maximum_msat == 5000
