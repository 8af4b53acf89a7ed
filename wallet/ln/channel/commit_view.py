"""What one commitment holds at a moment (`CommitView`: its HTLCs both ways and balances),
how pending changes reduce onto it, and the commitment fee it pays (BOLT 2/3). Pure."""

from __future__ import annotations

from dataclasses import dataclass, replace

from wallet.ln.channel.errors import require
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import (
    ChannelType,
    Htlc,
    HtlcDirection,
    commitment_fee_sat,
    htlc_success_fee_sat,
    htlc_timeout_fee_sat,
)
from wallet.ln.wire import messages as m

OFFERED = HtlcDirection.OFFERED
RECEIVED = HtlcDirection.RECEIVED


@dataclass(frozen=True)
class CommitView:
    """Balances and HTLCs of one commitment, seen from its owner (directions are the
    owner's: OFFERED = paid by the owner)."""

    feerate_per_kw: int
    to_local_msat: int
    to_remote_msat: int
    htlcs: tuple[Htlc, ...] = ()

    def find(self, direction: HtlcDirection, htlc_id: int) -> Htlc | None:
        for htlc in self.htlcs:
            if htlc.direction is direction and htlc.htlc_id == htlc_id:
                return htlc
        return None

    def count(self, direction: HtlcDirection) -> int:
        return sum(1 for h in self.htlcs if h.direction is direction)

    def total_msat(self, direction: HtlcDirection) -> int:
        return sum(h.amount_msat for h in self.htlcs if h.direction is direction)

    def swapped(self) -> CommitView:
        """The same balances and HTLCs from the other side's point of view."""
        flip = {OFFERED: RECEIVED, RECEIVED: OFFERED}
        return CommitView(
            self.feerate_per_kw,
            self.to_remote_msat,
            self.to_local_msat,
            tuple(replace(h, direction=flip[h.direction]) for h in self.htlcs),
        )


def reduce(view: CommitView, owner_changes: tuple, other_changes: tuple) -> CommitView:
    """Apply the owner's and the other side's updates to `view` (adds first, then removals,
    then the last update_fee). Removing an unknown HTLC raises `ChannelProtocolError`;
    balances may go negative, which the callers' affordability checks then refuse."""
    to_local, to_remote = view.to_local_msat, view.to_remote_msat
    htlcs = {(h.direction, h.htlc_id): h for h in view.htlcs}
    feerate = view.feerate_per_kw
    for changes, direction in ((owner_changes, OFFERED), (other_changes, RECEIVED)):
        for upd in changes:
            if isinstance(upd, m.UpdateAddHtlc):
                key = (direction, upd.id)
                require(key not in htlcs, f"HTLC {upd.id} is added twice")
                htlcs[key] = Htlc(direction, upd.id, upd.amount_msat, upd.payment_hash,
                                  upd.cltv_expiry)
                if direction is OFFERED:
                    to_local -= upd.amount_msat
                else:
                    to_remote -= upd.amount_msat
    for changes, owner in ((owner_changes, True), (other_changes, False)):
        for upd in changes:
            if isinstance(upd, m.UpdateAddHtlc | m.UpdateFee):
                continue
            # a side only removes HTLCs the *other* side offered
            direction = RECEIVED if owner else OFFERED
            htlc = htlcs.pop((direction, upd.id), None)
            require(htlc is not None, f"update removes unknown HTLC {upd.id}")
            assert htlc is not None
            fulfilled = isinstance(upd, m.UpdateFulfillHtlc)
            # fulfilled: paid to the remover; failed: back to the offerer
            if fulfilled == owner:
                to_local += htlc.amount_msat
            else:
                to_remote += htlc.amount_msat
    for changes in (owner_changes, other_changes):
        for upd in changes:
            if isinstance(upd, m.UpdateFee):
                feerate = upd.feerate_per_kw
    ordered = tuple(sorted(htlcs.values(), key=lambda h: (h.direction.value, h.htlc_id)))
    return CommitView(feerate, to_local, to_remote, ordered)


def commit_fee_msat(
    view: CommitView,
    dust_limit_sat: int,
    channel_type: ChannelType,
    *,
    feerate_per_kw: int | None = None,
    extra_htlcs: int = 0,
) -> int:
    """What the opener pays for this commitment: base fee plus, with anchors, 2 x 330 sat."""
    feerate = view.feerate_per_kw if feerate_per_kw is None else feerate_per_kw
    # `is_trimmed` with its two thresholds worked out once (this runs for every HTLC of
    # every commitment the channel checks)
    offered_min = dust_limit_sat + htlc_timeout_fee_sat(feerate, channel_type)
    received_min = dust_limit_sat + htlc_success_fee_sat(feerate, channel_type)
    untrimmed = sum(
        1 for h in view.htlcs
        if h.amount_msat // 1000 >= (offered_min if h.direction is OFFERED else received_min)
    )
    fee = commitment_fee_sat(feerate, untrimmed + extra_htlcs, channel_type)
    if channel_type.anchors:
        fee += 2 * scripts.ANCHOR_OUTPUT_SAT
    return fee * 1000
