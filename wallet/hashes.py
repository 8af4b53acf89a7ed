"""The hash functions Bitcoin and Lightning use, in one place."""

from __future__ import annotations

import hashlib
import hmac


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def sha256d(data: bytes) -> bytes:
    """Double SHA-256: block hashes, txids, checksums."""
    return hashlib.sha256(hashlib.sha256(data).digest()).digest()


def ripemd160(data: bytes) -> bytes:
    try:
        return hashlib.new("ripemd160", data).digest()
    except ValueError:  # OpenSSL 3 builds without the legacy provider
        from bitcoin.core.contrib.ripemd160 import ripemd160

        return ripemd160(data)


def hash160(data: bytes) -> bytes:
    """RIPEMD-160 of SHA-256: P2WPKH and P2PKH key hashes."""
    return ripemd160(hashlib.sha256(data).digest())


def hmac_sha256(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def hmac_sha512(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha512).digest()
