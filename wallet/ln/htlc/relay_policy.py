"""What we charge to relay an HTLC (base fee, proportional fee, CLTV delta): one type for the
policy our channel_update announces, our invoices' route hints advertise, and the relay role
(plain and trampoline) checks. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from wallet.sentence import Sentence


class RelayPolicyError(ValueError):
    """A forwarding policy value is out of range."""


@dataclass(frozen=True)
class RelayPolicy:
    """What we charge to relay: base + proportional fee, and the blocks we keep between the
    incoming and the outgoing HTLC's expiry (to settle upstream if downstream goes on-chain)."""

    fee_base_msat: int = 1_000
    fee_proportional_millionths: int = 100
    cltv_expiry_delta: int = 144

    def __post_init__(self) -> None:
        for name, value, top in (("fee_base_msat", self.fee_base_msat, 1 << 32),
                                 ("fee_proportional_millionths",
                                  self.fee_proportional_millionths, 1 << 32),
                                 ("cltv_expiry_delta", self.cltv_expiry_delta, 1 << 16)):
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < top:
                raise RelayPolicyError(Sentence("%1 must be a whole number from 0 to %2", name, top - 1))

    def fee_msat(self, amount_msat: int) -> int:
        return self.fee_base_msat + amount_msat * self.fee_proportional_millionths // 1_000_000

    @classmethod
    def parse(cls, text: str) -> RelayPolicy:
        """"1" (the defaults) or "BASE_MSAT,PPM[,CLTV_DELTA]" (how `kite daemon --trampoline` takes it)."""
        text = text.strip()
        if text in ("1", "yes", "on", "true"):
            return cls()
        parts = text.split(",")
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            raise RelayPolicyError(Sentence("forwarding policy %1: give BASE_MSAT,PPM[,CLTV_DELTA] as whole numbers", repr(text))) from None
        if len(numbers) not in (2, 3):
            raise RelayPolicyError(Sentence("forwarding policy %1: give BASE_MSAT,PPM[,CLTV_DELTA]", repr(text)))
        return cls(*numbers)


# -- what we know of our channels ----------------------------------------------------------


#: the plain-relay policy we announce in channel_update, put in our invoices' route hints
#: (until the peer's own channel_update tells its policy) and charge for a plain relay
DEFAULT_RELAY = RelayPolicy(1_000, 100, 144)
