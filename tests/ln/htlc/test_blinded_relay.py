"""Relaying inside a blinded route (BOLT 4), pure: `peel_incoming` + `plan_blinded_relay`.

The BOLT 4 `blinded_payment_onion` vector is walked as the relays see it: Bob (the
introduction node, his path key in his payload), Carol and Dave (the path key in
update_add_htlc) each peel, plan the HTLC onward and must send exactly the next hop's onion,
amount, expiry and path key. Then the lying senders: each field of the encrypted data
wrong, constraints broken, the HTLC short: refused with invalid_onion_blinding
(update_fail_htlc at the introduction node, update_fail_malformed_htlc later), no relay.
"""

from __future__ import annotations

import os

import coincurve
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from tests.ln.onion.test_route_blinding import HASH, IDS, KEYS
from wallet.ln.htlc.contract import Fail, FailMalformed, IncomingHtlc, peel_incoming
from wallet.ln.htlc.relay_plan import (
    ChannelRelay,
    DownstreamFailure,
    ForwardPlan,
    OutChannel,
    Refusal,
    build_part,
    plan_blinded_relay,
    plan_forward,
    relayed_failure,
)
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath
from wallet.ln.onion.blinded_payment import blinded_payment_hops
from wallet.ln.onion.failures import FailureCode, decrypt_error_packet
from wallet.ln.onion.route_blinding import (
    PaymentConstraints,
    PaymentRelay,
    RecipientData,
    build_blinded_path,
)
from wallet.ln.onion.sphinx import HopPayload, build_onion, peel_onion, sha256_of_onion
from wallet.ln.wire.primitives import ShortChannelId

FREE = RelayPolicy(0, 0, 0)
TIP = 748_000


def h(text: str) -> bytes:
    return bytes.fromhex(text.removeprefix("0x"))


def _vector() -> dict:
    cases = load_vector("bolt04_onion.json")["cases"]
    return next(c["data"] for c in cases if c["kind"] == "blinded_payment_onion")


def _scid(text: str) -> ShortChannelId:
    block, tx, out = (int(x) for x in text.split("x"))
    return ShortChannelId(block, tx, out)


