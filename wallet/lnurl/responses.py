"""What LNURL services answer, parsed and checked field by field, with a cap on each.

A service may lie or be broken; every answer is a JSON object whose fields are checked
here before anything is shown or paid: `{"status": "ERROR", "reason": …}` becomes
`ServiceRefused` (the service's words, quoted), anything malformed one `LnurlError`
sentence naming the service. LUD-06 (payRequest), LUD-12 (comments), LUD-16 (identifier
metadata), LUD-03 (withdrawRequest), LUD-09/10 (successAction, in `success_action.py`).
Pure code.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from wallet.lnurl.errors import LnurlError, ServiceRefused, printable
from wallet.lnurl.success_action import SuccessAction, parse_success_action
from wallet.lnurl.urls import ServiceUrl, check_url
from wallet.sentence import Sentence

MAX_RESPONSE_BYTES = 256 * 1024  # a pay request with its largest allowed image fits
MAX_MSAT = 21_000_000 * 100_000_000 * 1000
MAX_METADATA_CHARS = 200_000
MAX_METADATA_ENTRIES = 64
MAX_DESCRIPTION_CHARS = 2_000  # text/plain
MAX_LONG_DESCRIPTION_CHARS = 20_000  # text/long-desc
MAX_IMAGE_CHARS = 136_536  # LUD-06: 100 kB of image data in base 64
MAX_IDENTIFIER_CHARS = 320
MAX_COMMENT_CHARS = 1_000  # the most Kite sends, whatever commentAllowed says (LUD-12 note)
MAX_K1_CHARS = 1_024
MAX_INVOICE_CHARS = 8_000
MAX_WITHDRAW_DESCRIPTION_BYTES = 639  # a BOLT 11 description field holds at most this
IMAGE_TYPES = ("image/png;base64", "image/jpeg;base64")


def parse_json(body: bytes, service: str) -> dict[str, Any]:
    """The JSON object a service answered (status codes and headers mean nothing, LUD-01)."""
    if len(body) > MAX_RESPONSE_BYTES:
        raise LnurlError(Sentence("The service %1 answered with too much data.", service),
                         f"{len(body)} bytes, at most {MAX_RESPONSE_BYTES}")

    def no_constant(name: str) -> None:
        raise ValueError(Sentence("%1 is not JSON", name))

    try:
        value = json.loads(body.decode("utf-8-sig"), parse_constant=no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise LnurlError(Sentence("The service %1 did not answer as an LNURL service does (its answer is not JSON).", service), printable(str(e), 120)) from None
    if not isinstance(value, dict):
        raise LnurlError(Sentence("The service %1 did not answer as an LNURL service does (its answer is not a JSON object).", service), type(value).__name__)
    return value


def _refused(reply: dict[str, Any], service: str) -> None:
    """Raise ServiceRefused for `{"status": "ERROR", ...}`."""
    status = reply.get("status")
    if isinstance(status, str) and status.upper() == "ERROR":
        reason = reply.get("reason")
        raise ServiceRefused(service, reason if isinstance(reason, str) else "")


def _malformed(service: str, what: Sentence, detail: str) -> LnurlError:
    return LnurlError(Sentence("The service %1 sent %2.", service, what), detail)


def _text(reply: dict[str, Any], key: str, service: str, limit: int, *,
          required: bool = True) -> str:
    value = reply.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _malformed(service, Sentence("a request without a valid %1", key), f"{key}: not text")
    if len(value) > limit:
        raise _malformed(service, Sentence("a %1 that is too long", key),
                         f"{key}: {len(value)} characters, at most {limit}")
    return value


def _msat(reply: dict[str, Any], key: str, service: str) -> int:
    """A millisatoshi amount: a whole JSON number (1000.0 is 1000) within 0..21M BTC."""
    value = reply.get(key)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _malformed(service, Sentence("a request without a valid %1", key),
                         f"{key}: {printable(repr(value), 40)} is not a whole number")
    if not 0 <= value <= MAX_MSAT:
        raise _malformed(service, Sentence("an impossible %1", key), f"{key}: {value} msat")
    return value


def _sat_text(msat: int) -> str:
    whole, rest = divmod(msat, 1000)
    return f"{whole:,} sat" if not rest else f"{msat:,} msat"


def _callback(reply: dict[str, Any], service: str, local_http: bool) -> ServiceUrl:
    url = _text(reply, "callback", service, 2048)
    return check_url(url, local_http=local_http, what=f"The service {service}'s callback")


def _tag(reply: dict[str, Any], service: str, expected: str) -> None:
    tag = reply.get("tag")
    if tag != expected:
        shown = printable(tag, 40) if isinstance(tag, str) else repr(type(tag).__name__)
        raise LnurlError(Sentence("The service %1 did not answer as an LNURL service does (expected a %2).", service, expected), f"tag {shown!r}")


# -- LUD-06 metadata ------------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """The entries of a pay request's metadata that Kite shows."""

    description: str
    long_description: str = ""
    image_type: str = ""  # "image/png;base64" or "image/jpeg;base64"
    image: bytes = b""
    identifier: str = ""  # LUD-16 text/identifier or text/email


