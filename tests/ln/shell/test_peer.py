"""The peer I/O shell over real sockets on 127.0.0.1: Kite <-> Kite, and Kite against a
hand-driven "raw" peer that can misbehave at every step."""

from __future__ import annotations

import asyncio
import os

import pytest
from coincurve import PrivateKey

from wallet.ln.features import Features
from wallet.ln.shell.peer import (
    DEFAULT_FEATURES,
    HandshakeFailed,
    InitFailed,
    PeerConfig,
    PeerError,
    PeerHandler,
    chain_hash,
    connect,
)
from wallet.ln.shell.peer_manager import PeerManager, backoff_delay
from wallet.ln.transport import ACT_ONE_SIZE, ACT_TWO_SIZE, InitiatorHandshake
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.messages import (
    ErrorMessage,
    GossipMessage,
    Init,
    Ping,
    Pong,
    Shutdown,
    UnknownOddMessage,
    WarningMessage,
    decode_message,
    encode_message,
)
from wallet.networks import MAINNET, REGTEST

CHAIN = chain_hash(REGTEST)
FAST = PeerConfig(chain_hash=CHAIN, connect_timeout=2, handshake_timeout=1, init_timeout=1,
                  ping_interval=30, pong_timeout=2, send_timeout=2)


def key() -> PrivateKey:
    return PrivateKey(os.urandom(32))


def node_id(k: PrivateKey) -> bytes:
    return k.public_key.format(compressed=True)


class Recorder(PeerHandler):
    """Collects what reaches the connection-level handler."""

    def __init__(self) -> None:
        self.ready: list = []
        self.messages: asyncio.Queue = asyncio.Queue()
        self.closed: list[str] = []

    async def peer_ready(self, peer) -> None:
        self.ready.append(peer)

    async def peer_message(self, peer, message) -> None:
        await self.messages.put(message)

    async def peer_closed(self, peer, reason) -> None:
        self.closed.append(reason)


class RawPeer:
    """A hand-driven initiator: real handshake, then whatever bytes the test wants."""

    def __init__(self, reader, writer, transport) -> None:
        self.reader, self.writer, self.transport = reader, writer, transport

    @classmethod
    async def open(cls, port: int, remote: bytes, local: PrivateKey | None = None) -> RawPeer:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        hs = InitiatorHandshake(local or key(), remote)
        writer.write(hs.act_one())
        act_three, transport = hs.process_act_two(await reader.readexactly(ACT_TWO_SIZE))
        writer.write(act_three)
        return cls(reader, writer, transport)

    async def init(self, features: Features = DEFAULT_FEATURES, networks=(CHAIN,)) -> object:
        await self.send(Init(globalfeatures=b"", features=features.to_bytes(), networks=networks))
        return await self.recv()

    async def send(self, message) -> None:
        self.send_bytes(encode_message(message))
        await self.writer.drain()

    def send_bytes(self, payload: bytes) -> None:
        self.writer.write(self.transport.encrypt_message(payload))

    async def recv(self, timeout: float = 3.0):
        """The next message, or None once the other side has closed the connection."""
        async def read():
            while (raw := self.transport.next_message()) is None:
                try:
                    chunk = await self.reader.read(65536)
                except ConnectionResetError:
                    # closed with our bytes still unread on its side: the kernel resets
                    # (whether it does depends on how much it had read: timing)
                    return None
                if not chunk:
                    return None
                self.transport.receive_data(chunk)
            return decode_message(raw)
        return await asyncio.wait_for(read(), timeout)

    async def closed_by_peer(self, timeout: float = 3.0) -> list:
        """Read until EOF; returns what came before it (fails if the connection stays open)."""
        seen = []
        while (m := await self.recv(timeout)) is not None:
            seen.append(m)
        return seen

    def close(self) -> None:
        self.writer.close()


