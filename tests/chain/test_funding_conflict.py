"""A zero-conf channel's funding transaction double-spent, as the Electrum-side watcher
(`ScriptWatcher`) sees it: the funding seen in the mempool, then gone from its script's
history while a transaction spending one of its inputs confirms. Only a conflict proven by
a Merkle branch in our own headers counts; a server that hides the funding or fakes a
conflict gets no "double-spent" out of it."""

from __future__ import annotations

import os

import pytest
from bitcoin.core import COutPoint, CScript, CTransaction, CTxIn, CTxOut

from wallet.chain.merkle import MerkleProofError
from wallet.chain.script_watch import ScriptWatcher
from wallet.chain.scripthash import script_to_scripthash
from wallet.hashes import sha256d
from wallet.storage.database import Database
from wallet.storage.funding_inputs_store import MAX_INPUTS, FundingInputsStore

FUNDING_SCRIPT = b"\x00\x20" + b"\x33" * 32
COIN_SCRIPT = b"\x00\x14" + b"\x44" * 20
AMOUNT = 250_000


def tx(prevout: COutPoint, outputs: list[tuple[int, bytes]]) -> CTransaction:
    return CTransaction([CTxIn(prevout, CScript(), 0xFFFFFFFD)],
                        [CTxOut(v, CScript(s)) for v, s in outputs], 0, 2)


def hex_id(t: CTransaction) -> str:
    return t.GetTxid()[::-1].hex()


class Headers:
    def __init__(self, tip: int, roots: dict[int, bytes]) -> None:
        self.tip_height = tip
        self.roots = roots

    def merkle_root(self, height: int) -> bytes | None:
        return self.roots.get(height)

    async def old_merkle_root(self, client, height: int) -> bytes:
        raise AssertionError("no checkpointed block here")


class Server:
    """An Electrum server: histories by script, transactions, one-transaction blocks."""

    def __init__(self) -> None:
        self.txs: dict[str, bytes] = {}
        self.histories: dict[str, list[tuple[str, int]]] = {}

    def add(self, t: CTransaction) -> None:
        self.txs[hex_id(t)] = t.serialize()

    def history_of(self, script: bytes) -> list[tuple[str, int]]:
        return self.histories.setdefault(script_to_scripthash(script), [])

    async def get_history(self, scripthash: str):
        return list(self.histories.get(scripthash, []))

    async def get_transaction(self, txid: str) -> bytes:
        return self.txs[txid]

    async def get_merkle(self, txid: str, height: int):
        return [], 0, height  # each block holds one transaction: its txid is the root


def world():
    coin = tx(COutPoint(os.urandom(32), 0), [(300_000, COIN_SCRIPT)])
    funding = tx(COutPoint(coin.GetTxid(), 0), [(AMOUNT, FUNDING_SCRIPT)])
    conflict = tx(COutPoint(coin.GetTxid(), 0), [(299_000, b"\x00\x14" + b"\x55" * 20)])
    server = Server()
    for t in (coin, funding, conflict):
        server.add(t)
    server.history_of(COIN_SCRIPT).append((hex_id(coin), 690))
    return coin, funding, conflict, server


async def status(watcher, server, funding):
    return await watcher.output_status(server, funding.GetTxid(), 0, FUNDING_SCRIPT, AMOUNT)


async def test_a_proven_conflict_is_reported_with_its_depth() -> None:
    coin, funding, conflict, server = world()
    watcher = ScriptWatcher(Headers(705, {700: conflict.GetTxid()}))
    server.history_of(FUNDING_SCRIPT).append((hex_id(funding), 0))  # seen in the mempool
    server.history_of(COIN_SCRIPT).append((hex_id(funding), 0))
    assert (await status(watcher, server, funding)).conflict_depth == 0
    # replaced: the funding leaves both histories, the conflict is mined at 700
    server.history_of(FUNDING_SCRIPT).clear()
    server.history_of(COIN_SCRIPT)[1:] = [(hex_id(conflict), 700)]
    got = await status(watcher, server, funding)
    assert got.conflict_depth == 6 and got.depth == 0 and got.spender is None


