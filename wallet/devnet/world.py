"""`DevnetWorld`: the devnet chain plus two Kite nodes a user's wallet can pay through.

"Tram" is a trampoline (it forwards payments); "Shop" is a merchant. Both are real
`kite daemon` processes with their own regtest wallets (`DevnetKiteNode`). At start-up the
devnet funds both on-chain, Tram opens a channel to Shop and pushes half of it to Shop (so
payments can flow both ways), and the world waits until both sides call it Normal. A
user's `--network regtest` wallet then opens a channel to Tram and pays Shop's invoices
(`shop_invoice`), or receives from Shop (`shop_pay`). Shop also runs an LNURL service on
localhost (`lnurl`, wallet/devnet/shop_lnurl.py): pay by its Lightning address or LNURL,
withdraw from it, log in to it. And a DNS server on localhost (`dns`,
wallet/devnet/dns_server.py) serves the devnet's DNSSEC-signed zone `kite.test.`
(wallet/devnet/bip353_zone.py, keys made at start) with Shop's reusable offer as
`₿shop@kite.test` and names that lie; its DS is the regtest trust anchor (`bip353`, the state file's `bip353`).

The chain is either started here (a fresh `Devnet`) or an already running one is used
(`chain=`, e.g. the tests' shared devnet): then only the nodes are started and stopped.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from wallet.devnet.bip353_zone import DevnetZone
from wallet.devnet.chain import DevnetChain
from wallet.devnet.dns_server import DnsServer
from wallet.devnet.kite_node import DevnetKiteNode
from wallet.devnet.processes import DevnetError
from wallet.devnet.shop_lnurl import ShopLnurl
from wallet.devnet.stack import Devnet
from wallet.devnet.state import DevnetState

CHANNEL_SAT = 10_000_000  # Tram -> Shop, below the 2^24 sat limit of non-wumbo channels
PUSH_SAT = 5_000_000  # Shop's side of it, for Shop -> Tram -> user payments
NODE_FUNDS_SAT = 50_000_000  # on-chain coins of each node (Tram opens channels with them)
MINIMUM_DEPTH = 3  # ChannelPolicy.minimum_depth of both nodes


class DevnetWorld:
    """A running devnet with Tram and Shop; use as a context manager.

    directory: where the chain's and the nodes' files go (default: a temporary folder,
    removed on a clean close unless keep_dir). chain: a running devnet to use instead of
    starting one (it is left running on close).
    """

    def __init__(self, directory: str | os.PathLike | None = None, *,
                 chain: DevnetChain | None = None, initial_blocks: int = 101,
                 channel_sat: int = CHANNEL_SAT, push_sat: int = PUSH_SAT,
                 keep_dir: bool = False, timeout: float = 120.0) -> None:
        if not 0 <= push_sat < channel_sat:
            raise DevnetError("push_sat must be below the channel's capacity")
        self._own_dir = directory is None
        self.directory = Path(directory) if directory else Path(
            tempfile.mkdtemp(prefix="kite-world-"))
        self.keep_dir = keep_dir
        self.channel_sat = channel_sat
        self.push_sat = push_sat
        self.timeout = timeout
        self._own_chain = chain is None
        self.chain: DevnetChain = chain or Devnet(self.directory / "chain",
                                                  initial_blocks=initial_blocks,
                                                  keep_dir=True)
        self.tram: DevnetKiteNode | None = None
        self.shop: DevnetKiteNode | None = None
        self.lnurl: ShopLnurl | None = None  # Shop's LNURL service
        self.zone: DevnetZone | None = None  # the BIP 353 zone, and its server
        self.dns: DnsServer | None = None
        self.startup_seconds: float | None = None
        self.channel: dict[str, Any] | None = None  # Tram's view of the Tram-Shop channel

    # -- life cycle ---------------------------------------------------------------------------

    def __enter__(self) -> DevnetWorld:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close(failed=exc[0] is not None)

    def start(self) -> DevnetWorld:
        began = time.monotonic()
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            if isinstance(self.chain, Devnet) and self._own_chain:
                self.chain.start()
            electrum = self.chain.electrum_address
            # Tram: trampoline and LSP (JIT channels, the default fee offer); Shop: a
            # merchant with its channel, buying no JIT channel
            self.tram = DevnetKiteNode("Tram", self.directory / "tram", electrum,
                                       daemon_options=["--trampoline", "--lsp"],
                                       startup_timeout=self.timeout)
            self.shop = DevnetKiteNode("Shop", self.directory / "shop", electrum,
                                       daemon_options=["--lsp-peer", "none"],
                                       startup_timeout=self.timeout)
            self.tram.launch()
            self.shop.launch()
            self.tram.wait_ready()
            self.shop.wait_ready()
            self._fund_nodes()
            self._open_channel()
            self.lnurl = ShopLnurl(self.shop.call).start()
            offer = self.shop.call("offer_create", description="the devnet Shop")["offer"]
            self.zone = DevnetZone(offer)
            self.dns = DnsServer(self.zone).start()
        except BaseException:
            self.close(failed=True)
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def close(self, *, failed: bool = False) -> None:
        """Stop Shop and Tram, then the chain if it is ours; remove a temporary folder."""
        if failed:
            self.keep_dir = True  # the logs explain the failure
        if self.lnurl is not None:
            self.lnurl.stop()
            self.lnurl = None
        if self.dns is not None:
            self.dns.stop()
            self.dns = None
        for node in (self.shop, self.tram):
            if node is not None:
                node.stop()
        if self._own_chain and isinstance(self.chain, Devnet):
            self.chain.close(failed=failed)
        if self._own_dir and not self.keep_dir:
            shutil.rmtree(self.directory, ignore_errors=True)

    def _fund_nodes(self) -> None:
        assert self.tram is not None and self.shop is not None
        for node in (self.tram, self.shop):
            address = node.call("address")["address"]
            self.chain.fund(address, NODE_FUNDS_SAT)
        self.chain.mine(1)
        for node in (self.tram, self.shop):
            node.wait(f"{node.name}'s coins to confirm",
                      lambda n=node: n.call("balance", wait=5)["confirmed"] >= NODE_FUNDS_SAT,
                      self.timeout)

    def _open_channel(self) -> None:
        assert self.tram is not None and self.shop is not None
        self.tram.call("channel_open", peer=self.shop.address, amount_sat=self.channel_sat,
                       push_msat=self.push_sat * 1000)
        self.chain.mine(MINIMUM_DEPTH)
        for node in (self.tram, self.shop):
            node.wait(f"{node.name}'s channel to be Normal",
                      lambda n=node: self._normal_channel(n), self.timeout)
        self.channel = self._normal_channel(self.tram)

    def _normal_channel(self, node: DevnetKiteNode) -> dict[str, Any] | None:
        peer = (self.shop if node is self.tram else self.tram)
        assert peer is not None
        for c in node.call("channel_list"):
            if c["peer"] == peer.node_id and c["phase"] == "active" and c["connected"]:
                return c
        return None

    # -- what users of the world need -----------------------------------------------------------

    def _node(self, which: str) -> DevnetKiteNode:
        node = self.tram if which == "tram" else self.shop
        if node is None or node.node_id is None:
            raise DevnetError("the devnet world is not running")
        return node

    @property
    def tram_node_id(self) -> str:
        return str(self._node("tram").node_id)

    @property
    def tram_host(self) -> str:
        return self._node("tram").host

    @property
    def tram_port(self) -> int:
        return self._node("tram").port

    @property
    def tram_address(self) -> str:
        """NODEID@HOST:PORT: where a user's wallet opens its channel."""
        return self._node("tram").address

    @property
    def shop_node_id(self) -> str:
        return str(self._node("shop").node_id)

    @property
    def shop_host(self) -> str:
        return self._node("shop").host

    @property
    def shop_port(self) -> int:
        return self._node("shop").port

    @property
    def electrum_address(self) -> tuple[str, int]:
        return self.chain.electrum_address

    @property
    def electrum_server(self) -> str:
        host, port = self.chain.electrum_address
        return f"{host}:{port}:t"

    @property
    def shop_name(self) -> str:
        """₿shop@kite.test: Shop's reusable offer by its BIP 353 name."""
        if self.zone is None:
            raise DevnetError("the devnet world is not running")
        return self.zone.shop_name

    def bip353(self) -> dict[str, str]:
        """Where regtest wallets resolve the devnet's names: the DNS server (HOST:PORT), the
        trust anchor ("ZONE DS", nothing secret), Shop's name."""
        if self.zone is None or self.dns is None:
            raise DevnetError("the devnet world is not running")
        return {"dns": self.dns.address, "anchor": self.zone.anchor, "name": self.shop_name}

    def bip353_environment(self) -> dict[str, str]:
        """$KITE_DNS and $KITE_BIP353_ANCHOR for a regtest wallet in this process (the demo's)
        to resolve the devnet's names: a local address and a public key, nothing secret."""
        from wallet.bip353.resolver import ANCHOR_ENV, DNS_ENV

        found = self.bip353()
        return {DNS_ENV: found["dns"], ANCHOR_ENV: found["anchor"]}

    def shop_invoice(self, amount_sat: int, description: str = "") -> str:
        """A BOLT 11 invoice of Shop for amount_sat."""
        return str(self._node("shop").call("invoice", amount_sat=amount_sat,
                                           description=description)["invoice"])

    def shop_pay(self, invoice: str, timeout: float = 60.0) -> dict[str, Any]:
        """Shop pays an invoice (through Tram); the payment's result."""
        return self._node("shop").call("pay", rpc_timeout=timeout + 30, invoice=invoice,
                                       timeout=timeout)

    def set_tram_fee(self, fee_base_msat: int | None = None, fee_ppm: int | None = None,
                     cltv_expiry_delta: int | None = None) -> dict[str, Any]:
        """Change Tram's forwarding policy (for payments from now on); the policy now."""
        return self._node("tram").call("forward_policy", fee_base_msat=fee_base_msat,
                                       fee_proportional_millionths=fee_ppm,
                                       cltv_expiry_delta=cltv_expiry_delta)

    def mine(self, n: int) -> list[str]:
        return self.chain.mine(n)

    def fund(self, address: str, amount_sat: int, *, confirm: bool = True) -> str:
        """Send coins from the devnet to an address (and mine a block with confirm)."""
        txid = self.chain.fund(address, amount_sat)
        if confirm:
            self.chain.mine(1)
        return txid

    def state(self) -> DevnetState:
        """What `kite devnet up` writes to the state file: the chain's endpoints and the nodes."""
        host, port = self.chain.electrum_address
        base = self.chain.state() if isinstance(self.chain, Devnet) else DevnetState(
            electrum_host=host, electrum_port=port, rpc_url=self.chain.rpc_url,
            directory=str(self.directory), pid=os.getpid())
        return dataclasses.replace(
            base, tram=self._node("tram").info(), shop=self._node("shop").info(),
            lnurl=self.lnurl.lnurls.to_json() if self.lnurl is not None else None,
            bip353=self.bip353() if self.dns is not None else None)