@pytest.fixture
async def server():
    """A listening Kite node: (manager, port, key, recorder)."""
    k = key()
    rec = Recorder()
    manager = PeerManager(k, FAST, rec)
    port = await manager.listen()
    yield manager, port, k, rec
    await manager.close()


async def still_serving(port: int, k: PrivateKey) -> None:
    """A well-behaved client can still connect and ping."""
    peer = await connect("127.0.0.1", port, node_id(k), key(), FAST)
    try:
        assert await peer.ping() >= 0
    finally:
        peer.close()
        await peer.wait_closed()


# -- the good path -------------------------------------------------------------------------------


async def test_handshake_init_and_features(server):
    manager, port, k, rec = server
    client_key = key()
    client_rec = Recorder()
    client = await connect("127.0.0.1", port, node_id(k), client_key, FAST, client_rec)
    inbound = await manager.wait_for_peer(node_id(client_key), 2)
    # each side knows the other's node id (the listener learned it from act three)
    assert client.node_id == node_id(k)
    assert inbound.node_id == node_id(client_key)
    assert client.outbound and not inbound.outbound
    assert client.remote_features == DEFAULT_FEATURES == inbound.remote_features
    for name in ("option_data_loss_protect", "gossip_queries", "option_static_remotekey",
                 "var_onion_optin", "payment_secret", "basic_mpp", "option_channel_type",
                 "option_scid_alias"):
        assert client.supports(name) and inbound.supports(name)
    assert DEFAULT_FEATURES.is_set(149) and DEFAULT_FEATURES.is_set(151)
    assert DEFAULT_FEATURES.is_set(23)  # anchors offered: eclair and Electrum 4.8 need them
    assert client.supports("option_anchors_zero_fee_htlc_tx")
    assert not any(bit % 2 == 0 for bit in DEFAULT_FEATURES.bits)  # we require nothing
    assert client.remote_init.networks == (CHAIN,)
    assert client_rec.ready == [client] and rec.ready == [inbound]
    client.close()
    await client.wait_closed()
    await inbound.wait_closed()
    assert rec.closed and client_rec.closed


async def test_features_combine_globalfeatures(server):
    manager, port, k, _ = server
    raw_key = key()
    raw = await RawPeer.open(port, node_id(k), raw_key)
    await raw.send(Init(globalfeatures=Features({1}).to_bytes(), features=Features({13}).to_bytes(),
                        networks=(CHAIN,)))
    assert isinstance(await raw.recv(), Init)
    peer = await manager.wait_for_peer(node_id(raw_key), 2)
    assert peer.remote_features == Features({1, 13})
    assert peer.supports("option_data_loss_protect") and peer.supports("option_static_remotekey")
    assert not peer.supports("basic_mpp")
    raw.close()


async def test_ping_pong_both_ways(server):
    manager, port, k, _ = server
    ck = key()
    client = await connect("127.0.0.1", port, node_id(k), ck, FAST)
    inbound = await manager.wait_for_peer(node_id(ck), 2)
    for _ in range(3):
        assert 0 <= await client.ping() < 2
        assert 0 <= await inbound.ping() < 2
    client.close()


async def test_pings_are_answered_with_the_requested_length(server):
    _, port, k, _ = server
    raw = await RawPeer.open(port, node_id(k))
    await raw.init()
    for n in (0, 1, 1000, 65531):
        await raw.send(Ping(num_pong_bytes=n, ignored=b"\x00" * 3))
        pong = await raw.recv()
        assert isinstance(pong, Pong) and pong.ignored == bytes(n)
    # a ping asking for 65532 or more bytes must not be answered; the next one still is
    await raw.send(Ping(num_pong_bytes=65532, ignored=b""))
    await raw.send(Ping(num_pong_bytes=5, ignored=b""))
    assert (await raw.recv()).ignored == bytes(5)
    raw.close()


