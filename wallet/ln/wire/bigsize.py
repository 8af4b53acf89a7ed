"""BigSize (BOLT 1): the big-endian variable-length integer used in TLV streams.

Like Bitcoin's CompactSize but big-endian; a decoder must reject any value that could have
been written in fewer bytes, so that every number has exactly one encoding.
"""

from __future__ import annotations

from wallet.ln.wire.errors import WireError
from wallet.sentence import Sentence

MAX_BIGSIZE = 0xFFFF_FFFF_FFFF_FFFF

# (prefix byte, width of the value that follows, smallest value allowed with that prefix)
_WIDE_FORMS = {0xFD: (2, 0xFD), 0xFE: (4, 0x1_0000), 0xFF: (8, 0x1_0000_0000)}


def encode_bigsize(n: int) -> bytes:
    """The shortest BigSize encoding of `n` (0 <= n < 2**64)."""
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > MAX_BIGSIZE:
        raise WireError(Sentence("BigSize value out of range: %1", repr(n)))
    if n < 0xFD:
        return bytes([n])
    if n <= 0xFFFF:
        return b"\xfd" + n.to_bytes(2, "big")
    if n <= 0xFFFF_FFFF:
        return b"\xfe" + n.to_bytes(4, "big")
    return b"\xff" + n.to_bytes(8, "big")


def decode_bigsize(data: bytes, offset: int = 0) -> tuple[int, int]:
    """Read one BigSize at `offset`; return (value, offset just after it).

    Raises WireError on a short read (unexpected end of data) or a non-canonical encoding.
    """
    if offset >= len(data):
        raise WireError("BigSize: unexpected end of data")
    prefix = data[offset]
    if prefix < 0xFD:
        return prefix, offset + 1
    width, minimum = _WIDE_FORMS[prefix]
    end = offset + 1 + width
    if end > len(data):
        raise WireError("BigSize: unexpected end of data")
    value = int.from_bytes(data[offset + 1 : end], "big")
    if value < minimum:
        raise WireError("BigSize: decoded value is not canonical (not minimally encoded)")
    return value, end
