"""BOLT 1 peer storage, both roles: every way a peer can lie (garbage, another node's blob,
an old blob, floods, oversized) changes nothing but a log line; the blob comes back before
channel_reestablish. (A restored wallet resuming or closing from a blob over loopback:
`test_peer_storage_resume.py`.)"""

from __future__ import annotations

import asyncio
import logging
import os

from tests.daemon.test_restore_recovery import _channel_with_payment
from tests.support.nodes import stop_all
from tests.support.recovery_chain import SpendingChain, until
from wallet.keys.lightning import LightningKeys
from wallet.ln.features import Features
from wallet.ln.recovery import peer_backup
from wallet.ln.recovery.peer_backup import MAX_BLOB, PeerBackup
from wallet.ln.shell import peer_storage as ps
from wallet.ln.shell.peer import DEFAULT_FEATURES
from wallet.ln.store.peer_storage_store import PeerStorageStore
from wallet.ln.wire import messages as m
from wallet.networks import REGTEST


class FakePeer:
    """A connection as PeerStorage sees it: what we send is recorded."""

    def __init__(self, node_id: bytes | None = None, storage: bool = True) -> None:
        self.node_id = node_id or bytes.fromhex("02" + os.urandom(32).hex())
        self.remote_features = DEFAULT_FEATURES if storage else Features.of("var_onion_optin")
        self.local_features = DEFAULT_FEATURES
        self.is_closed = False
        self.sent: list = []

    async def send(self, msg) -> None:
        self.sent.append(msg)


def _storage(tmp_path, name="n", channels=(), peers_with_channel=(), holds=(), clock=None):
    from wallet.storage.database import Database

    keys = LightningKeys.from_seed(os.urandom(32), REGTEST)
    store = PeerStorageStore(Database(tmp_path / f"{name}.sqlite"))
    events: list = []
    storage = ps.PeerStorage(keys, "regtest", store, lambda: list(channels),
                             lambda node: node in peers_with_channel,
                             lambda c: c.channel.funding_txid in holds,
                             lambda: [], lambda kind, data: events.append((kind, data)),
                             **({"clock": clock} if clock else {}))
    return storage, keys, store, events


def _channels(n: int = 2):
    from tests.ln.recovery.test_backup_file import _channel

    return [_channel(i) for i in range(n)]


async def test_lying_blobs_are_ignored_with_a_log_line(tmp_path, caplog) -> None:
    storage, keys, store, _ = _storage(tmp_path)
    came: list = []

    async def on_backup(backup, peer):
        came.append(backup)

    storage.on_backup = on_backup
    other = LightningKeys.from_seed(os.urandom(32), REGTEST)
    ours = peer_backup.encode(PeerBackup("regtest", 3, tuple(_channels())),
                              keys.peer_storage_key)
    altered = bytearray(ours)
    altered[-1] ^= 1
    lies = [os.urandom(200), b"",
            peer_backup.encode(PeerBackup("regtest", 3, tuple(_channels())),
                               other.peer_storage_key),  # another node's
            bytes(altered),
            peer_backup.encode(PeerBackup("mainnet", 3, tuple(_channels())),
                               keys.peer_storage_key),  # another network
            ours + b"\0" * (MAX_BLOB + 1 - len(ours))]  # oversized
    with caplog.at_level(logging.WARNING, logger="kite.ln.peer_storage"):
        for blob in lies:
            assert await storage.retrieved(FakePeer(), blob) is None
    assert came == [] and store.sequences() == (0, 0)
    assert sum("not ours" in r.getMessage() for r in caplog.records) == len(lies)

    peer = FakePeer()
    assert await storage.retrieved(peer, ours) is not None
    assert await storage.retrieved(peer, ours) is None  # one retrieval per connection
    assert len(came) == 1 and store.sequences() == (0, 3)


