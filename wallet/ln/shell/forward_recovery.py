"""Relayed HTLCs after a restart: every incoming HTLC the forward record (`forward_store`)
holds and a channel still carries is answered again from the record. The preimage if it is
known (written first when an outgoing HTLC settles), else the outcome of its outgoing HTLCs
once they resolve; one never forwarded, or whose outgoing HTLCs failed, fails with
`temporary_channel_failure` (the payer may retry).

One job, shared by both relay roles: the trampoline forwarder and an LSP's JIT forwarder
(a node run with `--lsp` but without `--trampoline` has only the latter, and must still
answer what a restart left held: failing it as unreadable would lose the LSP the amount
its client may already have been paid).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from wallet.hashes import sha256
from wallet.ln.channel import states as st
from wallet.ln.channel.commit_view import OFFERED, RECEIVED
from wallet.ln.htlc.contract import Fail, FailMalformed, Fulfill, OutgoingSettled, Resolution
from wallet.ln.htlc.relay_plan import failure_packet, refusal
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.onion.failures import FailureCode, FailureMessage, create_error_packet
from wallet.ln.onion.trampoline import TrampolineDialect
from wallet.ln.shell.ports import RelayHost
from wallet.ln.store.forward_store import (
    FAILED,
    FORWARDING,
    HELD,
    SETTLED,
    ForwardRow,
    ForwardStore,
)
from wallet.ln.store.payment_log import HTLC_PENDING

log = logging.getLogger("kite.ln.forward")

FORWARD_PURPOSE = "forward"
CHANNEL_RELAY = "channel"  # the record's "dialect" of a plain relay
#: a relay inside a blinded route, as its introduction node / as a later hop; the record's
#: trampoline_secret then holds the sha256 of the incoming onion (invalid_onion_blinding's)
BLINDED_INTRO_RELAY = "blinded_intro"
BLINDED_RELAY = "blinded"


def blinded_answer(row: ForwardRow, why: str) -> Fail | FailMalformed:
    """A recorded blinded relay's refusal: invalid_onion_blinding, malformed past the
    introduction node (BOLT 4)."""
    code = int(FailureCode.INVALID_ONION_BLINDING)
    if row.dialect == BLINDED_RELAY:
        return FailMalformed(row.trampoline_secret, code, why)
    packet = create_error_packet(row.shared_secret, FailureMessage.make(
        code, sha256_of_onion=row.trampoline_secret))
    return Fail(packet, why)


class ForwardRecovery:
    """Answers recorded incoming HTLCs again; `live` holds the ones this process handles
    (a forwarder adds each HTLC it takes, so that a reconnection does not answer it twice)."""

    def __init__(self, node: RelayHost, store: ForwardStore,
                 spawn: Callable[[Awaitable, str], asyncio.Task],
                 policy: Callable[[], RelayPolicy] = RelayPolicy) -> None:
        self.node = node
        self.store = store
        self.spawn = spawn
        self.policy = policy
        self.live: set[tuple[int, int]] = set()

    def claims(self, key_index: int, htlc_id: int, payment_hash: bytes) -> bool:
        """Is this undecided incoming HTLC ours? (After a restart, answering it is scheduled.)"""
        row = self.store.get(key_index, htlc_id)
        if row is None or row.payment_hash != payment_hash:
            return False
        if (key_index, htlc_id) not in self.live:
            self.live.add((key_index, htlc_id))
            self.spawn(self._recover(row), f"forward-recover-{key_index}-{htlc_id}")
        return True

    def recover(self) -> None:
        """Answer again every recorded incoming HTLC the channels still hold (call once the
        channels are loaded): the answer is given now or at the channel's reconnection."""
        for row in self.store.all():
            if row.key not in self.live and self._still_held(row):
                self.live.add(row.key)
                self.spawn(self._recover(row), f"forward-recover-{row.key_index}-{row.htlc_id}")

    def _still_held(self, row: ForwardRow) -> bool:
        ch = self.node.channels.get(row.key_index)
        c = st.commitments_of(ch.state) if ch is not None else None
        if c is None:
            return False
        h = (c.local_commit.view.find(RECEIVED, row.htlc_id)
             or c.remote_commit.view.find(OFFERED, row.htlc_id))
        return h is not None and h.payment_hash == row.payment_hash

    async def _recover(self, row: ForwardRow) -> None:
        answer = await self.answer(row)
        kind = "fulfilled" if isinstance(answer, Fulfill) else "failed"
        log.info("incoming HTLC %s (recorded %s) %s after a restart", row.key, row.status, kind)
        await self.node.resolve_incoming(row.key_index, row.htlc_id, answer)

    async def answer(self, row: ForwardRow) -> Resolution:
        """The answer a recorded HTLC gets after a restart (recorded before it is given)."""
        if row.status == SETTLED and row.preimage is not None:
            return Fulfill(row.preimage)
        if row.status == FAILED and row.dialect in (BLINDED_INTRO_RELAY, BLINDED_RELAY):
            return blinded_answer(row, row.why or "failed")
        if row.status == FAILED and row.answer is not None:
            return Fail(row.answer, row.why or "failed")
        log_ = self.node.payment_log
        if row.status == FORWARDING:
            preimage = log_.known_preimage(row.payment_hash)
            pending = [r for r in log_.htlcs_for(row.payment_hash)
                       if r.purpose == FORWARD_PURPOSE and r.status == HTLC_PENDING]
            if preimage is None and pending:
                outcomes = await asyncio.gather(*(self.node.outcome(
                    (r.key_index, r.htlc_id)) for r in pending))
                preimage = next((o.preimage for o in outcomes if isinstance(o, OutgoingSettled)),
                                None)
            if preimage is not None and sha256(preimage) == row.payment_hash:
                self.store.settle([row.key], preimage)
                return Fulfill(preimage)
        why = ("never forwarded before the restart" if row.status == HELD
               else "its outgoing HTLCs failed")
        upstream = refusal(FailureCode.TEMPORARY_CHANNEL_FAILURE, why)
        if row.dialect in (BLINDED_INTRO_RELAY, BLINDED_RELAY):
            answer = blinded_answer(row, why)
            self.store.fail(row.key, answer.reason if isinstance(answer, Fail) else b"", why)
            return answer
        if row.dialect == CHANNEL_RELAY:
            packet = create_error_packet(row.shared_secret, upstream.failure)
        else:
            packet = failure_packet(upstream, shared_secret=row.shared_secret,
                                    trampoline_secret=row.trampoline_secret,
                                    dialect=TrampolineDialect(row.dialect), policy=self.policy())
        self.store.fail(row.key, packet, why)
        return Fail(packet, why)
