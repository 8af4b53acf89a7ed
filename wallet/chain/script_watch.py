"""Watching an output that is not one of our addresses (a channel's funding output) through
the chain node's Electrum session, trusting nothing unproven.

`output_status` asks for the script's history, proves the funding transaction's
confirmation with a Merkle branch against a header from our own verified chain (as address
sync does), checks that the output pays exactly the expected amount to the script, and
returns its depth and short channel id (block height x position in the block x output);
the position comes from the proof itself. Any other transaction in the history that spends
the output is returned as the spender (mempool included).

Double spends: once the funding transaction has been seen (mempool or block), its inputs
are remembered; if it later leaves the script's history, each input's own output is looked
up and a confirmed transaction other than the funding one that spends it, proven by its
Merkle branch, is a conflict: `conflict_depth` says how deep (the funding can then never
confirm). The inputs are kept in SQLite (`storage/funding_inputs_store.py`) when a store is
given, so a funding that vanishes while the process is down is still caught after a
restart; one that vanished before the wallet ever saw it stays merely unconfirmed (its
inputs were never known).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bitcoin.core import CTransaction

from wallet.chain.electrum_client import ElectrumClient, ServerMisbehaved
from wallet.chain.merkle import MerkleProofError, verify_merkle_proof
from wallet.chain.scripthash import script_to_scripthash
from wallet.ln.wire.primitives import ShortChannelId
from wallet.sentence import Sentence, template
from wallet.storage.funding_inputs_store import FundingInputsStore

LIES = (ServerMisbehaved, MerkleProofError)


@dataclass(frozen=True)
class OutputStatus:
    depth: int = 0  # 0: unconfirmed or unknown
    short_channel_id: ShortChannelId | None = None
    spender: bytes | None = field(default=None, repr=False)  # raw spending transaction
    mismatch: str | None = None  # the output exists but is not what we expected
    conflict_depth: int = 0  # a proven confirmed tx spends an input of the (gone) funding


def _parse(raw: bytes, unparsable: str) -> CTransaction:
    """`raw` as a transaction, else ServerMisbehaved saying `unparsable` (a whole sentence)."""
    try:
        return CTransaction.deserialize(raw)
    except Exception:
        raise ServerMisbehaved(Sentence(unparsable)) from None


class ScriptWatcher:
    """`headers` provides `tip_height`, `merkle_root(height)` and `old_merkle_root(client, h)`
    (the chain node's HeaderSync)."""

    def __init__(self, headers, inputs_store: FundingInputsStore | None = None) -> None:
        self.headers = headers
        self._not_spenders: set[str] = set()  # txids already seen not to spend a watched output
        self._store = inputs_store
        #: the inputs of each funding transaction seen, to find a conflict if it goes
        self._inputs: dict[bytes, tuple[tuple[bytes, int], ...]] = (
            inputs_store.load() if inputs_store is not None else {})

    async def output_status(self, client: ElectrumClient, txid: bytes, output_index: int,
                            script: bytes, amount_sat: int) -> OutputStatus:
        """`txid` in internal byte order. Raises ServerMisbehaved/MerkleProofError on lies."""
        txid_hex = txid[::-1].hex()
        history = await client.get_history(script_to_scripthash(script))
        status = OutputStatus()
        seen = False
        for tx_hex, height in history:
            if tx_hex == txid_hex:
                seen = True
                status = await self._funding(client, txid_hex, height, output_index, script,
                                             amount_sat)
        spender = await self._spender(client, history, txid, txid_hex, output_index)
        if spender is not None:
            status = OutputStatus(status.depth, status.short_channel_id, spender, status.mismatch)
        elif not seen and txid in self._inputs:
            depth = await self._conflict_depth(client, txid, self._inputs[txid])
            status = OutputStatus(conflict_depth=depth)
        return status

    async def _conflict_depth(self, client: ElectrumClient, txid: bytes,
                              inputs: tuple[tuple[bytes, int], ...]) -> int:
        """The depth of the deepest proven transaction that spends one of `inputs` and is
        not `txid` (0: none)."""
        deepest = 0
        for prev_txid, n in inputs:
            prev = _parse(await client.get_transaction(prev_txid[::-1].hex()),
                          template("a funding input's transaction does not parse as a "
                                   "transaction"))
            if n >= len(prev.vout):
                raise ServerMisbehaved("a funding input names an output its transaction lacks")
            script = bytes(prev.vout[n].scriptPubKey)
            for tx_hex, height in await client.get_history(script_to_scripthash(script)):
                if (tx_hex == txid[::-1].hex() or height <= 0
                        or height > self.headers.tip_height):
                    continue
                tx = _parse(await client.get_transaction(tx_hex), template("a transaction of an input does not parse as a transaction"))
                if not any(bytes(i.prevout.hash) == prev_txid and i.prevout.n == n
                           for i in tx.vin):
                    continue
                await self._prove(client, tx_hex, height)
                deepest = max(deepest, self.headers.tip_height - height + 1)
        return deepest

    async def _prove(self, client: ElectrumClient, txid_hex: str, height: int) -> int:
        """The transaction's position in block `height`, proven by its Merkle branch
        against our verified header (ServerMisbehaved / MerkleProofError otherwise)."""
        root = self.headers.merkle_root(height)
        if root is None:
            root = await self.headers.old_merkle_root(client, height)
        branch, pos, _ = await client.get_merkle(txid_hex, height)
        if not 0 <= pos < (1 << len(branch)) or pos > 0xFFFFFF:
            raise ServerMisbehaved("Merkle position out of range")
        verify_merkle_proof(txid_hex, branch, pos, root)
        return pos

    async def _funding(self, client: ElectrumClient, txid_hex: str, height: int,
                       output_index: int, script: bytes, amount_sat: int) -> OutputStatus:
        raw = await client.get_transaction(txid_hex)  # the client checks the txid
        tx = _parse(raw, template("the funding transaction does not parse as a transaction"))
        if output_index >= len(tx.vout):
            return OutputStatus(mismatch="the funding transaction has no such output")
        out = tx.vout[output_index]
        if bytes(out.scriptPubKey) != script or out.nValue != amount_sat:
            return OutputStatus(mismatch="the funding output does not pay the channel amount "
                                         "to the channel script")
        txid = tx.GetTxid()
        if txid not in self._inputs:
            self._inputs[txid] = tuple((bytes(i.prevout.hash), i.prevout.n) for i in tx.vin)
            if self._store is not None:  # durable: a restart must not forget them
                self._store.add(txid, self._inputs[txid])
        if height <= 0 or height > self.headers.tip_height:
            return OutputStatus()  # unconfirmed, or our headers are not there yet
        pos = await self._prove(client, txid_hex, height)
        depth = self.headers.tip_height - height + 1
        return OutputStatus(depth, ShortChannelId(height, pos, output_index))

    async def _spender(self, client: ElectrumClient, history: list[tuple[str, int]],
                       txid: bytes, txid_hex: str, output_index: int) -> bytes | None:
        for tx_hex, _height in history:
            if tx_hex == txid_hex or tx_hex in self._not_spenders:
                continue
            raw = await client.get_transaction(tx_hex)
            tx = _parse(raw, template("a transaction of the watched script does not parse as a "
                                     "transaction"))
            if any(bytes(i.prevout.hash) == txid and i.prevout.n == output_index
                   for i in tx.vin):
                return raw
            self._not_spenders.add(tx_hex)
        return None
