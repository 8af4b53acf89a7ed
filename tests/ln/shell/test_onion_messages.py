"""Onion messages between real nodes over loopback: sent along blinded paths, relayed by a
peer, answered along reply paths; a flooding or lying peer loses only its own messages."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.nodes import channel, start_nodes, stop_all
from wallet.ln.onion.onion_message import (
    INVOICE_REQUEST,
    ONION_MESSAGE_TYPE,
    REPLY_PATH,
    Receive,
    build_onion_message,
)
from wallet.ln.onion.route_blinding import RecipientData, build_blinded_path
from wallet.ln.shell.onion_messenger import OnionMessageSendError
from wallet.ln.wire.messages import UnknownOddMessage


async def connect(x, y) -> None:
    await x.peers.connect("127.0.0.1", y.listen_port, y.node_id)
    for _ in range(200):
        if x.manager.live_peer(y.node_id) and y.manager.live_peer(x.node_id):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not connected")


async def arrival(future: asyncio.Future, timeout: float = 10) -> Receive:
    return await asyncio.wait_for(future, timeout)


@pytest.fixture
async def abc(tmp_path):
    chain, _, (a, b, c) = await start_nodes(tmp_path, "a", "b", "c")
    await connect(a, b)
    await connect(b, c)
    yield chain, a, b, c
    await stop_all(a, b, c)


async def test_message_and_reply_through_a_relay(abc):
    _, a, b, c = abc
    assert a.manager.live_peer(b.node_id).supports("option_onion_messages")
    to_c, c_id = c.onion_messages.reply_path(via=b.node_id)
    back, a_id = a.onion_messages.reply_path(via=b.node_id)
    at_c = c.onion_messages.expect(c_id)
    await a.onion_messages.send(to_c, {INVOICE_REQUEST: b"hello", REPLY_PATH: back.to_bytes()})
    got = await arrival(at_c)
    assert got.get(INVOICE_REQUEST) == b"hello" and got.reply_path == back
    at_a = a.onion_messages.expect(a_id)
    await c.onion_messages.send(got.reply_path, {66: b"answer"})
    assert (await arrival(at_a)).get(66) == b"answer"
    assert b.onion_messages.relayed == 2


async def test_sender_not_connected_to_the_introduction_goes_through_its_peer(tmp_path):
    chain, _, (a, b, c, d) = await start_nodes(tmp_path, "a", "b", "c", "d")
    try:
        await connect(a, b)
        await connect(b, c)
        await connect(c, d)
        to_d, d_id = d.onion_messages.reply_path(via=c.node_id)  # intro C: not A's peer
        at_d = d.onion_messages.expect(d_id)
        await a.onion_messages.send(to_d, {INVOICE_REQUEST: b"x"}, via=b.node_id)
        assert (await arrival(at_d)).get(INVOICE_REQUEST) == b"x"
        with pytest.raises(OnionMessageSendError):
            await a.onion_messages.send(to_d, {INVOICE_REQUEST: b"x"})
    finally:
        await stop_all(a, b, c, d)


async def test_relay_by_short_channel_id(abc):
    chain, a, b, c = abc
    ch_b, _ = await channel(chain, b, c)
    scid = ch_b.inner.short_channel_id
    path = build_blinded_path(bytes([3]) * 32, [b.node_id, c.node_id],
                              [RecipientData(short_channel_id=scid),
                               RecipientData(path_id=b"by-scid")])
    at_c = c.onion_messages.expect(b"by-scid")
    await a.onion_messages.send(path, {INVOICE_REQUEST: b"y"})
    assert (await arrival(at_c)).get(INVOICE_REQUEST) == b"y"


async def test_flood_from_one_peer_spares_the_others(tmp_path):
    chain, _, (a, b, c, d) = await start_nodes(tmp_path, "a", "b", "c", "d")
    try:
        for x, y in ((a, b), (d, b), (b, c)):
            await connect(x, y)
        received: list[Receive] = []

        async def on_receive(peer, got):
            received.append(got)

        c.onion_messages.on_receive = on_receive
        to_c, _ = c.onion_messages.reply_path(via=b.node_id, path_id=b"flooded")
        burst = b.onion_messages.limit.burst
        _, message = build_onion_message(to_c, {INVOICE_REQUEST: b"spam"}, bytes([5]) * 32)
        raw = UnknownOddMessage(ONION_MESSAGE_TYPE, message.to_bytes()[2:])
        peer = a.manager.live_peer(b.node_id)
        for _ in range(burst * 4):
            await peer.send(raw)
        # b still serves d: a message from d to b itself arrives
        to_b = build_blinded_path(bytes([8]) * 32, [b.node_id], [RecipientData(path_id=b"d")])
        at_b = b.onion_messages.expect(b"d")
        await d.onion_messages.send(to_b, {INVOICE_REQUEST: b"honest"})
        assert (await arrival(at_b)).get(INVOICE_REQUEST) == b"honest"
        for _ in range(100):
            if b.onion_messages.limit.dropped.get(a.node_id):
                break
            await asyncio.sleep(0.02)
        assert b.onion_messages.limit.dropped[a.node_id] > 0
        assert len(received) < burst * 4
        assert not b.manager.live_peer(a.node_id).is_closed  # dropped, not disconnected
    finally:
        await stop_all(a, b, c, d)


@pytest.mark.parametrize("payload", [
    b"",
    b"\x02" + bytes(32),
    bytes(33) + b"\x00\x10" + bytes(16),
    b"\x02" * 33 + b"\xff\xff" + bytes(100),
])
async def test_malformed_onion_messages_are_dropped_and_the_peer_kept(abc, payload):
    _, a, b, c = abc
    peer = a.manager.live_peer(b.node_id)
    await peer.send(UnknownOddMessage(ONION_MESSAGE_TYPE, payload))
    to_c, c_id = c.onion_messages.reply_path(via=b.node_id)
    at_c = c.onion_messages.expect(c_id)
    await a.onion_messages.send(to_c, {INVOICE_REQUEST: b"after"})
    assert (await arrival(at_c)).get(INVOICE_REQUEST) == b"after"
    assert b.onion_messages.relayed == 1


async def test_message_for_a_node_the_relay_does_not_know_is_dropped(abc):
    _, a, b, c = abc
    stranger = bytes.fromhex(  # the generator point: a valid key no node here has
        "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
    path = build_blinded_path(bytes([7]) * 32, [b.node_id, stranger],
                              [RecipientData(next_node_id=stranger), RecipientData(path_id=b"y")])
    await a.onion_messages.send(path, {INVOICE_REQUEST: b"lost"})
    to_c, c_id = c.onion_messages.reply_path(via=b.node_id)
    at_c = c.onion_messages.expect(c_id)
    await a.onion_messages.send(to_c, {INVOICE_REQUEST: b"found"})
    assert (await arrival(at_c)).get(INVOICE_REQUEST) == b"found"
    assert b.onion_messages.relayed == 1


async def test_no_onion_message_to_a_peer_that_does_not_take_them(tmp_path):
    """BOLT 4: onion messages go only to peers that negotiated option_onion_messages. Sent
    anyway, the user would wait out the whole timeout (Electrum 4.8.1 with forwarding off
    advertises no bit 39); Kite says why at once, and a relay drops one for such a peer."""
    from tests.support.nodes import FakeChain, make_node
    from wallet.ln.features import Features
    from wallet.ln.shell.peer import DEFAULT_FEATURES

    chain = FakeChain()
    a = make_node(tmp_path, "a", chain, b"\x01" * 32)
    b = make_node(tmp_path, "b", chain, b"\x02" * 32)
    mute = make_node(tmp_path, "mute", chain, b"\x03" * 32,
                     DEFAULT_FEATURES - Features.of("option_onion_messages"))
    for node in (a, b, mute):
        await node.start(listen_port=0)
    try:
        await connect(a, mute)
        await connect(a, b)
        await connect(b, mute)
        direct = build_blinded_path(b"\x05" * 32, [mute.node_id], [RecipientData(path_id=b"x")])
        with pytest.raises(OnionMessageSendError, match="does not take onion messages"):
            await a.onion_messages.send(direct, {INVOICE_REQUEST: b"hello"})
        # through b, whose next hop does not take them: b drops it, relays nothing
        via_b = build_blinded_path(b"\x06" * 32, [b.node_id, mute.node_id],
                                   [RecipientData(next_node_id=mute.node_id),
                                    RecipientData(path_id=b"y")])
        await a.onion_messages.send(via_b, {INVOICE_REQUEST: b"hello"})
        await asyncio.sleep(0.5)
        assert b.onion_messages.relayed == 0
    finally:
        await stop_all(a, b, mute)
