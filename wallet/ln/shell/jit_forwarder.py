"""The LSP's JIT channels in the relay role (bLIP-52 steps 4 and 5): an HTLC whose onion
names a JIT scid we sold is held, a zero-conf channel (option_scid_alias +
option_zeroconf) is opened to the client that bought it, and the HTLC goes on less the
opening fee, its `update_add_htlc` carrying that fee as bLIP-25 `extra_fee`. Anything else
goes to the node's ordinary forwarder.

Failures are clean, for the payer to read: the client not connected, or disconnecting
before the channel is ready, is `temporary_channel_failure` (the sale stays on sale, with
the channel if it was funded, for the payer's retry); a client refusing the open, a payment
that does not cover the fee, or an expired sale is `unknown_next_peer`. Each sale pays for
one channel: it is used up when a part forwarded over it settles (until then a failed or
interrupted forward puts it back on sale with its channel, so the retry pays the fee).

MPP (a size bought): the parts wait until their onion amounts reach the size
(`jit_plan.plan_parts`), then the channel opens once and each part goes on less its share of
the fee (its own `extra_fee`); parts that do not reach it within `mpp_timeout` (90 s) are
all failed `temporary_channel_failure`, the sale kept; more than `jit_plan.MAX_PARTS`, or a
part of another payment hash, are refused `unknown_next_peer`.

Restarts: the incoming HTLC is recorded (`forward_store`, held) before the open starts and
marked forwarding before the HTLC goes to the client, so that after a restart the record
answers it (`forward_recovery`): settled downstream -> fulfilled, else failed with
`temporary_channel_failure`; never dropped as unreadable. With a trampoline forwarder
inside, that one answers the record; without (`--lsp` alone), this one does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from wallet.errors import KiteError
from wallet.ln.channel import states as st
from wallet.ln.htlc.contract import Fail, Fulfill, IncomingHtlc, OutgoingSettled, Resolution
from wallet.ln.htlc.relay_plan import DownstreamFailure, relayed_failure
from wallet.ln.onion.failures import FailureCode
from wallet.ln.shell.background import BackgroundTasks
from wallet.ln.shell.forward_recovery import CHANNEL_RELAY, FORWARD_PURPOSE, ForwardRecovery
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.lsps2_provider import Lsps2Provider, Sale
from wallet.ln.shell.manager_errors import OpenRefused
from wallet.ln.store.forward_store import HELD, ForwardStore
from wallet.lsp import jit_plan

log = logging.getLogger("kite.lsp")

#: seconds the zero-conf channel may take to be ready on both sides
OPEN_TIMEOUT = 30.0

FundingCheck = Callable[[bytes, int], Awaitable[None]]


class JitForwarder:
    """`Forwarder` of an LSP node: JIT scids here, everything else to `inner`."""

    def __init__(self, node: Any, provider: Lsps2Provider, inner: Any | None,
                 funding_check: FundingCheck | None = None) -> None:
        """`node` is the LightningNode (channels, open_channel, send_htlc, peers);
        `funding_check(client, channel_sat)` raises KiteError when the LSP must not fund
        that channel now (the daemon's: the on-chain reserve its anchor channels need)."""
        self.node = node
        self.funding_check = funding_check
        # recorded like the relay role's plain forwards: after a restart the record
        # (`claims`, `recover`) answers the incoming HTLC from its outgoing one
        self.store = ForwardStore(node.store.db)
        self.provider = provider
        self.inner = inner
        self._tasks = BackgroundTasks()
        self.recovery = (inner.recovery if isinstance(getattr(inner, "recovery", None),
                                                      ForwardRecovery)
                         else ForwardRecovery(node, self.store, self._tasks.spawn))
        self.opened: dict[int, int] = {}  # JIT scid -> the channel's key_index
        self._parts: dict[int, _Parts] = {}  # JIT scid -> the parts gathered (MPP)
        self.mpp_timeout = jit_plan.MPP_TIMEOUT_SECONDS

    def install(self) -> JitForwarder:
        self.node.set_forwarder(self)
        if self.inner is not None:  # a JIT channel carries its sale's payment first
            self.inner.withheld = self.provider.withheld_channels
        return self

    def claims(self, key_index: int, htlc_id: int, payment_hash: bytes) -> bool:
        return self.recovery.claims(key_index, htlc_id, payment_hash)

    def recover(self) -> None:
        """After the channels are loaded: answer the recorded HTLCs a restart left held."""
        self.recovery.recover()

    async def stop(self) -> None:
        await self._tasks.stop()

    async def on_htlc(self, incoming: IncomingHtlc) -> Resolution | None:
        scid = incoming.payload.short_channel_id
        sale = None
        if incoming.next_packet is not None and incoming.trampoline is None and scid is not None:
            sale = self.provider.sale_for(scid.to_int(), datetime.now(UTC))
        if sale is None:
            if self.inner is None:
                return incoming.fail(FailureCode.UNKNOWN_NEXT_PEER, "we do not forward")
            return await self.inner.on_htlc(incoming)
        return await self._jit(incoming, sale)

    def _funded_channel(self, sale: Sale) -> Channel | None:
        """The channel an interrupted open (a restart, the client gone) funded for this
        sale, if it can still carry the HTLC: the retry uses it instead of a new one."""
        ch = self.node.channels.get(sale.key_index) if sale.key_index is not None else None
        if ch is None or ch.peer_id != sale.client_id:
            return None
        if isinstance(ch.inner, st.WaitForChannelReady | st.Normal) and not isinstance(
                ch.inner, st.ShuttingDown):
            return ch
        return None

    async def _jit(self, incoming: IncomingHtlc, sale: Sale) -> Resolution:
        payload = incoming.payload
        if sale.purchase.payment_size_msat is None:  # variable amount: one HTLC, no MPP
            decision = jit_plan.plan(sale.purchase, payload.amt_to_forward or 0,
                                     incoming.cltv_expiry, payload.outgoing_cltv_value or 0,
                                     self.provider.cltv_expiry_delta)
            if isinstance(decision, jit_plan.JitRefusal):
                return _refuse(incoming, decision)
            [answer] = await self._open_and_forward(sale, [incoming], jit_plan.PartsForward(
                (decision.amount_msat,), (decision.fee_msat,), decision.channel_sat))
            return answer
        bad = jit_plan.check_cltv(incoming.cltv_expiry, payload.outgoing_cltv_value or 0,
                                  self.provider.cltv_expiry_delta)
        if bad is not None:
            return _refuse(incoming, bad)
        return await self._gather(incoming, sale)

    async def _gather(self, incoming: IncomingHtlc, sale: Sale) -> Resolution:
        """bLIP-52 with a size bought: the payer may split it (MPP). The parts wait here
        until their onion amounts reach the size; the last one opens the channel and
        forwards them all, each less its share of the fee; the others get their answers."""
        parts = self._parts.get(sale.scid)
        if parts is not None and parts.payment_hash != incoming.payment_hash:
            return _refuse(incoming, jit_plan.JitRefusal(
                jit_plan.UNKNOWN_NEXT_PEER, "a part of another payment for this JIT scid"))
        if parts is None:
            parts = self._parts[sale.scid] = _Parts(incoming.payment_hash)
        # written down as it is held: a restart while the others have not come answers it
        # from the record (temporary_channel_failure, readable), never as unreadable
        self._record_held([incoming], sale.client_id)
        mine: asyncio.Future[Resolution] = asyncio.get_running_loop().create_future()
        parts.items.append((incoming, mine))
        decision = jit_plan.plan_parts(
            sale.purchase, [i.payload.amt_to_forward or 0 for i, _ in parts.items])
        if decision is None:
            if parts.timer is None:
                parts.timer = self._tasks.spawn(self._time_out(sale.scid, parts),
                                                "JIT parts timeout")
            return await mine
        del self._parts[sale.scid]
        if parts.timer is not None:
            parts.timer.cancel()
        htlcs = [i for i, _ in parts.items]
        if isinstance(decision, jit_plan.JitRefusal):
            answers = [_refuse(i, decision) for i in htlcs]
        else:
            answers = await self._open_and_forward(sale, htlcs, decision)
        self._record_failures(htlcs, answers)
        for (_, waiting), answer in zip(parts.items, answers, strict=True):
            if waiting is not mine and not waiting.done():
                waiting.set_result(answer)
        return answers[-1]

    def _record_held(self, parts: list[IncomingHtlc], client: bytes) -> None:
        for i in parts:
            self.store.add(i.key_index, i.htlc_id, i.payment_hash, i.amount_msat,
                           i.cltv_expiry, i.shared_secret, b"", CHANNEL_RELAY, client)
        self.recovery.live.update((i.key_index, i.htlc_id) for i in parts)

    def _record_failures(self, parts: list[IncomingHtlc], answers: list[Resolution]) -> None:
        """A failure given to a part whose record still says held (refused, timed out, or
        failed before the open) is written down, so a restart does not answer it again."""
        for i, answer in zip(parts, answers, strict=True):
            row = self.store.get(i.key_index, i.htlc_id)
            if isinstance(answer, Fail) and row is not None and row.status == HELD:
                self.store.fail((i.key_index, i.htlc_id), answer.reason, answer.why)

    async def _time_out(self, scid: int, parts: _Parts) -> None:
        """The parts did not reach the size in time: all failed, the sale stays on sale."""
        await asyncio.sleep(self.mpp_timeout)
        if self._parts.get(scid) is not parts:
            return
        del self._parts[scid]
        log.info("JIT payment to scid %d: %d part(s) timed out", scid, len(parts.items))
        answers = [i.fail(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                          "the JIT payment's parts did not all come") for i, _ in parts.items]
        self._record_failures([i for i, _ in parts.items], answers)
        for (_, waiting), answer in zip(parts.items, answers, strict=True):
            if not waiting.done():
                waiting.set_result(answer)

    async def _open_and_forward(self, sale: Sale, parts: list[IncomingHtlc],
                                decision: jit_plan.PartsForward) -> list[Resolution]:
        """Open the zero-conf channel (or use the one an interrupted open funded) and
        forward each part less its fee; one answer per part, in order."""
        def fail_all(code: FailureCode, why: str) -> list[Resolution]:
            return [i.fail(code, why) for i in parts]

        client = sale.client_id
        if self.node.manager.live_peer(client) is None:
            return fail_all(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                            "the JIT client is not connected")
        why = self.provider.cannot_take_jit(client)  # it reconnected with other features
        if why is not None:
            log.info("JIT HTLC refused: %s", why)
            return fail_all(FailureCode.UNKNOWN_NEXT_PEER, why)
        ch = self._funded_channel(sale)
        if ch is None and self.funding_check is not None:
            try:
                await self.funding_check(client, decision.channel_sat)
            except KiteError as e:
                log.warning("JIT channel to %s not funded: %s", client.hex()[:16], e)
                return fail_all(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                                f"the LSP cannot fund the channel now: {e}")
        keys = [(i.key_index, i.htlc_id) for i in parts]
        # durable before the open: a restart from here on answers the HTLCs from the record
        # (and puts an interrupted sale back on sale)
        for i in parts:
            self.store.add(i.key_index, i.htlc_id, i.payment_hash, i.amount_msat,
                           i.cltv_expiry, i.shared_secret, b"", CHANNEL_RELAY, client)
        self.recovery.live.update(keys)
        self.provider.take(sale)
        try:
            if ch is None:  # its key index kept with the sale before open_channel leaves
                ch = await self.node.open_channel(
                    client, "", 0, decision.channel_sat, zeroconf=True, timeout=OPEN_TIMEOUT,
                    on_created=lambda key_index: self.provider.funded(sale, key_index))
            await self.node.wait_normal(ch, OPEN_TIMEOUT)
        except KiteError as e:
            log.info("JIT channel to %s not opened: %s", client.hex()[:16], e)
            # the client answered the open with an error: unknown_next_peer (bLIP-52), the
            # sale is over; it went away or stalled (also before funding_signed: a crash of
            # the client mid-open): temporary_channel_failure, the sale (and the channel,
            # if funded) kept for the payer's retry
            refused = isinstance(e, OpenRefused)
            if refused:
                self.provider.used(sale)
            else:
                self.provider.give_back(sale, ch.key_index if ch is not None else None)
            code = (FailureCode.UNKNOWN_NEXT_PEER if refused
                    else FailureCode.TEMPORARY_CHANNEL_FAILURE)
            answers = fail_all(code, f"JIT channel not opened: {e}")
            for key, answer in zip(keys, answers, strict=True):
                self.store.fail(key, answer.reason, answer.why)
            return answers
        # the sale stays `opening` (with its channel) until a part settles: a forward that
        # fails, or never leaves because a restart came first, puts it back on sale, so the
        # payer's retry pays the fee again over the same channel (a plain forward would not)
        self.provider.funded(sale, ch.key_index)
        self.opened[sale.scid] = ch.key_index
        for key, fee in zip(keys, decision.fees_msat, strict=True):
            self.store.forwarding([key], fee)
        log.info("JIT channel %d opened to %s: forwarding %d msat in %d part(s), fee %d msat",
                 ch.key_index, client.hex()[:16], sum(decision.amounts_msat), len(parts),
                 sum(decision.fees_msat))
        sends: list[Any] = []
        for i, amount, fee in zip(parts, decision.amounts_msat, decision.fees_msat,
                                  strict=True):
            try:
                sends.append(await self.node.send_htlc(
                    ch, amount, i.payment_hash, i.payload.outgoing_cltv_value, i.next_packet,
                    purpose=FORWARD_PURPOSE, extra_fee_msat=fee or None))
            except KiteError as e:
                sends.append(DownstreamFailure(why=f"cannot send: {e}"))
        outcomes = [s if isinstance(s, DownstreamFailure) else await s.outcome for s in sends]
        # the client settles all parts with one preimage: with it, every part is ours
        preimage = next((o.preimage for o in outcomes if isinstance(o, OutgoingSettled)), None)
        if preimage is not None:
            self.provider.used(sale)
        else:
            self.provider.give_back(sale, ch.key_index)
        answers: list[Resolution] = []
        for i, key, outcome in zip(parts, keys, outcomes, strict=True):
            if preimage is not None:
                self.store.settle([key], preimage)
                answers.append(Fulfill(preimage))
                continue
            failure = outcome if isinstance(outcome, DownstreamFailure) else DownstreamFailure(
                reason=outcome.reason, malformed_code=outcome.failure_code,
                sha256_of_onion=outcome.sha256_of_onion, why=outcome.why)
            answer = relayed_failure(i, failure)
            self.store.fail(key, answer.reason, answer.why)
            answers.append(answer)
        return answers


class _Parts:
    """The parts of one JIT payment gathered so far, each with the future its answer goes
    to, and the timer that fails them all."""

    def __init__(self, payment_hash: bytes) -> None:
        self.payment_hash = payment_hash
        self.items: list[tuple[IncomingHtlc, asyncio.Future[Resolution]]] = []
        self.timer: asyncio.Task | None = None


def _refuse(incoming: IncomingHtlc, refusal: jit_plan.JitRefusal) -> Resolution:
    log.info("JIT HTLC refused: %s", refusal.why)
    if refusal.code == jit_plan.INCORRECT_CLTV:
        return incoming.fail(FailureCode.INCORRECT_CLTV_EXPIRY, refusal.why,
                             cltv_expiry=incoming.cltv_expiry)
    return incoming.fail(FailureCode.UNKNOWN_NEXT_PEER, refusal.why)
