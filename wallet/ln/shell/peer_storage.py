"""BOLT 1 peer storage (`option_provide_storage`, messages `peer_storage` 7 and
`peer_storage_retrieval` 9), both roles.

Provider: a peer with a channel (not closed) may leave one blob with us (at most 65531
bytes); the latest is kept in memory and written to SQLite at most once per
`WRITE_INTERVAL` per peer (the rest at the next flush: peer gone, node stopped, or the
tick); it is given back at each connection before our `channel_reestablish`. Blobs are
never deleted (BOLT 1 asks for at least 2016 blocks after the channel closed). A peer without
a channel, or an oversized blob, is ignored with a log line.

Client: each peer that offers the feature gets our blob (`ln/recovery/peer_backup.py`:
our channels, encrypted with a key from the seed, with the persisted state of the channels
with that peer) after each connection and whenever the channel list or a stored state
changes (checked at each tick, and as soon as a channel has been fed something; never an
empty one). The states are read from the channel store, never from memory: a peer never
holds a state that is not durable here. While a state a peer gave back waits for that peer's
`channel_reestablish` (`hold_back`), that peer gets nothing from us that would replace it.

A blob given back is used only when it decrypts under our key: its channels we hold no state
of go to the recovery, and the states in it wait there for the peer's `channel_reestablish`,
which alone decides between resuming the channel and asking the peer to close it
(`ln/recovery/resume.py`); nothing of a blob is signed or broadcast before that, so a stale
one costs nothing. One that does not decrypt (garbage, another node's, altered) is ignored
with a log line; one newer than anything we sent that names a channel whose state we hold
means another wallet with this seed is running it: the user is warned (a wallet just
restored holds none of them).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
import weakref
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from wallet.keys.lightning import LightningKeys
from wallet.ln.recovery import peer_backup
from wallet.ln.recovery.backup_file import BackedUpChannel
from wallet.ln.recovery.peer_backup import MAX_BLOB, PeerBackup
from wallet.ln.shell.peer import Peer, PeerError
from wallet.ln.store.peer_storage_store import PeerStorageStore
from wallet.ln.wire import messages as m

log = logging.getLogger("kite.ln.peer_storage")

FEATURE = "option_provide_storage"
WRITE_INTERVAL = 60.0  # seconds between two writes of one peer's blob (BOLT 1: MAY delay)
TICK = 5.0  # how often the channel list is compared with what the peers hold
MIN_GAP = 0.25  # seconds between two checks woken by channel activity
RETRIEVAL_WAIT = 2.0  # on a new connection, ours waits this long for the peer's blob

ANOTHER_WALLET = ("A peer holds a backup of this wallet newer than any it sent: another "
                  "wallet restored from the same seed words may be running. Use only one.")


class PeerStorage:
    """`our_channels()` lists the channels to back up; `has_channel(node_id)`: a channel
    not closed with that peer; `holds(channel)`: we hold the state of this funding outpoint's
    channel (a blob about it, newer than ours, was written by another wallet); `live_peers()`:
    the connected peers; `on_backup(backup, peer)`: a blob of ours came back; `our_states()`:
    the stored state bytes by channel number (`ChannelStore.stored_states`);
    `hold_back(node_id)`: do not send that peer our blob now; `wake(timeout)`: returns when a
    channel changed or after `timeout` seconds."""

    def __init__(self, keys: LightningKeys, network: str, store: PeerStorageStore,
                 our_channels: Callable[[], list[BackedUpChannel]],
                 has_channel: Callable[[bytes], bool],
                 holds: Callable[[BackedUpChannel], bool],
                 live_peers: Callable[[], list[Peer]],
                 emit: Callable[[str, dict[str, Any]], None] | None = None,
                 clock: Callable[[], float] = time.monotonic, *,
                 our_states: Callable[[], dict[int, bytes]] | None = None,
                 hold_back: Callable[[bytes], bool] | None = None,
                 wake: Callable[[float], Awaitable[None]] | None = None) -> None:
        self.keys = keys
        self.our_states = our_states or dict
        self.hold_back = hold_back or (lambda node: False)
        self.wake = wake or asyncio.sleep
        self.clock = clock
        self.network = network
        self.store = store
        self.our_channels = our_channels
        self.has_channel = has_channel
        self.holds = holds
        self.live_peers = live_peers
        self.emit = emit or (lambda kind, data: None)
        self.on_backup: Callable[[PeerBackup, Peer], Awaitable[None]] | None = None
        self._latest: dict[bytes, bytes] = {}  # provider: each peer's newest blob
        self._written_at: dict[bytes, float] = {}
        self._dirty: set[bytes] = set()
        self._ignored: dict[bytes, int] = {}  # blobs refused per peer (logged once)
        self._ours: tuple[tuple[Any, ...], int] | None = None  # (channels, seq) last built
        # client: what each peer's blob of ours says (this run), see `_content`
        self._sent: dict[bytes, tuple] = {}
        self._retrieved: weakref.WeakSet[Peer] = weakref.WeakSet()  # retrieval read on
        # when each connection was first seen by a tick: ours waits for the peer's blob
        # (or RETRIEVAL_WAIT) on a new connection, so a restored wallet reads it before replacing it
        self._seen: weakref.WeakKeyDictionary[Peer, float] = weakref.WeakKeyDictionary()
        self._task: asyncio.Task | None = None

    # -- provider -------------------------------------------------------------------------------

    def blob_of(self, node_id: bytes) -> bytes | None:
        return self._latest.get(node_id) or self.store.get(node_id)

    def keep(self, peer: Peer, blob: bytes) -> bool:
        """A peer's `peer_storage`: kept if we offered storage, it has a channel with us and
        the blob fits."""
        node = peer.node_id
        offered = peer.local_features.supports(FEATURE)
        if len(blob) > MAX_BLOB or not offered or not self.has_channel(node):
            count = self._ignored[node] = self._ignored.get(node, 0) + 1
            if count == 1:
                why = ("too large" if len(blob) > MAX_BLOB else "we do not offer storage"
                       if not offered else "no channel with us")
                log.info("%s: peer_storage of %d bytes not kept (%s)", peer, len(blob), why)
            return False
        self._latest[node] = blob
        now = self.clock()
        if now - self._written_at.get(node, -WRITE_INTERVAL) >= WRITE_INTERVAL:
            self._write(node)
        else:
            self._dirty.add(node)  # written at the next flush
        return True

    def _write(self, node: bytes) -> None:
        self.store.put(node, self._latest[node])
        self._written_at[node] = self.clock()
        self._dirty.discard(node)

    def flush(self) -> None:
        """Write every blob kept in memory only (rate-limited ones)."""
        for node in list(self._dirty):
            self._write(node)

    # -- client ---------------------------------------------------------------------------------

    def _our_blob_seq(self) -> tuple[list[BackedUpChannel], dict[int, bytes], int]:
        """Our channels, their stored states and the sequence number of their blob (a new
        one when either changed)."""
        channels = self.our_channels()
        listed = {c.channel.key_index for c in channels}
        states = {k: v for k, v in self.our_states().items() if k in listed}
        key = (tuple(tuple(sorted(c.to_json().items(), key=lambda kv: kv[0]))
                     for c in channels),
               tuple(sorted((k, hashlib.sha256(v).digest()) for k, v in states.items())))
        if self._ours is None or self._ours[0] != key:
            self._ours = (key, self.store.next_seq())
        return channels, states, self._ours[1]

    @staticmethod
    def _content(channels: Iterable[BackedUpChannel], states: Mapping[int, bytes],
                 node: bytes) -> tuple:
        """What a blob for `node` says: the channel list and that peer's channels' states
        (a peer gets a new blob only when this changes, not at every other peer's step)."""
        # as JSON text: a channel the peer opened has no address (None), which does not
        # compare with another channel's address text
        listed = sorted(json.dumps(c.to_json(), sort_keys=True) for c in channels)
        mine = sorted((c.channel.key_index, hashlib.sha256(states[c.channel.key_index]).digest())
                      for c in channels
                      if c.channel.peer_node_id == node and c.channel.key_index in states)
        return tuple(listed), tuple(mine)

    async def send_ours(self, peer: Peer) -> bool:
        """Our blob to `peer` if it offers storage and does not hold this version yet. A
        blob without channels is never sent: it would only replace a fuller one a peer
        keeps for a wallet just restored."""
        if peer.is_closed or peer.remote_features is None \
                or not peer.remote_features.supports(FEATURE) or self.hold_back(peer.node_id):
            return False
        channels, states, seq = self._our_blob_seq()
        content = self._content(channels, states, peer.node_id)
        if not channels or self._sent.get(peer.node_id) == content:
            return False
        blob = peer_backup.encode(PeerBackup(self.network, seq, tuple(channels), states),
                                  self.keys.peer_storage_key, for_peer=peer.node_id)
        await peer.send(m.PeerStorage(blob=blob))
        self._sent[peer.node_id] = content
        return True

    async def retrieved(self, peer: Peer, blob: bytes) -> PeerBackup | None:
        """A `peer_storage_retrieval`: our backup if the blob is ours (else None, logged)."""
        if peer in self._retrieved:
            log.info("%s: a second peer_storage_retrieval on one connection ignored", peer)
            return None
        self._retrieved.add(peer)
        backup = peer_backup.decode(blob, self.keys.peer_storage_key, self.network)
        if backup is None:
            log.warning("%s gave back a blob of %d bytes that is not ours (garbage, another "
                        "node's, altered or for another network): ignored", peer, len(blob))
            return None
        sent, _seen = self.store.sequences()
        self.store.saw(backup.seq)
        if backup.seq > sent and any(self.holds(c) for c in backup.channels):
            log.warning("%s gave back our backup number %d; we sent up to %d", peer,
                        backup.seq, sent)
            self.emit("warning", {"text": ANOTHER_WALLET})
        elif backup.seq < sent:
            log.info("%s gave back an old backup of ours (%d; we sent %d): only used to find "
                     "channels", peer, backup.seq, sent)
        # what it holds; a newer one follows if ours says more
        self._sent[peer.node_id] = self._content(backup.channels, backup.states, peer.node_id)
        if self.on_backup is not None:
            await self.on_backup(backup, peer)
        return backup

    # -- the channel manager's hooks ------------------------------------------------------------

    async def peer_ready(self, peer: Peer) -> None:
        """At each connection, before any channel_reestablish: the peer's blob back to it.
        Ours goes at the next tick, once the peer had the time to give back what it keeps
        (a restored wallet must read that before it sends anything that replaces it)."""
        blob = self.blob_of(peer.node_id)
        if blob is not None and peer.local_features.supports(FEATURE):
            await peer.send(m.PeerStorageRetrieval(blob=blob))

    async def on_message(self, peer: Peer, msg: Any) -> bool:
        if isinstance(msg, m.PeerStorage):
            self.keep(peer, bytes(msg.blob))
            return True
        if isinstance(msg, m.PeerStorageRetrieval):
            await self.retrieved(peer, bytes(msg.blob))
            return True
        return False

    def peer_closed(self, peer: Peer) -> None:
        self._retrieved.discard(peer)
        self._sent.pop(peer.node_id, None)
        if peer.node_id in self._dirty:
            self._write(peer.node_id)

    # -- life cycle -----------------------------------------------------------------------------

    async def tick(self) -> None:
        """Ours to every connected peer that holds an older version (on a new connection,
        once it gave its blob back or after RETRIEVAL_WAIT); pending writes."""
        for peer in self.live_peers():
            first = self._seen.setdefault(peer, self.clock())
            if peer not in self._retrieved and self.clock() - first < RETRIEVAL_WAIT:
                continue
            try:
                await self.send_ours(peer)
            except PeerError as e:
                log.info("%s: our backup not sent: %s", peer, e)
        for node in list(self._dirty):
            if self.clock() - self._written_at.get(node, 0.0) >= WRITE_INTERVAL:
                self._write(node)

    def start(self, interval: float = TICK) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(interval),
                                                                name="peer-storage")

    async def _run(self, interval: float) -> None:
        while True:
            await self.wake(interval)  # a channel changed, or the interval passed
            await asyncio.sleep(min(MIN_GAP, interval))
            try:
                await self.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("peer storage tick failed")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        self.flush()
