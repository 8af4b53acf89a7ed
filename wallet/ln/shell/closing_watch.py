"""The I/O shell of the BOLT 5 watcher: for a closing channel, ask the chain what spends the
funding output and every output the pure `watcher.plan` wants watched, broadcast the sweeps
it returns, and return the plan: the chain follower hands its preimages and unpaid HTLCs to
the HTLC switch (the one place that settles or fails HTLCs and so payments and forwards)
and feeds `ClosingResolved` once it is resolved.

Everything a sweep needs is in SQLite already: the channel state (commitments, revocation
secrets, our close script), the HTLC log (`htlc_log`, same transaction as the state) and the
invoices' preimages (payments table); the chain is asked again on every check, so nothing
about sweeps in progress needs storing, and a restart resumes where the chain stands.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bitcoin.core import CTransaction

from wallet.errors import KiteError
from wallet.hashes import sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commitments import Commitments
from wallet.ln.enforcement.close_plan import ChainView, CloseData, Plan, Spend, WatcherError, plan
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.store.payment_log import PaymentLog

log = logging.getLogger("kite.ln.watcher")

RECHECK_INTERVAL = 10.0  # seconds between checks without a new block (mempool spends)
MAX_ROUNDS = 6  # watch -> spender -> its output ... (commitment, HTLC tx, its sweep)


class SpendBackend(Protocol):
    @property
    def tip_height(self) -> int: ...

    async def feerate_per_kw(self) -> int: ...

    async def broadcast(self, raw: bytes, what: str) -> None: ...

    async def output_spend(self, txid: bytes, index: int, script: bytes) -> Any:
        """A `SpendSeen` (raw, height or None) or None; raises KiteError when it cannot
        tell."""


@dataclass
class _Watching:
    next_check: float = 0.0
    last: Plan | None = field(default=None, repr=False)


def known_preimages(payments: PaymentLog, c: Commitments) -> dict[bytes, bytes]:
    """The preimages we know (our invoices, HTLCs settled to us: the payment log) of the
    HTLCs in the channel's commitments. The one place the watcher learns preimages."""
    hashes = {h.payment_hash for h in c.local_commit.view.htlcs}
    hashes |= {h.payment_hash for h in c.latest_remote_commit.view.htlcs}
    hashes |= {h.payment_hash for h in c.remote_commit.view.htlcs}
    found = {}
    for payment_hash in hashes:
        preimage = payments.known_preimage(payment_hash)
        if preimage is not None and sha256(preimage) == payment_hash:
            found[payment_hash] = preimage
    return found


class ClosingWatch:
    def __init__(self, chain: Any, store: ChannelStore,
                 emit: Callable[[str, dict[str, Any]], None] | None = None) -> None:
        self.chain = chain
        self.store = store
        self.payments = PaymentLog(store.db)
        self.emit = emit or (lambda kind, data: None)
        self._channels: dict[int, _Watching] = {}

    def last_plan(self, key_index: int) -> Plan | None:
        w = self._channels.get(key_index)
        return w.last if w else None

    async def check(self, ch: Any, new_block: bool) -> Plan | None:
        """Run the watcher for a `Closing` channel (on each block, else now and then);
        returns the plan, or None when nothing was checked."""
        inner = ch.inner
        if not isinstance(inner, st.Closing) or not hasattr(self.chain, "output_spend"):
            return None
        w = self._channels.setdefault(ch.key_index, _Watching())
        now = time.monotonic()
        if not new_block and now < w.next_check:
            return None
        w.next_check = now + RECHECK_INTERVAL
        try:
            result = await self._check(ch, inner)
        except (KiteError, ValueError) as e:
            log.warning("channel %d: on-chain watch not done: %s", ch.key_index, e)
            return None
        w.last = result
        return result

    async def _check(self, ch: Any, inner: st.Closing) -> Plan:
        c = inner.commitments
        p = c.params
        data = CloseData(c, ch.keys, inner.setup.close_script,
                         tuple(self.store.htlc_log(ch.key_index)), inner.published,
                         ev.TxKind.MUTUAL_CLOSE if inner.how is st.CloseHow.MUTUAL
                         else ev.TxKind.COMMITMENT)
        closing = await self._spend(p.funding_txid, p.funding_output_index,
                                    p.funding_script_pubkey)
        preimages = known_preimages(self.payments, c)
        feerate = await self.chain.feerate_per_kw()
        coins = []
        if p.channel_type.anchors and hasattr(self.chain, "fee_coins"):
            coins = self.chain.fee_coins()  # HTLC transactions and CPFP bring their fee
        spends: dict[tuple[bytes, int], Spend] = {}
        asked: set[tuple[bytes, int]] = set()
        result = None
        for _ in range(MAX_ROUNDS):
            view = ChainView(self.chain.tip_height, closing, spends)
            result = plan(data, view, preimages, feerate, coins)
            missing = [x for x in result.watch if x.outpoint not in asked]
            if not missing:
                break
            for x in missing:
                asked.add(x.outpoint)
                seen = await self._spend(x.txid, x.index, x.script_pubkey)
                if seen is not None:
                    spends[x.outpoint] = seen
        assert result is not None
        for b in result.broadcast:
            try:
                await self.chain.broadcast(b.raw, b.what)
            except Exception as e:  # noqa: BLE001 - retried on the next check
                log.info("channel %d: %s %s not broadcast: %s", ch.key_index, b.what,
                         b.tx.GetTxid()[::-1].hex(), e)
        if result.resolved:
            for out in result.abandoned:  # worth less than any sweep of it could cost
                log.info("channel %d: %s (%d sat) left on chain: %s", ch.key_index, out.what,
                         out.amount_sat, out.note)
        if result.waiting:
            log.debug("channel %d: waiting for %s", ch.key_index, "; ".join(result.waiting))
        return result

    async def _spend(self, txid: bytes, index: int, script: bytes) -> Spend | None:
        seen = await self.chain.output_spend(txid, index, script)
        if seen is None:
            return None
        try:
            tx = CTransaction.deserialize(seen.raw)
        except Exception:
            raise WatcherError("the chain returned an unparsable spender") from None
        return Spend(tx, seen.height)
