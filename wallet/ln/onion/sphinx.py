"""BOLT 4 Sphinx onions: building a packet for a route, peeling one layer as a hop, and the
per-hop payload (a TLV stream) every hop finds inside.

Pure code: no I/O. The same construction serves payment onions (1300-byte `hop_payloads`) and
trampoline onions (smaller, e.g. 400 bytes); the payload size of a received packet is read
from its length. Anything wrong with a received packet raises a subclass of `OnionError`
whose `failure_code` is the BOLT 4 failure to send back: the `BadOnionError` ones go into
`update_fail_malformed_htlc`, `InvalidOnionPayload` into an ordinary failure message.
"""

from __future__ import annotations

import hmac as _hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import coincurve
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

from wallet.errors import InputError
from wallet.hashes import hmac_sha256, sha256
from wallet.ln.wire.bigsize import decode_bigsize, encode_bigsize
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import ShortChannelId, decode_tu, encode_tu, validate_point
from wallet.ln.wire.tlv import decode_tlv_stream, encode_tlv_stream

ONION_VERSION = 0
PAYMENT_ONION_PAYLOAD_SIZE = 1300
TRAMPOLINE_ONION_PAYLOAD_SIZE = 400
HMAC_SIZE = 32
PUBKEY_SIZE = 33
PACKET_OVERHEAD = 1 + PUBKEY_SIZE + HMAC_SIZE  # version, public_key, hmac
_ZERO_HMAC = bytes(HMAC_SIZE)

# BOLT 4 failure flags, repeated here so this module does not depend on onion_failures.
_BADONION = 0x8000
_PERM = 0x4000


class OnionError(InputError):
    """Something about an onion (ours or a peer's) is malformed or unacceptable."""

    failure_code: int | None = None


class BadOnionError(OnionError):
    """The packet itself cannot be processed: reply with `update_fail_malformed_htlc`."""


class InvalidOnionVersion(BadOnionError):
    """Unknown version byte, or a packet too short to hold one (BADONION|PERM|4)."""

    failure_code = _BADONION | _PERM | 4


class InvalidOnionHmac(BadOnionError):
    """The packet's HMAC does not match: corrupted, replayed elsewhere, or not for us."""

    failure_code = _BADONION | _PERM | 5


class InvalidOnionKey(BadOnionError):
    """The ephemeral public key is not a valid point (BADONION|PERM|6)."""

    failure_code = _BADONION | _PERM | 6


class InvalidOnionPayload(OnionError):
    """The HMAC was right but the hop payload is malformed or incomplete (PERM|22)."""

    failure_code = _PERM | 22

    def __init__(self, message: str, tlv_type: int = 0, offset: int = 0) -> None:
        super().__init__(message)
        self.tlv_type = tlv_type
        self.offset = offset


def sha256_of_onion(packet: bytes) -> bytes:
    """The onion's hash that `update_fail_malformed_htlc` and BADONION failures carry."""
    return sha256(bytes(packet))


class OnionBuildError(OnionError):
    """We were asked to build an onion that cannot exist (too big, bad key, bad payload)."""


# --- Sphinx primitives -------------------------------------------------------------------


def generate_key(key_type: bytes, secret: bytes) -> bytes:
    """BOLT 4 key generation: HMAC-SHA256 keyed with the key-type name (rho, mu, um, ammag, pad)."""
    return hmac_sha256(key_type, secret)


def chacha20_stream(key: bytes, length: int) -> bytes:
    """`length` bytes of ChaCha20 keystream with a zero 96-bit nonce and a zero counter.

    `cryptography` takes a 16-byte nonce made of a 4-byte little-endian counter followed by
    the 12-byte nonce; all sixteen are zero here.
    """
    encryptor = Cipher(algorithms.ChaCha20(key, bytes(16)), mode=None).encryptor()
    return encryptor.update(bytes(length))


