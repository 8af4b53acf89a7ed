"""LSPS1 (bLIP-51): buying a channel in advance. Pure: the LSP's options, the order request,
the order (its payment options and channel), and the checks each side makes.

Why each rule:
- Every field an LSP sends is read strictly (type, range, length) and a lie is one sentence
  (`Lsps1Error` names the field): the client is about to pay this LSP, so an order that does
  not repeat what was asked, whose totals do not add up, or whose states contradict each
  other is refused before anything is paid.
- A client asks for inbound capacity only: `client_balance_sat` 0, a private channel, the
  LSP's own confirmation depth or more (Kite takes no zero-conf channel it did not agree to).
- The LSP checks every request field (-32602 with `property`) and the options (100,
  `option_mismatch` with the option's name) before anything is stored.
- Sizes are capped: the order id (64 characters, bLIP-51), the invoice (2,048), addresses,
  tokens; amounts are LSPS0.sat strings of at most 20 digits that fit 64 bits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from wallet.errors import InputError
from wallet.lsp.jsonrpc import INVALID_PARAMS, RpcError
from wallet.lsp.lsps2 import format_datetime, parse_datetime
from wallet.networks import Network
from wallet.onchain.addresses import AddressError, address_to_script
from wallet.sentence import Sentence

U64 = (1 << 64) - 1
U16 = 0xFFFF
U32 = 0xFFFFFFFF
MAX_ORDER_ID = 64
MAX_INVOICE_CHARS = 2048
MAX_ADDRESS_CHARS = 100
MAX_TOKEN_CHARS = 256
#: the deepest confirmation count we accept an LSP to ask for (a day of blocks)
MAX_CONFIRMATIONS = 144

OPTION_MISMATCH = 100
ORDER_NOT_FOUND = 101
UNRECOGNIZED_OR_STALE_TOKEN = 102

CREATED, COMPLETED, FAILED = "CREATED", "COMPLETED", "FAILED"
ORDER_STATES = (CREATED, COMPLETED, FAILED)
EXPECT_PAYMENT, HOLD, PAID, REFUNDED, CANCELLED = (
    "EXPECT_PAYMENT", "HOLD", "PAID", "REFUNDED", "CANCELLED")
BOLT11_STATES = (EXPECT_PAYMENT, HOLD, PAID, REFUNDED, CANCELLED)
ONCHAIN_STATES = (EXPECT_PAYMENT, PAID, REFUNDED)

OPTION_FIELDS = ("min_required_channel_confirmations", "min_funding_confirms_within_blocks",
                 "supports_zero_channel_reserve", "max_channel_expiry_blocks",
                 "min_initial_client_balance_sat", "max_initial_client_balance_sat",
                 "min_initial_lsp_balance_sat", "max_initial_lsp_balance_sat",
                 "min_channel_balance_sat", "max_channel_balance_sat")
REQUEST_FIELDS = ("lsp_balance_sat", "client_balance_sat", "required_channel_confirmations",
                  "funding_confirms_within_blocks", "channel_expiry_blocks", "token",
                  "refund_onchain_address", "announce_channel")


class Lsps1Error(InputError):
    """An LSP's LSPS1 answer we cannot use, or an order we will not pay; says why."""


# -- field readers ------------------------------------------------------------------------------


def sat(obj: dict[str, Any], name: str, err: type[Exception] = Lsps1Error) -> int:
    """An LSPS0.sat: a decimal string of at most 20 digits that fits in 64 bits."""
    value = obj.get(name)
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() \
            or len(value) > 20 or (len(value) > 1 and value[0] == "0"):
        raise err(Sentence("%1 must be a decimal string of satoshis", name))
    number = int(value)
    if number > U64:
        raise err(Sentence("%1 does not fit in 64 bits", name))
    return number


def uint(obj: dict[str, Any], name: str, limit: int, err: type[Exception] = Lsps1Error) -> int:
    value = obj.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise err(Sentence("%1 must be an integer from 0 to %2", name, limit))
    return value


def flag(obj: dict[str, Any], name: str, err: type[Exception] = Lsps1Error) -> bool:
    value = obj.get(name)
    if not isinstance(value, bool):
        raise err(Sentence("%1 must be true or false", name))
    return value


