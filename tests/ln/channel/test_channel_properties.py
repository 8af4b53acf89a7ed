"""Property test: random interleavings of commands, partial deliveries, disconnections and
crashes on both sides. Afterwards, once everything is settled, both sides agree on each
other's commitments, no channel failed, and every satoshi is where the settled payments say."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from tests.support.channel_pair import Pair
from wallet.hashes import sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m

SIDES = hs.sampled_from(["a", "b"])
OPS = hs.one_of(
    hs.tuples(hs.just("add"), SIDES, hs.integers(1_000, 60_000_000)),
    hs.tuples(hs.just("sign"), SIDES),
    hs.tuples(hs.just("fulfill"), SIDES, hs.integers(0, 20)),
    hs.tuples(hs.just("fail"), SIDES, hs.integers(0, 20)),
    hs.tuples(hs.just("deliver"), SIDES, hs.integers(1, 6)),
    hs.tuples(hs.just("fee"), hs.integers(1000, 8000)),
    hs.tuples(hs.just("reconnect")),
    hs.tuples(hs.just("restart"), SIDES),
)


class Driver:
    def __init__(self, channel_type: ChannelType) -> None:
        self.pair = Pair(channel_type, push_msat=200_000_000)
        self.pair.open()
        self.preimages: dict[bytes, bytes] = {}

    def node(self, side: str):
        return self.pair.a if side == "a" else self.pair.b

    def command(self, node, cmd) -> None:
        with contextlib.suppress(ChannelCommandError):
            self.pair.step(node, cmd)

    def pending(self, node) -> list:
        return [u for u in node.upstream if isinstance(u, ev.HtlcReceived)]

    def apply(self, op: tuple) -> None:
        pair = self.pair
        kind = op[0]
        if kind == "add":
            preimage = os.urandom(32)
            self.preimages[sha256(preimage)] = preimage
            cmd = ev.CmdAddHtlc(op[2], sha256(preimage), 700_000, bytes(m.ONION_PACKET_SIZE))
            self.command(self.node(op[1]), cmd)
        elif kind == "sign":
            self.command(self.node(op[1]), ev.CmdSign())
        elif kind in ("fulfill", "fail"):
            node = self.node(op[1])
            pending = self.pending(node)
            if pending:
                htlc = pending[op[2] % len(pending)]
                if kind == "fulfill":
                    cmd = ev.CmdFulfillHtlc(htlc.htlc_id, self.preimages[htlc.payment_hash])
                else:
                    cmd = ev.CmdFailHtlc(htlc.htlc_id, b"nope")
                self.command(node, cmd)
        elif kind == "deliver":
            for _ in range(op[2]):
                if pair.queues[op[1]]:
                    pair.deliver_one(op[1])
        elif kind == "fee":
            self.command(pair.a, ev.CmdUpdateFee(op[1]))
        elif kind == "reconnect":  # messages in flight are lost, then channel_reestablish
            pair.disconnect()
            pair.reconnect(run=False)
        elif kind == "restart":  # a crash: back to the last persisted state, then reconnect
            pair.disconnect()
            node = self.node(op[1])
            node.state = node.persisted
            if not isinstance(node.state, st.Offline):
                pair.step(node, ev.Disconnected())
            pair.reconnect(run=False)

    def settle(self) -> None:
        pair = self.pair
        pair.run()
        for _ in range(4):
            for node in (pair.a, pair.b):
                for htlc in self.pending(node):
                    self.command(
                        node, ev.CmdFulfillHtlc(htlc.htlc_id, self.preimages[htlc.payment_hash])
                    )
                self.command(node, ev.CmdSign())
            pair.run()


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    channel_type=hs.sampled_from(list(ChannelType)),
    ops=hs.lists(OPS, min_size=5, max_size=80),
)
def test_random_interleavings_keep_both_sides_in_agreement(channel_type, ops) -> None:
    driver = Driver(channel_type)
    pair = driver.pair
    for op in ops:
        driver.apply(op)
        settled = not pair.queues["a"] and not pair.queues["b"] and all(
            type(n.state) is st.Normal and n.c.waiting is None for n in (pair.a, pair.b)
        )
        if settled:  # nothing in flight: each side holds what the other signed
            pair.assert_in_sync()
        for node in (pair.a, pair.b):
            c = node.c
            for view in (c.local_commit.view, c.remote_commit.view):
                total = view.to_local_msat + view.to_remote_msat
                assert total + sum(h.amount_msat for h in view.htlcs) == pair.funding_sat * 1000
    driver.settle()
    assert not pair.a.errors and not pair.b.errors
    assert isinstance(pair.a.state, st.Normal) and isinstance(pair.b.state, st.Normal)
    assert all(x.what == "funding" for x in pair.a.broadcasts + pair.b.broadcasts)
    pair.assert_in_sync()
    assert not pair.a.c.has_pending_changes and not pair.b.c.has_pending_changes
    assert not pair.a.c.local_commit.view.htlcs
    # balances follow the payments each sender saw settled (each once, by payment hash)
    sent_by_a = {u.payment_hash: u.amount_msat for u in pair.a.upstream
                 if isinstance(u, ev.HtlcSettled)}
    sent_by_b = {u.payment_hash: u.amount_msat for u in pair.b.upstream
                 if isinstance(u, ev.HtlcSettled)}
    expected_b = pair.push_msat + sum(sent_by_a.values()) - sum(sent_by_b.values())
    assert pair.b.c.local_commit.view.to_local_msat == expected_b
