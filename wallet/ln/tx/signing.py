"""Signatures for Lightning transactions: BIP 143 sighash, ECDSA, DER and wire formats.

BOLT 3 transactions spend P2WSH outputs, so they are signed over the BIP 143 (segwit v0)
digest, computed here by python-bitcoinlib. Commitment transactions and our own HTLC
signatures use `SIGHASH_ALL`; with `option_anchors` the *remote* HTLC signature is
`SIGHASH_SINGLE|SIGHASH_ANYONECANPAY` (BOLT 3 "HTLC-Timeout and HTLC-Success Transactions").

Signatures are deterministic (RFC 6979) and low-S, made by libsecp256k1 via coincurve.
Transactions carry them DER-encoded plus a sighash byte; BOLT 2 messages carry them as
64-byte compact `r || s` (`der_to_compact` / `compact_to_der`). Malformed signatures raise
`SignatureError`; `verify_digest` answers False for any signature that does not verify.
"""

from __future__ import annotations

from bitcoin.core import CTransaction
from bitcoin.core.script import SIGVERSION_WITNESS_V0, CScript, SignatureHash
from coincurve import PrivateKey

from wallet.ln.tx.errors import ChannelTxError
from wallet.ln.tx.keys import CURVE_ORDER, ChannelKeyError, parse_pubkey

SIGHASH_ALL = 0x01
SIGHASH_SINGLE = 0x03
SIGHASH_ANYONECANPAY = 0x80
SIGHASH_SINGLE_ANYONECANPAY = SIGHASH_SINGLE | SIGHASH_ANYONECANPAY


class SignatureError(ChannelTxError):
    """A signature is malformed (bad DER, wrong length, r or s out of range)."""


def segwit_sighash(
    tx: CTransaction,
    input_index: int,
    witness_script: bytes,
    amount_sat: int,
    sighash_type: int = SIGHASH_ALL,
) -> bytes:
    """The BIP 143 digest that signs input `input_index` spending a P2WSH `witness_script`."""
    if not 0 <= input_index < len(tx.vin):
        raise SignatureError(f"transaction has no input {input_index}")
    return SignatureHash(
        CScript(witness_script),
        tx,
        input_index,
        sighash_type,
        amount=amount_sat,
        sigversion=SIGVERSION_WITNESS_V0,
    )


def sign_digest(privkey: bytes, digest: bytes) -> bytes:
    """A DER-encoded, low-S, RFC 6979 ECDSA signature of a 32-byte digest."""
    if not isinstance(privkey, bytes | bytearray) or len(privkey) != 32:
        raise ChannelKeyError("private key must be 32 bytes")
    if len(digest) != 32:
        raise SignatureError("digest to sign must be 32 bytes")
    try:
        key = PrivateKey(bytes(privkey))
    except ValueError as exc:
        raise ChannelKeyError("private key is out of range for secp256k1") from exc
    return key.sign(bytes(digest), hasher=None)


def verify_digest(pubkey: bytes, digest: bytes, signature_der: bytes) -> bool:
    """True if `signature_der` (strict DER, low-S, no sighash byte) signs `digest`.

    Raises `ChannelKeyError` for an invalid public key; any bad signature gives False.
    """
    key = parse_pubkey(pubkey, "signing public key")
    if len(digest) != 32:
        return False
    try:
        r, s = _parse_der(signature_der)
    except SignatureError:
        return False
    if s > CURVE_ORDER // 2:  # high-S is not standard on Bitcoin; never accept it
        return False
    return key.verify(_encode_der(r, s), bytes(digest), hasher=None)


# -- encodings -------------------------------------------------------------------------------


def _encode_int(value: int) -> bytes:
    raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
    if raw[0] & 0x80:
        raw = b"\x00" + raw
    return b"\x02" + bytes([len(raw)]) + raw


def _encode_der(r: int, s: int) -> bytes:
    body = _encode_int(r) + _encode_int(s)
    return b"\x30" + bytes([len(body)]) + body


def _parse_int(data: bytes, offset: int) -> tuple[int, int]:
    if offset + 2 > len(data) or data[offset] != 0x02:
        raise SignatureError("DER signature: expected an integer")
    length = data[offset + 1]
    start = offset + 2
    if length == 0 or start + length > len(data):
        raise SignatureError("DER signature: integer has a bad length")
    raw = data[start : start + length]
    if raw[0] & 0x80:
        raise SignatureError("DER signature: negative integer")
    if length > 1 and raw[0] == 0 and not raw[1] & 0x80:
        raise SignatureError("DER signature: integer is not minimally encoded")
    value = int.from_bytes(raw, "big")
    if not 0 < value < CURVE_ORDER:
        raise SignatureError("DER signature: r or s is out of range")
    return value, start + length


def _parse_der(signature: bytes) -> tuple[int, int]:
    if not isinstance(signature, bytes | bytearray):
        raise SignatureError("signature must be bytes")
    data = bytes(signature)
    if len(data) < 8 or len(data) > 72:
        raise SignatureError("DER signature has a bad length")
    if data[0] != 0x30 or data[1] != len(data) - 2:
        raise SignatureError("DER signature has a bad header")
    r, offset = _parse_int(data, 2)
    s, offset = _parse_int(data, offset)
    if offset != len(data):
        raise SignatureError("DER signature has trailing bytes")
    return r, s


def der_to_compact(signature_der: bytes) -> bytes:
    """Strict DER (no sighash byte) to the 64-byte `r || s` of BOLT 2 messages."""
    r, s = _parse_der(signature_der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def compact_to_der(signature: bytes) -> bytes:
    """The 64-byte `r || s` of BOLT 2 messages to strict DER (no sighash byte)."""
    if not isinstance(signature, bytes | bytearray) or len(signature) != 64:
        raise SignatureError("compact signature must be 64 bytes")
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    if not 0 < r < CURVE_ORDER or not 0 < s < CURVE_ORDER:
        raise SignatureError("compact signature: r or s is out of range")
    return _encode_der(r, s)
