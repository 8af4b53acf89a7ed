"""The relay role's shell (`forward.py` decides). Plain forwards (an onion naming one of
our channels) are sent on at once and answered with what comes back. Trampoline HTLCs are
held while the parts of a payment gather; then the outgoing HTLCs the plan calls for are
sent, and every part is answered when the outgoing side resolves: fulfilled with the
preimage as soon as one outgoing part settles, failed with the matching error when all of
them failed.

Durability (`forward_store.py`): an incoming HTLC is recorded when it arrives and marked
'forwarding' before any outgoing HTLC leaves; the outgoing HTLCs are in the payment log
(purpose 'forward', same payment hash), whose preimage is written before anything else
when they settle, whether off-chain or learned on-chain by the watcher. After a restart,
every recorded HTLC the channel still holds is answered again from the record: the
preimage if it is known, else the outcome of its outgoing HTLCs once they resolve; an HTLC
that was never forwarded fails (temporary_channel_failure).

Threading: everything runs on the node's asyncio loop; `on_htlc` runs in its own task (the
switch's), never under a channel lock.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from wallet.hashes import sha256
from wallet.ln.channel import states as st
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.htlc.contract import Fail, Fulfill, IncomingHtlc, OutgoingSettled, Resolution
from wallet.ln.htlc.payment_plan import sendable_msat
from wallet.ln.htlc.relay_plan import (
    DownstreamFailure,
    ForwardPlan,
    OutChannel,
    Refusal,
    Upstream,
    answer_part,
    build_part,
    check_part,
    complete,
    plan_blinded_relay,
    plan_channel_relay,
    plan_forward,
    refusal,
    relayed_failure,
    same_payment,
    set_id,
    upstream_failure,
)
from wallet.ln.htlc.relay_policy import DEFAULT_RELAY, RelayPolicy
from wallet.ln.onion.failures import FailureCode, create_error_packet
from wallet.ln.onion.sphinx import sha256_of_onion
from wallet.ln.onion.trampoline import TrampolineForward
from wallet.ln.shell.background import BackgroundTasks
from wallet.ln.shell.forward_recovery import (
    BLINDED_INTRO_RELAY,
    BLINDED_RELAY,
    CHANNEL_RELAY,
    FORWARD_PURPOSE,
    ForwardRecovery,
)
from wallet.ln.shell.ports import RelayHost
from wallet.ln.store.forward_store import (
    ForwardStore,
)

log = logging.getLogger("kite.ln.forward")

_KINDS = {CHANNEL_RELAY: "channel", BLINDED_INTRO_RELAY: "blinded", BLINDED_RELAY: "blinded"}

#: seconds to wait for every part of a payment before failing them (mpp_timeout)
MPP_TIMEOUT = 60.0


@dataclass
class _PartSet:
    """The parts of one incoming payment, and the answer they all get."""

    parts: list[IncomingHtlc]
    result: asyncio.Future  # bytes (the preimage) or an Upstream failure
    started: bool = False
    timer: asyncio.Task | None = field(default=None, repr=False)


class TrampolineForwarder:
    """`htlcs.Forwarder` for a node that relays trampoline payments."""

    def __init__(self, node: RelayHost, policy: RelayPolicy | None = None, *,
                 mpp_timeout: float = MPP_TIMEOUT) -> None:
        self.node = node
        self.store = ForwardStore(node.store.db)
        self.policy = policy or RelayPolicy()
        # plain relays: what our invoices' route hints tell payers about our channels
        self.channel_policy = DEFAULT_RELAY
        self.mpp_timeout = mpp_timeout
        self._sets: dict[bytes, _PartSet] = {}
        self._tasks = BackgroundTasks()
        # the record answered again after a restart; `live`: HTLCs handled in this process
        self.recovery = ForwardRecovery(node, self.store, self._spawn, lambda: self.policy)
        #: channels nothing is forwarded over (key indexes): an LSP's JIT channels whose
        #: sale has not been paid yet (`JitForwarder.install` sets it)
        self.withheld: Callable[[], set[int]] = set

    def install(self) -> TrampolineForwarder:
        """Become the node's forwarder (before it starts: claims are answered
        from the record during the first reconnections). It relays inside blinded routes
        too, and says so in init (option_route_blinding): our peers' BOLT 12 invoices may
        then start their paths at us."""
        self.node.set_forwarder(self)
        self.node.offer_feature("option_route_blinding")
        return self

    # -- the Forwarder protocol -------------------------------------------------------------

    async def on_htlc(self, incoming: IncomingHtlc) -> Resolution | None:
        key = (incoming.key_index, incoming.htlc_id)
        if incoming.trampoline is None and incoming.next_packet is not None:
            return await self._channel_relay(incoming)  # plain or inside a blinded route
        bad = check_part(incoming)
        if bad is not None:
            log.info("incoming HTLC %s refused: %s", key, bad.why)
            return answer_part(incoming, bad, self.policy)
        fwd = incoming.trampoline
        assert isinstance(fwd, TrampolineForward)
        self.recovery.live.add(key)
        self.store.add(incoming.key_index, incoming.htlc_id, incoming.payment_hash,
                       incoming.amount_msat, incoming.cltv_expiry, incoming.shared_secret,
                       fwd.shared_secret, fwd.dialect.value, fwd.next_node_id)
        sid = set_id(incoming)
        group = self._sets.get(sid)
        if group is None:
            group = self._sets[sid] = _PartSet([], asyncio.get_running_loop().create_future())
            group.timer = self._spawn(self._mpp_timeout(sid, group), "forward-mpp-timeout")
        elif group.started or not same_payment(group.parts[0], incoming):
            why = "a part that does not match its payment's other parts"
            return self._fail(incoming, refusal(
                FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, why,
                htlc_msat=incoming.amount_msat, height=self.node.chain.tip_height))
        group.parts.append(incoming)
        if complete(group.parts) and not group.started:
            group.started = True
            if group.timer is not None:
                group.timer.cancel()
            self._sets.pop(sid, None)
            self._spawn(self._forward(group), f"forward-{incoming.payment_hash.hex()[:8]}")
        result = await asyncio.shield(group.result)
        if isinstance(result, bytes):
            return Fulfill(result)
        return self._fail(incoming, result)

    def claims(self, key_index: int, htlc_id: int, payment_hash: bytes) -> bool:
        """Is this undecided incoming HTLC ours? (After a restart, answering it is scheduled.)"""
        return self.recovery.claims(key_index, htlc_id, payment_hash)

    # -- relaying ---------------------------------------------------------------------------

    def out_channels(self) -> list[OutChannel]:
        """Our open channels with how much each can send now: nothing while it is offline
        or shutting down (a payment towards it is then a temporary failure, not an unknown
        peer)."""
        out = []
        withheld = self.withheld()
        for c in self.node.channels.values():
            inner = c.inner
            if not isinstance(inner, st.Normal) or c.key_index in withheld:
                continue
            scids = {s.to_int() for s in (inner.short_channel_id, inner.setup.local_alias)
                     if s is not None}
            room = (sendable_msat(c.state.commitments, self.node.policy)
                    if type(c.state) is st.Normal else 0)
            out.append(OutChannel(c.key_index, c.peer_id, room, frozenset(scids)))
        return out

    async def _channel_relay(self, incoming: IncomingHtlc) -> Resolution:
        """A forward through one of our channels: a plain one (a payer using a route hint),
        or inside a blinded route (its hop data names the channel and what we forward; the
        next path key goes in our update_add_htlc)."""
        key = (incoming.key_index, incoming.htlc_id)
        blinded = incoming.blinded_forward is not None
        if blinded:
            relay = plan_blinded_relay(incoming, self.channel_policy,
                                       self.node.chain.tip_height, self.out_channels())
        else:
            relay = plan_channel_relay(incoming, self.channel_policy,
                                       self.node.chain.tip_height, self.out_channels())
        if isinstance(relay, Refusal):
            log.info("relay of HTLC %s refused: %s", key, relay.why)
            if blinded:
                return incoming.fail(relay.failure.code, relay.why)
            return Fail(create_error_packet(incoming.shared_secret, relay.failure), relay.why)
        self.recovery.live.add(key)
        if blinded:
            kind = BLINDED_RELAY if incoming.inside_blinded_route else BLINDED_INTRO_RELAY
            self.store.add(incoming.key_index, incoming.htlc_id, incoming.payment_hash,
                           incoming.amount_msat, incoming.cltv_expiry, incoming.shared_secret,
                           sha256_of_onion(incoming.onion), kind, relay.next_node_id)
        else:
            self.store.add(incoming.key_index, incoming.htlc_id, incoming.payment_hash,
                           incoming.amount_msat, incoming.cltv_expiry, incoming.shared_secret,
                           b"", CHANNEL_RELAY, relay.next_node_id)
        fee = incoming.amount_msat - relay.amount_msat
        self.store.forwarding([key], fee)
        try:
            sent = await self.node.send_htlc(
                self.node.channels[relay.key_index], relay.amount_msat,
                incoming.payment_hash, relay.cltv_expiry, relay.onion, purpose=FORWARD_PURPOSE,
                path_key=relay.path_key)
        except ChannelCommandError as e:
            outcome: Any = DownstreamFailure(why=f"cannot send: {e}")
        else:
            log.info("relaying HTLC %s: %d msat on channel %d, fee %d msat", key,
                     relay.amount_msat, relay.key_index, fee)
            outcome = await sent.outcome
        if isinstance(outcome, OutgoingSettled):
            return Fulfill(self._settled([incoming], outcome.preimage))
        if not isinstance(outcome, DownstreamFailure):
            outcome = DownstreamFailure(reason=outcome.reason,
                                        malformed_code=outcome.failure_code,
                                        sha256_of_onion=outcome.sha256_of_onion, why=outcome.why)
        answer = relayed_failure(incoming, outcome)
        self.store.fail(key, answer.reason if isinstance(answer, Fail) else b"", answer.why)
        log.info("relay of HTLC %s failed downstream: %s", key, answer.why)
        return answer

    async def _forward(self, group: _PartSet) -> None:
        parts = group.parts
        payment_hash = parts[0].payment_hash
        try:
            plan = plan_forward(parts, self.policy, self.node.chain.tip_height,
                                self.node.node_id, self.out_channels(),
                                read_own_hop=self.node.read_blinded_hop)
            if isinstance(plan, Refusal):
                log.info("forward of %s refused: %s", payment_hash.hex()[:16], plan.why)
                result: bytes | Upstream = plan
            else:
                result = await self._relay(plan, parts)
        except Exception as e:  # never leave the parts without an answer
            log.exception("forward of %s failed", payment_hash.hex()[:16])
            result = refusal(FailureCode.TEMPORARY_NODE_FAILURE, f"forwarder error: {e}")
        if not group.result.done():
            group.result.set_result(result)

    async def _relay(self, plan: ForwardPlan, parts: list[IncomingHtlc]) -> bytes | Upstream:
        payment_hash = parts[0].payment_hash
        self.store.forwarding([(p.key_index, p.htlc_id) for p in parts], plan.fee_msat)
        log.info("forwarding %s: %d msat to %s in %d part(s), fee %d msat",
                 payment_hash.hex()[:16], plan.amount_msat, plan.fwd.next_node_id.hex()[:16],
                 len(plan.parts), plan.fee_msat)
        failures: list[DownstreamFailure] = []
        waiting: dict[asyncio.Future, tuple[bytes, ...]] = {}
        for key_index, part_msat in plan.parts:
            out = build_part(plan, key_index, part_msat, payment_hash)
            ch = self.node.channels[key_index]
            try:
                sent = await self.node.send_htlc(
                    ch, out.amount_msat, payment_hash, out.cltv_expiry, out.onion,
                    purpose=FORWARD_PURPOSE, shared_secrets=out.shared_secrets,
                    path_key=out.path_key)
            except ChannelCommandError as e:
                failures.append(DownstreamFailure(why=f"cannot send: {e}"))
                continue
            waiting[sent.outcome] = out.shared_secrets
        while waiting:
            done, _ = await asyncio.wait(list(waiting), return_when=asyncio.FIRST_COMPLETED)
            for fut in done:
                secrets = waiting.pop(fut)
                outcome = fut.result()
                if isinstance(outcome, OutgoingSettled):
                    return self._settled(parts, outcome.preimage)
                failures.append(DownstreamFailure(
                    decrypted=outcome.decrypted, reason=outcome.reason, shared_secrets=secrets,
                    malformed_code=outcome.failure_code, why=outcome.why))
        upstream = upstream_failure(plan, failures)
        log.info("forward of %s failed downstream: %s", payment_hash.hex()[:16], upstream.why)
        return upstream

    def _settled(self, parts: list[IncomingHtlc], preimage: bytes) -> bytes:
        if sha256(preimage) != parts[0].payment_hash:  # the channel checked it; twice is cheap
            raise ValueError("a preimage that does not match the payment hash")
        self.store.settle([(p.key_index, p.htlc_id) for p in parts], preimage)
        log.info("forward of %s settled", parts[0].payment_hash.hex()[:16])
        return preimage

    def _fail(self, part: IncomingHtlc, upstream: Upstream) -> Fail:
        answer = answer_part(part, upstream, self.policy)
        self.store.fail((part.key_index, part.htlc_id), answer.reason, answer.why)
        return answer

    async def _mpp_timeout(self, sid: bytes, group: _PartSet) -> None:
        await asyncio.sleep(self.mpp_timeout)
        if group.started:
            return
        self._sets.pop(sid, None)
        got = sum(p.amount_msat for p in group.parts)
        log.info("incoming parts of %s timed out (%d msat)", group.parts[0].payment_hash.hex(),
                 got)
        group.started = True
        group.result.set_result(refusal(FailureCode.MPP_TIMEOUT, "not every part arrived"))

    # -- after a restart --------------------------------------------------------------------

    def recover(self) -> None:
        """Answer again every recorded incoming HTLC the channels still hold (call once the
        channels are loaded): the answer is given now or at the channel's reconnection."""
        self.recovery.recover()

    # -- the operator's view ----------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        p = self.policy
        return {"fee_base_msat": p.fee_base_msat,
                "fee_proportional_millionths": p.fee_proportional_millionths,
                "cltv_expiry_delta": p.cltv_expiry_delta}

    def forwards(self) -> list[dict[str, Any]]:
        return [{"channel": r.key_index, "htlc_id": r.htlc_id,
                 "kind": _KINDS.get(r.dialect, "trampoline"),
                 "payment_hash": r.payment_hash.hex(), "amount_msat": r.amount_msat,
                 "next_node_id": r.next_node_id.hex(), "status": r.status,
                 "fee_msat": r.fee_msat, "why": r.why, "created_at": r.created_at}
                for r in self.store.all()]

    # -- tasks ------------------------------------------------------------------------------

    def _spawn(self, coro: Awaitable, name: str) -> asyncio.Task:
        return self._tasks.spawn(coro, name)

    async def stop(self) -> None:
        await self._tasks.stop()
