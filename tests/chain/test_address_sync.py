"""Address sync against a scripted Electrum server: honest, and lying in each way."""

import asyncio
import contextlib

import pytest
from bitcoin.core import CMutableTransaction, CMutableTxIn, CMutableTxOut, COutPoint, CScript

from tests.support.chain_helpers import branch_for, build_tree
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.address_sync import AddressBook, AddressSync, HeadersBehind
from wallet.chain.electrum_client import ElectrumClient, ServerAddress, ServerMisbehaved
from wallet.chain.merkle import MerkleProofError
from wallet.chain.scripthash import script_to_scripthash, status_hash
from wallet.keys.bip84 import Bip84Account
from wallet.networks import REGTEST
from wallet.onchain.ledger import Ledger, WalletTx
from wallet.onchain.transactions import txid

ACCOUNT = Bip84Account.from_seed(bytes(64), REGTEST)


class Headers:
    def __init__(self):
        self.roots = {}
        self.tip_height = 0

    def merkle_root(self, height):
        return self.roots.get(height)

    def block_time(self, height):
        return 1_600_000_000 + height if height in self.roots else None


class Store:
    def __init__(self):
        self.saved, self.deleted = {}, []

    def save_tx(self, wtx):
        self.saved[wtx.txid] = wtx

    def delete_tx(self, t):
        self.deleted.append(t)
        self.saved.pop(t, None)

    def batch(self):
        return contextlib.nullcontext()


def pay_to(script: bytes, value: int, n: int) -> bytes:
    return CMutableTransaction(
        [CMutableTxIn(COutPoint(bytes([n]) * 32, 0))], [CMutableTxOut(value, CScript(script))]
    ).serialize()


class World:
    """A chain with one block holding a payment to our receive address `index`."""

    def __init__(self, index=3, height=5):
        self.raw = pay_to(ACCOUNT.script_pubkey(0, index), 40_000, index)
        self.txid = txid(self.raw)
        other = [bytes([9]) * 32, bytes([8]) * 32]
        leaves = [other[0], bytes.fromhex(self.txid)[::-1], other[1]]
        self.root, levels = build_tree(leaves)
        self.branch = [b[::-1].hex() for b in branch_for(levels, 1)]
        self.height = height
        self.sh = script_to_scripthash(ACCOUNT.script_pubkey(0, index))
        self.history = [{"tx_hash": self.txid, "height": height}]

    def header(self, height):
        """The server's header at `height` (only its Merkle root matters here)."""
        return bytes(36) + self.root + bytes(12)

    def handlers(self, **overrides):
        h = {
            "blockchain.scripthash.subscribe": lambda sh: status_hash([(self.txid, self.height)]) if sh == self.sh else None,
            "blockchain.scripthash.get_history": lambda sh: self.history if sh == self.sh else [],
            "blockchain.transaction.get": lambda t: self.raw.hex(),
            "blockchain.transaction.get_merkle": lambda t, h: {"merkle": self.branch, "pos": 1, "block_height": h},
            "blockchain.block.header": lambda h: self.header(h).hex(),
        }
        h.update(overrides)
        return h


def make_sync(headers):
    book = AddressBook(ACCOUNT, gap_limit=5)
    return AddressSync(book, Ledger(book.owner), headers, Store())


async def run_sync(world, headers, sync=None, **overrides):
    server = FakeElectrumServer(world.handlers(**overrides))
    await server.start()
    sync = sync or make_sync(headers)
    book, ledger, store = sync.book, sync.ledger, sync.store
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", server.port, False), timeout=5) as c:
            await sync.subscribe_all(c)
    finally:
        await server.stop()
    return sync, ledger, store, book


async def test_honest_server_payment_found_and_gap_extended():
    w = World(index=3)
    headers = Headers()
    headers.roots[w.height] = w.root
    sync, ledger, store, book = await run_sync(w, headers)
    assert ledger.balance(10).confirmed == 40_000
    assert w.txid in store.saved
    # used index 3, then at least a gap of 5 (and a guess at more: one found, two more)
    assert book.count(0) == 3 + 1 + 5 + 2
    assert book.first_unused(0) == 0


