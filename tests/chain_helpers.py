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
