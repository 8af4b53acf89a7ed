"""LSPS2 (bLIP-52): just-in-time channels. Pure: the fee menu and its promises, the opening
fee, the buy request and result, and what the JIT invoice must say.

Why each rule:
- The LSP keeps no state for a menu: each entry carries a `promise`, an HMAC-SHA256 under the
  LSP's secret over every other field (as text, length-prefixed, so no two menus share
  one). `lsps2.buy` recomputes it (constant-time compare) and refuses a tampered or
  expired entry with `invalid_opening_fee_params` (201).
- The opening fee is computed exactly as bLIP-52's reference routines do, in unsigned 64-bit
  arithmetic with every overflow an error: ceil(size * proportional / 1,000,000), at least
  `min_fee_msat`. (The spec's prose formula divides by 10,000,000: a typo; its C and Rust
  routines, and parts-per-million itself, divide by 1,000,000.)
- A client refuses any entry with a field it does not know (the fee it computes would be
  wrong), a promise over 512 bytes, a menu out of the mandated order, and a buy result whose
  scid or CLTV delta does not parse or is beyond what our payers should accept.
- `ongoing_proportional` (a later revision: a fee on every later payment) is read; entries
  with a non-zero one are never chosen (Kite would have to accept a cut on every payment).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from wallet.errors import InputError
from wallet.lsp.jsonrpc import CLIENT_REJECTED, INVALID_PARAMS, RpcError
from wallet.sentence import Sentence

U64 = (1 << 64) - 1
MAX_PROMISE_BYTES = 512
#: menus longer than this are refused (the spec sets no cap; a real one has a few entries)
MAX_MENU_ENTRIES = 20
#: the highest `lsp_cltv_expiry_delta` we put in an invoice: more would make payers lock
#: their funds longer than any normal hop asks (BOLT 7 routes use far less)
MAX_LSP_CLTV_EXPIRY_DELTA = 2016
#: bLIP-52 invoice rule: our min_final_cltv_expiry_delta in a JIT invoice is 2 above normal
JIT_EXTRA_FINAL_CLTV = 2

INVALID_OPENING_FEE_PARAMS = 201
PAYMENT_SIZE_TOO_SMALL = 202
PAYMENT_SIZE_TOO_LARGE = 203
UNRECOGNIZED_OR_STALE_TOKEN = 200

REQUIRED_FIELDS = ("min_fee_msat", "proportional", "valid_until", "min_lifetime",
                   "max_client_to_self_delay", "min_payment_size_msat",
                   "max_payment_size_msat", "promise")
OPTIONAL_FIELDS = ("ongoing_proportional",)


class Lsps2Error(InputError):
    """An LSP's LSPS2 answer we cannot use, or a request that cannot be made; says why."""


class FeeOverflow(Lsps2Error):
    """The opening fee does not fit in 64 bits: bLIP-52 says abort."""


# -- the opening fee --------------------------------------------------------------------------


def _checked(value: int) -> int:
    if value > U64:
        raise FeeOverflow("the opening fee overflows 64 bits")
    return value


def opening_fee_msat(payment_size_msat: int, min_fee_msat: int, proportional: int) -> int:
    """bLIP-52's opening fee: ceil(size * ppm / 10^6), at least `min_fee_msat`; every step
    checked against unsigned 64-bit overflow (FeeOverflow)."""
    for v in (payment_size_msat, min_fee_msat, proportional):
        if not 0 <= v <= U64:
            raise FeeOverflow("an opening fee input is not an unsigned 64-bit number")
    product = _checked(payment_size_msat * proportional)
    fee = _checked(product + 999_999) // 1_000_000
    return max(fee, min_fee_msat)


# -- datetimes (LSPS0.datetime) ---------------------------------------------------------------

_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|\+00:00)")


def parse_datetime(text: Any, what: str = "valid_until") -> datetime:
    """An LSPS0 datetime ("YYYY-MM-DDThh:mm:ss.uuuZ", UTC; more or fewer fraction digits
    and "+00:00" accepted from others)."""
    if not isinstance(text, str) or len(text) > 40:
        raise Lsps2Error(Sentence("%1 is not a datetime", what))
    m = _DATETIME.fullmatch(text)
    if m is None:
        raise Lsps2Error(Sentence("%1 is not an ISO 8601 UTC datetime", what))
    y, mo, d, h, mi, s, frac, _ = m.groups()
    try:
        value = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=UTC)
    except ValueError:
        raise Lsps2Error(Sentence("%1 is not a real date and time", what)) from None
    if frac:
        value += timedelta(microseconds=int(frac[:6].ljust(6, "0")))
    return value


