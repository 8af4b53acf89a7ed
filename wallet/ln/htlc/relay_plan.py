"""The relay role's decisions (pure): is an incoming payment to relay acceptable, where
does it go next, what do the outgoing HTLCs carry, and what do we tell the payer when they
fail. `forwarder.py` is the shell that holds HTLCs, sends and answers.

Two kinds of relay reach us. A plain BOLT 4 forward (the onion names one of our channels by
short channel id or alias: a payer routing through an invoice's route hint) is checked
against our channel fee and CLTV delta and sent on as it is (`plan_channel_relay`). A
trampoline payment is the rest of this module:

A payment reaches us as one or more HTLCs (parts) whose outer onion ends with us and
carries a trampoline onion naming the next node (`TrampolineForward`). Parts belong
together when they share the payment hash and the outer payment secret; once they add up
to the outer `total_msat`, we check our fee and CLTV delta against what the trampoline
payload asks us to forward, and pick the next hop among our own channels:

* the next node is our channel peer: one hop (a trampoline onion for it, or, when the payer
  gave the invoice's features and routing hints, a plain final payload: "legacy" relay);
* legacy relay to a node that is not our peer: a routing hint that passes through us or
  starts at one of our peers gives a normal onion through that peer to the recipient;
* blinded paths (spec draft): one that starts at our channel peer gets a blinded payment
  onion across it, its payinfo's fee and CLTV delta on top: in one part, or, when no channel
  carries it and the recipient's features (record 21) say basic_mpp, in parts over our
  channels to that peer, each paying the path's fee on its own amount (the extra base fees
  come out of our fee, refused as trampoline_fee_insufficient below our policy); one that starts
  at us (`OwnEntry`): we read our hop with our node key and send the rest of the path on
  as its introduction node would (its `payment_relay` applied, the next path key in
  update_add_htlc).

Failures: ours are encrypted for the payer with the incoming outer secret (Electrum/eclair
dialect), or with the trampoline secret and then the outer one (spec draft). A failure
from the recipient of a legacy relay, or from the next trampoline, is passed on as its
message; one we cannot read (from beyond the next trampoline) is wrapped twice for the payer.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from wallet.ln.htlc.contract import MAX_OUTGOING_CLTV_BLOCKS, Fail, FailMalformed, IncomingHtlc
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.blinded_path import BlindedPath, BlindedPayInfo
from wallet.ln.onion.blinded_payment import (
    blinded_hops_past_introduction,
    blinded_payment_hops,
)
from wallet.ln.onion.failures import (
    UPDATE,
    DecryptedFailure,
    FailureCode,
    FailureMessage,
    FailureMessageError,
    create_error_packet,
    failure_from_malformed,
    obfuscate_error_packet,
    unwrap_error_packet,
)
from wallet.ln.onion.route_blinding import InvalidOnionBlinding, PaymentRelay, UnblindedHop
from wallet.ln.onion.sphinx import HopPayload, build_onion
from wallet.ln.onion.trampoline import (
    RECIPIENT_FEATURES,
    RouteHintHop,
    TrampolineDialect,
    TrampolineForward,
    create_trampoline_error_packet,
    trampoline_outer_payload,
    wrap_trampoline_failure,
)

BASIC_MPP_BITS = (16, 17)
#: an outgoing HTLC may not expire further than MAX_OUTGOING_CLTV_BLOCKS (2016, `contract`)
#: ahead: what the payer gave us on top (Electrum gives a trampoline 576 blocks) is between
#: its HTLC and ours, not in ours
#: the outgoing HTLC must still have this many blocks left when it leaves us
MIN_OUTGOING_CLTV_BLOCKS = 3


@dataclass(frozen=True)
class OutChannel:
    """One of our usable channels, as the forwarder sees it (`scids`: its real short channel
    id and the alias we gave the peer, as integers: what an onion may name it by)."""

    key_index: int
    peer_id: bytes
    sendable_msat: int
    scids: frozenset[int] = frozenset()


# -- failures we send upstream ---------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """The payment is refused with `failure` (from us); `why` is for the log."""

    failure: FailureMessage
    why: str


@dataclass(frozen=True)
class Passthrough:
    """A downstream failure packet we cannot read, its layers of our route removed: wrapped
    with the trampoline and outer secrets of each incoming part for the payer."""

    packet: bytes = field(repr=False)
    why: str


Upstream = Refusal | Passthrough


def refusal(code: FailureCode, why: str, policy: RelayPolicy | None = None,
            **fields: int | bytes) -> Refusal:
    """Our failure message for `code`, with the fields its layout needs (empty updates)."""
    if code & UPDATE:  # we send no channel_update (our channels are not announced)
        fields.setdefault("channel_update", b"")
    if code is FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT:
        p = policy or RelayPolicy()
        fields = {"fee_base_msat": p.fee_base_msat,
                  "fee_proportional_millionths": p.fee_proportional_millionths,
                  "cltv_expiry_delta": p.cltv_expiry_delta}
    return Refusal(FailureMessage.make(int(code), **fields), why)


def in_dialect(r: Refusal, dialect: TrampolineDialect, policy: RelayPolicy) -> Refusal:
    """The spec draft names the trampoline failures differently."""
    if dialect is not TrampolineDialect.SPEC_DRAFT:
        return r
    renamed = _SPEC_NAMES.get(r.failure.code)
    return refusal(renamed, r.why, policy) if renamed is not None else r


_SPEC_NAMES = {
    FailureCode.TRAMPOLINE_FEE_INSUFFICIENT: FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT,
    FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON: FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT,
    FailureCode.TEMPORARY_CHANNEL_FAILURE: FailureCode.TEMPORARY_TRAMPOLINE_FAILURE,
    FailureCode.UNKNOWN_NEXT_PEER: FailureCode.UNKNOWN_NEXT_TRAMPOLINE,
}


def failure_packet(upstream: Upstream, *, shared_secret: bytes, trampoline_secret: bytes,
                   dialect: TrampolineDialect, policy: RelayPolicy) -> bytes:
    """The update_fail_htlc reason for one incoming part (its outer and trampoline secrets)."""
    if isinstance(upstream, Passthrough):
        return wrap_trampoline_failure(upstream.packet, trampoline_secret=trampoline_secret,
                                       outer_secret=shared_secret)
    r = in_dialect(upstream, dialect, policy)
    if dialect is TrampolineDialect.SPEC_DRAFT:
        return create_trampoline_error_packet(r.failure, trampoline_secret=trampoline_secret,
                                              outer_secret=shared_secret)
    return create_error_packet(shared_secret, r.failure)


def answer_part(part: IncomingHtlc, upstream: Upstream, policy: RelayPolicy) -> Fail:
    """The failure answer to one incoming part."""
    tramp = part.trampoline
    if not isinstance(tramp, TrampolineForward):  # only check_part's refusal gets here
        assert isinstance(upstream, Refusal)
        return Fail(create_error_packet(part.shared_secret, upstream.failure), upstream.why)
    packet = failure_packet(upstream, shared_secret=part.shared_secret,
                            trampoline_secret=tramp.shared_secret, dialect=tramp.dialect,
                            policy=policy)
    return Fail(packet, upstream.why)


# -- the parts of one payment ----------------------------------------------------------------


def set_id(part: IncomingHtlc) -> bytes:
    """Which payment a part belongs to: payment hash and the outer payment secret."""
    secret = part.payload.payment_secret or b""
    return part.payment_hash + secret


def check_part(part: IncomingHtlc) -> Refusal | None:
    """The outer payload's rules for one part (BOLT 4 final-node checks)."""
    p = part.payload
    if not isinstance(part.trampoline, TrampolineForward):
        return refusal(FailureCode.INVALID_ONION_PAYLOAD, "not a trampoline forward",
                       type=0, offset=0)
    if p.payment_secret is None:
        return refusal(FailureCode.INVALID_ONION_PAYLOAD, "the outer payload lacks payment_data",
                       type=8, offset=0)
    if p.amt_to_forward is None or p.amt_to_forward > part.amount_msat:
        return refusal(FailureCode.FINAL_INCORRECT_HTLC_AMOUNT,
                       "the HTLC pays less than its onion says", incoming_htlc_amt=part.amount_msat)
    if p.outgoing_cltv_value is None or p.outgoing_cltv_value > part.cltv_expiry:
        return refusal(FailureCode.FINAL_INCORRECT_CLTV_EXPIRY,
                       "the HTLC expires before its onion says", cltv_expiry=part.cltv_expiry)
    return None


