"""Coin selection: branch-and-bound for a change-free match, then a change-producing fallback.

Pure arithmetic over candidate coins. Sizes are in virtual bytes for P2WPKH inputs and
outputs, which is all this wallet spends from (BIP 84). Branch-and-bound follows the idea
of Murch's "An Evaluation of Coin Selection Strategies": look for a subset whose effective
value lands between the target and the target plus the cost of creating and later
spending a change output, so no change is needed; otherwise accumulate coins largest first
and add change (dropping it into the fee when it would be dust).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

from wallet.errors import InputError
from wallet.sentence import Sentence

# P2WPKH sizes (vbytes). Input: 36 outpoint + 1 script len + 4 sequence = 41 bytes, witness
# 1 count + 73 sig + 34 pubkey = 108 WU -> 41 + 27 = 68 vB (rounded up).
P2WPKH_INPUT_VSIZE = 68
P2WPKH_OUTPUT_VSIZE = 31
# version 4, locktime 4, input and output counts 1 each, segwit marker+flag 0.5 vB.
TX_OVERHEAD_VSIZE = 11
DUST_LIMIT_P2WPKH = 294
BNB_MAX_TRIES = 100_000


class InsufficientFunds(InputError):
    """Not enough confirmed-enough coins to pay the amount and its fee."""


@dataclass(frozen=True)
class Coin:
    """A spendable output: an id the caller understands, its value and its input vsize."""

    key: object
    value: int
    input_vsize: int = P2WPKH_INPUT_VSIZE

    def effective_value(self, feerate: float) -> int:
        return self.value - ceil(self.input_vsize * feerate)


@dataclass(frozen=True)
class Selection:
    coins: tuple[Coin, ...]
    change: int  # 0 when no change output is created
    fee: int

    @property
    def total_in(self) -> int:
        return sum(c.value for c in self.coins)


def tx_vsize(n_inputs_vsize: int, output_vsizes: Sequence[int]) -> int:
    return TX_OVERHEAD_VSIZE + n_inputs_vsize + sum(output_vsizes)


def select_coins(
    coins: Sequence[Coin],
    amount: int,
    feerate: float,
    output_vsizes: Sequence[int],
    *,
    change_vsize: int = P2WPKH_OUTPUT_VSIZE,
    long_term_feerate: float | None = None,
    dust_limit: int = DUST_LIMIT_P2WPKH,
) -> Selection:
    """Choose coins to pay `amount` (sum of the outputs) at `feerate` sat/vB.

    `output_vsizes` are the recipient outputs' sizes; the fee covers them and the inputs.
    """
    if amount <= 0:
        raise InputError("amount must be positive")
    if feerate < 0:
        raise InputError("fee rate cannot be negative")
    long_term = feerate if long_term_feerate is None else long_term_feerate
    base_fee = ceil(tx_vsize(0, output_vsizes) * feerate)
    target = amount + base_fee
    usable = [c for c in coins if c.effective_value(feerate) > 0]
    cost_of_change = ceil(change_vsize * feerate) + ceil(P2WPKH_INPUT_VSIZE * long_term)

    found = _branch_and_bound(usable, target, cost_of_change, feerate)
    if found is not None:
        in_vsize = sum(c.input_vsize for c in found)
        fee = sum(c.value for c in found) - amount  # the small excess goes to the fee
        assert fee >= ceil(tx_vsize(in_vsize, output_vsizes) * feerate)
        return Selection(tuple(found), 0, fee)
    return _largest_first_with_change(
        usable, amount, feerate, output_vsizes, change_vsize, dust_limit
    )


def _branch_and_bound(
    coins: list[Coin], target: int, cost_of_change: int, feerate: float
) -> list[Coin] | None:
    """Depth-first search, largest coins first, for a sum in [target, target+cost_of_change]."""
    pool = sorted(coins, key=lambda c: c.effective_value(feerate), reverse=True)
    values = [c.effective_value(feerate) for c in pool]
    remaining_after = [0] * (len(values) + 1)
    for i in range(len(values) - 1, -1, -1):
        remaining_after[i] = remaining_after[i + 1] + values[i]
    if remaining_after[0] < target:
        return None
    best: list[int] | None = None
    best_waste = None
    chosen: list[int] = []
    tries = 0

    def search(i: int, total: int) -> None:
        nonlocal best, best_waste, tries
        tries += 1
        if tries > BNB_MAX_TRIES or total > target + cost_of_change:
            return
        if total >= target:
            waste = total - target
            if best_waste is None or waste < best_waste:
                best, best_waste = list(chosen), waste
            return
        if i == len(values) or total + remaining_after[i] < target:
            return
        chosen.append(i)
        search(i + 1, total + values[i])
        chosen.pop()
        if best_waste == 0:
            return
        # Excluding coin i: a later coin of equal value would only repeat sums the
        # inclusion branch has already explored, so skip past all of them.
        j = i + 1
        while j < len(values) and values[j] == values[i]:
            j += 1
        search(j, total)

    search(0, 0)
    return None if best is None else [pool[i] for i in best]


def _largest_first_with_change(
    coins: list[Coin],
    amount: int,
    feerate: float,
    output_vsizes: Sequence[int],
    change_vsize: int,
    dust_limit: int,
) -> Selection:
    picked: list[Coin] = []
    total = 0
    in_vsize = 0
    for coin in sorted(coins, key=lambda c: c.value, reverse=True):
        picked.append(coin)
        total += coin.value
        in_vsize += coin.input_vsize
        fee_with_change = ceil(tx_vsize(in_vsize, [*output_vsizes, change_vsize]) * feerate)
        change = total - amount - fee_with_change
        if change >= dust_limit:
            return Selection(tuple(picked), change, fee_with_change)
        fee_without = ceil(tx_vsize(in_vsize, output_vsizes) * feerate)
        if total - amount >= fee_without:
            # change would be dust: give the remainder to the fee instead
            return Selection(tuple(picked), 0, total - amount)
    available = sum(c.value for c in coins)
    raise InsufficientFunds(
        Sentence("not enough funds: %1 sat plus fees needed, %2 sat spendable", amount, available)
    )


def select_all(coins: Sequence[Coin], feerate: float, output_vsize: int) -> Selection:
    """Send-max: spend every coin worth spending into one output, no change."""
    usable = [c for c in coins if c.effective_value(feerate) > 0]
    if not usable:
        raise InsufficientFunds("no coins worth spending at this fee rate")
    in_vsize = sum(c.input_vsize for c in usable)
    fee = ceil(tx_vsize(in_vsize, [output_vsize]) * feerate)
    total = sum(c.value for c in usable)
    if total - fee < DUST_LIMIT_P2WPKH:
        raise InsufficientFunds(Sentence("after a fee of %1 sat nothing worth sending is left", fee))
    return Selection(tuple(usable), 0, fee)
