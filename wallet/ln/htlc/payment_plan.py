"""Pure planning for outgoing payments: trampoline fee levels within the user's budget, how
much a channel can send, splitting an amount across channels (basic_mpp), the onions of each
kind of route (direct, through an invoice route hint, through a trampoline peer), and the
user-facing reason for every BOLT 4 failure. No I/O: `payments.py` drives it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from wallet.errors import InputError
from wallet.ln.bolt11.invoice import Invoice
from wallet.ln.bolt11.invoice import RouteHintHop as InvoiceHop
from wallet.ln.channel.commit_view import RECEIVED, commit_fee_msat, reduce
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.features import Features
from wallet.ln.htlc.contract import MAX_OUTGOING_CLTV_BLOCKS
from wallet.ln.onion.failures import FailureCode, failure_code_name
from wallet.ln.onion.sphinx import HopPayload, build_onion
from wallet.ln.onion.trampoline import (
    RouteHintHop,
    TrampolineDialect,
    TrampolineHop,
    TrampolineRecipient,
    build_trampoline_onion,
    hints_that_fit,
    trampoline_outer_payload,
)
from wallet.ln.wire.primitives import ShortChannelId
from wallet.sentence import Sentence, template

#: blocks added to the recipient's min_final_cltv_expiry_delta (a block found in flight)
CLTV_MARGIN = 3
#: the default fee budget: 1% of the amount, at least this much
DEFAULT_FEE_PPM = 10_000
DEFAULT_FEE_FLOOR_MSAT = 10_000
#: invoice features bits
BASIC_MPP_BITS = (16, 17)
TRAMPOLINE_BITS = (56, 57, 148, 149, 150, 151)
#: a trampoline payment gives up after this many blocks of expiry (Electrum uses 576 too)
TRAMPOLINE_CLTV_DELTA = 576


# -- fees -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeLevel:
    """What we offer the trampoline at one attempt: base + proportional, and CLTV delta."""

    fee_base_msat: int
    fee_proportional_millionths: int
    cltv_expiry_delta: int = TRAMPOLINE_CLTV_DELTA

    def fee_msat(self, amount_msat: int) -> int:
        return self.fee_base_msat + amount_msat * self.fee_proportional_millionths // 1_000_000


#: the levels deployed trampolines (ACINQ's, Electrum's) expect, cheapest first
TRAMPOLINE_FEE_SCHEDULE: tuple[FeeLevel, ...] = (
    FeeLevel(0, 0),
    FeeLevel(1_000, 100),
    FeeLevel(3_000, 100),
    FeeLevel(5_000, 500),
    FeeLevel(7_000, 1_000),
    FeeLevel(12_000, 3_000),
    FeeLevel(100_000, 3_000),
)


def default_max_fee_msat(amount_msat: int, fee_ppm: int = DEFAULT_FEE_PPM,
                         floor_msat: int = DEFAULT_FEE_FLOOR_MSAT) -> int:
    """The fee budget when the user gave none: a share of the amount, with a floor."""
    return max(amount_msat * fee_ppm // 1_000_000, floor_msat)


def fee_levels(amount_msat: int, max_fee_msat: int,
               schedule: Sequence[FeeLevel] = TRAMPOLINE_FEE_SCHEDULE) -> list[FeeLevel]:
    """The levels to try, in rising fee order, each within `max_fee_msat`."""
    if max_fee_msat < 0:
        raise ValueError("the maximum fee cannot be negative")
    levels = sorted(schedule, key=lambda lv: lv.fee_msat(amount_msat))
    out: list[FeeLevel] = []
    for level in levels:
        fee = level.fee_msat(amount_msat)
        if fee <= max_fee_msat and (not out or fee > out[-1].fee_msat(amount_msat)):
            out.append(level)
    return out


# -- capacity and splitting -------------------------------------------------------------------

_PROBE_ONION = bytes(1366)


@dataclass(frozen=True)
class _Probe:
    amount_msat: int
    payment_hash: bytes = bytes(32)
    cltv_expiry: int = 1
    onion: bytes = _PROBE_ONION
    path_key: bytes | None = None
    extra_fee_msat: int | None = None


def _sendable_guess(commitments, policy: ChannelPolicy) -> int:
    """Where `send_add`'s limits put the largest HTLC, for an HTLC above dust: a hint only,
    checked by `sendable_msat` against `send_add` itself (which alone decides)."""
    c, p = commitments, commitments.params
    view = reduce(c.latest_remote_commit.view, c.remote_changes.acked, c.local_changes.proposed)
    guess = view.to_remote_msat - p.remote.channel_reserve_sat * 1000  # ours, in their view
    if p.is_opener:
        dust, spike = p.remote.dust_limit_sat, view.feerate_per_kw * policy.fee_spike_multiplier
        guess -= max(commit_fee_msat(view, dust, p.channel_type, extra_htlcs=1),
                     commit_fee_msat(view, dust, p.channel_type, feerate_per_kw=spike,
                                     extra_htlcs=2))
    return min(guess, p.remote.max_htlc_value_in_flight_msat - view.total_msat(RECEIVED))


def sendable_msat(commitments, policy: ChannelPolicy) -> int:
    """The largest HTLC the channel would accept from us now (0 if none): the channel's own
    `send_add` rules (reserve, fee and its spike buffer, in-flight limits) decide."""

    def fits(amount: int) -> bool:
        try:
            commitments.send_add(_Probe(amount), policy)
        except ChannelCommandError:
            return False
        return True

    low, high = 0, commitments.local_commit.view.to_local_msat
    if high <= 0 or not fits(1):
        return 0
    guess = _sendable_guess(commitments, policy)
    if 1 <= guess < high and fits(guess) and not fits(guess + 1):
        return guess  # the usual case: two checks instead of a 35-step search
    low = 1
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


def receivable_msat(commitments, fee_spike_multiplier: int = 2) -> int:
    """About the largest HTLC the peer can add to us now: its side of our commitment above
    the reserve it must keep, less the commitment fee (with the spike buffer) when it pays
    it, within the in-flight limit we set. An estimate for the screen; the peer decides."""
    c, p = commitments, commitments.params
    view = c.local_commit.view
    room = view.to_remote_msat - p.local.channel_reserve_sat * 1000
    if not p.is_opener:  # the peer pays the fee: with our HTLC, and a spike buffer of one more
        dust = p.local.dust_limit_sat
        room -= max(commit_fee_msat(view, dust, p.channel_type, extra_htlcs=1),
                    commit_fee_msat(view, dust, p.channel_type, extra_htlcs=2,
                                    feerate_per_kw=view.feerate_per_kw * fee_spike_multiplier))
    room = min(room, p.local.max_htlc_value_in_flight_msat - view.total_msat(RECEIVED))
    return max(0, room)


class CannotSplit(ValueError):
    """The channels together cannot carry the amount."""


def split_amount(total_msat: int, sendable: Sequence[tuple[int, int]],
                 allow_mpp: bool) -> list[tuple[int, int]]:
    """Spread `total_msat` over channels given as (key_index, sendable_msat): one part on
    the roomiest channel when it can carry everything, else (with basic_mpp) the roomiest
    channels first. Returns (key_index, amount_msat) parts."""
    if total_msat <= 0:
        raise ValueError("the amount must be positive")
    ranked = sorted(((k, s) for k, s in sendable if s > 0), key=lambda ks: -ks[1])
    if ranked and ranked[0][1] >= total_msat:
        return [(ranked[0][0], total_msat)]
    available = sum(s for _, s in ranked)
    if not allow_mpp or len(ranked) < 2:
        best = ranked[0][1] if ranked else 0
        raise CannotSplit(Sentence("the largest channel can send %1 sat, %2 sat are needed", best // 1000, total_msat // 1000))
    if available < total_msat:
        raise CannotSplit(Sentence("our channels can send %1 sat in all, %2 sat are needed", available // 1000, total_msat // 1000))
    parts: list[tuple[int, int]] = []
    left = total_msat
    for key, room in ranked:
        take = min(room, left)
        parts.append((key, take))
        left -= take
        if left == 0:
            break
    return parts


# -- routes and onions ------------------------------------------------------------------------


@dataclass(frozen=True)
class PartOnion:
    """One part ready to add: HTLC amount and expiry, onion and the secrets to read failures."""

    amount_msat: int
    cltv_expiry: int
    onion: bytes = field(repr=False)
    shared_secrets: tuple[bytes, ...] = field(repr=False)
    trampoline_secrets: tuple[bytes, ...] = field(default=(), repr=False)
    route: tuple[bytes, ...] = ()  # the outer onion's nodes
    trampoline_route: tuple[bytes, ...] = ()  # the trampoline onion's nodes

    def who(self, hop_index: int, in_trampoline: bool) -> bytes | None:
        """The node at this position of the route (as a decrypted failure names it)."""
        nodes = self.trampoline_route if in_trampoline else self.route
        return nodes[hop_index] if 0 <= hop_index < len(nodes) else None


class ExpiryTooFar(InputError):
    """The payment would lock our funds longer than MAX_OUTGOING_CLTV_BLOCKS; nothing sent."""


#: ExpiryTooFar's sentences, one per case (%1 blocks, about %2 days, at most %3 blocks)
TOO_FAR = template("this payment would lock the funds for %1 blocks (about %2 days); "
                   "Kite allows at most %3 blocks (about two weeks)")
INVOICE_TOO_FAR = template("this invoice would lock the funds for %1 blocks (about %2 days); "
                           "Kite allows at most %3 blocks (about two weeks)")
HINT_TOO_FAR = template("the invoice's route hint would lock the funds for %1 blocks (about %2 "
                        "days); Kite allows at most %3 blocks (about two weeks)")
TRAMPOLINE_TOO_FAR = template("this payment through a trampoline would lock the funds for %1 "
                              "blocks (about %2 days); Kite allows at most %3 blocks (about two "
                              "weeks)")
BLINDED_TOO_FAR = template("this payment over the invoice's blinded path would lock the funds "
                           "for %1 blocks (about %2 days); Kite allows at most %3 blocks (about "
                           "two weeks)")


def check_expiry(cltv_expiry: int, tip_height: int, too_far: str = TOO_FAR) -> int:
    """`cltv_expiry`, unless an HTLC expiring then would hold our funds more than
    MAX_OUTGOING_CLTV_BLOCKS blocks (about two weeks) from the tip: ExpiryTooFar, said with
    the `too_far` template (one of the *_TOO_FAR above)."""
    blocks = cltv_expiry - tip_height
    if blocks > MAX_OUTGOING_CLTV_BLOCKS:
        raise ExpiryTooFar(Sentence(too_far, blocks, blocks // 144, MAX_OUTGOING_CLTV_BLOCKS))
    return cltv_expiry


def final_cltv(invoice: Invoice, tip_height: int) -> int:
    """The recipient's expiry (ExpiryTooFar when the invoice alone asks for too long)."""
    cltv = tip_height + invoice.min_final_cltv_expiry_delta + CLTV_MARGIN
    return check_expiry(cltv, tip_height, INVOICE_TOO_FAR)


