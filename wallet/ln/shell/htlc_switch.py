"""The HTLC switch: the channel shell's one door for HTLC decisions (see `htlcs.py` for the
types). Incoming: every committed HTLC is peeled and handed to the receiver (ours) or the
forwarder (the trampoline role), which may answer at once or hold it and answer later.
Outgoing: one HTLC sent on a chosen channel, its outcome awaited by (key_index, htlc_id),
recorded durably in the payment log (the preimage before anything else).

Threading: runs on the node's asyncio loop. HtlcReceived arrives while the channel's lock
is held (inside `ChannelManager._feed`), so anything that feeds the channel again (a held
answer, the forwarder) runs in its own task.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from wallet.hashes import sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import OFFERED, RECEIVED
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.htlc.contract import (
    Fail,
    FailMalformed,
    Forwarder,
    Fulfill,
    IncomingHtlc,
    OutgoingFailed,
    OutgoingOutcome,
    OutgoingSettled,
    Resolution,
    peel_incoming,
)
from wallet.ln.onion.failures import (
    FailureCode,
    UnattributableFailure,
    decrypt_error_packet,
    failure_code_name,
)
from wallet.ln.shell.background import BackgroundTasks
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.ports import ChannelHost, FinalReceiver
from wallet.ln.store.payment_log import HTLC_FAILED, HTLC_PENDING, HTLC_SETTLED, PaymentLog
from wallet.ln.wire import messages as m
from wallet.sentence import Sentence, template

log = logging.getLogger("kite.ln.htlcs")

HtlcKey = tuple[int, int]  # (channel key_index, htlc_id)
#: called with every outcome of a "payment" HTLC, including after a restart
OutcomeListener = Callable[[OutgoingOutcome], None]

NEVER_COMMITTED = template("the HTLC was never committed (disconnection or restart before "
                           "signing)")


@dataclass
class _Pending:
    """An HTLC we asked the channel to add, until its update_add_htlc names its id."""

    purpose: str
    fee_msat: int | None
    shared_secrets: tuple[bytes, ...] = field(repr=False)
    trampoline_secrets: tuple[bytes, ...] = field(repr=False)
    key: HtlcKey | None = None


@dataclass(frozen=True)
class SentHtlc:
    """An HTLC we added: its key, and a future for its outcome."""

    key_index: int
    htlc_id: int
    amount_msat: int
    outcome: asyncio.Future = field(repr=False)

    @property
    def key(self) -> HtlcKey:
        return (self.key_index, self.htlc_id)


class HtlcSwitch:
    def __init__(self, host: ChannelHost, log_store: PaymentLog, node_key: bytes) -> None:
        self.host = host
        self.payment_log = log_store
        self.node_key = node_key
        self.receiver: FinalReceiver | None = None
        self.forwarder: Forwarder | None = None
        self.listeners: list[OutcomeListener] = []
        self._by_onion: dict[bytes, _Pending] = {}
        self._secrets: dict[HtlcKey, _Pending] = {}
        self._futures: dict[HtlcKey, asyncio.Future] = {}
        self.held: dict[HtlcKey, IncomingHtlc] = {}
        self._answers: dict[HtlcKey, Resolution] = {}  # waiting for the channel to be usable
        self._tasks = BackgroundTasks()

    # -- outgoing ---------------------------------------------------------------------------

    async def send_htlc(self, ch: Channel, amount_msat: int, payment_hash: bytes,
                        cltv_expiry: int, onion: bytes, *, purpose: str = "payment",
                        fee_msat: int | None = None, shared_secrets: tuple[bytes, ...] = (),
                        trampoline_secrets: tuple[bytes, ...] = (),
                        extra_fee_msat: int | None = None,
                        path_key: bytes | None = None) -> SentHtlc:
        """Add one HTLC on `ch` and sign it. The row is in the payment log before the
        update_add_htlc leaves. Raises ChannelCommandError when the channel refuses it
        (offline, not enough balance, limits): nothing was sent then. `path_key`: the
        update_add_htlc's, for an HTLC that goes on inside a blinded route."""
        pending = _Pending(purpose, fee_msat, tuple(shared_secrets), tuple(trampoline_secrets))
        tag = sha256(onion)
        self._by_onion[tag] = pending
        try:
            await self.host.feed(ch, [ev.CmdAddHtlc(amount_msat, payment_hash, cltv_expiry,
                                                    onion, path_key=path_key,
                                                    extra_fee_msat=extra_fee_msat),
                                      ev.CmdSign()])
        finally:
            self._by_onion.pop(tag, None)
        if pending.key is None:  # cannot happen: the machine sends update_add_htlc at once
            raise ChannelCommandError("the channel did not send the HTLC")
        return SentHtlc(pending.key[0], pending.key[1], amount_msat, self.outcome(pending.key))

    def on_add_sent(self, ch: Channel, msg: m.UpdateAddHtlc) -> None:
        """The channel is about to send our update_add_htlc: record it first."""
        record = self.claim_add(ch, msg)
        if record is not None:
            record()

    def claim_add(self, ch: Channel, msg: m.UpdateAddHtlc) -> Callable[[], None] | None:
        """Our update_add_htlc has its id: from now on the HTLC is known by (key_index, id).
        Returns what writes its payment log row, to run before the message leaves (the
        shell may run it in the transaction of the save that signs it); None for a
        retransmission after a reconnection."""
        pending = self._by_onion.get(sha256(msg.onion_routing_packet))
        if pending is None or pending.key is not None:
            return None
        key = (ch.key_index, msg.id)
        pending.key = key
        stale = self._futures.pop(key, None)  # an id handed out again: its HTLC never was
        if stale is not None and not stale.done():
            stale.set_result(OutgoingFailed(ch.key_index, msg.id, b"", 0, NEVER_COMMITTED))
        # its outcome is awaited from now on (not read from the log, where a closed row of
        # an earlier HTLC with this id may be all there is until this one's row is written)
        self._futures[key] = asyncio.get_running_loop().create_future()
        self._secrets[key] = pending
        return lambda: self.payment_log.add_htlc(
            ch.key_index, msg.id, msg.payment_hash, msg.amount_msat, msg.cltv_expiry,
            pending.purpose, pending.fee_msat, shared_secrets=pending.shared_secrets,
            trampoline_secrets=pending.trampoline_secrets)

    def outcome(self, key: HtlcKey) -> asyncio.Future:
        """A future for the outcome of an HTLC we sent (also one from before a restart)."""
        fut = self._futures.get(key)
        if fut is not None:
            return fut
        fut = asyncio.get_running_loop().create_future()
        row = self.payment_log.htlc(*key)
        if row is not None and row.status == HTLC_SETTLED:
            fut.set_result(OutgoingSettled(key[0], key[1], row.payment_hash, row.amount_msat,
                                       row.preimage or b""))
        elif row is not None and row.status == HTLC_FAILED:
            fut.set_result(OutgoingFailed(key[0], key[1], row.payment_hash, row.amount_msat,
                                             row.failure or "failed"))
        else:
            self._futures[key] = fut
        return fut

    def on_settled(self, ch: Channel, s: ev.HtlcSettled) -> None:
        key = (ch.key_index, s.htlc_id)
        self.payment_log.settle_htlc(ch.key_index, s.htlc_id, s.preimage)  # durable first
        self._secrets.pop(key, None)
        self._finish(key, OutgoingSettled(ch.key_index, s.htlc_id, s.payment_hash, s.amount_msat,
                                      s.preimage))

    def on_failed(self, ch: Channel, f: ev.HtlcFailed) -> None:
        key = (ch.key_index, f.htlc_id)
        pending = self._secrets.pop(key, None)
        decrypted = None
        if f.reason is not None:
            why = Sentence("an error packet we cannot read")
            # sent before a restart: the secrets were recorded with the HTLC
            secrets, trampoline_secrets = ((pending.shared_secrets, pending.trampoline_secrets)
                                           if pending is not None else
                                           self.payment_log.htlc_secrets(ch.key_index, f.htlc_id))
            if secrets:
                try:
                    decrypted = decrypt_error_packet(f.reason, secrets, trampoline_secrets)
                    code = decrypted.code
                    why = (failure_code_name(code) if code is not None
                           else Sentence("an empty failure"))
                except UnattributableFailure:
                    why = Sentence("a failure nobody on the route signed")
        elif f.failure_code is not None:
            why = Sentence("our peer could not read the onion (%1)",
                           failure_code_name(f.failure_code))
        else:
            why = NEVER_COMMITTED
        self.payment_log.fail_htlc(ch.key_index, f.htlc_id, why)
        self._finish(key, OutgoingFailed(ch.key_index, f.htlc_id, f.payment_hash,
                                            f.amount_msat, why, f.reason, f.failure_code,
                                            f.sha256_of_onion, decrypted))

    def preimages_learned(self, ch: Channel, preimages: dict[bytes, bytes]) -> None:
        """Preimages the peer revealed on chain (BOLT 5): our pending HTLCs of this channel
        with those hashes are settled, durably first, so that a forward is claimed upstream
        and a payment is paid."""
        for payment_hash, preimage in preimages.items():
            if sha256(preimage) != payment_hash:
                continue
            for row in self.payment_log.htlcs_for(payment_hash):
                if row.key_index != ch.key_index or row.status != HTLC_PENDING:
                    continue
                key = (row.key_index, row.htlc_id)
                self.payment_log.settle_htlc(row.key_index, row.htlc_id, preimage)
                self._secrets.pop(key, None)
                log.info("channel %d: HTLC %d settled on chain", ch.key_index, row.htlc_id)
                self._finish(key, OutgoingSettled(row.key_index, row.htlc_id, payment_hash,
                                              row.amount_msat, preimage))

    def _finish(self, key: HtlcKey, outcome: OutgoingOutcome) -> None:
        fut = self._futures.pop(key, None)
        if fut is not None and not fut.done():
            fut.set_result(outcome)
        for listener in list(self.listeners):
            try:
                listener(outcome)
            except Exception:
                log.exception("an HTLC outcome listener failed")

    def timed_out_on_chain(self, key_index: int, payment_hash: bytes,
                           why: str = template("the HTLC timed out on chain")) -> None:
        """For the watcher: our pending HTLCs of `payment_hash` on this force-closed channel
        ended on chain without the preimage (timed out, refunded to us). Their waiters
        (payments, forwards) get the failure as usual. (`preimages_learned` is the other
        ending.)"""
        for row in self.payment_log.pending_htlcs():
            if row.key_index != key_index or row.payment_hash != payment_hash:
                continue
            key = (row.key_index, row.htlc_id)
            self._secrets.pop(key, None)
            self.payment_log.fail_htlc(*key, why)
            self._finish(key, OutgoingFailed(*key, payment_hash, row.amount_msat, why))

    def reconcile(self) -> None:
        """After loading the channels: a pending row whose HTLC no channel has (it was never
        signed, so the peer forgot it too) failed; its outcome is delivered as any other."""
        for row in self.payment_log.pending_htlcs():
            ch = self.host.channels.get(row.key_index)
            if ch is not None and _still_offered(ch, row.htlc_id):
                continue
            if ch is not None and isinstance(ch.inner, st.Closing):
                continue  # on chain now: resolved there
            self.payment_log.fail_htlc(row.key_index, row.htlc_id, NEVER_COMMITTED)
            self._finish((row.key_index, row.htlc_id), OutgoingFailed(
                row.key_index, row.htlc_id, row.payment_hash, row.amount_msat, NEVER_COMMITTED))

    # -- incoming ---------------------------------------------------------------------------

    def on_htlc_received(self, ch: Channel, h: ev.HtlcReceived, queue: list) -> bool:
        """Decide on a committed incoming HTLC; returns True when commands were queued."""
        peeled = peel_incoming(key_index=ch.key_index, htlc_id=h.htlc_id,
                               amount_msat=h.amount_msat, payment_hash=h.payment_hash,
                               cltv_expiry=h.cltv_expiry, onion=h.onion,
                               node_private_key=self.node_key, path_key=h.path_key)
        if not isinstance(peeled, IncomingHtlc):
            return self._answer_now(ch, h.htlc_id, peeled, queue)
        if h.extra_fee_msat is not None:
            peeled = replace(peeled, extra_fee_msat=h.extra_fee_msat)
        key = (ch.key_index, h.htlc_id)
        if peeled.is_final:
            answer = (self.receiver.on_final_htlc(peeled) if self.receiver is not None else
                      peeled.fail(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS,
                                  "no receiver", htlc_msat=h.amount_msat,
                                  height=self.host.chain.tip_height))
            if answer is None:
                self.held[key] = peeled
                return False
            return self._answer_now(ch, h.htlc_id, answer, queue)
        if self.forwarder is None:  # we are no relay: to the payer, a dead end
            return self._answer_now(ch, h.htlc_id, peeled.fail(
                FailureCode.UNKNOWN_NEXT_PEER, "we do not forward"), queue)
        self.held[key] = peeled
        self.spawn(self._forward(peeled), f"forward-{key[0]}-{key[1]}")
        return False

    async def _forward(self, incoming: IncomingHtlc) -> None:
        assert self.forwarder is not None
        try:
            answer = await self.forwarder.on_htlc(incoming)
        except Exception as e:
            log.exception("the forwarder failed on HTLC %s", (incoming.key_index,
                                                               incoming.htlc_id))
            answer = incoming.fail(FailureCode.TEMPORARY_NODE_FAILURE, f"forwarder error: {e}")
        if answer is not None:
            await self.resolve_incoming(incoming.key_index, incoming.htlc_id, answer)

    def _answer_now(self, ch: Channel, htlc_id: int, answer: Resolution, queue: list) -> bool:
        queue.append(_command(htlc_id, answer))
        if not isinstance(answer, Fulfill):
            log.info("channel %d: failing incoming HTLC %d: %s", ch.key_index, htlc_id,
                     answer.why)
        return True

    async def resolve_incoming(self, key_index: int, htlc_id: int, answer: Resolution) -> None:
        """Answer a held incoming HTLC (once). If the channel cannot take the answer now
        (offline), it is kept and given at the reconnection."""
        key = (key_index, htlc_id)
        self.held.pop(key, None)
        ch = self.host.channels.get(key_index)
        if ch is None:
            log.warning("answer for HTLC %s of an unknown channel dropped", key)
            return
        try:
            await self.host.feed(ch, [_command(htlc_id, answer), ev.CmdSign()])
        except ChannelCommandError as e:
            log.info("channel %d: answer to HTLC %d kept for later: %s", key_index, htlc_id, e)
            self._answers[key] = answer

    def undecided_commands(self, ch: Channel) -> list:
        """After a reconnection (or restart): the peer's irrevocably committed HTLCs that we
        have not answered. A kept answer is given; one held by us or claimed by the
        forwarder waits; one whose preimage we hold (our invoice, paid; or settled
        downstream) is fulfilled; the rest (their onion is gone) fail as unreadable."""
        c = ch.state.commitments
        pending = c.local_changes.all + tuple(ch.state.resend)
        answered = {u.id for u in pending if not isinstance(u, m.UpdateAddHtlc | m.UpdateFee)}
        commands: list = []
        for h in c.local_commit.view.htlcs:
            if (h.direction is not RECEIVED or h.htlc_id in answered
                    or c.remote_commit.view.find(OFFERED, h.htlc_id) is None):
                continue
            key = (ch.key_index, h.htlc_id)
            if key in self._answers:
                commands.append(_command(h.htlc_id, self._answers.pop(key)))
                continue
            if key in self.held:
                continue
            if self.forwarder is not None and self.forwarder.claims(ch.key_index, h.htlc_id,
                                                                     h.payment_hash):
                continue
            preimage = self._preimage_for_undecided(h)
            if preimage is not None:
                log.info("channel %d: fulfilling HTLC %d left undecided", ch.key_index,
                         h.htlc_id)
                commands.append(ev.CmdFulfillHtlc(h.htlc_id, preimage))
            else:
                log.info("channel %d: failing HTLC %d left undecided", ch.key_index, h.htlc_id)
                commands.append(ev.CmdFailMalformedHtlc(
                    h.htlc_id, sha256(b""), int(FailureCode.INVALID_ONION_HMAC)))
        return commands

    def _preimage_for_undecided(self, h: Any) -> bytes | None:
        if self.receiver is not None:
            return self.receiver.preimage_for_undecided(h)
        return None

    # -- tasks ------------------------------------------------------------------------------

    def spawn(self, coro: Awaitable, name: str) -> asyncio.Task:
        return self._tasks.spawn(coro, name)

    async def stop(self) -> None:
        self._tasks.cancel_all()
        for fut in self._futures.values():
            if not fut.done():
                fut.cancel()


def _command(htlc_id: int, answer: Resolution) -> Any:
    if isinstance(answer, Fulfill):
        return ev.CmdFulfillHtlc(htlc_id, answer.preimage)
    if isinstance(answer, Fail):
        return ev.CmdFailHtlc(htlc_id, answer.reason)
    if isinstance(answer, FailMalformed):
        return ev.CmdFailMalformedHtlc(htlc_id, answer.sha256_of_onion, answer.failure_code)
    raise TypeError(Sentence("not an HTLC answer: %1", repr(answer)))


def _still_offered(ch: Channel, htlc_id: int) -> bool:
    """Does the channel still hold our HTLC `htlc_id` (in a commitment, or proposed)?"""
    c = st.commitments_of(ch.state)
    if c is None:
        return False
    if c.local_commit.view.find(OFFERED, htlc_id) is not None:
        return True
    for commit in (c.remote_commit, c.latest_remote_commit):
        if commit.view.find(RECEIVED, htlc_id) is not None:
            return True
    return any(isinstance(u, m.UpdateAddHtlc) and u.id == htlc_id for u in c.local_changes.all)

