"""Base58 and Base58Check (the encoding of extended keys and WIF private keys).

Base58Check appends the first four bytes of the double SHA-256 of the payload, so a typo in
a pasted key is caught before the key is used.
"""

from __future__ import annotations

from wallet.errors import InputError
from wallet.hashes import sha256d
from wallet.sentence import Sentence

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}


#: characters; the longest Base58 text Kite reads is an extended key (111 characters).
#: Base58 decoding is a big-number conversion, quadratic in the length: the cap, checked
#: before any arithmetic, bounds it.
MAX_LENGTH = 128


class Base58Error(InputError):
    """A Base58 or Base58Check string is malformed."""


def b58encode(data: bytes) -> str:
    """Encode bytes; each leading zero byte becomes a leading '1'."""
    zeros = len(data) - len(data.lstrip(b"\x00"))
    n = int.from_bytes(data, "big")
    digits = []
    while n:
        n, r = divmod(n, 58)
        digits.append(ALPHABET[r])
    return "1" * zeros + "".join(reversed(digits))


def b58decode(text: str) -> bytes:
    """Decode Base58 text; raises Base58Error naming the first invalid character."""
    if not isinstance(text, str):
        raise Base58Error("expected text")
    if len(text) > MAX_LENGTH:
        raise Base58Error(
            Sentence("%1 characters is too long for Base58 text (at most %2)", format(len(text), ","), MAX_LENGTH)
        )
    n = 0
    for pos, c in enumerate(text, 1):
        try:
            n = n * 58 + _INDEX[c]
        except KeyError:
            raise Base58Error(
                Sentence("character %1 (%2) is not a Base58 character", pos, repr(c))
            ) from None
    zeros = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\x00" * zeros + body


def b58check_encode(payload: bytes) -> str:
    return b58encode(payload + sha256d(payload)[:4])


def b58check_decode(text: str) -> bytes:
    """Decode Base58Check text and return the payload without its checksum."""
    raw = b58decode(text)
    if len(raw) < 4:
        raise Base58Error("too short to hold a checksum")
    payload, check = raw[:-4], raw[-4:]
    if sha256d(payload)[:4] != check:
        raise Base58Error("checksum does not match (a typo?)")
    return payload