def parse_metadata(text: str, service: str) -> Metadata:
    """The metadata string of a pay request: a JSON array of [type, value, …] arrays with
    exactly one text/plain entry and at most one image."""
    if len(text) > MAX_METADATA_CHARS:
        raise _malformed(service, Sentence("metadata that is too large"), f"{len(text)} characters")
    try:
        entries = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise _malformed(service, Sentence("a description Kite cannot read (its metadata is not JSON)"),
                         printable(str(e), 120)) from None
    if not isinstance(entries, list) or not all(
            isinstance(e, list) and e and isinstance(e[0], str) for e in entries):
        raise _malformed(service, Sentence("a description Kite cannot read"),
                         "metadata is not an array of [type, value] arrays")
    if len(entries) > MAX_METADATA_ENTRIES:
        raise _malformed(service, Sentence("too many metadata entries"), f"{len(entries)} entries")
    found: dict[str, Any] = {}
    for entry in entries:
        kind = entry[0]
        if kind in ("text/plain", *IMAGE_TYPES, "text/long-desc", "text/identifier",
                    "text/email"):
            if len(entry) < 2 or not isinstance(entry[1], str):
                raise _malformed(service, Sentence("a description Kite cannot read"),
                                 f"{printable(kind, 40)} entry without text")
            family = "image" if kind in IMAGE_TYPES else kind
            if family in found:
                raise _malformed(service, Sentence("a description with two entries of one kind"),
                                 f"two {family} entries")
            found[family] = (kind, entry[1])
    if "text/plain" not in found:
        raise _malformed(service, Sentence("a request without a description"),
                         "no text/plain metadata entry")
    description = found["text/plain"][1]
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise _malformed(service, Sentence("a description that is too long"),
                         f"{len(description)} characters")
    long_description = found.get("text/long-desc", ("", ""))[1]
    if len(long_description) > MAX_LONG_DESCRIPTION_CHARS:
        raise _malformed(service, Sentence("a long description that is too long"),
                         f"{len(long_description)} characters")
    image_type, image = "", b""
    if "image" in found:
        image_type, data = found["image"]
        if len(data) > MAX_IMAGE_CHARS:
            raise _malformed(service, Sentence("an image that is too large"), f"{len(data)} characters")
        try:
            image = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise _malformed(service, Sentence("an image Kite cannot read"), "invalid base64") from None
    identifier = found.get("text/identifier", found.get("text/email", ("", "")))[1]
    if len(identifier) > MAX_IDENTIFIER_CHARS:
        raise _malformed(service, Sentence("an identifier that is too long"),
                         f"{len(identifier)} characters")
    return Metadata(description, long_description, image_type, image, identifier)


# -- LUD-06 payRequest ------------------------------------------------------------------------


@dataclass(frozen=True)
class PayRequest:
    """A checked payRequest: what the user is shown before choosing an amount."""

    service: str  # the host the request came from ("host[:port]"), shown to the user
    callback: str
    min_msat: int
    max_msat: int
    metadata_text: str  # the raw string: its SHA-256 must be the invoice's description hash
    metadata: Metadata
    comment_allowed: int = 0
    address: str | None = None  # the Lightning address the user gave, if any

    @property
    def fixed(self) -> bool:
        return self.min_msat == self.max_msat

    def to_json_dict(self) -> dict[str, Any]:
        m = self.metadata
        return {"kind": "pay", "service": self.service, "address": self.address,
                "description": m.description, "long_description": m.long_description,
                "identifier": m.identifier, "image_type": m.image_type,
                "image": base64.b64encode(m.image).decode() if m.image else "",
                "min_msat": self.min_msat, "max_msat": self.max_msat,
                "comment_allowed": self.comment_allowed}