def text(obj: dict[str, Any], name: str, limit: int, err: type[Exception] = Lsps1Error) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or len(value) > limit:
        raise err(Sentence("%1 must be text of at most %2 characters", name, limit))
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
        raise err(Sentence("%1 has control characters", name))
    return value


def when(obj: dict[str, Any], name: str) -> datetime:
    try:
        return parse_datetime(obj.get(name), name)
    except InputError as e:
        raise Lsps1Error(str(e)) from None


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Lsps1Error(Sentence("%1 is not an object", what))
    return value


# -- lsps1.get_info -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What an LSP sells (`lsps1.get_info`)."""

    min_required_channel_confirmations: int
    min_funding_confirms_within_blocks: int
    supports_zero_channel_reserve: bool
    max_channel_expiry_blocks: int
    min_initial_client_balance_sat: int
    max_initial_client_balance_sat: int
    min_initial_lsp_balance_sat: int
    max_initial_lsp_balance_sat: int
    min_channel_balance_sat: int
    max_channel_balance_sat: int

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in OPTION_FIELDS:
            value = getattr(self, name)
            out[name] = str(value) if name.endswith("_sat") else value
        return out


def parse_options(result: Any) -> Options:
    """The client's check of `lsps1.get_info` (bLIP-51; older LSPs nest it in `options`)."""
    obj = _object(result, "lsps1.get_info's answer")
    if "options" in obj and isinstance(obj["options"], dict):
        obj = obj["options"]
    missing = [f for f in OPTION_FIELDS if f not in obj]
    if missing:
        raise Lsps1Error(Sentence("the LSP's options lack %1", missing[0]))
    values: dict[str, Any] = {}
    for name in OPTION_FIELDS:
        if name.endswith("_sat"):
            values[name] = sat(obj, name)
        elif name == "supports_zero_channel_reserve":
            values[name] = flag(obj, name)
        elif name == "max_channel_expiry_blocks":
            values[name] = uint(obj, name, U32)
        else:
            values[name] = uint(obj, name, U16)
    options = Options(**values)
    if options.min_funding_confirms_within_blocks < 1:
        raise Lsps1Error("min_funding_confirms_within_blocks must be 1 or more")
    if options.max_channel_expiry_blocks < 1:
        raise Lsps1Error("max_channel_expiry_blocks must be 1 or more")
    for low, high in (("min_initial_client_balance_sat", "max_initial_client_balance_sat"),
                      ("min_initial_lsp_balance_sat", "max_initial_lsp_balance_sat"),
                      ("min_channel_balance_sat", "max_channel_balance_sat")):
        if getattr(options, low) > getattr(options, high):
            raise Lsps1Error(Sentence("%1 is above %2", low, high))
    return options


# -- lsps1.create_order: the request ------------------------------------------------------------


@dataclass(frozen=True)
class OrderRequest:
    lsp_balance_sat: int
    client_balance_sat: int
    required_channel_confirmations: int
    funding_confirms_within_blocks: int
    channel_expiry_blocks: int
    token: str = ""
    refund_onchain_address: str | None = None
    announce_channel: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "lsp_balance_sat": str(self.lsp_balance_sat),
            "client_balance_sat": str(self.client_balance_sat),
            "required_channel_confirmations": self.required_channel_confirmations,
            "funding_confirms_within_blocks": self.funding_confirms_within_blocks,
            "channel_expiry_blocks": self.channel_expiry_blocks,
            "token": self.token, "announce_channel": self.announce_channel}
        if self.refund_onchain_address is not None:
            out["refund_onchain_address"] = self.refund_onchain_address
        return out


