"""Finding the transaction that spends an output (not one of our addresses) through the
chain node's Electrum session, trusting nothing unproven: the BOLT 5 watcher's eyes.

`spend_of(client, txid, index, script)` reads the history of `script` (the output's
scriptPubKey), fetches the transactions in it (the client checks that each hashes to its
txid), keeps the one whose input spends `txid:index`, and proves its confirmation with a
Merkle branch against a header of our own verified chain. A spender the server places in a
block we cannot prove yet (above our tip) is reported as unconfirmed. Lies raise
`ServerMisbehaved` / `MerkleProofError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bitcoin.core import CTransaction

from wallet.chain.electrum_client import ElectrumClient, ServerMisbehaved
from wallet.chain.merkle import verify_merkle_proof
from wallet.chain.scripthash import script_to_scripthash

_CACHE_LIMIT = 2_000


@dataclass(frozen=True)
class SpendSeen:
    raw: bytes = field(repr=False)
    height: int | None  # None: in the mempool (or not provable yet)


class SpendWatcher:
    """`headers` provides `tip_height`, `merkle_root(height)` and `old_merkle_root(client,
    h)` (the chain node's HeaderSync)."""

    def __init__(self, headers) -> None:
        self.headers = headers
        self._raw: dict[str, bytes] = {}  # txid hex -> raw (a txid fixes its bytes)

    async def spend_of(self, client: ElectrumClient, txid: bytes, index: int,
                       script: bytes) -> SpendSeen | None:
        """The spender of `txid:index` (internal byte order) paying `script`, if any."""
        history = await client.get_history(script_to_scripthash(script))
        txid_hex = txid[::-1].hex()
        for tx_hex, height in history:
            if tx_hex == txid_hex:
                continue
            raw = await self._transaction(client, tx_hex)
            try:
                tx = CTransaction.deserialize(raw)
            except Exception:
                raise ServerMisbehaved("a transaction of the watched script does not "
                                       "parse") from None
            if any(bytes(i.prevout.hash) == txid and i.prevout.n == index for i in tx.vin):
                return SpendSeen(raw, await self._proven_height(client, tx_hex, height))
        return None

    async def _transaction(self, client: ElectrumClient, tx_hex: str) -> bytes:
        raw = self._raw.get(tx_hex)
        if raw is None:
            raw = await client.get_transaction(tx_hex)  # checked against the txid
            if len(self._raw) >= _CACHE_LIMIT:
                self._raw.clear()
            self._raw[tx_hex] = raw
        return raw

    async def _proven_height(self, client: ElectrumClient, tx_hex: str,
                             height: int) -> int | None:
        if height <= 0 or height > self.headers.tip_height:
            return None
        root = self.headers.merkle_root(height)
        if root is None:
            root = await self.headers.old_merkle_root(client, height)
        branch, pos, _ = await client.get_merkle(tx_hex, height)
        if not 0 <= pos < (1 << len(branch)):
            raise ServerMisbehaved("Merkle position out of range")
        verify_merkle_proof(tx_hex, branch, pos, root)
        return height
