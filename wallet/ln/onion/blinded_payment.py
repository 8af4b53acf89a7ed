"""Payments through a blinded path (BOLT 4): the payer's onion hops, and one hop's peel.

The payer reaches the introduction node in clear and gives it `current_path_key` with its
`encrypted_recipient_data`; every later hop is addressed by its blinded id and gets only its
encrypted data (the last one also the amount, expiry and total). A hop inside the route
learns its path key from `update_add_htlc` (`path_key`), derives its blinded private key to
peel the onion, and decrypts its data to learn where to send and what to charge.

Any fault in a blinded route is `InvalidOnionBlinding`. Pure code.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.ln.onion.blinded_path import BlindedPath, BlindedPayInfo
from wallet.ln.onion.route_blinding import (
    InvalidOnionBlinding,
    RecipientData,
    blinded_private_key,
    path_shared_secret,
    unblind_hop,
)
from wallet.ln.onion.sphinx import (
    AMT_TO_FORWARD,
    CURRENT_PATH_KEY,
    ENCRYPTED_RECIPIENT_DATA,
    OUTGOING_CLTV_VALUE,
    TOTAL_AMOUNT_MSAT,
    HopPayload,
    OnionBuildError,
    OnionError,
    peel_onion,
)
from wallet.ln.wire.primitives import ShortChannelId

_FORWARD_TYPES = frozenset({ENCRYPTED_RECIPIENT_DATA, CURRENT_PATH_KEY})
_FINAL_TYPES = _FORWARD_TYPES | {AMT_TO_FORWARD, OUTGOING_CLTV_VALUE, TOTAL_AMOUNT_MSAT}


def blinded_payment_hops(
    path: BlindedPath, amount_msat: int, cltv_expiry: int, total_msat: int | None = None
) -> tuple[list[bytes], list[HopPayload]]:
    """(node ids, payloads) of the onion layers that cross `path`, delivering `amount_msat`
    at `cltv_expiry` to its end. The HTLC to the introduction node carries the path's fees
    and CLTV delta on top (`BlindedPayInfo`)."""
    intro = path.first_node_id
    if not isinstance(intro, bytes):
        raise OnionBuildError("the blinded path starts at a channel, not a node: resolve it first")
    node_ids = [intro] + [hop.blinded_node_id for hop in path.hops[1:]]
    payloads = []
    last = len(path.hops) - 1
    for index, hop in enumerate(path.hops):
        payload = HopPayload(
            encrypted_recipient_data=hop.encrypted_recipient_data,
            current_path_key=path.first_path_key if index == 0 else None,
        )
        if index == last:
            payload = HopPayload(
                amt_to_forward=amount_msat,
                outgoing_cltv_value=cltv_expiry,
                total_amount_msat=amount_msat if total_msat is None else total_msat,
                encrypted_recipient_data=hop.encrypted_recipient_data,
                current_path_key=payload.current_path_key,
            )
        payloads.append(payload)
    return node_ids, payloads


def blinded_hops_past_introduction(hops: tuple, amount_msat: int, cltv_expiry: int,
                                   total_msat: int) -> tuple[list[bytes], list[HopPayload]]:
    """(blinded node ids, payloads) of the layers after the introduction node, as the
    introduction node builds them when it is also the sender (a trampoline paying a path
    that starts at itself): the next hop gets its path key in update_add_htlc, so every
    layer is for a blinded id and none carries `current_path_key`."""
    if not hops:
        raise OnionBuildError("no blinded hop after the introduction node")
    node_ids = [hop.blinded_node_id for hop in hops]
    payloads = [HopPayload(encrypted_recipient_data=hop.encrypted_recipient_data)
                for hop in hops[:-1]]
    payloads.append(HopPayload(amt_to_forward=amount_msat, outgoing_cltv_value=cltv_expiry,
                               total_amount_msat=total_msat,
                               encrypted_recipient_data=hops[-1].encrypted_recipient_data))
    return node_ids, payloads


def amount_at_introduction(payinfo: BlindedPayInfo, amount_msat: int, cltv_expiry: int
                           ) -> tuple[int, int]:
    """(amount, expiry) the introduction node must receive for the recipient to get
    `amount_msat` at `cltv_expiry`."""
    if amount_msat < payinfo.htlc_minimum_msat or amount_msat > payinfo.htlc_maximum_msat:
        raise OnionBuildError("the amount is outside what the blinded path carries")
    return amount_msat + payinfo.fee_msat(amount_msat), cltv_expiry + payinfo.cltv_expiry_delta


@dataclass(frozen=True)
class BlindedForward:
    """Peeled inside a blinded route: send `amt_to_forward` on, with `next_path_key` in the
    `update_add_htlc`."""

    short_channel_id: ShortChannelId | None
    next_node_id: bytes | None
    amt_to_forward: int
    outgoing_cltv_value: int
    next_packet: bytes
    next_path_key: bytes
    shared_secret: bytes
    data: RecipientData


@dataclass(frozen=True)
class BlindedReceive:
    """Peeled at the end of a blinded route: ours if `path_id` is one we made."""

    path_id: bytes | None
    amt_to_forward: int
    outgoing_cltv_value: int
    total_amount_msat: int
    shared_secret: bytes
    data: RecipientData


def peel_blinded_payment(
    packet: bytes,
    node_privkey: bytes,
    payment_hash: bytes,
    *,
    amount_msat: int,
    cltv_expiry: int,
    path_key: bytes | None,
) -> BlindedForward | BlindedReceive:
    """Our layer of a payment onion that travels a blinded route: `path_key` is the one the
    `update_add_htlc` carried (None at the introduction node, which finds it in its
    payload). Raises InvalidOnionBlinding for every fault past the onion's own HMAC."""
    if path_key is None:
        peeled = peel_onion(packet, node_privkey, payment_hash)
    else:  # inside the route: every fault, the onion's own included, is invalid_onion_blinding
        key = blinded_private_key(node_privkey, path_shared_secret(node_privkey, path_key))
        try:
            peeled = peel_onion(packet, key, payment_hash)
        except OnionError as exc:
            raise InvalidOnionBlinding(f"blinded hop onion: {exc}") from None
    try:
        payload = HopPayload.decode(peeled.payload)
    except OnionError as exc:
        raise InvalidOnionBlinding(f"blinded hop payload: {exc}") from None
    if payload.current_path_key is not None:
        if path_key is not None:
            raise InvalidOnionBlinding("a path key came both with the HTLC and in the onion")
        path_key = payload.current_path_key
    if path_key is None or payload.encrypted_recipient_data is None:
        raise InvalidOnionBlinding("this is not a blinded hop (no path key or no hop data)")
    hop = unblind_hop(node_privkey, path_key, payload.encrypted_recipient_data)
    data = hop.data
    present = set(payload.to_records())
    constraints = data.payment_constraints
    if constraints is not None and (cltv_expiry > constraints.max_cltv_expiry
                                    or amount_msat < constraints.htlc_minimum_msat):
        raise InvalidOnionBlinding("the HTLC breaks the blinded route's constraints")

    if peeled.next_packet is not None:
        if present - _FORWARD_TYPES:
            raise InvalidOnionBlinding("a blinded forwarding hop got more than its data")
        relay = data.payment_relay
        if relay is None or (data.short_channel_id is None and data.next_node_id is None):
            raise InvalidOnionBlinding("blinded hop data lacks payment_relay or a next hop")
        outgoing_cltv = cltv_expiry - relay.cltv_expiry_delta
        forward = relay.amount_to_forward(amount_msat)
        if forward <= 0 or outgoing_cltv <= 0:
            raise InvalidOnionBlinding("the HTLC does not cover the blinded hop's fee or delta")
        return BlindedForward(data.short_channel_id, data.next_node_id, forward, outgoing_cltv,
                              peeled.next_packet, hop.next_path_key, peeled.shared_secret, data)

    return _final(payload, data, amount_msat, cltv_expiry, peeled.shared_secret)