def xor_bytes(a: bytes, b: bytes) -> bytes:
    """XOR of two equal-length byte strings."""
    if len(a) != len(b):
        raise ValueError("xor_bytes needs equal lengths")
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(len(a), "big")


def ecdh(private_key: bytes, public_key: bytes) -> bytes:
    """SHA256 of the compressed point private_key * public_key (libsecp256k1's ECDH)."""
    return coincurve.PrivateKey(private_key).ecdh(public_key)


def blinding_factor(ephemeral_pubkey: bytes, shared_secret: bytes) -> bytes:
    """SHA256(ephemeral public key || shared secret): the tweak to the next hop's key."""
    return sha256(ephemeral_pubkey + shared_secret)


@dataclass(frozen=True)
class HopSecret:
    """What the origin derives for one hop: the ephemeral key that hop sees and the secret."""

    ephemeral_pubkey: bytes
    shared_secret: bytes


def route_shared_secrets(session_key: bytes, node_ids: Sequence[bytes]) -> list[HopSecret]:
    """Shared secrets with every hop of a route, as the origin computes them."""
    try:
        ephemeral = coincurve.PrivateKey(session_key)
    except (ValueError, TypeError) as exc:
        raise OnionBuildError("the onion session key is not a valid private key") from exc
    secrets: list[HopSecret] = []
    for index, node_id in enumerate(node_ids):
        try:
            shared = ephemeral.ecdh(node_id)
        except (ValueError, TypeError) as exc:
            raise OnionBuildError(f"hop {index}: node id is not a valid public key") from exc
        epk = ephemeral.public_key.format(compressed=True)
        secrets.append(HopSecret(epk, shared))
        try:
            ephemeral = ephemeral.multiply(blinding_factor(epk, shared))
        except ValueError as exc:  # blinding factor of zero or >= n: astronomically unlikely
            raise OnionBuildError(f"hop {index}: degenerate blinding factor") from exc
    return secrets


def generate_filler(
    key_type: bytes, frame_lengths: Sequence[int], shared_secrets: Sequence[bytes], payload_size: int
) -> bytes:
    """The bytes each hop's left shift will have appended once the route's last hop is reached.

    The origin needs them to compute every HMAC. `frame_lengths[i]` is hop i's whole frame
    (bigsize length + payload + HMAC); the final hop's frame does not contribute.
    """
    filler = b""
    for frame_len, secret in zip(frame_lengths[:-1], shared_secrets[:-1], strict=True):
        filler += bytes(frame_len)
        stream = chacha20_stream(generate_key(key_type, secret), payload_size + frame_len)
        filler = xor_bytes(filler, stream[len(stream) - len(filler):])
    return filler


# --- Packets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OnionPacket:
    """An onion packet split into its four fields."""

    version: int
    public_key: bytes
    hop_payloads: bytes
    hmac: bytes

    def to_bytes(self) -> bytes:
        return bytes([self.version]) + self.public_key + self.hop_payloads + self.hmac

    @classmethod
    def from_bytes(cls, data: bytes) -> OnionPacket:
        """Split a packet; checks only the lengths (and nothing that needs a key)."""
        data = bytes(data)
        if len(data) <= PACKET_OVERHEAD:
            raise InvalidOnionVersion(
                f"onion packet is {len(data)} bytes; it needs more than {PACKET_OVERHEAD}"
            )
        return cls(
            version=data[0],
            public_key=data[1 : 1 + PUBKEY_SIZE],
            hop_payloads=data[1 + PUBKEY_SIZE : -HMAC_SIZE],
            hmac=data[-HMAC_SIZE:],
        )


@dataclass(frozen=True)
class BuiltOnion:
    """A freshly built onion and the per-hop secrets the origin keeps to read failures."""

    packet: bytes
    shared_secrets: tuple[bytes, ...]


def frame_hop_payload(payload: bytes) -> bytes:
    """bigsize(length) || payload: one hop's frame without its trailing HMAC."""
    return encode_bigsize(len(payload)) + payload


