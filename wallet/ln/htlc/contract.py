"""The HTLC contract between the channel shell and what decides about HTLCs (payments, the
trampoline forwarder): what an incoming HTLC looks like once its outer onion is peeled, the
answers one can give it, and the outcome of an HTLC we sent. Pure: no I/O.

`peel_incoming` peels the outer onion of a committed incoming HTLC with the node key and
sorts it into one of three kinds:

* a `Resolution` to send back at once (the onion is unreadable or its payload malformed);
* an `IncomingHtlc` with `is_final` true: the payment is for us, either plainly or with a
  trampoline onion (TLV 66100 or 20) whose last layer is ours (`trampoline` is then a
  `TrampolineReceive`), as Electrum and eclair payers send it to a trampoline recipient;
* an `IncomingHtlc` to forward: the outer onion has a next hop (`next_packet` and
  `payload.short_channel_id`), or its trampoline onion names a next node (`trampoline` is a
  `TrampolineForward`).

A payload naming a blinded hop (`encrypted_recipient_data`) with an onion that goes on makes
us a relay inside a blinded route: the introduction node (the path key is in the payload) or
a later hop (the path key came in `update_add_htlc`, the onion is peeled with our blinded
key). The decrypted hop (`IncomingHtlc.blinded_forward`) says where to go and what we
forward (`payment_relay`, `payment_constraints` checked here). Every refusal of an HTLC in a
blinded route is `invalid_onion_blinding` (BOLT 4): the introduction node's an
`update_fail_htlc`, a later hop's an `update_fail_malformed_htlc` (it says nothing more).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    peel_blinded_payment,
    read_blinded_final,
)
from wallet.ln.onion.failures import (
    UPDATE,
    DecryptedFailure,
    FailureCode,
    FailureMessage,
    create_error_packet,
)
from wallet.ln.onion.route_blinding import InvalidOnionBlinding
from wallet.ln.onion.sphinx import (
    BadOnionError,
    HopPayload,
    InvalidOnionHmac,
    InvalidOnionKey,
    InvalidOnionPayload,
    InvalidOnionVersion,
    OnionError,
    peel_onion,
    sha256_of_onion,
)
from wallet.ln.onion.trampoline import (
    TrampolineError,
    TrampolineForward,
    TrampolineReceive,
    outer_known_types,
    peel_trampoline,
    trampoline_dialect_of,
)

#: The furthest an HTLC we offer may expire, in blocks from the tip: 2016 (about two weeks,
#: the cap lnd and Core Lightning apply). Beyond it a malicious invoice, route hint or
#: trampoline could lock our funds for months; payments (`payment_plan`) and relays
#: (`relay_plan`) both refuse it.
MAX_OUTGOING_CLTV_BLOCKS = 2016

# -- answers to an incoming HTLC ------------------------------------------------------------


@dataclass(frozen=True)
class Fulfill:
    """Settle the incoming HTLC: the preimage must already be durable on our side."""

    preimage: bytes = field(repr=False)


@dataclass(frozen=True)
class Fail:
    """Fail it with `reason`: an error packet already encrypted for the payer."""

    reason: bytes = field(repr=False)
    why: str = ""


@dataclass(frozen=True)
class FailMalformed:
    """Fail it as unreadable (`update_fail_malformed_htlc`, a BADONION code)."""

    sha256_of_onion: bytes
    failure_code: int
    why: str = ""


Resolution = Fulfill | Fail | FailMalformed


# -- an incoming HTLC -----------------------------------------------------------------------


@dataclass(frozen=True)
class IncomingHtlc:
    """A committed incoming HTLC whose outer onion we peeled.

    `key_index`/`htlc_id` name it (answers go to `ChannelManager.resolve_incoming`).
    `shared_secret` is the outer onion's: failures are encrypted with it (see `fail`).
    `next_packet` is the outer onion for the next hop (None when the outer onion ends here).
    `trampoline` is the peeled inner onion when the payload carries one.
    """

    key_index: int
    htlc_id: int
    amount_msat: int
    payment_hash: bytes
    cltv_expiry: int
    onion: bytes = field(repr=False)
    shared_secret: bytes = field(repr=False)
    payload: HopPayload = field(repr=False)
    next_packet: bytes | None = field(default=None, repr=False)
    trampoline: TrampolineForward | TrampolineReceive | None = field(default=None, repr=False)
    #: it reached us over a blinded path to us (a BOLT 12 invoice of ours); `payload` then
    #: carries the path's `path_id` as its payment secret
    blinded: bool = False
    #: bLIP-25 `extra_fee` of the update_add_htlc: what an LSP says it deducted
    extra_fee_msat: int | None = None
    #: it came inside a blinded route (a path key in update_add_htlc): refusals are malformed
    inside_blinded_route: bool = False
    #: we relay it inside a blinded route (as its introduction node unless
    #: `inside_blinded_route`): where to, how much, and the next path key
    blinded_forward: BlindedForward | None = field(default=None, repr=False)

    @property
    def is_final(self) -> bool:
        """The payment ends with us (plain final hop, or trampoline onion addressed to us)."""
        if self.next_packet is not None:
            return False
        return not isinstance(self.trampoline, TrampolineForward)

    def fail(self, code: int, why: str = "", **fields: int | bytes) -> Fail | FailMalformed:
        """A failure from us (the erring node), readable by the payer; inside a blinded route
        only `invalid_onion_blinding`, as update_fail_malformed_htlc, whatever the reason. A
        code that carries a channel_update gets an empty one unless given (our channels are
        not announced): without it the failure could not be built at all."""
        if code & UPDATE:
            fields.setdefault("channel_update", b"")
        if self.inside_blinded_route:
            return _blinding_malformed(self.onion, why or FailureCode(code).name.lower())
        if self.blinded_forward is not None:  # the introduction node: this code only
            return _blinding_fail(self.shared_secret, self.onion,
                                  why or FailureCode(code).name.lower())
        packet = create_error_packet(self.shared_secret, FailureMessage.make(int(code), **fields))
        return Fail(packet, why or FailureCode(code).name.lower())


def _malformed(onion: bytes, exc: OnionError) -> FailMalformed:
    code = (FailureCode.INVALID_ONION_KEY if isinstance(exc, InvalidOnionKey) else
            FailureCode.INVALID_ONION_VERSION if isinstance(exc, InvalidOnionVersion) else
            FailureCode.INVALID_ONION_HMAC)
    return FailMalformed(sha256_of_onion(onion), int(code), str(exc))


def _blinding_malformed(onion: bytes, why: str) -> FailMalformed:
    return FailMalformed(sha256_of_onion(onion), int(FailureCode.INVALID_ONION_BLINDING),
                         f"invalid onion blinding: {why}")


def _blinding_fail(shared_secret: bytes, onion: bytes, why: str) -> Fail:
    """The introduction node's refusal: update_fail_htlc with invalid_onion_blinding."""
    packet = create_error_packet(shared_secret, FailureMessage.make(
        int(FailureCode.INVALID_ONION_BLINDING), sha256_of_onion=sha256_of_onion(onion)))
    return Fail(packet, f"invalid onion blinding: {why}")


