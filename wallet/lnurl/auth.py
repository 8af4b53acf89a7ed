"""LNURL-auth (LUD-04): the login request read from the LNURL itself, and its signature.

No request is made before the user agrees: the LNURL carries `tag=login`, the 32-byte
challenge `k1` and an optional `action`. The wallet signs k1 (as a raw 32-byte digest,
DER-encoded ECDSA) with the linking key of the service's domain (`wallet/keys/lnurl_auth.py`)
and calls the same address with `&sig=…&key=…`. Pure code.
"""

from __future__ import annotations

from dataclasses import dataclass

from coincurve import PrivateKey, PublicKey

from wallet.lnurl.errors import LnurlError, printable
from wallet.lnurl.recognise import LnurlTarget
from wallet.lnurl.urls import query_params, with_query
from wallet.sentence import Sentence

#: LUD-04 actions, as the consent page words them
ACTIONS = {
    "register": "create an account",
    "login": "log in",
    "link": "link this wallet's key to your account",
    "auth": "approve an action",
}


@dataclass(frozen=True)
class AuthRequest:
    """A checked login request: `domain` decides the key; `action` one of ACTIONS."""

    url: str
    service: str
    domain: str
    k1: bytes
    action: str

    @property
    def action_text(self) -> str:
        return ACTIONS[self.action]

    def to_json_dict(self) -> dict[str, str]:
        return {"kind": "auth", "service": self.service, "domain": self.domain,
                "action": self.action, "action_text": self.action_text}


def parse_auth_request(target: LnurlTarget) -> AuthRequest:
    """The login request in `target`'s address; LnurlError when k1 or action is wrong."""
    params = query_params(target.url)
    service = target.service
    tag = params.get("tag")
    if tag is not None and tag != "login":
        raise LnurlError(Sentence("The login request from %1 is not a login request.", service),
                         f"tag {printable(tag, 40)!r}")
    k1_text = params.get("k1", "")
    try:
        k1 = bytes.fromhex(k1_text)
    except ValueError:
        k1 = b""
    if len(k1) != 32 or len(k1_text) != 64:
        raise LnurlError(Sentence("The login request from %1 is malformed: its challenge (k1) is not 32 bytes in hexadecimal.", service), f"k1 of {len(k1_text)} characters")
    action = params.get("action", "login") or "login"
    if action not in ACTIONS:
        raise LnurlError(Sentence("The login request from %1 asks for an action Kite does not know.", service), f"action {printable(action, 40)!r}")
    if "sig" in params or "key" in params:
        raise LnurlError(Sentence("The login request from %1 is malformed: it already carries a signature.", service), "sig or key parameter present")
    return AuthRequest(target.url, service, target.domain, k1, action)


def sign_challenge(k1: bytes, private_key: bytes) -> bytes:
    """DER-encoded ECDSA signature of the 32-byte k1 itself (not of a hash of it)."""
    if len(k1) != 32:
        raise LnurlError("A login challenge is 32 bytes.", f"{len(k1)} bytes")
    return PrivateKey(private_key).sign(k1, hasher=None)


def signed_url(request: AuthRequest, public_key: bytes, signature: bytes) -> str:
    """The address to call to log in: the LNURL's own, plus sig and key (hex)."""
    return with_query(request.url, [("sig", signature.hex()), ("key", public_key.hex())])


def verify_signature(k1: bytes, public_key: bytes, signature: bytes) -> bool:
    """What a service checks (LUD-04): `signature` (DER) of `k1` by `public_key`."""
    try:
        return PublicKey(public_key).verify(signature, k1, hasher=None)
    except (ValueError, TypeError):
        return False
