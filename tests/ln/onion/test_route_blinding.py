"""Route blinding, blinded payments and onion messages built here, then lied about: every
fault is the one typed error (InvalidOnionBlinding / OnionMessageError), never a crash."""

from __future__ import annotations

import coincurve
import pytest

from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath, BlindedPayInfo, SciddirNode
from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    BlindedReceive,
    amount_at_introduction,
    blinded_payment_hops,
    peel_blinded_payment,
)
from wallet.ln.onion.onion_message import (
    INVOICE_REQUEST,
    MAX_PACKET,
    REPLY_PATH,
    OnionMessage,
    OnionMessageError,
    Receive,
    build_onion_message,
    peel_onion_message,
    prepend_hops,
)
from wallet.ln.onion.route_blinding import (
    InvalidOnionBlinding,
    PaymentConstraints,
    PaymentRelay,
    RecipientData,
    build_blinded_hops,
    build_blinded_path,
    unblind_hop,
)
from wallet.ln.onion.sphinx import HopPayload, OnionBuildError, build_onion
from wallet.ln.wire.primitives import ShortChannelId
from wallet.ln.wire.tlv import encode_tlv_stream

KEYS = [bytes([i]) * 32 for i in range(0x21, 0x26)]
IDS = [coincurve.PrivateKey(k).public_key.format(compressed=True) for k in KEYS]
HASH = bytes(32)


def message_path(path_id: bytes = b"ours") -> BlindedPath:
    """IDS[1] -> IDS[2] -> IDS[3] (the recipient)."""
    data = [RecipientData(next_node_id=IDS[2]), RecipientData(next_node_id=IDS[3]),
            RecipientData(path_id=path_id)]
    return build_blinded_path(bytes([7]) * 32, IDS[1:4], data)


def deliver(message: OnionMessage, first: bytes) -> Receive:
    holder = first
    for _ in range(10):
        got = peel_onion_message(KEYS[IDS.index(holder)], message)
        if isinstance(got, Receive):
            return got
        holder, message = got.next_node_id, got.message
    raise AssertionError("the message never arrived")


def test_onion_message_round_trip_with_reply_path():
    reply = message_path(b"reply")
    content = {INVOICE_REQUEST: b"req", REPLY_PATH: reply.to_bytes(), 77: b"odd"}
    first, message = build_onion_message(message_path(), content, bytes([9]) * 32)
    assert first == IDS[1] and len(message.packet) == 1366
    got = deliver(OnionMessage.from_bytes(message.to_bytes()), first)
    assert got.path_id == b"ours"
    assert got.get(INVOICE_REQUEST) == b"req" and got.get(77) == b"odd"
    assert got.reply_path == reply


def test_prepended_hops_reach_the_same_recipient():
    joined = prepend_hops(bytes([5]) * 32, [IDS[0]], message_path())
    first, message = build_onion_message(joined, {INVOICE_REQUEST: b"x"}, bytes([9]) * 32)
    assert first == IDS[0]
    assert deliver(message, first).path_id == b"ours"


def test_large_content_takes_the_large_packet_and_too_large_is_refused():
    first, message = build_onion_message(message_path(), {INVOICE_REQUEST: bytes(5000)},
                                         bytes([9]) * 32)
    assert len(message.packet) == 32834
    assert deliver(message, first).get(INVOICE_REQUEST) == bytes(5000)
    with pytest.raises(OnionBuildError):
        build_onion_message(message_path(), {INVOICE_REQUEST: bytes(40000)}, bytes([9]) * 32)


@pytest.mark.parametrize("wire", [
    b"\x02\x01",
    (513).to_bytes(2, "big") + b"\x04" + bytes(32) + b"\x00\x00",
    (512).to_bytes(2, "big") + IDS[0] + b"\x00\x00",
    (513).to_bytes(2, "big") + IDS[0] + (MAX_PACKET + 1).to_bytes(2, "big") + bytes(MAX_PACKET + 1),
    (513).to_bytes(2, "big") + IDS[0] + b"\x05\x00" + bytes(10),
])
def test_malformed_onion_message_wire(wire):
    with pytest.raises(OnionMessageError):
        OnionMessage.from_bytes(wire)


def _message_with(payloads: list[dict[int, bytes]], data: list[RecipientData]) -> OnionMessage:
    hops = build_blinded_hops(bytes([7]) * 32, IDS[1:1 + len(data)], [d.to_bytes() for d in data])
    packets = []
    for hop, extra in zip(hops, payloads, strict=True):
        packets.append(encode_tlv_stream({4: hop.encrypted_data, **extra}))
    built = build_onion([h.blinded_node_id for h in hops], packets, bytes([9]) * 32, b"", 1300)
    return OnionMessage(hops[0].path_key, built.packet)