def same_payment(first: IncomingHtlc, other: IncomingHtlc) -> bool:
    """Do two parts ask for the same forward (total, next node, amount, expiry, onion)?"""
    a, b = first.trampoline, other.trampoline
    assert isinstance(a, TrampolineForward) and isinstance(b, TrampolineForward)
    return (first.payload.effective_total_msat == other.payload.effective_total_msat
            and a.next_node_id == b.next_node_id and a.amt_to_forward == b.amt_to_forward
            and a.outgoing_cltv_value == b.outgoing_cltv_value
            and a.next_packet == b.next_packet and a.legacy == b.legacy
            and a.dialect == b.dialect and a.blinded == b.blinded)


def complete(parts: Sequence[IncomingHtlc]) -> bool:
    """Have the parts reached the total the payer announced?"""
    total = parts[0].payload.effective_total_msat or 0
    return sum(p.amount_msat for p in parts) >= total


# -- the route onward ------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnEntry:
    """Our own hop of a blinded path that starts at us: what `payment_relay` we apply and
    the path key the next hop gets in update_add_htlc."""

    relay: PaymentRelay
    next_path_key: bytes = field(repr=False)

    def out(self, info: BlindedPayInfo, amount_msat: int, cltv_expiry: int) -> tuple[int, int]:
        """(amount, expiry) we send the next hop for `amount_msat` at `cltv_expiry` at the
        path's end: the payinfo's total at us, less our hop's relay fee and delta."""
        at_us = amount_msat + info.fee_msat(amount_msat)
        return (self.relay.amount_to_forward(at_us),
                cltv_expiry + info.cltv_expiry_delta - self.relay.cltv_expiry_delta)


