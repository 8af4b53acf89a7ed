"""Trampoline test vectors of the spec draft (lightning/bolts PR #836), SPEC_DRAFT dialect."""

from __future__ import annotations

import pytest

from tests.conftest import load_vector
from wallet.ln.onion.failures import (
    FailureCode,
    FailureMessage,
    decrypt_error_packet,
    obfuscate_error_packet,
    unwrap_error_packet,
)
from wallet.ln.onion.sphinx import HopPayload, build_onion, peel_onion
from wallet.ln.onion.trampoline import (
    TrampolineDialect,
    TrampolineForward,
    TrampolineHop,
    TrampolineReceive,
    TrampolineRecipient,
    build_trampoline_onion,
    create_trampoline_error_packet,
    outer_known_types,
    peel_trampoline,
    trampoline_outer_payload,
    trampoline_payloads,
    wrap_trampoline_failure,
)
from wallet.ln.wire.bigsize import decode_bigsize
from wallet.ln.wire.primitives import ShortChannelId

VECTOR = load_vector("bolt04_trampoline.json")
CASES = VECTOR["cases"]
SPEC = TrampolineDialect.SPEC_DRAFT
PAYMENT_KINDS = {"trampoline_payment_onion", "trampoline_error"}
# run by test_trampoline_blinded_vectors.py
BLINDED_KINDS = {"trampoline_to_blinded_path"}


def h(text: str) -> bytes:
    text = text.replace(" ", "").strip()
    return bytes.fromhex(text[2:] if text.lower().startswith("0x") else text)


def unframe(hex_text: str) -> bytes:
    framed = h(hex_text)
    length, offset = decode_bigsize(framed)
    assert offset + length == len(framed)
    return framed[offset:]


def cases_of(*kinds: str) -> list:
    return [pytest.param(c["data"], id=c["name"]) for c in CASES if c["kind"] in kinds]


def test_every_trampoline_kind_is_handled():
    kinds = {c["kind"] for c in CASES}
    assert kinds <= PAYMENT_KINDS | BLINDED_KINDS
    assert any(c["kind"] == "trampoline_payment_onion" for c in CASES)


def outer_payload(payload: dict, packet_field: str = "trampoline_onion") -> HopPayload:
    """A vector's outer hop payload (JSON fields) as a HopPayload."""
    if "short_channel_id" in payload:
        scid = ShortChannelId.from_str(payload["short_channel_id"])
        return HopPayload.forward(payload["amt_to_forward"], payload["outgoing_cltv"], scid)
    return trampoline_outer_payload(
        h(payload[packet_field]),
        amt_to_forward=payload["amt_to_forward"],
        outgoing_cltv_value=payload["outgoing_cltv"],
        payment_secret=h(payload["payment_secret"]),
        total_msat=payload["total_amount_msat"],
        dialect=SPEC,
    )


def alice_trampoline_route(gen: dict) -> tuple[list[TrampolineHop], TrampolineRecipient]:
    *trampolines, final = gen["trampoline_hops"]
    hops = [
        TrampolineHop(h(t["node_id"]), t["payload"]["amt_to_forward"], t["payload"]["outgoing_cltv"])
        for t in trampolines
    ]
    # Each trampoline names the next node of the route.
    next_ids = [t["node_id"] for t in gen["trampoline_hops"][1:]]
    assert [t["payload"]["outgoing_node_id"] for t in trampolines] == next_ids
    fp = final["payload"]
    recipient = TrampolineRecipient(
        node_id=h(final["node_id"]),
        amount_msat=fp["amt_to_forward"],
        cltv_expiry=fp["outgoing_cltv"],
        payment_secret=h(fp["payment_secret"]),
        total_msat=fp["total_amount_msat"],
    )
    return hops, recipient


@pytest.mark.parametrize("data", cases_of(*PAYMENT_KINDS))
def test_alice_builds_the_trampoline_onion(data):
    gen = data["generate_alice"]
    trampolines, recipient = alice_trampoline_route(gen)
    node_ids, payloads = trampoline_payloads(trampolines, recipient, SPEC)
    assert node_ids == [h(x["node_id"]) for x in gen["trampoline_hops"]]
    assert [p.encode() for p in payloads] == [unframe(x["payload"]["hex"]) for x in gen["trampoline_hops"]]
    built = build_trampoline_onion(
        trampolines,
        recipient,
        session_key=h(gen["trampoline_session_key"]),
        payment_hash=h(gen["associated_data"]),
        dialect=SPEC,
        payload_size=None,
    )
    assert built.packet == h(gen["trampoline_onion"])
    for hop, secret in zip(gen["trampoline_hops"], built.shared_secrets, strict=True):
        if "shared_secret" in hop:
            assert secret == h(hop["shared_secret"])


def build_outer(gen: dict) -> tuple[bytes, tuple[bytes, ...]]:
    payloads = [outer_payload(hop["payload"]) for hop in gen["hops"]]
    assert [p.encode() for p in payloads] == [unframe(hop["payload"]["hex"]) for hop in gen["hops"]]
    built = build_onion(
        [h(hop["node_id"]) for hop in gen["hops"]],
        [p.encode() for p in payloads],
        h(gen["session_key"]),
        h(gen["associated_data"]),
    )
    return built.packet, built.shared_secrets


@pytest.mark.parametrize("data", cases_of(*PAYMENT_KINDS))
def test_outer_onions_and_plain_relays(data):
    for who in ("generate_alice", "generate_carol"):
        gen = data[who]
        packet, secrets = build_outer(gen)
        assert packet == h(gen["onion"]), who
        for hop, secret in zip(gen["hops"], secrets, strict=True):
            if "shared_secret" in hop:
                assert secret == h(hop["shared_secret"])
    assert data["decrypt_bob"]["onion"] == data["generate_alice"]["onion"]
    for who in ("decrypt_bob", "decrypt_dave"):
        step = data[who]
        peeled = peel_onion(h(step["onion"]), h(step["node_privkey"]), h(data["generate_alice"]["associated_data"]))
        assert peeled.next_packet == h(step["next_onion"]), who
        HopPayload.decode(peeled.payload).validate_intermediate()