def payloads_size(payloads: Sequence[bytes]) -> int:
    """Bytes the payloads take in `hop_payloads` (frames plus HMACs): the smallest onion size."""
    return sum(len(frame_hop_payload(bytes(p))) + HMAC_SIZE for p in payloads)


def build_onion(
    node_ids: Sequence[bytes],
    payloads: Sequence[bytes],
    session_key: bytes,
    associated_data: bytes = b"",
    payload_size: int = PAYMENT_ONION_PAYLOAD_SIZE,
) -> BuiltOnion:
    """Build a Sphinx packet delivering `payloads[i]` (serialized TLV) to `node_ids[i]`.

    `associated_data` (the payment hash for payments) is committed to by every HMAC.
    `payload_size` is 1300 for payment onions; trampoline onions use smaller ones.
    """
    if not node_ids:
        raise OnionBuildError("an onion needs at least one hop")
    if len(node_ids) != len(payloads):
        raise OnionBuildError(f"{len(node_ids)} hops but {len(payloads)} payloads")
    if payload_size <= 0:
        raise OnionBuildError("the onion payload size must be positive")
    for index, payload in enumerate(payloads):
        if len(payload) < 2:
            raise OnionBuildError(f"hop {index}: a hop payload is at least 2 bytes")
    frames = [frame_hop_payload(bytes(p)) for p in payloads]
    total = sum(len(f) + HMAC_SIZE for f in frames)
    if total > payload_size:
        raise OnionBuildError(
            f"hop payloads need {total} bytes but the onion holds only {payload_size}"
        )
    hops = route_shared_secrets(session_key, node_ids)
    secrets = [h.shared_secret for h in hops]
    filler = generate_filler(b"rho", [len(f) + HMAC_SIZE for f in frames], secrets, payload_size)

    mix_header = chacha20_stream(generate_key(b"pad", session_key), payload_size)
    next_hmac = _ZERO_HMAC
    for i in range(len(frames) - 1, -1, -1):
        frame = frames[i] + next_hmac
        mix_header = frame + mix_header[: payload_size - len(frame)]
        stream = chacha20_stream(generate_key(b"rho", secrets[i]), payload_size)
        mix_header = xor_bytes(mix_header, stream)
        if i == len(frames) - 1 and filler:
            mix_header = mix_header[: payload_size - len(filler)] + filler
        next_hmac = hmac_sha256(generate_key(b"mu", secrets[i]), mix_header + associated_data)

    packet = OnionPacket(ONION_VERSION, hops[0].ephemeral_pubkey, mix_header, next_hmac)
    return BuiltOnion(packet.to_bytes(), tuple(secrets))


@dataclass(frozen=True)
class PeeledOnion:
    """One layer taken off: our payload, and the packet for the next hop (None if we are last).

    `shared_secret` must be kept with the HTLC: it encrypts any failure we send back.
    """

    payload: bytes
    next_packet: bytes | None
    shared_secret: bytes

    @property
    def is_final(self) -> bool:
        return self.next_packet is None


def _parse_public_key(public_key: bytes) -> coincurve.PublicKey:
    try:
        return coincurve.PublicKey(public_key)
    except (ValueError, TypeError) as exc:
        raise InvalidOnionKey("the onion's ephemeral public key is not a valid point") from exc