def peel_incoming(*, key_index: int, htlc_id: int, amount_msat: int, payment_hash: bytes,
                  cltv_expiry: int, onion: bytes, node_private_key: bytes,
                  path_key: bytes | None = None) -> IncomingHtlc | Resolution:
    """Peel the outer onion (and a trampoline onion in our final payload) of an HTLC;
    `path_key`: the update_add_htlc's, when it came inside a blinded route."""
    if path_key is not None:
        return _inside_blinded_route(key_index, htlc_id, amount_msat, payment_hash,
                                     cltv_expiry, onion, node_private_key, path_key)
    try:
        peeled = peel_onion(onion, node_private_key, payment_hash)
    except (BadOnionError, InvalidOnionHmac) as exc:
        return _malformed(onion, exc)
    except OnionError as exc:  # cannot even frame our payload: no secret to answer with
        return _malformed(onion, exc)

    def bad_payload(exc: OnionError) -> Fail:
        tlv_type = exc.tlv_type if isinstance(exc, InvalidOnionPayload) else 0
        offset = exc.offset if isinstance(exc, InvalidOnionPayload) else 0
        packet = create_error_packet(peeled.shared_secret, FailureMessage.make(
            int(FailureCode.INVALID_ONION_PAYLOAD), type=tlv_type, offset=offset))
        return Fail(packet, f"invalid onion payload: {exc}")

    try:
        payload = HopPayload.decode(peeled.payload, extra_known_types=outer_known_types())
        if peeled.next_packet is not None and (payload.encrypted_recipient_data is not None
                                               or payload.current_path_key is not None):
            return _blinded_introduction(key_index, htlc_id, amount_msat, payment_hash,
                                         cltv_expiry, onion, peeled.shared_secret,
                                         node_private_key)
        if peeled.next_packet is not None:
            payload.validate_intermediate()
            return IncomingHtlc(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry,
                                onion, peeled.shared_secret, payload, peeled.next_packet)
        if payload.encrypted_recipient_data is not None or payload.current_path_key is not None:
            return _blinded_final(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry,
                                  onion, peeled.shared_secret, payload, node_private_key)
        payload.validate_final()
        trampoline = None
        if trampoline_dialect_of(payload) is not None:
            trampoline = peel_trampoline(payload, node_private_key, payment_hash)
    except (OnionError, TrampolineError) as exc:
        return bad_payload(exc)
    return IncomingHtlc(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry, onion,
                        peeled.shared_secret, payload, None, trampoline)


