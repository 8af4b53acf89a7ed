"""BOLT 4 route blinding vectors: every `route_blinding`, `blinded_payment_onion` and
`blinded_onion_message` case of bolt04_onion.json, built and unwrapped hop by hop."""

from __future__ import annotations

import coincurve

from tests.conftest import load_vector
from wallet.hashes import hmac_sha256, sha256
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath
from wallet.ln.onion.blinded_payment import (
    BlindedForward,
    BlindedReceive,
    blinded_payment_hops,
    peel_blinded_payment,
)
from wallet.ln.onion.onion_message import (
    Forward,
    OnionMessage,
    Receive,
    build_onion_message,
    peel_onion_message,
    prepend_hops,
)
from wallet.ln.onion.route_blinding import (
    RecipientData,
    build_blinded_hops,
    unblind_hop,
)
from wallet.ln.onion.sphinx import HopPayload, build_onion, peel_onion
from wallet.ln.wire.bigsize import decode_bigsize
from wallet.ln.wire.primitives import ShortChannelId

CASES = load_vector("bolt04_onion.json")["cases"]
KINDS = ("route_blinding", "blinded_payment_onion", "blinded_onion_message")


def h(text: str) -> bytes:
    text = text.replace(" ", "").strip()
    return bytes.fromhex(text[2:] if text.lower().startswith("0x") else text)


def pub(secret: bytes) -> bytes:
    return coincurve.PrivateKey(secret).public_key.format(compressed=True)


def cases(kind: str) -> list[dict]:
    return [c["data"] for c in CASES if c["kind"] == kind]


def unframe(framed: bytes) -> bytes:
    length, offset = decode_bigsize(framed)
    assert offset + length == len(framed)
    return framed[offset:]


def test_every_case_of_the_blinding_kinds_is_run():
    """Each kind present is run by a test below (they iterate over every case)."""
    assert {c["kind"] for c in CASES} & set(KINDS) <= set(KINDS)
    assert cases("route_blinding") and cases("blinded_payment_onion")


def _scid(text: str) -> ShortChannelId:
    return ShortChannelId.from_str(text)


def test_route_blinding_cases():
    for data in cases("route_blinding"):
        hops = data["generate"]["hops"]
        # the route is two paths joined: each starts where a session key is given
        starts = [i for i, hop in enumerate(hops) if "session_key" in hop] + [len(hops)]
        built = []
        for start, end in zip(starts, starts[1:], strict=False):
            part = hops[start:end]
            secrets = build_blinded_hops(h(part[0]["session_key"]),
                                         [h(x["node_id"]) for x in part],
                                         [h(x["encoded_tlvs"]) for x in part])
            built += secrets
        for hop, got in zip(hops, built, strict=True):
            assert got.path_key.hex() == hop["path_key"]
            assert pub(h(hop["path_privkey"])) == got.path_key
            assert got.shared_secret.hex() == hop["shared_secret"]
            assert hmac_sha256(b"rho", got.shared_secret).hex() == hop["rho"]
            assert got.encrypted_data.hex() == hop["encrypted_data"]
            assert got.blinded_node_id.hex() == hop["blinded_node_id"]
            decoded = RecipientData.from_bytes(h(hop["encoded_tlvs"]))
            assert decoded.to_bytes() == h(hop["encoded_tlvs"])
            _check_tlvs(decoded, hop["tlvs"])
        route = data["route"]
        assert route["first_path_key"] == hops[0]["path_key"]
        assert [x["blinded_node_id"] for x in route["hops"]] == [b.blinded_node_id.hex()
                                                                for b in built]
        path_key = h(route["first_path_key"])
        for hop, enc in zip(data["unblind"]["hops"], route["hops"], strict=True):
            assert path_key.hex() == hop["path_key"]
            got = unblind_hop(h(hop["node_privkey"]), path_key, h(enc["encrypted_data"]))
            assert got.blinded_private_key.hex() == hop["blinded_privkey"]
            assert pub(got.blinded_private_key).hex() == enc["blinded_node_id"]
            assert got.data.to_bytes().hex() == hop["decrypted_data"]
            want_next = hop.get("next_path_key_override", hop["next_path_key"])
            assert got.next_path_key.hex() == want_next
            path_key = got.next_path_key


