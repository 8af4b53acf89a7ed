"""A flood of `open_channel` (issue 12, "Exhaustion by one peer"), from lying peers over
loopback to a real node: a refused open leaves no channel row, no key index and no object;
an open abandoned before funding_created is forgotten; pending inbound channels are capped
across all node ids (they cost nothing to make); the fundee forgets a channel whose funding
never confirms after 2016 blocks and stops polling it."""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace

import pytest

from tests.support.channel_pair import Pair
from tests.support.nodes import FUNDING, FakeChain, channel, make_node, start_nodes, stop_all
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.opening import FUNDING_TIMEOUT_BLOCKS
from wallet.ln.shell.channel_manager import MAX_PENDING_INBOUND
from wallet.ln.shell.open_rate import OVERALL_BURST, OVERALL_PER_SECOND, PEER_BURST, REFUSAL
from wallet.ln.shell.peer import PeerConfig, chain_hash, connect, random_node_key
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m
from wallet.networks import REGTEST


def open_message(**changes) -> m.OpenChannel:
    """A valid open_channel on regtest (from the pure machine), with `changes` applied."""
    pair = Pair(ChannelType.STATIC_REMOTEKEY, funding_sat=FUNDING)
    actions = pair.step(pair.a, ev.CmdOpen(temporary_channel_id=os.urandom(32),
                                           funding_sat=FUNDING, push_msat=0,
                                           feerate_per_kw=2500,
                                           channel_type=ChannelType.STATIC_REMOTEKEY))
    return replace(actions[0].message, **changes)


class Liar:
    """A raw connection from a fresh node id that sends what it likes and keeps what the
    node answers."""

    def __init__(self) -> None:
        self.got: list[m.Message] = []
        self.peer = None

    async def connect(self, node, key: bytes | None = None) -> Liar:
        config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=30)
        self.peer = await connect("127.0.0.1", node.listen_port, node.node_id,
                                  key or random_node_key(), config)
        return self

    async def leave(self) -> None:
        self.peer.close("gone")
        await self.peer.wait_closed()

    async def open(self, msg: m.OpenChannel) -> m.Message:
        """Send it and wait for accept_channel or error."""
        seen = asyncio.Event()

        async def keep(_peer, reply: m.Message) -> None:
            self.got.append(reply)
            seen.set()

        self.peer.register_channel(msg.temporary_channel_id, keep)
        await self.peer.send(msg)
        await asyncio.wait_for(seen.wait(), 5)
        return self.got[-1]


def rows(node) -> int:
    return node.store.db.query_one("SELECT COUNT(*) FROM channels")[0]


def key_counter(node) -> int:
    row = node.store.db.query_one("SELECT next_index FROM channel_key_counter WHERE id = 0")
    return row[0] if row else 0


@pytest.mark.parametrize("lie", [
    {"chain_hash": bytes(32)},
    {"funding_satoshis": 1000},
    {"push_msat": FUNDING * 1000 + 1},
    {"to_self_delay": 60_000},
    {"max_accepted_htlcs": 484},
    {"feerate_per_kw": 1},
    {"dust_limit_satoshis": 100},
], ids=["chain", "tiny", "push", "delay", "htlcs", "feerate", "dust"])
async def test_a_refused_open_stores_nothing(tmp_path, lie) -> None:
    b = make_node(tmp_path, "b", FakeChain(), os.urandom(32))
    await b.start(listen_port=0)
    try:
        liar = await Liar().connect(b)
        counter = key_counter(b)
        for _ in range(20):
            reply = await liar.open(open_message(temporary_channel_id=os.urandom(32), **lie))
            assert isinstance(reply, m.ErrorMessage)
        assert (rows(b), len(b.channels), key_counter(b)) == (0, 0, counter)
    finally:
        await stop_all(b)


