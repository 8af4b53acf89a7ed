"""Whether the app was closed for too much of the punishment window: the warning the GUI
shows at start-up.

A peer that publishes a revoked commitment can be punished only while its output is locked
by the to_self_delay we asked (`params.PUNISHMENT_WINDOW_BLOCKS`, 1,008 blocks by default).
Kite sees such a cheat only while it runs, so a wallet closed for a large part of that
window on a channel holding our money is at risk. `offline_warning` compares the last block
height the node saw before it was closed with today's tip: at `WARN_FRACTION` (half) of the
smallest window among channels with a balance of ours it warns, and past the whole window it
says that funds may already be lost. Pure: the shell stores and passes the heights.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

WARN_FRACTION = Fraction(1, 2)
BLOCKS_PER_DAY = 144


@dataclass(frozen=True)
class ChannelAtStake:
    """A channel as the warning sees it: its window and our balance in it."""

    key_index: int
    window_blocks: int  # the to_self_delay we asked of the peer
    local_sat: int  # our balance in our latest commitment


@dataclass(frozen=True)
class OfflineWarning:
    blocks_away: int  # blocks mined while the app was closed
    window_blocks: int  # the smallest window among the channels at stake
    channels: tuple[int, ...]  # key indexes of the channels at stake
    expired: bool  # away for the whole window: a cheat may have gone unpunished
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"blocks_away": self.blocks_away, "window_blocks": self.window_blocks,
                "channels": list(self.channels), "expired": self.expired,
                "message": self.message}


def _duration(blocks: int) -> str:
    if blocks < BLOCKS_PER_DAY:
        hours = max(1, round(blocks / 6))
        return f"about {hours} hour{'s' if hours != 1 else ''}"
    days = round(blocks / BLOCKS_PER_DAY)
    return f"about {days} day{'s' if days != 1 else ''}"


def offline_warning(last_seen_height: int | None, tip_height: int,
                    channels: Iterable[ChannelAtStake], fraction: Fraction = WARN_FRACTION
                    ) -> OfflineWarning | None:
    """The warning, or None: nothing stored yet, no channel with a balance of ours, or away
    for less than `fraction` of the smallest window."""
    if last_seen_height is None or tip_height <= last_seen_height:
        return None
    at_stake = [c for c in channels if c.local_sat > 0 and c.window_blocks > 0]
    if not at_stake:
        return None
    away = tip_height - last_seen_height
    window = min(c.window_blocks for c in at_stake)
    if away < window * fraction:
        return None
    expired = away >= window
    every = _duration(max(1, int(window * fraction)))
    if expired:
        message = (f"Kite was closed for {away} blocks ({_duration(away)}), longer than the "
                   f"{window} blocks ({_duration(window)}) in which a channel peer that "
                   f"publishes an old channel state can be punished: if one did, it may have "
                   f"kept money it owed you. Keep Kite open until it has checked your "
                   f"channels, and open it at least every {every.removeprefix('about ')}.")
    else:
        message = (f"Kite was closed for {away} blocks ({_duration(away)}), more than half "
                   f"of the {window} blocks ({_duration(window)}) in which a channel peer "
                   f"that publishes an old channel state can be punished. Keep Kite open "
                   f"until it has checked your channels, and open it at least every "
                   f"{every.removeprefix('about ')}.")
    return OfflineWarning(away, window, tuple(c.key_index for c in at_stake), expired, message)
