"""Driving a running devnet chain: mining, funding, fee estimates, reorgs, waiting for ElectrumX.

`DevnetChain` needs only the node's RPC endpoint and the Electrum server's address, so it
serves both the process that runs the devnet (`Devnet`) and commands that attach to a
devnet found through its state file (`kite devnet mine`, `kite devnet fund`).
"""

from __future__ import annotations

import re
import time
import urllib.parse
from typing import Any

from bitcoin.core import CTransaction

from wallet.devnet import funding
from wallet.devnet.electrum_probe import ElectrumProbe
from wallet.devnet.node_rpc import NodeRpc
from wallet.devnet.processes import DevnetError
from wallet.devnet.state import DevnetState
from wallet.hashes import sha256, sha256d

FUNDING_FEERATE_SAT_VB = 2.0
_TXID = re.compile(r"[0-9a-fA-F]{64}")


def scripthash(script_pubkey: bytes) -> str:
    """The Electrum protocol's script hash: sha256 of the output script, reversed, hex."""
    return sha256(script_pubkey)[::-1].hex()


class DevnetChain:
    """Operations on the regtest chain behind a devnet, and its Electrum server's view."""

    last_reorg: dict[str, Any] | None = None  # what the node reported of the last reorg()

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

    def reorg(self, depth: int, drop_txids: list[str] | tuple[str, ...] = (),
              extra_blocks: int = 1, *, address: str | None = None,
              wait: bool = True) -> list[str]:
        """Replace the last `depth` blocks with `depth + extra_blocks` new ones; their hashes.

        A real reorganisation as the network would make one: the replaced blocks'
        transactions go back to the mempool and are mined again in the new branch, except
        `drop_txids` (each in the replaced blocks or the mempool) and whatever spends them,
        which vanish. The details of the last reorg (fork height, dropped, re-added and lost
        transactions) stay in `last_reorg`. With wait, return only once the Electrum server
        is at the new tip, lists every re-added transaction where it now is, and lists no
        dropped or lost one.
        """
        if not isinstance(depth, int) or depth < 1:
            raise DevnetError("a reorg replaces at least one block (depth >= 1)")
        if not isinstance(extra_blocks, int) or extra_blocks < 1:
            raise DevnetError("the new branch needs at least one block more than it replaces "
                              "(extra_blocks >= 1)")
        drop = []
        for txid in drop_txids:
            if not isinstance(txid, str) or not _TXID.fullmatch(txid):
                raise DevnetError(f"{txid!r} is not a transaction id (64 hex characters)")
            drop.append(txid.lower())
        address = address or funding.MINER_ADDRESS
        funding.payment_script(address)  # a clear error for a bad address
        result = self.rpc("reorg", depth, depth + extra_blocks, address, drop)
        self.last_reorg = result
        hashes = list(result["hashes"])
        if wait:
            self.wait_for_electrum_tip(hashes[-1])
            for gone in result["dropped"] + result["lost"]:
                self.wait_for_electrum_listing(gone["txid"], bytes.fromhex(gone["hex"]), None)
            for kept in result["readded"]:
                self.wait_for_electrum_listing(kept["txid"], bytes.fromhex(kept["hex"]),
                                               int(kept["height"]))
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

    def electrum_tip_hash(self) -> str:
        with self.electrum() as probe:
            probe.call("server.version", "kite-devnet", "1.4")
            header = bytes.fromhex(probe.call("blockchain.headers.subscribe")["hex"])
            return sha256d(header)[::-1].hex()

    def wait_for_electrum_tip(self, block_hash: str, timeout: float = 30.0) -> None:
        """Until the Electrum server's tip is this block (after a reorg, height is not enough)."""
        _poll(f"the Electrum server to reach block {block_hash}",
              lambda: self.electrum_tip_hash() == block_hash, timeout)

    def wait_for_electrum_listing(self, txid: str, raw: bytes, height: int | None,
                                  timeout: float = 30.0) -> None:
        """Until every address the transaction pays lists it at `height` (0: in the mempool,
        with or without unconfirmed parents), or, with None, until none lists it at all."""
        try:
            tx = CTransaction.deserialize(raw)
        except Exception:
            raise DevnetError(f"transaction {txid} from the node does not parse") from None
        hashes = {scripthash(bytes(out.scriptPubKey)) for out in tx.vout
                  if not bytes(out.scriptPubKey).startswith(b"\x6a")}  # OP_RETURN: unindexed
        wanted = set() if height is None else {0, -1} if height == 0 else {height}

        def listed() -> bool:
            with self.electrum() as probe:
                probe.call("server.version", "kite-devnet", "1.4")
                for sh in hashes:
                    seen = [item.get("height") for item in
                            probe.call("blockchain.scripthash.get_history", sh)
                            if item.get("tx_hash") == txid]
                    if (not seen and wanted) or len(seen) > 1 or not set(seen) <= wanted:
                        return False
                return True

        where = "to forget" if height is None else f"to list at height {height}"
        _poll(f"the Electrum server {where} transaction {txid}", listed, timeout)

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
