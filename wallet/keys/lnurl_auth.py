"""LNURL-auth linking keys (LUD-04, derived as LUD-05 says), from the wallet seed.

Derivation layout (the same on every network: LUD-05 names no coin type)::

    m/138'/0                          hashing key: only its 32-byte secret is used, as an
                                      HMAC key, never as a signing key
    m/138'/l1/l2/l3/l4                the linking key of one service domain, where
                                      l1..l4 = the first 16 bytes of
                                      HMAC-SHA256(hashing key secret, domain) read as four
                                      big-endian uint32 (an index >= 2^31 is a hardened step)

`domain` is the service's full host name in lower case, without a port and without a final
dot ("x.y.z.com" for https://x.y.z.com:8443/...). One domain always gets the same key (so a
restored seed logs in to the same accounts, in any wallet following LUD-05), and two domains
get unrelated keys (a service cannot link a user's logins elsewhere). 138 is LUD-05's
purpose number; the keys are not node or channel keys (see `lightning.py`).
"""

from __future__ import annotations

from wallet.hashes import hmac_sha256
from wallet.keys.bip32 import HARDENED, ExtendedKey, ExtendedKeyError
from wallet.sentence import Sentence

PURPOSE = 138
HASHING_BRANCH = 0
MAX_DOMAIN_LENGTH = 253  # the longest DNS name


def normalise_domain(domain: str) -> str:
    """The domain as LUD-05 hashes it: lower case, no final dot. ExtendedKeyError if empty."""
    if not isinstance(domain, str):
        raise ExtendedKeyError("a linking key needs the service's domain name")
    name = domain.strip().lower().rstrip(".")
    if not name or len(name) > MAX_DOMAIN_LENGTH or not name.isascii():
        raise ExtendedKeyError(Sentence("a linking key needs the service's domain name (ASCII, at most %1 characters)", MAX_DOMAIN_LENGTH))
    return name


def path_suffix(hashing_key: bytes, domain: str) -> tuple[int, int, int, int]:
    """The four child indexes under m/138' of `domain`'s linking key (LUD-05)."""
    if len(hashing_key) != 32:
        raise ExtendedKeyError("the LNURL-auth hashing key is 32 bytes")
    material = hmac_sha256(hashing_key, normalise_domain(domain).encode("ascii"))[:16]
    a, b, c, d = (int.from_bytes(material[i:i + 4], "big") for i in range(0, 16, 4))
    return a, b, c, d


def linking_key_path(hashing_key: bytes, domain: str) -> str:
    """The BIP 32 path of `domain`'s linking key, as text (for documentation and tests)."""
    steps = "/".join(f"{i - HARDENED}'" if i >= HARDENED else str(i)
                     for i in path_suffix(hashing_key, domain))
    return f"m/{PURPOSE}'/{steps}"


class LinkingKeys:
    """The LNURL-auth keys of one seed: one key pair per service domain."""

    __slots__ = ("_base", "_hashing_key")

    def __init__(self, root: ExtendedKey) -> None:
        """`root` is the BIP 32 master key of the seed."""
        if not root.is_private or root.depth != 0:
            raise ExtendedKeyError("LNURL-auth keys need the private master key of the seed")
        self._base = root.derive(PURPOSE + HARDENED)
        self._hashing_key = self._base.derive(HASHING_BRANCH).private_key

    def __repr__(self) -> str:  # secrets stay out of logs
        return "LinkingKeys()"

    def _key(self, domain: str) -> ExtendedKey:
        key = self._base
        for index in path_suffix(self._hashing_key, domain):
            key = key.derive(index)
        return key

    def private_key(self, domain: str) -> bytes:
        """The 32-byte secret that signs `domain`'s LNURL-auth challenges."""
        return self._key(domain).private_key

    def public_key(self, domain: str) -> bytes:
        """The 33-byte compressed public key `domain` knows us by."""
        return self._key(domain).public_key
