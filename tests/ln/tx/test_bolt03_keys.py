"""BOLT 3 Appendix E: key derivation, plus bad keys and private/public consistency."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.ln.tx.keys import (
    CURVE_ORDER,
    ChannelKeyError,
    derive_privkey,
    derive_pubkey,
    derive_revocation_privkey,
    derive_revocation_pubkey,
    per_commitment_point,
    pubkey_from_secret,
)

APP_E = load_vector("bolt03_commitment.json")["key_derivation"]
PARAMS = APP_E["params"]


def h(value: str) -> bytes:
    return bytes.fromhex(value.removeprefix("0x"))


BASE_SECRET = h(PARAMS["base_secret"])
BASE_POINT = h(PARAMS["base_point"])
PC_SECRET = h(PARAMS["per_commitment_secret"])
PC_POINT = h(PARAMS["per_commitment_point"])


def test_params_are_consistent():
    assert pubkey_from_secret(BASE_SECRET) == BASE_POINT
    assert per_commitment_point(PC_SECRET) == PC_POINT


def derive(result_name: str) -> bytes:
    """Compute what a case names, from the App. E params (base point doubles as the
    revocation basepoint there)."""
    if result_name in ("localpubkey", "remotepubkey", "local_htlcpubkey", "local_delayedpubkey"):
        return derive_pubkey(BASE_POINT, PC_POINT)
    if result_name in ("localprivkey", "local_htlcprivkey", "local_delayedprivkey"):
        return derive_privkey(BASE_SECRET, PC_POINT)
    if result_name == "revocationpubkey":
        return derive_revocation_pubkey(BASE_POINT, PC_POINT)
    if result_name == "revocationprivkey":
        return derive_revocation_privkey(BASE_SECRET, PC_SECRET)
    raise AssertionError(f"unknown App. E result {result_name!r}")


@pytest.mark.parametrize("case", APP_E["cases"], ids=lambda c: c["name"])
def test_key_derivation(case):
    assert derive(case["result_name"]) == h(case["result"])


def test_revocation_privkey_matches_the_vector_pubkey():
    case = next(c for c in APP_E["cases"] if c["result_name"] == "revocationpubkey")
    privkey = derive_revocation_privkey(BASE_SECRET, PC_SECRET)
    assert pubkey_from_secret(privkey) == h(case["result"])


def test_channel_key_error_is_an_input_error():
    assert issubclass(ChannelKeyError, InputError)


BAD_POINTS = [
    b"",
    BASE_POINT[:32],
    BASE_POINT + b"\x00",
    b"\x04" + BASE_POINT[1:],  # not a compressed-point prefix
    b"\x02" + b"\xff" * 32,  # x beyond the field size
    b"\x02" + (5).to_bytes(32, "big"),  # x = 5 is not on the curve
    "02" * 33,  # not bytes
]


@pytest.mark.parametrize("bad", BAD_POINTS)
def test_invalid_points_are_rejected(bad):
    with pytest.raises(ChannelKeyError):
        derive_pubkey(bad, PC_POINT)
    with pytest.raises(ChannelKeyError):
        derive_pubkey(BASE_POINT, bad)
    with pytest.raises(ChannelKeyError):
        derive_revocation_pubkey(bad, PC_POINT)
    with pytest.raises(ChannelKeyError):
        derive_revocation_pubkey(BASE_POINT, bad)
    with pytest.raises(ChannelKeyError):
        derive_privkey(BASE_SECRET, bad)


BAD_SECRETS = [
    b"",
    b"\x01" * 31,
    b"\x00" * 32,
    CURVE_ORDER.to_bytes(32, "big"),
    b"\xff" * 32,
]


@pytest.mark.parametrize("bad", BAD_SECRETS)
def test_invalid_secrets_are_rejected(bad):
    with pytest.raises(ChannelKeyError):
        derive_privkey(bad, PC_POINT)
    with pytest.raises(ChannelKeyError):
        derive_revocation_privkey(bad, PC_SECRET)
    with pytest.raises(ChannelKeyError):
        derive_revocation_privkey(BASE_SECRET, bad)
    with pytest.raises(ChannelKeyError):
        per_commitment_point(bad)


def test_error_messages_do_not_echo_secrets():
    secret = (CURVE_ORDER + 5).to_bytes(33, "big")[1:]
    with pytest.raises(ChannelKeyError) as info:
        derive_privkey(secret, PC_POINT)
    assert secret.hex() not in str(info.value)


scalars = st.integers(1, CURVE_ORDER - 1).map(lambda n: n.to_bytes(32, "big"))


@settings(max_examples=30, deadline=None)
@given(base=scalars, point_secret=scalars)
def test_private_derivations_match_public_ones(base, point_secret):
    point = per_commitment_point(point_secret)
    assert pubkey_from_secret(derive_privkey(base, point)) == derive_pubkey(
        pubkey_from_secret(base), point
    )
    assert pubkey_from_secret(derive_revocation_privkey(base, point_secret)) == (
        derive_revocation_pubkey(pubkey_from_secret(base), point)
    )
