"""Two channel state machines wired together in memory (no sockets): `Pair` delivers their
messages and checks on every step that a committing message leaves only after its state
was persisted; funding transaction helpers."""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxOut
from bitcoin.core.script import CScript

from wallet.keys.lightning import LightningKeys
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.machine import process
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.features import Features
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m
from wallet.ln.wire.primitives import ShortChannelId
from wallet.networks import REGTEST

CHAIN_HASH = bytes.fromhex(REGTEST.genesis_hash)[::-1]


FEATURES = Features.of(
    "option_data_loss_protect",
    "option_static_remotekey",
    "option_anchors_zero_fee_htlc_tx",
    "option_channel_type",
    "option_upfront_shutdown_script",
    "option_shutdown_anysegwit",
    "option_scid_alias",  # as Kite offers them in init (an alias or zero-conf type needs them)
    "option_zeroconf",
)


COMMITTING = (
    m.FundingCreated,
    m.FundingSigned,
    m.CommitmentSigned,
    m.RevokeAndAck,
    m.UpdateFulfillHtlc,
    m.ClosingSigned,
)


SCID = ShortChannelId(500, 1, 1)


def p2wpkh_script(tag: int) -> bytes:
    return b"\x00\x14" + bytes([tag]) * 20


def check_actions(new_state: Any, actions: list, durable: Any = None) -> None:
    """PersistState(new state) comes before committing messages and broadcasts, unless the
    new state is already the durable one (`durable`: the last persisted state), as when a
    step that changed nothing retransmits what was persisted before it was first sent."""
    persisted = durable is not None and new_state == durable
    for action in actions:
        if isinstance(action, ev.PersistState):
            assert action.state == new_state, "persisted state is not the new state"
            persisted = True
        elif isinstance(action, ev.SendMessage) and isinstance(action.message, COMMITTING):
            assert persisted, f"{action.message.NAME} sent before PersistState"
        elif isinstance(action, ev.BroadcastTx):
            assert persisted, "broadcast before PersistState"


@dataclass
class Node:
    name: str
    keys: Any
    state: Any
    persisted: Any = None
    sent: list = field(default_factory=list)
    upstream: list = field(default_factory=list)
    broadcasts: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    other_actions: list = field(default_factory=list)

    @property
    def c(self):
        return st.commitments_of(self.state)