@pytest.mark.parametrize(("payloads", "data", "words"), [
    ([{64: b"x"}, {}], [RecipientData(next_node_id=IDS[2]), RecipientData(path_id=b"p")],
     "forwarding hop"),
    ([{}, {}], [RecipientData(), RecipientData(path_id=b"p")], "no next hop"),
    ([{}, {}], [RecipientData(next_node_id=IDS[2], path_id=b"p"), RecipientData(path_id=b"p")],
     "path_id"),
    ([{}], [RecipientData(next_node_id=IDS[2])], "goes on"),
    ([{2: b"\x02"}], [RecipientData(path_id=b"p")], "reply_path"),
    ([{6: b""}], [RecipientData(path_id=b"p")], "unreadable"),
])
def test_lying_onion_messages_are_dropped(payloads, data, words):
    message = _message_with(payloads, data)
    with pytest.raises(OnionMessageError, match=words):
        peel_onion_message(KEYS[1], message)


def test_onion_message_for_another_node_or_with_wrong_path_key():
    first, message = build_onion_message(message_path(), {64: b"x"}, bytes([9]) * 32)
    with pytest.raises(OnionMessageError):
        peel_onion_message(KEYS[4], message)
    with pytest.raises(OnionMessageError):
        peel_onion_message(KEYS[1], OnionMessage(IDS[4], message.packet))
    tampered = bytearray(message.packet)
    tampered[100] ^= 1
    with pytest.raises(OnionMessageError):
        peel_onion_message(KEYS[1], OnionMessage(message.path_key, bytes(tampered)))


def test_unblinding_refuses_tampered_or_foreign_data():
    hops = build_blinded_hops(bytes([3]) * 32, IDS[:2], [RecipientData(path_id=b"a").to_bytes(),
                                                         RecipientData(path_id=b"b").to_bytes()])
    assert unblind_hop(KEYS[0], hops[0].path_key, hops[0].encrypted_data).data.path_id == b"a"
    with pytest.raises(InvalidOnionBlinding):
        unblind_hop(KEYS[1], hops[0].path_key, hops[0].encrypted_data)
    with pytest.raises(InvalidOnionBlinding):
        unblind_hop(KEYS[0], hops[0].path_key, hops[0].encrypted_data[:-1] + b"\x00")
    with pytest.raises(InvalidOnionBlinding):
        unblind_hop(KEYS[0], b"\x02" + bytes(32), hops[0].encrypted_data)
    odd = build_blinded_hops(bytes([3]) * 32, IDS[:1], [encode_tlv_stream({16: b""})])
    with pytest.raises(InvalidOnionBlinding, match="malformed"):
        unblind_hop(KEYS[0], odd[0].path_key, odd[0].encrypted_data)


def payment_path(min_msat: int = 1, max_cltv: int = 10_000) -> BlindedPath:
    """IDS[1] (introduction) -> IDS[2] -> IDS[3] (the recipient)."""
    c = PaymentConstraints(max_cltv, min_msat)
    data = [
        RecipientData(short_channel_id=ShortChannelId(1, 2, 3), payment_relay=PaymentRelay(40, 100, 1000),
                      payment_constraints=c),
        RecipientData(next_node_id=IDS[3], payment_relay=PaymentRelay(40, 200, 0),
                      payment_constraints=c),
        RecipientData(path_id=b"invoice-1", payment_constraints=c),
    ]
    return build_blinded_path(bytes([4]) * 32, IDS[1:4], data)


PAYINFO = BlindedPayInfo(1000, 300, 80, 1, 10**9)


def send(path: BlindedPath, amount: int = 50_000, cltv: int = 900):
    node_ids, payloads = blinded_payment_hops(path, amount, cltv)
    onion = build_onion(node_ids, [p.encode() for p in payloads], bytes([8]) * 32, HASH)
    return (onion.packet, *amount_at_introduction(PAYINFO, amount, cltv))