async def test_periodic_ping_and_disconnect_without_pong():
    k = key()
    config = PeerConfig(chain_hash=CHAIN, ping_interval=0.2, pong_timeout=0.3, init_timeout=1)
    manager = PeerManager(k, config)
    port = await manager.listen()
    try:
        raw = await RawPeer.open(port, node_id(k))
        await raw.init()
        ping = await raw.recv(2)  # the node pings us on its own
        assert isinstance(ping, Ping) and ping.num_pong_bytes > 0
        await raw.send(Pong(ignored=bytes(ping.num_pong_bytes)))
        assert isinstance(await raw.recv(2), Ping)  # next period
        # we stay silent: the connection is dropped once the pong is overdue
        assert await raw.closed_by_peer(2) == []
    finally:
        await manager.close()


async def test_pong_of_the_wrong_length_disconnects(server):
    manager, port, k, _ = server
    raw_key = key()
    raw = await RawPeer.open(port, node_id(k), raw_key)
    await raw.init()
    peer = await manager.wait_for_peer(node_id(raw_key), 2)
    waiting = asyncio.ensure_future(peer.ping())
    ping = await raw.recv()
    await raw.send(Pong(ignored=bytes(ping.num_pong_bytes + 1)))
    with pytest.raises(PeerError):
        await waiting
    assert any(isinstance(m, WarningMessage) for m in await raw.closed_by_peer())


async def test_dispatch_by_channel_id_both_ways(server):
    manager, port, k, rec = server
    ck = key()
    client_rec = Recorder()
    client = await connect("127.0.0.1", port, node_id(k), ck, FAST, client_rec)
    inbound = await manager.wait_for_peer(node_id(ck), 2)
    got_in, got_out = asyncio.Queue(), asyncio.Queue()

    async def on_in(peer, message):
        assert peer is inbound
        await got_in.put(message)

    async def on_out(peer, message):
        await got_out.put(message)

    cid_a, cid_b, other = b"\xaa" * 32, b"\xbb" * 32, b"\xcc" * 32
    inbound.register_channel(cid_a, on_in)
    client.register_channel(cid_b, on_out)

    sent = Shutdown(channel_id=cid_a, scriptpubkey=b"\x00\x14" + b"\x01" * 20)
    await client.send(sent)
    assert await asyncio.wait_for(got_in.get(), 2) == sent
    await inbound.send(Shutdown(channel_id=cid_b, scriptpubkey=b"\x51"))
    assert (await asyncio.wait_for(got_out.get(), 2)).channel_id == cid_b
    # no channel registered: the connection-level handler gets it
    await client.send(Shutdown(channel_id=other, scriptpubkey=b"\x51"))
    assert (await asyncio.wait_for(rec.messages.get(), 2)).channel_id == other
    # an error for one channel reaches that channel only
    await client.send(ErrorMessage(channel_id=cid_a, data=b"bad sig"))
    assert (await asyncio.wait_for(got_in.get(), 2)).data == b"bad sig"
    # an error with the all-zero channel id concerns every channel (and the connection)
    inbound.register_channel(other, on_in)
    await client.send(ErrorMessage(channel_id=bytes(32), data=b"everything"))
    both = [await asyncio.wait_for(got_in.get(), 2) for _ in range(2)]
    assert all(isinstance(m, ErrorMessage) and m.data == b"everything" for m in both)
    assert (await asyncio.wait_for(rec.messages.get(), 2)).data == b"everything"
    # after unregistering, messages fall back to the connection handler
    inbound.unregister_channel(cid_a)
    await client.send(sent)
    assert await asyncio.wait_for(rec.messages.get(), 2) == sent
    assert got_in.empty()
    # the connection survived all of it
    assert await client.ping() >= 0
    client.close()


