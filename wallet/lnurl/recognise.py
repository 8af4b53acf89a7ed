"""Every way an LNURL reaches the user, turned into the one web address to call.

Forms (LUD-01, LUD-16, LUD-17):

- bech32 `lnurl1…` in either case (not mixed), bare, after `lightning:`, as BIP 21's
  `lightning=` parameter, or as the `lightning=` parameter of a web link (LUD-01 fallback);
- the schemes `lnurlp://` (pay), `lnurlw://` (withdraw), `keyauth://` (auth), which stand
  for https:// (http:// for a .onion host);
- Lightning addresses `user@domain` (LUD-16), with or without `lightning:`.

`₿user@domain` is a BIP 353 name (`wallet/bip353/`, paid by `kite pay`): not an LNURL, refused
here with a sentence saying so. Anything else raises `NotAnLnurl`. Pure code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlsplit

from wallet.bech32 import Bech32Error, convertbits, decode_bech32, encode_bech32
from wallet.lnurl.errors import LnurlError, printable
from wallet.lnurl.urls import check_url, scheme_for, valid_host
from wallet.sentence import Sentence

MAX_TEXT_CHARS = 8000  # far above any LNURL (a 2048-character URL is ~3300 in bech32)
MAX_USER_CHARS = 64
HRP = "lnurl"
SCHEMES = {"lnurlp": "pay", "lnurlw": "withdraw", "keyauth": "auth"}
KINDS = ("pay", "withdraw", "auth")
_USER = re.compile(r"[a-z0-9._-]+")  # LUD-16: a-z0-9-_.

BIP353_REFUSED = ("Names starting with ₿ are BIP 353 payment instructions (usually a BOLT 12 "
                  "offer), not LNURLs: pay them with kite pay.")


class NotAnLnurl(LnurlError):
    """The text is none of the LNURL forms (it may still be an invoice or an address)."""


@dataclass(frozen=True)
class LnurlTarget:
    """Where an LNURL leads. `kind` is "pay", "withdraw", "auth", or None when only the
    service's answer will say; `service` is the host (and port) the user is shown; `domain`
    the host name alone (LUD-05 keys); `address` the Lightning address, if that was the form."""

    url: str
    service: str
    domain: str
    kind: str | None
    address: str | None = None

    def to_json_dict(self) -> dict[str, str | None]:
        return {"url": self.url, "service": self.service, "domain": self.domain,
                "kind": self.kind, "address": self.address}


def _strip_lightning(text: str) -> str:
    if text.lower().startswith("lightning:"):
        text = text[len("lightning:"):]
        if text.startswith("//"):
            text = text[2:]
    return text.strip()


def looks_like_lnurl(text: str) -> bool:
    """Whether `text` is meant as an LNURL or a Lightning address (so that its errors, if
    any, should be LNURL ones), without checking it. Cheap; never raises."""
    if not isinstance(text, str):
        return False
    body = _strip_lightning(text.strip())
    lower = body.lower()
    if lower.startswith((HRP + "1", "₿")):
        return True
    if "://" in lower and lower.split("://", 1)[0] in (*SCHEMES, "lnurlc"):
        return True
    if lower.startswith(("bitcoin:", "https://", "http://")):
        return "lightning=lnurl1" in lower
    return "@" in body and not any(c.isspace() for c in body)


def decode_bech32_lnurl(text: str) -> str:
    """The URL inside a bech32 LNURL (no length limit, as LUD-01 allows)."""
    try:
        hrp, data, _ = decode_bech32(text)
        if hrp != HRP:
            raise Bech32Error(Sentence("prefix %1 is not %2", repr(hrp), repr(HRP)))
        raw = bytes(convertbits(data, 5, 8, pad=False))
    except Bech32Error as e:
        raise LnurlError("This LNURL is damaged: check that it was copied completely.",
                         str(e)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LnurlError("This LNURL is damaged: it does not hold readable text.",
                         "not UTF-8") from None


def encode_bech32_lnurl(url: str) -> str:
    """A URL as a bech32 LNURL, upper case (as QR codes should carry it)."""
    return encode_bech32(HRP, convertbits(url.encode("utf-8"), 8, 5)).upper()


def _target(url: str, kind: str | None, *, local_http: bool, address: str | None = None
            ) -> LnurlTarget:
    checked = check_url(url, local_http=local_http)
    tags = [v for k, v in parse_qsl(urlsplit(checked.url).query) if k.lower() == "tag"]
    if kind is None and "login" in tags:  # parse_auth_request is the strict reader
        kind = "auth"
    return LnurlTarget(checked.url, checked.service, checked.host, kind, address)


def _from_scheme(text: str, *, local_http: bool) -> LnurlTarget:
    scheme, _, rest = text.partition("://")
    scheme = scheme.lower()
    if scheme == "lnurlc":
        raise LnurlError("This is an LNURL channel request; Kite opens channels only with "
                         "its own trampoline peers.", "lnurlc:// (LUD-07)")
    host = (urlsplit("https://" + rest).hostname or "").rstrip(".")
    if not valid_host(host):
        raise LnurlError("This LNURL holds a web address without a valid host name.",
                         printable(host, 80))
    url = f"{scheme_for(host, local_http=local_http)}://{rest}"
    return _target(url, SCHEMES[scheme], local_http=local_http)


def parse_lightning_address(text: str, *, local_http: bool = False) -> LnurlTarget:
    """`user@domain` (LUD-16) -> its pay request address, /.well-known/lnurlp/user."""
    if text.startswith("₿"):
        raise LnurlError(BIP353_REFUSED, "BIP 353")
    user, sep, domain = text.strip().lower().rpartition("@")
    if not sep or not user or not domain:
        raise NotAnLnurl("That is not an LNURL or a Lightning address.", "no user@domain")
    if len(user) > MAX_USER_CHARS or not _USER.fullmatch(user):
        raise LnurlError("This Lightning address has characters a Lightning address cannot "
                         "have before the @ (only a-z, 0-9, '-', '_' and '.').",
                         printable(user, 40))
    host, _, port = domain.partition(":")
    host = host.rstrip(".")
    if (not valid_host(host) or "." not in host and host != "localhost"
            or port and (not port.isdigit() or not 0 < int(port) < 65536)):
        raise LnurlError("This Lightning address has no valid domain after the @.",
                         printable(domain, 80))
    url = f"{scheme_for(host, local_http=local_http)}://{domain}/.well-known/lnurlp/{user}"
    return _target(url, "pay", local_http=local_http, address=f"{user}@{domain}")


def _fallback_param(text: str) -> str | None:
    """The `lightning=` parameter of a BIP 21 URI or a web link, decoded, if any."""
    _, _, query = text.partition("?")
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key.lower() == "lightning":
            try:
                return unquote(value, errors="strict").strip()
            except UnicodeDecodeError:
                raise LnurlError("This payment request is damaged: its lightning= part "
                                 "cannot be read.", "bad percent-encoding") from None
    return None


def recognise(text: str, *, local_http: bool = False) -> LnurlTarget:
    """What `text` (pasted, typed, scanned) points to; LnurlError says what is wrong and
    NotAnLnurl that it is not an LNURL form at all. `local_http` lets plain http reach this
    machine (regtest only)."""
    if not isinstance(text, str):
        raise NotAnLnurl("That is not an LNURL or a Lightning address.", "expected text")
    text = text.strip()
    if not text:
        raise NotAnLnurl("Paste or scan an LNURL or a Lightning address.", "empty")
    if len(text) > MAX_TEXT_CHARS:
        raise NotAnLnurl("That is far too long to be an LNURL or a Lightning address.",
                         f"{len(text)} characters")
    body = _strip_lightning(text)
    lower = body.lower()
    if body.startswith("₿"):
        raise LnurlError(BIP353_REFUSED, "BIP 353")
    if lower.startswith(HRP + "1"):
        return _target(decode_bech32_lnurl(body), None, local_http=local_http)
    scheme = lower.partition("://")[0] if "://" in lower else ""
    if scheme in SCHEMES or scheme == "lnurlc":
        return _from_scheme(body, local_http=local_http)
    if lower.startswith(("bitcoin:", "https://", "http://")):
        inner = _fallback_param(body)
        if inner and inner.lower().startswith(HRP + "1"):
            return _target(decode_bech32_lnurl(inner), None, local_http=local_http)
        raise NotAnLnurl("That is not an LNURL or a Lightning address.", "no lightning=LNURL")
    if "@" in body and not any(c.isspace() for c in body):
        return parse_lightning_address(body, local_http=local_http)
    raise NotAnLnurl("That is not an LNURL or a Lightning address.", printable(body, 40))