def inbound_request(options: Options, lsp_balance_sat: int, *, refund_address: str | None,
                    expiry_blocks: int | None = None) -> OrderRequest:
    """What Kite asks for: `lsp_balance_sat` of inbound capacity, nothing of ours in the
    channel, private, confirmed the normal way (never zero-conf), within the options
    (Lsps1Error says which bound the amount breaks)."""
    if lsp_balance_sat < max(1, options.min_initial_lsp_balance_sat, options.min_channel_balance_sat):
        raise Lsps1Error(Sentence("the LSP sells at least %1 sat", format(max(options.min_initial_lsp_balance_sat, options.min_channel_balance_sat, 1), ',')))
    if lsp_balance_sat > min(options.max_initial_lsp_balance_sat, options.max_channel_balance_sat):
        raise Lsps1Error(Sentence("the LSP sells at most %1 sat", format(min(options.max_initial_lsp_balance_sat, options.max_channel_balance_sat), ',')))
    if options.min_initial_client_balance_sat > 0:
        raise Lsps1Error("the LSP sells only channels the buyer puts funds in too")
    expiry = options.max_channel_expiry_blocks if expiry_blocks is None else expiry_blocks
    if not 1 <= expiry <= options.max_channel_expiry_blocks:
        raise Lsps1Error(Sentence("the LSP leases channels for at most %1 blocks", options.max_channel_expiry_blocks))
    return OrderRequest(
        lsp_balance_sat=lsp_balance_sat, client_balance_sat=0,
        required_channel_confirmations=max(1, options.min_required_channel_confirmations),
        funding_confirms_within_blocks=options.min_funding_confirms_within_blocks,
        channel_expiry_blocks=expiry, refund_onchain_address=refund_address)


def _invalid(prop: str, message: str) -> RpcError:
    return RpcError(INVALID_PARAMS, "Invalid params", {"property": prop, "message": message})


def _mismatch(prop: str, message: str) -> RpcError:
    return RpcError(OPTION_MISMATCH, "Option mismatch", {"property": prop, "message": message})


class _Invalid(Exception):
    pass


def check_request(params: dict[str, Any], options: Options,
                  network: Network | None = None) -> OrderRequest:
    """The LSP's check of `lsps1.create_order`: each field (-32602 naming it; the refund
    address must be one of `network`'s when given), then the options (100 naming the
    option)."""
    values: dict[str, Any] = {}
    for name in REQUEST_FIELDS:
        if name not in params and name not in ("token", "refund_onchain_address"):
            raise _invalid(name, "missing")
        try:
            if name in ("lsp_balance_sat", "client_balance_sat"):
                values[name] = sat(params, name, _Invalid)
            elif name in ("required_channel_confirmations", "funding_confirms_within_blocks"):
                values[name] = uint(params, name, U16, _Invalid)
            elif name == "channel_expiry_blocks":
                values[name] = uint(params, name, U32, _Invalid)
            elif name == "announce_channel":
                values[name] = flag(params, name, _Invalid)
            elif name == "token":
                values[name] = text(params, name, MAX_TOKEN_CHARS, _Invalid) if name in params else ""
            elif name in params:
                address = text(params, name, MAX_ADDRESS_CHARS, _Invalid)
                if not address:
                    raise _Invalid("refund_onchain_address is empty")
                if network is not None:
                    try:
                        address_to_script(address, network)
                    except AddressError as e:
                        raise _Invalid(str(e)) from None
                values[name] = address
        except _Invalid as e:
            raise _invalid(name, str(e)) from None
    request = OrderRequest(**values)
    o = options
    if request.lsp_balance_sat < 1:
        raise _invalid("lsp_balance_sat", "must be 1 or more")
    if request.channel_expiry_blocks < 1:
        raise _invalid("channel_expiry_blocks", "must be 1 or more")
    checks = (
        (request.lsp_balance_sat < o.min_initial_lsp_balance_sat, "min_initial_lsp_balance_sat"),
        (request.lsp_balance_sat > o.max_initial_lsp_balance_sat, "max_initial_lsp_balance_sat"),
        (request.client_balance_sat < o.min_initial_client_balance_sat,
         "min_initial_client_balance_sat"),
        (request.client_balance_sat > o.max_initial_client_balance_sat,
         "max_initial_client_balance_sat"),
        (request.lsp_balance_sat + request.client_balance_sat < o.min_channel_balance_sat,
         "min_channel_balance_sat"),
        (request.lsp_balance_sat + request.client_balance_sat > o.max_channel_balance_sat,
         "max_channel_balance_sat"),
        (request.required_channel_confirmations < o.min_required_channel_confirmations,
         "min_required_channel_confirmations"),
        (request.funding_confirms_within_blocks < o.min_funding_confirms_within_blocks,
         "min_funding_confirms_within_blocks"),
        (request.channel_expiry_blocks > o.max_channel_expiry_blocks, "max_channel_expiry_blocks"),
    )
    for broken, option in checks:
        if broken:
            raise _mismatch(option, f"the order does not match {option}")
    if request.announce_channel:  # a Kite LSP opens private channels only
        raise _invalid("announce_channel", "only private channels are sold")
    return request


