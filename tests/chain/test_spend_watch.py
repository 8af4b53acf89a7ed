"""The BOLT 5 watcher's eyes (wallet/chain/spend_watch.py): the spender of an output is
found through the script's history and its confirmation is proven with a Merkle branch
against our own headers; lies are refused. The client double is the funding-watch one."""

from __future__ import annotations

import pytest
from bitcoin.core import COutPoint

from tests.ln.shell.test_channel_manager_parts import (
    AMOUNT,
    SCRIPT,
    FakeClient,
    FakeHeaders,
    _branch,
    _tree,
    _tx,
)
from wallet.chain.electrum_client import ServerMisbehaved
from wallet.chain.merkle import MerkleProofError
from wallet.chain.spend_watch import SpendWatcher
from wallet.hashes import sha256d


def _spent_world():
    """An output paying SCRIPT, and a transaction spending it at position 1 of block 700."""
    parent = _tx([(AMOUNT, SCRIPT)])
    spender = _tx([(AMOUNT - 500, b"\x51")], COutPoint(parent.GetTxid(), 0))
    unrelated = _tx([(10, SCRIPT)])
    block = [_tx([(1, b"\x51")]), spender, _tx([(2, b"\x51")])]
    root, levels = _tree([t.GetTxid() for t in block])
    client = FakeClient()
    for t in (parent, spender, unrelated):
        client.txs[t.GetTxid()[::-1].hex()] = t.serialize()
    hx = spender.GetTxid()[::-1].hex()
    client.merkle[hx] = (_branch(levels, 1), 1)
    return parent, spender, unrelated, client, root, levels, hx


async def test_the_spender_and_its_proven_height() -> None:
    parent, spender, unrelated, client, root, _, hx = _spent_world()
    watch = SpendWatcher(FakeHeaders(705, {700: root}))
    txid = parent.GetTxid()
    assert await watch.spend_of(client, txid, 0, SCRIPT) is None  # no history
    client.history = [(parent.GetTxid()[::-1].hex(), 690),
                      (unrelated.GetTxid()[::-1].hex(), 0)]
    assert await watch.spend_of(client, txid, 0, SCRIPT) is None  # unspent
    client.history.append((hx, 0))
    seen = await watch.spend_of(client, txid, 0, SCRIPT)
    assert seen.raw == spender.serialize() and seen.height is None  # mempool
    client.history[-1] = (hx, 700)
    seen = await watch.spend_of(client, txid, 0, SCRIPT)
    assert seen.height == 700
    assert await watch.spend_of(client, txid, 1, SCRIPT) is None  # another output
    # in a block above our headers: unconfirmed until they catch up
    assert (await SpendWatcher(FakeHeaders(699, {})).spend_of(client, txid, 0, SCRIPT)
            ).height is None


async def test_lies_about_a_spend_are_refused() -> None:
    parent, spender, _, client, root, levels, hx = _spent_world()
    client.history = [(hx, 700)]
    txid = parent.GetTxid()
    client.merkle[hx] = (_branch(levels, 1), 2)  # wrong position
    with pytest.raises(MerkleProofError):
        await SpendWatcher(FakeHeaders(705, {700: root})).spend_of(client, txid, 0, SCRIPT)
    client.merkle[hx] = (_branch(levels, 1), 1 << 4)  # beyond the branch
    with pytest.raises(ServerMisbehaved):
        await SpendWatcher(FakeHeaders(705, {700: root})).spend_of(client, txid, 0, SCRIPT)
    client.merkle[hx] = (_branch(levels, 1), 1)
    with pytest.raises(MerkleProofError):  # not in our block 700
        await SpendWatcher(FakeHeaders(705, {700: sha256d(b"x")})).spend_of(
            client, txid, 0, SCRIPT)
    client.txs[hx] = b"\x01\x02garbage"
    with pytest.raises(ServerMisbehaved):
        await SpendWatcher(FakeHeaders(705, {700: root})).spend_of(client, txid, 0, SCRIPT)
