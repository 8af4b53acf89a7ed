"""The on-chain wallet through real chain reorganisations on the devnet (bcoin + ElectrumX).

A Kite node (NodeService in-process) follows a 3-block reorg that drops one of its confirmed
payments, one that mines it again (at another height, or at the same height in another
block), and one that drops a confirmed spend of ours; its headers, history, balance and
Merkle proofs must match the new branch, live and after a restart. It also catches a reorg
that happened while it was closed, and one that lands between its header and address sync.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import NodeService
from wallet.devnet.stack import Devnet
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet, open_wallet

pytestmark = pytest.mark.slow

REORG_DEPTH = 3


@pytest.fixture
def devnet(shared_devnet):
    # Mine a few blocks first so the coins the devnet pays with stay mature when a reorg
    # lowers the tip (a coinbase spend that turns premature is lost in a reorg, as in Core).
    shared_devnet.mine(REORG_DEPTH + 2)
    return shared_devnet


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


class Node:
    """A wallet folder with its node running against the devnet."""

    def __init__(self, devnet: Devnet, folder: Path, mnemonic: str) -> None:
        if not (folder / "wallet.sqlite").exists():
            create_wallet(folder, REGTEST, mnemonic, "", "pw")
        self.wallet = open_wallet(folder, "pw", network=REGTEST)
        host, port = devnet.electrum_address
        self.svc = NodeService(self.wallet, NodeConfig(server=f"{host}:{port}:t"))
        self.devnet = devnet

    async def __aenter__(self) -> Node:
        self.svc.start()
        await self.svc.chain.wait_synced(60)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.svc.close()
        self.wallet.close()

    @property
    def chain(self):
        return self.svc.chain

    async def until(self, check, what: str, timeout: float = 60.0):
        deadline = time.monotonic() + timeout
        while True:
            if await check():
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; wallet at "
                                     f"{self.chain.tip_height}, balance "
                                     f"{await self.svc.balance(wait=1)}, history "
                                     f"{await self.svc.history(wait=1)}")
            await asyncio.sleep(0.1)

    async def state(self) -> tuple[dict, list[dict]]:
        balance = await self.svc.balance(wait=5)
        history = await self.svc.history(wait=5)
        return ({k: balance[k] for k in ("confirmed", "unconfirmed", "immature")},
                [{k: h[k] for k in ("txid", "height", "delta_sat")} for h in history])

    async def at_node_tip(self) -> str:
        """Until our verified header tip is bcoin's best block; its hash."""
        best = await asyncio.to_thread(self.devnet.rpc, "getbestblockhash")

        async def check():
            tip = self.chain.tip_height
            return self.chain.headers.hash_hex(tip) == best

        await self.until(check, f"the wallet's tip to be {best}")
        return best

    async def settles(self, confirmed: int, txids: dict[str, int]) -> None:
        """Until the balance is `confirmed` (nothing pending) and history is `txids`
        (txid -> height), with our tip at the node's."""
        await self.at_node_tip()

        async def check():
            (balance, history) = await self.state()
            return (balance == {"confirmed": confirmed, "unconfirmed": 0, "immature": 0}
                    and {h["txid"]: h["height"] for h in history} == txids)

        await self.until(check, f"balance {confirmed} and history {txids}")

    async def receive(self, amount: int, *, blocks: int) -> tuple[str, int]:
        """A devnet payment to a fresh address, mined in the next block and buried under
        `blocks - 1` more; (txid, its height)."""
        address = (await self.svc.address())["address"]
        txid = await asyncio.to_thread(self.devnet.fund, address, amount)
        await asyncio.to_thread(self.devnet.mine, blocks)
        return txid, await asyncio.to_thread(self.devnet.height) - blocks + 1


def merkle_root(devnet: Devnet, height: int) -> bytes:
    """The Merkle root (internal byte order) of bcoin's block at `height`."""
    block = devnet.rpc("getblock", devnet.rpc("getblockhash", height))
    return bytes.fromhex(block["merkleroot"])[::-1]


async def test_reorg_that_drops_a_confirmed_payment(devnet, tmp_path):
    mnemonic = generate_mnemonic()
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        # An older payment the reorg does not reach, then the one it will drop.
        old, old_height = await node.receive(100_000, blocks=REORG_DEPTH + 1)
        paid, height = await node.receive(250_000, blocks=REORG_DEPTH)
        await node.settles(350_000, {old: old_height, paid: height})
        history = {h["txid"]: h for h in await node.svc.history()}
        assert history[paid]["confirmations"] == REORG_DEPTH
        assert history[paid]["delta_sat"] == 250_000
        old_tip = await node.at_node_tip()

        hashes = await asyncio.to_thread(devnet.reorg, REORG_DEPTH, [paid])

        assert devnet.last_reorg["fork_height"] == height
        new_tip = await node.at_node_tip()
        assert new_tip == hashes[-1] != old_tip
        assert node.chain.tip_height == height + REORG_DEPTH
        await node.settles(100_000, {old: old_height})
        assert paid not in node.chain.address_sync._proven
        assert paid not in node.chain.ledger
        assert await node.svc.history() == [
            {**h, "confirmations": node.chain.tip_height - old_height + 1}
            for h in [history[old]]
        ]
        after = await node.state()

    # The wallet's files hold the new branch: reopened, it shows the same.
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        assert node.chain.headers.hash_hex(node.chain.tip_height) == new_tip
        assert node.chain.ledger.get(paid) is None
        assert await node.state() == after