# -- the order ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bolt11Payment:
    state: str
    expires_at: datetime
    fee_total_sat: int
    order_total_sat: int
    invoice: str

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state, "expires_at": format_datetime(self.expires_at),
                "fee_total_sat": str(self.fee_total_sat),
                "order_total_sat": str(self.order_total_sat), "invoice": self.invoice}


@dataclass(frozen=True)
class OnchainPayment:
    state: str
    expires_at: datetime
    fee_total_sat: int
    order_total_sat: int
    address: str
    min_onchain_payment_confirmations: int
    min_fee_for_0conf: int | None
    refund_onchain_address: str | None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "state": self.state, "expires_at": format_datetime(self.expires_at),
            "fee_total_sat": str(self.fee_total_sat),
            "order_total_sat": str(self.order_total_sat), "address": self.address,
            "min_onchain_payment_confirmations": self.min_onchain_payment_confirmations,
            "min_fee_for_0conf": self.min_fee_for_0conf}
        if self.refund_onchain_address is not None:
            out["refund_onchain_address"] = self.refund_onchain_address
        return out


@dataclass(frozen=True)
class ChannelInfo:
    funded_at: datetime
    funding_outpoint: tuple[str, int]
    expires_at: datetime

    def to_json(self) -> dict[str, Any]:
        txid, index = self.funding_outpoint
        return {"funded_at": format_datetime(self.funded_at),
                "funding_outpoint": f"{txid}:{index}",
                "expires_at": format_datetime(self.expires_at)}


@dataclass(frozen=True)
class Order:
    order_id: str
    request: OrderRequest
    created_at: datetime
    order_state: str
    bolt11: Bolt11Payment | None
    onchain: OnchainPayment | None
    channel: ChannelInfo | None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_json(self) -> dict[str, Any]:
        out = self.request.to_json()
        out.pop("refund_onchain_address", None)
        payment: dict[str, Any] = {}
        if self.bolt11 is not None:
            payment["bolt11"] = self.bolt11.to_json()
        if self.onchain is not None:
            payment["onchain"] = self.onchain.to_json()
        return {"order_id": self.order_id, **out,
                "created_at": format_datetime(self.created_at),
                "order_state": self.order_state, "payment": payment,
                "channel": None if self.channel is None else self.channel.to_json()}

    def with_states(self, order_state: str, payment_state: str | None = None,
                    channel: ChannelInfo | None = None, *,
                    onchain_state: str | None = None) -> Order:
        """The order with these states: `payment_state` of the Lightning payment,
        `onchain_state` of the on-chain one (None: unchanged)."""
        bolt11, onchain = self.bolt11, self.onchain
        if payment_state is not None:
            assert bolt11 is not None
            bolt11 = replace(bolt11, state=payment_state)
        if onchain_state is not None:
            assert onchain is not None
            onchain = replace(onchain, state=onchain_state)
        return replace(self, order_state=order_state, channel=channel or self.channel,
                       bolt11=bolt11, onchain=onchain)

    @property
    def paid_onchain(self) -> bool:
        return self.onchain is not None and self.onchain.state == PAID


_ORDER_ID = re.compile(r"[A-Za-z0-9_\-.:]{1,64}")
_OUTPOINT = re.compile(r"([0-9a-f]{64}):(\d{1,5})")


def _fees(obj: dict[str, Any], what: str) -> tuple[datetime, int, int]:
    expires = when(obj, "expires_at")
    fee, total = sat(obj, "fee_total_sat"), sat(obj, "order_total_sat")
    return expires, fee, total


def _bolt11(value: Any) -> Bolt11Payment:
    obj = _object(value, "payment.bolt11")
    state = obj.get("state")
    if state not in BOLT11_STATES:
        raise Lsps1Error("payment.bolt11.state is not a bLIP-51 payment state")
    expires, fee, total = _fees(obj, "bolt11")
    invoice = text(obj, "invoice", MAX_INVOICE_CHARS)
    return Bolt11Payment(state, expires, fee, total, invoice)