def peel_onion(packet: bytes, node_privkey: bytes, associated_data: bytes = b"") -> PeeledOnion:
    """Process a received onion as the hop owning `node_privkey` (BOLT 4 "Onion Decryption")."""
    onion = OnionPacket.from_bytes(packet)
    if onion.version != ONION_VERSION:
        raise InvalidOnionVersion(f"unknown onion version {onion.version}")
    ephemeral = _parse_public_key(onion.public_key)
    try:
        shared_secret = coincurve.PrivateKey(node_privkey).ecdh(onion.public_key)
    except (ValueError, TypeError) as exc:
        raise InvalidOnionKey("cannot derive a shared secret from the onion key") from exc

    expected = hmac_sha256(generate_key(b"mu", shared_secret), onion.hop_payloads + associated_data)
    if not _hmac.compare_digest(expected, onion.hmac):
        raise InvalidOnionHmac("the onion HMAC does not match (corrupted, or not for us)")

    size = len(onion.hop_payloads)
    stream = chacha20_stream(generate_key(b"rho", shared_secret), 2 * size)
    unwrapped = xor_bytes(onion.hop_payloads + bytes(size), stream)
    try:
        length, offset = decode_bigsize(unwrapped)
    except WireError as exc:
        raise InvalidOnionPayload("the hop payload length is not a valid bigsize") from exc
    if length < 2:
        raise InvalidOnionPayload(f"hop payload length {length} is reserved (legacy or unknown)")
    end = offset + length
    if end + HMAC_SIZE > size:
        raise InvalidOnionPayload(
            f"hop payload of {length} bytes does not fit in a {size}-byte onion"
        )
    payload = unwrapped[offset:end]
    next_hmac = unwrapped[end : end + HMAC_SIZE]
    if next_hmac == _ZERO_HMAC:
        return PeeledOnion(payload, None, shared_secret)

    tweak = blinding_factor(onion.public_key, shared_secret)
    try:
        next_key = ephemeral.multiply(tweak).format(compressed=True)
    except ValueError as exc:
        raise InvalidOnionKey("the next ephemeral key is degenerate") from exc
    remaining = unwrapped[end + HMAC_SIZE : end + HMAC_SIZE + size]
    next_packet = OnionPacket(ONION_VERSION, next_key, remaining, next_hmac)
    return PeeledOnion(payload, next_packet.to_bytes(), shared_secret)


# --- Per-hop payloads ----------------------------------------------------------------------

AMT_TO_FORWARD = 2
OUTGOING_CLTV_VALUE = 4
SHORT_CHANNEL_ID = 6
PAYMENT_DATA = 8
ENCRYPTED_RECIPIENT_DATA = 10
CURRENT_PATH_KEY = 12
PAYMENT_METADATA = 16
TOTAL_AMOUNT_MSAT = 18
PAYLOAD_TYPES = frozenset(
    {
        AMT_TO_FORWARD,
        OUTGOING_CLTV_VALUE,
        SHORT_CHANNEL_ID,
        PAYMENT_DATA,
        ENCRYPTED_RECIPIENT_DATA,
        CURRENT_PATH_KEY,
        PAYMENT_METADATA,
        TOTAL_AMOUNT_MSAT,
    }
)


