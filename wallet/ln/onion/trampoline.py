"""Trampoline onions: a second, smaller Sphinx onion carried inside the outer payment onion.

The payer names only trampoline nodes (and the recipient); each trampoline node peels its
layer of the inner onion, finds its own route to the next node, and hands on what is left.
Two encodings exist and both sit behind one interface, chosen by `TrampolineDialect`:

* `ELECTRUM_ECLAIR`, as deployed by Electrum and ACINQ (eclair, Phoenix): the inner onion is
  record 66100 of the outer final-hop payload, `outgoing_node_id` is record 66098 of the
  inner payload, and a recipient without trampoline support is paid "legacy": the last
  trampoline gets the invoice features (66097) and routing hints (66099) and pays it with an
  ordinary onion.
* `SPEC_DRAFT`, lightning/bolts PR #836: the inner onion is record 20, `outgoing_node_id` is
  record 14; legacy recipients are only reachable through blinded paths (record 22, read
  into `TrampolineForward.blinded`; the payer's side is `trampoline_blinded.py`).

Failures from beyond a trampoline node come back wrapped twice by it: once with its
trampoline secret, once with its outer-onion secret (`wrap_trampoline_failure`); the payer
reads them with `onion_failures.decrypt_error_packet(..., trampoline_secrets=...)`.
Pure code, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from wallet.ln.onion.failures import FailureMessage, build_error_packet, obfuscate_error_packet
from wallet.ln.onion.sphinx import (
    AMT_TO_FORWARD,
    OUTGOING_CLTV_VALUE,
    PAYMENT_DATA,
    PUBKEY_SIZE,
    TRAMPOLINE_ONION_PAYLOAD_SIZE,
    BadOnionError,
    BuiltOnion,
    HopPayload,
    InvalidOnionPayload,
    OnionError,
    build_onion,
    payloads_size,
    peel_onion,
    record_offset,
)
from wallet.ln.onion.trampoline_blinded import PaidPath, decode_recipient_blinded_paths
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import ShortChannelId, validate_point
from wallet.sentence import Sentence


class TrampolineDialect(Enum):
    """Which TLV types carry the trampoline data."""

    ELECTRUM_ECLAIR = "electrum-eclair"
    SPEC_DRAFT = "spec-draft"

    @property
    def onion_type(self) -> int:
        """Record of the outer final-hop payload holding the trampoline onion."""
        return 66100 if self is TrampolineDialect.ELECTRUM_ECLAIR else 20

    @property
    def outgoing_node_id_type(self) -> int:
        return 66098 if self is TrampolineDialect.ELECTRUM_ECLAIR else 14

    @property
    def inner_types(self) -> frozenset[int]:
        """Records beyond BOLT 4's own that may appear in an inner trampoline payload."""
        if self is TrampolineDialect.ELECTRUM_ECLAIR:
            return frozenset({INVOICE_FEATURES, OUTGOING_NODE_ID_EE, INVOICE_ROUTING_INFO})
        return frozenset({OUTGOING_NODE_ID_SPEC, RECIPIENT_FEATURES, RECIPIENT_BLINDED_PATHS})


# Electrum / eclair records
INVOICE_FEATURES = 66097
OUTGOING_NODE_ID_EE = 66098
INVOICE_ROUTING_INFO = 66099
TRAMPOLINE_ONION_EE = 66100
# spec draft records
OUTGOING_NODE_ID_SPEC = 14
TRAMPOLINE_ONION_SPEC = 20
RECIPIENT_FEATURES = 21
RECIPIENT_BLINDED_PATHS = 22

ROUTE_HINT_HOP_SIZE = 33 + 8 + 4 + 4 + 2


class TrampolineError(OnionError):
    """A trampoline route or trampoline data is malformed or cannot be built."""


@dataclass(frozen=True)
class RouteHintHop:
    """One hop of an invoice routing hint (BOLT 11 `r` field), as a trampoline needs it."""

    node_id: bytes
    short_channel_id: ShortChannelId
    fee_base_msat: int
    fee_proportional_millionths: int
    cltv_expiry_delta: int