@dataclass(frozen=True)
class Route:
    """Our channel peer `first_peer`, then the routing-hint hops after it (each hop's node
    forwards on its channel to the next hop's node, the last one to the recipient)."""

    first_peer: bytes
    hops: tuple[RouteHintHop, ...] = ()
    #: a blinded path starting at `first_peer` (or at us, then `entry`), and its cost
    blinded: tuple[BlindedPath, BlindedPayInfo] | None = None
    entry: OwnEntry | None = None

    def fee_msat(self, amount_msat: int) -> int:
        if self.blinded is not None and self.entry is not None:
            return self.entry.out(self.blinded[1], amount_msat, 0)[0] - amount_msat
        if self.blinded is not None:
            return self.blinded[1].fee_msat(amount_msat)
        total = amount_msat
        for hop in reversed(self.hops):
            total += hop.fee_base_msat + total * hop.fee_proportional_millionths // 1_000_000
        return total - amount_msat

    @property
    def cltv_delta(self) -> int:
        if self.blinded is not None and self.entry is not None:
            return self.blinded[1].cltv_expiry_delta - self.entry.relay.cltv_expiry_delta
        if self.blinded is not None:
            return self.blinded[1].cltv_expiry_delta
        return sum(h.cltv_expiry_delta for h in self.hops)


#: reads our hop of a blinded path (path key, encrypted data) with our node key
ReadOwnHop = Callable[[bytes, bytes], UnblindedHop]


def choose_route(fwd: TrampolineForward, our_node_id: bytes, peers: set[bytes],
                 channels: Sequence[OutChannel] = (), read_own_hop: ReadOwnHop | None = None
                 ) -> Route | None:
    """The next node if it is our peer; else (legacy relay) a routing hint through us or
    from one of our peers; a blinded path starting at a peer, or at us (our hop read by
    `read_own_hop`, going on to a peer); None when we know no way."""
    if fwd.blinded:
        for path, info in fwd.blinded:
            if isinstance(path.first_node_id, bytes) and path.first_node_id in peers:
                return Route(path.first_node_id, blinded=(path, info))
            if path.first_node_id == our_node_id and read_own_hop is not None:
                route = _own_path_route(fwd, path, info, channels, read_own_hop)
                if route is not None:
                    return route
        return None
    if fwd.next_node_id in peers:
        return Route(fwd.next_node_id)
    if fwd.legacy is None:
        return None
    for hint in fwd.legacy.route_hints:
        for i, hop in enumerate(hint):
            if hop.node_id == our_node_id:
                after = hint[i + 1:]
                nxt = after[0].node_id if after else fwd.next_node_id
                if nxt in peers:
                    return Route(nxt, tuple(after))
        if hint and hint[0].node_id in peers:
            return Route(hint[0].node_id, tuple(hint))
    return None