def test_blinded_payment_end_to_end():
    packet, amount, cltv = send(payment_path())
    path_key = None
    for index in (1, 2):
        got = peel_blinded_payment(packet, KEYS[index], HASH, amount_msat=amount,
                                   cltv_expiry=cltv, path_key=path_key)
        assert isinstance(got, BlindedForward)
        packet, amount, cltv, path_key = (got.next_packet, got.amt_to_forward,
                                          got.outgoing_cltv_value, got.next_path_key)
    final = peel_blinded_payment(packet, KEYS[3], HASH, amount_msat=amount, cltv_expiry=cltv,
                                 path_key=path_key)
    assert isinstance(final, BlindedReceive)
    assert (final.path_id, final.amt_to_forward, final.outgoing_cltv_value) == (
        b"invoice-1", 50_000, 900)
    assert amount >= 50_000 and cltv >= 900


@pytest.mark.parametrize(("kwargs", "path_kwargs"), [
    ({"amount_msat": 0}, {"min_msat": 10}),
    ({"cltv_expiry": 20_000}, {}),
    ({"path_key": IDS[4]}, {}),
])
def test_introduction_refuses_htlcs_that_break_the_route(kwargs, path_kwargs):
    packet, amount, cltv = send(payment_path(**path_kwargs))
    args = {"amount_msat": amount, "cltv_expiry": cltv, "path_key": None, **kwargs}
    with pytest.raises(InvalidOnionBlinding):
        peel_blinded_payment(packet, KEYS[1], HASH, **args)


def _onion(path: BlindedPath, payloads: list[HopPayload]) -> bytes:
    ids = [path.first_node_id] + [h.blinded_node_id for h in path.hops[1:]]
    return build_onion(ids[: len(payloads)], [p.encode() for p in payloads], bytes([8]) * 32,
                       HASH).packet


def test_lying_payers_inside_a_blinded_route():
    path = payment_path()
    hop0, hop1 = path.hops[0], path.hops[1]
    intro = HopPayload(encrypted_recipient_data=hop0.encrypted_recipient_data,
                       current_path_key=path.first_path_key)
    # a forwarding hop given an amount besides its data
    lying = _onion(path, [HopPayload(amt_to_forward=5, encrypted_recipient_data=hop0.encrypted_recipient_data,
                                     current_path_key=path.first_path_key),
                          HopPayload(encrypted_recipient_data=hop1.encrypted_recipient_data)])
    with pytest.raises(InvalidOnionBlinding, match="more than its data"):
        peel_blinded_payment(lying, KEYS[1], HASH, amount_msat=10**6, cltv_expiry=900, path_key=None)
    # a payload with no path key at all
    bare = _onion(path, [HopPayload(encrypted_recipient_data=hop0.encrypted_recipient_data),
                         HopPayload(encrypted_recipient_data=hop1.encrypted_recipient_data)])
    with pytest.raises(InvalidOnionBlinding, match="not a blinded hop"):
        peel_blinded_payment(bare, KEYS[1], HASH, amount_msat=10**6, cltv_expiry=900, path_key=None)
    # the final hop paid less than its onion says
    packet, amount, cltv = send(path, amount=50_000)
    path_key = None
    for index in (1, 2):
        got = peel_blinded_payment(packet, KEYS[index], HASH, amount_msat=amount,
                                   cltv_expiry=cltv, path_key=path_key)
        packet, amount, cltv, path_key = (got.next_packet, got.amt_to_forward,
                                          got.outgoing_cltv_value, got.next_path_key)
    with pytest.raises(InvalidOnionBlinding, match="less than the onion"):
        peel_blinded_payment(packet, KEYS[3], HASH, amount_msat=amount - 1, cltv_expiry=cltv,
                             path_key=path_key)
    # the onion ends at the intro although its data says go on
    short = _onion(path, [intro])
    with pytest.raises(InvalidOnionBlinding):
        peel_blinded_payment(short, KEYS[1], HASH, amount_msat=10**6, cltv_expiry=900, path_key=None)


def test_fee_arithmetic_rounds_in_the_relays_favour():
    relay = PaymentRelay(10, 150, 100)
    assert relay.amount_to_forward(100_125) == 100_010
    assert PAYINFO.fee_msat(1) == 1001
    with pytest.raises(OnionBuildError):
        amount_at_introduction(PAYINFO, 10**10, 0)


def test_path_starting_at_a_channel_must_be_resolved_first():
    path = payment_path()
    scid_path = BlindedPath(SciddirNode(0, ShortChannelId(1, 1, 1)), path.first_path_key, path.hops)
    with pytest.raises(OnionBuildError):
        blinded_payment_hops(scid_path, 1, 1)
    assert BlindedPath(path.first_node_id, path.first_path_key,
                       (BlindedHop(IDS[0], b""),)).final_node_id == IDS[0]
