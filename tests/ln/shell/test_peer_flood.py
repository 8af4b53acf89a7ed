"""One peer trying to exhaust the node at the connection level (issue 12), over real sockets
on 127.0.0.1: an `init` with a 65 KB feature vector, many connections from one address,
a ping flood, and a repeated `channel_reestablish` on a live channel between two real
Lightning nodes."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.ln.shell.test_peer import CHAIN, FAST, RawPeer, key, node_id
from tests.support.nodes import channel, start_nodes, stop_all
from tests.support.recovery_chain import until
from wallet.ln.features import Features
from wallet.ln.shell.peer import (
    DEFAULT_FEATURES,
    MAX_KEPT_FEATURE_BIT,
    Peer,
    PeerConfig,
    PeerHandler,
    bounded_features,
)
from wallet.ln.shell.peer_manager import PeerManager
from wallet.ln.wire import messages as m

HUNG_UP = (asyncio.IncompleteReadError, ConnectionError)  # before act two


@pytest.fixture
async def listening():
    """A listening node with the default connection limits: (manager, port, key)."""
    k = key()
    manager = PeerManager(k, FAST)
    port = await manager.listen()
    yield manager, port, k
    await manager.close()


def huge_vector(pattern: int, size: int = 65_000) -> bytes:
    """`size` bytes of `pattern` above our own features (which stay in the last bytes)."""
    ours = DEFAULT_FEATURES.to_bytes()
    return bytes([pattern]) * (size - len(ours)) + ours


async def test_a_65_kb_vector_of_odd_bits_is_kept_small(listening, caplog) -> None:
    manager, port, k = listening
    raw_key = key()
    raw = await RawPeer.open(port, node_id(k), raw_key)
    caplog.set_level(logging.DEBUG)
    # bits 1, 3, 5, ...: "it's OK to be odd"; 65 KB in all
    await raw.send(m.Init(globalfeatures=huge_vector(0xAA, 30_000),
                          features=huge_vector(0xAA, 35_000), networks=(CHAIN,)))
    assert isinstance(await raw.recv(), m.Init)
    peer = await manager.wait_for_peer(node_id(raw_key), 2)
    assert max(peer.remote_features.bits) <= MAX_KEPT_FEATURE_BIT
    assert len(peer.remote_features.bits) <= MAX_KEPT_FEATURE_BIT // 2 + 1
    assert len(peer.remote_init.features) <= MAX_KEPT_FEATURE_BIT // 8 + 1
    assert peer.remote_init.globalfeatures == b""
    assert peer.supports("basic_mpp")  # what we understand is still read
    assert max(len(r.getMessage()) for r in caplog.records) < 3000
    await raw.send(m.Ping(num_pong_bytes=1, ignored=b""))
    assert isinstance(await raw.recv(), m.Pong)
    raw.close()


@pytest.mark.parametrize("pattern", [0xFF, 0x01])
async def test_a_required_bit_far_up_is_refused_in_one_short_sentence(listening, pattern) -> None:
    manager, port, k = listening
    raw = await RawPeer.open(port, node_id(k))
    vector = huge_vector(pattern)
    await raw.send(m.Init(globalfeatures=b"", features=vector, networks=(CHAIN,)))
    seen = await raw.closed_by_peer()
    error = seen[-1]
    assert isinstance(error, m.ErrorMessage) and b"you require features" in error.data
    assert len(error.data) < 100
    assert not manager.peers


async def test_inbound_connections_are_capped_per_address_and_overall() -> None:
    k = key()
    config = PeerConfig(chain_hash=CHAIN, handshake_timeout=1, init_timeout=1,
                        ping_interval=30, max_inbound_per_address=4)
    manager = PeerManager(k, config)
    port = await manager.listen()
    raws = []
    try:
        for _ in range(4):
            raw = await RawPeer.open(port, node_id(k))
            assert isinstance(await raw.init(), m.Init)
            raws.append(raw)
        with pytest.raises(HUNG_UP):
            await RawPeer.open(port, node_id(k))
        raws.pop().close()
        for _ in range(50):
            try:
                raw = await RawPeer.open(port, node_id(k))  # a slot is free again
                break
            except HUNG_UP:
                await asyncio.sleep(0.02)
        assert isinstance(await raw.init(), m.Init)
        raws.append(raw)
    finally:
        for raw in raws:
            raw.close()
        await manager.close()
    # overall, whatever the addresses
    config = PeerConfig(chain_hash=CHAIN, handshake_timeout=1, init_timeout=1,
                        ping_interval=30, max_inbound=2)
    manager = PeerManager(k, config)
    port = await manager.listen()
    try:
        raws = [await RawPeer.open(port, node_id(k)) for _ in range(2)]
        with pytest.raises(HUNG_UP):
            await RawPeer.open(port, node_id(k))
        for raw in raws:
            raw.close()
    finally:
        await manager.close()


async def test_a_ping_flood_is_answered_at_the_rate_then_dropped(listening) -> None:
    manager, port, k = listening
    raw = await RawPeer.open(port, node_id(k))
    await raw.init()
    burst = FAST.ping_answer_burst
    for _ in range(3 * burst):
        await raw.send(m.Ping(num_pong_bytes=60_000, ignored=b""))
    pongs = 0
    with pytest.raises(TimeoutError):
        while True:
            reply = await raw.recv(0.5)
            assert isinstance(reply, m.Pong)
            pongs += 1
    assert pongs == burst
    for _ in range(FAST.ping_excess_limit):
        await raw.send(m.Ping(num_pong_bytes=60_000, ignored=b""))
    seen = await raw.closed_by_peer()
    assert [type(x) for x in seen] == [m.WarningMessage]
    assert b"pings" in seen[0].data
    await asyncio.sleep(0)
    assert not manager.peers or all(p.is_closed for p in manager.peers.values())


async def test_a_repeated_channel_reestablish_costs_no_write_and_no_echo(tmp_path,
                                                                        monkeypatch) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, _ = await channel(chain, a, b)
        saves = []
        for node in (a, b):
            save = node.store.save

            def counted(*args, _save=save, **kw):
                saves.append(args[0])
                return _save(*args, **kw)

            monkeypatch.setattr(node.store, "save", counted)
        sent: list = []
        send = Peer.send

        async def counting(peer, message):
            if isinstance(message, m.ChannelReestablish):
                sent.append(peer)
            return await send(peer, message)

        monkeypatch.setattr(Peer, "send", counting)
        peer = a.peers.peers[b.node_id]
        theirs = cha.state.commitments.reestablish_message(cha.keys)
        for _ in range(20):
            await send(peer, theirs)  # a lying a, repeating itself
        await peer.ping()  # b has read all of them (and a what b answered) by its pong
        assert saves == []  # nothing changed: nothing written
        assert len(sent) <= 2  # b answered once, a answered b once, then silence
        # the channel still pays
        await a.pay(b.create_invoice(10_000, "after"))
        assert saves and len(sent) <= 2
    finally:
        await stop_all(a, b)


def test_features_beyond_the_cap_are_not_kept_when_decoded_directly() -> None:
    vector = (1 << 70_001 | 1 << 12_345 | 1 << 13).to_bytes(8751, "big")
    kept, required, dropped = bounded_features(vector)
    assert kept == Features({13}) and required is None and dropped == 2
    kept, required, dropped = bounded_features(b"", (1 << 400 | 1 << 401).to_bytes(51, "big"))
    assert kept == Features() and required == 400 and dropped == 2


class _Order(PeerHandler):
    """Records, in order, which connection each custom message came on."""

    def __init__(self) -> None:
        self.seen: list[bytes] = []

    async def custom_message(self, peer, message) -> None:
        self.seen.append(peer.node_id)


async def test_a_flood_already_received_takes_turns_with_the_other_connections() -> None:
    """A flooding peer's 1,000 messages arrive (in one read) before an honest peer's one:
    the honest one is handled among the first few, not after the whole flood."""
    k = key()
    order = _Order()
    manager = PeerManager(k, FAST, order)
    port = await manager.listen()
    flood_key, honest_key = key(), key()
    try:
        flooder = await RawPeer.open(port, node_id(k), flood_key)
        honest = await RawPeer.open(port, node_id(k), honest_key)
        assert isinstance(await flooder.init(), m.Init)
        assert isinstance(await honest.init(), m.Init)
        custom = m.UnknownOddMessage(type=32_769, payload=b"x")
        flood = b"".join(flooder.transport.encrypt_message(m.encode_message(custom))
                         for _ in range(1_000))
        # both in the node's socket buffers before its loop runs again
        flooder.writer.write(flood)
        honest.send_bytes(m.encode_message(custom))
        await until(lambda: len(order.seen) == 1_001, "every message handled")
        assert order.seen.index(node_id(honest_key)) < 20
        flooder.close()
        honest.close()
    finally:
        await manager.close()
