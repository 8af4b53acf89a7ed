import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.chain_helpers import branch_for, build_tree
from wallet.chain.merkle import MerkleProofError, merkle_root_from_branch, verify_merkle_proof
from wallet.chain.scripthash import script_to_scripthash, status_hash


@settings(max_examples=60)
@given(st.integers(1, 40), st.data())
def test_every_leaf_proves(n, data):
    leaves = [hashlib.sha256(bytes([i, n])).digest() for i in range(n)]
    root, levels = build_tree(leaves)
    pos = data.draw(st.integers(0, n - 1))
    branch = branch_for(levels, pos)
    if pos == n - 1 and n % 2 == 1 and n > 1:
        # the duplicated last leaf cannot be claimed as a phantom right-hand leaf
        with pytest.raises(MerkleProofError):
            merkle_root_from_branch(leaves[pos], [leaves[pos]] + branch[1:], pos + 1)
    assert merkle_root_from_branch(leaves[pos], branch, pos) == root
    verify_merkle_proof(
        leaves[pos][::-1].hex(), [b[::-1].hex() for b in branch], pos, root
    )
    # a wrong position or a tampered sibling fails
    if branch:
        bad = list(branch)
        bad[0] = bytes(32)
        with pytest.raises(MerkleProofError):
            verify_merkle_proof(leaves[pos][::-1].hex(), [b[::-1].hex() for b in bad], pos, root)


def test_bad_shapes():
    with pytest.raises(MerkleProofError):
        verify_merkle_proof("zz", [], 0, bytes(32))
    with pytest.raises(MerkleProofError):
        merkle_root_from_branch(bytes(32), [], 1)
    with pytest.raises(MerkleProofError):
        merkle_root_from_branch(bytes(32), [bytes(31)], 0)
    with pytest.raises(MerkleProofError):
        merkle_root_from_branch(bytes(32), [bytes(32)], 2)


def test_scripthash_and_status():
    # the server indexes by SHA-256 of the script in reversed byte order (protocol-basics);
    # the devnet tests check the same value against a real ElectrumX
    script = bytes.fromhex("0014") + bytes(range(20))
    assert script_to_scripthash(script) == hashlib.sha256(script).digest()[::-1].hex()
    assert status_hash([]) is None
    h = status_hash([("aa" * 32, 10), ("bb" * 32, 0)])
    assert h == hashlib.sha256(f"{'aa' * 32}:10:{'bb' * 32}:0:".encode()).hexdigest()