@pytest.mark.parametrize(
    "override,error",
    [
        ({"blockchain.transaction.get_merkle": lambda t, h: {"merkle": ["00" * 32, "11" * 32], "pos": 1, "block_height": h}}, MerkleProofError),
        ({"blockchain.scripthash.get_history": lambda sh: []}, ServerMisbehaved),
        ({"blockchain.transaction.get": lambda t: pay_to(b"\x00\x14" + bytes(20), 1, 1).hex()}, ServerMisbehaved),
    ],
    ids=["false-merkle-proof", "history-not-matching-status", "tx-not-matching-txid"],
)
async def test_lies_detected_and_nothing_changes(override, error):
    w = World()
    headers = Headers()
    headers.roots[w.height] = w.root
    sync = make_sync(headers)
    with pytest.raises(error):
        await run_sync(w, headers, sync, **override)
    assert len(sync.ledger) == 0 and sync.store.saved == {} and w.sh not in sync.statuses
    # the same wallet then syncs correctly from an honest server
    await run_sync(w, headers, sync)
    assert sync.ledger.balance(10).confirmed == 40_000


async def test_confirmed_above_our_headers_waits():
    w = World()
    with pytest.raises(HeadersBehind):
        await run_sync(w, Headers())


def sync_with_stored(world, headers, height):
    """A wallet that stored `world`'s payment confirmed at `height` in an earlier run."""
    book = AddressBook(ACCOUNT, gap_limit=5)
    ledger, store = Ledger(book.owner), Store()
    wtx = WalletTx(world.txid, world.raw, height)
    ledger.add(wtx)
    store.save_tx(wtx)
    return AddressSync(book, ledger, headers, store)


async def test_stored_payment_the_server_no_longer_lists_is_forgotten():
    # Dropped by a reorg while the wallet was closed: at start, every address is asked
    # again, and a stored transaction no history lists any more is removed everywhere.
    w = World()
    headers = Headers()
    headers.roots[w.height] = w.root
    sync = sync_with_stored(w, headers, w.height)
    assert sync.ledger.balance(10).confirmed == 40_000
    gone = {"blockchain.scripthash.subscribe": lambda sh: None,
            "blockchain.scripthash.get_history": lambda sh: []}
    await run_sync(w, headers, sync, **gone)
    assert w.txid not in sync.ledger and sync.ledger.balance(10).confirmed == 0
    assert w.txid in sync.store.deleted and w.txid not in sync.store.saved


async def test_stored_payment_still_listed_is_kept_and_proven_again():
    # Mined again at another height (a reorg while away): kept, proven at the new height.
    w = World(height=5)
    headers = Headers()
    headers.roots[w.height] = w.root
    sync = sync_with_stored(w, headers, 7)
    await run_sync(w, headers, sync)
    assert sync.ledger.get(w.txid).height == 5 and sync.store.saved[w.txid].height == 5
    assert sync._proven[w.txid] == w.root
    assert sync.store.deleted == []


async def test_proof_against_a_block_we_do_not_have_yet_waits_for_headers():
    # The server reorganised (the payment is now in another block at this height) before
    # we heard of it: its proof fails against our header, but it is not lying yet.
    w = World()
    headers = Headers()
    headers.roots[w.height] = b"\x77" * 32  # the old branch's block
    sync = make_sync(headers)
    with pytest.raises(HeadersBehind):
        await run_sync(w, headers, sync)
    assert len(sync.ledger) == 0
    headers.roots[w.height] = w.root  # header sync took the server's branch
    await run_sync(w, headers, sync)
    assert sync.ledger.balance(10).confirmed == 40_000 and sync._proven[w.txid] == w.root


