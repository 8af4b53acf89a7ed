"""What a pay service shows the payer once paid: LUD-09 `message` and `url`, LUD-10 `aes`.

Parsed and checked before paying (LUD-09: a kind Kite cannot show must stop the payment,
or the payer pays and never sees what was promised); an `aes` one is decrypted after the
payment with its preimage (AES-256-CBC, PKCS#7 padding). Pure code.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from wallet.lnurl.errors import LnurlError, printable
from wallet.lnurl.urls import check_url
from wallet.sentence import Sentence

MAX_TEXT_CHARS = 144  # LUD-09/10: message and description
MAX_CIPHERTEXT_CHARS = 4_096  # LUD-10: "up to 4kb of characters"
IV_CHARS = 24  # LUD-10: base 64 of 16 bytes
TAGS = ("message", "url", "aes")


@dataclass(frozen=True)
class SuccessAction:
    """`tag` is "message", "url" or "aes"; `text` is the message or the description."""

    tag: str
    text: str
    url: str = ""
    ciphertext: bytes = b""
    iv: bytes = b""

    def to_json_dict(self) -> dict[str, str]:
        out = {"tag": self.tag, ("message" if self.tag == "message" else "description"):
               self.text}
        if self.url:
            out["url"] = self.url
        return out


def _field(action: dict[str, Any], key: str, service: str, limit: int) -> str:
    value = action.get(key)
    if not isinstance(value, str):
        raise LnurlError(Sentence("The service %1 promised a confirmation without its %2; nothing was paid.", service, key), f"successAction.{key} is not text")
    if len(value) > limit:
        raise LnurlError(Sentence("The service %1 promised a confirmation whose %2 is too long; nothing was paid.", service, key), f"{len(value)} characters, at most {limit}")
    return value


def _base64(text: str, service: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise LnurlError(Sentence("The service %1 promised an encrypted confirmation Kite cannot read; nothing was paid.", service), f"{what} is not base64") from None


def parse_success_action(value: Any, service: str, *, callback: str,
                         local_http: bool) -> SuccessAction | None:
    """The successAction of an invoice reply, checked; None when there is none."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise LnurlError(Sentence("The service %1 promised a confirmation Kite cannot read; nothing was paid.", service), "successAction is not an object")
    tag = value.get("tag")
    if tag not in TAGS:
        shown = printable(tag, 40) if isinstance(tag, str) else type(tag).__name__
        raise LnurlError(Sentence("The service %1 promised a kind of confirmation Kite cannot show; nothing was paid.", service), f"successAction tag {shown!r}")
    if tag == "message":
        return SuccessAction("message", _field(value, "message", service, MAX_TEXT_CHARS))
    description = _field(value, "description", service, MAX_TEXT_CHARS)
    if tag == "url":
        try:
            url = check_url(_field(value, "url", service, 2048), local_http=local_http)
        except LnurlError as e:
            raise LnurlError(Sentence("The service %1 promised a confirmation link Kite will not open; nothing was paid.", service), e.message) from None
        if url.host != check_url(callback, local_http=local_http).host:
            raise LnurlError(Sentence("The service %1 promised a confirmation link to another site (%2); nothing was paid.", service, url.service),
                             "LUD-09: the url's domain must be the callback's")
        return SuccessAction("url", description, url=url.url)
    ciphertext = _base64(_field(value, "ciphertext", service, MAX_CIPHERTEXT_CHARS), service,
                         "ciphertext")
    iv_text = _field(value, "iv", service, IV_CHARS)
    iv = _base64(iv_text, service, "iv")
    if len(iv_text) != IV_CHARS or len(iv) != 16:
        raise LnurlError(Sentence("The service %1 promised an encrypted confirmation Kite cannot read; nothing was paid.", service), "iv is not 16 bytes")
    if not ciphertext or len(ciphertext) % 16:
        raise LnurlError(Sentence("The service %1 promised an encrypted confirmation Kite cannot read; nothing was paid.", service), "ciphertext is not whole AES blocks")
    return SuccessAction("aes", description, ciphertext=ciphertext, iv=iv)


def decrypt(action: SuccessAction, preimage: bytes) -> str:
    """The plaintext of an `aes` action, with the payment's preimage as the key (LUD-10)."""
    if action.tag != "aes" or len(preimage) != 32:
        raise LnurlError("This confirmation is not an encrypted one.", "not aes")
    decryptor = Cipher(algorithms.AES(preimage), modes.CBC(action.iv)).decryptor()
    padded = decryptor.update(action.ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        plain = unpadder.update(padded) + unpadder.finalize()
        return plain.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise LnurlError("The service's encrypted confirmation does not open with this "
                         "payment's key.", "bad padding or not UTF-8") from None


def encrypt(plaintext: str, preimage: bytes, iv: bytes) -> dict[str, str]:
    """An `aes` successAction for `plaintext` (what a service sends; for tests and the
    devnet's service)."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext.encode("utf-8")) + padder.finalize()
    encryptor = Cipher(algorithms.AES(preimage), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    return {"tag": "aes", "ciphertext": base64.b64encode(ciphertext).decode(),
            "iv": base64.b64encode(iv).decode()}