def format_datetime(value: datetime) -> str:
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


# -- scids (LSPS0.scid) -----------------------------------------------------------------------

_SCID = re.compile(r"(\d{1,8})x(\d{1,8})x(\d{1,5})")


def parse_scid(text: Any) -> int:
    """"BLOCKxTXxOUT" as the 64-bit short channel id."""
    if not isinstance(text, str):
        raise Lsps2Error("jit_channel_scid is not text")
    m = _SCID.fullmatch(text)
    if m is None:
        raise Lsps2Error("jit_channel_scid is not BLOCKxTXxOUTPUT")
    block, tx, out = (int(g) for g in m.groups())
    if block >= 1 << 24 or tx >= 1 << 24 or out >= 1 << 16:
        raise Lsps2Error("jit_channel_scid is out of range")
    return block << 40 | tx << 16 | out


def format_scid(scid: int) -> str:
    return f"{scid >> 40}x{(scid >> 16) & 0xFFFFFF}x{scid & 0xFFFF}"


# -- fee parameters ---------------------------------------------------------------------------


def _msat(obj: dict[str, Any], name: str) -> int:
    value = obj.get(name)
    if not isinstance(value, str) or not value.isdigit() or not value.isascii() or len(value) > 20:
        raise Lsps2Error(Sentence("%1 must be a decimal string of millisatoshis", name))
    number = int(value)
    if number > U64:
        raise Lsps2Error(Sentence("%1 does not fit in 64 bits", name))
    return number


def _uint(obj: dict[str, Any], name: str, limit: int) -> int:
    value = obj.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise Lsps2Error(Sentence("%1 must be an integer from 0 to %2", name, limit))
    return value


@dataclass(frozen=True)
class OpeningFeeParams:
    """One entry of an LSP's fee menu. `raw` is the object exactly as the LSP sent it: a
    buy must return it verbatim."""

    min_fee_msat: int
    proportional: int
    valid_until: datetime
    min_lifetime: int
    max_client_to_self_delay: int
    min_payment_size_msat: int
    max_payment_size_msat: int
    promise: str
    ongoing_proportional: int | None
    raw: dict[str, Any]

    @classmethod
    def from_json(cls, obj: Any) -> OpeningFeeParams:
        """Parse and check one entry (Lsps2Error says which field is wrong)."""
        if not isinstance(obj, dict):
            raise Lsps2Error("an opening_fee_params entry is not an object")
        unknown = set(obj) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
        if unknown:
            raise Lsps2Error(Sentence("opening_fee_params has a field Kite does not know: %1", repr(sorted(unknown)[0][:40])))
        missing = [f for f in REQUIRED_FIELDS if f not in obj]
        if missing:
            raise Lsps2Error(Sentence("opening_fee_params lacks %1", missing[0]))
        promise = obj["promise"]
        if not isinstance(promise, str):
            raise Lsps2Error("promise must be text")
        if len(promise.encode("utf-8")) > MAX_PROMISE_BYTES:
            raise Lsps2Error(Sentence("promise is longer than %1 bytes", MAX_PROMISE_BYTES))
        if any(not (0x20 <= ord(c) < 0x7F) or c in '"\\' for c in promise):
            raise Lsps2Error("promise has characters outside printable ASCII")
        ongoing = (None if "ongoing_proportional" not in obj
                   else _uint(obj, "ongoing_proportional", U64))
        params = cls(
            min_fee_msat=_msat(obj, "min_fee_msat"),
            proportional=_uint(obj, "proportional", U64),
            valid_until=parse_datetime(obj["valid_until"]),
            min_lifetime=_uint(obj, "min_lifetime", 0xFFFFFFFF),
            max_client_to_self_delay=_uint(obj, "max_client_to_self_delay", 0xFFFF),
            min_payment_size_msat=_msat(obj, "min_payment_size_msat"),
            max_payment_size_msat=_msat(obj, "max_payment_size_msat"),
            promise=promise, ongoing_proportional=ongoing, raw=dict(obj))
        if params.min_payment_size_msat > params.max_payment_size_msat:
            raise Lsps2Error("min_payment_size_msat is above max_payment_size_msat")
        return params

    def fee_for(self, payment_size_msat: int) -> int:
        return opening_fee_msat(payment_size_msat, self.min_fee_msat, self.proportional)


