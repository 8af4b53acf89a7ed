"""Trampoline onions built by a payer and peeled by trampoline nodes, in both dialects."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from coincurve import PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.ln.onion.failures import (
    FailureCode,
    FailureMessage,
    create_error_packet,
    decrypt_error_packet,
    obfuscate_error_packet,
    unwrap_error_packet,
)
from wallet.ln.onion.sphinx import (
    HopPayload,
    InvalidOnionPayload,
    OnionBuildError,
    OnionError,
    build_onion,
    peel_onion,
    record_offset,
)
from wallet.ln.onion.trampoline import (
    INVOICE_FEATURES,
    INVOICE_ROUTING_INFO,
    RouteHintHop,
    TrampolineDialect,
    TrampolineError,
    TrampolineForward,
    TrampolineHop,
    TrampolineReceive,
    TrampolineRecipient,
    build_trampoline_onion,
    create_trampoline_error_packet,
    decode_invoice_features,
    decode_routing_info,
    encode_invoice_features,
    encode_routing_info,
    hints_that_fit,
    outer_known_types,
    peel_trampoline,
    trampoline_dialect_of,
    trampoline_outer_payload,
    wrap_trampoline_failure,
)
from wallet.ln.wire.primitives import ShortChannelId

EE = TrampolineDialect.ELECTRUM_ECLAIR
SPEC = TrampolineDialect.SPEC_DRAFT
PAYMENT_HASH = bytes.fromhex("42" * 32)
INVOICE_SECRET = bytes.fromhex("2a" * 32)


class Node:
    def __init__(self, seed: int) -> None:
        self.key = bytes([seed]) * 32
        self.id = PrivateKey(self.key).public_key.format()


PAYER_PEER, T1, X, T2, R, HINT_NODE = (Node(i) for i in (1, 2, 3, 4, 5, 6))
BAD_POINT = b"\x02" + b"\xff" * 32  # x beyond the field: not on the curve
HINTS = (
    (RouteHintHop(HINT_NODE.id, ShortChannelId(700000, 1, 0), 1000, 100, 40),),
    (
        RouteHintHop(T2.id, ShortChannelId(700001, 2, 1), 0, 0, 144),
        RouteHintHop(HINT_NODE.id, ShortChannelId(700002, 3, 2), 5, 6, 18),
    ),
)


def receive_outer(packet: bytes, node: Node) -> HopPayload:
    """A node peels its outer onion, expecting to be its final hop."""
    peeled = peel_onion(packet, node.key, PAYMENT_HASH)
    assert peeled.is_final
    payload = HopPayload.decode(peeled.payload, extra_known_types=outer_known_types())
    payload.validate_final()
    return payload


def send_outer(route: list[Node], final_payload: HopPayload, amount: int, cltv: int) -> bytes:
    """Build an outer onion: plain forwarding hops, then `final_payload` for the last node."""
    payloads = [
        HopPayload.forward(amount, cltv, ShortChannelId(1, i, 0)).encode() for i in range(len(route) - 1)
    ]
    payloads.append(final_payload.encode())
    return build_onion([n.id for n in route], payloads, os.urandom(32), PAYMENT_HASH).packet


@pytest.mark.parametrize("dialect", list(TrampolineDialect), ids=lambda d: d.value)
def test_trampoline_to_trampoline_to_recipient(dialect):
    recipient = TrampolineRecipient(R.id, 50_000, 800_040, INVOICE_SECRET, total_msat=50_000)
    trampolines = [TrampolineHop(T1.id, 50_100, 800_200), TrampolineHop(T2.id, 50_000, 800_100)]
    inner = build_trampoline_onion(
        trampolines, recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH, dialect=dialect
    )
    assert len(inner.packet) == 400 + 66
    assert len(inner.shared_secrets) == 3

    # Payer -> T1 (a direct peer): one-hop outer onion carrying the trampoline onion.
    outer_secret = os.urandom(32)
    first = trampoline_outer_payload(
        inner.packet,
        amt_to_forward=50_300,
        outgoing_cltv_value=800_500,
        payment_secret=outer_secret,
        dialect=dialect,
    )
    assert dialect.onion_type in first.to_records()
    at_t1 = receive_outer(send_outer([T1], first, 0, 0), T1)
    assert trampoline_dialect_of(at_t1) is dialect
    assert at_t1.payment_secret == outer_secret
    step1 = peel_trampoline(at_t1, T1.key, PAYMENT_HASH)
    assert isinstance(step1, TrampolineForward)
    assert (step1.next_node_id, step1.amt_to_forward, step1.outgoing_cltv_value) == (T2.id, 50_100, 800_200)
    assert step1.legacy is None and step1.next_packet is not None
    assert step1.dialect is dialect
    assert dialect.outgoing_node_id_type in step1.payload.extra

    # T1 -> X -> T2: T1 routes by itself and hands on the peeled trampoline onion.
    to_t2 = trampoline_outer_payload(
        step1.next_packet,
        amt_to_forward=step1.amt_to_forward,
        outgoing_cltv_value=step1.outgoing_cltv_value,
        payment_secret=os.urandom(32),
        dialect=dialect,
    )
    packet = send_outer([X, T2], to_t2, 50_110, 800_240)
    relayed = peel_onion(packet, X.key, PAYMENT_HASH)
    HopPayload.decode(relayed.payload).validate_intermediate()
    step2 = peel_trampoline(receive_outer(relayed.next_packet, T2), T2.key, PAYMENT_HASH)
    assert isinstance(step2, TrampolineForward)
    assert (step2.next_node_id, step2.amt_to_forward, step2.outgoing_cltv_value) == (R.id, 50_000, 800_100)

    # T2 -> R: the recipient reads the invoice's secret from the trampoline payload.
    to_r = trampoline_outer_payload(
        step2.next_packet,
        amt_to_forward=50_000,
        outgoing_cltv_value=800_100,
        payment_secret=os.urandom(32),
        dialect=dialect,
    )
    done = peel_trampoline(receive_outer(send_outer([R], to_r, 0, 0), R), R.key, PAYMENT_HASH)
    assert isinstance(done, TrampolineReceive)
    assert (done.amt_to_forward, done.outgoing_cltv_value) == (50_000, 800_040)
    assert done.payment_secret == INVOICE_SECRET and done.total_msat == 50_000
    assert [step1.shared_secret, step2.shared_secret, done.shared_secret] == list(inner.shared_secrets)


def test_electrum_dialect_records():
    recipient = TrampolineRecipient(R.id, 1000, 100, INVOICE_SECRET)
    inner = build_trampoline_onion(
        [TrampolineHop(T1.id, 1000, 200)], recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH
    )
    outer = trampoline_outer_payload(
        inner.packet, amt_to_forward=1100, outgoing_cltv_value=300, payment_secret=bytes(32)
    )
    assert set(outer.to_records()) == {2, 4, 8, 66100}
    forward = peel_trampoline(outer, T1.key, PAYMENT_HASH)
    assert set(forward.payload.to_records()) == {2, 4, 66098}


def test_legacy_recipient_with_route_hints():
    features = (1 << 8) | (1 << 14) | (1 << 17)
    recipient = TrampolineRecipient(
        R.id,
        21_000,
        800_018,
        INVOICE_SECRET,
        total_msat=42_000,
        payment_metadata=b"order-7",
        supports_trampoline=False,
        invoice_features=features,
        route_hints=HINTS,
    )
    inner = build_trampoline_onion(
        [TrampolineHop(T1.id, 21_000, 800_100)],
        recipient,
        session_key=os.urandom(32),
        payment_hash=PAYMENT_HASH,
    )
    first = trampoline_outer_payload(
        inner.packet, amt_to_forward=21_500, outgoing_cltv_value=800_400, payment_secret=os.urandom(32)
    )
    step = peel_trampoline(receive_outer(send_outer([T1], first, 0, 0), T1), T1.key, PAYMENT_HASH)
    assert isinstance(step, TrampolineForward)
    assert step.next_node_id == R.id and step.next_packet is None
    legacy = step.legacy
    assert legacy is not None
    assert legacy.invoice_features == features
    assert legacy.route_hints == HINTS
    assert (legacy.payment_secret, legacy.total_msat) == (INVOICE_SECRET, 42_000)
    assert legacy.payment_metadata == b"order-7"
    assert len(step.payload.extra[INVOICE_FEATURES]) == 8

    # T1 pays R with an ordinary onion built from what it was told.
    final = HopPayload.final(
        step.amt_to_forward,
        step.outgoing_cltv_value,
        payment_secret=legacy.payment_secret,
        total_msat=legacy.total_msat,
        payment_metadata=legacy.payment_metadata,
    )
    at_r = receive_outer(send_outer([R], final, 0, 0), R)
    assert at_r.payment_secret == INVOICE_SECRET and at_r.total_msat == 42_000
    assert trampoline_dialect_of(at_r) is None


def test_eclair_style_single_layer_legacy_onion_is_understood():
    """eclair may give the last trampoline a one-layer onion naming the legacy recipient."""
    payload = HopPayload(
        21_000,
        800_100,
        payment_secret=INVOICE_SECRET,
        total_msat=21_000,
        extra={
            66098: R.id,
            INVOICE_FEATURES: b"\x40\x00",  # a minimal bit vector, as eclair writes it
            INVOICE_ROUTING_INFO: encode_routing_info(HINTS[:1]),
        },
    )
    inner = build_onion([T1.id], [payload.encode()], os.urandom(32), PAYMENT_HASH, 400)
    outer = trampoline_outer_payload(
        inner.packet, amt_to_forward=21_500, outgoing_cltv_value=800_400, payment_secret=bytes(32)
    )
    step = peel_trampoline(outer, T1.key, PAYMENT_HASH)
    assert isinstance(step, TrampolineForward)
    assert step.legacy is not None and step.legacy.invoice_features == 1 << 14
    assert step.legacy.route_hints == HINTS[:1]


@pytest.mark.parametrize("dialect", list(TrampolineDialect), ids=lambda d: d.value)
def test_paying_the_trampoline_node_itself(dialect):
    recipient = TrampolineRecipient(T1.id, 7000, 800_010, INVOICE_SECRET, payment_metadata=b"m")
    inner = build_trampoline_onion(
        [], recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH, dialect=dialect
    )
    outer = trampoline_outer_payload(
        inner.packet, amt_to_forward=7000, outgoing_cltv_value=800_010, payment_secret=bytes(32), dialect=dialect
    )
    done = peel_trampoline(outer, T1.key, PAYMENT_HASH)
    assert isinstance(done, TrampolineReceive)
    assert (done.payment_secret, done.payment_metadata) == (INVOICE_SECRET, b"m")
    legacy = replace(recipient, supports_trampoline=False)
    with pytest.raises(TrampolineError, match="needs a trampoline"):
        build_trampoline_onion([], legacy, session_key=os.urandom(32), payment_hash=PAYMENT_HASH)


def test_spec_draft_refuses_legacy_recipients():
    recipient = TrampolineRecipient(R.id, 1, 1, INVOICE_SECRET, supports_trampoline=False)
    with pytest.raises(TrampolineError, match="blinded paths"):
        build_trampoline_onion(
            [TrampolineHop(T1.id, 1, 1)], recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH, dialect=SPEC
        )


@pytest.mark.parametrize(
    ("trampolines", "match"),
    [
        ([TrampolineHop(T1.id, 10, 100), TrampolineHop(T2.id, 11, 90)], "forward less"),
        ([TrampolineHop(T1.id, 10, 100), TrampolineHop(T2.id, 10, 101)], "CLTV"),
        ([TrampolineHop(T1.id, 9, 100)], "recipient's amount"),
        ([TrampolineHop(T1.id, 10, 49)], "recipient's"),
        ([TrampolineHop(BAD_POINT, 10, 100)], "node id"),
    ],
)
def test_inconsistent_trampoline_routes_are_refused(trampolines, match):
    recipient = TrampolineRecipient(R.id, 10, 50, INVOICE_SECRET)
    with pytest.raises(TrampolineError, match=match):
        build_trampoline_onion(trampolines, recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH)


def test_too_many_hints_do_not_fit_in_400_bytes():
    many = HINTS * 4
    recipient = TrampolineRecipient(R.id, 1, 1, INVOICE_SECRET, supports_trampoline=False, route_hints=many)
    with pytest.raises(OnionBuildError, match="holds only 400"):
        build_trampoline_onion(
            [TrampolineHop(T1.id, 1, 1)], recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH
        )
    built = build_trampoline_onion(
        [TrampolineHop(T1.id, 1, 1)],
        recipient,
        session_key=os.urandom(32),
        payment_hash=PAYMENT_HASH,
        payload_size=None,
    )
    outer = trampoline_outer_payload(built.packet, amt_to_forward=1, outgoing_cltv_value=1, payment_secret=bytes(32))
    assert peel_trampoline(outer, T1.key, PAYMENT_HASH).legacy.route_hints == many

    fitting = hints_that_fit([TrampolineHop(T1.id, 1, 1)], recipient)
    assert 0 < len(fitting) < len(many)
    assert all(hint in many for hint in fitting)
    trimmed = replace(recipient, route_hints=fitting)
    built = build_trampoline_onion(
        [TrampolineHop(T1.id, 1, 1)], trimmed, session_key=os.urandom(32), payment_hash=PAYMENT_HASH
    )
    assert len(built.packet) == 466


# --- routing hints and features ------------------------------------------------------------


def test_routing_info_layout():
    encoded = encode_routing_info(HINTS[:1])
    hop = HINTS[0][0]
    assert encoded == (
        b"\x01" + hop.node_id + ShortChannelId(700000, 1, 0).to_bytes() + (1000).to_bytes(4, "big")
        + (100).to_bytes(4, "big") + (40).to_bytes(2, "big")
    )
    assert decode_routing_info(encode_routing_info(HINTS)) == HINTS
    assert decode_routing_info(b"") == ()


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"\x00", "zero hops"),
        (b"\x01" + bytes(50), "middle of a hop"),
        (b"\x02" + encode_routing_info(HINTS[:1])[1:], "middle of a hop"),
        (b"\x01\x05" + bytes(50), "point"),
    ],
)
def test_malformed_routing_info(data, match):
    with pytest.raises(TrampolineError, match=match):
        decode_routing_info(data)


@pytest.mark.parametrize(
    "hint",
    [
        (),
        (RouteHintHop(BAD_POINT, ShortChannelId(1, 1, 1), 0, 0, 0),),
        (RouteHintHop(R.id, ShortChannelId(1, 1, 1), 1 << 32, 0, 0),),
        (RouteHintHop(R.id, ShortChannelId(1, 1, 1), 0, 0, 1 << 16),),
        (RouteHintHop(R.id, ShortChannelId(1 << 24, 1, 1), 0, 0, 0),),
    ],
)
def test_unencodable_routing_info(hint):
    with pytest.raises(TrampolineError):
        encode_routing_info([hint])


def test_invoice_features():
    assert encode_invoice_features(1 << 17) == (1 << 17).to_bytes(8, "big")
    assert encode_invoice_features((1 << 70) | 2) == (2).to_bytes(8, "big")
    assert decode_invoice_features(b"\x02\x00") == 512
    assert decode_invoice_features(b"") == 0
    with pytest.raises(TrampolineError):
        encode_invoice_features(-1)


# --- what a trampoline node refuses -------------------------------------------------------


def _outer_for_t1(recipient_amount: int = 1000, dialect: TrampolineDialect = EE) -> tuple[HopPayload, bytes]:
    recipient = TrampolineRecipient(R.id, recipient_amount, 100, INVOICE_SECRET)
    inner = build_trampoline_onion(
        [TrampolineHop(T1.id, recipient_amount, 200)],
        recipient,
        session_key=os.urandom(32),
        payment_hash=PAYMENT_HASH,
        dialect=dialect,
    )
    outer = trampoline_outer_payload(
        inner.packet, amt_to_forward=1100, outgoing_cltv_value=300, payment_secret=bytes(32), dialect=dialect
    )
    return outer, inner.packet


def test_payload_without_trampoline_onion():
    with pytest.raises(TrampolineError, match="no trampoline onion"):
        peel_trampoline(HopPayload.final(1, 1), T1.key, PAYMENT_HASH)


def test_payload_with_both_dialects():
    outer, packet = _outer_for_t1()
    both = HopPayload.final(1, 1, extra={66100: packet, 20: packet})
    with pytest.raises(InvalidOnionPayload, match="both"):
        peel_trampoline(both, T1.key, PAYMENT_HASH)


def test_tampered_inner_onion_is_an_invalid_payload_not_badonion():
    outer, packet = _outer_for_t1()
    tampered = bytearray(packet)
    tampered[100] ^= 1
    broken = HopPayload.final(1100, 300, payment_secret=bytes(32), extra={66100: bytes(tampered)})
    with pytest.raises(InvalidOnionPayload, match="trampoline onion") as info:
        peel_trampoline(broken, T1.key, PAYMENT_HASH)
    assert info.value.tlv_type == 66100
    assert info.value.offset == record_offset(broken.encode(), 66100) > 0
    with pytest.raises(InvalidOnionPayload):
        peel_trampoline(outer, T2.key, PAYMENT_HASH)  # not our onion
    with pytest.raises(InvalidOnionPayload):
        peel_trampoline(outer, T1.key, b"another payment")


def _single_layer(payload: HopPayload, node: Node = T1, dialect: TrampolineDialect = EE) -> HopPayload:
    inner = build_onion([node.id], [payload.encode()], os.urandom(32), PAYMENT_HASH, 400)
    return trampoline_outer_payload(
        inner.packet, amt_to_forward=1000, outgoing_cltv_value=500, payment_secret=bytes(32), dialect=dialect
    )


@pytest.mark.parametrize(
    ("inner", "tlv_type"),
    [
        (HopPayload(outgoing_cltv_value=5), 2),
        (HopPayload(amt_to_forward=5), 4),
        (HopPayload(5, 5, ShortChannelId(1, 1, 1)), 6),
        (HopPayload(5, 5, extra={66098: BAD_POINT}), 66098),
        (HopPayload(5, 5, extra={66098: b"\x02" * 32}), 66098),
        (HopPayload(5, 5, extra={66098: R.id}), 66098),  # no next layer, not legacy
        (HopPayload(5, 5, extra={66098: R.id, 66097: b"\x01"}), 8),  # legacy without secret
        (HopPayload(5, 5, payment_secret=bytes(32), total_msat=5, extra={66098: R.id, 66099: b"\x00"}), 66099),
        (HopPayload(5, 5, encrypted_recipient_data=b"x"), 10),
        (HopPayload(1001, 5), 2),  # more than the outer onion brought
        (HopPayload(5, 501), 4),  # later expiry than the outer onion
    ],
)
def test_bad_inner_payloads(inner, tlv_type):
    with pytest.raises(InvalidOnionPayload) as info:
        peel_trampoline(_single_layer(inner), T1.key, PAYMENT_HASH)
    assert info.value.tlv_type == tlv_type


def test_spec_draft_blinded_paths_are_refused():
    inner = HopPayload(5, 5, extra={22: b"\x00"})
    with pytest.raises(InvalidOnionPayload) as info:
        peel_trampoline(_single_layer(inner, dialect=SPEC), T1.key, PAYMENT_HASH)
    assert info.value.tlv_type == 22


def test_mpp_total_counts_for_the_recipient():
    inner = HopPayload.final(1500, 400, payment_secret=INVOICE_SECRET, total_msat=1500)
    packet = build_onion([R.id], [inner.encode()], os.urandom(32), PAYMENT_HASH, 400).packet
    part = trampoline_outer_payload(
        packet, amt_to_forward=1000, outgoing_cltv_value=500, payment_secret=bytes(32), total_msat=1500
    )
    assert isinstance(peel_trampoline(part, R.key, PAYMENT_HASH), TrampolineReceive)


def test_inner_onion_with_a_next_layer_but_no_next_node():
    payloads = [HopPayload(5, 5).encode(), HopPayload(5, 5).encode()]
    inner = build_onion([T1.id, T2.id], payloads, os.urandom(32), PAYMENT_HASH, 400)
    outer = trampoline_outer_payload(inner.packet, amt_to_forward=9, outgoing_cltv_value=9, payment_secret=bytes(32))
    with pytest.raises(InvalidOnionPayload, match="outgoing_node_id") as info:
        peel_trampoline(outer, T1.key, PAYMENT_HASH)
    assert info.value.tlv_type == 66098


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(list(TrampolineDialect)))
def test_random_trampoline_onions_raise_only_typed_errors(blob, dialect):
    outer = HopPayload.final(1000, 500, payment_secret=bytes(32), extra={dialect.onion_type: blob})
    try:
        peel_trampoline(outer, T1.key, PAYMENT_HASH)
    except OnionError:
        return
    raise AssertionError("random bytes peeled as a trampoline onion")


# --- failures ------------------------------------------------------------------------------


def test_failure_from_beyond_two_trampolines_reaches_the_payer():
    recipient = TrampolineRecipient(R.id, 50_000, 800_040, INVOICE_SECRET)
    trampolines = [TrampolineHop(T1.id, 50_100, 800_200), TrampolineHop(T2.id, 50_000, 800_100)]
    inner = build_trampoline_onion(
        trampolines, recipient, session_key=os.urandom(32), payment_hash=PAYMENT_HASH
    )
    payer_outer = build_onion(
        [T1.id],
        [trampoline_outer_payload(inner.packet, amt_to_forward=50_300, outgoing_cltv_value=800_500,
                                  payment_secret=bytes(32)).encode()],
        os.urandom(32),
        PAYMENT_HASH,
    )
    t1_outer = [os.urandom(32), os.urandom(32)]  # T1's own route to T2 (X, T2)
    t2_outer = [os.urandom(32)]  # T2's route to R
    failure = FailureMessage.make(
        FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, htlc_msat=50_000, height=800_001
    )
    t1_t, t2_t, r_t = inner.shared_secrets
    packet = create_trampoline_error_packet(failure, trampoline_secret=r_t, outer_secret=t2_outer[0])
    # T2 cannot read it: it removes its downstream layers and wraps it twice.
    packet = wrap_trampoline_failure(unwrap_error_packet(packet, t2_outer), trampoline_secret=t2_t,
                                     outer_secret=t1_outer[1])
    packet = obfuscate_error_packet(packet, t1_outer[0])  # X
    packet = wrap_trampoline_failure(unwrap_error_packet(packet, t1_outer), trampoline_secret=t1_t,
                                     outer_secret=payer_outer.shared_secrets[0])
    result = decrypt_error_packet(packet, payer_outer.shared_secrets, inner.shared_secrets)
    assert (result.in_trampoline, result.hop_index) == (True, 2)
    assert result.failure == failure


def test_trampoline_node_own_failure_uses_the_outer_secret():
    """How Electrum and eclair report trampoline_fee_insufficient: a plain failure."""
    secrets = (os.urandom(32),)
    failure = FailureMessage.make(FailureCode.TRAMPOLINE_FEE_INSUFFICIENT)
    result = decrypt_error_packet(create_error_packet(secrets[0], failure), secrets, [os.urandom(32)])
    assert (result.in_trampoline, result.hop_index) == (False, 0)
    assert result.failure.name == "trampoline_fee_insufficient"
