"""Payments: sending (direct to a channel peer, through an invoice route hint, or through a
trampoline peer at rising fee levels; split across channels when needed), receiving
(invoices, MPP aggregation, the final-hop checks), and the payment log's life cycle
(created once per payment hash, resumed after a restart, never sent twice).

The I/O shell over `payment_plan` (pure) and the `HtlcSwitch` (one HTLC at a time).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wallet.deadline import within
from wallet.errors import InputError, KiteError
from wallet.hashes import sha256
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import (
    DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA,
    Invoice,
    InvoiceError,
    RouteHintHop,
    decode_invoice,
)
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.invoice import DEFAULT_RELATIVE_EXPIRY, build_invoice
from wallet.ln.bolt12.invoice import Invoice as Bolt12Invoice
from wallet.ln.bolt12.invoice_request import InvoiceRequest
from wallet.ln.bolt12.payer_note import payer_note_of
from wallet.ln.bolt12.string_format import decode_bolt12, encode_bolt12
from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import OFFERED
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.features import Features
from wallet.ln.htlc import blinded_payment_plan as bplan
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.contract import (
    Fulfill,
    IncomingHtlc,
    OutgoingFailed,
    OutgoingOutcome,
    OutgoingSettled,
    Resolution,
)
from wallet.ln.htlc.relay_policy import DEFAULT_RELAY
from wallet.ln.onion.blinded_path import BlindedPath, BlindedPayInfo
from wallet.ln.onion.failures import FailureCode
from wallet.ln.onion.route_blinding import (
    PaymentConstraints,
    PaymentRelay,
    RecipientData,
    build_blinded_path,
)
from wallet.ln.onion.trampoline import TrampolineDialect, TrampolineReceive
from wallet.ln.shell import default_peers
from wallet.ln.shell.background import BackgroundTasks
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.ports import ChannelHost, HtlcSender
from wallet.ln.store.payment_log import (
    HTLC_PENDING,
    HTLC_SETTLED,
    PAID,
    PENDING,
    OutgoingHtlcRow,
    PaymentLog,
    PaymentRow,
    proves,
)
from wallet.ln.wire.primitives import ShortChannelId
from wallet.lsp import lsps2
from wallet.networks import pays_on
from wallet.sentence import Sentence

log = logging.getLogger("kite.ln.payments")

PAY_TIMEOUT = 60.0
MAX_ROUTE_HINTS = 8  # route hints in one invoice: ~90 characters each
MPP_TIMEOUT = 60.0  # seconds we hold the first part of an incomplete incoming payment
#: seconds a payment waits for room on a channel whose HTLCs in flight hold it
ROOM_WAIT = 3.0
#: the final CLTV delta our BOLT 12 invoices ask (their payinfo's cltv_expiry_delta): the
#: same as our BOLT 11 invoices'
BOLT12_MIN_FINAL_CLTV = DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA
#: features our invoices carry, as Electrum's: var_onion_optin and payment_secret required,
#: basic_mpp optional, and Electrum's trampoline bit 151 (we read trampoline onions as the
#: recipient): without it Electrum pays "legacy", which needs two trampolines of its
#: hard-coded list (none off mainnet/testnet/signet: "No path found")
INVOICE_FEATURES = frozenset({8, 14, 17, 151})


class PaymentFailed(KiteError):
    """A payment failed (or cannot be sent); the message is the user-facing reason and
    `code` the BOLT 4 failure code behind it, when there is one."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class _Outcome:
    """A part's outcome, with the part (its route names who sent a failure)."""

    outcome: OutgoingOutcome
    part: plan.PartOnion


@dataclass
class _IncomingSet:
    """Parts of one incoming payment (same hash) held until they add up."""

    total_msat: int
    parts: list[IncomingHtlc] = field(default_factory=list)
    timer: asyncio.Task | None = None

    @property
    def received_msat(self) -> int:
        return sum(p.amount_msat for p in self.parts)


def payment_dict(row: PaymentRow) -> dict[str, Any]:
    """A payment as commands and events show it: its row, and the payer note of a BOLT 12
    invoice (the one we sent, or one a payer sent us; `payer_note`, shown safely)."""
    return row.to_json_dict() | {"payer_note": payer_note_of(row.invoice)}


