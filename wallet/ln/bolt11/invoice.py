"""BOLT 11 invoices: decode and validate Lightning payment requests.

Pure code (no I/O). `decode_invoice` turns a string into an immutable `Invoice` after
checking everything BOLT 11 asks a reader to check (prefix, amount, field lengths, required
fields, feature bits, the signature and the payee key); every problem raises `InvoiceError`
with a message naming it. `encode.py`'s `encode_invoice` signs an `Invoice` with the payee's
node key; `groups.py` holds the 5-bit group conversions both use.

Choices where the spec leaves room:
- Where its reader rules and its examples disagree, the examples win: a `p`, `h`, `s` or `n`
  field of the wrong length is skipped (kept in `Invoice.ignored_fields`), as the example
  "including fields which must be ignored" requires. So are unknown tags, fallbacks of an
  unknown version or a bad program, an `n` that is not a curve point, and repeats of a
  single-valued field (the first, most-preferred one is used).
- Without `n`, the payee key is recovered as libsecp256k1 (and so lnd, CLN, LDK) does: with
  S as given and the transmitted recovery id, high S accepted. With `n`, the signature must
  verify against that key and be low-S.
- Non-minimal `x`, `c` and `9` fields (leading zero groups) are refused, as the spec
  recommends.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from coincurve import PublicKey

from wallet.bech32 import (
    CHARSET,
    Bech32Error,
    Encoding,
    convertbits,
    decode_bech32,
    decode_segwit_address,
    encode_segwit_address,
)
from wallet.hashes import sha256
from wallet.keys.base58 import Base58Error, b58check_decode, b58check_encode
from wallet.ln.bolt11.errors import InvoiceError
from wallet.ln.bolt11.groups import groups_to_bytes, groups_to_int, signing_hash
from wallet.networks import NETWORKS, Network, get_network
from wallet.sentence import Sentence, template

DEFAULT_EXPIRY = 3600  # seconds, when there is no `x` field
DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA = 18  # blocks, when there is no `c` field
MSAT_PER_BTC = 100_000_000_000
MAX_MSAT = 21_000_000 * MSAT_PER_BTC
MAX_FIELD_GROUPS = 1023  # a field's 10-bit data_length, in 5-bit groups
MAX_FIELD_BYTES = MAX_FIELD_GROUPS * 5 // 8  # 639
#: characters (with a `lightning:` prefix and surrounding spaces); far above any real
#: invoice (a QR code holds at most 4,296), checked before any decoding work
MAX_INVOICE_LENGTH = 7000

# Feature bits (BOLT 9) Kite understands in an invoice: an invoice that requires (sets the
# even bit of) anything else cannot be paid correctly, so decoding refuses it.
VAR_ONION_OPTIN = 8
PAYMENT_SECRET = 14
BASIC_MPP = 16
PAYMENT_METADATA = 48
KNOWN_FEATURES: frozenset[int] = frozenset(
    bit for pair in (VAR_ONION_OPTIN, PAYMENT_SECRET, BASIC_MPP, PAYMENT_METADATA)
    for bit in (pair, pair + 1)
)

# Known features that need another (BOLT 9 "Dependencies"), by the even bit of each pair.
FEATURE_DEPENDENCIES: dict[int, tuple[int, ...]] = {BASIC_MPP: (PAYMENT_SECRET,)}

_SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_SIGNATURE_GROUPS = 104  # 65 bytes = 520 bits
TIMESTAMP_GROUPS = 7  # 35 bits
_HOP_BYTES = 33 + 8 + 4 + 4 + 2
_MULTIPLIER_MSAT = {"m": 10**8, "u": 10**5, "n": 10**2}  # 'p' (0.1 msat) is special
_AMOUNT_RE = re.compile(r"([0-9]+)([a-z]?)")
_P2PKH_VERSION = {"mainnet": 0x00}  # test networks all use 0x6F
_P2SH_VERSION = {"mainnet": 0x05}  # test networks all use 0xC4

# The tags, as bech32 characters.
TAG_PAYMENT_HASH = "p"
TAG_PAYMENT_SECRET = "s"
TAG_DESCRIPTION = "d"
TAG_METADATA = "m"
TAG_PAYEE = "n"
TAG_DESCRIPTION_HASH = "h"
TAG_EXPIRY = "x"
TAG_MIN_FINAL_CLTV = "c"
TAG_FALLBACK = "f"
TAG_ROUTE = "r"
TAG_FEATURES = "9"




@dataclass(frozen=True)
class RouteHintHop:
    """One hop of a private route (`r` field): the channel from `pubkey` towards the payee."""

    pubkey: bytes
    short_channel_id: int
    fee_base_msat: int
    fee_proportional_millionths: int
    cltv_expiry_delta: int

    def __post_init__(self) -> None:
        _check_pubkey(self.pubkey, HINT_KEY)
        for name, value, bits in (
            ("short_channel_id", self.short_channel_id, 64),
            ("fee_base_msat", self.fee_base_msat, 32),
            ("fee_proportional_millionths", self.fee_proportional_millionths, 32),
            ("cltv_expiry_delta", self.cltv_expiry_delta, 16),
        ):
            if not isinstance(value, int) or not 0 <= value < 1 << bits:
                raise InvoiceError(Sentence("route hint %1 %2 does not fit in %3 bits", name, repr(value), bits))

    def to_bytes(self) -> bytes:
        return (
            self.pubkey
            + self.short_channel_id.to_bytes(8, "big")
            + self.fee_base_msat.to_bytes(4, "big")
            + self.fee_proportional_millionths.to_bytes(4, "big")
            + self.cltv_expiry_delta.to_bytes(2, "big")
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> RouteHintHop:
        if len(data) != _HOP_BYTES:
            raise InvoiceError(Sentence("route hint hop of %1 bytes, expected %2", len(data), _HOP_BYTES))
        return cls(
            pubkey=data[:33],
            short_channel_id=int.from_bytes(data[33:41], "big"),
            fee_base_msat=int.from_bytes(data[41:45], "big"),
            fee_proportional_millionths=int.from_bytes(data[45:49], "big"),
            cltv_expiry_delta=int.from_bytes(data[49:51], "big"),
        )

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "pubkey": self.pubkey.hex(),
            "short_channel_id": format_short_channel_id(self.short_channel_id),
            "fee_base_msat": self.fee_base_msat,
            "fee_proportional_millionths": self.fee_proportional_millionths,
            "cltv_expiry_delta": self.cltv_expiry_delta,
        }


@dataclass(frozen=True)
class Fallback:
    """An on-chain fallback (`f` field): a witness version 0-16 and program, or 17 (P2PKH)
    or 18 (P2SH) and a 20-byte hash."""

    version: int
    program: bytes

    def __post_init__(self) -> None:
        if self.version in (17, 18):
            if len(self.program) != 20:
                raise InvoiceError(
                    Sentence("fallback version %1 needs a 20-byte hash, got %2", self.version, len(self.program))
                )
        elif 0 <= self.version <= 16:
            if not 2 <= len(self.program) <= 40:
                raise InvoiceError(Sentence("fallback witness program of %1 bytes", len(self.program)))
            if self.version == 0 and len(self.program) not in (20, 32):
                raise InvoiceError(
                    Sentence("fallback version 0 witness program of %1 bytes (must be 20 or 32)", len(self.program))
                )
        else:
            raise InvoiceError(Sentence("unknown fallback version %1", self.version))

    def address(self, network: Network) -> str:
        """The address on `network` (base58 for P2PKH/P2SH, bech32/bech32m for segwit)."""
        if self.version == 17:
            version_byte = _P2PKH_VERSION.get(network.name, 0x6F)
            return b58check_encode(bytes([version_byte]) + self.program)
        if self.version == 18:
            version_byte = _P2SH_VERSION.get(network.name, 0xC4)
            return b58check_encode(bytes([version_byte]) + self.program)
        try:
            return encode_segwit_address(network.bech32_hrp, self.version, self.program)
        except Bech32Error as e:
            raise InvoiceError(Sentence("fallback is not a valid segwit address: %1", e)) from None

    @classmethod
    def from_address(cls, address: str, network: Network) -> Fallback:
        """Parse an address of `network` into the fallback that pays it."""
        if address.lower().startswith(network.bech32_hrp + "1"):
            try:
                version, program = decode_segwit_address(network.bech32_hrp, address)
            except Bech32Error as e:
                raise InvoiceError(Sentence("fallback address %1: %2", _short(address, 64), e)) from None
            return cls(version, program)
        try:
            payload = b58check_decode(address)
        except Base58Error as e:
            raise InvoiceError(Sentence("fallback address %1: %2", _short(address, 64), e)) from None
        if len(payload) == 21:
            if payload[0] == _P2PKH_VERSION.get(network.name, 0x6F):
                return cls(17, payload[1:])
            if payload[0] == _P2SH_VERSION.get(network.name, 0xC4):
                return cls(18, payload[1:])
        raise InvoiceError(Sentence("fallback address %1 is not an address on %2", _short(address, 64), network.name))


@dataclass(frozen=True)
class IgnoredField:
    """A tagged field the reader skipped: an unknown tag, or a known tag the spec says to
    skip (wrong fixed length, unknown fallback version, a repeated field)."""

    tag: str
    data: tuple[int, ...]

    @property
    def data_length(self) -> int:
        return len(self.data)


#: _check_pubkey's refusals for each key, whole sentences
PAYEE_KEY = (template("the payee key is not a 33-byte compressed public key"),
             template("the payee key is not a point on the curve"))
HINT_KEY = (template("a route hint node key is not a 33-byte compressed public key"),
            template("a route hint node key is not a point on the curve"))


def _check_pubkey(key: bytes, said: tuple[str, str]) -> None:
    if not isinstance(key, bytes) or len(key) != 33 or key[0] not in (2, 3):
        raise InvoiceError(Sentence(said[0]))
    try:
        PublicKey(key)
    except ValueError:
        raise InvoiceError(Sentence(said[1])) from None


def _check_bytes(value: Any, length: int, wrong: str) -> None:
    """`wrong`: the sentence when `value` is not `length` bytes (%1: the length)."""
    if not isinstance(value, bytes) or len(value) != length:
        raise InvoiceError(Sentence(wrong, length))


@dataclass(frozen=True, kw_only=True)
class Invoice:
    """A decoded (or to-be-encoded) BOLT 11 invoice. `payee` is the node that signs it.

    Exactly one of `description` and `description_hash` is set. `features` is the set of
    feature bit numbers. `signature` (65 bytes, r || s || recovery id) is filled in by the
    decoder and is not part of equality.
    """

    network: Network
    amount_msat: int | None
    timestamp: int
    payment_hash: bytes
    payment_secret: bytes
    payee: bytes
    description: str | None = None
    description_hash: bytes | None = None
    expiry: int = DEFAULT_EXPIRY
    min_final_cltv_expiry_delta: int = DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA
    features: frozenset[int] = frozenset()
    route_hints: tuple[tuple[RouteHintHop, ...], ...] = ()
    fallbacks: tuple[Fallback, ...] = ()
    metadata: bytes | None = None
    ignored_fields: tuple[IgnoredField, ...] = ()
    signature: bytes = field(default=b"", compare=False, repr=False)

    def __post_init__(self) -> None:
        # Accept friendly inputs (a network name, lists, sets) but store immutable values.
        if isinstance(self.network, str):
            object.__setattr__(self, "network", get_network(self.network))
        object.__setattr__(self, "features", frozenset(self.features))
        object.__setattr__(
            self, "route_hints", tuple(tuple(route) for route in self.route_hints)
        )
        object.__setattr__(self, "fallbacks", tuple(self.fallbacks))
        object.__setattr__(self, "ignored_fields", tuple(self.ignored_fields))
        for name in ("amount_msat", "timestamp", "expiry", "min_final_cltv_expiry_delta"):
            value = getattr(self, name)
            if value is None and name == "amount_msat":
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvoiceError(Sentence("%1 must be an integer", name))
        if self.description is not None and not isinstance(self.description, str):
            raise InvoiceError("description must be text")
        if self.metadata is not None and not isinstance(self.metadata, bytes):
            raise InvoiceError("metadata must be bytes")
        if not all(isinstance(f, Fallback) for f in self.fallbacks):
            raise InvoiceError("fallbacks must be Fallback values")
        if not all(isinstance(h, RouteHintHop) for route in self.route_hints for h in route):
            raise InvoiceError("route hints must be lists of RouteHintHop values")
        if self.amount_msat is not None and not 0 < self.amount_msat <= MAX_MSAT:
            raise InvoiceError(Sentence("amount of %1 msat is out of range", self.amount_msat))
        if not 0 <= self.timestamp < 1 << 35:
            raise InvoiceError(Sentence("timestamp %1 does not fit in 35 bits", self.timestamp))
        _check_bytes(self.payment_hash, 32, template("the payment hash must be %1 bytes"))
        _check_bytes(self.payment_secret, 32, template("the payment secret must be %1 bytes"))
        _check_pubkey(self.payee, PAYEE_KEY)
        if (self.description is None) == (self.description_hash is None):
            raise InvoiceError("an invoice needs exactly one of a description and a description hash")
        if self.description_hash is not None:
            _check_bytes(self.description_hash, 32, template("the description hash must be %1 bytes"))
        for name in ("expiry", "min_final_cltv_expiry_delta"):
            if not 0 <= getattr(self, name) < 1 << 64:
                raise InvoiceError(Sentence("%1 %2 is out of range", name, getattr(self, name)))
        if any(not isinstance(b, int) or b < 0 for b in self.features):
            raise InvoiceError("feature bits must be non-negative integers")
        if any(not route for route in self.route_hints):
            raise InvoiceError("a route hint needs at least one hop")

    @property
    def expires_at(self) -> int:
        """Unix time after which the payee will refuse the payment."""
        return self.timestamp + self.expiry

    def is_expired(self, now: float) -> bool:
        return now >= self.expires_at

    @property
    def fallback_addresses(self) -> tuple[str, ...]:
        return tuple(f.address(self.network) for f in self.fallbacks)

    def matches_description(self, description: str) -> bool:
        """Whether `description` is the one committed to (by text or by its SHA-256)."""
        if self.description_hash is not None:
            return sha256(description.encode("utf-8")) == self.description_hash
        return description == self.description

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-ready summary; bytes as hex, defaults filled in."""
        out: dict[str, Any] = {
            "network": self.network.name,
            "amount_msat": self.amount_msat,
            "timestamp": self.timestamp,
            "payment_hash": self.payment_hash.hex(),
            "payment_secret": self.payment_secret.hex(),
        }
        if self.description is not None:
            out["description"] = self.description
        else:
            assert self.description_hash is not None
            out["description_hash"] = self.description_hash.hex()
        out.update(
            expiry=self.expiry,
            expires_at=self.expires_at,
            min_final_cltv_expiry_delta=self.min_final_cltv_expiry_delta,
            payee=self.payee.hex(),
            features=sorted(self.features),
            route_hints=[[hop.to_json_dict() for hop in route] for route in self.route_hints],
            fallbacks=list(self.fallback_addresses),
        )
        if self.metadata is not None:
            out["metadata"] = self.metadata.hex()
        return out