def encode_routing_info(hints: Sequence[Sequence[RouteHintHop]]) -> bytes:
    """Routing hints as Electrum and eclair put them in record 66099.

    Each hint is a one-byte hop count followed by its hops; each hop is node id (33),
    short channel id (8), fee base (u32), proportional fee (u32), CLTV delta (u16).
    """
    out = bytearray()
    for hint in hints:
        if not 1 <= len(hint) <= 255:
            raise TrampolineError(Sentence("a routing hint has %1 hops; 1 to 255 allowed", len(hint)))
        out.append(len(hint))
        for hop in hint:
            try:
                out += validate_point(hop.node_id, "routing hint node id")
                out += ShortChannelId(*hop.short_channel_id).to_bytes()
            except (WireError, TypeError) as exc:
                raise TrampolineError(Sentence("bad routing hint hop: %1", exc)) from exc
            for value, width, what in (
                (hop.fee_base_msat, 4, "fee_base_msat"),
                (hop.fee_proportional_millionths, 4, "fee_proportional_millionths"),
                (hop.cltv_expiry_delta, 2, "cltv_expiry_delta"),
            ):
                if not isinstance(value, int) or not 0 <= value < 1 << (8 * width):
                    raise TrampolineError(Sentence("routing hint %1 out of range: %2", what, repr(value)))
                out += value.to_bytes(width, "big")
    return bytes(out)


def decode_routing_info(data: bytes) -> tuple[tuple[RouteHintHop, ...], ...]:
    """Inverse of `encode_routing_info`; raises TrampolineError on any malformed byte."""
    data = bytes(data)
    hints: list[tuple[RouteHintHop, ...]] = []
    pos = 0
    while pos < len(data):
        count = data[pos]
        pos += 1
        if count == 0:
            raise TrampolineError("a routing hint with zero hops")
        if pos + count * ROUTE_HINT_HOP_SIZE > len(data):
            raise TrampolineError("routing hints end in the middle of a hop")
        hops = []
        for _ in range(count):
            chunk = data[pos : pos + ROUTE_HINT_HOP_SIZE]
            pos += ROUTE_HINT_HOP_SIZE
            try:
                node_id = validate_point(chunk[:33], "routing hint node id")
            except WireError as exc:
                raise TrampolineError(str(exc)) from exc
            hops.append(
                RouteHintHop(
                    node_id=node_id,
                    short_channel_id=ShortChannelId.from_int(int.from_bytes(chunk[33:41], "big")),
                    fee_base_msat=int.from_bytes(chunk[41:45], "big"),
                    fee_proportional_millionths=int.from_bytes(chunk[45:49], "big"),
                    cltv_expiry_delta=int.from_bytes(chunk[49:51], "big"),
                )
            )
        hints.append(tuple(hops))
    return tuple(hints)


def encode_invoice_features(features: int) -> bytes:
    """Invoice features for record 66097: Electrum reads a u64, eclair a bit vector.

    Eight big-endian bytes satisfy both; bits above 63 are dropped, as Electrum does
    (the trampoline only needs the low ones: var_onion, payment_secret, basic_mpp).
    """
    if not isinstance(features, int) or features < 0:
        raise TrampolineError(Sentence("invoice features must be a non-negative integer, got %1", repr(features)))
    return (features & 0xFFFF_FFFF_FFFF_FFFF).to_bytes(8, "big")


def decode_invoice_features(data: bytes) -> int:
    """Record 66097 as an integer bit field (any length: eclair writes minimal vectors)."""
    return int.from_bytes(bytes(data), "big")


# --- payer side ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TrampolineHop:
    """A trampoline node on the payer's route, and what it must send to the next node."""

    node_id: bytes
    amt_to_forward: int
    outgoing_cltv_value: int


@dataclass(frozen=True)
class TrampolineRecipient:
    """The payee, as the invoice describes it.

    `amount_msat` and `cltv_expiry` are what the final HTLC must carry. When
    `supports_trampoline` is false the last trampoline pays it "legacy" and needs the invoice
    features and routing hints.
    """

    node_id: bytes
    amount_msat: int
    cltv_expiry: int
    payment_secret: bytes
    total_msat: int | None = None
    payment_metadata: bytes | None = None
    supports_trampoline: bool = True
    invoice_features: int = 0
    route_hints: tuple[tuple[RouteHintHop, ...], ...] = ()

    @property
    def total(self) -> int:
        return self.amount_msat if self.total_msat is None else self.total_msat