class Pair:
    """Funder `a` and fundee `b`, connected in memory."""

    def __init__(
        self,
        channel_type: ChannelType = ChannelType.STATIC_REMOTEKEY,
        *,
        funding_sat: int = 1_000_000,
        push_msat: int = 0,
        feerate: int = 2500,
        policy_a: ChannelPolicy | None = None,
        policy_b: ChannelPolicy | None = None,
        seed: bytes = b"",
    ) -> None:
        seed = seed or os.urandom(8)
        self.channel_type = channel_type
        self.funding_sat = funding_sat
        self.push_msat = push_msat
        self.feerate = feerate
        self.queues: dict[str, deque] = {"a": deque(), "b": deque()}  # inbox of each node
        self.connected = True
        self.a = self._node("a", seed, policy_a, 1)
        self.b = self._node("b", seed, policy_b, 2)
        self.funding_tx: CTransaction | None = None

    def _node(self, name: str, seed: bytes, policy: ChannelPolicy | None, tag: int) -> Node:
        keys = LightningKeys.from_seed(seed + name.encode() * 16, REGTEST).channel_keys(tag)
        setup = st.Setup(
            chain_hash=CHAIN_HASH,
            key_index=tag,
            close_script=p2wpkh_script(tag),
            policy=policy or ChannelPolicy(),
            local_features=FEATURES,
            remote_features=FEATURES,
            local_alias=ShortChannelId(0, 0, tag),
        )
        return Node(name, keys, st.Idle(setup))

    def peer(self, node: Node) -> Node:
        return self.b if node is self.a else self.a

    # -- stepping ----------------------------------------------------------------------------

    def step(self, node: Node, event: Any) -> list:
        new, actions = process(node.state, event, node.keys)
        check_actions(new, actions, node.persisted)
        node.state = new
        for action in actions:
            if isinstance(action, ev.PersistState):
                node.persisted = action.state
            elif isinstance(action, ev.SendMessage):
                node.sent.append(action.message)
                if self.connected:
                    wire = action.message.encode()
                    self.queues[self.peer(node).name].append(m.decode_message(wire))
            elif isinstance(action, ev.BroadcastTx):
                node.broadcasts.append(action)
            elif isinstance(action, ev.HtlcReceived | ev.HtlcSettled | ev.HtlcFailed):
                node.upstream.append(action)
            elif isinstance(action, ev.ChannelError):
                node.errors.append(action.message)
            else:
                node.other_actions.append(action)
        return actions

    def deliver_one(self, name: str) -> list:
        node = self.a if name == "a" else self.b
        return self.step(node, self.queues[name].popleft())

    def run(self, limit: int = 10_000) -> None:
        """Deliver messages alternately until both inboxes are empty."""
        for _ in range(limit):
            if not self.queues["a"] and not self.queues["b"]:
                return
            for name in ("a", "b"):
                if self.queues[name]:
                    self.deliver_one(name)
        raise AssertionError("message loop did not settle")

    def disconnect(self) -> None:
        self.connected = False
        self.queues["a"].clear()
        self.queues["b"].clear()
        for node in (self.a, self.b):
            self.step(node, ev.Disconnected())

    def reconnect(self, run: bool = True) -> None:
        """Both sides reconnect and send channel_reestablish; `run` delivers everything."""
        self.connected = True
        for node in (self.a, self.b):
            self.step(node, ev.Reconnected())
        if run:
            self.run()

    def restart(self, node: Node) -> None:
        """Crash `node`: it comes back from its last persisted state, disconnected."""
        node.state = node.persisted

    # -- opening -----------------------------------------------------------------------------

    def open(self, *, confirm: bool = True) -> None:
        cmd = ev.CmdOpen(
            temporary_channel_id=os.urandom(32),
            funding_sat=self.funding_sat,
            push_msat=self.push_msat,
            feerate_per_kw=self.feerate,
            channel_type=self.channel_type,
        )
        actions = self.step(self.a, cmd)
        assert isinstance(actions[0].message, m.OpenChannel)
        self.run()
        need = [x for x in self.a.other_actions if isinstance(x, ev.FundingTxNeeded)]
        assert len(need) == 1
        self.funding_tx = make_funding_tx(need[0].script_pubkey, need[0].amount_sat)
        self.step(
            self.a,
            ev.FundingTxReady(self.funding_tx.GetTxid(), 1, self.funding_tx.serialize()),
        )
        self.run()
        if confirm:
            self.confirm()

    def confirm(self, depth: int = 6) -> None:
        for node in (self.a, self.b):
            self.step(node, ev.FundingDepthReached(depth, SCID))
        self.run()

    # -- payments ----------------------------------------------------------------------------

    def add(self, node: Node, amount_msat: int, preimage: bytes | None = None) -> tuple:
        preimage = preimage or os.urandom(32)
        from wallet.hashes import sha256

        cmd = ev.CmdAddHtlc(amount_msat, sha256(preimage), 600_000, bytes(m.ONION_PACKET_SIZE))
        actions = self.step(node, cmd)
        add = actions[0].message
        return add.id, preimage

    def assert_in_sync(self) -> None:
        """Both sides agree on each other's commitments, and balances add up."""
        ca, cb = self.a.c, self.b.c
        assert ca.local_commit.view == cb.remote_commit.view
        assert cb.local_commit.view == ca.remote_commit.view
        assert ca.local_commitment_tx(self.a.keys).txid == cb.remote_commit.txid
        assert cb.local_commitment_tx(self.b.keys).txid == ca.remote_commit.txid
        for c in (ca, cb):
            for view in (c.local_commit.view, c.remote_commit.view):
                total = view.to_local_msat + view.to_remote_msat
                total += sum(h.amount_msat for h in view.htlcs)
                assert total == self.funding_sat * 1000


def make_funding_tx(script: bytes, amount_sat: int) -> CTransaction:
    """A segwit-looking funding transaction: output 1 pays the channel."""
    prevout = COutPoint(os.urandom(32), 0)
    return CTransaction(
        [CTxIn(prevout, CScript(), 0xFFFFFFFD)],
        [CTxOut(50_000, CScript(p2wpkh_script(9))), CTxOut(amount_sat, CScript(script))],
        0,
        2,
    )