async def test_unknown_odd_and_gossip_messages_are_ignored(server):
    _, port, k, rec = server
    raw = await RawPeer.open(port, node_id(k))
    await raw.init()
    await raw.send(UnknownOddMessage(type=32769, payload=b"hello"))
    await raw.send(GossipMessage(type=256, name="channel_announcement", payload=b"\x00" * 10))
    # the largest message BOLT 8 can carry, of an unknown odd type: read and ignored
    raw.send_bytes((32771).to_bytes(2, "big") + bytes(65533))
    await raw.send(Ping(num_pong_bytes=2, ignored=b""))
    assert isinstance(await raw.recv(), Pong)
    assert rec.messages.empty()
    # channel_update is the one gossip message handed on: our peer's private channel policy
    update = GossipMessage(type=258, name="channel_update", payload=b"\x00" * 10)
    await raw.send(update)
    assert await asyncio.wait_for(rec.messages.get(), 5) == update
    raw.close()


async def test_sending_an_oversize_message_fails_without_closing(server):
    manager, port, k, _ = server
    ck = key()
    client = await connect("127.0.0.1", port, node_id(k), ck, FAST)
    with pytest.raises(WireError):
        await client.send(Shutdown(channel_id=bytes(32), scriptpubkey=bytes(65535)))
    assert await client.ping() >= 0
    client.close()


# -- misbehaving peers: each is dropped, the node keeps serving -----------------------------------


async def test_garbage_instead_of_a_handshake(server):
    _, port, k, _ = server
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(os.urandom(ACT_ONE_SIZE))
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), 3) == b""  # hung up on, nothing sent
    writer.close()
    await still_serving(port, k)


async def test_silent_connection_times_out_in_the_handshake(server):
    _, port, k, _ = server
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"\x00" * 10)  # a partial act one, then nothing
    assert await asyncio.wait_for(reader.read(), 3) == b""
    writer.close()
    await still_serving(port, k)


@pytest.mark.parametrize("what", ["garbage", "bad_mac", "unknown_even", "malformed"])
async def test_bad_bytes_after_init_close_the_connection(server, what):
    manager, port, k, rec = server
    raw = await RawPeer.open(port, node_id(k))
    await raw.init()
    if what == "garbage":
        raw.writer.write(os.urandom(70000))
    elif what == "bad_mac":
        data = bytearray(raw.transport.encrypt_message(Ping(num_pong_bytes=1, ignored=b"").encode()))
        data[-1] ^= 1
        raw.writer.write(bytes(data))
    elif what == "unknown_even":
        raw.send_bytes((32768).to_bytes(2, "big") + b"??")
    else:  # a known message cut short
        raw.send_bytes(Shutdown(channel_id=bytes(32), scriptpubkey=b"").encode()[:20])
    before = await raw.closed_by_peer()
    if what in ("unknown_even", "malformed"):
        assert [type(m) for m in before] == [WarningMessage]  # told why, then dropped
    await asyncio.sleep(0.05)
    assert not manager.peers  # forgotten
    await still_serving(port, k)


async def test_init_must_come_first(server):
    _, port, k, _ = server
    raw = await RawPeer.open(port, node_id(k))
    await raw.send(Ping(num_pong_bytes=1, ignored=b""))
    seen = await raw.closed_by_peer()
    assert isinstance(seen[0], Init) and isinstance(seen[-1], ErrorMessage)


async def test_no_init_in_time(server):
    _, port, k, _ = server
    raw = await RawPeer.open(port, node_id(k))
    seen = await raw.closed_by_peer(3)
    assert [type(m) for m in seen] == [Init]


@pytest.mark.parametrize("features, networks, expected", [
    (Features({100}), (CHAIN,), "bits 100"),  # unknown even: required, we can't
    (Features({28}), (CHAIN,), "bits 28"),  # known but we don't implement dual funding
    (Features({17}), (CHAIN,), "basic_mpp requires payment_secret"),
    (DEFAULT_FEATURES, (chain_hash(MAINNET),), "another chain"),
])
async def test_incompatible_init_is_refused_with_an_error(server, features, networks, expected):
    manager, port, k, rec = server
    raw = await RawPeer.open(port, node_id(k))
    assert isinstance(await raw.init(features, networks), Init)
    seen = await raw.closed_by_peer()
    assert len(seen) == 1 and isinstance(seen[0], ErrorMessage)
    assert seen[0].channel_id == bytes(32) and expected in seen[0].data.decode()
    assert not manager.peers and not rec.ready
    await still_serving(port, k)


