"""BOLT 11's 5-bit groups: integers and bytes to and from them, and the hash an invoice's
signature covers. Shared by the decoder and the encoder. Pure."""

from __future__ import annotations

from wallet.bech32 import (
    convertbits,
)
from wallet.hashes import sha256
from wallet.ln.bolt11.errors import InvoiceError
from wallet.sentence import Sentence


def groups_to_int(groups: list[int] | tuple[int, ...]) -> int:
    value = 0
    for g in groups:
        value = (value << 5) | g
    return value


def int_to_groups(value: int, width: int | None = None) -> list[int]:
    """Big-endian 5-bit groups; minimal (no leading zero group) unless `width` is given."""
    out = []
    while value:
        out.append(value & 31)
        value >>= 5
    if width is not None:
        if len(out) > width:
            raise InvoiceError(Sentence("value does not fit in %1 bits", width * 5))
        out.extend([0] * (width - len(out)))
    return out[::-1]


def groups_to_bytes(groups: list[int] | tuple[int, ...]) -> bytes:
    """Regroup into bytes, dropping the trailing padding bits (fewer than 8)."""
    return bytes(convertbits(list(groups), 5, 8, pad=True)[: len(groups) * 5 // 8])


def bytes_to_groups(data: bytes) -> list[int]:
    return convertbits(data, 8, 5, pad=True)


def signing_hash(hrp: str, groups: list[int]) -> bytes:
    """SHA-256 of the prefix's bytes and the data part (without signature) padded to bytes."""
    return sha256(hrp.encode("ascii") + bytes(convertbits(groups, 5, 8, pad=True)))
