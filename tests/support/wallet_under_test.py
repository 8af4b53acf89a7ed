"""A Kite wallet and its node on the devnet, driven as the end-to-end tests need."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import NodeService
from wallet.devnet.stack import Devnet
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet, open_wallet


class WalletUnderTest:
    def __init__(self, devnet: Devnet, folder: Path, mnemonic: str,
                 ln_listen: str | None = None, lsp_peer: str | None = None):
        """`ln_listen` ("HOST:PORT"): accept Lightning peers there (default: don't listen);
        `lsp_peer`: the LSP to buy JIT channels from (default: the network's trampoline)."""
        if not (folder / "wallet.sqlite").exists():
            create_wallet(folder, REGTEST, mnemonic, "", "pw")
        self.wallet = open_wallet(folder, "pw", network=REGTEST)
        host, port = devnet.electrum_address
        self.svc = NodeService(self.wallet, NodeConfig.parse(server=f"{host}:{port}:t",
                                                             ln_listen=ln_listen,
                                                             lsp_peer=lsp_peer))
        self.devnet = devnet

    async def __aenter__(self):
        self.svc.start()
        await self.svc.chain.wait_synced(60)
        return self

    async def __aexit__(self, *exc):
        await self.svc.close()
        self.wallet.close()

    async def until(self, check, what: str, timeout: float = 60.0):
        deadline = time.monotonic() + timeout
        while True:
            value = await check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.1)

    async def balance_is(self, confirmed: int, unconfirmed: int = 0):
        async def check():
            b = await self.svc.balance(wait=5)
            return (b["confirmed"], b["unconfirmed"]) == (confirmed, unconfirmed)

        try:
            await self.until(check, f"balance {confirmed}/{unconfirmed}")
        except AssertionError:
            raise AssertionError(f"balance is {await self.svc.balance(wait=1)}, "
                                 f"expected {confirmed}/{unconfirmed}") from None

    async def mine(self, n: int = 1):
        await asyncio.to_thread(self.devnet.mine, n)
        height = await asyncio.to_thread(self.devnet.height)

        async def check():
            return self.svc.chain.tip_height >= height

        await self.until(check, f"headers at {height}")