@dataclass(frozen=True)
class HopPayload:
    """The TLV `payload` one hop finds in the onion (BOLT 4 "payload format").

    `payment_secret` and `total_msat` together are the `payment_data` record (type 8).
    `extra` holds every other record by type: the trampoline records, or unknown odd types
    a sender added. Amounts are in millisatoshi, CLTV values are absolute block heights.
    """

    amt_to_forward: int | None = None
    outgoing_cltv_value: int | None = None
    short_channel_id: ShortChannelId | None = None
    payment_secret: bytes | None = None
    total_msat: int | None = None
    payment_metadata: bytes | None = None
    total_amount_msat: int | None = None
    encrypted_recipient_data: bytes | None = None
    current_path_key: bytes | None = None
    extra: Mapping[int, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))

    @classmethod
    def forward(
        cls, amt_to_forward: int, outgoing_cltv_value: int, short_channel_id: ShortChannelId
    ) -> HopPayload:
        """The payload of an intermediate hop."""
        return cls(amt_to_forward, outgoing_cltv_value, short_channel_id)

    @classmethod
    def final(
        cls,
        amt_to_forward: int,
        outgoing_cltv_value: int,
        payment_secret: bytes | None = None,
        total_msat: int | None = None,
        payment_metadata: bytes | None = None,
        extra: Mapping[int, bytes] | None = None,
    ) -> HopPayload:
        """The payload of the final hop; `total_msat` defaults to the amount (no MPP)."""
        if payment_secret is not None and total_msat is None:
            total_msat = amt_to_forward
        return cls(
            amt_to_forward,
            outgoing_cltv_value,
            payment_secret=payment_secret,
            total_msat=total_msat,
            payment_metadata=payment_metadata,
            extra=extra or {},
        )

    def to_records(self) -> dict[int, bytes]:
        """The TLV records of this payload, by type (raises OnionBuildError on bad values)."""
        try:
            records: dict[int, bytes] = {}
            if self.amt_to_forward is not None:
                records[AMT_TO_FORWARD] = encode_tu(self.amt_to_forward, 8)
            if self.outgoing_cltv_value is not None:
                records[OUTGOING_CLTV_VALUE] = encode_tu(self.outgoing_cltv_value, 4)
            if self.short_channel_id is not None:
                records[SHORT_CHANNEL_ID] = ShortChannelId(*self.short_channel_id).to_bytes()
            if (self.payment_secret is None) != (self.total_msat is None):
                raise OnionBuildError("payment_data needs both payment_secret and total_msat")
            if self.payment_secret is not None and self.total_msat is not None:
                if len(self.payment_secret) != 32:
                    raise OnionBuildError("payment_secret must be 32 bytes")
                records[PAYMENT_DATA] = bytes(self.payment_secret) + encode_tu(self.total_msat, 8)
            if self.encrypted_recipient_data is not None:
                records[ENCRYPTED_RECIPIENT_DATA] = bytes(self.encrypted_recipient_data)
            if self.current_path_key is not None:
                records[CURRENT_PATH_KEY] = validate_point(self.current_path_key, "current_path_key")
            if self.payment_metadata is not None:
                records[PAYMENT_METADATA] = bytes(self.payment_metadata)
            if self.total_amount_msat is not None:
                records[TOTAL_AMOUNT_MSAT] = encode_tu(self.total_amount_msat, 8)
        except WireError as exc:
            raise OnionBuildError(f"cannot encode hop payload: {exc}") from exc
        for tlv_type, value in self.extra.items():
            if tlv_type in PAYLOAD_TYPES:
                raise OnionBuildError(f"record type {tlv_type} belongs in its named field")
            records[tlv_type] = bytes(value)
        return records

    def encode(self) -> bytes:
        """The serialized TLV stream (what `build_onion` takes as a payload)."""
        try:
            return encode_tlv_stream(self.to_records())
        except WireError as exc:
            raise OnionBuildError(f"cannot encode hop payload: {exc}") from exc

    @classmethod
    def decode(cls, data: bytes, extra_known_types: Iterable[int] = ()) -> HopPayload:
        """Parse a hop payload. Unknown even types are refused, unless in `extra_known_types`.

        Raises InvalidOnionPayload naming the offending type and its byte offset.
        """
        data = bytes(data)
        known = PAYLOAD_TYPES | frozenset(extra_known_types)
        try:
            records = decode_tlv_stream(data, known_types=known)
        except WireError as exc:
            raise InvalidOnionPayload(f"hop payload is not a valid TLV stream: {exc}") from exc
        return cls.from_records(records, raw=data)

    @classmethod
    def from_records(cls, records: Mapping[int, bytes], raw: bytes = b"") -> HopPayload:
        """Build from decoded TLV records, checking each known record's value."""

        def bad(tlv_type: int, what: str) -> InvalidOnionPayload:
            return InvalidOnionPayload(
                f"hop payload record {tlv_type}: {what}", tlv_type, record_offset(raw, tlv_type)
            )

        def tu(tlv_type: int, width: int) -> int | None:
            if tlv_type not in records:
                return None
            try:
                return decode_tu(records[tlv_type], width)
            except WireError as exc:
                raise bad(tlv_type, str(exc)) from exc

        scid = None
        if SHORT_CHANNEL_ID in records:
            if len(records[SHORT_CHANNEL_ID]) != 8:
                raise bad(SHORT_CHANNEL_ID, "short_channel_id must be 8 bytes")
            scid = ShortChannelId.from_int(int.from_bytes(records[SHORT_CHANNEL_ID], "big"))
        secret = total = None
        if PAYMENT_DATA in records:
            value = records[PAYMENT_DATA]
            if not 32 <= len(value) <= 40:
                raise bad(PAYMENT_DATA, "payment_data must be a 32-byte secret and a tu64")
            secret = value[:32]
            try:
                total = decode_tu(value[32:], 8)
            except WireError as exc:
                raise bad(PAYMENT_DATA, str(exc)) from exc
        path_key = records.get(CURRENT_PATH_KEY)
        if path_key is not None:
            try:
                validate_point(path_key, "current_path_key")
            except WireError as exc:
                raise bad(CURRENT_PATH_KEY, str(exc)) from exc
        return cls(
            amt_to_forward=tu(AMT_TO_FORWARD, 8),
            outgoing_cltv_value=tu(OUTGOING_CLTV_VALUE, 4),
            short_channel_id=scid,
            payment_secret=secret,
            total_msat=total,
            payment_metadata=records.get(PAYMENT_METADATA),
            total_amount_msat=tu(TOTAL_AMOUNT_MSAT, 8),
            encrypted_recipient_data=records.get(ENCRYPTED_RECIPIENT_DATA),
            current_path_key=path_key,
            extra={t: v for t, v in records.items() if t not in PAYLOAD_TYPES},
        )

    def _refuse_blinding(self) -> None:
        if self.encrypted_recipient_data is not None:
            raise InvalidOnionPayload(
                "blinded payments are not supported", ENCRYPTED_RECIPIENT_DATA
            )
        if self.current_path_key is not None:
            raise InvalidOnionPayload("current_path_key outside a blinded route", CURRENT_PATH_KEY)

    def _require_amount_and_cltv(self) -> None:
        if self.amt_to_forward is None:
            raise InvalidOnionPayload("hop payload lacks amt_to_forward", AMT_TO_FORWARD)
        if self.outgoing_cltv_value is None:
            raise InvalidOnionPayload("hop payload lacks outgoing_cltv_value", OUTGOING_CLTV_VALUE)

    def validate_intermediate(self) -> None:
        """BOLT 4 reader rules for a hop that must forward (outside blinded routes)."""
        self._refuse_blinding()
        self._require_amount_and_cltv()
        if self.short_channel_id is None:
            raise InvalidOnionPayload("forwarding payload lacks short_channel_id", SHORT_CHANNEL_ID)
        if self.payment_secret is not None:
            raise InvalidOnionPayload("forwarding payload must not carry payment_data", PAYMENT_DATA)

    def validate_final(self) -> None:
        """BOLT 4 reader rules for the final hop (outside blinded routes)."""
        self._refuse_blinding()
        self._require_amount_and_cltv()
        if self.short_channel_id is not None:
            raise InvalidOnionPayload("final payload must not carry short_channel_id", SHORT_CHANNEL_ID)

    @property
    def effective_total_msat(self) -> int | None:
        """The payment's total: payment_data's total_msat, else total_amount_msat, else the amount."""
        if self.total_msat is not None:
            return self.total_msat
        if self.total_amount_msat is not None:
            return self.total_amount_msat
        return self.amt_to_forward


def record_offset(data: bytes, tlv_type: int) -> int:
    """Byte offset of record `tlv_type` in a TLV stream (0 if it cannot be found)."""
    offset = 0
    try:
        while offset < len(data):
            found, after_type = decode_bigsize(data, offset)
            length, after_len = decode_bigsize(data, after_type)
            if found == tlv_type:
                return offset
            offset = after_len + length
    except WireError:
        pass
    return 0