def _check_tlvs(data: RecipientData, tlvs: dict) -> None:
    if "short_channel_id" in tlvs:
        assert data.short_channel_id == _scid(tlvs["short_channel_id"])
    if "next_node_id" in tlvs:
        assert data.next_node_id.hex() == tlvs["next_node_id"]
    if "path_id" in tlvs:
        assert data.path_id.hex() == tlvs["path_id"]
    if "next_path_key_override" in tlvs:
        assert data.next_path_key_override.hex() == tlvs["next_path_key_override"]
    if "payment_relay" in tlvs:
        relay = tlvs["payment_relay"]
        assert data.payment_relay.cltv_expiry_delta == relay["cltv_expiry_delta"]
        assert data.payment_relay.fee_proportional_millionths == relay["fee_proportional_millionths"]
        assert data.payment_relay.fee_base_msat == relay.get("fee_base_msat", 0)
    if "payment_constraints" in tlvs:
        c = tlvs["payment_constraints"]
        assert data.payment_constraints.max_cltv_expiry == c["max_cltv_expiry"]
        assert data.payment_constraints.htlc_minimum_msat == c["htlc_minimum_msat"]
    if "allowed_features" in tlvs:
        assert sorted(data.allowed_features.bits) == tlvs["allowed_features"]["features"]
    for key, value in tlvs.items():
        if key.startswith("unknown_tag_"):
            assert data.unknown[int(key.removeprefix("unknown_tag_"))].hex() == value


def test_blinded_payment_onion_cases():
    for data in cases("blinded_payment_onion"):
        gen = data["generate"]
        route = gen["blinded_route"]
        path = BlindedPath(h(route["first_node_id"]), h(route["first_path_key"]),
                           tuple(BlindedHop(h(x["blinded_node_id"]), h(x["encrypted_data"]))
                                 for x in route["hops"]))
        full = gen["full_route"]["hops"]
        final = full[-1]["tlvs"]
        node_ids, payloads = blinded_payment_hops(path, final["amt_to_forward"],
                                                  final["outgoing_cltv_value"],
                                                  final["total_amount_msat"])
        blinded_part = full[len(full) - len(path.hops):]
        assert [x.hex() for x in node_ids] == [x["pubkey"] for x in blinded_part]
        assert [p.encode() for p in payloads] == [unframe(h(x["payload"])) for x in blinded_part]
        lead = full[: len(full) - len(path.hops)]
        all_ids = [h(x["pubkey"]) for x in lead] + node_ids
        all_payloads = [unframe(h(x["payload"])) for x in lead] + [p.encode() for p in payloads]
        onion = build_onion(all_ids, all_payloads, h(gen["session_key"]), h(gen["associated_data"]))
        assert onion.packet.hex() == gen["onion"]
        _walk_blinded_payment(data, len(lead), full)


