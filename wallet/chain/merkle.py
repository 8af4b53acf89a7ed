"""Merkle proofs of transaction inclusion (SPV), as served by `blockchain.transaction.get_merkle`.

Pure: the caller supplies the Merkle root from a header it verified itself.
"""

from __future__ import annotations

from wallet.errors import InputError
from wallet.hashes import sha256d
from wallet.sentence import Sentence


class MerkleProofError(InputError):
    """A Merkle branch does not prove what it claims."""


def merkle_root_from_branch(txid: bytes, branch: list[bytes], position: int) -> bytes:
    """Fold a branch (internal byte order, leaf first) into the root it implies.

    `txid` and every branch element are 32 bytes in internal (not display) order.
    """
    if len(txid) != 32:
        raise MerkleProofError("txid must be 32 bytes")
    if position < 0 or position >= (1 << len(branch)) and branch:
        raise MerkleProofError(Sentence("position %1 does not fit a branch of %2 levels", position, len(branch)))
    if not branch and position != 0:
        raise MerkleProofError("a transaction alone in its block must be at position 0")
    h = txid
    for level, sibling in enumerate(branch):
        if len(sibling) != 32:
            raise MerkleProofError(Sentence("branch element %1 is not 32 bytes", level))
        if (position >> level) & 1:
            if sibling == h:
                # A right child equal to its left sibling is how the tree duplicates the last
                # node of an odd level; a real right child never equals it. Accepting it would
                # allow the CVE-2012-2459 style 64-byte-transaction confusion.
                raise MerkleProofError("branch duplicates a node on the right side")
            h = sha256d(sibling + h)
        else:
            h = sha256d(h + sibling)
    return h


def verify_merkle_proof(
    txid_hex: str, branch_hex: list[str], position: int, merkle_root: bytes
) -> None:
    """Raise MerkleProofError unless the branch links txid (display hex) to `merkle_root`.

    `merkle_root` is in internal byte order, as in the 80-byte header.
    """
    try:
        txid = bytes.fromhex(txid_hex)[::-1]
        branch = [bytes.fromhex(h)[::-1] for h in branch_hex]
    except (ValueError, TypeError):
        raise MerkleProofError("Merkle branch is not hex") from None
    if merkle_root_from_branch(txid, branch, position) != merkle_root:
        raise MerkleProofError(Sentence("Merkle proof for %1 does not match the block header", txid_hex))