def _blinded_final(key_index: int, htlc_id: int, amount_msat: int, payment_hash: bytes,
                   cltv_expiry: int, onion: bytes, shared_secret: bytes, payload: HopPayload,
                   node_private_key: bytes) -> IncomingHtlc | Resolution:
    """A final payload that ends a blinded path to us: its `path_id` (ours: 32 bytes) stands
    for the payment secret. Any fault is invalid_onion_blinding, nothing more (BOLT 4)."""
    try:
        got = read_blinded_final(payload, node_private_key, shared_secret,
                                 amount_msat=amount_msat, cltv_expiry=cltv_expiry)
        if got.path_id is None or len(got.path_id) != 32:
            raise InvalidOnionBlinding("the blinded path is not one of ours")
    except InvalidOnionBlinding as exc:
        return _blinding_fail(shared_secret, onion, str(exc))
    final = HopPayload.final(got.amt_to_forward, got.outgoing_cltv_value,
                             payment_secret=got.path_id, total_msat=got.total_amount_msat)
    return IncomingHtlc(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry, onion,
                        shared_secret, final, None, None, blinded=True)


def _blinded_introduction(key_index: int, htlc_id: int, amount_msat: int, payment_hash: bytes,
                          cltv_expiry: int, onion: bytes, shared_secret: bytes,
                          node_private_key: bytes) -> IncomingHtlc | Resolution:
    """We are the introduction node of a blinded route that goes on: our payload carries the
    path key and our encrypted data; any fault is update_fail_htlc invalid_onion_blinding."""
    try:
        got = peel_blinded_payment(onion, node_private_key, payment_hash,
                                   amount_msat=amount_msat, cltv_expiry=cltv_expiry,
                                   path_key=None)
    except InvalidOnionBlinding as exc:
        return _blinding_fail(shared_secret, onion, str(exc))
    if not isinstance(got, BlindedForward):  # the onion went on: cannot end here
        return _blinding_fail(shared_secret, onion, "a blinded final hop with an onion after it")
    return IncomingHtlc(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry, onion,
                        shared_secret, HopPayload(), got.next_packet, blinded_forward=got)


