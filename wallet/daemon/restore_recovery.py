"""Channel recovery that starts by itself: at every start the node reads the wallet's on-chain
history for recovery records of channels it holds no state of (after a restore from the seed
that is all of them), asks each peer to close, and keeps asking until it does; the sweeps of
our outputs follow (`ln/shell/recovery_service.py`). Progress is durable (`ln_recovered`)
and summed up for `kite status`, `kite balance` and the GUI's Home.

Money being recovered is never spendable: it is counted apart until the sweep pays the
wallet (then the ledger has it, as any incoming transaction).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from wallet.ln.shell.background import Periodic
from wallet.ln.shell.recovery_service import ChannelRecovery
from wallet.ln.store.recovery_store import CLOSE_REQUESTED, CLOSING, DONE, FOUND, RecoveredChannel

log = logging.getLogger("kite.recovery")

RETRY_SECONDS = 60.0  # a peer that did not close (or could not be reached) is asked again
CHECK_SECONDS = 2.0  # how often new wallet transactions are read for records


@dataclass(frozen=True)
class RecoveryProgress:
    """Channels still being recovered; `amount_sat` is ours on the commitments the peers
    published, not yet paid to the wallet (the sweep's fee comes off it); `waiting` channels
    have no published commitment yet (their amount is unknown until the peer closes: we lost
    the state saying it); `confirms_at`: the block by which the last sweep under way should
    confirm (an estimate), None when none is under way."""

    channels: int
    amount_sat: int
    waiting: int
    done: int
    confirms_at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"channels": self.channels, "amount_sat": self.amount_sat,
                "waiting": self.waiting, "done": self.done, "confirms_at": self.confirms_at,
                "text": self.sentence()}

    def sentence(self) -> str:
        """One line for a person ("" when nothing is being recovered), e.g. "Recovering 2
        channels: 120,000 sat on its way back (less the network fee), confirms around block
        812"."""
        if not self.channels:
            return ""
        parts = []
        if self.amount_sat:
            parts.append(f"{self.amount_sat:,} sat on its way back (less the network fee)")
        elif self.channels > self.waiting:  # swept into the wallet, not yet confirmed
            parts.append("the funds are back on-chain")
        if self.confirms_at is not None and self.channels > self.waiting:
            parts[-1] += f", confirms around block {self.confirms_at}"
        if self.waiting == 1 and not parts:
            parts.append("waiting for the peer to close")
        elif self.waiting:
            peers = _plural(self.waiting, "peer")
            parts.append(f"waiting for {'the ' if not parts else ''}{peers} to close")
        return f"Recovering {_plural(self.channels, 'channel')}: " + "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def progress(rows: Iterable[RecoveredChannel], amounts: dict[int, int],
             in_wallet: Callable[[bytes], bool],
             confirms_at: dict[int, int] | None = None) -> RecoveryProgress:
    """Pure: what is being recovered. A channel whose sweep the wallet already holds counts
    no amount here (the on-chain balance shows it), so nothing is counted twice."""
    channels = amount = waiting = done = 0
    blocks = []
    for rc in rows:
        if rc.status in DONE:
            done += 1
            continue
        channels += 1
        if rc.status in (FOUND, CLOSE_REQUESTED):
            waiting += 1
            continue
        if rc.status == CLOSING and not (rc.sweep_txid and in_wallet(rc.sweep_txid)):
            amount += amounts.get(rc.channel.key_index, 0)
        if confirms_at and rc.channel.key_index in confirms_at:
            blocks.append(confirms_at[rc.channel.key_index])
    return RecoveryProgress(channels, amount, waiting, done, max(blocks) if blocks else None)


class AutoRecovery:
    """`chain` is the wallet's `ChainNode` (its ledger and `synced`); `address_of(node_id)`
    gives HOST:PORT for a peer the record names without an address."""

    def __init__(self, recovery: ChannelRecovery, chain: Any,
                 address_of: Callable[[bytes], str | None],
                 emit: Callable[[str, dict[str, Any]], None] | None = None,
                 contact: Callable[[], Awaitable[None]] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """`contact()` reaches the network's default peers, once per run when the node
        holds no channel and its wallet has history (a restore: a brand-new wallet stays
        quiet): those that keep a blob for us give it back (peer storage)."""
        self.recovery = recovery
        self.chain = chain
        self.address_of = address_of
        self.emit = emit or (lambda kind, data: None)
        self.contact = contact
        self.clock = clock
        self._contacted = False
        self._scanned: set[str] = set()
        self._seen_found: set[int] = set()  # channels found (by any means) already asked
        self._next_ask = 0.0
        # the history is the server's, checked: read only once the chain is synced
        self._periodic = Periodic(self.step, lambda: self.chain.synced.is_set(),
                                  "restore-recovery", log)
        self._last: RecoveryProgress | None = None

    def scan_new(self) -> int:
        """Read the wallet transactions not read yet; returns how many channels were found."""
        new = [wtx for wtx in self.chain.ledger.transactions() if wtx.txid not in self._scanned]
        found = self.recovery.scan(wtx.raw for wtx in new)
        self._scanned.update(wtx.txid for wtx in new)
        return len(found)

    async def step(self, *, ask_now: bool = False) -> None:
        """One pass: new records, then the peers asked (at once for a new channel, every
        RETRY_SECONDS for one still open)."""
        found = self.scan_new()
        if self.contact is not None and not self._contacted \
                and not self.recovery.channels.addresses() and self._scanned:
            self._contacted = True
            await self.contact()
        rows = self.recovery.list()
        pending = any(rc.status in (FOUND, CLOSE_REQUESTED) for rc in rows)
        fresh = {rc.channel.key_index for rc in rows if rc.status == FOUND} - self._seen_found
        self._seen_found |= fresh  # a file's or a peer's blob's channels: asked at once
        if pending and (found or fresh or ask_now or self.clock() >= self._next_ask):
            self._next_ask = self.clock() + RETRY_SECONDS
            await self.recovery.request_closes(self.address_of)
        self._publish()

    def progress(self) -> RecoveryProgress:
        ledger = self.chain.ledger
        return progress(self.recovery.list(), self.recovery.amounts,
                        lambda txid: txid[::-1].hex() in ledger, self.recovery.confirms_at)

    def _publish(self) -> None:
        now = self.progress()
        if now != self._last:
            self._last = now
            self.emit("recovery_progress", now.to_dict())

    # -- life cycle -----------------------------------------------------------------------------

    def start(self, interval: float = CHECK_SECONDS) -> None:
        self._periodic.start(interval)

    async def stop(self) -> None:
        await self._periodic.stop()