def _own_path_route(fwd: TrampolineForward, path: BlindedPath, info: BlindedPayInfo,
                    channels: Sequence[OutChannel], read_own_hop: ReadOwnHop) -> Route | None:
    """A blinded path that starts at us: our hop must decrypt, relay on to a peer of ours
    (by scid or node id), and the payment must keep its constraints; else not usable."""
    if len(path.hops) < 2:
        return None  # a path that ends at us is no payment to relay
    try:
        hop = read_own_hop(path.first_path_key, path.hops[0].encrypted_recipient_data)
    except InvalidOnionBlinding:
        return None
    data = hop.data
    if data.payment_relay is None or data.path_id is not None:
        return None
    if data.short_channel_id is not None:
        nxt = next((c.peer_id for c in channels
                    if data.short_channel_id.to_int() in c.scids), None)
    else:
        nxt = next((c.peer_id for c in channels if c.peer_id == data.next_node_id), None)
    if nxt is None:
        return None
    constraints = data.payment_constraints
    at_us = fwd.amt_to_forward + info.fee_msat(fwd.amt_to_forward)
    if constraints is not None and (
            fwd.outgoing_cltv_value + info.cltv_expiry_delta > constraints.max_cltv_expiry
            or at_us < constraints.htlc_minimum_msat):
        return None
    entry = OwnEntry(data.payment_relay, hop.next_path_key)
    if entry.out(info, fwd.amt_to_forward, 0)[0] < fwd.amt_to_forward:
        return None  # the payinfo does not cover our own hop's fee
    if info.cltv_expiry_delta < data.payment_relay.cltv_expiry_delta:
        return None
    return Route(nxt, blinded=(path, info), entry=entry)


@dataclass(frozen=True)
class ForwardPlan:
    """What to send: `amount_msat` (the next node's amount plus the hint hops' fees) with
    expiry `cltv_expiry` through `route`, in parts over `channels` (key_index, msat)."""

    fwd: TrampolineForward
    route: Route
    amount_msat: int
    cltv_expiry: int
    fee_msat: int  # what we keep
    parts: tuple[tuple[int, int], ...]  # (key_index, amount to the next node)
    outer_secret: bytes = field(repr=False)  # the payment secret of a next trampoline's parts


