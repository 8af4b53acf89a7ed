"""`trampoline_to_blinded_path` cases of bolt04_trampoline.json (spec draft): Eve's blinded
path, the payer's trampoline onion naming it, the outer onion, Bob's relay, Carol reading the
paths and paying one, Dave relaying inside the blinded route, Eve receiving."""

from __future__ import annotations

from tests.conftest import load_vector
from wallet.ln.features import Features
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath, BlindedPayInfo
from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    BlindedReceive,
    amount_at_introduction,
    blinded_payment_hops,
    peel_blinded_payment,
)
from wallet.ln.onion.route_blinding import build_blinded_hops
from wallet.ln.onion.sphinx import HopPayload, build_onion, payloads_size, peel_onion
from wallet.ln.onion.trampoline import (
    TrampolineDialect,
    outer_known_types,
    trampoline_outer_payload,
)
from wallet.ln.onion.trampoline_blinded import (
    RECIPIENT_BLINDED_PATHS,
    RECIPIENT_FEATURES,
    blinded_recipient_payload,
    decode_recipient_blinded_paths,
)
from wallet.ln.wire.bigsize import decode_bigsize
from wallet.ln.wire.primitives import ShortChannelId

CASES = [c["data"] for c in load_vector("bolt04_trampoline.json")["cases"]
         if c["kind"] == "trampoline_to_blinded_path"]
SPEC = TrampolineDialect.SPEC_DRAFT


