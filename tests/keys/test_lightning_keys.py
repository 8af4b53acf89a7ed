"""Lightning node and channel keys: deterministic, distinct, restorable, isolated."""

from __future__ import annotations

from dataclasses import astuple

import pytest
from coincurve import PrivateKey

from wallet.hashes import hmac_sha512
from wallet.keys.bip32 import CURVE_ORDER, HARDENED, ExtendedKey, ExtendedKeyError, parse_path
from wallet.keys.lightning import (
    KeyFamily,
    LightningKeys,
    channel_key_path,
    node_key_path,
)
from wallet.networks import MAINNET, REGTEST, SIGNET, TESTNET

SEED = bytes(range(64))
OTHER_SEED = bytes(range(1, 65))
SECRETS = [
    ("funding_private_key", "funding_pubkey", KeyFamily.FUNDING),
    ("revocation_basepoint_secret", "revocation_basepoint", KeyFamily.REVOCATION_BASE),
    ("payment_basepoint_secret", "payment_basepoint", KeyFamily.PAYMENT_BASE),
    (
        "delayed_payment_basepoint_secret",
        "delayed_payment_basepoint",
        KeyFamily.DELAYED_PAYMENT_BASE,
    ),
    ("htlc_basepoint_secret", "htlc_basepoint", KeyFamily.HTLC_BASE),
]


@pytest.fixture(scope="module")
def keys() -> LightningKeys:
    return LightningKeys.from_seed(SEED, MAINNET)


def pubkey(secret: bytes) -> bytes:
    return PrivateKey(secret).public_key.format(compressed=True)


def test_node_key(keys):
    assert len(keys.node_private_key) == 32
    assert len(keys.node_id) == 33 and keys.node_id[0] in (2, 3)
    assert pubkey(keys.node_private_key) == keys.node_id


def test_node_key_is_at_documented_path(keys):
    root = ExtendedKey.from_seed(SEED, MAINNET)
    assert node_key_path(MAINNET) == "m/9735'/0'/0'/0'"
    assert root.derive_path(node_key_path(MAINNET)).public_key == keys.node_id


def test_channel_keys_are_at_documented_paths(keys):
    root = ExtendedKey.from_seed(SEED, MAINNET)
    ck = keys.channel_keys(7)
    assert channel_key_path(MAINNET, 7, KeyFamily.HTLC_BASE) == "m/9735'/0'/1'/7'/4'"
    for secret_name, point_name, family in SECRETS:
        node = root.derive_path(channel_key_path(MAINNET, 7, family))
        assert getattr(ck, secret_name) == node.private_key
        assert getattr(ck, point_name) == node.public_key
    seed_node = root.derive_path(channel_key_path(MAINNET, 7, KeyFamily.PER_COMMITMENT_SEED))
    assert ck.per_commitment_seed == seed_node.private_key


def test_points_match_secrets(keys):
    ck = keys.channel_keys(0)
    assert ck.index == 0
    for secret_name, point_name, _ in SECRETS:
        secret = getattr(ck, secret_name)
        assert len(secret) == 32
        assert pubkey(secret) == getattr(ck, point_name)
    assert len(ck.per_commitment_seed) == 32


def test_deterministic_and_restorable(keys):
    again = LightningKeys.from_seed(SEED, MAINNET)
    assert again.node_id == keys.node_id
    assert again.node_private_key == keys.node_private_key
    for index in (0, 1, 1000, HARDENED - 1):
        assert again.channel_keys(index) == keys.channel_keys(index)


def test_everything_is_distinct(keys):
    values = [keys.node_private_key]
    for index in range(4):
        ck = keys.channel_keys(index)
        values += [getattr(ck, s) for s, _, _ in SECRETS] + [ck.per_commitment_seed]
    assert len(set(values)) == len(values)


def test_seed_and_network_change_everything(keys):
    other = LightningKeys.from_seed(OTHER_SEED, MAINNET)
    testnet = LightningKeys.from_seed(SEED, TESTNET)
    assert len({keys.node_id, other.node_id, testnet.node_id}) == 3
    assert other.channel_keys(0).funding_pubkey != keys.channel_keys(0).funding_pubkey
    # Test networks share coin type 1 and hence keys (as on-chain BIP 84 does).
    assert LightningKeys.from_seed(SEED, REGTEST).node_id == testnet.node_id
    assert LightningKeys.from_seed(SEED, SIGNET).node_id == testnet.node_id


def test_every_step_is_hardened():
    paths = [node_key_path(MAINNET)] + [
        channel_key_path(net, 5, family) for net in (MAINNET, TESTNET) for family in KeyFamily
    ]
    for path in paths:
        _, indexes = parse_path(path)
        assert indexes and all(i >= HARDENED for i in indexes), path


def _recover_parent_secret(parent_public: ExtendedKey, child_secret: bytes, index: int) -> bytes:
    """The classic BIP 32 leak: parent xpub + one non-hardened child secret = parent secret."""
    tweak = hmac_sha512(parent_public.chain_code, parent_public.public_key + index.to_bytes(4, "big"))
    n = (int.from_bytes(child_secret, "big") - int.from_bytes(tweak[:32], "big")) % CURVE_ORDER
    return n.to_bytes(32, "big")


def test_a_leaked_channel_reveals_nothing_about_others():
    root = ExtendedKey.from_seed(SEED, MAINNET)
    # The attack works on a non-hardened child, which is why Lightning keys avoid it...
    parent = root.derive_path("m/9735'/0'/1'")
    child = parent.derive(3)
    assert _recover_parent_secret(parent.neuter(), child.private_key, 3) == parent.private_key
    # ...and fails on the hardened layout: a channel's secrets plus every public extended
    # key above them do not give the channel's parent, hence no sibling channel.
    keys = LightningKeys.from_seed(SEED, MAINNET)
    leaked = keys.channel_keys(3)
    channel = root.derive_path("m/9735'/0'/1'/3'")
    for family in KeyFamily:
        index = HARDENED + int(family)
        secret = root.derive_path(channel_key_path(MAINNET, 3, family)).private_key
        assert _recover_parent_secret(channel.neuter(), secret, index) != channel.private_key
    with pytest.raises(ExtendedKeyError):
        parent.neuter().derive(HARDENED + 4)  # no public path to a sibling channel
    sibling = keys.channel_keys(4)
    assert not set(astuple(leaked)[1:]) & set(astuple(sibling)[1:])


@pytest.mark.parametrize("index", [-1, HARDENED, True, "0", 1.5])
def test_bad_channel_index(keys, index):
    with pytest.raises(ExtendedKeyError):
        keys.channel_keys(index)  # type: ignore[arg-type]


def test_needs_private_master_key():
    root = ExtendedKey.from_seed(SEED, MAINNET)
    with pytest.raises(ExtendedKeyError):
        LightningKeys(root.neuter(), MAINNET)
    with pytest.raises(ExtendedKeyError):
        LightningKeys(root.derive(0), MAINNET)


def test_repr_hides_secrets(keys):
    ck = keys.channel_keys(2)
    texts = repr(keys) + repr(ck) + str(ck)
    assert keys.node_private_key.hex() not in texts
    for name in [s for s, _, _ in SECRETS] + ["per_commitment_seed"]:
        assert getattr(ck, name).hex() not in texts
    assert keys.node_id.hex() in repr(keys)  # the node id is public and useful in logs
