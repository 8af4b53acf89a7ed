"""BOLT 4 test vectors: onion construction and peeling, failure packets hop by hop."""

from __future__ import annotations

import pytest

from tests.conftest import load_vector
from wallet.ln.onion.failures import (
    FailureMessage,
    add_attribution,
    build_error_packet,
    decrypt_error_packet,
    obfuscate_error_packet,
    verify_attribution,
)
from wallet.ln.onion.sphinx import (
    HopPayload,
    build_onion,
    chacha20_stream,
    generate_key,
    peel_onion,
    route_shared_secrets,
)
from wallet.ln.wire.bigsize import decode_bigsize
from wallet.ln.wire.tlv import decode_tlv_stream

CASES = load_vector("bolt04_onion.json")["cases"]
HANDLED_KINDS = {
    "onion_construction",
    "error_packet_with_attribution_data",
    "success_attribution_data",
    # run by test_route_blinding_vectors.py
    "blinded_payment_onion",
    "route_blinding",
    "blinded_onion_message",
}


def h(text: str) -> bytes:
    text = text.strip()
    return bytes.fromhex(text[2:] if text.lower().startswith("0x") else text)


def cases_of(kind: str) -> list:
    return [pytest.param(c["data"], id=c["name"]) for c in CASES if c["kind"] == kind]


def test_every_vector_kind_is_handled():
    kinds = {c["kind"] for c in CASES}
    assert kinds <= HANDLED_KINDS, kinds - HANDLED_KINDS
    assert any(c["kind"] == "onion_construction" for c in CASES)


def _unframe(framed: bytes) -> bytes:
    """The vectors give payloads with their bigsize length prefix."""
    length, offset = decode_bigsize(framed)
    assert offset + length == len(framed)
    return framed[offset:]


@pytest.mark.parametrize("data", cases_of("onion_construction"))
def test_onion_construction_builds_the_exact_packet(data):
    gen = data["generate"]
    node_ids = [h(hop["pubkey"]) for hop in gen["hops"]]
    payloads = [_unframe(h(hop["payload"])) for hop in gen["hops"]]
    built = build_onion(node_ids, payloads, h(gen["session_key"]), h(gen["associated_data"]))
    assert built.packet.hex() == data["onion"].lower()
    assert len(built.packet) == 1366
    assert built.shared_secrets == tuple(
        s.shared_secret for s in route_shared_secrets(h(gen["session_key"]), node_ids)
    )


@pytest.mark.parametrize("data", cases_of("onion_construction"))
def test_onion_construction_peels_back_to_every_payload(data):
    gen = data["generate"]
    associated = h(gen["associated_data"])
    packet = h(data["onion"])
    secrets = route_shared_secrets(h(gen["session_key"]), [h(x["pubkey"]) for x in gen["hops"]])
    for index, privkey in enumerate(data["decode"]):
        assert packet is not None, f"hop {index} got no packet"
        peeled = peel_onion(packet, h(privkey), associated)
        assert peeled.payload == _unframe(h(gen["hops"][index]["payload"]))
        assert peeled.shared_secret == secrets[index].shared_secret
        assert peeled.is_final == (index == len(data["decode"]) - 1)
        # Each payload is a valid TLV stream that survives a decode/encode round trip.
        decoded = HopPayload.decode(peeled.payload)
        assert decoded.encode() == peeled.payload
        packet = peeled.next_packet
    assert packet is None


@pytest.mark.parametrize("data", cases_of("error_packet_with_attribution_data"))
def test_error_packet_steps(data):
    """The spec's in-depth trace: message, HMAC'd packet, each hop's ammag layer, and the
    attribution data each hop adds."""
    params = data["params"]
    node_ids = [h(hop["pubkey"]) for hop in params["hops"]]
    secrets = [s.shared_secret for s in route_shared_secrets(h(params["sessionkey"]), node_ids)]
    creating, *forwarding = data["steps"]
    failing = forwarding[0]["node"]
    assert creating["shared_secret"].lower() == secrets[failing].hex()
    assert generate_key(b"um", secrets[failing]).hex() == creating["um_key"].lower()

    payload = h(creating["payload"])
    assert payload[2:] == h(creating["encoded_failure_message"])
    failure_len = int.from_bytes(payload[:2], "big")
    message_bytes = payload[2 : 2 + failure_len]
    failure = FailureMessage.decode(message_bytes)
    assert failure.name == params["failure_message"]
    assert failure["htlc_msat"] == params["htlc_msat"]
    assert failure["height"] == params["height"]
    assert params["tlv_data"]["type"] in decode_tlv_stream(failure.extra)
    assert failure.encode() == message_bytes

    pad_to = len(payload) - 4  # failure_len + pad_len as this trace pads them
    packet = build_error_packet(secrets[failing], failure, pad_to=pad_to)
    assert packet == h(creating["raw_error_packet"])
    hold_times = return_path_hold_times(params)
    attribution = None
    for step in forwarding:
        attribution = add_attribution(secrets[step["node"]], hold_times[step["node"]], attribution, packet)
        assert attribution == h(step["attribution_data"])
        secret = secrets[step["node"]]
        assert secret.hex() == step["shared_secret"].lower()
        ammag = generate_key(b"ammag", secret)
        assert ammag.hex() == step["ammag_key"].lower()
        assert chacha20_stream(ammag, len(packet)) == h(step["stream"])
        packet = obfuscate_error_packet(packet, secret)
        assert packet == h(step["error_packet"])

    result = decrypt_error_packet(packet, secrets)
    assert result.hop_index == failing
    assert result.failure == failure
    checked = verify_attribution(attribution, secrets, result.hop_index, packet)
    assert checked.hold_times == tuple(hold_times[: failing + 1])


def return_path_hold_times(params: dict) -> list[int]:
    """Hold time reported by each hop, in route order.

    The spec's trace numbers `htlc_hold_time[k]` along the way back: k = 0 is the erring
    (last) node, which held the HTLC the shortest; the first hop, holding it longest,
    reports the last value.
    """
    times = [hop["htlc_hold_time"] for hop in params["hops"]]
    return times[::-1]


@pytest.mark.parametrize("data", cases_of("success_attribution_data"))
def test_success_attribution_data(data):
    """Fulfilled payment: the same route and hold times, no failure packet covered."""
    params = next(
        (c["data"]["params"] for c in CASES if c["kind"] == "error_packet_with_attribution_data"), None
    )
    if params is None:
        pytest.skip("the success trace reuses the failure trace's route, absent from this file")
    node_ids = [h(hop["pubkey"]) for hop in params["hops"]]
    secrets = [s.shared_secret for s in route_shared_secrets(h(params["sessionkey"]), node_ids)]
    hold_times = return_path_hold_times(params)
    attribution = None
    for step in data["attribution_data"]:
        attribution = add_attribution(secrets[step["node"]], hold_times[step["node"]], attribution)
        assert attribution == h(step["attribution_data"])
    final = data["attribution_data"][0]["node"]
    assert verify_attribution(attribution, secrets, final).hold_times == tuple(hold_times[: final + 1])