def _inside_blinded_route(key_index: int, htlc_id: int, amount_msat: int, payment_hash: bytes,
                          cltv_expiry: int, onion: bytes, node_private_key: bytes,
                          path_key: bytes) -> IncomingHtlc | Resolution:
    """An HTLC that came with a path key: a hop to relay further inside the route, or the end
    of a multi-hop blinded path of ours, whose `path_id` (32 bytes) stands for the payment
    secret."""
    try:
        got = peel_blinded_payment(onion, node_private_key, payment_hash,
                                   amount_msat=amount_msat, cltv_expiry=cltv_expiry,
                                   path_key=path_key)
    except InvalidOnionBlinding as exc:
        return _blinding_malformed(onion, str(exc))
    if isinstance(got, BlindedForward):
        return IncomingHtlc(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry, onion,
                            got.shared_secret, HopPayload(), got.next_packet,
                            inside_blinded_route=True, blinded_forward=got)
    if got.path_id is None or len(got.path_id) != 32:
        return _blinding_malformed(onion, "the blinded path is not one of ours")
    final = HopPayload.final(got.amt_to_forward, got.outgoing_cltv_value,
                             payment_secret=got.path_id, total_msat=got.total_amount_msat)
    return IncomingHtlc(key_index, htlc_id, amount_msat, payment_hash, cltv_expiry, onion,
                        got.shared_secret, final, None, None, blinded=True,
                        inside_blinded_route=True)


# -- the forwarder's contract ---------------------------------------------------------------


class Forwarder(Protocol):
    """What the trampoline/relay role (wallet/ln/htlc/relay_plan.py) provides to the channel shell.

    `on_htlc` is called (in its own task, never under a channel lock) for every incoming
    HTLC that is not for us; it returns the answer when it has one (after its outgoing
    HTLCs settled or failed, which it sends with `ChannelManager.send_htlc`). It may hold
    an HTLC as long as it needs (MPP aggregation). A returned answer, or one given any time
    with `ChannelManager.resolve_incoming`, is applied once; if the channel is offline then,
    it is applied at the reconnection.

    `claims` tells the shell, after a reconnection or a restart, that an incoming HTLC left
    unanswered is still the forwarder's business (its outgoing side may still settle):
    the shell then neither fails nor fulfills it on its own.
    """

    async def on_htlc(self, incoming: IncomingHtlc) -> Resolution | None: ...

    def claims(self, key_index: int, htlc_id: int, payment_hash: bytes) -> bool: ...


# -- the outcome of an outgoing HTLC --------------------------------------------------------


@dataclass(frozen=True)
class OutgoingSettled:
    """Our outgoing HTLC was fulfilled."""

    key_index: int
    htlc_id: int
    payment_hash: bytes
    amount_msat: int
    preimage: bytes = field(repr=False)


@dataclass(frozen=True)
class OutgoingFailed:
    """Our outgoing HTLC failed (or was never committed).

    `reason` is the still-encrypted error packet (a forwarder wraps it for its payer);
    `decrypted` is it read with the secrets given at send time (who failed, and why);
    `failure_code`/`sha256_of_onion` are set for a malformed failure from our peer;
    `why` is a short description for logs and users.
    """

    key_index: int
    htlc_id: int
    payment_hash: bytes
    amount_msat: int
    why: str
    reason: bytes | None = field(default=None, repr=False)
    failure_code: int | None = None
    sha256_of_onion: bytes | None = None
    decrypted: DecryptedFailure | None = None

    @property
    def code(self) -> int | None:
        """The failure code: the decrypted one, or the malformed one."""
        if self.decrypted is not None:
            return self.decrypted.code
        return self.failure_code


OutgoingOutcome = OutgoingSettled | OutgoingFailed
