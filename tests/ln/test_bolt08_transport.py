"""BOLT 8: every handshake and message-encryption vector, plus our own two-sided tests."""

from __future__ import annotations

import os
import random

import pytest
from coincurve import PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.ln.transport import (
    ACT_ONE_SIZE,
    ACT_THREE_SIZE,
    ACT_TWO_SIZE,
    MAX_MESSAGE_SIZE,
    HandshakeBadTag,
    HandshakeError,
    InitiatorHandshake,
    MessageDecryptionError,
    MessageTooLarge,
    ResponderHandshake,
    Transport,
    hkdf_two_keys,
)
from wallet.ln.wire.errors import TransportError, WireError

V = load_vector("bolt08_transport.json")


def _hex(text: str) -> bytes:
    text = text.strip()
    return bytes.fromhex(text[2:] if text.startswith("0x") else text)


def _keys_output(transport: Transport, order: str) -> str:
    # The vectors print the final keys; they are internal state, read here on purpose.
    keys = {"sk": transport._send.key, "rk": transport._recv.key}
    names = order.split(",")
    return f"{order}=" + ",".join("0x" + keys[n].hex() for n in names)


def _same_output(expected: str, actual: str) -> bool:
    if expected.startswith("ERROR"):
        # "ERROR (ACT2_BAD_VERSION 1)": compare the code, not the detail after it
        return actual == expected.split("(")[1].split()[0].rstrip(")")
    if "=" in expected:
        names, values = expected.split("=")
        a_names, a_values = actual.split("=")
        expected_keys = dict(zip(names.split(","), (_hex(v) for v in values.split(",")), strict=True))
        actual_keys = dict(zip(a_names.split(","), (_hex(v) for v in a_values.split(",")), strict=True))
        return expected_keys == actual_keys
    return _hex(expected).hex() == actual


def _run(case: dict, side: str) -> None:
    params = case["params"]
    produced: list[str] = []
    error_seen = None
    if side == "initiator":
        hs = InitiatorHandshake(_hex(params["ls.priv"]), _hex(params["rs.pub"]), _hex(params["e.priv"]))
        produced.append(hs.act_one().hex())
    else:
        hs = ResponderHandshake(_hex(params["ls.priv"]), _hex(params["e.priv"]))
    for step in case["steps"]:
        if "input" in step:
            data = _hex(step["input"])
            try:
                if side == "initiator":
                    act_three, transport = hs.process_act_two(data)
                    produced += [act_three.hex(), _keys_output(transport, "sk,rk")]
                elif step.get("act") == "Act One":
                    produced.append(hs.process_act_one(data).hex())
                else:
                    produced.append(_keys_output(hs.process_act_three(data), "rk,sk"))
            except HandshakeError as exc:
                error_seen = exc.code
                produced.append(exc.code)
        elif "output" in step:
            assert produced, f"{case['name']}: expected {step['output']} but produced nothing"
            actual = produced.pop(0)
            assert _same_output(step["output"], actual), (case["name"], step["output"], actual)
    assert not produced, f"{case['name']}: produced more than the vector expects"
    if "expected_error" in case:
        assert error_seen == case["expected_error"].split()[0]
    else:
        assert error_seen is None


@pytest.mark.parametrize("case", V["initiator_tests"], ids=lambda c: c["name"])
def test_initiator_vectors(case):
    _run(case, "initiator")


@pytest.mark.parametrize("case", V["responder_tests"], ids=lambda c: c["name"])
def test_responder_vectors(case):
    _run(case, "responder")


def test_vectors_include_errors():
    cases = V["initiator_tests"] + V["responder_tests"]
    assert any("expected_error" in c for c in cases)
    assert any("expected_error" not in c for c in cases)


def _message_test_transports() -> tuple[Transport, Transport]:
    keys = V["message_encryption_test"]["keys"]
    ck, sk, rk = _hex(keys["ck"]), _hex(keys["sk"]), _hex(keys["rk"])
    dummy = PrivateKey(b"\x01" * 32).public_key.format()
    return Transport(sk, rk, ck, dummy), Transport(rk, sk, ck, dummy)