def _onchain(value: Any) -> OnchainPayment:
    obj = _object(value, "payment.onchain")
    state = obj.get("state")
    if state not in ONCHAIN_STATES:
        raise Lsps1Error("payment.onchain.state is not a bLIP-51 payment state")
    expires, fee, total = _fees(obj, "onchain")
    address = text(obj, "address", MAX_ADDRESS_CHARS)
    confs = uint(obj, "min_onchain_payment_confirmations", U16)
    fee0 = obj.get("min_fee_for_0conf")
    if fee0 is not None:
        fee0 = uint(obj, "min_fee_for_0conf", U32)
    refund = (text(obj, "refund_onchain_address", MAX_ADDRESS_CHARS)
              if obj.get("refund_onchain_address") is not None else None)
    return OnchainPayment(state, expires, fee, total, address, confs, fee0, refund)


def _channel(value: Any) -> ChannelInfo | None:
    if value is None:
        return None
    obj = _object(value, "channel")
    outpoint = obj.get("funding_outpoint")
    m = _OUTPOINT.fullmatch(outpoint) if isinstance(outpoint, str) else None
    if m is None or int(m.group(2)) > U16:
        raise Lsps1Error("channel.funding_outpoint is not TXID:INDEX")
    return ChannelInfo(when(obj, "funded_at"), (m.group(1), int(m.group(2))),
                       when(obj, "expires_at"))


def parse_order(result: Any) -> Order:
    """The client's reading of a `lsps1.create_order` / `lsps1.get_order` answer, each field
    checked (unknown payment options ignored, as bLIP-51 says)."""
    obj = _object(result, "lsps1.get_order's answer")
    order_id = obj.get("order_id")
    if not isinstance(order_id, str) or _ORDER_ID.fullmatch(order_id) is None:
        raise Lsps1Error(Sentence("order_id must be 1 to %1 characters of A-Z, a-z, 0-9, - _ . :", MAX_ORDER_ID))
    token = obj.get("token", "")
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS:
        raise Lsps1Error("token must be text")
    request = OrderRequest(
        lsp_balance_sat=sat(obj, "lsp_balance_sat"),
        client_balance_sat=sat(obj, "client_balance_sat"),
        required_channel_confirmations=uint(obj, "required_channel_confirmations", U16),
        funding_confirms_within_blocks=uint(obj, "funding_confirms_within_blocks", U16),
        channel_expiry_blocks=uint(obj, "channel_expiry_blocks", U32),
        token=token, announce_channel=flag(obj, "announce_channel"))
    state = obj.get("order_state")
    if state not in ORDER_STATES:
        raise Lsps1Error("order_state is not CREATED, COMPLETED or FAILED")
    payment = _object(obj.get("payment"), "payment")
    bolt11 = _bolt11(payment["bolt11"]) if "bolt11" in payment else None
    onchain = _onchain(payment["onchain"]) if "onchain" in payment else None
    if "channel" not in obj:
        raise Lsps1Error("the order lacks channel (null before the funding is published)")
    return Order(order_id, request, when(obj, "created_at"), state, bolt11, onchain,
                 _channel(obj["channel"]))


# -- the client's checks --------------------------------------------------------------------------


def check_new_order(order: Order, asked: OrderRequest, now: datetime,
                    max_fee_sat: int | None = None,
                    network: Network | None = None) -> Bolt11Payment | None:
    """The order an LSP created for `asked`: it repeats the request, is CREATED with no
    channel, and offers a payment Kite can make (Lightning, or on-chain when we gave a
    refund address), each checked (`check_bolt11_option`, `check_onchain_option`: the
    latter needs `network` to read the address). Returns the Lightning payment (None when
    the LSP offers only on-chain)."""
    mirror = replace(asked, refund_onchain_address=None)
    if order.request != mirror:
        for name in REQUEST_FIELDS:
            if getattr(order.request, name) != getattr(mirror, name):
                raise Lsps1Error(Sentence("the order's %1 is not what was asked", name))
    if order.order_state != CREATED or order.channel is not None:
        raise Lsps1Error("a new order must be CREATED with no channel yet")
    if order.bolt11 is None and order.onchain is None:
        raise Lsps1Error("the LSP offers no payment Kite can make for this order")
    if order.bolt11 is not None:
        check_bolt11_option(order.bolt11, order.request, now, max_fee_sat)
    if order.onchain is not None:
        if asked.refund_onchain_address is None:
            raise Lsps1Error("the LSP offers an on-chain payment with no refund address given")
        check_onchain_option(order.onchain, order.request, now, max_fee_sat, network,
                             asked.refund_onchain_address)
    return order.bolt11


