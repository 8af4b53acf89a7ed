"""BIP 32 hierarchical deterministic keys: derivation, serialization and strict parsing.

An `ExtendedKey` is immutable and knows its network, so it can print itself as
xprv/xpub/tprv/tpub or, for BIP 84 accounts, in the SLIP-132 zprv/zpub/vprv/vpub forms.
`ExtendedKey.parse` rejects every malformed key with one `ExtendedKeyError` whose message
says what is wrong; messages and `repr()` never show private key material.

Elliptic-curve arithmetic is done by libsecp256k1 (through coincurve).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from coincurve import PrivateKey, PublicKey

from wallet.errors import InputError, KiteError
from wallet.hashes import hash160, hmac_sha512
from wallet.keys.base58 import Base58Error, b58check_decode, b58check_encode
from wallet.networks import MAINNET, NETWORKS, Network

HARDENED = 0x80000000
CURVE_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_SERIALIZED_LENGTH = 78

Kind = Literal["x", "z"]


class ExtendedKeyError(InputError):
    """An extended key (xpub, zprv, ...) is malformed or cannot be used as asked."""


class DerivationPathError(InputError):
    """A derivation path such as m/84'/0'/0' is malformed."""


class InvalidChildError(KiteError):
    """BIP 32 yields no valid key at this index (probability below 2^-127); use the next."""


def _version_table() -> dict[bytes, tuple[Network, Kind, bool]]:
    """Map version bytes to (network, kind, is_private).

    Test networks share version bytes; a bare key is attributed to testnet (the first of
    them), and callers that know better pass the network to `ExtendedKey.parse`.
    """
    table: dict[bytes, tuple[Network, Kind, bool]] = {}
    for net in NETWORKS.values():
        for version, kind, private in (
            (net.xprv, "x", True),
            (net.xpub, "x", False),
            (net.zprv, "z", True),
            (net.zpub, "z", False),
        ):
            table.setdefault(version, (net, kind, private))
    return table


_VERSIONS = _version_table()


def _pubkey_of(secret: bytes) -> bytes:
    return PrivateKey(secret).public_key.format(compressed=True)


