"""The channel shell's chain backend over the on-chain node (`ChainNode`): the funding
transaction comes from the wallet's Spender, broadcasts go through the node's Electrum
session, funding outputs are proven by `ScriptWatcher`, and closing funds go to one of the
wallet's own addresses (so they show in the on-chain balance)."""

from __future__ import annotations

import logging

from wallet.chain.electrum_client import BroadcastRejected, txid_of
from wallet.chain.node import ChainNode, NotConnected
from wallet.chain.script_watch import LIES, ScriptWatcher
from wallet.chain.spend_watch import SpendSeen, SpendWatcher
from wallet.ln.channel import events as ev
from wallet.ln.enforcement.sweep_tx import WalletCoin
from wallet.ln.shell.ports import FundingStatus
from wallet.onchain.spend import SignedTx
from wallet.onchain.transactions import TxOutput
from wallet.storage.funding_inputs_store import FundingInputsStore

log = logging.getLogger("kite.ln.chain")

MIN_FEERATE_PER_KW = 253
#: transactions the wallet adds to its ledger when broadcast (they pay or spend our coins)
OURS = (ev.TxKind.FUNDING, ev.TxKind.MUTUAL_CLOSE)


class NodeChainBackend:
    def __init__(self, node: ChainNode) -> None:
        self.node = node
        self.watcher = ScriptWatcher(node.header_sync, FundingInputsStore(node.store.db))
        self.spends = SpendWatcher(node.header_sync)

    @property
    def tip_height(self) -> int:
        return self.node.tip_height

    async def feerate_per_kw(self) -> int:
        try:
            rate = await self.node.fee_rate()  # sat/vB
        except NotConnected:
            rate = 1.0
        return max(MIN_FEERATE_PER_KW, int(rate * 250))

    def close_script(self) -> bytes:
        index = self.node.book.first_unused(0)
        return self.node.keys.account.script_pubkey(0, index)

    async def build_funding(self, script: bytes, amount_sat: int,
                            extra_outputs: tuple[bytes, ...] = ()) -> bytes:
        await self.node.wait_synced(30)
        extras = [TxOutput(s, 0) for s in extra_outputs]
        signed = await self.node.prepare_send(script, amount_sat, None, extras)
        return signed.raw

    async def broadcast(self, raw: bytes, what: str) -> None:
        txid = txid_of(raw)
        try:
            if what in OURS:
                await self.node.broadcast(SignedTx(raw, txid, 0, 0, 0))
            else:
                client = self.node.client
                if client is None:
                    raise NotConnected("not connected to an Electrum server")
                await client.broadcast(raw)
        except BroadcastRejected as e:
            text = str(e).lower()
            if "already" in text or "known" in text or "duplicate" in text:
                return  # it is out there
            raise
        log.info("broadcast %s transaction %s", what, txid)

    async def funding_status(self, watch: ev.WatchFundingOutput) -> FundingStatus:
        client = self.node.client
        if client is None or not self.node.synced.is_set():
            raise NotConnected("not connected to an Electrum server")
        try:
            status = await self.watcher.output_status(client, watch.txid, watch.output_index,
                                                      watch.script_pubkey, watch.amount_sat)
        except LIES as e:
            self.node.pool.ban(client.server, f"{type(e).__name__}: {e}")
            await client.close()  # the chain node starts a session with another server
            raise NotConnected("the server lied about a funding output and was dropped") from None
        if status.mismatch:
            log.warning("funding output %s:%d: %s", watch.txid[::-1].hex(), watch.output_index,
                        status.mismatch)
            return FundingStatus(spender=status.spender)
        return FundingStatus(status.depth, status.short_channel_id, status.spender,
                             status.conflict_depth)

    async def output_spend(self, txid: bytes, index: int, script: bytes) -> SpendSeen | None:
        """The transaction spending `txid:index` (which pays `script`) and its proven
        height, for the BOLT 5 watcher; a server that lies is banned and dropped."""
        client = self.node.client
        if client is None or not self.node.synced.is_set():
            raise NotConnected("not connected to an Electrum server")
        try:
            return await self.spends.spend_of(client, txid, index, script)
        except LIES as e:
            self.node.pool.ban(client.server, f"{type(e).__name__}: {e}")
            await client.close()
            raise NotConnected("the server lied about a spend and was dropped") from None

    def fee_coins(self) -> list[WalletCoin]:
        """Confirmed coins of the on-chain wallet with their keys, for what must bring its
        own fee (anchors: HTLC transactions, CPFP of a commitment)."""
        tip = self.node.tip_height
        coins = self.node.ledger.spendable_utxos(tip, include_unconfirmed=False)
        key_for = self.node.spender.private_key_for
        return [WalletCoin(bytes.fromhex(c.txid)[::-1], c.vout, c.value, key_for(c.key_path))
                for c in coins if c.height > 0]