async def test_server_insisting_on_a_block_we_did_not_take_is_lying():
    w = World()
    headers = Headers()
    headers.roots[w.height] = b"\x77" * 32
    sync = make_sync(headers)
    server = FakeElectrumServer(w.handlers())
    await server.start()
    address = ServerAddress("127.0.0.1", server.port, False)
    try:
        async with ElectrumClient(address, timeout=5) as c:
            with pytest.raises(HeadersBehind):
                await sync.subscribe_all(c)
        # Headers caught up and kept our block (the server's branch had no more work);
        # the same server makes the same claim again, even over a new connection.
        async with ElectrumClient(address, timeout=5) as c:
            with pytest.raises(MerkleProofError):
                await sync.subscribe_all(c)
    finally:
        await server.stop()
    assert len(sync.ledger) == 0 and sync.store.saved == {}


async def test_false_proof_for_our_own_block_is_a_lie_at_once():
    w = World()
    headers = Headers()
    headers.roots[w.height] = b"\x77" * 32
    lie = {"blockchain.block.header": lambda h: (bytes(36) + b"\x77" * 32 + bytes(12)).hex()}
    with pytest.raises(MerkleProofError):
        await run_sync(w, headers, make_sync(headers), **lie)


class ManyPayments:
    """A restore: one block paying each of our first `count` receive addresses."""

    def __init__(self, count, height=5):
        # distinct inputs so every txid differs
        self.raws = [CMutableTransaction([CMutableTxIn(COutPoint(i.to_bytes(32, "big"), 0))],
                                         [CMutableTxOut(1_000 + i, CScript(ACCOUNT.script_pubkey(0, i)))]
                                         ).serialize() for i in range(count)]
        self.txids = [txid(r) for r in self.raws]
        self.root, self.levels = build_tree([bytes.fromhex(t)[::-1] for t in self.txids])
        self.height = height
        self.by_sh = {script_to_scripthash(ACCOUNT.script_pubkey(0, i)): i for i in range(count)}
        self.asked: dict[str, int] = {}
        self.in_flight = self.most_in_flight = 0

    def _count(self, method):
        self.asked[method] = self.asked.get(method, 0) + 1

    def handlers(self):
        def subscribe(sh):
            i = self.by_sh.get(sh)
            return None if i is None else status_hash([(self.txids[i], self.height)])

        def history(sh):
            self._count("history")
            i = self.by_sh.get(sh)
            return [] if i is None else [{"tx_hash": self.txids[i], "height": self.height}]

        async def get(t):
            self._count("tx")
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            await asyncio.sleep(0.01)  # a server that takes a moment: answers overlap
            self.in_flight -= 1
            return self.raws[self.txids.index(t)].hex()

        def merkle(t, h):
            self._count("merkle")
            pos = self.txids.index(t)
            return {"merkle": [b[::-1].hex() for b in branch_for(self.levels, pos)],
                    "pos": pos, "block_height": h}

        return {"blockchain.scripthash.subscribe": subscribe,
                "blockchain.scripthash.get_history": history,
                "blockchain.transaction.get": get,
                "blockchain.transaction.get_merkle": merkle}


async def test_a_restore_finds_a_long_run_of_used_addresses_asking_once_for_each():
    """Rounds of the gap limit, each asked for at once: every payment found and proven,
    each transaction and branch fetched exactly once."""
    w = ManyPayments(60)
    headers = Headers()
    headers.roots[w.height] = w.root
    server = FakeElectrumServer(w.handlers())
    await server.start()
    sync = make_sync(headers)
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", server.port, False), timeout=5) as c:
            await sync.subscribe_all(c)
    finally:
        await server.stop()
    assert sync.ledger.balance(10).confirmed == sum(1_000 + i for i in range(60))
    assert set(sync.store.saved) == set(w.txids)
    assert sync.book.count(0) >= 60 + 5  # the gap limit past the last used, at least
    assert w.asked["tx"] == 60 and w.asked["merkle"] == 60 and w.asked["history"] == 60
    # asked together, not one after another (one by one, a restore waits ~4 answers an address)
    assert w.most_in_flight > 1
