"""The LSP's JIT channels in the relay role (bLIP-52 steps 4 and 5): an HTLC whose onion
names a JIT scid we sold is held, a zero-conf channel (option_scid_alias +
option_zeroconf) is opened to the client that bought it, and the HTLC goes on less the
opening fee, its `update_add_htlc` carrying that fee as bLIP-25 `extra_fee`. Anything else
goes to the node's ordinary forwarder.

Failures are clean, for the payer to read: the client not connected, or disconnecting
before the channel is ready, is `temporary_channel_failure` (the sale stays on sale, with
the channel if it was funded, for the payer's retry); a client refusing the open, a payment
that does not cover the fee, or an expired sale is `unknown_next_peer`. Each sale pays for
one channel: it is used up when its HTLC is forwarded.

Restarts: the incoming HTLC is recorded (`forward_store`, held) before the open starts and
marked forwarding before the HTLC goes to the client, so that after a restart the record
answers it (`forward_recovery`): settled downstream -> fulfilled, else failed with
`temporary_channel_failure`; never dropped as unreadable. With a trampoline forwarder
inside, that one answers the record; without (`--lsp` alone), this one does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from wallet.errors import KiteError
from wallet.ln.channel import states as st
from wallet.ln.htlc.contract import Fulfill, IncomingHtlc, OutgoingSettled, Resolution
from wallet.ln.htlc.relay_plan import DownstreamFailure, relayed_failure
from wallet.ln.onion.failures import FailureCode
from wallet.ln.shell.background import BackgroundTasks
from wallet.ln.shell.forward_recovery import CHANNEL_RELAY, FORWARD_PURPOSE, ForwardRecovery
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.lsps2_provider import Lsps2Provider, Sale
from wallet.ln.shell.manager_errors import OpenRefused
from wallet.ln.store.forward_store import ForwardStore
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

    def install(self) -> JitForwarder:
        self.node.set_forwarder(self)
        return self

    def claims(self, key_index: int, htlc_id: int, payment_hash: bytes) -> bool:
        return self.recovery.claims(key_index, htlc_id, payment_hash)

    def recover(self) -> None:
        """After the channels are loaded: answer the recorded HTLCs a restart left held."""
        self.recovery.recover()

    async def stop(self) -> None:
        for task in self._tasks.cancel_all():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

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
        decision = jit_plan.plan(sale.purchase, payload.amt_to_forward or 0,
                                 incoming.cltv_expiry, payload.outgoing_cltv_value or 0,
                                 self.provider.cltv_expiry_delta)
        if isinstance(decision, jit_plan.JitRefusal):
            log.info("JIT HTLC refused: %s", decision.why)
            if decision.code == jit_plan.INCORRECT_CLTV:
                return incoming.fail(FailureCode.INCORRECT_CLTV_EXPIRY, decision.why,
                                     cltv_expiry=incoming.cltv_expiry)
            return incoming.fail(FailureCode.UNKNOWN_NEXT_PEER, decision.why)
        client = sale.client_id
        if self.node.manager.live_peer(client) is None:
            return incoming.fail(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                                 "the JIT client is not connected")
        why = self.provider.cannot_take_jit(client)  # it reconnected with other features
        if why is not None:
            log.info("JIT HTLC refused: %s", why)
            return incoming.fail(FailureCode.UNKNOWN_NEXT_PEER, why)
        ch = self._funded_channel(sale)
        if ch is None and self.funding_check is not None:
            try:
                await self.funding_check(client, decision.channel_sat)
            except KiteError as e:
                log.warning("JIT channel to %s not funded: %s", client.hex()[:16], e)
                return incoming.fail(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                                     f"the LSP cannot fund the channel now: {e}")
        key = (incoming.key_index, incoming.htlc_id)
        # durable before the open: a restart from here on answers the HTLC from the record
        # (and puts an interrupted sale back on sale)
        self.store.add(incoming.key_index, incoming.htlc_id, incoming.payment_hash,
                       incoming.amount_msat, incoming.cltv_expiry, incoming.shared_secret, b"",
                       CHANNEL_RELAY, client)
        self.recovery.live.add(key)
        self.provider.take(sale)
        try:
            if ch is None:
                ch = await self.node.open_channel(client, "", 0, decision.channel_sat,
                                                  zeroconf=True, timeout=OPEN_TIMEOUT)
                self.provider.funded(sale, ch.key_index)
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
            answer = incoming.fail(code, f"JIT channel not opened: {e}")
            self.store.fail(key, answer.reason, answer.why)
            return answer
        self.provider.used(sale)
        self.opened[sale.scid] = ch.key_index
        self.store.forwarding([key], decision.fee_msat)
        log.info("JIT channel %d opened to %s: forwarding %d msat, fee %d msat", ch.key_index,
                 client.hex()[:16], decision.amount_msat, decision.fee_msat)
        try:
            sent = await self.node.send_htlc(
                ch, decision.amount_msat, incoming.payment_hash,
                payload.outgoing_cltv_value, incoming.next_packet, purpose=FORWARD_PURPOSE,
                extra_fee_msat=decision.fee_msat)
        except KiteError as e:
            answer = relayed_failure(incoming, DownstreamFailure(why=f"cannot send: {e}"))
            self.store.fail(key, answer.reason, answer.why)
            return answer
        outcome = await sent.outcome
        if isinstance(outcome, OutgoingSettled):
            self.store.settle([key], outcome.preimage)
            return Fulfill(outcome.preimage)
        answer = relayed_failure(incoming, DownstreamFailure(
            reason=outcome.reason, malformed_code=outcome.failure_code,
            sha256_of_onion=outcome.sha256_of_onion, why=outcome.why))
        self.store.fail(key, answer.reason, answer.why)
        return answer
