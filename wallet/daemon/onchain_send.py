"""The wallet's on-chain payments, one set of rules for every payer: `kite send`
(`NodeService.send`) and an LSPS1 order paid on-chain (`ChannelPurchase`).

`price` builds and signs the payment without broadcasting it: the fee rate given, else the
servers' estimate; the reserve open anchor channels need is kept ("max" sends everything
but it, an amount that would eat into it is `ReserveShort`); `high_fee` says why the fee
needs the user's yes (`confirm_fee` refuses it without). `same_fee` refuses a payment whose
fee is not the one the user was shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wallet.chain.fee_estimates import high_fee_reason
from wallet.chain.node import ChainNode
from wallet.errors import InputError
from wallet.ln.channel import anchor_reserve
from wallet.onchain.spend import SignedTx
from wallet.sentence import Sentence
from wallet.untrusted_text import quote_untrusted

SYNC_WAIT = 60.0


def feerate_param(value: Any) -> float | None:
    """A fee rate parameter (sat/vB, 1 to 10,000; None: the servers' estimate)."""
    if value is None:
        return None
    try:
        rate = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            Sentence("fee rate %1 is not a number (sat/vB)", repr(quote_untrusted(value, 40)))
        ) from None
    if not 1.0 <= rate <= 10_000:
        raise InputError("fee rate must be between 1 and 10000 sat/vB")
    return rate


class ReserveShort(InputError):
    """A payment or an open would leave less on-chain than anchor channels need."""


class HighFeeNotConfirmed(InputError):
    """A send whose fee is above the warning threshold was not confirmed by the user."""


class FeeChanged(InputError):
    """The transaction built now would pay another fee than the one the user was shown."""


@dataclass(frozen=True)
class Priced:
    """A payment built and signed, not broadcast: `rate` asked (sat/vB), `high_fee` why the
    fee needs a confirmation (None: it does not)."""

    signed: SignedTx
    rate: float
    high_fee: str | None

    def to_dict(self) -> dict[str, Any]:
        s = self.signed
        return {"txid": s.txid, "fee_sat": s.fee, "amount_sat": s.amount, "vsize": s.vsize,
                "feerate": round(s.fee / s.vsize, 2), "high_fee": self.high_fee,
                "target_feerate": self.rate}


def same_fee(signed: SignedTx, expected: Any) -> None:
    """FeeChanged unless `signed` pays `expected` sat of fee (None: nothing was shown)."""
    if expected is None:
        return
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise InputError("the expected fee must be a whole number of sat")
    if signed.fee != expected:
        raise FeeChanged(Sentence("Not sent: the fee would now be %1 sat, not the %2 sat shown; check it again.", format(signed.fee, ","), format(expected, ",")))


def confirm_fee(priced: Priced, confirmed: Any) -> None:
    """HighFeeNotConfirmed when the fee needs the user's yes and did not get it."""
    if priced.high_fee is not None and confirmed is not True:
        raise HighFeeNotConfirmed(
            Sentence("Not sent: %1; check the fee and confirm it to send.", priced.high_fee))


class OnchainSend:
    def __init__(self, chain: ChainNode, reserve_sat: Callable[[], int]) -> None:
        """`reserve_sat()`: what the open anchor channels need kept on-chain, asked at
        each payment."""
        self.chain = chain
        self.reserve_sat = reserve_sat

    async def price(self, script: bytes, amount_sat: int | None, rate: float | None,
                    wait: float = SYNC_WAIT) -> Priced:
        """`amount_sat` (None: everything but the reserve) to `script` at `rate` (None: the
        servers' estimate), built and signed, nothing broadcast."""
        await self.chain.wait_synced(min(float(wait), SYNC_WAIT))
        if rate is None:
            rate = await self.chain.fee_rate()
        signed = await self._keeping_reserve(script, amount_sat, rate)
        return Priced(signed, rate, high_fee_reason(signed.fee, signed.amount, rate))

    async def broadcast(self, raw: bytes) -> str:
        """Broadcast a transaction `price` built (or the same one again)."""
        return await self.chain.broadcast_raw(raw)

    def confirmations(self, txid: str) -> int | None:
        """How deep our transaction `txid` is (0: unconfirmed); None when the wallet does
        not know it."""
        wtx = self.chain.ledger.get(txid)
        return None if wtx is None else self.chain.confirmations(wtx.height)

    def spendable_sat(self) -> int:
        """What a payment can spend now, the anchor reserve left aside."""
        total = self.chain.spender.spendable_total(self.chain.tip_height)
        return max(0, total - self.reserve_sat())

    async def _keeping_reserve(self, script: bytes, amount_sat: int | None,
                               rate: float) -> SignedTx:
        """The send, priced, leaving the on-chain reserve open anchor channels need: "max"
        sends everything but the reserve; an amount that would eat into it is refused
        with one sentence (ReserveShort)."""
        chain = self.chain
        signed = await chain.prepare_send(script, amount_sat, rate)
        reserve = self.reserve_sat()
        if reserve == 0:
            return signed
        spendable = chain.spender.spendable_total(chain.tip_height)
        if amount_sat is None:  # everything but the reserve (the change output pays too)
            amount = signed.amount - reserve
            for _ in range(3):
                if amount <= 0:
                    break
                signed = await chain.prepare_send(script, amount, rate)
                short = anchor_reserve.after_send(spendable, signed.amount, signed.fee,
                                                  reserve).short_sat
                if short == 0:
                    return signed
                amount -= short
            raise ReserveShort(
                Sentence("Nothing can be sent: your anchor channels need %1 sat kept on-chain to pay the fees of a force close, and the wallet has %2 sat.", reserve, spendable))
        check = anchor_reserve.after_send(spendable, signed.amount, signed.fee, reserve)
        reason = anchor_reserve.send_refusal(check, signed.amount)
        if reason is not None:
            raise ReserveShort(reason)
        return signed