def h(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", "").removeprefix("0x"))


def unframe(text: str) -> bytes:
    framed = h(text)
    length, offset = decode_bigsize(framed)
    assert offset + length == len(framed)
    return framed[offset:]


def paid_path(item: dict) -> tuple[BlindedPath, BlindedPayInfo]:
    bp, pi = item["blinded_path"], item["payment_info"]
    path = BlindedPath(h(bp["introduction_node_id"]), h(bp["path_key"]),
                       tuple(BlindedHop(h(x["blinded_node_id"]), h(x["encrypted_data"]))
                             for x in bp["hops"]))
    info = BlindedPayInfo(pi["fee_base_msat"], pi["fee_proportional_millionths"],
                          pi["cltv_expiry_delta"], pi["min_htlc_msat"], pi["max_htlc_msat"])
    return path, info


def features(names: list[str]) -> Features:
    return Features.of(*names)


def test_there_are_cases():
    assert CASES


def test_eve_builds_her_blinded_path():
    for data in CASES:
        gen = data["generate_blinded_path_eve"]
        built = build_blinded_hops(h(gen["session_key"]), [h(x["node_id"]) for x in gen["hops"]],
                                   [h(x["encoded_tlvs"]) for x in gen["hops"]])
        assert built[0].path_key.hex() == gen["path_key"]
        for hop, got in zip(gen["hops"], built, strict=True):
            assert got.blinded_node_id.hex() == hop["blinded_node_id"]
            assert got.encrypted_data.hex() == hop["encrypted_data"]


def test_payer_builds_the_trampoline_and_outer_onions():
    for data in CASES:
        gen = data["generate_trampoline_onion"]
        paths = [paid_path(x) for x in gen["recipient_blinded_paths"]]
        payload = blinded_recipient_payload(gen["amt_to_forward"], gen["outgoing_cltv"], paths,
                                            features(gen["recipient_features"]))
        assert payload.encode() == unframe(gen["encoded_tlvs"])
        encoded = [payload.encode()]
        inner = build_onion([h(gen["trampoline_node_id"])], encoded, h(gen["session_key"]),
                            h(gen["associated_data"]), payloads_size(encoded))
        assert inner.packet.hex() == gen["trampoline_onion"]

        outer = data["generate_payment_onion"]
        bob, carol = outer["hops"]
        t = bob["tlvs"]
        bob_payload = HopPayload.forward(t["amt_to_forward"], t["outgoing_cltv_value"],
                                         ShortChannelId.from_str(t["outgoing_channel_id"]))
        t = carol["tlvs"]
        carol_payload = trampoline_outer_payload(
            inner.packet, amt_to_forward=t["amt_to_forward"],
            outgoing_cltv_value=t["outgoing_cltv_value"], payment_secret=h(t["payment_secret"]),
            total_msat=t["total_amount_msat"], dialect=SPEC)
        assert bob_payload.encode() == unframe(bob["encoded_tlvs"])
        assert carol_payload.encode() == unframe(carol["encoded_tlvs"])
        onion = build_onion([h(bob["pubkey"]), h(carol["pubkey"])],
                            [bob_payload.encode(), carol_payload.encode()],
                            h(outer["session_key"]), h(outer["associated_data"]))
        assert onion.packet.hex() == outer["onion"]


def test_relays_and_receipt():
    for data in CASES:
        assoc = h(data["generate_payment_onion"]["associated_data"])
        bob = data["relay_payment_bob"]
        assert peel_onion(h(bob["onion"]), h(bob["node_privkey"]), assoc).next_packet == h(
            bob["next_onion"])

        carol = data["decrypt_onion_carol"]
        peeled = peel_onion(h(carol["onion"]), h(carol["node_privkey"]), assoc)
        assert peeled.next_packet is None
        outer = HopPayload.decode(peeled.payload, outer_known_types([SPEC]))
        assert (outer.amt_to_forward, outer.outgoing_cltv_value) == (
            carol["tlvs"]["amt_to_forward"], carol["tlvs"]["outgoing_cltv_value"])
        inner_peel = peel_onion(outer.extra[SPEC.onion_type], h(carol["node_privkey"]), assoc)
        assert inner_peel.next_packet is None
        inner = HopPayload.decode(inner_peel.payload, SPEC.inner_types)
        tt = carol["trampoline_tlvs"]
        assert (inner.amt_to_forward, inner.outgoing_cltv_value) == (tt["amt_to_forward"],
                                                                     tt["outgoing_cltv"])
        paths = decode_recipient_blinded_paths(inner.extra[RECIPIENT_BLINDED_PATHS])
        assert list(paths) == [paid_path(x) for x in tt["recipient_blinded_paths"]]
        assert Features.from_bytes(inner.extra[RECIPIENT_FEATURES]) == features(
            tt["recipient_features"])

        relay = data["relay_payment_carol"]
        path, info = paths[0]
        node_ids, payloads = blinded_payment_hops(path, inner.amt_to_forward,
                                                  inner.outgoing_cltv_value)
        assert [x.hex() for x in node_ids] == [x["pubkey"] for x in relay["hops"]]
        assert [p.encode() for p in payloads] == [unframe(x["encoded_tlvs"]) for x in relay["hops"]]
        onion = build_onion(node_ids, [p.encode() for p in payloads], h(relay["session_key"]),
                            h(relay["associated_data"]))
        assert onion.packet.hex() == relay["onion"]

        amount, cltv = amount_at_introduction(info, inner.amt_to_forward,
                                              inner.outgoing_cltv_value)
        dave = data["relay_payment_dave"]
        got = peel_blinded_payment(h(dave["onion"]), h(dave["node_privkey"]), assoc,
                                   amount_msat=amount, cltv_expiry=cltv, path_key=None)
        assert isinstance(got, BlindedForward)
        assert got.next_packet == h(dave["next_onion"])
        assert got.short_channel_id == ShortChannelId.from_str(
            dave["tlvs"]["encrypted_recipient_data"]["short_channel_id"])
        assert (got.amt_to_forward, got.outgoing_cltv_value) == (inner.amt_to_forward,
                                                                 inner.outgoing_cltv_value)

        eve = data["receive_payment_eve"]
        assert got.next_path_key.hex() == eve["path_key"]
        final = peel_blinded_payment(h(eve["onion"]), h(eve["node_privkey"]), assoc,
                                     amount_msat=got.amt_to_forward,
                                     cltv_expiry=got.outgoing_cltv_value,
                                     path_key=got.next_path_key)
        assert isinstance(final, BlindedReceive)
        assert final.path_id.hex() == eve["path_id"]
        assert final.amt_to_forward == inner.amt_to_forward