def _final(payload: HopPayload, data: RecipientData, amount_msat: int, cltv_expiry: int,
           shared_secret: bytes) -> BlindedReceive:
    """BOLT 4's checks of the last hop of a blinded route."""
    if set(payload.to_records()) - _FINAL_TYPES or payload.extra:
        raise InvalidOnionBlinding("the blinded final hop got fields it must not")
    if (payload.amt_to_forward is None or payload.outgoing_cltv_value is None
            or payload.total_amount_msat is None):
        raise InvalidOnionBlinding("the blinded final hop lacks amount, expiry or total")
    if data.next_node_id is not None or data.short_channel_id is not None:
        raise InvalidOnionBlinding("the onion ends where the blinded route goes on")
    if amount_msat < payload.amt_to_forward or cltv_expiry < payload.outgoing_cltv_value:
        raise InvalidOnionBlinding("the HTLC carries less than the onion says")
    return BlindedReceive(data.path_id, payload.amt_to_forward, payload.outgoing_cltv_value,
                          payload.total_amount_msat, shared_secret, data)


def read_blinded_final(payload: HopPayload, node_privkey: bytes, shared_secret: bytes, *,
                       amount_msat: int, cltv_expiry: int) -> BlindedReceive:
    """Our final payload (the outer onion already peeled with our node key) when we are
    both the introduction node and the end of the blinded path (a one-hop path to us)."""
    if payload.current_path_key is None or payload.encrypted_recipient_data is None:
        raise InvalidOnionBlinding("a blinded final hop needs its path key and its data")
    hop = unblind_hop(node_privkey, payload.current_path_key, payload.encrypted_recipient_data)
    constraints = hop.data.payment_constraints
    if constraints is not None and (cltv_expiry > constraints.max_cltv_expiry
                                    or amount_msat < constraints.htlc_minimum_msat):
        raise InvalidOnionBlinding("the HTLC breaks the blinded route's constraints")
    return _final(payload, hop.data, amount_msat, cltv_expiry, shared_secret)
