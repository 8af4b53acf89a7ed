"""The LNURLs of the devnet Shop's LNURL service, and the one-time challenges inside them.

A withdraw code or a login carries a 32-byte `k1`: 16 random bytes and the first 16 bytes
of an HMAC-SHA256 of them (and of the kind: a login's k1 is no withdraw code) under the
service's secret. So anyone holding the secret (the service, and `kite devnet lnurl` through
the state file, mode 0600) can mint a fresh one without asking the service, and the service
knows its own k1 values from guessed or altered ones; it remembers the ones already used.
Pure code.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from wallet.lnurl.recognise import encode_bech32_lnurl

KINDS = ("withdraw", "auth")
SECRET_BYTES = 32
PAY_ADDRESS_USER = "coffee"  # the Lightning address coffee@HOST:PORT
PAY_LNURL_ITEM = "tea"  # the bech32 LNURL's item


def _mac(secret: bytes, kind: str, nonce: bytes) -> bytes:
    return hmac.new(secret, kind.encode() + b"\0" + nonce, hashlib.sha256).digest()[:16]


@dataclass(frozen=True)
class LnurlCodes:
    """`base`: the service's address (http://127.0.0.1:PORT); `secret`: its HMAC key."""

    base: str
    secret: bytes

    def __post_init__(self) -> None:
        if len(self.secret) != SECRET_BYTES:
            raise ValueError("the LNURL service's secret is 32 bytes")

    @property
    def domain(self) -> str:
        """HOST:PORT, the part after the @ of the service's Lightning addresses."""
        return urlsplit(self.base).netloc

    def fresh_k1(self, kind: str) -> str:
        """A new challenge of `kind` (hex, 64 characters)."""
        if kind not in KINDS:
            raise ValueError(f"no LNURL challenge of kind {kind!r}")
        nonce = os.urandom(16)
        return (nonce + _mac(self.secret, kind, nonce)).hex()

    def minted(self, kind: str, k1: str) -> bool:
        """Is `k1` a challenge of `kind` this service's secret made?"""
        if kind not in KINDS or not isinstance(k1, str) or len(k1) != 64:
            return False
        try:
            raw = bytes.fromhex(k1)
        except ValueError:
            return False
        return hmac.compare_digest(raw[16:], _mac(self.secret, kind, raw[:16]))

    def pay_address(self, user: str = PAY_ADDRESS_USER) -> str:
        return f"{user}@{self.domain}"

    def pay_lnurl(self, item: str = PAY_LNURL_ITEM) -> str:
        return encode_bech32_lnurl(f"{self.base}/lnurlp/{item}")

    def withdraw_lnurl(self) -> str:
        return encode_bech32_lnurl(f"{self.base}/withdraw?k1={self.fresh_k1('withdraw')}")

    def auth_lnurl(self, action: str = "login") -> str:
        return encode_bech32_lnurl(
            f"{self.base}/auth?tag=login&k1={self.fresh_k1('auth')}&action={action}")

    def fresh(self, kind: str) -> str:
        """A fresh LNURL of `kind`: pay (always the same one), withdraw or auth."""
        if kind == "pay":
            return self.pay_lnurl()
        if kind == "withdraw":
            return self.withdraw_lnurl()
        if kind == "auth":
            return self.auth_lnurl()
        raise ValueError(f"no LNURL of kind {kind!r}")

    def to_json(self) -> dict[str, str]:
        """What the state file keeps (and `kite devnet up` prints): the secret too, so that
        `kite devnet lnurl` can mint codes; the file is the owner's only."""
        return {"base": self.base, "secret": self.secret.hex(),
                "pay_address": self.pay_address(), "pay_lnurl": self.pay_lnurl()}

    @classmethod
    def from_json(cls, value: object) -> LnurlCodes:
        if not isinstance(value, dict) or not isinstance(value.get("base"), str) \
                or not isinstance(value.get("secret"), str):
            raise ValueError("the devnet's LNURL entry needs base and secret")
        return cls(value["base"], bytes.fromhex(value["secret"]))
