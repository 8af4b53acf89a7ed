"""The channel shell saves a run of HTLC commands and the signature that ends it once (their
final state) before any of their messages leaves, and writes the payment log row of an
update_add_htlc in the same transaction as that save: fewer disk commits, same guarantees
(checked here from a second SQLite connection, i.e. what a crash would leave)."""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3

from tests.support.nodes import FakeChain, settled
from wallet.keys.lightning import LightningKeys
from wallet.ln.channel import events as ev
from wallet.ln.shell.channel_manager import ChannelManager
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.peer import PeerConfig, chain_hash
from wallet.ln.store.channel_store import PAID, ChannelStore
from wallet.ln.wire import messages as m
from wallet.networks import REGTEST
from wallet.storage.database import Database

FUNDING = 600_000


class WatchedManager(ChannelManager):
    """Records each save and each message sent; when an update_add_htlc or a
    commitment_signed leaves, reads from another connection what is durable."""

    def __init__(self, *args, path, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.path = path
        self.trace: list[str] = []
        self.rows_missing: list[int] = []
        self.states_behind = 0
        save = self.store.save

        def counted(key_index, state, also=None):
            self.trace.append("save")
            save(key_index, state, also)

        self.store.save = counted  # type: ignore[method-assign]
        self.commits = 0
        background = [False]

        def on_sql(sql: str) -> None:
            # the peer-storage blob's sequence number (a background tick's own
            # transaction, when a channel changed) is not a commit of the channel's path
            if "ln_peer_storage" in sql:
                background[0] = True
            elif sql.strip().upper() == "COMMIT":
                if not background[0]:
                    self.commits += 1
                background[0] = False

        self.store.db._conn.set_trace_callback(on_sql)

    def _watch_sends(self, ch) -> None:
        """Wrap the connection's send: an update_add_htlc's row must be durable by then."""
        peer = ch.conn
        if peer is None or getattr(peer, "watched", False):
            return
        send = peer.send

        async def checked(msg):
            self.trace.append(msg.NAME)
            if isinstance(msg, m.UpdateAddHtlc):
                with sqlite3.connect(self.path) as other:
                    found = other.execute(
                        "SELECT 1 FROM ln_htlcs_out WHERE key_index = ? AND htlc_id = ?",
                        (ch.key_index, msg.id)).fetchone()
                if found is None:
                    self.rows_missing.append(msg.id)
            await send(msg)

        peer.send, peer.watched = checked, True

    async def _perform(self, ch, action, queue):
        if isinstance(action, ev.SendMessage):
            msg = action.message
            self._watch_sends(ch)
            if (isinstance(msg, m.CommitmentSigned | m.RevokeAndAck | m.UpdateFulfillHtlc)
                    and self.store.load(ch.key_index).state != ch.state):
                self.states_behind += 1
        return await super()._perform(ch, action, queue)


def make_node(tmp_path, name: str, chain: FakeChain) -> LightningNode:
    path = tmp_path / f"{name}.sqlite"
    keys = LightningKeys.from_seed(os.urandom(32), REGTEST)
    config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=30)
    return LightningNode(keys, REGTEST, ChannelStore(Database(path)), chain,
                         peer_config=config, poll_interval=0.05, backoff_initial=0.1,
                         shell=functools.partial(WatchedManager, path=path))


async def open_pair(tmp_path):
    chain = FakeChain()
    a, b = make_node(tmp_path, "a", chain), make_node(tmp_path, "b", chain)
    await a.start()
    await b.start(listen_port=0)
    ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
    chain.mine(3)
    await a.wait_normal(ch, 10)
    [chb] = b.channels.values()
    await b.wait_normal(chb, 10)
    return a, b, ch, chb


async def test_htlc_commands_and_their_signature_are_saved_once_before_sending(
        tmp_path) -> None:
    a, b, ch, chb = await open_pair(tmp_path)
    try:
        a.manager.trace.clear()
        tip = a.chain.tip_height
        adds = [ev.CmdAddHtlc(10_000 + i, os.urandom(32), tip + 40, os.urandom(1366))
                for i in range(3)]
        await a.feed(ch, [*adds, ev.CmdSign()])
        # one save (the final state), then the three adds and the signature, in order
        assert a.manager.trace == ["save", "update_add_htlc", "update_add_htlc", "update_add_htlc",
                           "commitment_signed"]
        assert a.store.load(ch.key_index).state == ch.state
        # b cannot read these onions: all three come back failed, the channel goes on
        await settled(ch, chb)
        assert not ch.state.commitments.local_commit.view.htlcs
        assert a.manager.states_behind == 0 and b.manager.states_behind == 0
    finally:
        await a.stop()
        await b.stop()


async def test_payment_rows_are_durable_before_their_update_add_leaves(tmp_path) -> None:
    a, b, ch, chb = await open_pair(tmp_path)
    try:
        a.manager.trace.clear()
        a.manager.commits = 0
        invoices = [b.create_invoice(100_000 + i, f"p{i}") for i in range(8)]
        results = await asyncio.gather(*(a.pay(inv) for inv in invoices))
        assert {r["status"] for r in results} == {PAID}
        await settled(ch, chb)
        assert a.manager.trace.count("update_add_htlc") == 8
        assert a.manager.rows_missing == []
        # no commit of its own for an HTLC row (held back until the next save when a
        # signature awaited its revocation): the payment rows, one settle per payment (the
        # payment paid with it), and the saves
        assert a.manager.commits == 8 + 8 + a.manager.trace.count("save")
        assert a.manager.states_behind == 0 and b.manager.states_behind == 0
        await settled(ch, chb)
        # every HTLC row of the payer is settled with its preimage
        rows = a.payment_log.pending_htlcs()
        assert rows == []
        out = a.payment_log.list(direction="out")
        assert len(out) == 8 and all(p.status == PAID and p.preimage for p in out)
        assert {p.status for p in b.payment_log.list(direction="in")} == {PAID}
    finally:
        await a.stop()
        await b.stop()