def plan_forward(parts: Sequence[IncomingHtlc], policy: RelayPolicy, tip_height: int,
                 our_node_id: bytes, channels: Sequence[OutChannel],
                 outer_secret: bytes | None = None, read_own_hop: ReadOwnHop | None = None
                 ) -> ForwardPlan | Refusal:
    """Check a complete set of parts against our policy and find the way onward
    (`read_own_hop`: to read a blinded path that starts at us)."""
    fwd = parts[0].trampoline
    assert isinstance(fwd, TrampolineForward)
    incoming_msat = sum(p.amount_msat for p in parts)
    incoming_cltv = min(p.cltv_expiry for p in parts)
    if fwd.amt_to_forward <= 0:
        return refusal(FailureCode.INVALID_ONION_PAYLOAD, "the trampoline payload forwards "
                       "nothing", type=2, offset=0)
    if fwd.next_node_id == our_node_id and not fwd.blinded:  # a path may start at us
        return refusal(FailureCode.UNKNOWN_NEXT_PEER, "the trampoline payload names us as "
                       "the next node")
    route = choose_route(fwd, our_node_id, {c.peer_id for c in channels}, channels, read_own_hop)
    if route is None:
        return refusal(FailureCode.UNKNOWN_NEXT_PEER,
                       f"no channel towards {fwd.next_node_id.hex()[:16]}")
    amount = fwd.amt_to_forward + route.fee_msat(fwd.amt_to_forward)
    cltv = fwd.outgoing_cltv_value + route.cltv_delta
    ours = incoming_msat - amount
    if ours < policy.fee_msat(fwd.amt_to_forward):
        return refusal(FailureCode.TRAMPOLINE_FEE_INSUFFICIENT,
                       f"fee {ours} msat offered, {policy.fee_msat(fwd.amt_to_forward)} asked")
    if incoming_cltv - cltv < policy.cltv_expiry_delta:
        return refusal(FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON,
                       f"CLTV delta {incoming_cltv - cltv}, {policy.cltv_expiry_delta} asked")
    if cltv < tip_height + MIN_OUTGOING_CLTV_BLOCKS:
        return refusal(FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON,
                       f"the outgoing HTLC would expire at {cltv}, the tip is {tip_height}")
    if cltv > tip_height + MAX_OUTGOING_CLTV_BLOCKS:
        return refusal(FailureCode.EXPIRY_TOO_FAR, f"the outgoing HTLC would expire at {cltv}, "
                       f"more than {MAX_OUTGOING_CLTV_BLOCKS} blocks after the tip")
    usable = [(c.key_index, c.sendable_msat) for c in channels
              if c.peer_id == route.first_peer and c.sendable_msat > 0]
    split = split_parts(fwd, route, usable)
    if split is None:
        return refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                       f"our channels to {route.first_peer.hex()[:16]} cannot carry "
                       f"{amount} msat")
    if route.blinded is not None and len(split) > 1:
        # each part crossing the path pays its fee (base fee included) on its own amount
        extra = sum(route.fee_msat(p) for _, p in split) - route.fee_msat(fwd.amt_to_forward)
        if ours - extra < policy.fee_msat(fwd.amt_to_forward):
            return refusal(FailureCode.TRAMPOLINE_FEE_INSUFFICIENT,
                           f"fee {ours - extra} msat left after the blinded path's fees of "
                           f"{len(split)} parts, {policy.fee_msat(fwd.amt_to_forward)} asked")
        amount, ours = amount + extra, ours - extra
    return ForwardPlan(fwd, route, amount, cltv, ours, split, outer_secret or os.urandom(32))


def may_split(fwd: TrampolineForward) -> bool:
    """A next trampoline always takes parts; a legacy recipient if its invoice says basic_mpp;
    a recipient behind blinded paths if the features the payer gave (record 21) say so."""
    if fwd.blinded:
        features = int.from_bytes(fwd.payload.extra.get(RECIPIENT_FEATURES, b""), "big")
        return any(features >> bit & 1 for bit in BASIC_MPP_BITS)
    if fwd.legacy is None:
        return True
    return any(fwd.legacy.invoice_features >> bit & 1 for bit in BASIC_MPP_BITS)


def split_parts(fwd: TrampolineForward, route: Route,
                usable: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...] | None:
    """(key_index, amount for the next node) parts: one on the roomiest channel when it can
    carry everything (with the hint hops' fees), else spread over the channels (only
    straight to the next node, and when it may be split)."""
    total = fwd.amt_to_forward
    ranked = sorted(usable, key=lambda ks: -ks[1])
    if ranked and ranked[0][1] >= total + route.fee_msat(total):
        return ((ranked[0][0], total),)
    if route.hops or not may_split(fwd):
        return None
    if route.blinded is not None:  # each channel keeps room for the path's fee
        reserve = route.fee_msat(total)
        ranked = [(k, s - reserve) for k, s in ranked if s > reserve]
    if sum(s for _, s in ranked) < total:
        return None
    parts, left = [], total
    for key, room in ranked:
        take = min(room, left)
        parts.append((key, take))
        left -= take
        if not left:
            break
    return tuple(parts)


# -- the outgoing onions -----------------------------------------------------------------------


@dataclass(frozen=True)
class OutgoingPart:
    key_index: int
    amount_msat: int
    cltv_expiry: int
    onion: bytes = field(repr=False)
    shared_secrets: tuple[bytes, ...] = field(repr=False)
    #: update_add_htlc's path key (a blinded path that starts at us)
    path_key: bytes | None = field(default=None, repr=False)


