"""The `blinded_path` wire type (BOLT 4 route blinding), as offers, invoice requests,
invoices and onion-message reply paths carry it.

`first_node_id` is a `sciddir_or_pubkey`: a 33-byte point, or 9 bytes (direction 0/1 and a
short channel id) naming one end of a channel. A path with no hop is refused: it leads
nowhere. `blinded_payinfo` (what paying through a path costs, aggregated over its hops)
travels beside each payment path: in BOLT 12 invoices and in trampoline onions. Pure code;
every decoder raises `WireError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import Reader, ShortChannelId, validate_point
from wallet.sentence import Sentence

#: a hop's encrypted data is u16-length-prefixed, so at most this many bytes
MAX_ENCRYPTED_DATA = 0xFFFF


@dataclass(frozen=True)
class SciddirNode:
    """A node named by one end of a channel: `direction` 0 is node_1, 1 is node_2."""

    direction: int
    scid: ShortChannelId

    def to_bytes(self) -> bytes:
        return bytes([self.direction]) + self.scid.to_bytes()


@dataclass(frozen=True)
class BlindedHop:
    blinded_node_id: bytes
    encrypted_recipient_data: bytes


@dataclass(frozen=True)
class BlindedPath:
    """An introduction node (`first_node_id`), the first path key, and the blinded hops."""

    first_node_id: bytes | SciddirNode
    first_path_key: bytes
    hops: tuple[BlindedHop, ...]

    @property
    def final_node_id(self) -> bytes:
        """The blinded id of the last hop: the recipient as the path shows it."""
        return self.hops[-1].blinded_node_id

    def to_bytes(self) -> bytes:
        if not self.hops:
            raise WireError("blinded_path: a path needs at least one hop")
        if len(self.hops) > 255:
            raise WireError("blinded_path: at most 255 hops")
        first = self.first_node_id
        out = bytearray(first.to_bytes() if isinstance(first, SciddirNode)
                        else validate_point(first, "blinded_path.first_node_id"))
        out += validate_point(self.first_path_key, "blinded_path.first_path_key")
        out.append(len(self.hops))
        for hop in self.hops:
            data = hop.encrypted_recipient_data
            if len(data) > MAX_ENCRYPTED_DATA:
                raise WireError("onionmsg_hop: encrypted_recipient_data over 65535 bytes")
            out += validate_point(hop.blinded_node_id, "onionmsg_hop.blinded_node_id")
            out += len(data).to_bytes(2, "big") + data
        return bytes(out)


def read_sciddir_or_pubkey(reader: Reader, what: str) -> bytes | SciddirNode:
    prefix = reader.read(1, what)[0]
    if prefix in (0, 1):
        return SciddirNode(prefix, ShortChannelId.from_bytes(reader.read(8, what)))
    if prefix in (2, 3):
        return validate_point(bytes([prefix]) + reader.read(32, what), what)
    raise WireError(Sentence("%1: neither a public key nor a direction and channel (byte %2)", what, format(prefix, '#04x')))


def read_blinded_path(reader: Reader) -> BlindedPath:
    """Read one blinded_path from `reader` (raises WireError; a path of zero hops included)."""
    first = read_sciddir_or_pubkey(reader, "blinded_path.first_node_id")
    path_key = validate_point(reader.read(33, "blinded_path.first_path_key"),
                              "blinded_path.first_path_key")
    num_hops = reader.read(1, "blinded_path.num_hops")[0]
    if num_hops == 0:
        raise WireError("blinded_path: a path with no hop")
    hops = []
    for _ in range(num_hops):
        node = validate_point(reader.read(33, "onionmsg_hop.blinded_node_id"),
                              "onionmsg_hop.blinded_node_id")
        length = reader.read_uint(2, "onionmsg_hop.enclen")
        hops.append(BlindedHop(node, reader.read(length, "onionmsg_hop.encrypted_recipient_data")))
    return BlindedPath(first, path_key, tuple(hops))


def decode_blinded_paths(data: bytes) -> tuple[BlindedPath, ...]:
    """A `...*blinded_path` field: one or more paths filling `data` exactly."""
    reader = Reader(data)
    paths = []
    while not reader.at_end():
        paths.append(read_blinded_path(reader))
    if not paths:
        raise WireError("blinded paths: the field holds no path")
    return tuple(paths)


def encode_blinded_paths(paths: tuple[BlindedPath, ...] | list[BlindedPath]) -> bytes:
    if not paths:
        raise WireError("blinded paths: at least one path")
    return b"".join(p.to_bytes() for p in paths)


@dataclass(frozen=True)
class BlindedPayInfo:
    """What paying through one blinded path costs, aggregated over its hops."""

    fee_base_msat: int
    fee_proportional_millionths: int
    cltv_expiry_delta: int
    htlc_minimum_msat: int
    htlc_maximum_msat: int
    features: bytes = b""

    def fee_msat(self, amount_msat: int) -> int:
        """The fee for delivering `amount_msat` at the path's end (rounded up)."""
        return self.fee_base_msat + -(-amount_msat * self.fee_proportional_millionths // 1_000_000)

    def to_bytes(self) -> bytes:
        if len(self.features) > 0xFFFF:
            raise WireError("blinded_payinfo: features over 65535 bytes")
        try:
            return (self.fee_base_msat.to_bytes(4, "big")
                    + self.fee_proportional_millionths.to_bytes(4, "big")
                    + self.cltv_expiry_delta.to_bytes(2, "big")
                    + self.htlc_minimum_msat.to_bytes(8, "big")
                    + self.htlc_maximum_msat.to_bytes(8, "big")
                    + len(self.features).to_bytes(2, "big") + self.features)
        except OverflowError as exc:
            raise WireError(Sentence("blinded_payinfo: %1", exc)) from None


def read_payinfo(reader: Reader) -> BlindedPayInfo:
    fixed = [reader.read_uint(w, "blinded_payinfo") for w in (4, 4, 2, 8, 8)]
    flen = reader.read_uint(2, "blinded_payinfo.flen")
    return BlindedPayInfo(*fixed, reader.read(flen, "blinded_payinfo.features"))


def decode_payinfos(data: bytes) -> tuple[BlindedPayInfo, ...]:
    reader = Reader(data)
    out = []
    while not reader.at_end():
        out.append(read_payinfo(reader))
    return tuple(out)