@pytest.mark.parametrize("moved", [1, 0], ids=["another-height", "same-height"])
async def test_reorg_that_mines_a_payment_again(devnet, tmp_path, moved):
    mnemonic = generate_mnemonic()
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        # The payment's block is among the three replaced; the new branch's first block
        # takes it back from the mempool: `moved` blocks lower, or at the same height in
        # another block (then the server's status for the address does not even change).
        paid, height = await node.receive(400_000, blocks=REORG_DEPTH - moved)
        await node.settles(400_000, {paid: height})
        old_root = node.chain.address_sync._proven[paid]
        assert old_root == merkle_root(devnet, height)

        hashes = await asyncio.to_thread(devnet.reorg, REORG_DEPTH)

        new_height = height - moved
        assert devnet.last_reorg["fork_height"] == new_height
        assert paid in devnet.rpc("getblock", hashes[0])["tx"]
        await node.settles(400_000, {paid: new_height})
        new_root = merkle_root(devnet, new_height)
        assert new_root != old_root

        async def proven_again():  # at the same height, history looks the same meanwhile
            return node.chain.address_sync._proven.get(paid) == new_root

        await node.until(proven_again, "the payment to be proven in its new block")
        assert node.chain.header_sync.merkle_root(new_height) == new_root
        [entry] = await node.svc.history()
        assert entry["confirmations"] == REORG_DEPTH + 1  # tip: new_height + 3
        assert entry["timestamp"] == devnet.rpc("getblock", hashes[0])["time"]
        after = await node.state()
        tip = node.chain.headers.hash_hex(node.chain.tip_height)

    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        assert node.chain.headers.hash_hex(node.chain.tip_height) == tip
        assert await node.state() == after
        assert node.chain.address_sync._proven[paid] == new_root  # proven again at start


async def test_reorg_while_the_wallet_is_closed(devnet, tmp_path):
    mnemonic = generate_mnemonic()
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        kept, kept_height = await node.receive(60_000, blocks=REORG_DEPTH + 1)
        paid, height = await node.receive(90_000, blocks=REORG_DEPTH)
        await node.settles(150_000, {kept: kept_height, paid: height})

    await asyncio.to_thread(devnet.reorg, REORG_DEPTH, [paid])

    # Opened again, the wallet finds its stored payment gone from the server's new branch.
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        await node.settles(60_000, {kept: kept_height})
        assert paid not in node.chain.ledger
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        assert await node.state() == ({"confirmed": 60_000, "unconfirmed": 0, "immature": 0},
                                      [{"txid": kept, "height": kept_height, "delta_sat": 60_000}])


async def test_reorg_that_drops_a_confirmed_spend_gives_the_coins_back(devnet, tmp_path):
    async with Node(devnet, tmp_path / "w", generate_mnemonic()) as node:
        received, received_height = await node.receive(500_000, blocks=REORG_DEPTH + 1)
        await node.settles(500_000, {received: received_height})
        sent = await node.svc.send(devnet.miner_address, 200_000, 2)
        await asyncio.to_thread(devnet.mine, REORG_DEPTH)
        height = devnet.height() - REORG_DEPTH + 1
        await node.settles(500_000 - 200_000 - sent["fee_sat"],
                           {received: received_height, sent["txid"]: height})

        await asyncio.to_thread(devnet.reorg, REORG_DEPTH, [sent["txid"]])

        await node.settles(500_000, {received: received_height})
        [coin] = node.chain.ledger.utxos()
        assert (coin.txid, coin.value) == (received, 500_000)


async def test_reorg_between_headers_and_address_sync_is_no_lie(devnet, tmp_path, monkeypatch):
    # The server reorganises after our headers caught up and before our addresses are
    # asked: its histories and proofs are for blocks we do not have yet. That is no lie
    # (the server must not be banned); the wallet catches up with headers and goes on.
    mnemonic = generate_mnemonic()
    async with Node(devnet, tmp_path / "w", mnemonic) as node:
        paid, height = await node.receive(70_000, blocks=REORG_DEPTH - 1)
        await node.settles(70_000, {paid: height})

    node = Node(devnet, tmp_path / "w", mnemonic)
    address_sync = node.chain.address_sync
    subscribe_all = address_sync.subscribe_all
    reorged: list[list[str]] = []

    async def reorg_first(client):
        if not reorged:
            reorged.append(await asyncio.to_thread(devnet.reorg, REORG_DEPTH))
        await subscribe_all(client)

    monkeypatch.setattr(address_sync, "subscribe_all", reorg_first)
    async with node:
        await node.settles(70_000, {paid: height - 1})
        assert node.svc.pool.banned == {}
        assert address_sync._proven[paid] == merkle_root(devnet, height - 1)