def build_part(plan: ForwardPlan, key_index: int, part_msat: int, payment_hash: bytes,
               session_key: bytes | None = None) -> OutgoingPart:
    """The HTLC of one part: its amount (with the hint hops' fees), expiry and onion."""
    fwd, route = plan.fwd, plan.route
    key = session_key or os.urandom(32)
    if route.blinded is not None and route.entry is not None:
        path, info = route.blinded
        node_ids, payloads = blinded_hops_past_introduction(
            path.hops[1:], part_msat, fwd.outgoing_cltv_value, fwd.amt_to_forward)
        built = build_onion(node_ids, [p.encode() for p in payloads], key, payment_hash)
        amount, cltv = route.entry.out(info, part_msat, fwd.outgoing_cltv_value)
        return OutgoingPart(key_index, amount, cltv, built.packet, built.shared_secrets,
                            route.entry.next_path_key)
    if route.blinded is not None:
        path, info = route.blinded
        node_ids, payloads = blinded_payment_hops(path, part_msat, fwd.outgoing_cltv_value,
                                                  fwd.amt_to_forward)
        built = build_onion(node_ids, [p.encode() for p in payloads], key, payment_hash)
        return OutgoingPart(key_index, part_msat + info.fee_msat(part_msat),
                            fwd.outgoing_cltv_value + info.cltv_expiry_delta, built.packet,
                            built.shared_secrets)
    if fwd.legacy is None:
        assert fwd.next_packet is not None and not route.hops
        payload = trampoline_outer_payload(
            fwd.next_packet, amt_to_forward=part_msat, outgoing_cltv_value=plan.cltv_expiry,
            payment_secret=plan.outer_secret, total_msat=fwd.amt_to_forward,
            dialect=fwd.dialect)
        built = build_onion([fwd.next_node_id], [payload.encode()], key, payment_hash)
        return OutgoingPart(key_index, part_msat, plan.cltv_expiry, built.packet,
                            built.shared_secrets)
    legacy = fwd.legacy
    payloads = [HopPayload.final(part_msat, fwd.outgoing_cltv_value,
                                 payment_secret=legacy.payment_secret,
                                 total_msat=legacy.total_msat,
                                 payment_metadata=legacy.payment_metadata)]
    amount, cltv = part_msat, fwd.outgoing_cltv_value
    for hop in reversed(route.hops):  # hop.node_id forwards on hop's channel
        payloads.insert(0, HopPayload.forward(amount, cltv, hop.short_channel_id))
        amount += hop.fee_base_msat + amount * hop.fee_proportional_millionths // 1_000_000
        cltv += hop.cltv_expiry_delta
    node_ids = [h.node_id for h in route.hops] + [fwd.next_node_id]
    built = build_onion(node_ids, [p.encode() for p in payloads], key, payment_hash)
    return OutgoingPart(key_index, amount, cltv, built.packet, built.shared_secrets)


# -- from downstream failures to the upstream answer -----------------------------------------

_FEE_CODES = {FailureCode.FEE_INSUFFICIENT, FailureCode.AMOUNT_BELOW_MINIMUM}
_CLTV_CODES = {FailureCode.INCORRECT_CLTV_EXPIRY, FailureCode.EXPIRY_TOO_SOON}


@dataclass(frozen=True)
class DownstreamFailure:
    """One outgoing part's failure, as the shell learned it."""

    decrypted: DecryptedFailure | None = None  # read with the part's route secrets
    reason: bytes | None = field(default=None, repr=False)  # the raw error packet
    shared_secrets: tuple[bytes, ...] = field(default=(), repr=False)  # of the part's route
    malformed_code: int | None = None  # our peer could not read the onion
    sha256_of_onion: bytes | None = None  # (with malformed_code)
    why: str = ""