def parse_pay_request(reply: dict[str, Any], service: str, *, local_http: bool,
                      address: str | None = None) -> PayRequest:
    _refused(reply, service)
    _tag(reply, service, "payRequest")
    callback = _callback(reply, service, local_http)
    low, high = _msat(reply, "minSendable", service), _msat(reply, "maxSendable", service)
    if low < 1:
        raise _malformed(service, Sentence("a minimum amount of zero"), "minSendable < 1")
    if low > high:
        raise LnurlError(Sentence("The service %1 says its minimum (%2) is above its maximum (%3).", service, _sat_text(low), _sat_text(high)), "minSendable > maxSendable")
    metadata_text = _text(reply, "metadata", service, MAX_METADATA_CHARS)
    metadata = parse_metadata(metadata_text, service)
    allowed = reply.get("commentAllowed", 0)
    if allowed is None:
        allowed = 0
    if isinstance(allowed, bool) or not isinstance(allowed, int) or allowed < 0:
        raise _malformed(service, Sentence("a request with an invalid commentAllowed"),
                         f"commentAllowed: {printable(repr(allowed), 40)}")
    return PayRequest(service, callback.url, low, high, metadata_text, metadata,
                      min(allowed, MAX_COMMENT_CHARS), address)


@dataclass(frozen=True)
class InvoiceReply:
    """The answer to a pay request's callback: the invoice text and the success action."""

    invoice: str
    success_action: SuccessAction | None


def parse_invoice_reply(reply: dict[str, Any], service: str, *, callback: str,
                        local_http: bool) -> InvoiceReply:
    _refused(reply, service)
    pr = reply.get("pr")
    if not isinstance(pr, str) or not pr.strip():
        raise _malformed(service, Sentence("no invoice"), "no pr")
    if len(pr) > MAX_INVOICE_CHARS:
        raise _malformed(service, Sentence("an invoice that is too long"), f"{len(pr)} characters")
    action = parse_success_action(reply.get("successAction"), service, callback=callback,
                                  local_http=local_http)
    return InvoiceReply(pr.strip(), action)


# -- LUD-03 withdrawRequest ------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawRequest:
    """A checked withdrawRequest: what the service offers to pay us."""

    service: str
    callback: str
    k1: str
    description: str
    min_msat: int
    max_msat: int

    @property
    def fixed(self) -> bool:
        return self.min_msat == self.max_msat

    def to_json_dict(self) -> dict[str, Any]:
        return {"kind": "withdraw", "service": self.service, "description": self.description,
                "min_msat": self.min_msat, "max_msat": self.max_msat}


def parse_withdraw_request(reply: dict[str, Any], service: str, *,
                           local_http: bool) -> WithdrawRequest:
    _refused(reply, service)
    _tag(reply, service, "withdrawRequest")
    callback = _callback(reply, service, local_http)
    k1 = _text(reply, "k1", service, MAX_K1_CHARS)
    if not k1:
        raise _malformed(service, Sentence("a withdraw request without its k1"), "empty k1")
    description = _text(reply, "defaultDescription", service, 2 * MAX_WITHDRAW_DESCRIPTION_BYTES,
                        required=False)
    if len(description.encode("utf-8")) > MAX_WITHDRAW_DESCRIPTION_BYTES:
        raise _malformed(service, Sentence("a description that is too long for an invoice"),
                         f"{len(description.encode())} bytes")
    low = _msat(reply, "minWithdrawable", service)
    high = _msat(reply, "maxWithdrawable", service)
    if high < 1:
        raise LnurlError(Sentence("The service %1 offers nothing to withdraw.", service),
                         "maxWithdrawable is 0")
    if low > high:
        raise LnurlError(Sentence("The service %1 says its minimum (%2) is above its maximum (%3).", service, _sat_text(low), _sat_text(high)), "minWithdrawable > maxWithdrawable")
    return WithdrawRequest(service, callback.url, k1, description, low, high)


def parse_status_reply(reply: dict[str, Any], service: str) -> None:
    """`{"status": "OK"}` passes; ERROR raises ServiceRefused; anything else LnurlError."""
    _refused(reply, service)
    status = reply.get("status")
    if not (isinstance(status, str) and status.upper() == "OK"):
        raise LnurlError(Sentence("The service %1 did not confirm (no status OK in its answer).", service),
                         f"status {printable(repr(status), 40)}")
