"""Per-commitment channel keys: BOLT 3 "Keys" / "Key Derivation".

Every commitment transaction uses fresh keys, derived from each side's long-lived
basepoints and the commitment's `per_commitment_point`:

- `derive_pubkey` / `derive_privkey` ("localpubkey, local_htlcpubkey, remote_htlcpubkey,
  local_delayedpubkey and remote_delayedpubkey Derivation"):
  ``pubkey = basepoint + SHA256(per_commitment_point || basepoint) * G``
  (with `option_static_remotekey` the `remotepubkey` is simply the peer's payment_basepoint,
  so it is *not* derived);
- `derive_revocation_pubkey` / `derive_revocation_privkey` ("revocationpubkey Derivation"):
  ``revocation_basepoint * SHA256(revocation_basepoint || per_commitment_point)
  + per_commitment_point * SHA256(per_commitment_point || revocation_basepoint)``.

Keys are bytes: 33-byte compressed points and 32-byte secrets. Bad input raises
`ChannelKeyError`; its messages never contain secret material. The curve arithmetic runs in
libsecp256k1 through coincurve.
"""

from __future__ import annotations

from coincurve import PrivateKey, PublicKey

from wallet.hashes import sha256
from wallet.ln.tx.errors import ChannelTxError

CURVE_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


class ChannelKeyError(ChannelTxError):
    """A channel key (point or secret) is malformed, or a derivation gave no valid key."""


def parse_pubkey(data: bytes, what: str = "public key") -> PublicKey:
    """Parse a 33-byte compressed secp256k1 point, or raise `ChannelKeyError` naming `what`."""
    if not isinstance(data, bytes | bytearray) or len(data) != 33 or data[0] not in (2, 3):
        raise ChannelKeyError(f"{what} must be a 33-byte compressed point")
    try:
        return PublicKey(bytes(data))
    except (ValueError, TypeError) as exc:
        raise ChannelKeyError(f"{what} is not a point on secp256k1") from exc


def check_pubkey(data: bytes, what: str = "public key") -> bytes:
    """Return `data` if it is a valid compressed point (for scripts), else raise."""
    parse_pubkey(data, what)
    return bytes(data)


def _secret_int(secret: bytes, what: str) -> int:
    if not isinstance(secret, bytes | bytearray) or len(secret) != 32:
        raise ChannelKeyError(f"{what} must be 32 bytes")
    value = int.from_bytes(secret, "big")
    if not 0 < value < CURVE_ORDER:
        raise ChannelKeyError(f"{what} is out of range for secp256k1")
    return value


def _int_to_secret(value: int) -> bytes:
    value %= CURVE_ORDER
    if value == 0:  # probability ~2^-256, but never hand out an invalid key
        raise ChannelKeyError("derived private key is zero")
    return value.to_bytes(32, "big")


def pubkey_from_secret(secret: bytes) -> bytes:
    """The compressed public key (or point) of a 32-byte secret."""
    _secret_int(secret, "secret")
    return PrivateKey(bytes(secret)).public_key.format(compressed=True)


def per_commitment_point(per_commitment_secret: bytes) -> bytes:
    """``per_commitment_point = per_commitment_secret * G`` (BOLT 3 "revocationpubkey")."""
    _secret_int(per_commitment_secret, "per_commitment_secret")
    return PrivateKey(bytes(per_commitment_secret)).public_key.format(compressed=True)


def _tweak(first: bytes, second: bytes) -> int:
    return int.from_bytes(sha256(first + second), "big")


def derive_pubkey(basepoint: bytes, per_commitment_point: bytes) -> bytes:
    """``basepoint + SHA256(per_commitment_point || basepoint) * G``.

    Used for localpubkey, local/remote_htlcpubkey and local/remote_delayedpubkey.
    """
    base = parse_pubkey(basepoint, "basepoint")
    parse_pubkey(per_commitment_point, "per_commitment_point")
    tweak = _tweak(per_commitment_point, basepoint)
    if tweak >= CURVE_ORDER:
        raise ChannelKeyError("key derivation tweak is out of range")
    try:
        return base.add(tweak.to_bytes(32, "big")).format(compressed=True)
    except ValueError as exc:
        raise ChannelKeyError("derived public key is the point at infinity") from exc


def derive_privkey(basepoint_secret: bytes, per_commitment_point: bytes) -> bytes:
    """``basepoint_secret + SHA256(per_commitment_point || basepoint)`` (mod n).

    The private key matching `derive_pubkey(basepoint, per_commitment_point)`.
    """
    secret = _secret_int(basepoint_secret, "basepoint_secret")
    parse_pubkey(per_commitment_point, "per_commitment_point")
    basepoint = pubkey_from_secret(basepoint_secret)
    return _int_to_secret(secret + _tweak(per_commitment_point, basepoint))


def derive_revocation_pubkey(revocation_basepoint: bytes, per_commitment_point: bytes) -> bytes:
    """The blinded `revocationpubkey` of one commitment.

    ``revocation_basepoint * SHA256(revocation_basepoint || per_commitment_point)
    + per_commitment_point * SHA256(per_commitment_point || revocation_basepoint)``
    """
    base = parse_pubkey(revocation_basepoint, "revocation_basepoint")
    point = parse_pubkey(per_commitment_point, "per_commitment_point")
    base_factor = _tweak(revocation_basepoint, per_commitment_point) % CURVE_ORDER
    point_factor = _tweak(per_commitment_point, revocation_basepoint) % CURVE_ORDER
    try:
        left = base.multiply(base_factor.to_bytes(32, "big"))
        right = point.multiply(point_factor.to_bytes(32, "big"))
        return PublicKey.combine_keys([left, right]).format(compressed=True)
    except ValueError as exc:
        raise ChannelKeyError("revocation key derivation gave no valid point") from exc


def derive_revocation_privkey(
    revocation_basepoint_secret: bytes, per_commitment_secret: bytes
) -> bytes:
    """`revocationprivkey`, once the peer has revealed `per_commitment_secret`.

    ``revocation_basepoint_secret * SHA256(revocation_basepoint || per_commitment_point)
    + per_commitment_secret * SHA256(per_commitment_point || revocation_basepoint)``
    """
    base_secret = _secret_int(revocation_basepoint_secret, "revocation_basepoint_secret")
    point_secret = _secret_int(per_commitment_secret, "per_commitment_secret")
    basepoint = pubkey_from_secret(revocation_basepoint_secret)
    point = per_commitment_point(per_commitment_secret)
    return _int_to_secret(
        base_secret * _tweak(basepoint, point) + point_secret * _tweak(point, basepoint)
    )