def upstream_failure(plan: ForwardPlan | None,
                     failures: Sequence[DownstreamFailure]) -> Upstream:
    """What to tell the payer once every outgoing part failed.

    The recipient's (legacy) or next trampoline's own failure is passed on; a fee or expiry
    complaint of a hint hop becomes ours (trampoline_fee_insufficient /
    trampoline_expiry_too_soon, so the payer offers more); another node's failure is passed
    on; one we cannot read is wrapped for the payer when a trampoline lies beyond (else it
    is a temporary channel failure); a part that never left is a temporary channel failure.
    """
    if plan is None or not failures:
        return refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE, "the outgoing HTLC failed")
    last = len(plan.route.hops)  # the index of the next node in our outgoing route
    readable = [f for f in failures if f.decrypted is not None
                and f.decrypted.failure is not None]
    for f in readable:  # the final node of our route first: its answer is the payment's
        if f.decrypted.hop_index == last:
            return Refusal(f.decrypted.failure, f"the next node failed: {f.why}")
    for f in readable:
        code = f.decrypted.failure.code
        if code in _FEE_CODES:
            return refusal(FailureCode.TRAMPOLINE_FEE_INSUFFICIENT, f"a hint hop: {f.why}")
        if code in _CLTV_CODES:
            return refusal(FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON, f"a hint hop: {f.why}")
        return Refusal(f.decrypted.failure, f"a hint hop failed: {f.why}")
    for f in failures:
        if (f.reason is not None and f.decrypted is None and plan.fwd.legacy is None
                and not plan.fwd.blinded):
            packet = unwrap_error_packet(f.reason, f.shared_secrets)
            return Passthrough(packet, "a failure from beyond the next trampoline")
    for f in failures:
        if f.malformed_code is not None:
            return refusal(FailureCode.TEMPORARY_NODE_FAILURE,
                           f"the next node could not read our onion ({f.why})")
    return refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                   failures[0].why or "the outgoing HTLC failed")


# -- plain channel relay (BOLT 4 intermediate hop) --------------------------------------------


@dataclass(frozen=True)
class ChannelRelay:
    """Send the next onion on our channel `key_index` with this amount and expiry."""

    key_index: int
    amount_msat: int
    cltv_expiry: int
    onion: bytes = field(repr=False)
    next_node_id: bytes
    #: the update_add_htlc's path key, for an HTLC that goes on inside a blinded route
    path_key: bytes | None = field(default=None, repr=False)


def plan_blinded_relay(incoming: IncomingHtlc, policy: RelayPolicy, tip_height: int,
                       channels: Sequence[OutChannel]) -> ChannelRelay | Refusal:
    """An HTLC we relay inside a blinded route: its hop data (decrypted, its fee, delta and
    constraints already applied by `peel_blinded_payment`) names our channel by scid or its
    peer by node id; the `payment_relay` the recipient wrote may not ask less than our
    `policy` (else anyone could have us relay for free); the expiry is checked against the
    tip. A refusal's code is for the log: the payer only ever learns invalid_onion_blinding
    (`IncomingHtlc.fail`)."""
    fwd = incoming.blinded_forward
    assert fwd is not None
    relay = fwd.data.payment_relay
    assert relay is not None  # peel_blinded_payment refuses a forwarding hop without one
    if (relay.fee_base_msat < policy.fee_base_msat
            or relay.fee_proportional_millionths < policy.fee_proportional_millionths):
        return refusal(FailureCode.FEE_INSUFFICIENT, "the blinded hop's payment_relay asks "
                       "less than our fee", htlc_msat=incoming.amount_msat)
    if relay.cltv_expiry_delta < policy.cltv_expiry_delta:
        return refusal(FailureCode.INCORRECT_CLTV_EXPIRY, "the blinded hop's payment_relay "
                       "asks less than our CLTV delta", cltv_expiry=incoming.cltv_expiry)
    if fwd.short_channel_id is not None:
        named = [c for c in channels if fwd.short_channel_id.to_int() in c.scids]
        where = f"channel {fwd.short_channel_id}"
    else:
        named = [c for c in channels if c.peer_id == fwd.next_node_id]
        where = f"node {(fwd.next_node_id or b'').hex()[:16]}"
    if not named:
        return refusal(FailureCode.UNKNOWN_NEXT_PEER, f"the blinded route goes on to {where}, "
                       "which is not ours")
    cltv = fwd.outgoing_cltv_value
    if cltv < tip_height + MIN_OUTGOING_CLTV_BLOCKS:
        return refusal(FailureCode.EXPIRY_TOO_SOON,
                       f"the outgoing HTLC would expire at {cltv}, the tip is {tip_height}")
    if cltv > tip_height + MAX_OUTGOING_CLTV_BLOCKS:
        return refusal(FailureCode.EXPIRY_TOO_FAR, f"the outgoing HTLC would expire at {cltv}, "
                       f"more than {MAX_OUTGOING_CLTV_BLOCKS} blocks after the tip")
    peer = named[0].peer_id
    to_peer = sorted((c for c in channels if c.peer_id == peer), key=lambda c: -c.sendable_msat)
    if to_peer[0].sendable_msat < fwd.amt_to_forward:
        return refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                       f"our channels to {peer.hex()[:16]} cannot carry "
                       f"{fwd.amt_to_forward} msat")
    return ChannelRelay(to_peer[0].key_index, fwd.amt_to_forward, cltv, fwd.next_packet, peer,
                        fwd.next_path_key)


