"""Test helpers: reference Merkle trees and small fake blocks (independent of wallet code)."""

from __future__ import annotations

from wallet.hashes import sha256d


def build_tree(leaves: list[bytes]) -> tuple[bytes, list[list[bytes]]]:
    """Bitcoin's Merkle tree (odd levels duplicate their last node): (root, levels)."""
    levels = [leaves]
    while len(levels[-1]) > 1:
        cur = levels[-1]
        if len(cur) % 2:
            cur = cur + [cur[-1]]
        levels.append([sha256d(cur[i] + cur[i + 1]) for i in range(0, len(cur), 2)])
    return levels[-1][0], levels


def branch_for(levels: list[list[bytes]], pos: int) -> list[bytes]:
    out = []
    for level in levels[:-1]:
        sib = pos ^ 1
        out.append(level[sib] if sib < len(level) else level[pos])
        pos >>= 1
    return out


REGTEST_BITS = 0x207FFFFF
REGTEST_TARGET = 0x7FFFFF << 232


def mine_regtest_headers(prev_hash: bytes, first_time: int, count: int, salt: int = 0) -> bytes:
    """`count` valid regtest headers on top of `prev_hash` (internal byte order).

    Regtest's target admits about half of all hashes, so a few nonces suffice. `salt` goes
    into the Merkle root so two branches from the same parent differ.
    """
    import struct

    out = bytearray()
    prev = prev_hash
    for i in range(count):
        root = sha256d(struct.pack("<II", salt, i))
        for nonce in range(1 << 20):
            raw = struct.pack("<I32s32sIII", 0x20000000, prev, root, first_time + i, REGTEST_BITS, nonce)
            h = sha256d(raw)
            if int.from_bytes(h, "little") <= REGTEST_TARGET:
                break
        out += raw
        prev = h
    return bytes(out)