def test_the_bolt4_blinded_payment_vector_is_relayed_hop_by_hop():
    data = _vector()
    full = data["generate"]["full_route"]["hops"]
    hops = data["decrypt"]["hops"]
    assoc = h(data["generate"]["associated_data"])
    alice = full[0]["tlvs"]
    amount, cltv, path_key = alice["amt_to_forward"], alice["outgoing_cltv_value"], None
    for index in (1, 2, 3):  # Bob (introduction), Carol, Dave
        hop, tlvs = hops[index], full[index]["tlvs"]
        onion = h(hop["onion"])
        scid = _scid(tlvs["encrypted_recipient_data"]["short_channel_id"])
        got = peel_incoming(key_index=1, htlc_id=index, amount_msat=amount, payment_hash=assoc,
                            cltv_expiry=cltv, onion=onion, node_private_key=h(hop["node_privkey"]),
                            path_key=path_key)
        assert isinstance(got, IncomingHtlc) and not got.is_final, hop["alias"]
        assert got.blinded_forward is not None
        assert got.inside_blinded_route == (index > 1)
        ours = OutChannel(9, bytes(33), 10**9, frozenset({scid.to_int()}))
        other = OutChannel(8, bytes([2]) * 33, 10**9, frozenset({12345}))
        relay = plan_blinded_relay(got, FREE, TIP, [other, ours])
        assert isinstance(relay, ChannelRelay), hop["alias"]
        assert relay.key_index == 9 and relay.onion == h(hops[index + 1]["onion"])
        assert relay.path_key == h(hop["next_path_key"])
        rel = tlvs["encrypted_recipient_data"]["payment_relay"]
        expected = -(-(amount - rel.get("fee_base_msat", 0)) * 1_000_000
                     // (1_000_000 + rel.get("fee_proportional_millionths", 0)))
        assert relay.amount_msat == expected
        assert relay.cltv_expiry == cltv - rel["cltv_expiry_delta"]
        amount, cltv, path_key = relay.amount_msat, relay.cltv_expiry, relay.path_key
    final = full[-1]["tlvs"]  # what Eve is told she gets is what Dave sent her
    assert amount == final["amt_to_forward"] and cltv == final["outgoing_cltv_value"]


# -- our own three-hop route: intro IDS[1] -> IDS[2] -> recipient IDS[3] ----------------------

SCID_1 = ShortChannelId(1, 2, 3)
SCID_2 = ShortChannelId(4, 5, 6)
C = PaymentConstraints(10_000, 1_000)
RELAY = PaymentRelay(40, 100, 1_000)
AMOUNT, CLTV = 50_000, 9_000


def _relay_data(scid=SCID_1, **edits) -> RecipientData:
    fields = dict(short_channel_id=scid, payment_relay=RELAY, payment_constraints=C)
    fields.update(edits)
    return RecipientData(**fields)


def _path(first: RecipientData, second: RecipientData | None = None) -> BlindedPath:
    second = second or _relay_data(SCID_2)
    last = RecipientData(path_id=bytes([5]) * 32, payment_constraints=C)
    return build_blinded_path(bytes([4]) * 32, [IDS[1], IDS[2], IDS[3]], [first, second, last])


def _onion(path: BlindedPath, extra: dict | None = None) -> bytes:
    node_ids, payloads = blinded_payment_hops(path, AMOUNT, CLTV)
    if extra:  # the sender slips fields into the introduction node's payload
        payloads[0] = HopPayload(encrypted_recipient_data=payloads[0].encrypted_recipient_data,
                                 current_path_key=payloads[0].current_path_key, **extra)
    return build_onion(node_ids, [p.encode() for p in payloads], os.urandom(32), HASH).packet


def _at_intro(onion: bytes, msat: int = 60_000, cltv: int = CLTV + 200):
    return peel_incoming(key_index=1, htlc_id=3, amount_msat=msat, payment_hash=HASH,
                         cltv_expiry=cltv, onion=onion, node_private_key=KEYS[1])


CHANNELS = [OutChannel(4, IDS[2], 10**9, frozenset({SCID_1.to_int()})),
            OutChannel(5, IDS[3], 10**9, frozenset({SCID_2.to_int()}))]


def _intro_blinding_failure(answer, onion: bytes, secret: bytes) -> bool:
    """update_fail_htlc whose message, read by the payer, is invalid_onion_blinding."""
    if not isinstance(answer, Fail):
        return False
    message = decrypt_error_packet(answer.reason, [secret])
    return (message.failure.code == FailureCode.INVALID_ONION_BLINDING
            and message.failure.fields["sha256_of_onion"] == sha256_of_onion(onion))


def _secret_of(onion: bytes) -> bytes:
    return peel_onion(onion, KEYS[1], HASH).shared_secret


def test_our_route_is_relayed_by_the_introduction_node_then_the_next_hop():
    onion = _onion(_path(_relay_data()))
    got = _at_intro(onion)
    assert isinstance(got, IncomingHtlc) and got.blinded_forward is not None
    relay = plan_blinded_relay(got, RelayPolicy(1_000, 100, 40), 8_000, CHANNELS)
    assert isinstance(relay, ChannelRelay) and relay.key_index == 4
    assert relay.amount_msat == RELAY.amount_to_forward(60_000) and relay.cltv_expiry == CLTV + 160
    second = peel_incoming(key_index=4, htlc_id=0, amount_msat=relay.amount_msat,
                           payment_hash=HASH, cltv_expiry=relay.cltv_expiry, onion=relay.onion,
                           node_private_key=KEYS[2], path_key=relay.path_key)
    assert isinstance(second, IncomingHtlc) and second.inside_blinded_route
    onward = plan_blinded_relay(second, RelayPolicy(1_000, 100, 40), 8_000, CHANNELS)
    assert isinstance(onward, ChannelRelay) and onward.key_index == 5
    end = peel_incoming(key_index=5, htlc_id=0, amount_msat=onward.amount_msat,
                        payment_hash=HASH, cltv_expiry=onward.cltv_expiry, onion=onward.onion,
                        node_private_key=KEYS[3], path_key=onward.path_key)
    assert isinstance(end, IncomingHtlc) and end.is_final and end.blinded
    assert end.payload.amt_to_forward == AMOUNT


LIES = {
    "encrypted data flipped": None,
    "no payment_relay": dict(payment_relay=None),
    "no next hop": dict(short_channel_id=None),
    "a channel not ours": dict(short_channel_id=ShortChannelId(7, 7, 7)),
    "a node not our peer": dict(short_channel_id=None, next_node_id=IDS[4]),
    "relay fee below ours": dict(payment_relay=PaymentRelay(40, 99, 1_000)),
    "relay base below ours": dict(payment_relay=PaymentRelay(40, 100, 999)),
    "relay delta below ours": dict(payment_relay=PaymentRelay(39, 100, 1_000)),
    "max_cltv_expiry passed": dict(payment_constraints=PaymentConstraints(CLTV + 199, 1_000)),
    "below htlc_minimum_msat": dict(payment_constraints=PaymentConstraints(10_000, 60_001)),
}
POLICY = RelayPolicy(1_000, 100, 40)


def _intro_answer(onion: bytes, msat: int = 60_000, cltv: int = CLTV + 200,
                  channels=CHANNELS, tip: int = 8_000):
    got = _at_intro(onion, msat, cltv)
    if not isinstance(got, IncomingHtlc):
        return got
    relay = plan_blinded_relay(got, POLICY, tip, channels)
    assert isinstance(relay, Refusal), "relayed a lie"
    return got.fail(relay.failure.code, relay.why)


@pytest.mark.parametrize("lie", sorted(LIES))
def test_each_lie_in_the_introduction_nodes_data_is_invalid_onion_blinding(lie):
    path = _path(_relay_data(**LIES[lie]) if LIES[lie] is not None else _relay_data())
    if lie == "encrypted data flipped":
        hop = path.hops[0]
        bad = bytes([hop.encrypted_recipient_data[0] ^ 1]) + hop.encrypted_recipient_data[1:]
        path = BlindedPath(path.first_node_id, path.first_path_key,
                           (BlindedHop(hop.blinded_node_id, bad), *path.hops[1:]))
    onion = _onion(path)
    assert _intro_blinding_failure(_intro_answer(onion), onion, _secret_of(onion)), lie


@pytest.mark.parametrize("lie", ["fee not covered", "expires too soon", "expires too far",
                                 "no room", "amount fields for a relay", "path key twice"])
def test_a_short_or_malformed_htlc_is_refused_at_the_introduction_node(lie):
    onion = _onion(_path(_relay_data()), extra=dict(amt_to_forward=AMOUNT)
                   if lie == "amount fields for a relay" else None)
    kwargs: dict = {}
    if lie == "fee not covered":
        kwargs = dict(msat=1_000)  # the base fee alone; also below htlc_minimum_msat
    elif lie == "expires too soon":
        kwargs = dict(tip=CLTV + 160 - 2)
    elif lie == "expires too far":
        kwargs = dict(tip=CLTV + 160 - 2017)
    elif lie == "no room":
        kwargs = dict(channels=[OutChannel(4, IDS[2], 1_000, frozenset({SCID_1.to_int()}))])
    if lie == "path key twice":  # an update_add_htlc path key beside the payload's
        got = peel_incoming(key_index=1, htlc_id=3, amount_msat=60_000, payment_hash=HASH,
                            cltv_expiry=CLTV + 200, onion=onion, node_private_key=KEYS[1],
                            path_key=IDS[0])
        assert isinstance(got, FailMalformed)
        assert got.failure_code == FailureCode.INVALID_ONION_BLINDING
        return
    assert _intro_blinding_failure(_intro_answer(onion, **kwargs), onion, _secret_of(onion)), lie


def _second_hop(second: RecipientData, msat: int | None = None, key_edit=None):
    onion = _onion(_path(_relay_data(), second))
    got = _at_intro(onion)
    relay = plan_blinded_relay(got, POLICY, 8_000, CHANNELS)
    assert isinstance(relay, ChannelRelay)
    path_key = relay.path_key if key_edit is None else key_edit
    answer = peel_incoming(key_index=4, htlc_id=0,
                           amount_msat=relay.amount_msat if msat is None else msat,
                           payment_hash=HASH, cltv_expiry=relay.cltv_expiry, onion=relay.onion,
                           node_private_key=KEYS[2], path_key=path_key)
    if isinstance(answer, IncomingHtlc):
        onward = plan_blinded_relay(answer, POLICY, 8_000, CHANNELS)
        assert isinstance(onward, Refusal), "relayed a lie"
        answer = answer.fail(onward.failure.code, onward.why)
    return answer, relay.onion


@pytest.mark.parametrize("lie", ["wrong path key", "a channel not ours", "below minimum",
                                 "no payment_relay", "max_cltv_expiry passed"])
def test_a_lie_past_the_introduction_node_is_malformed_invalid_onion_blinding(lie):
    second = _relay_data(SCID_2)
    msat, key = None, None
    if lie == "wrong path key":
        key = IDS[4]
    elif lie == "a channel not ours":
        second = _relay_data(ShortChannelId(9, 9, 9))
    elif lie == "below minimum":
        second = _relay_data(SCID_2, payment_constraints=PaymentConstraints(10_000, 59_000))
    elif lie == "no payment_relay":
        second = _relay_data(SCID_2, payment_relay=None)
    elif lie == "max_cltv_expiry passed":
        second = _relay_data(SCID_2, payment_constraints=PaymentConstraints(CLTV + 100, 1))
    answer, onion = _second_hop(second, msat, key)
    assert isinstance(answer, FailMalformed), lie
    assert answer.failure_code == FailureCode.INVALID_ONION_BLINDING
    assert answer.sha256_of_onion == sha256_of_onion(onion)


def test_a_downstream_failure_becomes_invalid_onion_blinding_upstream():
    onion = _onion(_path(_relay_data()))
    intro = _at_intro(onion)
    assert isinstance(intro, IncomingHtlc)
    downstream = DownstreamFailure(reason=os.urandom(292), why="the recipient refused")
    assert _intro_blinding_failure(relayed_failure(intro, downstream), onion, _secret_of(onion))
    relay = plan_blinded_relay(intro, POLICY, 8_000, CHANNELS)
    second = peel_incoming(key_index=4, htlc_id=0, amount_msat=relay.amount_msat,
                           payment_hash=HASH, cltv_expiry=relay.cltv_expiry, onion=relay.onion,
                           node_private_key=KEYS[2], path_key=relay.path_key)
    got = relayed_failure(second, DownstreamFailure(malformed_code=0x8000 | 0x4000 | 24,
                                                    sha256_of_onion=bytes(32), why="x"))
    assert isinstance(got, FailMalformed)
    assert got.failure_code == FailureCode.INVALID_ONION_BLINDING


def test_the_trampoline_to_blinded_path_vector_is_relayed_by_carol_then_dave():
    """bolt04_trampoline.json's trampoline_to_blinded_path: Carol, the trampoline, plans
    the payment into Eve's path (starting at her peer Dave) and builds exactly the onion the
    vector gives; Dave, its introduction node, relays it on with Eve's path key."""
    cases = load_vector("bolt04_trampoline.json")["cases"]
    data = next(c["data"] for c in cases if c["kind"] == "trampoline_to_blinded_path")
    assoc = h(data["generate_payment_onion"]["associated_data"])
    carol = data["decrypt_onion_carol"]
    carol_key = h(carol["node_privkey"])
    carol_id = coincurve.PrivateKey(carol_key).public_key.format(compressed=True)
    dave = data["relay_payment_dave"]
    dave_id = coincurve.PrivateKey(h(dave["node_privkey"])).public_key.format(compressed=True)
    got = peel_incoming(key_index=1, htlc_id=0, amount_msat=carol["tlvs"]["amt_to_forward"],
                        payment_hash=assoc, cltv_expiry=carol["tlvs"]["outgoing_cltv_value"],
                        onion=h(carol["onion"]), node_private_key=carol_key)
    assert isinstance(got, IncomingHtlc) and got.trampoline is not None
    tip = carol["trampoline_tlvs"]["outgoing_cltv"] - 100
    plan = plan_forward([got], FREE, tip, carol_id, [OutChannel(2, dave_id, 10**12)])
    assert isinstance(plan, ForwardPlan) and plan.route.first_peer == dave_id
    [(key_index, part)] = plan.parts
    relay = data["relay_payment_carol"]
    out = build_part(plan, key_index, part, assoc, session_key=h(relay["session_key"]))
    assert out.onion.hex() == relay["onion"] and out.path_key is None
    at_dave = peel_incoming(key_index=2, htlc_id=0, amount_msat=out.amount_msat,
                            payment_hash=assoc, cltv_expiry=out.cltv_expiry, onion=out.onion,
                            node_private_key=h(dave["node_privkey"]))
    assert isinstance(at_dave, IncomingHtlc) and at_dave.blinded_forward is not None
    scid = ShortChannelId.from_str(dave["tlvs"]["encrypted_recipient_data"]["short_channel_id"])
    eve_id = bytes.fromhex(data["generate_blinded_path_eve"]["hops"][1]["node_id"])
    onward = plan_blinded_relay(at_dave, FREE, tip, [OutChannel(3, eve_id, 10**12,
                                                                frozenset({scid.to_int()}))])
    assert isinstance(onward, ChannelRelay) and onward.next_node_id == eve_id
    assert onward.onion == h(dave["next_onion"])
    assert onward.path_key.hex() == data["receive_payment_eve"]["path_key"]
    assert onward.amount_msat >= data["generate_trampoline_onion"]["amt_to_forward"]


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=0, max_size=300), path_key_byte=st.integers(0, 255))
def test_any_encrypted_data_at_the_introduction_node_is_a_typed_refusal(data, path_key_byte):
    """Whatever bytes a sender puts in our payload as encrypted data (behind a valid onion
    HMAC), the answer is update_fail_htlc invalid_onion_blinding, never an exception."""
    path = _path(_relay_data())
    node_ids, payloads = blinded_payment_hops(path, AMOUNT, CLTV)
    key = path.first_path_key if path_key_byte % 2 else IDS[path_key_byte % 5]
    payloads[0] = HopPayload(encrypted_recipient_data=data, current_path_key=key)
    onion = build_onion(node_ids, [p.encode() for p in payloads], bytes([9]) * 32, HASH).packet
    got = _at_intro(onion)
    assert _intro_blinding_failure(got, onion, _secret_of(onion))


@settings(max_examples=60, deadline=None)
@given(path_key=st.binary(min_size=0, max_size=40))
def test_any_path_key_in_update_add_htlc_is_a_malformed_refusal(path_key):
    """A path key that is not the one for our hop (any bytes, not even a point): the onion
    cannot be ours, the answer is update_fail_malformed_htlc invalid_onion_blinding."""
    onion = _onion(_path(_relay_data()))
    got = _at_intro(onion)
    relay = plan_blinded_relay(got, POLICY, 8_000, CHANNELS)
    answer = peel_incoming(key_index=4, htlc_id=0, amount_msat=relay.amount_msat,
                           payment_hash=HASH, cltv_expiry=relay.cltv_expiry, onion=relay.onion,
                           node_private_key=KEYS[2], path_key=path_key)
    assert isinstance(answer, FailMalformed)
    assert answer.failure_code == FailureCode.INVALID_ONION_BLINDING
