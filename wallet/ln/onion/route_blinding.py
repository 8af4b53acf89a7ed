"""Route blinding (BOLT 4): building a blinded path for a route to us, and unwrapping one hop
of somebody's path with our node key.

For hop i of a path built with path key e_0 (E_i = e_i·G):
ss_i = SHA256(e_i·N_i), blinded id B_i = HMAC256("blinded_node_id", ss_i)·N_i,
rho_i = HMAC256("rho", ss_i) encrypts the hop's `encrypted_data_tlv` (ChaCha20-Poly1305,
zero nonce, no associated data), e_{i+1} = SHA256(E_i || ss_i)·e_i. A hop's data may carry
`next_path_key_override` to join a path built by someone else.

Anything wrong inside a blinded route is `InvalidOnionBlinding` (BADONION|PERM|24): a node
in a blinded route never says more than that. Pure code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import coincurve
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.hashes import hmac_sha256, sha256
from wallet.ln.features import Features
from wallet.ln.onion.blinded_path import BlindedHop, BlindedPath
from wallet.ln.onion.sphinx import OnionBuildError, OnionError
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import (
    Reader,
    ShortChannelId,
    decode_tu,
    encode_tu,
    validate_point,
)
from wallet.ln.wire.tlv import decode_tlv_stream, encode_tlv_stream
from wallet.sentence import Sentence

_ZERO_NONCE = bytes(12)

PADDING = 1
SHORT_CHANNEL_ID = 2
NEXT_NODE_ID = 4
PATH_ID = 6
NEXT_PATH_KEY_OVERRIDE = 8
PAYMENT_RELAY = 10
PAYMENT_CONSTRAINTS = 12
ALLOWED_FEATURES = 14
_KNOWN = frozenset({PADDING, SHORT_CHANNEL_ID, NEXT_NODE_ID, PATH_ID, NEXT_PATH_KEY_OVERRIDE,
                    PAYMENT_RELAY, PAYMENT_CONSTRAINTS, ALLOWED_FEATURES})


class InvalidOnionBlinding(OnionError):
    """Something about a blinded hop is wrong (invalid_onion_blinding, BADONION|PERM|24)."""

    failure_code = 0x8000 | 0x4000 | 24


@dataclass(frozen=True)
class PaymentRelay:
    """What a blinded hop charges: applied to the amount it receives."""

    cltv_expiry_delta: int
    fee_proportional_millionths: int
    fee_base_msat: int

    def amount_to_forward(self, incoming_msat: int) -> int:
        """The most the hop forwards for `incoming_msat` (rounded up, as BOLT 4 says)."""
        ppm = self.fee_proportional_millionths
        return -(-(incoming_msat - self.fee_base_msat) * 1_000_000 // (1_000_000 + ppm))


@dataclass(frozen=True)
class PaymentConstraints:
    max_cltv_expiry: int
    htlc_minimum_msat: int


@dataclass(frozen=True)
class RecipientData:
    """The decrypted `encrypted_data_tlv` of one blinded hop."""

    padding: bytes | None = None
    short_channel_id: ShortChannelId | None = None
    next_node_id: bytes | None = None
    path_id: bytes | None = None
    next_path_key_override: bytes | None = None
    payment_relay: PaymentRelay | None = None
    payment_constraints: PaymentConstraints | None = None
    allowed_features: Features | None = None
    unknown: Mapping[int, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "unknown", MappingProxyType(dict(self.unknown)))

    def to_bytes(self) -> bytes:
        records: dict[int, bytes] = dict(self.unknown)
        try:
            if self.padding is not None:
                records[PADDING] = self.padding
            if self.short_channel_id is not None:
                records[SHORT_CHANNEL_ID] = ShortChannelId(*self.short_channel_id).to_bytes()
            if self.next_node_id is not None:
                records[NEXT_NODE_ID] = validate_point(self.next_node_id, "next_node_id")
            if self.path_id is not None:
                records[PATH_ID] = self.path_id
            if self.next_path_key_override is not None:
                records[NEXT_PATH_KEY_OVERRIDE] = validate_point(self.next_path_key_override,
                                                                 "next_path_key_override")
            if self.payment_relay is not None:
                r = self.payment_relay
                records[PAYMENT_RELAY] = (r.cltv_expiry_delta.to_bytes(2, "big")
                                          + r.fee_proportional_millionths.to_bytes(4, "big")
                                          + encode_tu(r.fee_base_msat, 4))
            if self.payment_constraints is not None:
                c = self.payment_constraints
                records[PAYMENT_CONSTRAINTS] = (c.max_cltv_expiry.to_bytes(4, "big")
                                                + encode_tu(c.htlc_minimum_msat, 8))
            if self.allowed_features is not None:
                records[ALLOWED_FEATURES] = self.allowed_features.to_bytes()
            return encode_tlv_stream(records)
        except (WireError, OverflowError) as exc:
            raise OnionBuildError(Sentence("cannot encode blinded hop data: %1", exc)) from exc

    @classmethod
    def from_bytes(cls, data: bytes) -> RecipientData:
        """Parse decrypted hop data; InvalidOnionBlinding on anything malformed."""
        try:
            records = decode_tlv_stream(data, _KNOWN)
            scid = records.get(SHORT_CHANNEL_ID)
            node = records.get(NEXT_NODE_ID)
            override = records.get(NEXT_PATH_KEY_OVERRIDE)
            relay = constraints = None
            if PAYMENT_RELAY in records:
                r = Reader(records[PAYMENT_RELAY])
                delta, ppm = r.read_uint(2, "cltv_expiry_delta"), r.read_uint(4, "ppm")
                relay = PaymentRelay(delta, ppm, decode_tu(r.read_rest(), 4))
            if PAYMENT_CONSTRAINTS in records:
                r = Reader(records[PAYMENT_CONSTRAINTS])
                constraints = PaymentConstraints(r.read_uint(4, "max_cltv_expiry"),
                                                 decode_tu(r.read_rest(), 8))
            if scid is not None and len(scid) != 8:
                raise WireError("short_channel_id must be 8 bytes")
            return cls(
                padding=records.get(PADDING),
                short_channel_id=ShortChannelId.from_bytes(scid) if scid is not None else None,
                next_node_id=validate_point(node, "next_node_id") if node is not None else None,
                path_id=records.get(PATH_ID),
                next_path_key_override=(validate_point(override, "next_path_key_override")
                                        if override is not None else None),
                payment_relay=relay,
                payment_constraints=constraints,
                allowed_features=(Features.from_bytes(records[ALLOWED_FEATURES])
                                  if ALLOWED_FEATURES in records else None),
                unknown={t: v for t, v in records.items() if t not in _KNOWN},
            )
        except (WireError, ValueError) as exc:
            raise InvalidOnionBlinding(Sentence("blinded hop data is malformed: %1", exc)) from None


# --- the primitives ----------------------------------------------------------------------


def _pub(key: bytes) -> bytes:
    return coincurve.PrivateKey(key).public_key.format(compressed=True)


def encrypt_data(rho: bytes, plaintext: bytes) -> bytes:
    return ChaCha20Poly1305(rho).encrypt(_ZERO_NONCE, plaintext, None)


def decrypt_data(rho: bytes, ciphertext: bytes) -> bytes:
    try:
        return ChaCha20Poly1305(rho).decrypt(_ZERO_NONCE, ciphertext, None)
    except (InvalidTag, ValueError):
        raise InvalidOnionBlinding("the blinded hop data does not decrypt with our key") from None


def blinded_node_id(node_id: bytes, shared_secret: bytes) -> bytes:
    tweak = hmac_sha256(b"blinded_node_id", shared_secret)
    return coincurve.PublicKey(node_id).multiply(tweak).format(compressed=True)


def next_path_key(path_key: bytes, shared_secret: bytes) -> bytes:
    """E_{i+1} = SHA256(E_i || ss_i)·E_i: what the next hop gets as its path key."""
    return coincurve.PublicKey(path_key).multiply(sha256(path_key + shared_secret)).format(
        compressed=True)


@dataclass(frozen=True)
class BlindedHopSecrets:
    """What the path's builder derived for one hop (kept to check vectors and tests)."""

    path_key: bytes
    shared_secret: bytes
    blinded_node_id: bytes
    encrypted_data: bytes