def test_message_encryption_vectors_with_two_rotations():
    test = V["message_encryption_test"]
    wanted = {o["message_index"]: _hex(o["ciphertext"]) for o in test["outputs"]}
    plaintext = _hex(test["plaintext"])  # "hello", hex-encoded
    sender, receiver = _message_test_transports()
    for index in range(max(wanted) + 1):
        wire = sender.encrypt_message(plaintext)
        if index in wanted:
            assert wire == wanted[index], f"message {index}"
        receiver.receive_data(wire)
        assert receiver.next_message() == plaintext
        assert receiver.next_message() is None


def test_hkdf_matches_rotation_trace():
    # "ck', k' = HKDF(ck, k)": the first rotation line of the trace
    lines = [t for t in V["message_encryption_test"]["trace"] if "= HKDF(" in t]
    assert lines
    for line in lines:
        outputs, args = line.split(" = HKDF(")
        ck, k = (_hex(a) for a in args.rstrip(")").split(","))
        assert hkdf_two_keys(ck, k) == tuple(_hex(o) for o in outputs.split(","))


# -- our initiator against our responder -------------------------------------------------------


def _handshake() -> tuple[Transport, Transport, bytes, bytes]:
    alice_key, bob_key = os.urandom(32), os.urandom(32)
    alice_pub = PrivateKey(alice_key).public_key.format()
    bob_pub = PrivateKey(bob_key).public_key.format()
    initiator = InitiatorHandshake(alice_key, bob_pub)
    responder = ResponderHandshake(bob_key)
    act_one = initiator.act_one()
    assert len(act_one) == ACT_ONE_SIZE
    act_two = responder.process_act_one(act_one)
    assert len(act_two) == ACT_TWO_SIZE
    act_three, alice = initiator.process_act_two(act_two)
    assert len(act_three) == ACT_THREE_SIZE
    bob = responder.process_act_three(act_three)
    return alice, bob, alice_pub, bob_pub


def test_handshake_both_sides_and_many_messages_both_ways():
    alice, bob, alice_pub, bob_pub = _handshake()
    assert bob.remote_pubkey == alice_pub and alice.remote_pubkey == bob_pub
    rng = random.Random(8)
    # 1200 messages each way crosses two key rotations in every direction
    for i in range(1200):
        m1 = rng.randbytes(rng.randrange(0, 300))
        m2 = rng.randbytes(rng.randrange(0, 300))
        bob.receive_data(alice.encrypt_message(m1))
        alice.receive_data(bob.encrypt_message(m2))
        assert bob.next_message() == m1, i
        assert alice.next_message() == m2, i
    assert alice.next_message() is None and bob.buffered == 0


def test_byte_by_byte_feeding_and_several_messages_in_one_chunk():
    alice, bob, _, _ = _handshake()
    messages = [b"", b"x", os.urandom(1000), os.urandom(MAX_MESSAGE_SIZE)]
    wire = b"".join(alice.encrypt_message(m) for m in messages)
    received = []
    for i in range(len(wire)):
        bob.receive_data(wire[i : i + 1])
        msg = bob.next_message()
        if msg is not None:
            received.append(msg)
    assert received == messages
    # and everything at once
    wire = b"".join(alice.encrypt_message(m) for m in messages)
    bob.receive_data(wire)
    assert bob.messages() == messages


@settings(max_examples=30, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=8), st.randoms(use_true_random=False))
def test_any_chunking_gives_the_same_messages(messages, rnd):
    keys = [os.urandom(32) for _ in range(3)]
    sender = Transport(keys[0], keys[1], keys[2], b"")
    receiver = Transport(keys[1], keys[0], keys[2], b"")
    wire = b"".join(sender.encrypt_message(m) for m in messages)
    received, pos = [], 0
    while pos < len(wire):
        step = rnd.randint(1, 60)
        receiver.receive_data(wire[pos : pos + step])
        pos += step
        received += receiver.messages()
    assert received == messages


# -- failures ----------------------------------------------------------------------------------


