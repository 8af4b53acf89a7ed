"""Find our channels in a restored wallet's on-chain history by their recovery record.

A funding transaction of ours pays the channel's 2-of-2 as its only P2WSH output (its other
outputs are the OP_RETURN record and P2WPKH change: `Spender` builds it so), which gives the
funding outpoint without knowing the peer's funding key. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bitcoin.core import CTransaction

from wallet.ln.channel.commitments import channel_id_from_funding
from wallet.ln.recovery.record import decode_script


@dataclass(frozen=True)
class FoundChannel:
    """A channel of ours named by a recovery record, and its funding output."""

    peer_node_id: bytes
    key_index: int
    funding_txid: bytes = field(repr=False)  # internal byte order
    funding_output_index: int
    funding_sat: int
    funding_script_pubkey: bytes = field(repr=False)

    @property
    def channel_id(self) -> bytes:
        return channel_id_from_funding(self.funding_txid, self.funding_output_index)

    @property
    def outpoint_text(self) -> str:
        return f"{self.funding_txid[::-1].hex()}:{self.funding_output_index}"


def _is_p2wsh(script: bytes) -> bool:
    return len(script) == 34 and script[:2] == b"\x00\x20"


def channel_of(raw: bytes, key: bytes) -> FoundChannel | None:
    """The channel a transaction funds, if it carries one of our records; None otherwise
    (no record of ours, unparsable bytes, or no single P2WSH output to point at)."""
    try:
        tx = CTransaction.deserialize(bytes(raw))
    except Exception:  # python-bitcoinlib raises several types on garbage
        return None
    records = [r for r in (decode_script(bytes(o.scriptPubKey), key) for o in tx.vout) if r]
    if len(records) != 1:
        return None
    wsh = [i for i, o in enumerate(tx.vout) if _is_p2wsh(bytes(o.scriptPubKey))]
    if len(wsh) != 1:
        return None
    out = tx.vout[wsh[0]]
    return FoundChannel(records[0].peer_node_id, records[0].key_index, tx.GetTxid(), wsh[0],
                        out.nValue, bytes(out.scriptPubKey))


def find_channels(raw_txs: Iterable[bytes], key: bytes) -> list[FoundChannel]:
    """Every channel our records name in `raw_txs`, one per funding outpoint, by channel
    number (a number seen twice keeps its first funding transaction)."""
    found: dict[int, FoundChannel] = {}
    for raw in raw_txs:
        ch = channel_of(raw, key)
        if ch is not None and ch.key_index not in found:
            found[ch.key_index] = ch
    return sorted(found.values(), key=lambda c: c.key_index)
