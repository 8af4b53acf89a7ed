"""The client side of LSPS2 (bLIP-52): ask an LSP for its fee menu, buy a JIT channel, and
remember what was bought (the scid, the LSP, the fee agreed) for the invoice and for
checking the channel and the HTLC the LSP will bring. Every answer goes through the pure
checks of `wallet.lsp.lsps2`; a refusal is one sentence (`Lsps2Error`, `Lsps0Error`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from wallet.ln.shell.lsps0 import Lsps0, Lsps0Error, parse_protocols
from wallet.lsp import lsps2
from wallet.lsp.jsonrpc import RpcError
from wallet.sentence import Sentence
from wallet.untrusted_text import quote_untrusted

#: bought channels kept (the newest); older ones are forgotten
MAX_BOUGHT = 50

_BUY_ERRORS = {
    lsps2.INVALID_OPENING_FEE_PARAMS: Sentence("the LSP says its fee offer is no longer valid"),
    lsps2.PAYMENT_SIZE_TOO_SMALL: Sentence("the LSP says the amount is too small for a new "
                                           "channel"),
    lsps2.PAYMENT_SIZE_TOO_LARGE: Sentence("the LSP says the amount is too large for a new "
                                           "channel"),
    1: Sentence("the LSP refused to serve this wallet"),
}


def _say(e: RpcError, what: str) -> lsps2.Lsps2Error:
    known = _BUY_ERRORS.get(e.code)
    if known is None:
        return lsps2.Lsps2Error(Sentence("the LSP could not answer %1 (error %2)", what, e.code))
    reason = e.data.get("message") if isinstance(e.data, dict) else None
    if e.code == 1 and isinstance(reason, str) and reason:  # LSPS0 client_rejected's why
        return lsps2.Lsps2Error(Sentence("%1: %2", known, quote_untrusted(reason)))
    return lsps2.Lsps2Error(known)


class Lsps2Client:
    def __init__(self, lsps0: Lsps0) -> None:
        self.lsps0 = lsps0
        self.bought: dict[int, lsps2.JitChannel] = {}

    async def protocols(self, lsp_id: bytes) -> list[int]:
        try:
            return parse_protocols(await self.lsps0.request(lsp_id, "lsps0.list_protocols", {}))
        except RpcError as e:
            raise Lsps0Error(Sentence("the LSP could not list its protocols (error %1)", e.code)) from None

    async def get_info(self, lsp_id: bytes) -> list[lsps2.OpeningFeeParams]:
        try:
            result = await self.lsps0.request(lsp_id, "lsps2.get_info", {})
        except RpcError as e:
            raise _say(e, "lsps2.get_info") from None
        return lsps2.parse_menu(result)

    async def buy(self, lsp_id: bytes, params: lsps2.OpeningFeeParams,
                  payment_size_msat: int | None) -> lsps2.JitChannel:
        try:
            result = await self.lsps0.request(lsp_id, "lsps2.buy",
                                              lsps2.buy_params(params, payment_size_msat))
        except RpcError as e:
            raise _say(e, "lsps2.buy") from None
        jit = lsps2.parse_buy_result(result, lsp_id, params, payment_size_msat)
        if jit.client_trusts_lsp:
            raise lsps2.Lsps2Error("the LSP asks to be trusted with an unbroadcast funding "
                                   "transaction; Kite does not accept that")
        self.bought[jit.jit_channel_scid] = jit
        while len(self.bought) > MAX_BOUGHT:
            del self.bought[next(iter(self.bought))]
        return jit

    async def quote(self, lsp_id: bytes, payment_size_msat: int | None,
                    invoice_expiry: int) -> tuple[lsps2.OpeningFeeParams, int | None]:
        """The cheapest usable offer for this amount, valid for the invoice's life (at
        least 5 minutes), and its fee (None for a variable amount)."""
        menu = await self.get_info(lsp_id)
        now = datetime.now(UTC)
        params = lsps2.choose(menu, payment_size_msat, now,
                              timedelta(seconds=min(invoice_expiry, 300)))
        fee = None if payment_size_msat is None else params.fee_for(payment_size_msat)
        return params, fee