async def test_a_stale_blob_is_only_used_to_find_channels_and_a_newer_one_warns(
        tmp_path) -> None:
    """An old blob never replaces newer state (the node adds only channels it holds no
    state of, and nothing of a blob is ever broadcast); a blob newer than any we sent that
    names a channel we hold means another wallet with this seed runs it: the user is
    warned. A newer blob naming only channels we do not hold (a wallet just restored that
    opened a channel before the old peer answered) is no alarm."""
    mine = _channels()
    storage, keys, store, events = _storage(tmp_path, channels=mine,
                                            holds={c.channel.funding_txid for c in mine})
    peer = FakePeer()
    await storage.tick()  # no live peers: nothing sent
    assert await storage.send_ours(peer)
    [sent] = peer.sent
    seq = peer_backup.decode(sent.blob, keys.peer_storage_key, "regtest").seq
    old = peer_backup.encode(PeerBackup("regtest", seq - 1, ()), keys.peer_storage_key)
    assert (await storage.retrieved(FakePeer(), old)).seq == seq - 1
    assert events == []
    unrelated = peer_backup.encode(PeerBackup("regtest", seq + 3, tuple(_channels(1))),
                                   keys.peer_storage_key)
    await storage.retrieved(FakePeer(), unrelated)
    assert events == []
    newer = peer_backup.encode(PeerBackup("regtest", seq + 5, (mine[1],)),
                               keys.peer_storage_key)
    await storage.retrieved(FakePeer(), newer)
    assert events == [("warning", {"text": ps.ANOTHER_WALLET})]
    # our next blob numbers above what was seen: the peers keep ours, not the other's
    assert store.next_seq() > seq + 5


async def test_a_just_restored_wallet_never_sends_an_empty_blob(tmp_path) -> None:
    storage, *_ = _storage(tmp_path, channels=())
    peer = FakePeer()
    assert not await storage.send_ours(peer)
    assert peer.sent == []
    quiet = FakePeer(storage=False)
    full, *_ = _storage(tmp_path, "f", channels=_channels())
    assert not await full.send_ours(quiet)  # a peer that does not offer storage
    assert await full.send_ours(peer) and not await full.send_ours(peer)  # once per version


async def test_provider_keeps_one_blob_per_peer_with_a_channel_capped_and_rate_limited(
        tmp_path) -> None:
    friend = FakePeer()
    stranger = FakePeer()
    clock = [1000.0]
    storage, _, store, _ = _storage(tmp_path, peers_with_channel={friend.node_id},
                                    clock=lambda: clock[0])
    assert not storage.keep(stranger, b"hello")  # no channel with us
    unoffered = FakePeer(friend.node_id)
    unoffered.local_features = DEFAULT_FEATURES - Features.of("option_provide_storage")
    assert not storage.keep(unoffered, b"hello")  # we did not offer storage on this connection
    assert not storage.keep(friend, os.urandom(MAX_BLOB + 1))
    writes: list = []
    original = store.put
    store.put = lambda node, blob: (writes.append(blob), original(node, blob))
    assert storage.keep(friend, b"v1")
    for i in range(1000):  # a flood: kept in memory, written at most once a minute
        storage.keep(friend, b"v%d" % (i + 2))
    assert writes == [b"v1"] and store.get(friend.node_id) == b"v1"
    await storage.peer_ready(friend)
    assert friend.sent == [m.PeerStorageRetrieval(blob=b"v1001")]  # the newest, first
    clock[0] += ps.WRITE_INTERVAL
    await storage.tick()
    assert store.get(friend.node_id) == b"v1001" and len(writes) == 2
    assert store.get(stranger.node_id) is None and store.count() == 1
    storage.keep(friend, b"last")
    await storage.stop()  # what is in memory only is written at the stop
    assert store.get(friend.node_id) == b"last"


async def test_the_peer_storage_messages_round_trip_on_the_wire() -> None:
    for cls in (m.PeerStorage, m.PeerStorageRetrieval):
        msg = cls(blob=os.urandom(MAX_BLOB))
        assert m.decode_message(m.encode_message(msg)) == msg
    assert m.PeerStorage.SPEC.type == 7 and m.PeerStorageRetrieval.SPEC.type == 9
    assert DEFAULT_FEATURES.supports("option_provide_storage")
    assert DEFAULT_FEATURES.is_set(43) and not DEFAULT_FEATURES.is_set(42)
    await asyncio.sleep(0)