def trampoline_payloads(
    trampolines: Sequence[TrampolineHop],
    recipient: TrampolineRecipient,
    dialect: TrampolineDialect,
) -> tuple[list[bytes], list[HopPayload]]:
    """The node ids and inner payloads of a trampoline onion (see `build_trampoline_onion`).

    With no trampolines the onion has only the recipient's layer: the recipient is itself
    the trampoline node we reach (it must then support trampoline).
    """
    legacy = not recipient.supports_trampoline
    if not trampolines:
        if legacy:
            raise TrampolineError("a recipient without trampoline support needs a trampoline node")
        return [_point(recipient.node_id, "recipient node id")], [_recipient_payload(recipient)]
    if legacy and dialect is TrampolineDialect.SPEC_DRAFT:
        raise TrampolineError(
            "the trampoline spec draft reaches recipients without trampoline support only "
            "through blinded paths, which Kite does not build"
        )
    for here, there in zip(trampolines, trampolines[1:], strict=False):
        if here.amt_to_forward < there.amt_to_forward:
            raise TrampolineError("a trampoline would forward less than the next one must send")
        if here.outgoing_cltv_value < there.outgoing_cltv_value:
            raise TrampolineError("a trampoline's outgoing CLTV is below the next one's")
    last = trampolines[-1]
    if last.amt_to_forward < recipient.amount_msat:
        raise TrampolineError("the last trampoline would forward less than the recipient's amount")
    if last.outgoing_cltv_value < recipient.cltv_expiry:
        raise TrampolineError("the last trampoline's outgoing CLTV is below the recipient's")

    next_ids = [t.node_id for t in trampolines[1:]] + [recipient.node_id]
    payloads: list[HopPayload] = []
    for index, (hop, next_id) in enumerate(zip(trampolines, next_ids, strict=True)):
        extra = {dialect.outgoing_node_id_type: _point(next_id, "next trampoline node id")}
        is_last = index == len(trampolines) - 1
        secret = total = metadata = None
        if is_last and legacy:
            extra[INVOICE_FEATURES] = encode_invoice_features(recipient.invoice_features)
            if recipient.route_hints:
                extra[INVOICE_ROUTING_INFO] = encode_routing_info(recipient.route_hints)
            secret, total = recipient.payment_secret, recipient.total
            metadata = recipient.payment_metadata
        payloads.append(
            HopPayload(
                amt_to_forward=hop.amt_to_forward,
                outgoing_cltv_value=hop.outgoing_cltv_value,
                payment_secret=secret,
                total_msat=total,
                payment_metadata=metadata,
                extra=extra,
            )
        )
    # The recipient's layer: read by a trampoline recipient; for a legacy one, Electrum and
    # eclair still add it so the onion's size does not reveal the route's end.
    payloads.append(_recipient_payload(recipient))
    node_ids = [_point(t.node_id, "trampoline node id") for t in trampolines]
    node_ids.append(_point(recipient.node_id, "recipient node id"))
    return node_ids, payloads


def _recipient_payload(recipient: TrampolineRecipient) -> HopPayload:
    return HopPayload.final(
        recipient.amount_msat,
        recipient.cltv_expiry,
        payment_secret=recipient.payment_secret,
        total_msat=recipient.total,
        payment_metadata=recipient.payment_metadata,
    )


