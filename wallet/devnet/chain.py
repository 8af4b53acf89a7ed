"""Driving a running devnet chain: mining, funding, fee estimates, waiting for ElectrumX.

`DevnetChain` needs only the node's RPC endpoint and the Electrum server's address, so it
serves both the process that runs the devnet (`Devnet`) and commands that attach to a
devnet found through its state file (`kite devnet mine`, `kite devnet fund`).
"""

from __future__ import annotations

import time
import urllib.parse
from typing import Any

from wallet.devnet import funding
from wallet.devnet.electrum_probe import ElectrumProbe
from wallet.devnet.node_rpc import NodeRpc
from wallet.devnet.processes import DevnetError
from wallet.devnet.state import DevnetState
from wallet.hashes import sha256

FUNDING_FEERATE_SAT_VB = 2.0


def scripthash(script_pubkey: bytes) -> str:
    """The Electrum protocol's script hash: sha256 of the output script, reversed, hex."""
    return sha256(script_pubkey)[::-1].hex()


class DevnetChain:
    """Operations on the regtest chain behind a devnet, and its Electrum server's view."""

    def __init__(self, node: NodeRpc, electrum: tuple[str, int]) -> None:
        self.node = node
        self._electrum = electrum

    @classmethod
    def from_state(cls, state: DevnetState) -> DevnetChain:
        url = urllib.parse.urlsplit(state.rpc_url)
        if not (url.hostname and url.port and url.username is not None):
            raise DevnetError("devnet state has a malformed rpc_url")
        node = NodeRpc(url.hostname, url.port, urllib.parse.unquote(url.username),
                       urllib.parse.unquote(url.password or ""))
        return cls(node, (state.electrum_host, state.electrum_port))

    @property
    def electrum_address(self) -> tuple[str, int]:
        return self._electrum

    @property
    def rpc_url(self) -> str:
        return self.node.url

    @property
    def miner_address(self) -> str:
        """The devnet's own address: blocks are mined to it unless told otherwise."""
        return funding.MINER_ADDRESS

    def rpc(self, method: str, *params: Any) -> Any:
        """Call the node (bcoin with the devnet's adapter); errors raise NodeRpcError."""
        return self.node.call(method, *params)

    def height(self) -> int:
        return int(self.rpc("getblockcount"))

    def mine(self, n: int, address: str | None = None, *, wait: bool = True) -> list[str]:
        """Mine n blocks (to the devnet's address by default); their hashes, oldest first.

        With wait, return only once the Electrum server has them too.
        """
        if n < 0:
            raise DevnetError("cannot mine a negative number of blocks")
        if n == 0:
            return []
        address = address or funding.MINER_ADDRESS
        funding.payment_script(address)  # a clear error for a bad address
        hashes = list(self.rpc("generatetoaddress", n, address))
        if wait:
            self.wait_for_electrum_height(self.height())
        return hashes

    def set_fee_estimate(self, sat_per_vbyte: float | None) -> None:
        """What estimatesmartfee (and so blockchain.estimatefee) answers; None: no estimate."""
        self.rpc("setfeeestimate", sat_per_vbyte)

    def spendable_coins(self) -> list[funding.Coin]:
        coins = funding.coins_from_node(self.node.get(f"/coin/address/{funding.MINER_ADDRESS}"))
        return funding.spendable(coins, self.height())

    def fund(self, address: str, amount_sat: int, *, wait: bool = True) -> str:
        """Send amount_sat to address from the devnet's coins (mined if needed); the txid.

        The transaction is left in the mempool (mine a block to confirm it). With wait,
        return only once the Electrum server lists it in the address's mempool history.
        """
        script = funding.payment_script(address)
        coins = self.spendable_coins()
        if sum(c.value for c in coins) < amount_sat + 10_000:
            self.mine(funding.COINBASE_MATURITY + 1, wait=False)
            coins = self.spendable_coins()
        raw = funding.build_payment(coins, script, amount_sat, FUNDING_FEERATE_SAT_VB)
        txid = str(self.rpc("sendrawtransaction", raw.hex()))
        if wait:
            self.wait_for_electrum_mempool(script, txid)
        return txid

    # -- the Electrum server's view -------------------------------------------------------------

    def electrum(self, timeout: float = 10.0) -> ElectrumProbe:
        """A fresh connection to the devnet's Electrum server (the caller closes it)."""
        host, port = self._electrum
        return ElectrumProbe(host, port, timeout=timeout)

    def electrum_height(self) -> int:
        with self.electrum() as probe:
            probe.call("server.version", "kite-devnet", "1.4")
            return int(probe.call("blockchain.headers.subscribe")["height"])

    def wait_for_electrum_height(self, height: int, timeout: float = 30.0) -> None:
        _poll(f"the Electrum server to reach height {height}",
              lambda: self.electrum_height() >= height, timeout)

    def wait_for_electrum_mempool(self, script_pubkey: bytes, txid: str,
                                  timeout: float = 30.0) -> None:
        def seen() -> bool:
            with self.electrum() as probe:
                probe.call("server.version", "kite-devnet", "1.4")
                history = probe.call("blockchain.scripthash.get_history",
                                     scripthash(script_pubkey))
                return any(item.get("tx_hash") == txid for item in history)

        _poll(f"the Electrum server to see transaction {txid}", seen, timeout)


def _poll(what: str, check, timeout: float, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while True:
        try:
            if check():
                return
        except DevnetError as e:
            last = e
        if time.monotonic() > deadline:
            why = f" (last error: {last})" if last else ""
            raise DevnetError(f"timed out after {timeout:.0f} s waiting for {what}{why}")
        time.sleep(interval)