def check_bolt11_option(b: Bolt11Payment, request: OrderRequest, now: datetime,
                        max_fee_sat: int | None) -> None:
    if b.state != EXPECT_PAYMENT:
        raise Lsps1Error("a new order's payment must be EXPECT_PAYMENT")
    if b.expires_at <= now:
        raise Lsps1Error("the order's payment has already expired")
    if b.order_total_sat != b.fee_total_sat + request.client_balance_sat:
        raise Lsps1Error("the order's total is not its fee plus the client balance")
    if max_fee_sat is not None and b.fee_total_sat > max_fee_sat:
        raise Lsps1Error(Sentence("the LSP asks %1 sat, above the %2 sat accepted", format(b.fee_total_sat, ','), format(max_fee_sat, ',')))


def check_onchain_option(o: OnchainPayment, request: OrderRequest, now: datetime,
                         max_fee_sat: int | None, network: Network | None,
                         refund_address: str) -> None:
    """The on-chain way to pay a new order: expecting payment, unexpired, its total the fee
    plus our balance, the fee within `max_fee_sat`, an address of our network (checked when
    `network` is given), our refund address mirrored if named, and no zero-conf fee rate
    beside a confirmation count (bLIP-51), at most `MAX_CONFIRMATIONS` asked."""
    if o.state != EXPECT_PAYMENT:
        raise Lsps1Error("a new order's on-chain payment must be EXPECT_PAYMENT")
    if o.expires_at <= now:
        raise Lsps1Error("the order's on-chain payment has already expired")
    if o.order_total_sat != o.fee_total_sat + request.client_balance_sat:
        raise Lsps1Error("the on-chain total is not its fee plus the client balance")
    if o.order_total_sat < 1:
        raise Lsps1Error("the on-chain total must be 1 sat or more")
    if max_fee_sat is not None and o.fee_total_sat > max_fee_sat:
        raise Lsps1Error(Sentence("the LSP asks %1 sat on-chain, above the %2 sat accepted", format(o.fee_total_sat, ','), format(max_fee_sat, ',')))
    if o.min_onchain_payment_confirmations > MAX_CONFIRMATIONS:
        raise Lsps1Error(Sentence("the LSP wants the payment %1 blocks deep, more than %2", o.min_onchain_payment_confirmations, MAX_CONFIRMATIONS))
    if o.min_onchain_payment_confirmations > 0 and o.min_fee_for_0conf is not None:
        raise Lsps1Error("min_fee_for_0conf must be absent when confirmations are required")
    if o.refund_onchain_address is not None and o.refund_onchain_address != refund_address:
        raise Lsps1Error("the order's refund address is not the one given")
    if network is not None:
        try:
            address_to_script(o.address, network)
        except AddressError as e:
            raise Lsps1Error(Sentence("the order's payment address cannot be paid: %1", e)) from None


def check_invoice(payment: Bolt11Payment, invoice_amount_msat: int | None,
                  invoice_payee: bytes, lsp_id: bytes, invoice_expired: bool) -> None:
    """The order's invoice asks exactly `order_total_sat` and pays the LSP itself."""
    if invoice_amount_msat is None:
        raise Lsps1Error("the order's invoice has no amount")
    if invoice_amount_msat != payment.order_total_sat * 1000:
        raise Lsps1Error(Sentence("the order's invoice asks %1 msat, not the order's total of %2 sat", invoice_amount_msat, format(payment.order_total_sat, ',')))
    if invoice_payee != lsp_id:
        raise Lsps1Error("the order's invoice pays another node than the LSP")
    if invoice_expired:
        raise Lsps1Error("the order's invoice has expired")


_BOLT11_NEXT = {EXPECT_PAYMENT: {EXPECT_PAYMENT, HOLD, PAID, REFUNDED, CANCELLED},
                HOLD: {HOLD, PAID, REFUNDED, CANCELLED},
                PAID: {PAID}, REFUNDED: {REFUNDED, CANCELLED}, CANCELLED: {CANCELLED, REFUNDED}}
#: an on-chain payment may be refunded after it was PAID (the channel open failed)
_ONCHAIN_NEXT = {EXPECT_PAYMENT: {EXPECT_PAYMENT, PAID, REFUNDED}, PAID: {PAID, REFUNDED},
                 REFUNDED: {REFUNDED}}


