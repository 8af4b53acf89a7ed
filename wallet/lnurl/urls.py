"""Which web addresses Kite calls for LNURL, and how it adds parameters to them.

HTTPS only, except plain HTTP to a Tor `.onion` host (LUD-01) and, when `local_http` is set
(regtest: the devnet and tests), to this machine (localhost, 127.0.0.1, ::1). No user names
or passwords in the address, no non-ASCII, at most `MAX_URL_CHARS`. Pure code.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from wallet.lnurl.errors import LnurlError, printable
from wallet.sentence import Sentence

MAX_URL_CHARS = 2048  # an address carried by an LNURL or a service's answer
MAX_REQUEST_CHARS = 8192  # an address Kite calls: a callback with its parameters
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


@dataclass(frozen=True)
class ServiceUrl:
    """A checked address: `host` in lower case without the port; `service` is what the
    user is shown ("host" or "host:port")."""

    url: str
    host: str
    port: int | None

    @property
    def service(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return shown if self.port is None else f"{shown}:{self.port}"

    @property
    def is_onion(self) -> bool:
        return self.host.endswith(".onion")


def valid_host(host: str) -> bool:
    """A DNS name (ASCII labels), an IPv4 address or an IPv6 address."""
    if not host or len(host) > 253:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    return all(_LABEL.fullmatch(label) for label in labels) and not host.replace(".", "").isdigit()


def scheme_for(host: str, *, local_http: bool) -> str:
    """The scheme to reach `host` by: http for .onion (and this machine when allowed)."""
    if host.endswith(".onion") or (local_http and host in LOCAL_HOSTS):
        return "http"
    return "https"


def check_url(url: str, *, local_http: bool, what: str = "This LNURL",
              limit: int = MAX_URL_CHARS) -> ServiceUrl:
    """`url` if Kite may call it; LnurlError (starting with `what`) says why not."""
    if not isinstance(url, str) or not url:
        raise LnurlError(Sentence("%1 does not hold a web address.", what), "empty URL")
    if len(url) > limit:
        raise LnurlError(Sentence("%1 holds a web address that is too long.", what),
                         f"{len(url)} characters, at most {limit}")
    if not url.isascii() or not url.isprintable() or " " in url:
        raise LnurlError(Sentence("%1 holds a web address with characters that do not belong in one.", what), printable(url, 80))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise LnurlError(Sentence("%1 holds a web address Kite cannot read.", what), str(e)) from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise LnurlError(Sentence("%1 does not hold a web address.", what), f"scheme {scheme!r}")
    if parts.username is not None or parts.password is not None:
        raise LnurlError(Sentence("%1 hides a user name in its web address; Kite does not call such addresses.", what), "userinfo in URL")
    host = (parts.hostname or "").rstrip(".")
    if not valid_host(host):
        raise LnurlError(Sentence("%1 holds a web address without a valid host name.", what),
                         printable(host, 80))
    if scheme == "http" and scheme_for(host, local_http=local_http) != "http":
        raise LnurlError(Sentence("%1 uses an unencrypted web address (http://); Kite only calls https:// addresses (or .onion ones).", what), f"http to {host}")
    clean = urlunsplit(SplitResult(scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return ServiceUrl(clean, host, port)


def query_params(url: str) -> dict[str, str]:
    """The query parameters of `url` (names in lower case). LnurlError if one is repeated:
    a request that says two things is refused."""
    out: dict[str, str] = {}
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        name = key.lower()
        if name in out:
            raise LnurlError("This LNURL is ambiguous: it gives the same parameter twice.",
                             f"parameter {printable(name, 40)!r} repeated")
        out[name] = value
    return out


def with_query(url: str, params: list[tuple[str, str]]) -> str:
    """`url` with `params` appended to its query (`?` or `&`, as LUD-06 and LUD-03 say)."""
    parts = urlsplit(url)
    extra = urlencode(params)
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit(SplitResult(parts.scheme, parts.netloc, parts.path, query, ""))