async def test_the_blob_comes_back_before_channel_reestablish(tmp_path, monkeypatch) -> None:
    """BOLT 1: the provider sends peer_storage_retrieval at each connection before its
    channel_reestablish, so a restored peer reads its blob before anything else."""
    from wallet.ln.shell.peer import Peer

    chain = SpendingChain()
    _seed, a, b, ch = await _channel_with_payment(tmp_path, chain, storage=True)
    sent: list[tuple[bytes, str]] = []
    original = Peer.send

    async def recording(self, msg):
        sent.append((self.node_id, msg.NAME))
        await original(self, msg)

    try:
        await until(lambda: PeerStorageStore(b.store.db).get(a.node_id), "B keeping A's blob")
        monkeypatch.setattr(Peer, "send", recording)
        a.peers.peers[b.node_id].close("test: reconnect")
        [chb] = b.channels.values()
        await asyncio.sleep(0.2)
        await a.wait_normal(ch, 15)
        await b.wait_normal(chb, 15)
        b_to_a = [name for node, name in sent if node == a.node_id]
        assert "peer_storage_retrieval" in b_to_a and "channel_reestablish" in b_to_a
        assert b_to_a.index("peer_storage_retrieval") < b_to_a.index("channel_reestablish")
    finally:
        await stop_all(a, b)


async def test_ours_carries_the_stored_states_waits_for_the_peers_blob_and_holds_back(
        tmp_path) -> None:
    """The blob holds the states as stored (a new one sent as soon as a state changes), on
    a new connection only once the peer gave its blob back (or RETRIEVAL_WAIT passed), and
    never while a state this peer gave back waits for its reestablish."""
    from wallet.storage.database import Database

    mine = _channels(1)
    peer = FakePeer(mine[0].channel.peer_node_id)
    stored = {mine[0].channel.key_index: b"KCS1 state 1"}
    waiting: set[bytes] = set()
    clock = [100.0]
    keys = LightningKeys.from_seed(os.urandom(32), REGTEST)
    storage = ps.PeerStorage(keys, "regtest", PeerStorageStore(Database(tmp_path / "s.sqlite")),
                             lambda: mine, lambda node: True, lambda c: True, lambda: [peer],
                             clock=lambda: clock[0], our_states=lambda: dict(stored),
                             hold_back=lambda node: node in waiting)

    def states_sent() -> list:
        return [dict(peer_backup.decode(s.blob, keys.peer_storage_key, "regtest").states)
                for s in peer.sent]

    await storage.tick()
    assert peer.sent == []  # a new connection: its blob may still come
    clock[0] += ps.RETRIEVAL_WAIT
    await storage.tick()
    assert states_sent() == [{0: b"KCS1 state 1"}]
    await storage.tick()
    assert len(peer.sent) == 1  # nothing changed
    stored[0] = b"KCS1 state 2"
    waiting.add(peer.node_id)
    await storage.tick()
    assert len(peer.sent) == 1  # held back
    waiting.clear()
    await storage.tick()
    assert states_sent()[-1] == {0: b"KCS1 state 2"}
    other = FakePeer()  # a peer with no channel of ours: no state in its blob
    assert await storage.send_ours(other)
    assert dict(peer_backup.decode(other.sent[0].blob, keys.peer_storage_key,
                                   "regtest").states) == {}
    stored[0] = b"KCS1 state 3"  # the other peer's blob says nothing of it: not resent
    assert await storage.send_ours(peer) and not await storage.send_ours(other)
    # a peer that gave back exactly what we would send gets nothing new
    back = FakePeer(peer.node_id)
    await storage.retrieved(back, peer.sent[-1].blob)
    assert not await storage.send_ours(back)


def test_a_blobs_content_lists_channels_whose_peer_address_is_unknown() -> None:
    """A relay with an inbound peer (address unknown: None) and an outbound one (an
    address) lists both: the sort of the channel list never compares None with text (it
    raised TypeError on every blob a trampoline with both kinds of peers sent)."""
    from wallet.ln.recovery.backup_file import BackedUpChannel
    from wallet.ln.recovery.scan import FoundChannel
    from wallet.ln.shell.peer_storage import PeerStorage

    def one(peer: int, address: str | None, key_index: int) -> BackedUpChannel:
        found = FoundChannel(bytes([2]) + bytes([peer]) * 32, key_index, bytes([key_index]) * 32,
                             0, 100_000, bytes(34))
        return BackedUpChannel(found, address, "anchors")

    channels = [one(1, None, 1), one(2, "127.0.0.1:9735", 2)]
    states = {1: b"state one", 2: b"state two"}
    listed, mine = PeerStorage._content(channels, states, bytes([2]) + bytes([1]) * 32)
    assert len(listed) == 2 and [k for k, _ in mine] == [1]
    assert PeerStorage._content(channels[::-1], states, bytes([2]) + bytes([1]) * 32) == (
        listed, mine)  # the same content whatever the order