def direct_part(invoice: Invoice, part_msat: int, total_msat: int, tip_height: int,
                session_key: bytes | None = None) -> PartOnion:
    """A part paid straight to the payee, our channel peer (a one-hop onion)."""
    cltv = final_cltv(invoice, tip_height)
    payload = HopPayload.final(part_msat, cltv, payment_secret=invoice.payment_secret,
                               total_msat=total_msat, payment_metadata=invoice.metadata)
    built = build_onion([invoice.payee], [payload.encode()], session_key or os.urandom(32),
                        associated_data=invoice.payment_hash)
    return PartOnion(part_msat, cltv, built.packet, built.shared_secrets,
                     route=(invoice.payee,))


def hint_fee_msat(hop: InvoiceHop, amount_msat: int) -> int:
    return hop.fee_base_msat + amount_msat * hop.fee_proportional_millionths // 1_000_000


def route_hint_part(invoice: Invoice, hint: Sequence[InvoiceHop], part_msat: int,
                    total_msat: int, tip_height: int,
                    session_key: bytes | None = None) -> PartOnion:
    """A part through an invoice route hint whose first node is our channel peer: each hop
    forwards on the hint's channel to the next, the last one to the payee."""
    if not hint:
        raise ValueError("an empty route hint")
    cltv = final_cltv(invoice, tip_height)
    node_ids = [hop.pubkey for hop in hint[1:]] + [invoice.payee]
    payloads = [HopPayload.final(part_msat, cltv, payment_secret=invoice.payment_secret,
                                 total_msat=total_msat, payment_metadata=invoice.metadata)]
    amount = part_msat
    for index in range(len(hint) - 1, -1, -1):
        hop = hint[index]
        # the node of hint[index] forwards `amount` on hint[index].short_channel_id
        payloads.insert(0, HopPayload.forward(amount, cltv,
                                              ShortChannelId.from_int(hop.short_channel_id)))
        amount += hint_fee_msat(hop, amount)
        cltv += hop.cltv_expiry_delta
    check_expiry(cltv, tip_height, HINT_TOO_FAR)
    # payloads[0] is for our peer (hint[0].pubkey): who receives the outer onion's first layer
    built = build_onion([hint[0].pubkey, *node_ids], [p.encode() for p in payloads],
                        session_key or os.urandom(32), associated_data=invoice.payment_hash)
    return PartOnion(amount, cltv, built.packet, built.shared_secrets,
                     route=(hint[0].pubkey, *node_ids))