class Clock:
    """The manager's clock (`ChannelManager.clock`), moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _forgotten(b) -> None:
    for _ in range(100):
        if not b.channels:
            break
        await asyncio.sleep(0.02)
    assert (rows(b), len(b.channels)) == (0, 0)


async def test_an_open_abandoned_before_funding_is_forgotten(tmp_path) -> None:
    b = make_node(tmp_path, "b", FakeChain(), os.urandom(32))
    b.manager.clock = clock = Clock()
    await b.start(listen_port=0)
    try:
        for _ in range(2 * MAX_PENDING_INBOUND):
            clock.now += 1 / OVERALL_PER_SECOND  # at the pace the open rate allows
            liar = await Liar().connect(b)
            reply = await liar.open(open_message())
            assert isinstance(reply, m.AcceptChannel)
            await liar.leave()
            await _forgotten(b)
    finally:
        await stop_all(b)


async def test_a_flood_of_valid_opens_from_fresh_ids_is_rate_limited(tmp_path) -> None:
    """Each open valid, from a new node id, abandoned at once (so the pending cap never
    bites): past the burst they are refused with a sentence, before any key index is
    taken or anything stored; the bucket refills with time; the LSP we use is exempt."""
    b = make_node(tmp_path, "b", FakeChain(), os.urandom(32))
    b.manager.clock = clock = Clock()
    await b.start(listen_port=0)
    try:
        replies = []
        for _ in range(3 * OVERALL_BURST):
            liar = await Liar().connect(b)
            replies.append(await liar.open(open_message()))
            await liar.leave()
            await _forgotten(b)
        accepted = [r for r in replies if isinstance(r, m.AcceptChannel)]
        refused = [r for r in replies if isinstance(r, m.ErrorMessage)]
        assert len(accepted) == OVERALL_BURST and len(refused) == 2 * OVERALL_BURST
        assert all(r.data == REFUSAL.encode() for r in refused)
        counter = key_counter(b)
        liar = await Liar().connect(b)
        assert isinstance(await liar.open(open_message()), m.ErrorMessage)
        await liar.leave()
        assert (rows(b), len(b.channels), key_counter(b)) == (0, 0, counter)

        # our LSP (or one we bought a JIT channel from) opens all the same
        lsp_key = random_node_key()
        b.manager.open_exempt.add(lsp_key.public_key.format())
        lsp = await Liar().connect(b, lsp_key)
        assert isinstance(await lsp.open(open_message()), m.AcceptChannel)
        await lsp.leave()
        await _forgotten(b)

        clock.now += 1 / OVERALL_PER_SECOND  # one more token
        liar = await Liar().connect(b)
        assert isinstance(await liar.open(open_message()), m.AcceptChannel)
        await liar.leave()
    finally:
        await stop_all(b)


async def test_a_peer_with_a_confirmed_channel_is_not_rate_limited(tmp_path) -> None:
    """Fresh node ids cost nothing; a peer whose channel with us confirmed paid on chain for
    it: its next open is not refused by the buckets (a wallet opening several channels to
    its trampoline one after another). A peer with only an unconfirmed one is."""
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    b.manager.clock = clock = Clock()
    try:
        await channel(chain, a, b)
        for _ in range(PEER_BURST + 1):  # a's bucket at b, and more
            b.manager.open_rate.allow(a.node_id, clock.now)
        assert b.manager.open_rate.allow(a.node_id, clock.now) is not None  # drained
        second = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
        assert second.channel_id in {c.channel_id for c in b.channels.values()}

        stranger = await Liar().connect(b)  # no channel: the buckets still apply to it
        for _ in range(OVERALL_BURST + 1):
            b.manager.open_rate.allow(os.urandom(33), clock.now)
        assert isinstance(await stranger.open(open_message()), m.ErrorMessage)
        await stranger.leave()
    finally:
        await stop_all(a, b)


async def test_pending_inbound_channels_are_capped_across_node_ids(tmp_path) -> None:
    b = make_node(tmp_path, "b", FakeChain(), os.urandom(32))
    # as if from many addresses (here all are 127.0.0.1)
    b.manager.peers.config = replace(b.manager.peers.config, max_inbound_per_address=100)
    await b.start(listen_port=0)
    liars = []
    try:
        for i in range(MAX_PENDING_INBOUND + 3):
            liar = await Liar().connect(b)  # a new node id each time
            liars.append(liar)
            reply = await liar.open(open_message())
            if i < MAX_PENDING_INBOUND:
                assert isinstance(reply, m.AcceptChannel), reply
            else:
                assert isinstance(reply, m.ErrorMessage)
                assert b"try again later" in reply.data
        assert len(b.channels) == MAX_PENDING_INBOUND and rows(b) == 0
    finally:
        for liar in liars:
            liar.peer.close("done")
        await stop_all(b)


# -- the funding that never confirms ----------------------------------------------------------


def test_the_fundee_forgets_an_unconfirmed_channel_after_2016_blocks() -> None:
    pair = Pair()
    pair.open(confirm=False)
    assert isinstance(pair.b.state, st.WaitForFundingConfirmed)
    actions = pair.step(pair.b, ev.NewBlock(1000))
    assert pair.b.state.waiting_since == 1000 and isinstance(actions[0], ev.PersistState)
    assert pair.step(pair.b, ev.NewBlock(1000 + FUNDING_TIMEOUT_BLOCKS - 1)) == []
    actions = pair.step(pair.b, ev.NewBlock(1000 + FUNDING_TIMEOUT_BLOCKS))
    assert isinstance(pair.b.state, st.Closed) and "2016 blocks" in pair.b.state.reason
    assert [type(x.message) for x in actions if isinstance(x, ev.SendMessage)] == \
        [m.ErrorMessage]
    assert not any(isinstance(x, ev.BroadcastTx) for x in actions)
    # the funder's coins are in it: it never forgets
    for height in (1000, 1000 + 10 * FUNDING_TIMEOUT_BLOCKS):
        pair.step(pair.a, ev.NewBlock(height))
    assert isinstance(pair.a.state, st.WaitForFundingConfirmed)


def test_the_count_survives_a_restart_and_an_offline_peer() -> None:
    pair = Pair()
    pair.open(confirm=False)
    pair.step(pair.b, ev.NewBlock(1000))
    pair.disconnect()
    pair.restart(pair.b)  # from the persisted state: the first height is kept
    pair.step(pair.b, ev.NewBlock(1000 + FUNDING_TIMEOUT_BLOCKS))
    assert isinstance(pair.b.state, st.Closed)


class CountingChain(FakeChain):
    def __init__(self) -> None:
        super().__init__()
        self.status_calls = 0

    async def funding_status(self, watch):
        self.status_calls += 1
        return await super().funding_status(watch)


async def test_the_node_stops_polling_a_forgotten_funding(tmp_path) -> None:
    chain_a, chain_b = FakeChain(), CountingChain()
    a = make_node(tmp_path, "a", chain_a, os.urandom(32))
    b = make_node(tmp_path, "b", chain_b, os.urandom(32))  # never sees the funding mined
    await a.start()
    await b.start(listen_port=0)
    try:
        await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
        [chb] = b.channels.values()
        for _ in range(100):
            if isinstance(chb.inner, st.WaitForFundingConfirmed) and chb.inner.waiting_since:
                break
            chain_b.tip_height += 1
            await asyncio.sleep(0.05)
        start = chb.inner.waiting_since
        chain_b.tip_height = start + FUNDING_TIMEOUT_BLOCKS
        for _ in range(100):
            if isinstance(chb.state, st.Closed):
                break
            await asyncio.sleep(0.02)
        assert isinstance(chb.state, st.Closed)
        assert isinstance(b.store.load(chb.key_index).state, st.Closed)
        calls = chain_b.status_calls
        await asyncio.sleep(0.5)  # ten polls
        chain_b.tip_height += 1
        await asyncio.sleep(0.2)
        assert chain_b.status_calls == calls
    finally:
        await stop_all(a, b)