@pytest.mark.parametrize("data", cases_of(*PAYMENT_KINDS))
def test_carol_peels_and_forwards_the_trampoline_onion(data):
    step = data["decrypt_carol"]
    payment_hash = h(data["generate_alice"]["associated_data"])
    peeled = peel_onion(h(step["onion"]), h(step["node_privkey"]), payment_hash)
    assert peeled.is_final
    outer = HopPayload.decode(peeled.payload, extra_known_types=outer_known_types())
    outer.validate_final()
    result = peel_trampoline(outer, h(step["node_privkey"]), payment_hash)
    assert isinstance(result, TrampolineForward)
    assert result.dialect is SPEC
    assert result.legacy is None
    assert result.next_packet == h(step["next_trampoline_onion"])
    carol_spec = data["generate_alice"]["trampoline_hops"][0]
    assert result.next_node_id == h(carol_spec["payload"]["outgoing_node_id"])
    assert result.amt_to_forward == carol_spec["payload"]["amt_to_forward"]
    assert result.outgoing_cltv_value == carol_spec["payload"]["outgoing_cltv"]
    if "shared_secret" in carol_spec:
        assert result.shared_secret == h(carol_spec["shared_secret"])
    # Carol's onion for Eve carries exactly the peeled trampoline onion.
    eve_outer = data["generate_carol"]["hops"][-1]["payload"]
    assert h(eve_outer["trampoline_onion"]) == result.next_packet


@pytest.mark.parametrize("data", cases_of("trampoline_payment_onion"))
def test_eve_receives(data):
    step = data["decrypt_eve"]
    payment_hash = h(data["generate_alice"]["associated_data"])
    peeled = peel_onion(h(step["onion"]), h(step["node_privkey"]), payment_hash)
    assert peeled.is_final
    assert peeled.payload == unframe(step["decrypted_payload"])
    outer = HopPayload.decode(peeled.payload, extra_known_types=outer_known_types())
    result = peel_trampoline(outer, h(step["node_privkey"]), payment_hash)
    assert isinstance(result, TrampolineReceive)
    assert result.payload.encode() == unframe(step["decrypted_trampoline_payload"])
    eve_spec = data["generate_alice"]["trampoline_hops"][-1]["payload"]
    assert result.amt_to_forward == eve_spec["amt_to_forward"]
    assert result.outgoing_cltv_value == eve_spec["outgoing_cltv"]
    assert result.payment_secret == h(eve_spec["payment_secret"])
    assert result.total_msat == eve_spec["total_amount_msat"]


def failure_of(spec: dict) -> FailureMessage:
    """A failure written in the vector as {type: name, field: value...}."""
    fields = {k: v for k, v in spec.items() if k != "type"}
    return FailureMessage.make(FailureCode[spec["type"].upper()], **fields)


@pytest.mark.parametrize("data", cases_of("trampoline_error"))
def test_trampoline_failure_travels_back_to_alice(data):
    payment_hash = h(data["generate_alice"]["associated_data"])
    eve = data["failure_eve"]
    # Eve's secrets are those she derives while peeling.
    peeled = peel_onion(h(eve["onion"]), h(eve["node_privkey"]), payment_hash)
    assert peeled.shared_secret == h(eve["onion_shared_secret"])
    outer = HopPayload.decode(peeled.payload, extra_known_types=outer_known_types())
    received = peel_trampoline(outer, h(eve["node_privkey"]), payment_hash)
    assert received.shared_secret == h(eve["trampoline_onion_shared_secret"])

    failure = failure_of(eve["failure"])
    packet = create_trampoline_error_packet(
        failure, trampoline_secret=received.shared_secret, outer_secret=peeled.shared_secret
    )
    assert packet == h(eve["failure_packet"])

    dave = data["failure_dave"]
    packet = obfuscate_error_packet(packet, h(dave["onion_shared_secret"]))
    assert packet == h(dave["failure_packet"])

    carol = data["failure_carol"]
    downstream = [h(s) for s in carol["downstream_shared_secrets"]]
    unwrapped = unwrap_error_packet(packet, downstream)
    assert unwrapped == h(carol["downstream_unwrapped_failure"])
    packet = wrap_trampoline_failure(
        unwrapped,
        trampoline_secret=h(carol["upstream_trampoline_onion_shared_secret"]),
        outer_secret=h(carol["upstream_onion_shared_secret"]),
    )
    assert packet == h(carol["failure_packet"])

    bob = data["failure_bob"]
    packet = obfuscate_error_packet(packet, h(bob["onion_shared_secret"]))
    assert packet == h(bob["failure_packet"])

    alice = data["failure_alice"]
    outer_secrets = [h(s) for s in alice["onion_shared_secrets"]]
    trampoline_secrets = [h(s) for s in alice["trampoline_onion_shared_secrets"]]
    assert unwrap_error_packet(packet, outer_secrets) == h(alice["unwrapped_onion_failure"])
    assert unwrap_error_packet(packet, outer_secrets + trampoline_secrets) == h(
        alice["unwrapped_trampoline_onion_failure"]
    )
    result = decrypt_error_packet(packet, outer_secrets, trampoline_secrets)
    assert result.in_trampoline
    assert result.hop_index == len(trampoline_secrets) - 1
    assert result.failure == failure_of(alice["decrypted_failure"])