def route_hint_cltv_delta(hint: Sequence[InvoiceHop]) -> int:
    return sum(hop.cltv_expiry_delta for hop in hint)


def route_hint_fee_msat(hint: Sequence[InvoiceHop], amount_msat: int) -> int:
    total = amount_msat
    for hop in reversed(hint):
        total += hint_fee_msat(hop, total)
    return total - amount_msat


def supports_trampoline(invoice: Invoice) -> bool:
    return any(bit in invoice.features for bit in TRAMPOLINE_BITS)


def end_to_end(invoice: Invoice, trampoline_node: bytes) -> bool:
    """Whether the trampoline gets the payee's own trampoline layer (end to end) rather than
    the invoice's features and route hints (legacy). End to end needs a payee that reads
    trampoline onions, and a trampoline that can reach it without the hints: no hints
    (a public node), or a one-hop hint from the trampoline itself. Otherwise the hints must
    travel: we name one trampoline, not a second one at the hint as Electrum does."""
    if invoice.payee == trampoline_node:
        return True  # the trampoline is the recipient itself
    if not supports_trampoline(invoice):
        return False
    hints = [hint for hint in invoice.route_hints if hint]
    return not hints or any(len(hint) == 1 and hint[0].pubkey == trampoline_node
                            for hint in hints)