def build_blinded_hops(session_key: bytes, node_ids: Sequence[bytes],
                       payloads: Sequence[bytes]) -> list[BlindedHopSecrets]:
    """Blind a route: node_ids[i] gets payloads[i] (an encoded `RecipientData`)."""
    if not node_ids or len(node_ids) != len(payloads):
        raise OnionBuildError("a blinded path needs one payload per node, and a node")
    try:
        secret = coincurve.PrivateKey(session_key)
        out = []
        for node_id, payload in zip(node_ids, payloads, strict=True):
            path_key = secret.public_key.format(compressed=True)
            ss = secret.ecdh(validate_point(node_id, "blinded path node id"))
            out.append(BlindedHopSecrets(path_key, ss, blinded_node_id(node_id, ss),
                                         encrypt_data(hmac_sha256(b"rho", ss), payload)))
            secret = secret.multiply(sha256(path_key + ss))
        return out
    except (ValueError, TypeError, WireError) as exc:
        raise OnionBuildError(Sentence("cannot blind this route: %1", exc)) from exc


def build_blinded_path(session_key: bytes, node_ids: Sequence[bytes],
                       data: Sequence[RecipientData]) -> BlindedPath:
    """A blinded path from node_ids[0] (the introduction node, left in clear) to the last."""
    hops = build_blinded_hops(session_key, node_ids, [d.to_bytes() for d in data])
    return BlindedPath(bytes(node_ids[0]), hops[0].path_key,
                       tuple(BlindedHop(h.blinded_node_id, h.encrypted_data) for h in hops))


@dataclass(frozen=True)
class UnblindedHop:
    """One hop of a blinded route as its node reads it."""

    shared_secret: bytes
    blinded_private_key: bytes
    data: RecipientData
    next_path_key: bytes


def blinded_private_key(node_privkey: bytes, shared_secret: bytes) -> bytes:
    tweak = hmac_sha256(b"blinded_node_id", shared_secret)
    return coincurve.PrivateKey(node_privkey).multiply(tweak).secret


def path_shared_secret(node_privkey: bytes, path_key: bytes) -> bytes:
    try:
        return coincurve.PrivateKey(node_privkey).ecdh(validate_point(path_key, "path_key"))
    except (ValueError, TypeError, WireError):
        raise InvalidOnionBlinding("the path key is not a valid point") from None


def unblind_hop(node_privkey: bytes, path_key: bytes, encrypted_data: bytes) -> UnblindedHop:
    """Read our hop of a blinded route given the `path_key` that came with it."""
    ss = path_shared_secret(node_privkey, path_key)
    data = RecipientData.from_bytes(decrypt_data(hmac_sha256(b"rho", ss), encrypted_data))
    following = data.next_path_key_override or next_path_key(path_key, ss)
    return UnblindedHop(ss, blinded_private_key(node_privkey, ss), data, following)