async def test_no_conflict_without_proof_or_without_having_seen_the_funding() -> None:
    coin, funding, conflict, server = world()
    server.history_of(COIN_SCRIPT).append((hex_id(conflict), 700))
    # never saw the funding: its inputs are unknown, nothing can be claimed
    watcher = ScriptWatcher(Headers(705, {700: conflict.GetTxid()}))
    assert (await status(watcher, server, funding)).conflict_depth == 0
    # saw it, then a conflict in the mempool only: not a double spend yet
    server.history_of(FUNDING_SCRIPT).append((hex_id(funding), 0))
    await status(watcher, server, funding)
    server.history_of(FUNDING_SCRIPT).clear()
    server.history_of(COIN_SCRIPT)[1:] = [(hex_id(conflict), 0)]
    assert (await status(watcher, server, funding)).conflict_depth == 0
    # a "confirmed" conflict that is not in our block 700: a lie, caught
    server.history_of(COIN_SCRIPT)[1:] = [(hex_id(conflict), 700)]
    liar = ScriptWatcher(Headers(705, {700: sha256d(b"another block")}))
    server.history_of(FUNDING_SCRIPT).append((hex_id(funding), 0))
    await status(liar, server, funding)
    server.history_of(FUNDING_SCRIPT).clear()
    with pytest.raises(MerkleProofError):
        await status(liar, server, funding)


async def test_the_funding_itself_confirmed_is_no_conflict() -> None:
    """A server hiding the confirmed funding from its own script's history: the input's
    spender is the funding itself, not a conflict."""
    coin, funding, conflict, server = world()
    watcher = ScriptWatcher(Headers(705, {700: funding.GetTxid()}))
    server.history_of(FUNDING_SCRIPT).append((hex_id(funding), 0))
    await status(watcher, server, funding)
    server.history_of(FUNDING_SCRIPT).clear()
    server.history_of(COIN_SCRIPT).append((hex_id(funding), 700))
    assert (await status(watcher, server, funding)).conflict_depth == 0


async def test_the_inputs_seen_survive_a_restart(tmp_path) -> None:
    """The funding seen by one process, gone while it was down: the next process (a new
    watcher on the same database) still proves the double spend from the kept inputs.
    Without the store it could not (the funding stayed "unconfirmed" for ever)."""
    coin, funding, conflict, server = world()
    db = Database(tmp_path / "w.sqlite")
    headers = Headers(705, {700: conflict.GetTxid()})
    first = ScriptWatcher(headers, FundingInputsStore(db))
    server.history_of(FUNDING_SCRIPT).append((hex_id(funding), 0))
    server.history_of(COIN_SCRIPT).append((hex_id(funding), 0))
    await status(first, server, funding)
    # down; meanwhile the funding is replaced and the conflict mined
    server.history_of(FUNDING_SCRIPT).clear()
    server.history_of(COIN_SCRIPT)[1:] = [(hex_id(conflict), 700)]
    assert (await status(ScriptWatcher(headers), server, funding)).conflict_depth == 0
    again = ScriptWatcher(headers, FundingInputsStore(db))
    assert (await status(again, server, funding)).conflict_depth == 6
    kept = FundingInputsStore(db).load()
    assert kept == {funding.GetTxid(): ((coin.GetTxid(), 0),)}
    db.close()


def test_the_inputs_store_keeps_the_first_and_refuses_nonsense(tmp_path) -> None:
    db = Database(tmp_path / "w.sqlite")
    store = FundingInputsStore(db)
    txid, a, b = os.urandom(32), (os.urandom(32), 0xFFFFFFFF), (os.urandom(32), 1)
    store.add(txid, (a, b))
    store.add(txid, (b,))  # a transaction's inputs never change: the first kept
    store.add(os.urandom(32), ())  # nothing to keep
    store.add(os.urandom(31), (a,))  # not a txid
    store.add(os.urandom(32), tuple((os.urandom(32), i) for i in range(MAX_INPUTS + 1)))
    assert store.load() == {txid: (a, b)}
    db.close()