class Payments:
    def __init__(self, host: ChannelHost, switch: HtlcSender, payment_log: PaymentLog,
                 node_key: bytes) -> None:
        self.host = host
        #: our JIT-channel invoices (LSPS2) by payment hash: what their LSP may deduct
        self.jit_invoices: dict[bytes, lsps2.JitChannel] = {}
        #: hold invoices (an LSPS1 order's): payment hash -> what decides a complete
        #: payment, `hook(payment_hash, received_msat)` True to settle, False to fail it;
        #: the parts are held meanwhile (`_decide_held`)
        self.holds: dict[bytes, Callable[[bytes, int], Awaitable[bool]]] = {}
        self._deciding: set[bytes] = set()
        self.payment_log = payment_log
        self.switch = switch
        self.node_key = node_key
        self._tasks = BackgroundTasks()
        self.mpp_timeout = MPP_TIMEOUT
        self.trampolines: set[bytes] = set()  # node ids the user named as trampolines
        # the fee budget when a payment names none (user settings): a share, with a floor
        self.max_fee_ppm = plan.DEFAULT_FEE_PPM
        self.max_fee_floor_msat = plan.DEFAULT_FEE_FLOOR_MSAT
        self._incoming: dict[bytes, _IncomingSet] = {}
        self._defaults: set[bytes] | None = None
        self._running: dict[bytes, asyncio.Task] = {}
        # per trampoline node, the fee level of its last successful payment: the next one
        # starts there instead of at the free level it refused (one attempt, not two)
        self.fee_paid: dict[bytes, plan.FeeLevel] = {}

    # -- the log as the GUI and CLI see it -----------------------------------------------

    def list_payments(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The payment log, newest first."""
        return [payment_dict(p) for p in self.payment_log.list(limit=limit)]

    def _emit(self, what: str, row: PaymentRow | None) -> None:
        if row is not None:
            self.host.emit("payment", {"event": what, **payment_dict(row)})

    # -- start-up -------------------------------------------------------------------------

    def resume(self) -> None:
        """After a restart: watch the HTLCs of every payment still pending; a payment with
        none left in flight is decided from what its HTLCs became (never sent again). Again
        after a channel resumed from a peer's blob: the payments already watched are left."""
        for row in self.payment_log.list(direction="out", status=PENDING):
            if row.payment_hash in self._running:
                continue
            task = self._tasks.spawn(self._watch_resumed(row), f"resume-{row.payment_hash.hex()[:8]}")
            self._running[row.payment_hash] = task

    async def _watch_resumed(self, row: PaymentRow) -> dict[str, Any]:
        try:
            parts = [h for h in self.payment_log.htlcs_for(row.payment_hash) if h.purpose == "payment"]
            # a closed row is read as is (its id may belong to a newer HTLC by now)
            outcomes = await asyncio.gather(*(
                self.switch.outcome((h.key_index, h.htlc_id)) if h.status == HTLC_PENDING
                else _done(_row_outcome(h)) for h in parts))
            outcomes = [_proven(o, row.payment_hash) for o in outcomes]
            settled = [o for o in outcomes if isinstance(o, OutgoingSettled)]
            if settled:
                fee = sum(h.fee_msat or 0 for h in parts if (h.key_index, h.htlc_id)
                          in {(o.key_index, o.htlc_id) for o in settled})
                self.payment_log.succeed(row.payment_hash, settled[0].preimage, fee_msat=fee)
            else:
                failures = [o.why for o in outcomes if isinstance(o, OutgoingFailed)]
                self.payment_log.fail(row.payment_hash, Sentence(
                    "interrupted by a restart; %1", failures[-1]) if failures else Sentence(
                    "interrupted by a restart"))
            final = self.payment_log.get(row.payment_hash)
            self._emit("updated", final)
            return self._result(final)
        finally:
            self._running.pop(row.payment_hash, None)

    # -- invoices ---------------------------------------------------------------------------

    def create_invoice(self, amount_msat: int | None, description: str = "",
                       expiry: int = 3600, description_hash: bytes | None = None, *,
                       route_hints: tuple[tuple[RouteHintHop, ...], ...] | None = None,
                       min_final_cltv_expiry_delta: int | None = None,
                       features: frozenset[int] | None = None) -> str:
        """A BOLT 11 invoice payable to this node (its preimage and secret are stored), with
        a route hint through each trampoline/channel peer we have a usable channel with.
        `description_hash` (32 bytes) replaces the text: what an LNURL-pay invoice commits
        to (SHA-256 of the service's metadata, LUD-06). A JIT-channel invoice (LSPS2) gives
        its own hint, final CLTV delta and features."""
        if amount_msat is not None and amount_msat <= 0:
            raise InputError("an invoice amount must be positive")
        if not isinstance(expiry, int) or expiry <= 0:
            raise InputError("an invoice expiry must be a positive number of seconds")
        preimage, secret = os.urandom(32), os.urandom(32)
        payment_hash = sha256(preimage)
        invoice = Invoice(
            network=self.host.network, amount_msat=amount_msat,
            timestamp=int(time.time()), payment_hash=payment_hash, payment_secret=secret,
            payee=self.host.node_id, expiry=expiry,
            features=INVOICE_FEATURES if features is None else features,
            route_hints=self._route_hints() if route_hints is None else route_hints,
            **({} if min_final_cltv_expiry_delta is None
               else {"min_final_cltv_expiry_delta": min_final_cltv_expiry_delta}),
            **({"description_hash": description_hash} if description_hash is not None
               else {"description": description}),
        )
        text = encode_invoice(invoice, self.node_key)
        row = self.payment_log.add(payment_hash, "in", amount_msat, preimage=preimage,
                           payment_secret=secret, invoice=text, description=description,
                           payee=self.host.node_id)
        self._emit("created", row)
        return text

    def create_offer_invoice(self, request: InvoiceRequest, amount_msat: int,
                             relative_expiry: int = DEFAULT_RELATIVE_EXPIRY, *,
                             via: bytes | None = None,
                             paths_via: Sequence[bytes | None] = ()) -> Bolt12Invoice:
        """A BOLT 12 invoice answering `request` (checked against our offer by the caller),
        payable over a blinded path to us whose `path_id` is the stored secret: one hop (us,
        the introduction node), or with `via` two, from that channel peer (which then
        relays into the blinded route, and the payer never learns our node id).
        `paths_via`: several paths, one per entry (None: the one-hop path), all with the
        same secret, so that a payer may pay in parts over several of them (basic_mpp)."""
        preimage, secret = os.urandom(32), os.urandom(32)
        tip = self.host.chain.tip_height
        constraints = PaymentConstraints(tip + plan.MAX_OUTGOING_CLTV_BLOCKS, 1)
        paths, payinfos = [], []
        for peer in paths_via or (via,):
            if peer is None:
                path = build_blinded_path(os.urandom(32), [self.host.node_id], [
                    RecipientData(path_id=secret, payment_constraints=constraints)])
                payinfo = BlindedPayInfo(0, 0, BOLT12_MIN_FINAL_CLTV, 1,
                                         max(amount_msat * 2, 1))
            else:
                path, payinfo = self._path_through(peer, secret, constraints, amount_msat)
            paths.append(path)
            payinfos.append(payinfo)
        invoice = build_invoice(request, self.node_key, paths=paths, payinfo=payinfos,
                                payment_hash=sha256(preimage), created_at=int(time.time()),
                                amount_msat=amount_msat, relative_expiry=relative_expiry,
                                features=Features.of("basic_mpp"))
        row = self.payment_log.add(invoice.payment_hash, "in", amount_msat, preimage=preimage,
                                   payment_secret=secret,
                                   invoice=encode_bolt12("lni", invoice.to_bytes()),
                                   description=request.get("offer_description") or "",
                                   payee=self.host.node_id)
        self._emit("created", row)
        return invoice

    def _path_through(self, peer: bytes, secret: bytes, constraints: PaymentConstraints,
                      amount_msat: int) -> tuple[BlindedPath, BlindedPayInfo]:
        """A two-hop blinded path peer → us: the peer relays over its channel to us (the
        scid it knows it by) at its own policy, which the payinfo passes on to the payer."""
        hint = next((h for (h,) in self._route_hints() if h.pubkey == peer), None)
        if hint is None:
            raise ValueError("no open channel with that peer to receive through")
        relay = PaymentRelay(hint.cltv_expiry_delta, hint.fee_proportional_millionths,
                             hint.fee_base_msat)
        outer = PaymentConstraints(constraints.max_cltv_expiry + hint.cltv_expiry_delta,
                                   constraints.htlc_minimum_msat)
        path = build_blinded_path(os.urandom(32), [peer, self.host.node_id], [
            RecipientData(short_channel_id=ShortChannelId.from_int(hint.short_channel_id),
                          payment_relay=relay, payment_constraints=outer),
            RecipientData(path_id=secret, payment_constraints=constraints)])
        payinfo = BlindedPayInfo(hint.fee_base_msat, hint.fee_proportional_millionths,
                                 hint.cltv_expiry_delta + BOLT12_MIN_FINAL_CLTV, 1,
                                 max(amount_msat * 2, 1))
        return path, payinfo

    def hint_peers(self) -> set[bytes]:
        """The peers an invoice of ours can name as a way in (an open channel to us)."""
        return {hint[0].pubkey for hint in self._route_hints()}

    def _route_hints(self) -> tuple[tuple[RouteHintHop, ...], ...]:
        """One hint per peer: its channel to us (by the alias it gave us, if any); at most
        MAX_ROUTE_HINTS, the channels that can receive the most first (a node with many
        peers, a trampoline, would otherwise make invoices too long to read)."""
        hints: dict[bytes, RouteHintHop] = {}
        roomiest = sorted(self.host.channels.values(), key=_receivable, reverse=True)
        for ch in roomiest:
            inner = ch.inner
            if len(hints) >= MAX_ROUTE_HINTS:
                break
            if not isinstance(inner, st.Normal) or ch.peer_id in hints:
                continue
            scid = inner.remote_alias or inner.short_channel_id
            if scid is None:
                continue
            # the peer's own policy from its channel_update, else our defaults
            update = getattr(ch, "peer_update", None)
            fees = ((update.fee_base_msat, update.fee_proportional_millionths,
                     update.cltv_expiry_delta) if update is not None
                    else (DEFAULT_RELAY.fee_base_msat, DEFAULT_RELAY.fee_proportional_millionths,
                       DEFAULT_RELAY.cltv_expiry_delta))
            hints[ch.peer_id] = RouteHintHop(ch.peer_id, scid.to_int(), *fees)
        return tuple((h,) for h in hints.values())

    # -- receiving --------------------------------------------------------------------------

    def on_final_htlc(self, inc: IncomingHtlc) -> Resolution | None:
        """BOLT 4 final-node checks, then MPP aggregation. Returns the answer, or None to
        hold the HTLC (answered later through the switch)."""
        tip = self.host.chain.tip_height

        def unknown(why: str) -> Resolution:
            log.info("incoming HTLC %s refused: %s", (inc.key_index, inc.htlc_id), why)
            return inc.fail(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, why,
                            htlc_msat=inc.amount_msat, height=tip)

        outer = inc.payload
        jit = self.jit_invoices.get(inc.payment_hash)  # bLIP-52: an LSP may deduct its fee
        peer = getattr(self.host.channels.get(inc.key_index), "peer_id", b"")
        short = None if outer.amt_to_forward is None else lsps2.part_problem(
            jit, inc.amount_msat, outer.amt_to_forward, inc.extra_fee_msat, peer)
        if outer.amt_to_forward is None or short is not None:
            return inc.fail(FailureCode.FINAL_INCORRECT_HTLC_AMOUNT,
                            short or "HTLC pays less than the onion says",
                            incoming_htlc_amt=inc.amount_msat)
        if outer.outgoing_cltv_value is None or outer.outgoing_cltv_value > inc.cltv_expiry:
            return inc.fail(FailureCode.FINAL_INCORRECT_CLTV_EXPIRY,
                            "HTLC expiry below the onion's", cltv_expiry=inc.cltv_expiry)
        set_total = outer.effective_total_msat or 0
        if isinstance(inc.trampoline, TrampolineReceive):
            # the invoice's secret and total are in the trampoline payload; the outer ones
            # (random secret, total of the parts) only group the parts. Every total the payer
            # states must agree: the trampoline must deliver at least what the inner payload
            # says it forwards, and no outer set may claim more than the whole payment.
            t = inc.trampoline
            secret, invoice_total = t.payment_secret, t.total_msat
            final_cltv = t.outgoing_cltv_value
            if not t.amt_to_forward <= set_total <= invoice_total:
                return inc.fail(FailureCode.FINAL_INCORRECT_HTLC_AMOUNT,
                                "the trampoline and outer onions disagree on the amount",
                                incoming_htlc_amt=inc.amount_msat)
        else:
            secret, invoice_total = outer.payment_secret, set_total
            final_cltv = outer.outgoing_cltv_value
        row = self.payment_log.get(inc.payment_hash)
        if row is None or row.direction != "in" or row.preimage is None or row.invoice is None:
            return unknown("no invoice with this payment hash")
        if secret is None or row.payment_secret is None or not hmac.compare_digest(
                secret, row.payment_secret):
            return unknown("wrong payment secret")
        if row.status != PENDING:
            return unknown(f"the invoice is already {row.status}")
        if inc.blinded != row.invoice.startswith("lni1"):
            # a BOLT 12 invoice is paid only over its blinded path, a BOLT 11 one never
            return unknown("the payment does not come the way the invoice asks")
        terms = _invoice_terms(row.invoice)
        if terms is None:
            return unknown("our invoice cannot be read")
        expires_at, min_final_cltv = terms
        held = self._incoming.get(inc.payment_hash)
        if inc.payment_hash in self._deciding:
            return unknown("the invoice's payment is already held")
        if held is None and time.time() >= expires_at:
            return unknown("the invoice expired")
        if row.amount_msat is not None and not (
                row.amount_msat <= invoice_total <= 2 * row.amount_msat):
            return unknown("amount does not match the invoice")
        if row.amount_msat is None and invoice_total <= 0:
            return unknown("no amount")
        # a JIT invoice states 2 blocks more than we require (bLIP-52)
        final_delta = min_final_cltv - (lsps2.JIT_EXTRA_FINAL_CLTV if jit is not None else 0)
        deadline = inc.cltv_expiry if inc.blinded else min(inc.cltv_expiry, final_cltv)
        if deadline < tip + final_delta:  # (over a blinded path, payinfo holds our minimum)
            return unknown("HTLC expires too soon")
        # the set completes on what actually arrived reaching the invoice's total (the inner
        # one over trampoline), never on a total the outer onion states (BOLT 4 final node)
        if held is None:
            held = self._incoming[inc.payment_hash] = _IncomingSet(invoice_total)
            held.timer = self._tasks.spawn(self._mpp_timeout(inc.payment_hash),
                                           f"mpp-{inc.payment_hash.hex()[:8]}")
        elif held.total_msat != invoice_total:
            return unknown("parts disagree on the total amount")
        deducted = 0
        if jit is not None:
            parts = [(p.amount_msat, p.payload.amt_to_forward or 0, p.extra_fee_msat)
                     for p in [*held.parts, inc]]
            too_much = lsps2.check_forwarded_parts(parts, lsps2.fee_allowed(jit, invoice_total))
            if too_much is not None:
                return unknown(too_much)
            deducted = sum(p.extra_fee_msat or 0 for p in [*held.parts, inc])
        held.parts.append(inc)
        if held.received_msat + deducted < max(held.total_msat, row.amount_msat or 0):
            return None  # wait for the other parts
        # complete: durably paid before any preimage leaves
        del self._incoming[inc.payment_hash]
        if held.timer is not None:
            held.timer.cancel()
        hook = self.holds.get(inc.payment_hash)
        if hook is not None:  # a hold invoice: its owner decides, the parts wait
            self._deciding.add(inc.payment_hash)
            self._tasks.spawn(self._decide_held(inc.payment_hash, held, row.preimage, hook),
                              f"hold-{inc.payment_hash.hex()[:8]}")
            return None
        self.payment_log.succeed(inc.payment_hash, amount_msat=held.received_msat)
        self._emit("updated", self.payment_log.get(inc.payment_hash))
        for other in held.parts:
            if other is not inc:
                self._tasks.spawn(self.switch.resolve_incoming(
                    other.key_index, other.htlc_id, Fulfill(row.preimage)), "fulfill-part")
        return Fulfill(row.preimage)

    async def _decide_held(self, payment_hash: bytes, held: _IncomingSet, preimage: bytes,
                           hook: Callable[[bytes, int], Awaitable[bool]]) -> None:
        """A complete payment of a hold invoice: settled (durably paid first) if its hook
        says so, else every part failed back (the payer keeps the money)."""
        try:
            settle = await hook(payment_hash, held.received_msat)
        except Exception:
            log.exception("hold invoice %s: its decision failed", payment_hash.hex()[:16])
            settle = False
        finally:
            self._deciding.discard(payment_hash)
        if settle:
            self.payment_log.succeed(payment_hash, amount_msat=held.received_msat)
            self._emit("updated", self.payment_log.get(payment_hash))
        tip = self.host.chain.tip_height
        for part in held.parts:
            answer = Fulfill(preimage) if settle else part.fail(
                FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, "the held payment is refused",
                htlc_msat=part.amount_msat, height=tip)
            await self.switch.resolve_incoming(part.key_index, part.htlc_id, answer)

    async def _mpp_timeout(self, payment_hash: bytes) -> None:
        await asyncio.sleep(self.mpp_timeout)
        held = self._incoming.pop(payment_hash, None)
        if held is None:
            return
        log.info("incoming payment %s: parts timed out (%d of %d msat)", payment_hash.hex(),
                 held.received_msat, held.total_msat)
        for part in held.parts:
            await self.switch.resolve_incoming(part.key_index, part.htlc_id,
                                               part.fail(FailureCode.MPP_TIMEOUT))

    def preimage_for_undecided(self, h: Any) -> bytes | None:
        """An incoming HTLC left unanswered by a restart or disconnection (its onion gone):
        the preimage if we settled this hash downstream, or if it pays our invoice that is
        already paid or whose fixed amount it pays in full alone."""
        row = self.payment_log.get(h.payment_hash)
        if h.payment_hash in self.holds and (row is None or row.status != PAID):
            return None  # a hold invoice is settled only by its owner's decision
        if row is not None and row.direction == "in" and row.preimage is not None:
            # an open-amount invoice is never settled by a lone undecided HTLC: the total
            # its payer stated went with the onion, so any amount could claim it
            if row.status == PAID or (row.status == PENDING and row.amount_msat is not None
                                      and h.amount_msat >= row.amount_msat):
                if row.status != PAID:
                    self.payment_log.succeed(h.payment_hash, amount_msat=h.amount_msat)
                    self._emit("updated", self.payment_log.get(h.payment_hash))
                return row.preimage
            return None
        return self.payment_log.known_preimage(h.payment_hash) if row is None or row.direction == "out" \
            else None

    # -- sending ----------------------------------------------------------------------------

    def check_invoice(self, invoice_text: str, amount_msat: int | None) -> tuple[Invoice, int]:
        invoice = decode_invoice(invoice_text)
        network = self.host.network
        if not pays_on(invoice.network, network):
            raise InputError(Sentence("this invoice is for %1, not %2", invoice.network.name, network.name))
        if invoice.is_expired(time.time()):
            raise InputError("this invoice has expired")
        if invoice.amount_msat is not None:
            if amount_msat is not None and amount_msat != invoice.amount_msat:
                raise InputError("this invoice has its own amount: give none, or the same one")
            amount = invoice.amount_msat
        else:
            amount = amount_msat
        if amount is None or amount <= 0:
            raise InputError("this invoice has no amount: give one")
        if invoice.payee == self.host.node_id:
            raise InputError("this invoice is our own")
        plan.final_cltv(invoice, self.host.chain.tip_height)  # ExpiryTooFar: refused here
        return invoice, amount

    async def pay(self, invoice_text: str, amount_msat: int | None = None, *,
                  max_fee_msat: int | None = None,
                  timeout: float = PAY_TIMEOUT) -> dict[str, Any]:
        """Pay an invoice and wait (up to `timeout`) for the outcome. Raises PaymentFailed with
        the reason when it failed; the payment goes on in the background after a timeout."""
        invoice_text = invoice_text.strip()
        invoice, amount = self.check_invoice(invoice_text, amount_msat)
        if max_fee_msat is None:
            max_fee_msat = plan.default_max_fee_msat(amount, self.max_fee_ppm,
                                                     self.max_fee_floor_msat)
        if max_fee_msat < 0:
            raise InputError("the maximum fee cannot be negative")
        h = invoice.payment_hash
        known = self.payment_log.get(h)
        # paid in the log is paid, even while the task that saw it settle is still ending
        if known is not None and known.direction == "out" and known.status == PAID:
            raise InputError(Sentence("this invoice is already paid (preimage %1)", known.preimage.hex() if known.preimage else '?'))
        task = self._running.get(h)
        if task is None:
            if known is not None and known.direction == "in":
                raise InputError("this invoice is our own")
            if known is not None and known.status == PENDING:
                raise InputError("this invoice is already being paid")
            if known is not None:
                row = self.payment_log.restart(h, amount, invoice_text)
                self._emit("updated", row)
            else:
                row = self.payment_log.add(h, "out", amount, invoice=invoice_text,
                                   description=invoice.description, payee=invoice.payee)
                self._emit("created", row)
            task = self._tasks.spawn(self._run(invoice, amount, max_fee_msat),
                                     f"pay-{h.hex()[:8]}")
            self._running[h] = task
        try:
            return await within(timeout, asyncio.shield(task))
        except TimeoutError:
            raise PaymentFailed("no answer yet: the payment is still pending") from None
        except asyncio.CancelledError:
            me = asyncio.current_task()
            if task.cancelled() and me is not None and not me.cancelling():
                raise PaymentFailed("the node stopped: the payment is watched again when it "
                                    "starts") from None
            raise

    async def pay_bolt12(self, invoice: Bolt12Invoice, *, max_fee_msat: int | None = None,
                         timeout: float = PAY_TIMEOUT) -> dict[str, Any]:
        """Pay a BOLT 12 invoice already checked against our request (`offer_exchange`)
        over its blinded paths: straight when one starts at our channel peer, else through
        a trampoline peer (spec-draft records). Waits like `pay`."""
        amount, h = invoice.amount, invoice.payment_hash
        if time.time() >= invoice.expires_at:
            raise InputError("this invoice has expired")
        if invoice.node_id == self.host.node_id:
            raise InputError("this invoice is our own")
        if max_fee_msat is None:
            max_fee_msat = plan.default_max_fee_msat(amount, self.max_fee_ppm,
                                                     self.max_fee_floor_msat)
        task = self._running.get(h)
        if task is None:
            known = self.payment_log.get(h)
            if known is not None and (known.direction == "in" or known.status in (PAID, PENDING)):
                raise InputError("this invoice is our own, or already paid or being paid")
            text = encode_bolt12("lni", invoice.to_bytes())
            if known is not None:
                row = self.payment_log.restart(h, amount, text)
            else:
                row = self.payment_log.add(h, "out", amount, invoice=text,
                                           description=invoice.get("offer_description"),
                                           payee=invoice.node_id)
            self._emit("created", row)
            task = self._tasks.spawn(self._run(invoice, amount, max_fee_msat),
                                     f"pay-{h.hex()[:8]}")
            self._running[h] = task
        try:
            return await within(timeout, asyncio.shield(task))
        except TimeoutError:
            raise PaymentFailed("no answer yet: the payment is still pending") from None

    async def _send_bolt12(self, invoice: Bolt12Invoice, amount: int,
                           max_fee_msat: int) -> tuple[bytes, int]:
        paths, h = invoice.usable_paths(), invoice.payment_hash
        tip = self.host.chain.tip_height
        features = invoice.get("invoice_features") or Features()
        peers = {c.peer_id for c in self._usable()}
        direct: dict[bytes, bplan.PaidPath] = {}  # a path starting at each channel peer
        for path, info in paths:
            intro = path.first_node_id
            if isinstance(intro, bytes) and intro in peers and intro not in direct and \
                    info.fee_msat(amount) <= max_fee_msat:
                direct[intro] = (path, info)
        if direct:  # no trampoline
            return await self._send_blinded_direct(direct, amount, h, max_fee_msat,
                                                   features.supports("basic_mpp"))
        failure = PaymentFailed("no usable channel to pay through")
        for node in self._trampoline_peers():
            for level in plan.fee_levels(amount, max_fee_msat):
                try:
                    attempt = bplan.trampoline_attempt(paths, features, amount, node, level,
                                                       h, tip)
                except plan.ExpiryTooFar as e:
                    raise PaymentFailed(str(e)) from None
                if attempt.fee_msat > max_fee_msat:
                    continue
                # over several channels to the trampoline when one cannot carry it: the
                # trampoline gathers the parts by the outer secret and total (not the
                # recipient's basic_mpp: that is for the trampoline's own leg)
                split = await self._split(attempt.total_msat, node,
                                          plan.trampoline_takes_parts(self._features_of(node)))
                parts = [(key, plan.trampoline_part(attempt, part_msat, h,
                                                    dialect=TrampolineDialect.SPEC_DRAFT),
                          attempt.fee_msat if number == 0 else 0)
                         for number, (key, part_msat) in enumerate(split)]
                outcomes = await self._send_parts(h, parts)
                settled = [o.outcome for o in outcomes if isinstance(o.outcome, OutgoingSettled)]
                if settled:
                    return settled[0].preimage, attempt.fee_msat
                code, last = self._first_failure(outcomes)
                failure = PaymentFailed(last, code)
                if code not in plan.RETRY_AT_NEXT_LEVEL:
                    break
        raise failure

    async def _send_blinded_direct(self, direct: dict[bytes, bplan.PaidPath], amount: int,
                                   h: bytes, max_fee_msat: int,
                                   allow_mpp: bool) -> tuple[bytes, int]:
        """Over the invoice's paths that start at our channel peers: whole over the path
        whose peer has our roomiest channel when it can carry it; else, when the invoice has
        basic_mpp, in parts over all those channels (each channel keeping room for its path's
        fee on the whole amount, each part paying its own), gathered by the recipient on the
        total."""
        tip = self.host.chain.tip_height

        def roomiest(peer: bytes) -> int:
            return max((room for _, room in self._sendable(self._usable(peer))), default=0)

        intro = max(direct, key=roomiest)
        path, info = direct[intro]
        whole = bplan.direct_part(path, info, amount, h, tip)
        try:
            [(key, _)] = await self._split(whole.amount_msat, intro, False)
        except PaymentFailed:
            if not allow_mpp:
                raise
        else:
            fee = whole.amount_msat - amount
            return self._decide(await self._send_parts(h, [(key, whole, fee)])), fee
        by_channel: dict[int, bplan.PaidPath] = {}
        rooms: list[tuple[int, int]] = []
        for peer, (path, info) in direct.items():
            for key, room in self._sendable(self._usable(peer)):
                by_channel[key] = (path, info)
                rooms.append((key, room - info.fee_msat(amount)))
        try:
            split = plan.split_amount(amount, rooms, True)
            parts = bplan.direct_parts(by_channel, split, amount, h, tip)
        except plan.CannotSplit as e:
            raise PaymentFailed(Sentence("cannot send: %1", e)) from None
        fee = sum(part_fee for _, _, part_fee in parts)
        if fee > max_fee_msat:  # every part pays the paths' base fee
            raise PaymentFailed(Sentence("cannot send: the parts' fees (%1 msat) are above "
                                         "the maximum fee (%2 msat)", fee, max_fee_msat))
        log.info("payment %s: %d parts over blinded paths from our peers", h.hex()[:16],
                 len(parts))
        return self._decide(await self._send_parts(h, parts)), fee

    def _result(self, row: PaymentRow | None) -> dict[str, Any]:
        if row is None:
            raise PaymentFailed("the payment vanished from the log")
        if row.status == PAID:
            return payment_dict(row)
        if not row.failure:
            raise PaymentFailed("payment failed for an unknown reason")
        raise PaymentFailed(Sentence("payment failed: %1", row.failure))

    async def _run(self, invoice: Invoice | Bolt12Invoice, amount: int,
                   max_fee_msat: int) -> dict[str, Any]:
        h = invoice.payment_hash
        try:
            try:
                if isinstance(invoice, Bolt12Invoice):
                    preimage, fee = await self._send_bolt12(invoice, amount, max_fee_msat)
                else:
                    preimage, fee = await self._send(invoice, amount, max_fee_msat)
            except PaymentFailed as e:
                reason = str(e)
                self.payment_log.fail(h, reason)
            except Exception as e:  # anything unexpected still ends the payment cleanly
                log.exception("payment %s failed unexpectedly", h.hex())
                self.payment_log.fail(h, Sentence("internal error: %1", e))
            else:
                self.payment_log.succeed(h, preimage, fee_msat=fee)
            row = self.payment_log.get(h)
            self._emit("updated", row)
            return self._result(row)
        finally:
            self._running.pop(h, None)

    def _usable(self, peer: bytes | None = None) -> list[Channel]:
        return [c for c in self.host.channels.values()
                if type(c.state) is st.Normal and (peer is None or c.peer_id == peer)]

    def _sendable(self, channels: list[Channel]) -> list[tuple[int, int]]:
        return [(c.key_index, plan.sendable_msat(c.state.commitments, self.host.policy))
                for c in channels]

    async def _send(self, invoice: Invoice, amount: int, max_fee_msat: int) -> tuple[bytes, int]:
        """The route choice: direct to a peer, a route hint from a peer, else trampoline."""
        payee = invoice.payee
        mine = [c for c in self.host.channels.values() if c.peer_id == payee
                and not isinstance(c.inner, st.Closed | st.Closing)]
        if mine:
            usable = self._usable(payee)
            if not usable:
                raise PaymentFailed(Sentence("the channel with the payee is not usable right now (%1): try again shortly", _state(mine[0])))
            return await self._send_direct(invoice, amount, usable), 0
        peers = {c.peer_id for c in self._usable()}
        final_blocks = invoice.min_final_cltv_expiry_delta + plan.CLTV_MARGIN
        hints = [hint for hint in invoice.route_hints
                 if hint and hint[0].pubkey in peers
                 and all(hop.pubkey != self.host.node_id for hop in hint)
                 and plan.route_hint_fee_msat(hint, amount) <= max_fee_msat
                 and final_blocks + plan.route_hint_cltv_delta(hint)
                 <= plan.MAX_OUTGOING_CLTV_BLOCKS]
        try:
            return await self._send_trampoline(invoice, amount, max_fee_msat)
        except PaymentFailed as e:
            # our peer would not relay it as a trampoline (or not at this fee): a route
            # hint through a peer is the other way; the recipient's own refusal is final
            if not hints or e.code in plan.RECIPIENT_FAILURES:
                raise
            log.info("trampoline payment failed (%s): trying the invoice's route hint", e)
        hint = hints[0]
        return await self._send_hint(invoice, amount, hint), plan.route_hint_fee_msat(hint, amount)

    async def _split(self, total_msat: int, peer: bytes, allow_mpp: bool) -> list[tuple[int, int]]:
        """Split over our usable channels with `peer`. When they cannot carry it while
        HTLCs are in flight on them (a settled HTLC holds a slot and balance until the next
        commitment round), wait for the channels to move on, at most ROOM_WAIT seconds,
        rather than fail at once."""
        deadline = time.monotonic() + ROOM_WAIT
        while True:
            usable = self._usable(peer)
            try:
                return plan.split_amount(total_msat, self._sendable(usable), allow_mpp)
            except plan.CannotSplit as e:
                left = deadline - time.monotonic()
                ours = sum(_ours_msat(c) for c in usable)  # when the HTLCs have settled
                if left <= 0 or total_msat > ours or not any(_in_flight(c) for c in usable):
                    raise PaymentFailed(Sentence("cannot send: %1", e)) from None
            await self.host.channel_change(left)

    async def _send_direct(self, invoice: Invoice, amount: int, usable: list[Channel]) -> bytes:
        split = await self._split(amount, usable[0].peer_id, plan.allows_mpp(invoice))
        tip = self.host.chain.tip_height
        parts = [(key, plan.direct_part(invoice, part, amount, tip), 0) for key, part in split]
        return self._decide(await self._send_parts(invoice.payment_hash, parts))

    async def _send_hint(self, invoice: Invoice, amount: int,
                         hint: tuple[RouteHintHop, ...]) -> bytes:
        usable = self._usable(hint[0].pubkey)
        total_fee = plan.route_hint_fee_msat(hint, amount)
        sendable = self._sendable(usable)
        tip = self.host.chain.tip_height
        try:
            split = plan.split_amount(amount + total_fee, sendable, False)
        except plan.CannotSplit as e:
            # parts only when the invoice takes them and the first hop is not an Electrum
            # 4.3.4 peer (it holds all but one part until they expire, as for trampoline)
            if not (plan.allows_mpp(invoice)
                    and plan.trampoline_takes_parts(self._features_of(hint[0].pubkey))):
                raise PaymentFailed(Sentence("cannot send: %1", e)) from None
            # no channel carries it all: parts over several (an LSP's JIT invoice of a
            # fixed size gathers them, bLIP-52); each channel keeps room for the fee of
            # the whole payment, each part pays its own
            try:
                split = plan.split_amount(amount, [(k, s - total_fee) for k, s in sendable],
                                          True)
            except plan.CannotSplit as e2:
                raise PaymentFailed(Sentence("cannot send: %1", e2)) from None
            parts = []
            for key, part_msat in split:
                onion = plan.route_hint_part(invoice, hint, part_msat, amount, tip)
                parts.append((key, onion, onion.amount_msat - part_msat))
            return self._decide(await self._send_parts(invoice.payment_hash, parts))
        part = plan.route_hint_part(invoice, hint, amount, amount, tip)
        return self._decide(await self._send_parts(invoice.payment_hash,
                                                   [(split[0][0], part, total_fee)]))

    def _features_of(self, peer: bytes) -> Features | None:
        """The peer's init features (None while it is not connected)."""
        return self.host.peer_features(peer)

    def trampoline_peers(self) -> list[bytes]:
        """Our channel peers to pay or send through, best first (see `_trampoline_peers`)."""
        return self._trampoline_peers()

    def _trampoline_peers(self) -> list[bytes]:
        """Peers to route through, best first: those the user named as trampolines, then
        those advertising trampoline routing, then any other peer; by what we can send
        them within each group."""
        room: dict[bytes, int] = {}
        for c in self._usable():
            room[c.peer_id] = room.get(c.peer_id, 0) + sum(s for _, s in self._sendable([c]))

        def rank(peer: bytes) -> tuple[int, int]:
            feats = self.host.peer_features(peer)
            advertised = feats is not None and any(feats.is_set(b) for b in plan.TRAMPOLINE_BITS)
            named = peer in self.trampolines or peer in self._default_trampolines()
            return (0 if named else 1 if advertised else 2, -room[peer])

        return sorted(room, key=rank)

    def _default_trampolines(self) -> set[bytes]:
        """The network's trampoline nodes (shipped list; the devnet's Tram on regtest)."""
        if self._defaults is None:
            found = [e.get("node_id", "") for e in
                     default_peers.shipped_trampolines(self.host.network)]
            found.append(default_peers.default_trampoline(self.host.network).split("@")[0])
            self._defaults = set()
            for text in found:
                with contextlib.suppress(ValueError, TypeError):
                    self._defaults.add(bytes.fromhex(text))
        return self._defaults

    async def _send_trampoline(self, invoice: Invoice, amount: int,
                               max_fee_msat: int) -> tuple[bytes, int]:
        """Through each trampoline peer in turn, until one pays; the recipient's own
        refusal ends it at once."""
        peers = self._trampoline_peers()
        if not peers:
            raise PaymentFailed("no usable channel to pay through")
        failure: PaymentFailed | None = None
        for node in peers:
            try:
                return await self._through_trampoline(invoice, amount, max_fee_msat, node)
            except PaymentFailed as e:
                if e.code in plan.RECIPIENT_FAILURES:
                    raise
                if failure is None or failure.code is None:
                    failure = e  # the first trampoline's reason, unless it had none
                log.info("trampoline %s: %s", node.hex()[:16], e)
        assert failure is not None
        raise failure

    async def _through_trampoline(self, invoice: Invoice, amount: int, max_fee_msat: int,
                                  node: bytes) -> tuple[bytes, int]:
        """The fee levels, cheapest first, through one trampoline peer."""
        levels = plan.fee_levels(amount, max_fee_msat)
        if not levels:
            raise PaymentFailed("the maximum fee allows no trampoline fee level")
        last = "no attempt"
        index: int | None = plan.start_index(levels, self.fee_paid.get(node), amount)
        while index is not None:
            level = levels[index]
            tip = self.host.chain.tip_height
            try:
                attempt = plan.trampoline_attempt(invoice, amount, node, level, tip)
            except plan.ExpiryTooFar as e:
                raise PaymentFailed(str(e)) from None
            split = await self._split(attempt.total_msat, node,
                                      plan.trampoline_takes_parts(self._features_of(node)))
            parts = []
            for number, (key, part_msat) in enumerate(split):
                share = attempt.fee_msat if number == 0 else 0
                parts.append((key, plan.trampoline_part(attempt, part_msat, invoice.payment_hash),
                              share))
            outcomes = await self._send_parts(invoice.payment_hash, parts)
            settled = [o.outcome for o in outcomes if isinstance(o.outcome, OutgoingSettled)]
            if settled:
                self.fee_paid[node] = level  # next time, start here
                return settled[0].preimage, attempt.fee_msat
            code, last = self._first_failure(outcomes)
            log.info("trampoline attempt %d (fee %d msat) failed: %s", index,
                     attempt.fee_msat, last)
            if code not in plan.RETRY_AT_NEXT_LEVEL:
                raise PaymentFailed(last, code)
            index = plan.next_level(index, levels, code)
        raise PaymentFailed(Sentence("%1; the fee budget (%2 sat) is exhausted", last, _sat(max_fee_msat)),
                            code)

    async def _send_parts(self, payment_hash: bytes,
                          parts: list[tuple[int, plan.PartOnion, int]]) -> list[_Outcome]:
        """Add every part, then wait for all outcomes. A part the channel refuses counts as
        failed (the parts already sent run their course)."""
        sent = []
        refused: list[_Outcome] = []
        deadline = time.monotonic() + ROOM_WAIT
        for key_index, part, fee in parts:
            ch = self.host.channels[key_index]
            while True:
                try:
                    htlc = await self.switch.send_htlc(
                        ch, part.amount_msat, payment_hash, part.cltv_expiry, part.onion,
                        purpose="payment", fee_msat=fee, shared_secrets=part.shared_secrets,
                        trampoline_secrets=part.trampoline_secrets)
                except ChannelCommandError as e:
                    # room taken meanwhile by another payment's HTLC: wait a little
                    left = deadline - time.monotonic()
                    if left > 0 and _in_flight(ch):
                        await self.host.channel_change(left)
                        continue
                    refused.append(_Outcome(OutgoingFailed(
                        key_index, -1, payment_hash, part.amount_msat, Sentence("cannot send: %1", e)),
                        part))
                    break
                sent.append((htlc.outcome, part))
                break
        done = await asyncio.gather(*(fut for fut, _ in sent))
        return [*(_Outcome(_proven(o, payment_hash), part)
                  for o, (_, part) in zip(done, sent, strict=True)), *refused]

    def _decide(self, outcomes: list[_Outcome]) -> bytes:
        settled = [o.outcome for o in outcomes if isinstance(o.outcome, OutgoingSettled)]
        if settled:
            return settled[0].preimage
        code, reason = self._first_failure(outcomes)
        raise PaymentFailed(reason, code)

    def _first_failure(self, outcomes: list[_Outcome]) -> tuple[int | None, str]:
        """The most telling failure among the parts, and who sent it: a decrypted one (the
        recipient's or a node's) first, mpp_timeout last; else a malformed one; else the
        first."""
        failed = [o for o in outcomes if isinstance(o.outcome, OutgoingFailed)]
        if not failed:
            return None, Sentence("no part was sent")
        read = sorted((o for o in failed if o.outcome.decrypted is not None),
                      key=lambda o: o.outcome.code == FailureCode.MPP_TIMEOUT)
        if read:
            o = read[0]
            d = o.outcome.decrypted
            recipient = (o.part.trampoline_route or o.part.route or (None,))[-1]
            return o.outcome.code, self._from(plan.failure_reason(o.outcome.code),
                                              o.part.who(d.hop_index, d.in_trampoline), recipient)
        for o in failed:
            code = o.outcome.failure_code
            if code is not None:  # our peer's update_fail_malformed_htlc
                return code, Sentence("our peer could not read the onion: %1",
                                      plan.failure_reason(code))
        return None, failed[0].outcome.why

    def _from(self, reason: str, node: bytes | None, recipient: bytes | None) -> Sentence:
        """`reason` and who sent it, one whole sentence for each kind of sender."""
        if node is None:
            return Sentence("%1, from an unknown node", reason)
        name = node.hex()[:16]
        if node == recipient:
            return Sentence("%1, from the recipient %2", reason, name)
        if node in {c.peer_id for c in self.host.channels.values()}:
            return Sentence("%1, from our peer %2", reason, name)
        return Sentence("%1, from node %2", reason, name)

    async def stop(self) -> None:
        for held in self._incoming.values():
            if held.timer is not None:
                held.timer.cancel()
        # cancelled again until they end: asyncio.wait_for (Python 3.11) can swallow a
        # cancellation that lands as its own inner await completes (a send to a peer)
        tasks = list(self._running.values())
        for _ in range(20):
            pending = [t for t in tasks if not t.done()]
            if not pending:
                break
            for t in pending:
                t.cancel()
            await asyncio.wait(pending, timeout=0.25)
        self._tasks.cancel_all()


def _receivable(ch: Channel) -> int:
    """What the peer could send us over this channel now (0 for one not usable)."""
    if not isinstance(ch.inner, st.Normal):
        return 0
    return plan.receivable_msat(ch.inner.commitments)


def _in_flight(ch: Channel) -> bool:
    """A usable channel with HTLCs or updates in flight: its room will change soon."""
    if type(ch.state) is not st.Normal:
        return False
    c = ch.state.commitments
    return bool(c.local_commit.view.htlcs or c.remote_commit.view.htlcs
                or c.has_pending_changes)


def _ours_msat(ch: Channel) -> int:
    """Our balance with our HTLCs in flight counted back (an upper bound of the room)."""
    view = ch.state.commitments.local_commit.view
    return view.to_local_msat + view.total_msat(OFFERED)


def _proven(outcome: OutgoingOutcome, payment_hash: bytes) -> OutgoingOutcome:
    """A settled outcome counts for this payment only with a preimage proving it; one that
    does not (the outcome of another HTLC that got the same channel id) is a failure of
    this part: never a payment the user is told went through while the payee has no record
    of it."""
    if isinstance(outcome, OutgoingSettled) and not proves(outcome.preimage, payment_hash):
        log.error("HTLC %s settled with a preimage that is not payment %s's: ignored",
                  (outcome.key_index, outcome.htlc_id), payment_hash.hex())
        return OutgoingFailed(outcome.key_index, outcome.htlc_id, payment_hash,
                                 outcome.amount_msat,
                                 Sentence("settled with another payment's preimage (a reused HTLC "
                                          "id)"))
    return outcome


def _row_outcome(h: OutgoingHtlcRow) -> OutgoingOutcome:
    if h.status == HTLC_SETTLED and h.preimage is not None:
        return OutgoingSettled(h.key_index, h.htlc_id, h.payment_hash, h.amount_msat, h.preimage)
    return OutgoingFailed(h.key_index, h.htlc_id, h.payment_hash, h.amount_msat,
                             h.failure or Sentence("failed"))


async def _done(outcome: OutgoingOutcome) -> OutgoingOutcome:
    return outcome


def _sat(msat: int) -> str:
    whole, rest = divmod(int(msat), 1000)
    return f"{whole}" if not rest else f"{whole}.{rest:03d}".rstrip("0")


def _state(ch: Channel) -> str:
    return st.state_path(ch.state)


def _invoice_terms(text: str) -> tuple[float, int] | None:
    """(expires at, minimum final CLTV delta) of one of our invoices, BOLT 11 or 12."""
    try:
        if text.startswith("lni1"):
            invoice = Bolt12Invoice.from_bytes(decode_bolt12(text, "lni"))
            return invoice.expires_at, BOLT12_MIN_FINAL_CLTV
        bolt11 = decode_invoice(text)
        return bolt11.expires_at, bolt11.min_final_cltv_expiry_delta
    except (InvoiceError, Bolt12Error):
        return None