def _walk_blinded_payment(data: dict, plain_hops: int, full: list[dict]) -> None:
    assoc = h(data["generate"]["associated_data"])
    hops = data["decrypt"]["hops"]
    amount = cltv = None
    path_key = None
    for index, hop in enumerate(hops):
        onion = h(hop["onion"])
        key = h(hop["node_privkey"])
        if index < plain_hops:
            peeled = peel_onion(onion, key, assoc)
            payload = HopPayload.decode(peeled.payload)
            amount, cltv = payload.amt_to_forward, payload.outgoing_cltv_value
            assert peeled.next_packet == h(hops[index + 1]["onion"])
            continue
        got = peel_blinded_payment(onion, key, assoc, amount_msat=amount, cltv_expiry=cltv,
                                   path_key=path_key)
        if index < len(hops) - 1:
            assert isinstance(got, BlindedForward)
            assert got.next_packet == h(hops[index + 1]["onion"])
            assert got.next_path_key.hex() == hop["next_path_key"]
            path_key, amount, cltv = got.next_path_key, got.amt_to_forward, got.outgoing_cltv_value
        else:
            assert isinstance(got, BlindedReceive)
            final = full[-1]["tlvs"]
            assert got.amt_to_forward == final["amt_to_forward"] == amount
            assert got.outgoing_cltv_value == final["outgoing_cltv_value"] == cltv
            assert got.total_amount_msat == final["total_amount_msat"]
            assert got.path_id.hex() == final["encrypted_recipient_data"]["path_id"]


def _key(hop: dict, *names: str) -> bytes:
    return h(next(hop[n] for n in names if n in hop))


def test_blinded_onion_message_cases():
    for data in cases("blinded_onion_message"):
        gen = data["generate"]["hops"]
        route = data["route"]
        intro = h(route.get("first_node_id") or route["introduction_node_id"])
        node_ids = [intro] + [h(x["tlvs"]["next_node_id"]) for x in gen[:-1]]
        for hop, node_id in zip(gen, node_ids, strict=True):
            secret = _key(hop, "path_key_secret", "blinding_secret")
            got = build_blinded_hops(secret, [node_id], [h(hop["encrypted_data_tlv"])])[0]
            assert got.path_key.hex() == hop["E"]
            assert got.shared_secret.hex() == hop["ss"]
            assert got.blinded_node_id.hex() == hop["blinded_node_id"]
            assert got.encrypted_data.hex() == hop["encrypted_recipient_data"]
            assert sha256(got.path_key + got.shared_secret).hex() == hop["H(E || ss)"]
        # Dave's path (Bob -> Dave) joined behind the sender's own hop to Alice
        tail = BlindedPath(node_ids[1], h(gen[1]["E"]),
                           tuple(BlindedHop(h(x["blinded_node_id"]), h(x["encrypted_recipient_data"]))
                                 for x in gen[1:]))
        joined = prepend_hops(_key(gen[0], "path_key_secret", "blinding_secret"),
                              [intro], tail)
        assert joined.first_path_key == h(route.get("first_path_key") or route["blinding"])
        assert [x.encrypted_recipient_data.hex() for x in joined.hops] == [
            x["encrypted_recipient_data"] for x in route["hops"]]
        om = data["onionmessage"]
        content = {int(k.removeprefix("unknown_tag_")): h(v) for k, v in om.items()
                   if k.startswith("unknown_tag_")}
        first, message = build_onion_message(joined, content, h(data["generate"]["session_key"]))
        assert first == intro
        assert message.packet.hex() == om["onion_message_packet"]
        for index, hop in enumerate(data["decrypt"]["hops"]):
            wire = h(hop["onion_message"])
            received = OnionMessage.from_bytes(wire)
            assert received.to_bytes() == wire
            got = peel_onion_message(h(hop["privkey"]), received)
            if "next_node_id" in hop:
                assert isinstance(got, Forward)
                assert got.next_node_id.hex() == hop["next_node_id"]
                assert got.message.to_bytes() == h(data["decrypt"]["hops"][index + 1]["onion_message"])
            else:
                assert isinstance(got, Receive)
                assert got.path_id.hex() == gen[-1]["tlvs"]["path_id"]
                assert hop["tlvs"].get("path_id", gen[-1]["tlvs"]["path_id"]) == got.path_id.hex()
                enc = hop["tlvs"].get("encrypted_recipient_data")
                assert enc in (None, gen[-1]["encrypted_recipient_data"])
                for key, value in hop["tlvs"].items():
                    if key.startswith("unknown_tag_"):
                        assert got.get(int(key.removeprefix("unknown_tag_"))).hex() == value

