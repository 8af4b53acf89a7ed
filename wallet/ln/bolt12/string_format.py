"""The BOLT 12 string form: `hrp` `1` bech32 data, no checksum, all lower or all UPPER case,
and `+` (with optional whitespace after it) joining pieces between two alphanumerics.

Prefixes: `lno` offer, `lnr` invoice request, `lni` invoice. Input is capped before any work.
"""

from __future__ import annotations

import re

from wallet.bech32 import CHARSET, Bech32Error, convertbits
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.sentence import Sentence

#: longest BOLT 12 string we read (offers are QR-sized; an invoice with a few paths fits)
MAX_STRING_LENGTH = 8000
PREFIXES = ("lno", "lnr", "lni")

_JOINED = re.compile(r"[A-Za-z0-9]+(?:\+[ \t\r\n\f\v]*[A-Za-z0-9]+)*")
_JOINS = re.compile(r"\+[ \t\r\n\f\v]*")
_INDEX = {c: i for i, c in enumerate(CHARSET)}


def split_bolt12(text: str) -> tuple[str, bytes]:
    """(prefix, TLV bytes) of a BOLT 12 string; Bolt12Error if it is not one."""
    if not isinstance(text, str):
        raise Bolt12Error("a BOLT 12 string must be text")
    if len(text) > MAX_STRING_LENGTH:
        raise Bolt12Error(Sentence("too long for a BOLT 12 string (%1 characters, at most %2)", len(text), MAX_STRING_LENGTH))
    if not _JOINED.fullmatch(text):
        raise Bolt12Error("not a BOLT 12 string: only letters and digits, with '+' joining "
                          "two pieces")
    text = _JOINS.sub("", text)
    if text != text.lower() and text != text.upper():
        raise Bolt12Error("a BOLT 12 string mixes upper and lower case")
    text = text.lower()
    prefix, sep, data = text.partition("1")
    if not sep or prefix not in PREFIXES:
        raise Bolt12Error("not a BOLT 12 string (it starts with neither lno1, lnr1 nor lni1)")
    try:
        values = [_INDEX[c] for c in data]
        payload = bytes(convertbits(values, 5, 8, pad=False))
    except KeyError as exc:
        raise Bolt12Error(Sentence("invalid character %1 in a BOLT 12 string", repr(exc.args[0]))) from None
    except Bech32Error:
        raise Bolt12Error("a BOLT 12 string ends with stray bits") from None
    return prefix, payload


def decode_bolt12(text: str, prefix: str) -> bytes:
    """The TLV bytes of a string that must carry `prefix`."""
    got, payload = split_bolt12(text)
    if got != prefix:
        raise Bolt12Error(Sentence("expected a %1, got a %2", _NAMES[prefix], _NAMES[got]))
    return payload


def encode_bolt12(prefix: str, payload: bytes) -> str:
    """Lower-case string form (upper-case it for a QR code)."""
    if prefix not in PREFIXES:
        raise Bolt12Error(Sentence("unknown BOLT 12 prefix %1", repr(prefix)))
    return prefix + "1" + "".join(CHARSET[v] for v in convertbits(payload, 8, 5))


_NAMES = {"lno": "BOLT 12 offer", "lnr": "BOLT 12 invoice request", "lni": "BOLT 12 invoice"}