# ---------------------------------------------------------------------------------------
# Amounts and small helpers


def _short(text: str, limit: int = 24) -> str:
    """Quote user text for a message, cut short so a hostile string cannot flood it."""
    return repr(text if len(text) <= limit else text[:limit] + "...")


def parse_amount(text: str) -> int | None:
    """The amount part of the human-readable prefix ('2500u', '' ...) in millisatoshi."""
    if text == "":
        return None
    m = _AMOUNT_RE.fullmatch(text)
    if m is None:
        raise InvoiceError(
            Sentence("amount %1 is not a number followed by an optional multiplier (m, u, n, p)", _short(text))
        )
    digits, multiplier = m.groups()
    if digits[0] == "0":
        raise InvoiceError(Sentence("amount %1 has a leading zero (or is zero)", _short(text)))
    if len(digits) > 24:  # well past 21 million BTC in pico-bitcoin
        raise InvoiceError(Sentence("amount %1 is too large", _short(text)))
    value = int(digits)
    if multiplier == "":
        msat = value * MSAT_PER_BTC
    elif multiplier == "p":
        if value % 10:
            raise InvoiceError(
                Sentence("amount %1 is not a multiple of 10 pico-bitcoin (sub-millisatoshi precision): 'p' amounts must end in 0", _short(text))
            )
        msat = value // 10
    elif multiplier in _MULTIPLIER_MSAT:
        msat = value * _MULTIPLIER_MSAT[multiplier]
    else:
        raise InvoiceError(Sentence("unknown amount multiplier %1 in %2", repr(multiplier), _short(text)))
    if msat > MAX_MSAT:
        raise InvoiceError(Sentence("amount %1 is more than 21 million bitcoin", _short(text)))
    return msat


