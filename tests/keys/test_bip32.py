"""BIP 32: every official derivation chain and invalid key, paths, and strict parsing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.hashes import sha256d
from wallet.keys.base58 import (
    Base58Error,
    b58check_decode,
    b58check_encode,
    b58decode,
    b58encode,
)
from wallet.keys.bip32 import (
    CURVE_ORDER,
    HARDENED,
    DerivationPathError,
    ExtendedKey,
    ExtendedKeyError,
    format_path,
    parse_path,
)
from wallet.networks import MAINNET, REGTEST, SIGNET, TESTNET

DATA = load_vector("bip32.json")
CHAINS = [
    pytest.param(vector["seed_hex"], chain, id=f"{vector['name']}-{chain['path']}")
    for vector in DATA["derivation_vectors"]
    for chain in vector["chains"]
]
PUBLIC_STEPS = [
    p for p in CHAINS if p.values[1]["path"][-1].isdigit() and p.values[1]["path"] != "m"
]
INVALID = [pytest.param(case["key"], id=case["reason"]) for case in DATA["invalid_extended_keys"]]
SEED = bytes.fromhex(DATA["derivation_vectors"][0]["seed_hex"])


def master(seed: bytes = SEED, network=MAINNET) -> ExtendedKey:
    return ExtendedKey.from_seed(seed, network)


@pytest.mark.parametrize("seed_hex,chain", CHAINS)
def test_derivation_chain(seed_hex, chain):
    key = master(bytes.fromhex(seed_hex)).derive_path(chain["path"])
    assert key.serialize() == chain["ext_prv"]
    assert key.neuter().serialize() == chain["ext_pub"]
    assert key.depth == len(parse_path(chain["path"])[1])


@pytest.mark.parametrize("seed_hex,chain", CHAINS)
def test_parse_round_trip(seed_hex, chain):
    for text, private in ((chain["ext_prv"], True), (chain["ext_pub"], False)):
        key, network, kind = ExtendedKey.parse(text)
        assert (network, kind, key.is_private) == (MAINNET, "x", private)
        assert key.serialize() == text
    prv = ExtendedKey.parse(chain["ext_prv"])[0]
    assert prv.neuter() == ExtendedKey.parse(chain["ext_pub"])[0]


@pytest.mark.parametrize("seed_hex,chain", PUBLIC_STEPS)
def test_public_derivation_matches_private(seed_hex, chain):
    """Each non-hardened step can be done from the parent's public key alone."""
    _, indexes = parse_path(chain["path"])
    assert indexes[-1] < HARDENED
    parent = master(bytes.fromhex(seed_hex)).derive_path(format_path(indexes[:-1]))
    child = parent.neuter().derive(indexes[-1])
    assert not child.is_private
    assert child.serialize() == chain["ext_pub"]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_keys_are_rejected(text):
    with pytest.raises(ExtendedKeyError) as info:
        ExtendedKey.parse(text)
    assert str(info.value)
    assert text not in str(info.value)


def _payload(key: ExtendedKey) -> bytearray:
    return bytearray(b58check_decode(key.serialize()))


def _reject(payload: bytes, match: str) -> None:
    with pytest.raises(ExtendedKeyError, match=match):
        ExtendedKey.parse(b58check_encode(bytes(payload)))


def test_each_rule_has_its_own_reason():
    prv, pub = master(), master().neuter()
    _reject(_payload(prv)[:-1], "78 bytes")
    _reject(_payload(prv) + b"\x00", "78 bytes")
    bad = _payload(prv)
    bad[0:4] = b"\x01\x02\x03\x04"
    _reject(bad, "unknown extended key version")
    bad = _payload(prv)
    bad[45:] = b"\x00" + (CURVE_ORDER + 1).to_bytes(32, "big")
    _reject(bad, "out of range")
    bad = _payload(pub)
    bad[45:] = bytes.fromhex("02" + "00" * 31 + "07")
    _reject(bad, "not a point on the curve")
    bad = _payload(pub)
    bad[45] = 4
    _reject(bad, "prefix 04")
    bad = _payload(prv)
    bad[45] = 1
    _reject(bad, "prefix 01")
    bad = _payload(pub)
    bad[45] = 0
    _reject(bad, "public key version but the key data is a private key")
    bad = _payload(prv)
    bad[45] = 3
    _reject(bad, "private key version but the key data is a public key")
    bad = _payload(prv)
    bad[5] = 1
    _reject(bad, "parent fingerprint")
    bad = _payload(prv)
    bad[12] = 1
    _reject(bad, "child number")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "xprv", "0OIl", "x" * 111, "1111111111", "xpub661MyMwAqRbc\u00e9"],
)
def test_garbage_is_rejected(text):
    with pytest.raises(ExtendedKeyError):
        ExtendedKey.parse(text)


def test_non_text_is_rejected():
    with pytest.raises(ExtendedKeyError):
        ExtendedKey.parse(b"xpub")  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_keys_never_leak_other_errors(data):
    text = master().derive_path("m/1/2'").serialize()
    pos = data.draw(st.integers(0, len(text) - 1))
    char = data.draw(st.sampled_from("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0"))
    mutated = text[:pos] + char + text[pos + 1 :]
    if mutated == text:
        return
    with pytest.raises(ExtendedKeyError):
        ExtendedKey.parse(mutated)