@dataclass(frozen=True, eq=True)
class ExtendedKey:
    """A BIP 32 node: a private or public key plus the chain code to derive its children."""

    network: Network
    depth: int
    parent_fingerprint: bytes
    child_number: int
    chain_code: bytes = field(repr=False)
    _private: bytes | None = field(repr=False)  # 32-byte secret, or None for a public key
    public_key: bytes = field(repr=False)  # 33-byte compressed point, always present

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_seed(cls, seed: bytes, network: Network) -> ExtendedKey:
        """The master key of a BIP 32 seed (16 to 64 bytes; BIP 39 seeds are 64)."""
        if not isinstance(seed, bytes | bytearray) or not 16 <= len(seed) <= 64:
            raise ExtendedKeyError("a BIP 32 seed must be 16 to 64 bytes")
        i = hmac_sha512(b"Bitcoin seed", bytes(seed))
        secret, chain = i[:32], i[32:]
        if not 0 < int.from_bytes(secret, "big") < CURVE_ORDER:
            raise InvalidChildError("this seed gives no valid master key; use another seed")
        return cls(network, 0, b"\x00" * 4, 0, chain, secret, _pubkey_of(secret))

    # -- properties -----------------------------------------------------------------------

    @property
    def is_private(self) -> bool:
        return self._private is not None

    @property
    def private_key(self) -> bytes:
        """The 32-byte secret; raises on a public-only key."""
        if self._private is None:
            raise ExtendedKeyError("this is a public extended key: it has no private key")
        return self._private

    @property
    def fingerprint(self) -> bytes:
        """First four bytes of HASH160 of the public key: the children's parent fingerprint."""
        return hash160(self.public_key)[:4]

    @property
    def is_hardened(self) -> bool:
        return self.child_number >= HARDENED

    def __repr__(self) -> str:
        kind = "private" if self.is_private else "public"
        return (
            f"ExtendedKey({kind}, {self.network.name}, depth={self.depth}, "
            f"fingerprint={self.fingerprint.hex()}, child={format_index(self.child_number)})"
        )

    # -- derivation -----------------------------------------------------------------------

    def neuter(self) -> ExtendedKey:
        """The public extended key of this node (itself if already public)."""
        if self._private is None:
            return self
        return ExtendedKey(
            self.network, self.depth, self.parent_fingerprint, self.child_number,
            self.chain_code, None, self.public_key,
        )

    def derive(self, index: int) -> ExtendedKey:
        """The child at `index` (>= 2^31 means hardened; see `HARDENED`)."""
        if not isinstance(index, int) or not 0 <= index < 2**32:
            raise DerivationPathError("a child index must be between 0 and 2^32 - 1")
        if self.depth >= 255:
            raise ExtendedKeyError("cannot derive below depth 255")
        hardened = index >= HARDENED
        if hardened:
            if self._private is None:
                raise ExtendedKeyError("cannot derive a hardened child from a public key")
            data = b"\x00" + self._private + index.to_bytes(4, "big")
        else:
            data = self.public_key + index.to_bytes(4, "big")
        i = hmac_sha512(self.chain_code, data)
        tweak, chain = i[:32], i[32:]
        if int.from_bytes(tweak, "big") >= CURVE_ORDER:
            raise InvalidChildError(f"child {format_index(index)} is invalid; use the next index")
        try:
            if self._private is not None:
                secret = PrivateKey(self._private).add(tweak).secret
                private, public = secret, _pubkey_of(secret)
            else:
                private, public = None, PublicKey(self.public_key).add(tweak).format(True)
        except ValueError:  # the child is zero or the point at infinity
            raise InvalidChildError(
                f"child {format_index(index)} is invalid; use the next index"
            ) from None
        return ExtendedKey(
            self.network, self.depth + 1, self.fingerprint, index, chain, private, public
        )

    def derive_path(self, path: str) -> ExtendedKey:
        """Derive along a path like "m/84'/0'/0'/0/1" (hardened: ', h or H).

        A path starting with "m" is absolute and needs a master key (depth 0); a path
        without it ("0/1") is relative to this key.
        """
        absolute, indexes = parse_path(path)
        if absolute and self.depth != 0:
            raise DerivationPathError(
                "a path starting with 'm' needs the master key; use a relative path"
            )
        key = self
        for index in indexes:
            key = key.derive(index)
        return key

    # -- serialization --------------------------------------------------------------------

    def _payload(self, kind: Kind) -> bytes:
        if kind == "x":
            version = self.network.xprv if self.is_private else self.network.xpub
        elif kind == "z":
            version = self.network.zprv if self.is_private else self.network.zpub
        else:
            raise ExtendedKeyError(f"unknown serialization kind {kind!r}; use 'x' or 'z'")
        keydata = b"\x00" + self._private if self._private is not None else self.public_key
        return (
            version
            + bytes([self.depth])
            + self.parent_fingerprint
            + self.child_number.to_bytes(4, "big")
            + self.chain_code
            + keydata
        )

    def serialize(self, kind: Kind = "x") -> str:
        """xprv/xpub (tprv/tpub on test networks), or with kind "z" zprv/zpub (vprv/vpub)."""
        return b58check_encode(self._payload(kind))

    @classmethod
    def parse(
        cls, text: str, network: Network | None = None
    ) -> tuple[ExtendedKey, Network, Kind]:
        """Parse and fully validate a serialized extended key.

        Returns (key, network, kind). Test networks share version bytes, so a test key is
        attributed to testnet unless `network` names the test network it belongs to. When
        `network` is given, a key of another network is rejected.
        """
        if not isinstance(text, str):
            raise ExtendedKeyError("an extended key must be text")
        text = text.strip()
        if not text:
            raise ExtendedKeyError("the extended key is empty")
        try:
            raw = b58check_decode(text)
        except Base58Error as e:
            raise ExtendedKeyError(f"not a valid extended key: {e}") from None
        if len(raw) != _SERIALIZED_LENGTH:
            raise ExtendedKeyError(
                f"an extended key holds {_SERIALIZED_LENGTH} bytes, this one {len(raw)}"
            )
        version = raw[0:4]
        try:
            found_net, kind, private = _VERSIONS[version]
        except KeyError:
            raise ExtendedKeyError(
                f"unknown extended key version {version.hex()}"
            ) from None
        if network is not None:
            if version not in (network.xprv, network.xpub, network.zprv, network.zpub):
                raise ExtendedKeyError(
                    f"this extended key is for {_network_family(found_net)}, not {network.name}"
                )
            found_net = network
        depth = raw[4]
        parent_fp = raw[5:9]
        child_number = int.from_bytes(raw[9:13], "big")
        chain = raw[13:45]
        keydata = raw[45:78]
        if depth == 0 and parent_fp != b"\x00" * 4:
            raise ExtendedKeyError("a master key (depth 0) must have parent fingerprint 0")
        if depth == 0 and child_number != 0:
            raise ExtendedKeyError("a master key (depth 0) must have child number 0")
        prefix = keydata[0]
        if private:
            if prefix in (2, 3):
                raise ExtendedKeyError("private key version but the key data is a public key")
            if prefix != 0:
                raise ExtendedKeyError(f"invalid private key prefix {prefix:02x}; expected 00")
            secret = keydata[1:]
            if not 0 < int.from_bytes(secret, "big") < CURVE_ORDER:
                raise ExtendedKeyError("the private key is out of range (must be 1..n-1)")
            key = cls(found_net, depth, parent_fp, child_number, chain, secret, _pubkey_of(secret))
        else:
            if prefix == 0:
                raise ExtendedKeyError("public key version but the key data is a private key")
            if prefix not in (2, 3):
                raise ExtendedKeyError(
                    f"invalid public key prefix {prefix:02x}; expected 02 or 03"
                )
            try:
                PublicKey(keydata)
            except ValueError:
                raise ExtendedKeyError("the public key is not a point on the curve") from None
            key = cls(found_net, depth, parent_fp, child_number, chain, None, keydata)
        return key, found_net, kind