def format_amount(msat: int) -> str:
    """The shortest amount text for `msat` (largest multiplier that keeps it whole)."""
    if msat <= 0:
        raise InvoiceError("an invoice amount must be positive")
    if msat % MSAT_PER_BTC == 0:
        return str(msat // MSAT_PER_BTC)
    for letter, unit in _MULTIPLIER_MSAT.items():
        if msat % unit == 0:
            return f"{msat // unit}{letter}"
    return f"{msat * 10}p"


def format_short_channel_id(scid: int) -> str:
    """The usual block x transaction x output rendering of a short channel id."""
    return f"{scid >> 40}x{(scid >> 16) & 0xFFFFFF}x{scid & 0xFFFF}"


def _network_for_currency(currency: str) -> Network | None:
    for network in NETWORKS.values():
        if network.invoice_hrp == currency:
            return network
    return None












def _der_signature(r: int, s: int) -> bytes:
    """A DER encoding of (r, s), which is what coincurve's verify takes."""

    def der_int(v: int) -> bytes:
        body = v.to_bytes((v.bit_length() + 7) // 8 or 1, "big")
        if body[0] & 0x80:
            body = b"\x00" + body
        return b"\x02" + bytes([len(body)]) + body

    seq = der_int(r) + der_int(s)
    return b"\x30" + bytes([len(seq)]) + seq


# ---------------------------------------------------------------------------------------
# Decoding


def _check_length(text: str) -> None:
    if len(text) > MAX_INVOICE_LENGTH:
        raise InvoiceError(Sentence("This invoice is %1 characters long; Kite reads invoices of at most %2 characters.", format(len(text), ","), format(MAX_INVOICE_LENGTH, ",")))


def _split(text: str) -> tuple[str, list[int]]:
    """Strip a `lightning:` prefix and whitespace, check the bech32 checksum."""
    if not isinstance(text, str):
        raise InvoiceError("an invoice must be text")
    _check_length(text)
    text = text.strip()
    if text[:10].lower() == "lightning:":
        text = text[10:]
    try:
        hrp, data, encoding = decode_bech32(text)
    except Bech32Error as e:
        if "checksum does not match" in str(e):
            raise InvoiceError("bad checksum: the invoice is mistyped or incomplete") from None
        raise InvoiceError(Sentence("not a valid invoice: %1", e)) from None
    if encoding is not Encoding.BECH32:
        raise InvoiceError("bad checksum: invoices use bech32, this string uses bech32m")
    return hrp, data


def tagged_fields(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """The raw tagged fields of an invoice, in order, as (tag, 5-bit data); for diagnostics.

    Only the bech32 checksum and the field framing are checked, not their contents.
    """
    _, data = _split(text)
    if len(data) < TIMESTAMP_GROUPS + _SIGNATURE_GROUPS:
        raise InvoiceError("too short: no room for a timestamp and a signature")
    return list(_iter_fields(data[TIMESTAMP_GROUPS:-_SIGNATURE_GROUPS]))


def _iter_fields(groups: list[int]):
    pos = 0
    while pos < len(groups):
        if pos + 3 > len(groups):
            raise InvoiceError("truncated tagged field at the end of the data part")
        tag = CHARSET[groups[pos]]
        length = (groups[pos + 1] << 5) | groups[pos + 2]
        pos += 3
        if pos + length > len(groups):
            raise InvoiceError(
                Sentence("field '%1' claims %2 characters but only %3 remain", tag, length, len(groups) - pos)
            )
        yield tag, tuple(groups[pos : pos + length])
        pos += length


def _parse_hrp(hrp: str) -> tuple[Network, int | None]:
    if not hrp.startswith("ln"):
        raise InvoiceError(Sentence("not a Lightning invoice: prefix %1 does not start with 'ln'", _short(hrp)))
    m = re.fullmatch(r"ln([a-z]*)(.*)", hrp)
    assert m is not None  # the hrp is printable ASCII, lower case
    currency, amount_text = m.groups()
    network = _network_for_currency(currency)
    if network is None:
        raise InvoiceError(Sentence(
            "unknown currency prefix %1 (known: %2)", _short("ln" + currency),
            ", ".join("ln" + n.invoice_hrp for n in NETWORKS.values())))
    return network, parse_amount(amount_text)


#: _minimal_int's refusals for each field, whole sentences
_INT_FIELDS = {
    "x": (template("the expiry ('x' field) is not minimally encoded (leading zero)"),
          template("the expiry ('x' field) is too large")),
    "c": (template("min_final_cltv_expiry_delta ('c' field) is not minimally encoded "
                   "(leading zero)"),
          template("min_final_cltv_expiry_delta ('c' field) is too large")),
}


def _minimal_int(tag: str, data: tuple[int, ...]) -> int:
    not_minimal, too_large = _INT_FIELDS[tag]
    if data and data[0] == 0:
        raise InvoiceError(Sentence(not_minimal))
    value = groups_to_int(data)
    if value >= 1 << 64:
        raise InvoiceError(Sentence(too_large))
    return value


def _parse_features(data: tuple[int, ...], known: frozenset[int]) -> frozenset[int]:
    if data and data[0] == 0:
        raise InvoiceError("features ('9' field) are not minimally encoded (leading zero)")
    value = groups_to_int(data)
    bits = frozenset(i for i in range(value.bit_length()) if value >> i & 1)
    unknown_required = sorted(b for b in bits if b % 2 == 0 and b not in known)
    if unknown_required:
        listed = ", ".join(str(b) for b in unknown_required[:8])
        if len(unknown_required) > 8:
            raise InvoiceError(Sentence("invoice requires unknown feature bits %1 and %2 more",
                                        listed, len(unknown_required) - 8))
        if len(unknown_required) > 1:
            raise InvoiceError(Sentence("invoice requires unknown feature bits %1", listed))
        raise InvoiceError(Sentence("invoice requires unknown feature bit %1", listed))
    for feature, needs in FEATURE_DEPENDENCIES.items():
        if bits & {feature, feature + 1}:
            for need in needs:
                if not bits & {need, need + 1}:
                    raise InvoiceError(
                        Sentence("invoice sets feature %1/%2 without the feature it depends on, %3/%4", feature, feature + 1, need, need + 1)
                    )
    return bits


def _parse_fallback(data: tuple[int, ...]) -> Fallback | None:
    """The fallback, or None when a reader must skip it (unknown version, bad program)."""
    if not data:
        return None
    program = groups_to_bytes(data[1:])
    try:
        return Fallback(data[0], program)
    except InvoiceError:
        return None


def _parse_routes(data: tuple[int, ...]) -> tuple[RouteHintHop, ...]:
    raw = groups_to_bytes(data)
    if not raw or len(raw) % _HOP_BYTES:
        raise InvoiceError(
            Sentence("route hint ('r' field) of %1 bytes is not a whole number of %2-byte hops", len(raw), _HOP_BYTES)
        )
    return tuple(
        RouteHintHop.from_bytes(raw[i : i + _HOP_BYTES]) for i in range(0, len(raw), _HOP_BYTES)
    )


def decode_invoice(text: str, *, known_features: frozenset[int] = KNOWN_FEATURES) -> Invoice:
    """Decode and fully check a BOLT 11 invoice (an optional `lightning:` prefix is fine).

    `known_features` are the feature bits the caller understands; an invoice that sets the
    even (required) bit of any other feature is refused. The result (immutable) of a text
    decoded recently is reused: a node decodes its own invoice again when it is paid, and
    the signature check dominates. Failures are never remembered.
    """
    if isinstance(text, str) and isinstance(known_features, frozenset | set):
        _check_length(text)
        return _decode_recent(text, frozenset(known_features))
    return _decode_invoice(text, known_features)


@functools.lru_cache(maxsize=1024)
def _decode_recent(text: str, known_features: frozenset[int]) -> Invoice:
    return _decode_invoice(text, known_features)


def _decode_invoice(text: str, known_features: frozenset[int]) -> Invoice:
    hrp, data = _split(text)
    network, amount_msat = _parse_hrp(hrp)
    if len(data) < TIMESTAMP_GROUPS + _SIGNATURE_GROUPS:
        raise InvoiceError("too short: no room for a timestamp and a signature")
    signed, sig_groups = data[:-_SIGNATURE_GROUPS], data[-_SIGNATURE_GROUPS:]
    timestamp = groups_to_int(signed[:TIMESTAMP_GROUPS])

    found: dict[str, Any] = {}
    routes: list[tuple[RouteHintHop, ...]] = []
    fallbacks: list[Fallback] = []
    ignored: list[IgnoredField] = []
    fixed_lengths = {TAG_PAYMENT_HASH: 52, TAG_PAYMENT_SECRET: 52, TAG_DESCRIPTION_HASH: 52,
                     TAG_PAYEE: 53}

    for tag, fdata in _iter_fields(signed[TIMESTAMP_GROUPS:]):
        if tag in fixed_lengths and len(fdata) != fixed_lengths[tag]:
            ignored.append(IgnoredField(tag, fdata))  # wrong length: a reader skips it
            continue
        if tag == TAG_FALLBACK:
            fallback = _parse_fallback(fdata)
            if fallback is None:
                ignored.append(IgnoredField(tag, fdata))
            else:
                fallbacks.append(fallback)
            continue
        if tag == TAG_ROUTE:
            routes.append(_parse_routes(fdata))
            continue
        if tag not in (TAG_PAYMENT_HASH, TAG_PAYMENT_SECRET, TAG_DESCRIPTION, TAG_METADATA,
                       TAG_PAYEE, TAG_DESCRIPTION_HASH, TAG_EXPIRY, TAG_MIN_FINAL_CLTV,
                       TAG_FEATURES) or tag in found:
            ignored.append(IgnoredField(tag, fdata))  # unknown tag, or a less-preferred repeat
            continue
        if tag == TAG_DESCRIPTION:
            try:
                found[tag] = groups_to_bytes(fdata).decode("utf-8")
            except UnicodeDecodeError:
                raise InvoiceError("description ('d' field) is not valid UTF-8") from None
        elif tag == TAG_PAYEE:
            key = groups_to_bytes(fdata)
            try:
                _check_pubkey(key, PAYEE_KEY)
            except InvoiceError:
                ignored.append(IgnoredField(tag, fdata))  # not a valid `n`: recover instead
                continue
            found[tag] = key
        elif tag in (TAG_EXPIRY, TAG_MIN_FINAL_CLTV):
            found[tag] = _minimal_int(tag, fdata)
        elif tag == TAG_FEATURES:
            found[tag] = _parse_features(fdata, known_features)
        else:  # p, s, h, m: plain bytes
            found[tag] = groups_to_bytes(fdata)

    if TAG_PAYMENT_HASH not in found:
        raise InvoiceError("invoice has no payment hash ('p' field)")
    if TAG_PAYMENT_SECRET not in found:
        raise InvoiceError("invoice has no payment secret ('s' field)")
    if TAG_DESCRIPTION in found and TAG_DESCRIPTION_HASH in found:
        raise InvoiceError("invoice has both a description ('d') and a description hash ('h')")
    if TAG_DESCRIPTION not in found and TAG_DESCRIPTION_HASH not in found:
        raise InvoiceError("invoice has neither a description ('d') nor a description hash ('h')")

    signature = bytes(convertbits(sig_groups, 5, 8, pad=True))  # 520 bits: exactly 65 bytes
    payee = _check_signature(hrp, signed, signature, found.get(TAG_PAYEE))

    return Invoice(
        network=network,
        amount_msat=amount_msat,
        timestamp=timestamp,
        payment_hash=found[TAG_PAYMENT_HASH],
        payment_secret=found[TAG_PAYMENT_SECRET],
        payee=payee,
        description=found.get(TAG_DESCRIPTION),
        description_hash=found.get(TAG_DESCRIPTION_HASH),
        expiry=found.get(TAG_EXPIRY, DEFAULT_EXPIRY),
        min_final_cltv_expiry_delta=found.get(
            TAG_MIN_FINAL_CLTV, DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA
        ),
        features=found.get(TAG_FEATURES, frozenset()),
        route_hints=tuple(routes),
        fallbacks=tuple(fallbacks),
        metadata=found.get(TAG_METADATA),
        ignored_fields=tuple(ignored),
        signature=signature,
    )


def _check_signature(hrp: str, signed: list[int], signature: bytes, payee: bytes | None) -> bytes:
    """Verify against an explicit payee key (low-S only), else recover the key (any S)."""
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:64], "big")
    recid = signature[64]
    if not (0 < r < _SECP256K1_ORDER and 0 < s < _SECP256K1_ORDER):
        raise InvoiceError("signature is invalid (r or s out of range)")
    if recid > 3:
        raise InvoiceError(Sentence("signature recovery id is %1, must be 0 to 3", recid))
    digest = signing_hash(hrp, signed)
    if payee is not None:
        if s > _SECP256K1_ORDER // 2:
            raise InvoiceError(
                "signature is not in low-S form, which is required when the invoice "
                "names its payee ('n' field)"
            )
        try:
            ok = PublicKey(payee).verify(_der_signature(r, s), digest, hasher=None)
        except ValueError:
            ok = False
        if not ok:
            raise InvoiceError("signature does not match the payee key ('n' field)")
        return payee
    try:
        key = PublicKey.from_signature_and_message(signature, digest, hasher=None)
    except ValueError:
        raise InvoiceError("signature is invalid: no public key can be recovered from it") from None
    return key.format(compressed=True)


# ---------------------------------------------------------------------------------------
# Encoding






__all__ = [
    "DEFAULT_EXPIRY",
    "DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA",
    "KNOWN_FEATURES",
    "Fallback",
    "IgnoredField",
    "Invoice",
    "InvoiceError",
    "RouteHintHop",
    "decode_invoice",
    "format_amount",
    "format_short_channel_id",
    "parse_amount",
    "tagged_fields",
]