def build_trampoline_onion(
    trampolines: Sequence[TrampolineHop],
    recipient: TrampolineRecipient,
    *,
    session_key: bytes,
    payment_hash: bytes,
    dialect: TrampolineDialect = TrampolineDialect.ELECTRUM_ECLAIR,
    payload_size: int | None = TRAMPOLINE_ONION_PAYLOAD_SIZE,
) -> BuiltOnion:
    """The inner onion for a payment through `trampolines` to `recipient`.

    `payload_size` is the inner onion's `hop_payloads` size: 400 bytes hides the route length
    best; None makes it exactly as big as the payloads (what Electrum and the draft's test
    vectors do). Keep the returned `shared_secrets`: they decrypt failures from beyond the
    first trampoline. `session_key` must differ from the outer onion's.
    """
    node_ids, payloads = trampoline_payloads(trampolines, recipient, dialect)
    encoded = [p.encode() for p in payloads]
    size = payloads_size(encoded) if payload_size is None else payload_size
    return build_onion(node_ids, encoded, session_key, payment_hash, size)


def hints_that_fit(
    trampolines: Sequence[TrampolineHop],
    recipient: TrampolineRecipient,
    *,
    dialect: TrampolineDialect = TrampolineDialect.ELECTRUM_ECLAIR,
    payload_size: int = TRAMPOLINE_ONION_PAYLOAD_SIZE,
) -> tuple[tuple[RouteHintHop, ...], ...]:
    """The recipient's routing hints, in order, keeping each one that still fits the onion.

    A legacy payment carries the invoice's hints to the last trampoline; a long invoice may
    have more than 400 bytes of them. Shuffle the hints between attempts to try others.
    """
    kept: list[tuple[RouteHintHop, ...]] = []
    for hint in recipient.route_hints:
        trial = replace(recipient, route_hints=(*kept, hint))
        _, payloads = trampoline_payloads(trampolines, trial, dialect)
        if payloads_size([p.encode() for p in payloads]) <= payload_size:
            kept.append(hint)
    return tuple(kept)


def trampoline_outer_payload(
    trampoline_packet: bytes,
    *,
    amt_to_forward: int,
    outgoing_cltv_value: int,
    payment_secret: bytes,
    total_msat: int | None = None,
    dialect: TrampolineDialect = TrampolineDialect.ELECTRUM_ECLAIR,
) -> HopPayload:
    """The outer onion's final-hop payload for a trampoline node, carrying the inner onion.

    `payment_secret` is the outer one: random per payment when it is split (MPP), never the
    invoice's.
    """
    return HopPayload.final(
        amt_to_forward,
        outgoing_cltv_value,
        payment_secret=payment_secret,
        total_msat=total_msat,
        extra={dialect.onion_type: bytes(trampoline_packet)},
    )


def _point(node_id: bytes, what: str) -> bytes:
    try:
        return validate_point(node_id, what)
    except WireError as exc:
        raise TrampolineError(str(exc)) from exc


# --- trampoline node side ------------------------------------------------------------------


@dataclass(frozen=True)
class LegacyRecipient:
    """What a trampoline needs to pay a recipient without trampoline support itself."""

    invoice_features: int
    route_hints: tuple[tuple[RouteHintHop, ...], ...]
    payment_secret: bytes
    total_msat: int
    payment_metadata: bytes | None


@dataclass(frozen=True)
class TrampolineForward:
    """Peeled as an intermediate trampoline: pay `amt_to_forward` to `next_node_id`.

    `next_packet` is the inner onion to give the next trampoline node (None when paying a
    legacy recipient, described by `legacy`). `shared_secret` wraps failures we send back.
    """

    next_node_id: bytes
    amt_to_forward: int
    outgoing_cltv_value: int
    next_packet: bytes | None
    legacy: LegacyRecipient | None
    payload: HopPayload
    shared_secret: bytes
    dialect: TrampolineDialect
    #: the recipient's blinded paths with their payinfo (spec draft, record 22): pay one of
    #: them; `next_node_id` is then the first path's introduction node
    blinded: tuple[PaidPath, ...] = ()


@dataclass(frozen=True)
class TrampolineReceive:
    """Peeled as the recipient: the inner payload's amount, expiry and payment secret."""

    amt_to_forward: int
    outgoing_cltv_value: int
    payment_secret: bytes | None
    total_msat: int
    payment_metadata: bytes | None
    payload: HopPayload
    shared_secret: bytes
    dialect: TrampolineDialect