async def test_a_peer_requiring_anchors_is_accepted(server):
    """Electrum 4.8 and eclair set bit 22 (anchors required) in their init."""
    _, port, k, _ = server
    raw = await RawPeer.open(port, node_id(k))
    ours = await raw.init(Features.of("option_data_loss_protect", "var_onion_optin",
                                      required=["option_static_remotekey",
                                                "option_anchors_zero_fee_htlc_tx"]))
    assert Features.from_bytes(ours.features).is_set(23)
    await raw.send(Ping(num_pong_bytes=1, ignored=b""))
    assert isinstance(await raw.recv(), Pong)
    raw.close()


async def test_unknown_odd_features_and_no_networks_are_accepted(server):
    _, port, k, _ = server
    raw = await RawPeer.open(port, node_id(k))
    await raw.init(DEFAULT_FEATURES | Features({201}), networks=None)
    await raw.send(Ping(num_pong_bytes=1, ignored=b""))
    assert isinstance(await raw.recv(), Pong)
    raw.close()


async def test_outbound_refuses_incompatible_listener():
    k = key()
    picky = PeerManager(k, PeerConfig(chain_hash=chain_hash(MAINNET), init_timeout=1))
    port = await picky.listen()
    try:
        with pytest.raises(InitFailed, match="another chain|error instead of init"):
            await connect("127.0.0.1", port, node_id(k), key(), FAST)
    finally:
        await picky.close()


# -- outbound failures ------------------------------------------------------------------------------


async def test_wrong_remote_node_id_fails_cleanly(server):
    _, port, k, _ = server
    with pytest.raises(HandshakeFailed, match="node id"):
        await connect("127.0.0.1", port, node_id(key()), key(), FAST)
    await still_serving(port, k)


async def test_invalid_node_id_and_closed_port():
    with pytest.raises(HandshakeFailed):
        await connect("127.0.0.1", 1, b"\x02" + b"\xff" * 32, key(), FAST)
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    with pytest.raises(PeerError, match="could not connect"):
        await connect("127.0.0.1", port, node_id(key()), key(), FAST)


async def test_outbound_handshake_timeout():
    silent = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    try:
        loop = asyncio.get_running_loop()
        began = loop.time()
        with pytest.raises(HandshakeFailed, match="within"):
            await connect("127.0.0.1", port, node_id(key()), key(), FAST)
        assert loop.time() - began < FAST.handshake_timeout + 1
    finally:
        silent.close()


# -- manager: one connection per node id, reconnection ------------------------------------------


def test_backoff_is_exponential_and_capped():
    delays = [backoff_delay(n, 0.5, 10) for n in range(8)]
    assert delays == [0.5, 1, 2, 4, 8, 10, 10, 10]
    assert backoff_delay(10**6, 1, 300) == 300


async def test_a_second_connection_replaces_the_first(server):
    manager, port, k, _ = server
    ck = key()
    first = await connect("127.0.0.1", port, node_id(k), ck, FAST)
    await manager.wait_for_peer(node_id(ck), 2)
    second = await connect("127.0.0.1", port, node_id(k), ck, FAST)
    await asyncio.wait_for(first.wait_closed(), 2)
    assert await second.ping() >= 0
    assert len(manager.peers) == 1
    second.close()