def plan_channel_relay(incoming: IncomingHtlc, policy: RelayPolicy, tip_height: int,
                       channels: Sequence[OutChannel]) -> ChannelRelay | Refusal:
    """BOLT 4/7 checks of an HTLC whose onion goes on through our channel `scid`: the fee
    and CLTV delta we ask, the expiry against the tip; any channel to the same peer will do
    (non-strict forwarding), the one that can send the most first."""
    p = incoming.payload
    assert p.short_channel_id is not None and incoming.next_packet is not None
    amount, cltv = p.amt_to_forward or 0, p.outgoing_cltv_value or 0
    named = [c for c in channels if p.short_channel_id.to_int() in c.scids]
    if not named:
        return refusal(FailureCode.UNKNOWN_NEXT_PEER,
                       f"no channel {p.short_channel_id} to forward on")
    peer = named[0].peer_id
    if incoming.amount_msat - amount < policy.fee_msat(amount):
        return refusal(FailureCode.FEE_INSUFFICIENT,
                       f"fee {incoming.amount_msat - amount} msat, {policy.fee_msat(amount)} "
                       "asked", htlc_msat=incoming.amount_msat)
    if incoming.cltv_expiry - cltv < policy.cltv_expiry_delta:
        return refusal(FailureCode.INCORRECT_CLTV_EXPIRY,
                       f"CLTV delta {incoming.cltv_expiry - cltv}, {policy.cltv_expiry_delta} "
                       "asked", cltv_expiry=incoming.cltv_expiry)
    if cltv < tip_height + MIN_OUTGOING_CLTV_BLOCKS:
        return refusal(FailureCode.EXPIRY_TOO_SOON,
                       f"the outgoing HTLC would expire at {cltv}, the tip is {tip_height}")
    if cltv > tip_height + MAX_OUTGOING_CLTV_BLOCKS:
        return refusal(FailureCode.EXPIRY_TOO_FAR, f"the outgoing HTLC would expire at {cltv}, "
                       f"more than {MAX_OUTGOING_CLTV_BLOCKS} blocks after the tip")
    if amount <= 0:
        return refusal(FailureCode.AMOUNT_BELOW_MINIMUM, "nothing to forward",
                       htlc_msat=incoming.amount_msat)
    to_peer = sorted((c for c in channels if c.peer_id == peer), key=lambda c: -c.sendable_msat)
    if to_peer[0].sendable_msat < amount:
        return refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE,
                       f"our channels to {peer.hex()[:16]} cannot carry {amount} msat")
    return ChannelRelay(to_peer[0].key_index, amount, cltv, incoming.next_packet, peer)


def relayed_failure(incoming: IncomingHtlc, failure: DownstreamFailure) -> Fail | FailMalformed:
    """A plain relay's downstream failure, for the payer: an error packet gets our layer of
    obfuscation; our peer's malformed complaint becomes its failure message, from us; an
    HTLC that never left is a temporary channel failure of ours. Inside a blinded route
    whatever came back becomes invalid_onion_blinding from us (BOLT 4)."""
    if incoming.blinded_forward is not None:
        return incoming.fail(FailureCode.INVALID_ONION_BLINDING,
                             f"downstream in the blinded route: {failure.why}")
    if failure.reason is not None:
        return Fail(obfuscate_error_packet(failure.reason, incoming.shared_secret),
                    failure.why)
    if failure.malformed_code is not None and failure.sha256_of_onion is not None:
        try:
            message = failure_from_malformed(failure.sha256_of_onion, failure.malformed_code)
            return Fail(create_error_packet(incoming.shared_secret, message), failure.why)
        except FailureMessageError:
            pass  # not a BADONION code: answered as a temporary failure below
    r = refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE, failure.why or "not relayed")
    return Fail(create_error_packet(incoming.shared_secret, r.failure), r.why)