def parse_menu(result: Any) -> list[OpeningFeeParams]:
    """The result of `lsps2.get_info`: every entry checked, and their order (bLIP-52: each
    entry costs more than the one before, in min fee, proportional or both)."""
    if not isinstance(result, dict) or not isinstance(result.get("opening_fee_params_menu"), list):
        raise Lsps2Error("get_info result has no opening_fee_params_menu list")
    entries = result["opening_fee_params_menu"]
    if len(entries) > MAX_MENU_ENTRIES:
        raise Lsps2Error(Sentence("the fee menu has more than %1 entries", MAX_MENU_ENTRIES))
    menu = [OpeningFeeParams.from_json(e) for e in entries]
    for before, after in zip(menu, menu[1:], strict=False):
        fee_up = after.min_fee_msat > before.min_fee_msat
        ppm_up = after.proportional > before.proportional
        if not ((fee_up and after.proportional == before.proportional)
                or (ppm_up and after.min_fee_msat == before.min_fee_msat)
                or (fee_up and ppm_up)):
            raise Lsps2Error("the fee menu is not in increasing order of cost")
    return menu


def choose(menu: list[OpeningFeeParams], payment_size_msat: int | None, now: datetime,
           min_validity: timedelta) -> OpeningFeeParams:
    """The cheapest entry usable now: valid for at least `min_validity` more (the invoice
    must expire before it), taking this payment size, its fee below the size, and no
    ongoing fee. Lsps2Error says why none fits."""
    if not menu:
        raise Lsps2Error("the LSP offers no JIT channel at the moment (empty fee menu)")
    why = "every fee offer has expired"
    for params in menu:
        if params.valid_until - now < min_validity:
            continue
        if params.ongoing_proportional:
            why = "the LSP asks a fee on every later payment too (Kite does not accept it)"
            continue
        if payment_size_msat is not None:
            if not params.min_payment_size_msat <= payment_size_msat <= params.max_payment_size_msat:
                why = (f"the LSP takes payments from {params.min_payment_size_msat // 1000:,} "
                       f"to {params.max_payment_size_msat // 1000:,} sat")
                continue
            try:
                fee = params.fee_for(payment_size_msat)
            except FeeOverflow:
                why = "the opening fee overflows"
                continue
            if fee >= payment_size_msat:
                why = (f"the opening fee ({fee // 1000:,} sat or more) is not below the "
                       f"amount")
                continue
        return params
    raise Lsps2Error(why)


# -- promises (LSP side) ----------------------------------------------------------------------


def _promise_message(obj: dict[str, Any]) -> bytes:
    parts = []
    for name in REQUIRED_FIELDS[:-1] + OPTIONAL_FIELDS:
        value = obj.get(name)
        text = b"" if value is None else str(value).encode("utf-8")
        parts.append(name.encode() + b"=" + len(text).to_bytes(4, "big") + text)
    return b"kite-lsps2-promise-v1|" + b"|".join(parts)


def make_promise(secret: bytes, obj: dict[str, Any]) -> str:
    return hmac.new(secret, _promise_message(obj), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class FeeOffer:
    """What an LSP offers (one menu entry's terms; `make_menu` adds time and promise)."""

    min_fee_msat: int
    proportional: int
    validity: timedelta = timedelta(minutes=20)
    min_lifetime: int = 1008
    max_client_to_self_delay: int = 2016
    min_payment_size_msat: int = 10_000_000
    max_payment_size_msat: int = 100_000_000_000


#: what `kite daemon --lsp` sells without a value: 2,000 sat at least, 0.5% of the payment
DEFAULT_OFFER = FeeOffer(min_fee_msat=2_000_000, proportional=5_000)


def offers_from_text(value: str | None) -> list[FeeOffer] | None:
    """`kite daemon --lsp`: None (not an LSP), "1" (the default offer) or "MIN_FEE_MSAT,PPM"."""
    if value is None or value.strip().lower() in ("", "0", "no", "off", "false"):
        return None
    text = value.strip()
    if text == "1":
        return [DEFAULT_OFFER]
    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() and p.strip().isascii() for p in parts):
        raise InputError("give the LSP fee as MIN_FEE_MSAT,PPM (e.g. 2000000,5000)")
    min_fee, ppm = (int(p) for p in parts)
    if min_fee > 10**12 or ppm > 1_000_000:
        raise InputError("the LSP fee is out of range (PPM at most 1,000,000)")
    return [FeeOffer(min_fee_msat=min_fee, proportional=ppm)]


