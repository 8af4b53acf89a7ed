"""Signature encodings and checks, and BOLT 3 Appendix B (the funding transaction)."""

from __future__ import annotations

import pytest
from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxOut
from bitcoin.core.script import SIGVERSION_BASE, CScript, SignatureHash
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import InputError
from wallet.hashes import sha256
from wallet.ln.tx.keys import CURVE_ORDER, ChannelKeyError, pubkey_from_secret
from wallet.ln.tx.scripts import funding_script, p2wpkh, p2wsh
from wallet.ln.tx.signing import (
    SIGHASH_ALL,
    SignatureError,
    compact_to_der,
    der_to_compact,
    segwit_sighash,
    sign_digest,
    verify_digest,
)

VECTORS = load_vector("bolt03_commitment.json")
APP_B = VECTORS["funding_tx"]
APP_C = VECTORS["commitment"]


def h(value: str) -> bytes:
    return bytes.fromhex(value.removeprefix("0x"))


def vector_signatures() -> list[str]:
    sigs = []
    for case in APP_C["cases"]:
        sigs += [case["remote_signature"], case["local_signature"]]
        for item in case["htlc_txs"]:
            sigs += [item["remote_htlc_signature"], item["local_htlc_signature"]]
    for case in VECTORS["anchors_commitment"]["cases"]:
        sigs.append(case["RemoteSigHex"])
        sigs += [desc["RemoteSigHex"] for desc in case["HtlcDescs"]]
    return sigs


@pytest.mark.parametrize("sig", vector_signatures())
def test_der_compact_round_trip(sig):
    der = h(sig)
    compact = der_to_compact(der)
    assert len(compact) == 64
    assert compact_to_der(compact) == der


def test_signature_error_is_an_input_error():
    assert issubclass(SignatureError, InputError)


GOOD = h(APP_C["cases"][0]["remote_signature"])
BAD_DER = [
    b"",
    b"\x30\x00",
    GOOD[:-1],
    GOOD + b"\x01",  # a sighash byte is not part of DER
    b"\x31" + GOOD[1:],
    GOOD[:1] + bytes([GOOD[1] + 1]) + GOOD[2:],
    # r with a superfluous leading zero
    b"\x30" + bytes([GOOD[1] + 1]) + b"\x02" + bytes([GOOD[3] + 1]) + b"\x00" + GOOD[4:],
]


@pytest.mark.parametrize("bad", BAD_DER)
def test_malformed_der_is_rejected(bad):
    with pytest.raises(SignatureError):
        der_to_compact(bad)


@pytest.mark.parametrize(
    "bad",
    [
        b"",
        b"\x01" * 63,
        b"\x01" * 65,
        b"\x00" * 32 + b"\x01" * 32,  # r = 0
        b"\x01" * 32 + CURVE_ORDER.to_bytes(32, "big"),  # s = n
    ],
)
def test_malformed_compact_is_rejected(bad):
    with pytest.raises(SignatureError):
        compact_to_der(bad)


def test_verify_is_false_for_wrong_or_high_s_signatures():
    secret = bytes(range(1, 33))
    pubkey = pubkey_from_secret(secret)
    digest = sha256(b"commitment")
    sig = sign_digest(secret, digest)
    assert verify_digest(pubkey, digest, sig)
    assert not verify_digest(pubkey, sha256(b"other"), sig)
    assert not verify_digest(pubkey_from_secret(bytes(range(2, 34))), digest, sig)
    assert not verify_digest(pubkey, digest, sig[:-1])
    assert not verify_digest(pubkey, digest, b"garbage")
    compact = der_to_compact(sig)
    s = int.from_bytes(compact[32:], "big")
    high_s = compact[:32] + (CURVE_ORDER - s).to_bytes(32, "big")
    assert not verify_digest(pubkey, digest, compact_to_der(high_s))
    with pytest.raises(ChannelKeyError):
        verify_digest(b"\x02" + b"\xff" * 32, digest, sig)
    with pytest.raises(ChannelKeyError):
        sign_digest(b"\x00" * 32, digest)


@settings(max_examples=30, deadline=None)
@given(
    secret=st.integers(1, CURVE_ORDER - 1).map(lambda n: n.to_bytes(32, "big")),
    digest=st.binary(min_size=32, max_size=32),
)
def test_signatures_are_low_s_and_round_trip(secret, digest):
    sig = sign_digest(secret, digest)
    compact = der_to_compact(sig)
    assert int.from_bytes(compact[32:], "big") <= CURVE_ORDER // 2
    assert compact_to_der(compact) == sig
    assert verify_digest(pubkey_from_secret(secret), digest, sig)


def test_segwit_sighash_rejects_a_missing_input():
    tx = CTransaction([CTxIn(COutPoint(b"\x00" * 32, 0))], [CTxOut(1, CScript())])
    with pytest.raises(SignatureError):
        segwit_sighash(tx, 1, b"", 1, SIGHASH_ALL)


# -- Appendix B ------------------------------------------------------------------------------


def test_appendix_b_funding_transaction():
    """Rebuild and sign the funding transaction from the App. B values, byte for byte."""
    values = APP_B["values"]
    notes = APP_B["annotations"]
    coinbase = CTransaction.deserialize(h(values["Block 1 coinbase transaction"]))
    assert coinbase.GetTxid()[::-1].hex() == values["input txid"]
    prev_out = coinbase.vout[values["input index"]]
    assert prev_out.nValue == values["input satoshis"]

    privkey = h(values["Block 1 coinbase privkey"])
    assert privkey[-1] == 1  # compressed-key marker
    privkey = privkey[:32]
    pubkey = pubkey_from_secret(privkey)

    wscript = funding_script(h(values["local_funding_pubkey"]), h(values["remote_funding_pubkey"]))
    assert wscript.hex() == notes["funding witness script"]
    outputs = [
        CTxOut(values["funding satoshis"], CScript(p2wsh(wscript))),
        CTxOut(values["change satoshis"], CScript(p2wpkh(pubkey))),
    ]
    unsigned = CTransaction(
        [CTxIn(COutPoint(h(values["input txid"])[::-1], values["input index"]))],
        outputs,
        0,
        2,
    )
    digest = SignatureHash(
        prev_out.scriptPubKey, unsigned, 0, SIGHASH_ALL, sigversion=SIGVERSION_BASE
    )
    sig = sign_digest(privkey, digest)
    script_sig = CScript([sig + bytes([SIGHASH_ALL]), pubkey])
    signed = CTransaction([CTxIn(unsigned.vin[0].prevout, script_sig, 0xFFFFFFFF)], outputs, 0, 2)
    assert signed.serialize().hex() == values["funding tx"]
    assert signed.GetTxid()[::-1].hex() == notes["txid"]
    assert values["funding output"] == 0
    fee = values["input satoshis"] - values["funding satoshis"] - values["change satoshis"]
    # the fee is feerate_per_kw x weight (a legacy transaction weighs 4 x its size)
    assert fee == notes["feerate_per_kw"] * len(signed.serialize()) * 4 // 1000
