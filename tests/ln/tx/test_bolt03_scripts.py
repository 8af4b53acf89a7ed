"""BOLT 3 output scripts: shapes of the anchor variants, and bad inputs.

The exact bytes of every script are checked against Appendices C and F in
test_bolt03_commitment.py; here the anchor scripts are read back opcode by opcode against
the spec's text, and bad keys/hashes are rejected.
"""

from __future__ import annotations

import pytest
from bitcoin.core.script import (
    OP_CHECKSEQUENCEVERIFY,
    OP_CHECKSIG,
    OP_CHECKSIGVERIFY,
    OP_DROP,
    OP_ENDIF,
    OP_IFDUP,
    OP_NOTIF,
    CScript,
)

from tests.conftest import load_vector
from wallet.ln.tx.keys import ChannelKeyError
from wallet.ln.tx.scripts import (
    anchor_script,
    funding_script,
    offered_htlc_script,
    p2wpkh,
    p2wsh,
    received_htlc_script,
    to_local_script,
    to_remote_anchor_script,
)

PARAMS = load_vector("bolt03_commitment.json")["commitment"]["params"]
LOCAL = bytes.fromhex(PARAMS["local_funding_pubkey"])
REMOTE = bytes.fromhex(PARAMS["remote_funding_pubkey"])
REVOCATION = bytes.fromhex(PARAMS["local_revocation_pubkey"])
LOCAL_HTLC = bytes.fromhex(PARAMS["local_htlcpubkey"])
REMOTE_HTLC = bytes.fromhex(PARAMS["remote_htlcpubkey"])
HASH = bytes(32)


def ops(script: bytes) -> list:
    return list(CScript(script))


def test_anchor_script_shape():
    assert ops(anchor_script(LOCAL)) == [
        LOCAL, OP_CHECKSIG, OP_IFDUP, OP_NOTIF, 16, OP_CHECKSEQUENCEVERIFY, OP_ENDIF,
    ]  # fmt: skip


def test_to_remote_anchor_script_shape():
    assert ops(to_remote_anchor_script(REMOTE)) == [
        REMOTE, OP_CHECKSIGVERIFY, 1, OP_CHECKSEQUENCEVERIFY,
    ]  # fmt: skip


@pytest.mark.parametrize("builder", ["offered", "received"])
def test_anchor_htlc_scripts_add_one_block_csv_before_the_last_endif(builder):
    def make(anchors: bool) -> bytes:
        if builder == "offered":
            return offered_htlc_script(REVOCATION, LOCAL_HTLC, REMOTE_HTLC, HASH, anchors=anchors)
        return received_htlc_script(REVOCATION, LOCAL_HTLC, REMOTE_HTLC, HASH, 500, anchors=anchors)

    plain, anchored = ops(make(False)), ops(make(True))
    assert anchored == plain[:-1] + [1, OP_CHECKSEQUENCEVERIFY, OP_DROP, OP_ENDIF]


def test_funding_script_sorts_keys():
    assert funding_script(LOCAL, REMOTE) == funding_script(REMOTE, LOCAL)
    keys = [op for op in ops(funding_script(REMOTE, LOCAL)) if isinstance(op, bytes)]
    assert keys == sorted([LOCAL, REMOTE])


def test_output_wrappers():
    assert p2wsh(b"\x51")[:2] == b"\x00\x20" and len(p2wsh(b"\x51")) == 34
    assert p2wpkh(LOCAL)[:2] == b"\x00\x14" and len(p2wpkh(LOCAL)) == 22


BAD_KEY = b"\x02" + b"\xff" * 32


@pytest.mark.parametrize(
    "call",
    [
        lambda: funding_script(LOCAL, BAD_KEY),
        lambda: p2wpkh(LOCAL[:32]),
        lambda: anchor_script(BAD_KEY),
        lambda: to_remote_anchor_script(b""),
        lambda: to_local_script(BAD_KEY, 144, LOCAL),
        lambda: to_local_script(REVOCATION, 1 << 16, LOCAL),
        lambda: to_local_script(REVOCATION, -1, LOCAL),
        lambda: offered_htlc_script(REVOCATION, LOCAL_HTLC, BAD_KEY, HASH, anchors=False),
        lambda: offered_htlc_script(REVOCATION, LOCAL_HTLC, REMOTE_HTLC, HASH[:31], anchors=True),
        lambda: received_htlc_script(REVOCATION, LOCAL_HTLC, REMOTE_HTLC, HASH, -5, anchors=False),
        lambda: received_htlc_script(BAD_KEY, LOCAL_HTLC, REMOTE_HTLC, HASH, 5, anchors=False),
    ],
)
def test_bad_inputs_raise_channel_key_error(call):
    with pytest.raises(ChannelKeyError):
        call()