def make_menu(offers: list[FeeOffer], secret: bytes, now: datetime) -> dict[str, Any]:
    """The `lsps2.get_info` result: each offer valid until now + its validity, promised."""
    menu = []
    for offer in offers:
        entry: dict[str, Any] = {
            "min_fee_msat": str(offer.min_fee_msat),
            "proportional": offer.proportional,
            "valid_until": format_datetime(now + offer.validity),
            "min_lifetime": offer.min_lifetime,
            "max_client_to_self_delay": offer.max_client_to_self_delay,
            "min_payment_size_msat": str(offer.min_payment_size_msat),
            "max_payment_size_msat": str(offer.max_payment_size_msat),
        }
        entry["promise"] = make_promise(secret, entry)
        menu.append(entry)
    return {"opening_fee_params_menu": menu}


@dataclass(frozen=True)
class Purchase:
    """A buy the LSP accepted: what it must honour when the payment comes."""

    params: OpeningFeeParams
    payment_size_msat: int | None
    #: the fee for a fixed size; None for a variable-amount invoice (computed per HTLC)
    opening_fee_msat: int | None


def _invalid(message: str) -> RpcError:
    return RpcError(INVALID_PARAMS, message)


def check_buy(params: dict[str, Any], secret: bytes, now: datetime) -> Purchase:
    """The LSP's checks of `lsps2.buy` params; RpcError with the bLIP-52 code otherwise."""
    raw = params.get("opening_fee_params")
    try:
        fee_params = OpeningFeeParams.from_json(raw)
    except Lsps2Error as e:
        raise RpcError(INVALID_OPENING_FEE_PARAMS, f"invalid_opening_fee_params: {e}") from None
    expected = make_promise(secret, fee_params.raw)
    if not hmac.compare_digest(expected.encode(), fee_params.promise.encode()):
        raise RpcError(INVALID_OPENING_FEE_PARAMS, "invalid_opening_fee_params: bad promise")
    if fee_params.valid_until <= now:
        raise RpcError(INVALID_OPENING_FEE_PARAMS, "invalid_opening_fee_params: expired")
    if "payment_size_msat" not in params:
        return Purchase(fee_params, None, None)
    try:
        size = _msat(params, "payment_size_msat")
    except Lsps2Error as e:
        raise _invalid(str(e)) from None
    if size < fee_params.min_payment_size_msat:
        raise RpcError(PAYMENT_SIZE_TOO_SMALL, "payment_size_too_small")
    if size > fee_params.max_payment_size_msat:
        raise RpcError(PAYMENT_SIZE_TOO_LARGE, "payment_size_too_large")
    try:
        fee = fee_params.fee_for(size)
    except FeeOverflow:
        raise RpcError(PAYMENT_SIZE_TOO_LARGE, "payment_size_too_large: fee overflows") from None
    if fee >= size:
        raise RpcError(PAYMENT_SIZE_TOO_SMALL, "payment_size_too_small: fee not below size")
    return Purchase(fee_params, size, fee)


# -- the buy result (client side) ------------------------------------------------------------


@dataclass(frozen=True)
class JitChannel:
    """A JIT channel bought: what the invoice's route hint carries."""

    lsp_node_id: bytes
    jit_channel_scid: int
    lsp_cltv_expiry_delta: int
    client_trusts_lsp: bool
    params: OpeningFeeParams
    payment_size_msat: int | None
    opening_fee_msat: int | None


def parse_buy_result(result: Any, lsp_node_id: bytes, params: OpeningFeeParams,
                     payment_size_msat: int | None) -> JitChannel:
    if not isinstance(result, dict):
        raise Lsps2Error("buy result is not an object")
    scid = parse_scid(result.get("jit_channel_scid"))
    delta = result.get("lsp_cltv_expiry_delta")
    if isinstance(delta, bool) or not isinstance(delta, int) or not 0 < delta <= MAX_LSP_CLTV_EXPIRY_DELTA:
        raise Lsps2Error(Sentence("lsp_cltv_expiry_delta must be from 1 to %1", MAX_LSP_CLTV_EXPIRY_DELTA))
    trusts = result.get("client_trusts_lsp", False)
    if not isinstance(trusts, bool):
        raise Lsps2Error("client_trusts_lsp must be true or false")
    fee = None if payment_size_msat is None else params.fee_for(payment_size_msat)
    return JitChannel(bytes(lsp_node_id), scid, delta, trusts, params, payment_size_msat, fee)