def trampoline_dialect_of(outer: HopPayload) -> TrampolineDialect | None:
    """Which dialect's trampoline onion the outer payload carries (None: not trampoline)."""
    found = [d for d in TrampolineDialect if d.onion_type in outer.extra]
    if len(found) > 1:
        raise InvalidOnionPayload(
            "payload carries trampoline onions of both dialects", TRAMPOLINE_ONION_SPEC
        )
    return found[0] if found else None


def outer_known_types(dialects: Sequence[TrampolineDialect] = tuple(TrampolineDialect)) -> set[int]:
    """Extra record types a trampoline node accepts in an outer payload (for HopPayload.decode)."""
    return {d.onion_type for d in dialects}


def peel_trampoline(
    outer: HopPayload, node_privkey: bytes, payment_hash: bytes
) -> TrampolineForward | TrampolineReceive:
    """As a trampoline node (or trampoline recipient), peel the inner onion of `outer`.

    `outer` is our final-hop payload of the outer onion, already decoded. Raises
    InvalidOnionPayload (record type and offset set) for anything malformed, including an
    inner onion whose HMAC fails: the outer packet was fine, so this is not a BADONION case.
    """
    dialect = trampoline_dialect_of(outer)
    if dialect is None:
        raise TrampolineError("this payload carries no trampoline onion")
    onion_type = dialect.onion_type
    raw_outer = outer.encode()
    try:
        peeled = peel_onion(outer.extra[onion_type], node_privkey, payment_hash)
    except (BadOnionError, InvalidOnionPayload) as exc:
        raise InvalidOnionPayload(
            Sentence("trampoline onion: %1", exc), onion_type, record_offset(raw_outer, onion_type)
        ) from exc
    inner = HopPayload.decode(peeled.payload, extra_known_types=dialect.inner_types)
    if inner.encrypted_recipient_data is not None or inner.current_path_key is not None:
        raise InvalidOnionPayload("blinded trampoline payments are not supported", 10)
    if inner.amt_to_forward is None:
        raise InvalidOnionPayload("trampoline payload lacks amt_to_forward", AMT_TO_FORWARD)
    if inner.outgoing_cltv_value is None:
        raise InvalidOnionPayload("trampoline payload lacks outgoing_cltv_value", OUTGOING_CLTV_VALUE)
    if inner.short_channel_id is not None:
        raise InvalidOnionPayload("trampoline payload must not name a channel", 6)

    next_type = dialect.outgoing_node_id_type
    if RECIPIENT_BLINDED_PATHS in inner.extra:
        return _to_blinded(inner, peeled.next_packet, peeled.shared_secret, dialect)
    if next_type in inner.extra:
        return _forward(inner, peeled.next_packet, peeled.shared_secret, dialect)
    if peeled.next_packet is not None:
        raise InvalidOnionPayload("trampoline payload lacks outgoing_node_id", next_type)
    _check_receive(outer, inner)
    return TrampolineReceive(
        amt_to_forward=inner.amt_to_forward,
        outgoing_cltv_value=inner.outgoing_cltv_value,
        payment_secret=inner.payment_secret,
        total_msat=inner.effective_total_msat or 0,
        payment_metadata=inner.payment_metadata,
        payload=inner,
        shared_secret=peeled.shared_secret,
        dialect=dialect,
    )


