"""The on-chain reserve anchor channels need, and the arithmetic of opening a channel with it.

An anchors commitment (option_anchors_zero_fee_htlc_tx) pays only a relay fee (at most
2,500 sat/kw, `fee_policy`), and its HTLC transactions pay none: when a channel must close
by force, the fee that makes them confirm in time comes from coins of the on-chain wallet
(a CPFP child of the anchor, a wallet input added to each HTLC transaction). Without such
coins a force close can miss an HTLC's deadline. So while anchor channels are open, Kite
keeps `ANCHOR_RESERVE_SAT` of confirmed coins on-chain, says so when a channel opens, and
refuses an open that would leave less (Electrum and Phoenix do the same).

Why 20,000 sat: our commitment without HTLCs is 1,124 weight units (281 vB), each HTLC
output adds 43 vB; the CPFP child (the anchor, one wallet input, change) is about 180 vB,
so the package is about 460 vB: 11,500 sat at 25 sat/vB, of which the commitment pays
about 2,800 at 2,500 sat/kw. An HTLC transaction with its wallet input and change is about
270 vB: 6,750 sat at 25 sat/vB. 20,000 sat covers the commitment package at about 40
sat/vB, or the commitment and one HTLC transaction at 25 sat/vB; the coin is not spent
away (the change comes back). Electrum keeps 10,000 sat.

Pure: the shell gives the wallet's figures, this says what they mean.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wallet.ln.tx.commitment_tx import ChannelType
from wallet.sentence import Sentence

ANCHOR_RESERVE_SAT = 20_000


def reserve_for(channel_types: Iterable[ChannelType], reserve_sat: int = ANCHOR_RESERVE_SAT
                ) -> int:
    """The reserve these (open or opening) channels need: `reserve_sat` if any is an
    anchors channel, else 0 (a static_remotekey commitment carries its own fee)."""
    return reserve_sat if any(t.anchors for t in channel_types) else 0


@dataclass(frozen=True)
class ReserveCheck:
    """What stays on-chain against the reserve that must stay there."""

    reserve_sat: int  # 0: no anchor channel, nothing to keep
    onchain_sat: int  # what the on-chain wallet holds (after the open, for an open)

    @property
    def short_sat(self) -> int:
        return max(0, self.reserve_sat - self.onchain_sat)

    @property
    def ok(self) -> bool:
        return self.short_sat == 0

    def to_dict(self) -> dict[str, int | bool]:
        return {"reserve_sat": self.reserve_sat, "onchain_sat": self.onchain_sat,
                "short_sat": self.short_sat, "ok": self.ok}


def after_open(spendable_sat: int, amount_sat: int, fee_sat: int, reserve_sat: int
               ) -> ReserveCheck:
    """The reserve check of an open: the wallet can spend `spendable_sat`, the funding
    transaction moves `amount_sat` into the channel and pays `fee_sat`."""
    for name, value in (("spendable_sat", spendable_sat), ("amount_sat", amount_sat),
                        ("fee_sat", fee_sat), ("reserve_sat", reserve_sat)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(Sentence("%1 must be a non-negative integer", name))
    return ReserveCheck(reserve_sat, max(0, spendable_sat - amount_sat - fee_sat))


def refusal(check: ReserveCheck, amount_sat: int) -> str | None:
    """One sentence refusing the open of `amount_sat`, or None when the reserve is kept."""
    if check.ok:
        return None
    most = amount_sat - check.short_sat
    advice = (f"open about {most} sat at most, or add {check.short_sat} sat to the wallet"
              if most > 0 else f"add at least {check.short_sat} sat to the wallet first")
    return (f"Opening a channel of {amount_sat} sat would leave {check.onchain_sat} sat "
            f"on-chain, but anchor channels need {check.reserve_sat} sat kept there to pay "
            f"the fees of a force close: {advice}.")


def after_send(spendable_sat: int, amount_sat: int, fee_sat: int, reserve_sat: int
               ) -> ReserveCheck:
    """The reserve check of an on-chain send: what is left once `amount_sat` and its fee
    have gone (the same arithmetic as an open's)."""
    return after_open(spendable_sat, amount_sat, fee_sat, reserve_sat)


def send_refusal(check: ReserveCheck, amount_sat: int) -> str | None:
    """One sentence refusing an on-chain send of `amount_sat`, or None when the reserve is
    kept."""
    if check.ok:
        return None
    most = amount_sat - check.short_sat
    advice = (f"send {most} sat at most" if most > 0
              else "close the anchor channels first, or add coins to the wallet")
    return (f"Sending {amount_sat} sat would leave {check.onchain_sat} sat on-chain, but your "
            f"anchor channels need {check.reserve_sat} sat kept there to pay the fees of a "
            f"force close: {advice}.")


def after_bump(spendable_sat: int, extra_fee_sat: int, reserve_sat: int) -> ReserveCheck:
    """The reserve check of a fee bump (RBF or CPFP): what is left once the bump has taken
    `extra_fee_sat` from the coins a send could spend (nothing more leaves the wallet)."""
    return after_open(spendable_sat, 0, extra_fee_sat, reserve_sat)


def bump_refusal(check: ReserveCheck, extra_fee_sat: int) -> str | None:
    """One sentence refusing a fee bump that costs `extra_fee_sat`, or None when it keeps
    the reserve (or takes nothing from it)."""
    if check.ok or extra_fee_sat == 0:
        return None
    return (f"Not sped up: the higher fee ({extra_fee_sat} sat more) would leave "
            f"{check.onchain_sat} sat on-chain, but your anchor channels need "
            f"{check.reserve_sat} sat kept there to pay the fees of a force close: choose a "
            f"lower fee rate, or add coins to the wallet.")


def notice(check: ReserveCheck) -> str:
    """What an open or a balance screen says about the reserve."""
    if check.reserve_sat == 0:
        return "No on-chain reserve is needed (the channel is not an anchor channel)."
    if check.ok:
        return (f"{check.reserve_sat} sat stay on-chain as a reserve to pay the fees of a "
                f"force close of your anchor channels.")
    return (f"The on-chain reserve is short by {check.short_sat} sat: anchor channels need "
            f"{check.reserve_sat} sat of confirmed coins to pay the fees of a force close, "
            f"the wallet has {check.onchain_sat} sat.")