#: trampoline bits of eclair/Phoenix (148/149) and of the spec draft (56/57)
_NON_ELECTRUM_TRAMPOLINE_BITS = (56, 57, 148, 149)


def trampoline_takes_parts(features: Features | None) -> bool:
    """Whether we may split a payment over several channels to this trampoline peer.

    Not to a peer advertising only Electrum's trampoline bits (150/151): Electrum 4.3.4
    checks the trampoline fee per part (part minus the whole amount to forward), refuses
    each one, and answers only one part (its failure is kept per payment hash, and taken by
    the first); the other parts stay locked until they expire. One part works. Unknown
    features (peer offline): yes."""
    if features is None:
        return True
    electrum = features.is_set(150) or features.is_set(151)
    return not electrum or any(features.is_set(b) for b in _NON_ELECTRUM_TRAMPOLINE_BITS)


def allows_mpp(invoice: Invoice) -> bool:
    return any(bit in invoice.features for bit in BASIC_MPP_BITS)


def invoice_features_int(invoice: Invoice) -> int:
    value = 0
    for bit in invoice.features:
        value |= 1 << bit
    return value


@dataclass(frozen=True)
class TrampolineAttempt:
    """Everything the parts of one trampoline attempt share: the inner onion (the same for
    every part), the outer payment secret, and what the trampoline is paid in all."""

    trampoline_node: bytes
    level: FeeLevel
    amount_msat: int  # to the recipient
    fee_msat: int
    cltv_expiry: int  # of each HTLC to the trampoline
    inner_onion: bytes = field(repr=False)
    trampoline_secrets: tuple[bytes, ...] = field(repr=False)
    outer_secret: bytes = field(repr=False)
    trampoline_route: tuple[bytes, ...] = ()

    @property
    def total_msat(self) -> int:
        return self.amount_msat + self.fee_msat


