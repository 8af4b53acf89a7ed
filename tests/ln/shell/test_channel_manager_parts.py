"""The pieces of the channel shell that decide things: the funding-output watch that proves
depth and short channel id (script_watch), and the command argument parsing of the channel
service. (The payee's BOLT 4 checks are tested against the real receiver in
tests/ln/shell/test_payments.py.)"""

from __future__ import annotations

import os

import pytest
from bitcoin.core import COutPoint, CScript, CTransaction, CTxIn, CTxOut

from wallet.chain.electrum_client import ServerMisbehaved
from wallet.chain.merkle import MerkleProofError
from wallet.chain.script_watch import ScriptWatcher
from wallet.chain.scripthash import script_to_scripthash
from wallet.daemon.channel_service import parse_peer
from wallet.daemon.node_config import parse_listen
from wallet.errors import InputError
from wallet.hashes import sha256d
from wallet.ln.wire.primitives import ShortChannelId

# -- funding output watch ----------------------------------------------------------------------

SCRIPT = b"\x00\x20" + b"\x33" * 32
AMOUNT = 250_000


def _tx(outputs, prevout=None) -> CTransaction:
    vin = [CTxIn(prevout or COutPoint(os.urandom(32), 0), CScript(), 0xFFFFFFFD)]
    return CTransaction(vin, [CTxOut(v, CScript(s)) for v, s in outputs], 0, 2)


def _tree(txids: list[bytes]) -> tuple[bytes, list[list[bytes]]]:
    levels = [txids]
    while len(levels[-1]) > 1:
        cur = levels[-1] + ([levels[-1][-1]] if len(levels[-1]) % 2 else [])
        levels.append([sha256d(cur[i] + cur[i + 1]) for i in range(0, len(cur), 2)])
    return levels[-1][0], levels


def _branch(levels, pos: int) -> list[str]:
    out = []
    for level in levels[:-1]:
        cur = level + ([level[-1]] if len(level) % 2 else [])
        out.append(cur[pos ^ 1][::-1].hex())
        pos //= 2
    return out


class FakeHeaders:
    def __init__(self, tip: int, roots: dict[int, bytes]) -> None:
        self.tip_height = tip
        self.roots = roots

    def merkle_root(self, height: int) -> bytes | None:
        return self.roots.get(height)

    async def old_merkle_root(self, client, height: int) -> bytes:
        raise AssertionError("not below a checkpoint here")


class FakeClient:
    def __init__(self) -> None:
        self.txs: dict[str, bytes] = {}
        self.history: list[tuple[str, int]] = []
        self.merkle: dict[str, tuple[list[str], int]] = {}

    async def get_history(self, scripthash: str):
        assert scripthash == script_to_scripthash(SCRIPT)
        return list(self.history)

    async def get_transaction(self, txid: str) -> bytes:
        return self.txs[txid]

    async def get_merkle(self, txid: str, height: int):
        branch, pos = self.merkle[txid]
        return branch, pos, height


def _world(amount: int = AMOUNT):
    funding = _tx([(50_000, b"\x00\x14" + b"\x01" * 20), (amount, SCRIPT)])
    others = [_tx([(1000, b"\x51")]) for _ in range(4)]
    block = [others[0], others[1], funding, others[2], others[3]]  # funding at position 2
    root, levels = _tree([t.GetTxid() for t in block])
    client = FakeClient()
    txid_hex = funding.GetTxid()[::-1].hex()
    client.txs[txid_hex] = funding.serialize()
    client.merkle[txid_hex] = (_branch(levels, 2), 2)
    return funding, client, root, levels, txid_hex


async def test_depth_and_scid_are_proven() -> None:
    funding, client, root, _, txid_hex = _world()
    watcher = ScriptWatcher(FakeHeaders(705, {700: root}))
    assert (await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)).depth == 0
    client.history = [(txid_hex, 0)]  # in the mempool
    assert (await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)).depth == 0
    client.history = [(txid_hex, 700)]
    status = await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    assert status.depth == 6 and status.short_channel_id == ShortChannelId(700, 2, 1)
    assert status.spender is None and status.mismatch is None
    # spent (in the mempool): the spender is returned
    spend = _tx([(AMOUNT - 500, b"\x51")], COutPoint(funding.GetTxid(), 1))
    unrelated = _tx([(10, SCRIPT)])
    for t in (spend, unrelated):
        client.txs[t.GetTxid()[::-1].hex()] = t.serialize()
    client.history += [(unrelated.GetTxid()[::-1].hex(), 0), (spend.GetTxid()[::-1].hex(), 0)]
    status = await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    assert status.spender == spend.serialize() and status.depth == 6


async def test_lies_and_mismatches_are_caught() -> None:
    funding, client, root, levels, txid_hex = _world()
    client.history = [(txid_hex, 700)]
    watcher = ScriptWatcher(FakeHeaders(705, {700: root}))
    client.merkle[txid_hex] = (_branch(levels, 2), 3)  # wrong position
    with pytest.raises(MerkleProofError):
        await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    client.merkle[txid_hex] = (_branch(levels, 2), 1 << 5)  # beyond the branch
    with pytest.raises(ServerMisbehaved):
        await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    # not in our block 700 at all
    watcher = ScriptWatcher(FakeHeaders(705, {700: sha256d(b"other")}))
    client.merkle[txid_hex] = (_branch(levels, 2), 2)
    with pytest.raises(MerkleProofError):
        await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    # the output does not pay what the channel expects: never reported as deep enough
    watcher = ScriptWatcher(FakeHeaders(705, {700: root}))
    status = await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT + 1)
    assert status.depth == 0 and status.mismatch
    status = await watcher.output_status(client, funding.GetTxid(), 5, SCRIPT, AMOUNT)
    assert status.depth == 0 and status.mismatch
    # confirmed above our headers: wait for them
    watcher = ScriptWatcher(FakeHeaders(699, {}))
    assert (await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)).depth == 0


# -- command arguments -------------------------------------------------------------------------


def test_peer_and_listen_arguments() -> None:
    node = "02" + "ab" * 32
    assert parse_peer(f"{node}@127.0.0.1:9735") == (bytes.fromhex(node), "127.0.0.1", 9735)
    for bad in ["nope", f"{node}@host", f"{node}@host:0", "zz@h:1", "0211@h:1", 5,
                f"04{'ab' * 32}@h:1"]:
        with pytest.raises(InputError):
            parse_peer(bad)
    assert parse_listen(None) is None
    assert parse_listen("9735") == ("127.0.0.1", 9735)
    assert parse_listen("0.0.0.0:1") == ("0.0.0.0", 1)
    for bad in ["x:y", "70000"]:
        with pytest.raises(InputError):
            parse_listen(bad)