def check_update(old: Order, new: Order) -> None:
    """`lsps1.get_order` again: the same order (id, terms, fees, invoice, address), its
    states moved only forward and consistent with each other."""
    if new.order_id != old.order_id:
        raise Lsps1Error("the LSP answered with another order")
    if new.request != old.request or new.created_at != old.created_at:
        raise Lsps1Error("the LSP changed the order's terms")
    if (old.bolt11 is None) != (new.bolt11 is None):
        raise Lsps1Error("the LSP dropped or added the order's Lightning payment")
    if (old.onchain is None) != (new.onchain is None):
        raise Lsps1Error("the LSP dropped or added the order's on-chain payment")
    if old.bolt11 is not None and new.bolt11 is not None:
        a, b = old.bolt11, new.bolt11
        if (a.fee_total_sat, a.order_total_sat, a.invoice) != (b.fee_total_sat, b.order_total_sat,
                                                               b.invoice):
            raise Lsps1Error("the LSP changed the order's fee or invoice")
        if b.state not in _BOLT11_NEXT[a.state]:
            raise Lsps1Error(Sentence("the order's payment went from %1 back to %2", a.state, b.state))
    if old.onchain is not None and new.onchain is not None:
        c, d = old.onchain, new.onchain
        if replace(c, state=d.state) != d:
            raise Lsps1Error("the LSP changed the order's on-chain payment terms or address")
        if d.state not in _ONCHAIN_NEXT[c.state]:
            raise Lsps1Error(Sentence("the order's on-chain payment went from %1 back to %2", c.state, d.state))
    if old.order_state != CREATED and new.order_state != old.order_state:
        raise Lsps1Error(Sentence("the order went from %1 to %2", old.order_state, new.order_state))
    check_consistent(new)


def check_consistent(order: Order) -> None:
    """States that cannot be true together are a lie. A payment made one way leaves the
    other way's state to the LSP (it may cancel it: REFUNDED); an on-chain payment PAID
    in a FAILED order is a refund still to be made."""
    state = order.bolt11.state if order.bolt11 is not None else None
    chain = order.onchain.state if order.onchain is not None else None
    lightning_taken = state in (HOLD, PAID)
    if order.order_state == COMPLETED:
        if order.channel is None:
            raise Lsps1Error("a COMPLETED order must name its channel")
        if not lightning_taken and chain != PAID:
            raise Lsps1Error("a COMPLETED order must have been paid")
    elif order.order_state == CREATED:
        if order.channel is not None:
            raise Lsps1Error("an order with a channel must be COMPLETED")
        if chain == REFUNDED:
            raise Lsps1Error("an order whose on-chain payment is REFUNDED must be FAILED")
        if state in (REFUNDED, CANCELLED) and chain != PAID:
            raise Lsps1Error(Sentence("an order whose payment is %1 must be FAILED", state))
    elif lightning_taken:  # FAILED
        raise Lsps1Error(Sentence("a FAILED order cannot keep the payment (%1)", state))


# -- the LSP's price ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Price:
    """An LSP's price for a channel: `base_sat` plus `ppm` of the LSP's balance, rounded up."""

    base_sat: int
    ppm: int

    def fee_for(self, lsp_balance_sat: int) -> int:
        return self.base_sat + (lsp_balance_sat * self.ppm + 999_999) // 1_000_000


def delivery_problem(order: Order, lsp_id: bytes,
                     channels: list[tuple[bytes, tuple[str, int], int]]) -> str | None:
    """A COMPLETED order's channel among ours, given as (peer, funding outpoint, capacity in
    sat): it must exist, come from the LSP, and hold at least `lsp_balance_sat` plus our
    balance. None when it does; else what is wrong, in a sentence."""
    if order.order_state != COMPLETED or order.channel is None:
        return "the order is not completed"
    found = [c for c in channels if c[1] == order.channel.funding_outpoint]
    if not found:
        return "the LSP says it opened a channel this wallet does not have"
    peer, _, capacity = found[0]
    if peer != lsp_id:
        return "the channel the LSP names comes from another node"
    wanted = order.request.lsp_balance_sat + order.request.client_balance_sat
    if capacity < wanted:
        return (f"the LSP's channel holds {capacity:,} sat, less than the {wanted:,} sat "
                f"ordered")
    return None
