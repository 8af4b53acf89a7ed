"""A lying Electrum server, caught at the node level: it is banned and the wallet's verified
state (headers, transactions, balance) stays exactly as it was."""

from __future__ import annotations

import asyncio

import pytest
from bitcoin.core import CMutableTransaction, CMutableTxIn, CMutableTxOut, COutPoint, CScript

from tests.support.chain_helpers import REGTEST_BITS, branch_for, build_tree, mine_regtest_headers
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import ServerAddress
from wallet.chain.header_store import HeaderStore
from wallet.chain.headers import ChainContext, chain_params, header_hash
from wallet.chain.node import ChainNode
from wallet.chain.scripthash import script_to_scripthash, status_hash
from wallet.chain.server_pool import ServerPool
from wallet.hashes import sha256d
from wallet.keys.wallet_keys import WalletKeys
from wallet.networks import REGTEST
from wallet.onchain.transactions import txid as txid_of
from wallet.storage.database import Database

KEYS = WalletKeys.from_seed(bytes([5]) * 64, REGTEST)
GENESIS = chain_params("regtest").genesis_hash


def regtest_anchor() -> ChainContext:
    return ChainContext(height=0, tip_hash=GENESIS, bits=REGTEST_BITS,
                        timestamps=(1296688602,), last_real_bits=REGTEST_BITS)


class World:
    """10 regtest blocks; block 5 holds a 70,000-sat payment to our first address."""

    def __init__(self, keys: WalletKeys = KEYS):
        self.raw = CMutableTransaction(
            [CMutableTxIn(COutPoint(b"\x42" * 32, 0))],
            [CMutableTxOut(70_000, CScript(keys.account.script_pubkey(0, 0)))],
        ).serialize()
        self.txid = txid_of(self.raw)
        leaves = [sha256d(b"coinbase"), bytes.fromhex(self.txid)[::-1]]
        root, levels = build_tree(leaves)
        self.branch = [b[::-1].hex() for b in branch_for(levels, 1)]
        first = mine_regtest_headers(GENESIS, 1296688700, 4, salt=1)
        block5 = _with_root(first[-80:], root, 1296688704)
        rest = mine_regtest_headers(header_hash(block5), 1296688705, 5, salt=1)
        self.chain = first + block5 + rest  # heights 1..10
        self.sh = script_to_scripthash(keys.account.script_pubkey(0, 0))

    def header(self, h: int) -> str:
        return self.chain[(h - 1) * 80 : h * 80].hex()

    def handlers(self, **lies):
        tip = len(self.chain) // 80
        h = {
            "blockchain.headers.subscribe": lambda: {"height": tip, "hex": self.header(tip)},
            "blockchain.block.header": lambda height: self.header(height),
            "blockchain.block.headers": lambda s, n: {
                "hex": self.chain[(s - 1) * 80 : (s - 1 + n) * 80].hex(),
                "count": len(self.chain[(s - 1) * 80 : (s - 1 + n) * 80]) // 80, "max": 2016},
            "blockchain.scripthash.subscribe": lambda sh: status_hash([(self.txid, 5)]) if sh == self.sh else None,
            "blockchain.scripthash.get_history": lambda sh: [{"tx_hash": self.txid, "height": 5}] if sh == self.sh else [],
            "blockchain.transaction.get": lambda t: self.raw.hex(),
            "blockchain.transaction.get_merkle": lambda t, height: {"merkle": self.branch, "pos": 1, "block_height": height},
        }
        h.update(lies)
        return h


def _with_root(prev_header: bytes, root: bytes, time: int) -> bytes:
    """A regtest header on top of `prev_header` committing to `root`."""
    import struct

    prev = header_hash(prev_header)
    for nonce in range(1 << 20):
        raw = struct.pack("<I32s32sIII", 0x20000000, prev, root, time, REGTEST_BITS, nonce)
        if int.from_bytes(sha256d(raw), "little") <= 0x7FFFFF << 232:
            return raw
    raise AssertionError("no nonce")


async def run_node(tmp_path, world, **lies):
    """Run a ChainNode against one server until it is synced or the server is banned."""
    server = FakeElectrumServer(world.handlers(**lies))
    await server.start()
    addr = ServerAddress("127.0.0.1", server.port, False)
    pool = ServerPool([addr], fixed=True, timeout=5)
    db = Database(tmp_path / "wallet.sqlite")
    node = ChainNode(tmp_path, KEYS, db, pool, header_path=tmp_path / "headers")
    node.start()
    try:
        for _ in range(200):
            if node.synced.is_set() or addr in pool.banned:
                break
            await asyncio.sleep(0.05)
        return node.tip_height, node.balance().confirmed, addr in pool.banned
    finally:
        await node.stop()
        db.close()
        await server.stop()


@pytest.fixture
def synced_wallet(tmp_path):
    HeaderStore(tmp_path / "headers", "regtest", anchor=regtest_anchor()).close()
    world = World()
    height, confirmed, banned = asyncio.run(run_node(tmp_path, world))
    assert (height, confirmed, banned) == (10, 70_000, False)
    return tmp_path, world


def _extend_with_bad_pow(world):
    bad = bytearray(mine_regtest_headers(header_hash(world.chain[-80:]), 1296688800, 1, salt=9))
    while int.from_bytes(sha256d(bytes(bad)), "little") <= 0x7FFFFF << 232:
        bad[76] ^= 0xFF  # a nonce whose hash misses the target
        bad[77] = (bad[77] + 1) % 256
    world.chain += bytes(bad)


def _extend_not_connecting(world):
    world.chain += mine_regtest_headers(b"\x13" * 32, 1296688800, 2, salt=9)


@pytest.mark.parametrize(
    "lie",
    ["bad-proof-of-work", "headers-do-not-connect", "false-merkle-proof", "tx-not-matching-txid"],
)
def test_lie_detected_server_banned_state_unchanged(synced_wallet, lie):
    folder, world = synced_wallet
    # a fresh wallet database sees the liar first for the Merkle/tx lies
    if lie == "bad-proof-of-work":
        _extend_with_bad_pow(world)
        lies = {}
    elif lie == "headers-do-not-connect":
        _extend_not_connecting(world)
        lies = {}
    elif lie == "false-merkle-proof":
        (folder / "wallet.sqlite").unlink()
        lies = {"blockchain.transaction.get_merkle": lambda t, h: {"merkle": ["11" * 32], "pos": 1, "block_height": h}}
    else:
        (folder / "wallet.sqlite").unlink()
        other = CMutableTransaction([CMutableTxIn(COutPoint(b"\x43" * 32, 0))],
                                    [CMutableTxOut(1, CScript(b"\x00\x14" + bytes(20)))]).serialize()
        lies = {"blockchain.transaction.get": lambda t: other.hex()}
    height, confirmed, banned = asyncio.run(run_node(folder, world, **lies))
    assert banned
    assert height == 10  # no unverified header was stored
    expected = 70_000 if lie in ("bad-proof-of-work", "headers-do-not-connect") else 0
    assert confirmed == expected  # nothing unproven reached the wallet