def test_errors_are_typed_input_errors():
    for cls in (TransportError, HandshakeError, MessageDecryptionError, MessageTooLarge):
        assert issubclass(cls, WireError) and issubclass(cls, InputError)


def test_wrong_node_id_fails_act_one_at_responder():
    bob_key = os.urandom(32)
    wrong_pub = PrivateKey(os.urandom(32)).public_key.format()
    initiator = InitiatorHandshake(os.urandom(32), wrong_pub)
    responder = ResponderHandshake(bob_key)
    with pytest.raises(HandshakeBadTag) as info:
        responder.process_act_one(initiator.act_one())
    assert info.value.code == "ACT1_BAD_TAG"
    with pytest.raises(TransportError, match="already failed"):
        responder.process_act_three(b"\x00" * ACT_THREE_SIZE)


def test_tampered_act_two_fails_at_initiator():
    bob_key = os.urandom(32)
    initiator = InitiatorHandshake(os.urandom(32), PrivateKey(bob_key).public_key.format())
    act_two = bytearray(ResponderHandshake(bob_key).process_act_one(initiator.act_one()))
    act_two[-1] ^= 1
    with pytest.raises(HandshakeError) as info:
        initiator.process_act_two(bytes(act_two))
    assert info.value.code == "ACT2_BAD_TAG"


@pytest.mark.parametrize("act_size", [ACT_ONE_SIZE])
def test_bad_version_byte(act_size):
    bob_key = os.urandom(32)
    initiator = InitiatorHandshake(os.urandom(32), PrivateKey(bob_key).public_key.format())
    act_one = bytearray(initiator.act_one())
    act_one[0] = 1
    with pytest.raises(HandshakeError) as info:
        ResponderHandshake(bob_key).process_act_one(bytes(act_one))
    assert info.value.code == "ACT1_BAD_VERSION"


def test_acts_out_of_order_and_bad_keys():
    bob_pub = PrivateKey(os.urandom(32)).public_key.format()
    initiator = InitiatorHandshake(os.urandom(32), bob_pub)
    with pytest.raises(TransportError, match="out of order"):
        initiator.process_act_two(b"\x00" * ACT_TWO_SIZE)
    initiator.act_one()
    with pytest.raises(TransportError, match="out of order"):
        initiator.act_one()
    with pytest.raises(TransportError):
        InitiatorHandshake(os.urandom(32), b"\x04" + bob_pub[1:])
    with pytest.raises(TransportError):
        InitiatorHandshake(b"\x00" * 32, bob_pub)


def test_tampered_message_kills_the_transport():
    alice, bob, _, _ = _handshake()
    wire = bytearray(alice.encrypt_message(b"hello"))
    wire[-1] ^= 0x80
    bob.receive_data(bytes(wire))
    with pytest.raises(MessageDecryptionError, match="body"):
        bob.next_message()
    with pytest.raises(TransportError, match="failed"):
        bob.next_message()
    with pytest.raises(TransportError, match="failed"):
        bob.receive_data(b"x")


def test_tampered_length_header_is_caught_before_reading_a_body():
    alice, bob, _, _ = _handshake()
    wire = bytearray(alice.encrypt_message(b"hello"))
    wire[0] ^= 1
    bob.receive_data(bytes(wire[:18]))
    with pytest.raises(MessageDecryptionError, match="length"):
        bob.next_message()


def test_replayed_message_is_rejected():
    alice, bob, _, _ = _handshake()
    wire = alice.encrypt_message(b"once")
    bob.receive_data(wire + wire)
    assert bob.next_message() == b"once"
    with pytest.raises(MessageDecryptionError):
        bob.next_message()


def test_message_size_limit():
    alice, bob, _, _ = _handshake()
    with pytest.raises(MessageTooLarge):
        alice.encrypt_message(b"\x00" * (MAX_MESSAGE_SIZE + 1))
    wire = alice.encrypt_message(b"\x00" * MAX_MESSAGE_SIZE)
    assert len(wire) == 2 + 16 + MAX_MESSAGE_SIZE + 16
    bob.receive_data(wire)
    assert bob.next_message() == b"\x00" * MAX_MESSAGE_SIZE
