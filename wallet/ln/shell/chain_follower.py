"""The channel shell's per-block work, a collaborator of `ChannelManager` behind the
`FollowerHost` port: poll the chain whenever the tip moves (and every few seconds while a
funding is unconfirmed or open), feed NewBlock and funding depth/spend to each channel, send
update_fee when the estimate moved (`channel.fee_policy`), and run the BOLT 5 closing watch
of closing channels.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from wallet.deadline import within
from wallet.errors import KiteError
from wallet.ln.channel import events as ev
from wallet.ln.channel import fee_policy
from wallet.ln.channel import states as st
from wallet.ln.channel.double_spend import funding_unconfirmed
from wallet.ln.channel.errors import ChannelCommandError
from wallet.ln.shell.live_channel import Channel
from wallet.ln.shell.ports import FollowerHost

log = logging.getLogger("kite.ln.channels")
SPEND_CHECK_INTERVAL = 15.0  # seconds between mempool checks of an open channel's funding
#: confirmations of a conflicting transaction before an unconfirmed (zero-conf) funding is
#: given up as double-spent: before that a reorganisation could still bring the funding
#: back, and the payment received over it stays "unconfirmed"
DOUBLE_SPEND_DEPTH = 6


class ChainFollower:
    """Follows the chain for every channel of its host (the channel manager)."""

    def __init__(self, host: FollowerHost) -> None:
        self.host = host
        self._poke = asyncio.Event()
        self._last_tip = -1

    def poke(self) -> None:
        """Poll now rather than at the next interval (e.g. a funding was just published)."""
        self._poke.set()

    async def run(self) -> None:
        """Poll until cancelled; a failed poll is logged and the next one comes."""
        while True:
            with contextlib.suppress(TimeoutError):
                await within(self.host.poll_interval, self._poke.wait())
            self._poke.clear()
            try:
                await self.poll_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("channel chain poll failed")

    async def poll_once(self) -> None:
        """One round: new block work, funding checks and closing watches, channel by channel."""
        host = self.host
        tip = host.chain.tip_height
        new_block = tip != self._last_tip
        self._last_tip = tip
        estimate: list[int] = []  # asked once per block, when a channel of ours may need it
        for ch in list(host.channels.values()):
            if isinstance(ch.inner, st.Closed):
                continue
            if new_block:
                for raw, what in list(ch.unbroadcast):
                    ch.unbroadcast.remove((raw, what))
                    if what == ev.TxKind.FUNDING and not isinstance(
                            ch.inner, st.WaitForFundingConfirmed):
                        continue  # confirmed, or the channel gave up on it: nothing to send
                    await host.publish(ch, raw, what)
                await host.feed(ch, [ev.NewBlock(tip)])
                if isinstance(ch.inner, st.Closed):
                    continue  # e.g. forgotten: its funding never confirmed
                await self._follow_feerate(ch, estimate)
            if ch.watch is not None and not ch.spent_fed and (
                    new_block or ch.depth_fed < ch.watch.minimum_depth
                    or time.monotonic() >= ch.next_spend_check):
                # deep enough: look for a spend on each block, and now and then for one in
                # the mempool
                ch.next_spend_check = time.monotonic() + SPEND_CHECK_INTERVAL
                await self._check_funding(ch)
            if isinstance(ch.inner, st.Closing):
                await self._watch_closing(ch, new_block)

    async def _follow_feerate(self, ch: Channel, estimate: list[int]) -> None:
        """As the opener of a Normal, connected channel: an update_fee (and a signature)
        when the chain's estimate moved far enough (`fee_policy`); one we cannot afford is
        logged and not sent."""
        state = ch.state
        if not isinstance(state, st.Normal) or isinstance(state, st.ShuttingDown) \
                or not state.commitments.params.is_opener or ch.conn is None:
            return
        if not estimate:
            try:
                estimate.append(await self.host.chain.feerate_per_kw())
            except KiteError as e:
                log.info("no fee estimate for update_fee: %s", e)
                estimate.append(0)
        c = state.commitments
        feerate = fee_policy.update_for(c, estimate[0]) if estimate[0] else None
        if feerate is None:
            return
        if not fee_policy.affordable(c, feerate):
            log.info("channel %d: update_fee to %d sat/kw not sent: we cannot afford it "
                     "above our channel reserve", ch.key_index, feerate)
            return
        try:
            await self.host.feed(ch, [ev.CmdUpdateFee(feerate), ev.CmdSign()])
            log.info("channel %d: update_fee %d -> %d sat/kw", ch.key_index,
                     fee_policy.current_feerate(c), feerate)
        except ChannelCommandError as e:
            log.info("channel %d: update_fee to %d sat/kw refused: %s", ch.key_index,
                     feerate, e)

    async def _watch_closing(self, ch: Channel, new_block: bool) -> None:
        """BOLT 5: sweep what the closing transaction left us; Closed once resolved."""
        host = self.host
        plan = await host.watch_closing(ch, new_block)
        if plan is not None and plan.preimages:
            host.htlc_events().preimages_learned(ch, dict(plan.preimages))  # claim upstream
        if plan is not None and plan.resolved:
            for payment_hash in plan.unpaid:  # our HTLCs refunded on chain: failed
                host.htlc_events().timed_out_on_chain(ch.key_index, payment_hash)
            how = plan.close.value if plan.close is not None else ""
            await host.feed(ch, [ev.ClosingResolved(how)])

    async def _check_funding(self, ch: Channel) -> None:
        w = ch.watch
        try:
            status = await self.host.chain.funding_status(w)
        except KiteError as e:
            log.info("channel %d: funding output not checked: %s", ch.key_index, e)
            return
        if (status.depth >= w.minimum_depth and status.short_channel_id is not None
                and status.depth > ch.depth_fed and ch.depth_fed < w.minimum_depth):
            ch.depth_fed = status.depth
            await self.host.feed(ch, [ev.FundingDepthReached(status.depth, status.short_channel_id)])
        if status.spender is not None:
            ch.spent_fed = True
            await self.host.feed(ch, [ev.FundingSpent(status.spender)])
        elif (status.conflict_depth >= DOUBLE_SPEND_DEPTH and status.depth == 0
              and funding_unconfirmed(ch.inner)):
            log.warning("channel %d: its funding transaction was double-spent (%d blocks "
                        "deep): the channel never existed", ch.key_index, status.conflict_depth)
            ch.spent_fed = True
            await self.host.feed(ch, [ev.FundingDoubleSpent()])