@settings(max_examples=200, deadline=None)
@given(payload=st.binary(min_size=70, max_size=80))
def test_random_payloads_raise_only_extended_key_error(payload):
    try:
        key, _, _ = ExtendedKey.parse(b58check_encode(payload))
    except ExtendedKeyError:
        return
    assert key.serialize() == b58check_encode(payload)


# -- networks and SLIP-132 forms ----------------------------------------------------------------


@pytest.mark.parametrize("network", [MAINNET, TESTNET, SIGNET, REGTEST])
@pytest.mark.parametrize("kind", ["x", "z"])
def test_serialize_forms(network, kind):
    key = master(network=network).derive_path("m/84'/1'/0'")
    for k in (key, key.neuter()):
        text = k.serialize(kind)
        prefix = {"mainnet": ("xprv", "xpub", "zprv", "zpub")}.get(
            network.name, ("tprv", "tpub", "vprv", "vpub")
        )
        expected = prefix[(2 if kind == "z" else 0) + (0 if k.is_private else 1)]
        assert text.startswith(expected)
        parsed, parsed_net, parsed_kind = ExtendedKey.parse(text, network)
        assert (parsed, parsed_net, parsed_kind) == (k, network, kind)


def test_test_network_keys_default_to_testnet_and_reject_mainnet():
    text = master(network=REGTEST).serialize()
    assert ExtendedKey.parse(text)[1] is TESTNET
    with pytest.raises(ExtendedKeyError, match="not mainnet"):
        ExtendedKey.parse(text, MAINNET)
    with pytest.raises(ExtendedKeyError, match="not signet"):
        ExtendedKey.parse(master().serialize(), SIGNET)


def test_unknown_kind():
    with pytest.raises(ExtendedKeyError):
        master().serialize("y")  # type: ignore[arg-type]


# -- derivation rules ------------------------------------------------------------------------


def test_hardened_markers_are_equivalent():
    key = master()
    expected = key.derive(HARDENED + 84).derive(HARDENED).derive(7)
    for path in ("m/84'/0'/7", "m/84h/0H/7", "M/84H/0h/7"):
        assert key.derive_path(path) == expected
    assert key.derive_path("m") == key
    assert expected.derive_path("1/2'") == expected.derive(1).derive(HARDENED + 2)


@pytest.mark.parametrize(
    "path",
    ["", "/", "m/", "m//1", "m/-1", "m/1''", "m/01", "m/x", "m/1 /2", "m/2147483648",
     "m/4294967295'", "1/m", "m/+1", "m/1'h", "m/\u0661"],
)
def test_bad_paths(path):
    with pytest.raises(DerivationPathError):
        master().derive_path(path)


def test_absolute_path_needs_master():
    with pytest.raises(DerivationPathError, match="master"):
        master().derive(1).derive_path("m/1")


def test_public_key_cannot_derive_hardened():
    with pytest.raises(ExtendedKeyError, match="hardened"):
        master().neuter().derive(HARDENED)
    with pytest.raises(ExtendedKeyError, match="no private key"):
        _ = master().neuter().private_key


@pytest.mark.parametrize("index", [-1, 2**32, "1", 1.0])
def test_bad_index(index):
    with pytest.raises(DerivationPathError):
        master().derive(index)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [b"", b"\x01" * 15, b"\x01" * 65])
def test_seed_length(seed):
    with pytest.raises(ExtendedKeyError):
        ExtendedKey.from_seed(seed, MAINNET)


def test_depth_limit():
    key = master()
    payload = _payload(key)
    payload[4] = 255
    payload[5:9] = b"\x01\x02\x03\x04"
    payload[9:13] = b"\x00\x00\x00\x01"
    deep = ExtendedKey.parse(b58check_encode(bytes(payload)))[0]
    with pytest.raises(ExtendedKeyError, match="255"):
        deep.derive(0)


def test_fingerprint_links_parent_and_child():
    parent = master()
    child = parent.derive(HARDENED + 3)
    assert child.parent_fingerprint == parent.fingerprint
    assert child.child_number == HARDENED + 3
    assert len(parent.fingerprint) == 4


def test_repr_hides_private_material():
    key = master().derive_path("m/0'")
    text = repr(key)
    for secret in (key.private_key.hex(), key.chain_code.hex(), key.serialize()):
        assert secret not in text
    assert "private" in text


def test_keys_are_immutable():
    key = master()
    with pytest.raises(AttributeError):
        key.depth = 3  # type: ignore[misc]


# -- base58 -------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=90))
def test_base58_round_trip(data):
    assert b58decode(b58encode(data)) == data
    assert b58check_decode(b58check_encode(data)) == data


def test_base58_known_values():
    assert b58encode(b"") == ""
    assert b58encode(b"\x00\x00\x01") == "112"
    assert b58encode(b"hello world") == "StV1DL6CwTryKyV"
    payload = b"\x00" * 21
    assert b58check_encode(payload) == "1111111111111111111114oLvT2"
    assert sha256d(payload)[:4] == b58decode("1111111111111111111114oLvT2")[-4:]


@pytest.mark.parametrize("text", ["0", "O", "I", "l", "abc!", "\u00e9"])
def test_base58_bad_characters(text):
    with pytest.raises(Base58Error):
        b58decode(text)


def test_base58check_errors():
    assert issubclass(Base58Error, InputError)
    with pytest.raises(Base58Error, match="too short"):
        b58check_decode("111")
    with pytest.raises(Base58Error, match="checksum"):
        b58check_decode("1111111111111111111114oLvT3")