def trampoline_attempt(invoice: Invoice, amount_msat: int, trampoline_node: bytes,
                       level: FeeLevel, tip_height: int, *,
                       dialect: TrampolineDialect = TrampolineDialect.ELECTRUM_ECLAIR,
                       session_key: bytes | None = None,
                       outer_secret: bytes | None = None) -> TrampolineAttempt:
    """The inner onion naming the recipient, to be carried by each part's outer onion."""
    recipient_cltv = final_cltv(invoice, tip_height)
    legacy = not end_to_end(invoice, trampoline_node)
    recipient = TrampolineRecipient(
        node_id=invoice.payee, amount_msat=amount_msat, cltv_expiry=recipient_cltv,
        payment_secret=invoice.payment_secret, total_msat=amount_msat,
        payment_metadata=invoice.metadata, supports_trampoline=not legacy,
        invoice_features=invoice_features_int(invoice),
        route_hints=tuple(tuple(RouteHintHop(h.pubkey, ShortChannelId.from_int(h.short_channel_id),
                                             h.fee_base_msat, h.fee_proportional_millionths,
                                             h.cltv_expiry_delta) for h in hint)
                          for hint in invoice.route_hints),
    )
    if invoice.payee == trampoline_node:
        trampolines: list[TrampolineHop] = []  # the trampoline is the recipient itself
        fee = 0
        cltv = recipient_cltv
    else:
        trampolines = [TrampolineHop(trampoline_node, amount_msat, recipient_cltv)]
        fee = level.fee_msat(amount_msat)
        cltv = check_expiry(recipient_cltv + level.cltv_expiry_delta, tip_height,
                            TRAMPOLINE_TOO_FAR)
        if legacy and recipient.route_hints:
            recipient = replace(recipient, route_hints=hints_that_fit(trampolines, recipient,
                                                                      dialect=dialect))
    built = build_trampoline_onion(trampolines, recipient, session_key=session_key or os.urandom(32),
                                   payment_hash=invoice.payment_hash, dialect=dialect)
    route = tuple(t.node_id for t in trampolines) + (invoice.payee,)
    return TrampolineAttempt(trampoline_node, level, amount_msat, fee, cltv, built.packet,
                             built.shared_secrets, outer_secret or os.urandom(32), route)


def trampoline_part(attempt: TrampolineAttempt, part_msat: int, payment_hash: bytes, *,
                    dialect: TrampolineDialect = TrampolineDialect.ELECTRUM_ECLAIR,
                    session_key: bytes | None = None) -> PartOnion:
    """One part: a one-hop outer onion to the trampoline peer carrying the inner onion."""
    payload = trampoline_outer_payload(attempt.inner_onion, amt_to_forward=part_msat,
                                       outgoing_cltv_value=attempt.cltv_expiry,
                                       payment_secret=attempt.outer_secret,
                                       total_msat=attempt.total_msat, dialect=dialect)
    built = build_onion([attempt.trampoline_node], [payload.encode()],
                        session_key or os.urandom(32), associated_data=payment_hash)
    return PartOnion(part_msat, attempt.cltv_expiry, built.packet, built.shared_secrets,
                     attempt.trampoline_secrets, route=(attempt.trampoline_node,),
                     trampoline_route=attempt.trampoline_route)


# -- failures ---------------------------------------------------------------------------------

#: failures after which a trampoline attempt is worth repeating at the next fee level
RETRY_AT_NEXT_LEVEL = frozenset({
    FailureCode.TRAMPOLINE_FEE_INSUFFICIENT,
    FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON,
    FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT,
    FailureCode.TEMPORARY_CHANNEL_FAILURE,
    FailureCode.TEMPORARY_TRAMPOLINE_FAILURE,
    FailureCode.FEE_INSUFFICIENT,
    FailureCode.INCORRECT_CLTV_EXPIRY,
    FailureCode.EXPIRY_TOO_SOON,
})

#: failures that come from the recipient itself: no other route changes them
RECIPIENT_FAILURES = frozenset({
    FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS,
    FailureCode.FINAL_EXPIRY_TOO_SOON,
    FailureCode.FINAL_INCORRECT_CLTV_EXPIRY,
    FailureCode.FINAL_INCORRECT_HTLC_AMOUNT,
    FailureCode.MPP_TIMEOUT,
})