async def test_reconnects_with_backoff_after_listener_restart():
    server_key, client_key = key(), key()
    server = PeerManager(server_key, FAST)
    port = await server.listen()
    client = PeerManager(client_key, FAST, backoff_initial=0.05, backoff_max=0.2)
    try:
        client.keep_connected(node_id(server_key), "127.0.0.1", port)
        first = await client.wait_for_peer(node_id(server_key), 3)
        assert client.attempts[node_id(server_key)] == 1
        # the listening node goes away entirely
        await server.close()
        await asyncio.wait_for(first.wait_closed(), 2)
        await asyncio.sleep(0.8)  # failing attempts, backing off: 0.05, 0.1, 0.2, 0.2...
        tries = client.attempts[node_id(server_key)]
        assert 3 <= tries <= 12
        assert node_id(server_key) not in client.peers
        # it comes back on the same port: the client reconnects by itself
        server = PeerManager(server_key, FAST)
        await server.listen(port=port)
        again = await client.wait_for_peer(node_id(server_key), 3)
        assert again is not first and await again.ping() >= 0
        await server.wait_for_peer(node_id(client_key), 2)
    finally:
        await client.close()
        await server.close()
    assert not client.peers


async def test_many_peers_and_one_bad_apple(server):
    manager, port, k, _ = server
    keys = [key() for _ in range(5)]
    clients = await asyncio.gather(*(connect("127.0.0.1", port, node_id(k), ck, FAST)
                                     for ck in keys))
    raw = await RawPeer.open(port, node_id(k))
    await raw.init()
    raw.writer.write(b"\x00" * 100)
    await raw.closed_by_peer()
    for c in clients:
        assert await c.ping() >= 0
    assert len(manager.peers) == 5
    for c in clients:
        c.close()


async def test_a_failing_handler_drops_only_that_connection():
    class Buggy(Recorder):
        async def peer_message(self, peer, message):
            raise RuntimeError("bug in a channel handler")

    k = key()
    manager = PeerManager(k, FAST, Buggy())
    port = await manager.listen()
    try:
        good = await connect("127.0.0.1", port, node_id(k), key(), FAST)
        raw = await RawPeer.open(port, node_id(k))
        await raw.init()
        await raw.send(Shutdown(channel_id=bytes(32), scriptpubkey=b"\x51"))
        assert await raw.closed_by_peer() == []
        assert await good.ping() >= 0
        good.close()
    finally:
        await manager.close()


async def test_cancelled_connect_leaves_nothing_open():
    # a listener that completes the handshake but never sends init
    k = key()
    from wallet.ln.transport import ResponderHandshake

    accepted: list = []
    hung_up = asyncio.Event()

    async def half(reader, writer):
        hs = ResponderHandshake(k)
        writer.write(hs.process_act_one(await reader.readexactly(ACT_ONE_SIZE)))
        hs.process_act_three(await reader.readexactly(66))
        accepted.append(writer)
        await reader.read()  # until the client hangs up
        hung_up.set()
        writer.close()

    server = await asyncio.start_server(half, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        task = asyncio.ensure_future(connect("127.0.0.1", port, node_id(k), key(), FAST))
        while not accepted:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(hung_up.wait(), 2)  # the cancelled connection was closed
        with pytest.raises(InitFailed, match="no init"):
            await connect("127.0.0.1", port, node_id(k), key(), FAST)
    finally:
        server.close()


async def test_an_open_channel_with_an_invalid_key_fails_that_channel(server):
    """BOLT 2: an open_channel whose keys are not valid points "MUST fail the channel": an
    error naming its temporary channel id (found by lnprototest: Kite sent a bare warning)."""
    _, port, k, _ = server
    raw = await RawPeer.open(port, node_id(k))
    await raw.init()
    temporary_id = os.urandom(32)
    numbers = bytes(6 * 8 + 4) + (5).to_bytes(2, "big") + (483).to_bytes(2, "big")
    not_a_point = b"\x04" + bytes(32)  # no compressed point starts with 04
    raw.send_bytes((32).to_bytes(2, "big") + CHAIN + temporary_id + numbers + not_a_point
                   + node_id(key()) * 5 + b"\x00")
    before = await raw.closed_by_peer()
    assert [type(m) for m in before] == [ErrorMessage]
    assert before[0].channel_id == temporary_id
    await still_serving(port, k)
