"""Bech32 and bech32m (BIP 173, BIP 350), and segwit addresses built on them.

`decode_bech32` has no length limit by default so that BOLT 11 invoices (which are longer
than 90 characters) use the same code, capped by the invoice decoder; segwit addresses pass
the 90-character limit, checked before any other work. Decoding is linear in the length.
"""

from __future__ import annotations

from enum import Enum

from wallet.errors import InputError
from wallet.sentence import Sentence

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHARSET_INDEX = {c: i for i, c in enumerate(CHARSET)}
_BECH32_CONST = 1
_BECH32M_CONST = 0x2BC830A3


class Bech32Error(InputError):
    """A bech32 string, or a segwit address, is malformed."""


class Encoding(Enum):
    BECH32 = "bech32"
    BECH32M = "bech32m"


_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
# the XOR of the generators selected by each 5-bit value of the top bits (BIP 173's inner
# loop done once): invoices are long, and every payment decodes one or two
_GEN_TABLE = tuple(
    _GEN[0] * (t & 1) ^ _GEN[1] * (t >> 1 & 1) ^ _GEN[2] * (t >> 2 & 1)
    ^ _GEN[3] * (t >> 3 & 1) ^ _GEN[4] * (t >> 4 & 1)
    for t in range(32)
)


def _polymod(values: list[int]) -> int:
    chk = 1
    table = _GEN_TABLE
    for v in values:
        chk = ((chk & 0x1FFFFFF) << 5) ^ v ^ table[chk >> 25]
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _checksum(hrp: str, data: list[int], encoding: Encoding) -> list[int]:
    const = _BECH32M_CONST if encoding is Encoding.BECH32M else _BECH32_CONST
    pm = _polymod(_hrp_expand(hrp) + data + [0] * 6) ^ const
    return [(pm >> 5 * (5 - i)) & 31 for i in range(6)]


def encode_bech32(hrp: str, data: list[int], encoding: Encoding = Encoding.BECH32) -> str:
    """Encode 5-bit values under a human-readable part, lower case."""
    return hrp + "1" + "".join(CHARSET[d] for d in data + _checksum(hrp, data, encoding))


def decode_bech32(text: str, max_length: int | None = None) -> tuple[str, list[int], Encoding]:
    """Split a bech32/bech32m string into (hrp, 5-bit data without checksum, encoding)."""
    if max_length is not None and len(text) > max_length:
        raise Bech32Error(Sentence("too long: %1 characters, at most %2", len(text), max_length))
    # printable ASCII without the space (33..126), checked by C string methods
    if not (text.isascii() and text.isprintable()) or " " in text:
        raise Bech32Error("contains characters outside the printable ASCII range")
    if text.lower() != text and text.upper() != text:
        raise Bech32Error("mixes upper and lower case")
    text = text.lower()
    pos = text.rfind("1")
    if pos < 1:
        raise Bech32Error("has no human-readable part before the separator '1'")
    if pos + 7 > len(text):
        raise Bech32Error("too short to hold a checksum")
    hrp = text[:pos]
    try:
        data = [_CHARSET_INDEX[c] for c in text[pos + 1 :]]
    except KeyError as e:
        raise Bech32Error(Sentence("invalid character %1 in the data part", repr(e.args[0]))) from None
    check = _polymod(_hrp_expand(hrp) + data)
    if check == _BECH32_CONST:
        encoding = Encoding.BECH32
    elif check == _BECH32M_CONST:
        encoding = Encoding.BECH32M
    else:
        raise Bech32Error("checksum does not match (a typo?)")
    return hrp, data[:-6], encoding


def convertbits(data: bytes | list[int], frombits: int, tobits: int, pad: bool = True) -> list[int]:
    """Regroup a sequence of `frombits`-bit values into `tobits`-bit values.

    The accumulator keeps only the bits not yet emitted (at most frombits + tobits - 1),
    so the work is linear in the input: an unmasked one grows with the input and makes
    every shift cost its length (a 300 KB invoice took seconds).
    """
    acc = 0
    bits = 0
    out: list[int] = []
    maxv = (1 << tobits) - 1
    max_acc = (1 << (frombits + tobits - 1)) - 1
    if data and (min(data) < 0 or max(data) >> frombits):
        raise Bech32Error("value out of range while regrouping bits")
    for value in data:
        acc = ((acc << frombits) | value) & max_acc
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if pad:
        if bits:
            out.append((acc << (tobits - bits)) & maxv)
    elif bits >= frombits or ((acc << (tobits - bits)) & maxv):
        raise Bech32Error("non-zero padding bits")
    return out


def encode_segwit_address(hrp: str, witver: int, program: bytes) -> str:
    """A native segwit address: bech32 for version 0, bech32m for later versions."""
    encoding = Encoding.BECH32 if witver == 0 else Encoding.BECH32M
    addr = encode_bech32(hrp, [witver] + convertbits(program, 8, 5), encoding)
    decode_segwit_address(hrp, addr)  # never hand out something we could not read back
    return addr


def decode_segwit_address(hrp: str, addr: str) -> tuple[int, bytes]:
    """(witness version, program) of a segwit address on the network with prefix `hrp`."""
    got_hrp, data, encoding = decode_bech32(addr, max_length=90)
    if got_hrp != hrp:
        raise Bech32Error(Sentence("address is for prefix %1, this network uses %2", repr(got_hrp), repr(hrp)))
    if not data:
        raise Bech32Error("address has no witness version")
    witver = data[0]
    if witver > 16:
        raise Bech32Error(Sentence("invalid witness version %1", witver))
    program = bytes(convertbits(data[1:], 5, 8, pad=False))
    if not 2 <= len(program) <= 40:
        raise Bech32Error(Sentence("witness program of %1 bytes (must be 2 to 40)", len(program)))
    if witver == 0 and len(program) not in (20, 32):
        raise Bech32Error(Sentence("version 0 witness program of %1 bytes (must be 20 or 32)", len(program)))
    want = Encoding.BECH32 if witver == 0 else Encoding.BECH32M
    if encoding is not want:
        raise Bech32Error(Sentence("witness version %1 must use %2, not %3", witver, want.value, encoding.value))
    return witver, program