def _network_family(net: Network) -> str:
    return "mainnet" if net.xpub == MAINNET.xpub else "a test network"


_COMPONENT = re.compile(r"(0|[1-9][0-9]*)(['hH]?)")


def parse_path(path: str) -> tuple[bool, list[int]]:
    """Split "m/84'/0'/0'" into (absolute, [indexes]); hardened marks: ', h, H."""
    if not isinstance(path, str):
        raise DerivationPathError("a derivation path must be text")
    parts = path.strip().split("/")
    absolute = parts[0] in ("m", "M")
    if absolute:
        parts = parts[1:]
    elif parts == [""]:
        raise DerivationPathError("the derivation path is empty")
    indexes = []
    for pos, part in enumerate(parts, 1):
        m = _COMPONENT.fullmatch(part)
        if m is None:
            raise DerivationPathError(
                f"step {pos} of the path ({part!r}) is not an index like 0, 7 or 84'"
            )
        n = int(m.group(1))
        if n >= HARDENED:
            raise DerivationPathError(f"step {pos} of the path is too large (at most 2^31 - 1)")
        indexes.append(n + HARDENED if m.group(2) else n)
    return absolute, indexes


def format_index(index: int) -> str:
    """An index as written in a path: 5 or 5'."""
    return f"{index - HARDENED}'" if index >= HARDENED else str(index)


def format_path(indexes: list[int]) -> str:
    return "/".join(["m", *(format_index(i) for i in indexes)])

