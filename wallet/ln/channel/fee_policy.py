"""When the channel opener sends `update_fee` (BOLT 2: only the funder does): the decision,
kept pure so the shell (`ChainFollower.poll_once`, on each new block) only asks.

The commitment feerate follows the chain's estimate lazily: it is changed when the
estimate rose above +25% (`RAISE_RATIO`) or fell below -50% (`LOWER_RATIO`) of the current
commitment feerate, never below 253 sat/kw (`MIN_FEERATE_PER_KW`). Lowering waits for a
larger move than raising, because a commitment that pays too little may not confirm when
it must, while one that pays a bit too much costs little.

Anchors channels (option_anchors_zero_fee_htlc_tx) are bumped by CPFP through their anchor
output when they must confirm, so their commitment only needs to get into mempools: their
target is min(estimate, `ANCHORS_MAX_FEERATE_PER_KW`) = at most 2,500 sat/kw (10 sat/vB).

A new feerate is proposed only when we can afford it (`affordable`): our balance in the
peer's next commitment must pay the commitment fee at the new feerate and still keep the
channel reserve the peer asked of us (the machine itself only refuses a fee we cannot pay
at all).
"""

from __future__ import annotations

from fractions import Fraction

from wallet.ln.channel.commit_view import commit_fee_msat, reduce
from wallet.ln.channel.commitments import Commitments
from wallet.ln.wire import messages as m

MIN_FEERATE_PER_KW = 253  # BOLT 2: update_fee never below this
RAISE_RATIO = Fraction(5, 4)  # estimate above current x 1.25: raise
LOWER_RATIO = Fraction(1, 2)  # estimate below current x 0.5: lower
ANCHORS_MAX_FEERATE_PER_KW = 2_500  # 10 sat/vB: enough to relay; CPFP does the rest


def target_feerate(estimate_per_kw: int, anchors: bool) -> int:
    """The commitment feerate we aim at for this estimate."""
    target = min(estimate_per_kw, ANCHORS_MAX_FEERATE_PER_KW) if anchors else estimate_per_kw
    return max(MIN_FEERATE_PER_KW, int(target))


def new_feerate(current_per_kw: int, estimate_per_kw: int, anchors: bool) -> int | None:
    """The feerate to send in an update_fee, or None to leave the commitment as it is."""
    target = target_feerate(estimate_per_kw, anchors)
    if target == current_per_kw:
        return None
    if target > current_per_kw * RAISE_RATIO or target < current_per_kw * LOWER_RATIO:
        return target
    return None


def current_feerate(c: Commitments) -> int:
    """The feerate of the peer's next commitment: our last proposed update_fee, if any."""
    for upd in reversed(c.local_changes.proposed):
        if isinstance(upd, m.UpdateFee):
            return upd.feerate_per_kw
    return c.latest_remote_commit.view.feerate_per_kw


def affordable(c: Commitments, feerate_per_kw: int) -> bool:
    """True if we (the opener) can pay the peer's next commitment at this feerate and keep
    the channel reserve the peer asked of us."""
    p = c.params
    msg = m.UpdateFee(channel_id=p.channel_id, feerate_per_kw=feerate_per_kw)
    view = reduce(c.latest_remote_commit.view, c.remote_changes.acked,
                  c.local_changes.proposed + (msg,))
    fee = commit_fee_msat(view, p.remote.dust_limit_sat, p.channel_type)
    return view.to_remote_msat - fee >= p.remote.channel_reserve_sat * 1000


def update_for(c: Commitments, estimate_per_kw: int) -> int | None:
    """The feerate this estimate calls for on this channel, or None: we are not the opener,
    or the move is not large enough. Check `affordable` before sending it."""
    if not c.params.is_opener:
        return None
    return new_feerate(current_feerate(c), estimate_per_kw, c.params.channel_type.anchors)