#: each failure code's reason, whole (%1: the code's BOLT 4 name)
FAILURE_REASONS: dict[FailureCode, str] = {
    FailureCode.INVALID_REALM: template("a node on the route could not read its instructions (%1)"),
    FailureCode.TEMPORARY_NODE_FAILURE: template("a node on the route is temporarily failing (%1)"),
    FailureCode.PERMANENT_NODE_FAILURE: template("a node on the route is out of service (%1)"),
    FailureCode.REQUIRED_NODE_FEATURE_MISSING: template("a node on the route lacks a required feature (%1)"),
    FailureCode.INVALID_ONION_VERSION: template("a node on the route could not read the onion (%1)"),
    FailureCode.INVALID_ONION_HMAC: template("a node on the route could not read the onion (%1)"),
    FailureCode.INVALID_ONION_KEY: template("a node on the route could not read the onion (%1)"),
    FailureCode.TEMPORARY_CHANNEL_FAILURE: template("no route at this fee (a channel lacks liquidity) (%1)"),
    FailureCode.PERMANENT_CHANNEL_FAILURE: template("a channel on the route is closed (%1)"),
    FailureCode.REQUIRED_CHANNEL_FEATURE_MISSING: template("a channel on the route lacks a required feature (%1)"),
    FailureCode.UNKNOWN_NEXT_PEER: template("no route: a node does not know the next one (%1)"),
    FailureCode.AMOUNT_BELOW_MINIMUM: template("the amount is below a channel's minimum (%1)"),
    FailureCode.FEE_INSUFFICIENT: template("no route at this fee (%1)"),
    FailureCode.INCORRECT_CLTV_EXPIRY: template("no route at this expiry (%1)"),
    FailureCode.EXPIRY_TOO_SOON: template("no route at this expiry (too soon) (%1)"),
    FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS:
        template("recipient rejected: unknown payment (wrong amount, expired or already paid) (%1)"),
    FailureCode.FINAL_EXPIRY_TOO_SOON: template("recipient rejected: expiry too soon (%1)"),
    FailureCode.FINAL_INCORRECT_CLTV_EXPIRY: template("recipient rejected: wrong expiry (%1)"),
    FailureCode.FINAL_INCORRECT_HTLC_AMOUNT: template("recipient rejected: wrong amount (%1)"),
    FailureCode.CHANNEL_DISABLED: template("a channel on the route is disabled (%1)"),
    FailureCode.EXPIRY_TOO_FAR: template("the payment's expiry is too far in the future (%1)"),
    FailureCode.INVALID_ONION_PAYLOAD: template("a node on the route refused the payment's data (%1)"),
    FailureCode.MPP_TIMEOUT: template("recipient gave up waiting for all parts of the payment (%1)"),
    FailureCode.INVALID_ONION_BLINDING: template("a blinded route could not be read (%1)"),
    FailureCode.TEMPORARY_TRAMPOLINE_FAILURE: template("the trampoline node is temporarily failing (%1)"),
    FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT: template("no route at this fee (trampoline) (%1)"),
    FailureCode.UNKNOWN_NEXT_TRAMPOLINE: template("the trampoline node cannot reach the recipient (%1)"),
    FailureCode.TRAMPOLINE_FEE_INSUFFICIENT: template("no route at this fee (trampoline) (%1)"),
    FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON: template("no route at this expiry (trampoline) (%1)"),
}


def start_index(levels: Sequence[FeeLevel], last_paid: FeeLevel | None,
                amount_msat: int) -> int:
    """Where to start climbing `levels` (from `fee_levels`, within the user's maximum) for
    a trampoline whose last successful payment was at `last_paid`: at that level (the
    cheaper ones were refused then), or at the dearest one that costs no more when the
    maximum now excludes it; at the cheapest when none succeeded yet."""
    if last_paid is None:
        return 0
    ceiling = last_paid.fee_msat(amount_msat)
    start = 0
    for i, level in enumerate(levels):
        if level == last_paid:
            return i
        if level.fee_msat(amount_msat) <= ceiling:
            start = i
    return start


def next_level(index: int, levels: Sequence[FeeLevel], code: int | None) -> int | None:
    """After the attempt at `levels[index]` failed with `code`: the index of the level to try
    next, or None to stop (a failure a higher fee cannot cure, or no level left)."""
    if code is None or code not in RETRY_AT_NEXT_LEVEL:
        return None
    return index + 1 if index + 1 < len(levels) else None


def failure_reason(code: int | None) -> str:
    """The user-facing reason for a failure code, with the BOLT name in brackets."""
    if code is None:
        return Sentence("the payment failed for an unknown reason")
    try:
        said = FAILURE_REASONS[FailureCode(code)]
    except (ValueError, KeyError):
        said = template("the payment failed (%1)")
    return Sentence(said, failure_code_name(code))