def buy_params(params: OpeningFeeParams, payment_size_msat: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {"opening_fee_params": params.raw}
    if payment_size_msat is not None:
        out["payment_size_msat"] = str(payment_size_msat)
    return out


def invoice_expiry(jit: JitChannel, now: datetime, wanted: int) -> int:
    """Seconds the JIT invoice may live: what was asked, but ending by `valid_until`
    (bLIP-52: timestamp + expiry <= valid_until)."""
    left = int((jit.params.valid_until - now).total_seconds())
    if left <= 0:
        raise Lsps2Error("the LSP's fee offer has expired")
    return max(1, min(wanted, left))


@dataclass(frozen=True)
class JitInvoiceTerms:
    """What bLIP-52 makes a JIT invoice say: one route hint of one hop (the LSP, the JIT
    scid, no fee, its CLTV delta), an expiry ending by `valid_until`, a final CLTV delta 2
    above normal (the normal one is still what we require of the HTLC), and basic_mpp only
    for a fixed amount."""

    lsp_node_id: bytes
    jit_channel_scid: int
    cltv_expiry_delta: int
    expiry: int
    min_final_cltv_expiry_delta: int
    mpp: bool


def invoice_terms(jit: JitChannel, now: datetime, wanted_expiry: int,
                  normal_final_cltv: int) -> JitInvoiceTerms:
    return JitInvoiceTerms(jit.lsp_node_id, jit.jit_channel_scid, jit.lsp_cltv_expiry_delta,
                           invoice_expiry(jit, now, wanted_expiry),
                           normal_final_cltv + JIT_EXTRA_FINAL_CLTV,
                           jit.payment_size_msat is not None)


def check_forwarded_parts(parts: list[tuple[int, int, int | None]], opening_fee: int) -> str | None:
    """The client's check of the HTLC(s) an LSP forwards over a JIT channel. Each part is
    (amount received, amount its onion says, extra_fee TLV or None). None if acceptable,
    else why not: each part short by exactly its extra_fee, the extra fees summing to at
    most the opening fee agreed."""
    total = 0
    for received, onion_amount, extra in parts:
        extra = extra or 0
        if extra < 0 or received + extra != onion_amount:
            return (f"an HTLC of {received} msat with extra_fee {extra} does not add up to the "
                    f"{onion_amount} msat its onion carries")
        total += extra
    if total > opening_fee:
        return f"the LSP took {total} msat, more than the {opening_fee} msat agreed"
    return None


def fee_allowed(jit: JitChannel, invoice_total_msat: int) -> int:
    """The most the LSP may deduct from the payment: the fee agreed for a fixed size, or
    the fee the chosen offer gives the amount paid (variable-amount invoice); 0 when that
    overflows (nothing may then be deducted)."""
    if jit.opening_fee_msat is not None:
        return jit.opening_fee_msat
    try:
        return jit.params.fee_for(invoice_total_msat)
    except FeeOverflow:
        return 0


def part_problem(jit: JitChannel | None, received_msat: int, onion_msat: int,
                 extra_fee_msat: int | None, from_peer: bytes) -> str | None:
    """Why a final HTLC paying less than its onion says is refused (None: acceptable).
    Only a JIT invoice's HTLC may be short, only coming from the LSP it was bought from,
    and only by exactly the `extra_fee` it declares (the total is checked by the caller
    with `check_forwarded_parts`)."""
    extra = extra_fee_msat or 0
    if received_msat >= onion_msat and not extra:
        return None
    if jit is None:
        return "HTLC pays less than the onion says"
    if from_peer != jit.lsp_node_id:
        return "a deducted HTLC from a node that is not our LSP"
    if received_msat + extra != onion_msat:
        return "HTLC is short by other than its declared extra_fee"
    return None


def client_rejected(message: str = "Client rejected") -> RpcError:
    return RpcError(CLIENT_REJECTED, "Client rejected", {"message": message})