def _forward(
    inner: HopPayload, next_packet: bytes | None, secret: bytes, dialect: TrampolineDialect
) -> TrampolineForward:
    next_type = dialect.outgoing_node_id_type
    raw = inner.encode()
    node_id = inner.extra[next_type]
    if len(node_id) != PUBKEY_SIZE:
        raise InvalidOnionPayload("outgoing_node_id must be 33 bytes", next_type, record_offset(raw, next_type))
    try:
        validate_point(node_id, "outgoing_node_id")
    except WireError as exc:
        raise InvalidOnionPayload(str(exc), next_type, record_offset(raw, next_type)) from exc

    legacy = None
    if INVOICE_FEATURES in inner.extra or INVOICE_ROUTING_INFO in inner.extra:
        if inner.payment_secret is None or inner.total_msat is None:
            raise InvalidOnionPayload("legacy trampoline relay needs payment_data", PAYMENT_DATA)
        try:
            hints = decode_routing_info(inner.extra.get(INVOICE_ROUTING_INFO, b""))
        except TrampolineError as exc:
            raise InvalidOnionPayload(
                Sentence("invoice_routing_info: %1", exc),
                INVOICE_ROUTING_INFO,
                record_offset(raw, INVOICE_ROUTING_INFO),
            ) from exc
        legacy = LegacyRecipient(
            invoice_features=decode_invoice_features(inner.extra.get(INVOICE_FEATURES, b"")),
            route_hints=hints,
            payment_secret=inner.payment_secret,
            total_msat=inner.total_msat,
            payment_metadata=inner.payment_metadata,
        )
        next_packet = None  # the recipient cannot read a trampoline onion
    elif next_packet is None:
        raise InvalidOnionPayload(
            "trampoline onion ends here but names a next trampoline node", next_type
        )
    return TrampolineForward(
        next_node_id=node_id,
        amt_to_forward=inner.amt_to_forward or 0,
        outgoing_cltv_value=inner.outgoing_cltv_value or 0,
        next_packet=next_packet,
        legacy=legacy,
        payload=inner,
        shared_secret=secret,
        dialect=dialect,
    )


def _to_blinded(inner: HopPayload, next_packet: bytes | None, secret: bytes,
                dialect: TrampolineDialect) -> TrampolineForward:
    """The last trampoline before a recipient reached by blinded paths."""
    if next_packet is not None or dialect.outgoing_node_id_type in inner.extra:
        raise InvalidOnionPayload("blinded paths and a next node in one trampoline payload",
                                  RECIPIENT_BLINDED_PATHS)
    paths = decode_recipient_blinded_paths(inner.extra[RECIPIENT_BLINDED_PATHS])
    intros = [path.first_node_id for path, _ in paths if isinstance(path.first_node_id, bytes)]
    if not intros:
        raise InvalidOnionPayload("no blinded path starts at a node", RECIPIENT_BLINDED_PATHS)
    return TrampolineForward(
        next_node_id=intros[0],
        amt_to_forward=inner.amt_to_forward or 0,
        outgoing_cltv_value=inner.outgoing_cltv_value or 0,
        next_packet=None,
        legacy=None,
        payload=inner,
        shared_secret=secret,
        dialect=dialect,
        blinded=paths,
    )


def _check_receive(outer: HopPayload, inner: HopPayload) -> None:
    """The recipient's checks of the outer payload against the trampoline payload."""
    if outer.outgoing_cltv_value is None or outer.amt_to_forward is None:
        raise InvalidOnionPayload("outer payload lacks amount or expiry", AMT_TO_FORWARD)
    if outer.outgoing_cltv_value < (inner.outgoing_cltv_value or 0):
        raise InvalidOnionPayload(
            "outer outgoing_cltv_value is below the trampoline payload's", OUTGOING_CLTV_VALUE
        )
    outer_total = outer.effective_total_msat or 0
    if outer_total < (inner.amt_to_forward or 0):
        raise InvalidOnionPayload("outer amount is below the trampoline payload's", AMT_TO_FORWARD)


# --- failures ------------------------------------------------------------------------------


def create_trampoline_error_packet(
    failure: FailureMessage | bytes,
    *,
    trampoline_secret: bytes,
    outer_secret: bytes,
    pad_to: int = 256,
) -> bytes:
    """A trampoline recipient's failure, readable only by the payer (spec draft).

    Authenticated and first encrypted with the trampoline onion's secret, then encrypted
    with the outer onion's secret like any failure.
    """
    packet = build_error_packet(trampoline_secret, failure, pad_to)
    return wrap_trampoline_failure(packet, trampoline_secret=trampoline_secret, outer_secret=outer_secret)


def wrap_trampoline_failure(
    packet: bytes, *, trampoline_secret: bytes, outer_secret: bytes
) -> bytes:
    """An intermediate trampoline relaying a downstream failure it could not read itself.

    `packet` is the failure with the trampoline's own downstream layers already removed
    (`onion_failures.unwrap_error_packet`).
    """
    return obfuscate_error_packet(obfuscate_error_packet(packet, trampoline_secret), outer_secret)

