"""BOLT 9 feature bits: a value type for feature vectors, the named features we know, where
each may appear, and what each depends on.

Bits come in pairs: the even bit means "required", the odd bit "supported" ("it's OK to be
odd": a node may ignore odd bits it doesn't know, but must refuse an even bit it doesn't
know). On the wire a feature vector is big-endian bytes with bit 0 the least significant bit
of the last byte.

Contexts follow the deployed table (bolts before features were marked ASSUMED): many peers
still set option_data_loss_protect, var_onion_optin or payment_secret, and we must accept
them where they are sent. Trampoline uses the draft bits 56/57 (bolts PR #836) and the bits
wallets deployed meanwhile: 148/149 (eclair/Phoenix) and 150/151 (Electrum).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from wallet.errors import InputError
from wallet.sentence import Sentence


class FeatureError(InputError):
    """A feature vector breaks a BOLT 9 rule (missing dependency, bit out of its context)."""


class Context(Enum):
    """Where a feature vector appears (BOLT 9's Context column)."""

    INIT = "I"
    NODE_ANNOUNCEMENT = "N"
    CHANNEL_ANNOUNCEMENT = "C"
    INVOICE = "9"
    CHANNEL_TYPE = "T"


_I, _N, _C, _9, _T = (Context.INIT, Context.NODE_ANNOUNCEMENT, Context.CHANNEL_ANNOUNCEMENT,
                      Context.INVOICE, Context.CHANNEL_TYPE)


@dataclass(frozen=True)
class Feature:
    """One named feature: its bit pair (`even_bit` required, `even_bit + 1` supported)."""

    name: str
    even_bit: int
    contexts: frozenset[Context]
    depends: tuple[str, ...] = ()
    #: the only valid bit is the odd one (initial_routing_sync)
    odd_only: bool = False
    #: contexts where `depends` is not enforced
    depends_not_in: frozenset[Context] = frozenset()

    @property
    def odd_bit(self) -> int:
        return self.even_bit + 1

    @property
    def bits(self) -> tuple[int, ...]:
        return (self.odd_bit,) if self.odd_only else (self.even_bit, self.odd_bit)


def _f(name: str, even_bit: int, contexts: str, *depends: str, **extra: object) -> Feature:
    ctx = frozenset(Context(c) for c in contexts)
    return Feature(name, even_bit, ctx, depends, **extra)  # type: ignore[arg-type]


FEATURES: tuple[Feature, ...] = (
    _f("option_data_loss_protect", 0, "IN"),
    _f("initial_routing_sync", 2, "I", odd_only=True),
    _f("option_upfront_shutdown_script", 4, "IN"),
    _f("gossip_queries", 6, "IN"),
    _f("var_onion_optin", 8, "IN9"),
    _f("gossip_queries_ex", 10, "IN", "gossip_queries"),
    _f("option_static_remotekey", 12, "INT"),
    _f("payment_secret", 14, "IN9", "var_onion_optin"),
    _f("basic_mpp", 16, "IN9", "payment_secret"),
    _f("option_support_large_channel", 18, "IN"),
    _f("option_anchor_outputs", 20, "INT", "option_static_remotekey"),
    _f("option_anchors_zero_fee_htlc_tx", 22, "INT", "option_static_remotekey"),
    _f("option_route_blinding", 24, "IN9", "var_onion_optin"),
    _f("option_shutdown_anysegwit", 26, "IN"),
    _f("option_dual_fund", 28, "IN"),
    _f("option_quiesce", 34, "IN"),
    _f("option_attribution_data", 36, "IN9"),
    _f("option_onion_messages", 38, "IN"),
    _f("option_provide_storage", 42, "IN"),
    _f("option_channel_type", 44, "IN"),
    _f("option_scid_alias", 46, "INT"),
    _f("option_payment_metadata", 48, "9"),
    # A zero-conf channel type need not also carry scid_alias; the node-level feature does.
    _f("option_zeroconf", 50, "INT", "option_scid_alias", depends_not_in=frozenset({_T})),
    _f("option_trampoline_routing", 56, "IN9"),  # bolts PR #836 (draft)
    _f("option_simple_close", 60, "IN", "option_shutdown_anysegwit"),
    _f("option_splice", 62, "IN"),
    _f("trampoline_payment_prototype", 148, "IN9"),  # eclair / Phoenix
    _f("option_trampoline_routing_electrum", 150, "IN9"),  # Electrum
)

BY_NAME: dict[str, Feature] = {f.name: f for f in FEATURES}
BY_BIT: dict[int, Feature] = {bit: f for f in FEATURES for bit in f.bits}


def _feature(name: str) -> Feature:
    try:
        return BY_NAME[name]
    except KeyError:
        raise FeatureError(Sentence("unknown feature name %1", repr(name))) from None


@dataclass(frozen=True)
class Features:
    """An immutable set of feature bits."""

    bits: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        bits = self.bits
        if not isinstance(bits, frozenset):
            try:
                bits = frozenset(bits)
            except TypeError:
                raise FeatureError("feature bits must be a collection of integers") from None
            object.__setattr__(self, "bits", bits)
        if any(not isinstance(b, int) or isinstance(b, bool) or b < 0 for b in bits):
            raise FeatureError("feature bits must be non-negative integers")

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def from_int(cls, value: int) -> Features:
        if not isinstance(value, int) or value < 0:
            raise FeatureError(Sentence("feature bits must be a non-negative integer, got %1", repr(value)))
        return cls(frozenset(i for i, digit in enumerate(reversed(bin(value)[2:])) if digit == "1"))

    @classmethod
    def from_bytes(cls, data: bytes) -> Features:
        """Parse a wire feature vector (big-endian, bit 0 = lowest bit of the last byte)."""
        if not isinstance(data, bytes | bytearray):
            raise FeatureError("feature vector must be bytes")
        return cls.from_int(int.from_bytes(data, "big"))

    @classmethod
    def of(cls, *optional: str, required: Iterable[str] = ()) -> Features:
        """Features by name: the odd bit for `optional` names, the even bit for `required`."""
        bits = {_feature(n).odd_bit for n in optional}
        for name in required:
            feature = _feature(name)
            if feature.odd_only:
                raise FeatureError(Sentence("%1 can only be optional", name))
            bits.add(feature.even_bit)
        return cls(frozenset(bits))

    # -- conversion -------------------------------------------------------------------------

    def to_int(self) -> int:
        value = 0
        for bit in self.bits:
            value |= 1 << bit
        return value

    def to_bytes(self) -> bytes:
        """Shortest big-endian encoding (b"" when no bit is set)."""
        value = self.to_int()
        return value.to_bytes((value.bit_length() + 7) // 8, "big")

    # -- queries ----------------------------------------------------------------------------

    def is_set(self, bit: int) -> bool:
        return bit in self.bits

    def supports(self, name: str) -> bool:
        """The feature is offered, optionally or as required."""
        return any(bit in self.bits for bit in _feature(name).bits)

    def requires(self, name: str) -> bool:
        feature = _feature(name)
        return not feature.odd_only and feature.even_bit in self.bits

    def names(self) -> list[str]:
        """Readable names, in bit order: "basic_mpp", "var_onion_optin (required)", "unknown bit 103"."""
        out: list[str] = []
        seen: set[str] = set()
        for bit in sorted(self.bits):
            feature = BY_BIT.get(bit)
            if feature is None:
                out.append(f"unknown bit {bit}" + (" (required)" if bit % 2 == 0 else ""))
            elif feature.name not in seen:
                seen.add(feature.name)
                out.append(feature.name + (" (required)" if self.requires(feature.name) else ""))
        return out

    # -- set algebra ------------------------------------------------------------------------

    def __or__(self, other: Features) -> Features:
        return Features(self.bits | other.bits)

    def __and__(self, other: Features) -> Features:
        return Features(self.bits & other.bits)

    def __sub__(self, other: Features) -> Features:
        return Features(self.bits - other.bits)

    def __bool__(self) -> bool:
        return bool(self.bits)

    def __repr__(self) -> str:
        return f"Features({', '.join(self.names())})"


def both_support(local: Features, remote: Features, name: str) -> bool:
    """The feature is negotiated: each side offers it, optionally or as required. (The
    bitwise `local & remote` misses it when one side sets the even bit, the other the odd:
    Electrum 4.8 requires anchors, bit 22, where Kite offers bit 23.)"""
    return local.supports(name) and remote.supports(name)


def validate(features: Features, context: Context, *, strict: bool = False) -> None:
    """Check a feature vector seen in `context`.

    Raises FeatureError if a known feature is set where BOLT 9 does not allow it, or if a
    feature is set without one of its dependencies. Unknown bits are not judged here (see
    `unknown_required`). With `strict` (for vectors we build ourselves) setting both bits of
    a pair is also an error; a receiver treats that as "required" instead.
    """
    for bit in sorted(features.bits):
        feature = BY_BIT.get(bit)
        if feature is None:
            continue
        if context not in feature.contexts:
            raise FeatureError(Sentence("feature %1 (bit %2) is not allowed in %3", feature.name, bit, context.name.lower()))
        if strict and not feature.odd_only and {feature.even_bit, feature.odd_bit} <= features.bits:
            raise FeatureError(Sentence("feature %1 has both its required and optional bits set", feature.name))
        if context in feature.depends_not_in:
            continue
        for dependency in feature.depends:
            if not features.supports(dependency):
                raise FeatureError(Sentence("feature %1 requires %2, which is not set", feature.name, dependency))


def unknown_required(features: Features, known: Iterable[str] | None = None) -> list[int]:
    """The even (required) bits among `features` that we don't understand, sorted.

    `known` names the features our node implements (default: every feature in `FEATURES`).
    A peer that requires any of the returned bits cannot talk to us: BOLT 1 says to fail
    the connection. Unknown odd bits are fine ("it's OK to be odd").
    """
    known_names = set(BY_NAME) if known is None else {_feature(n).name for n in known}
    missing = []
    for bit in sorted(features.bits):
        if bit % 2:
            continue
        feature = BY_BIT.get(bit)
        if feature is None or feature.name not in known_names:
            missing.append(bit)
    return missing
