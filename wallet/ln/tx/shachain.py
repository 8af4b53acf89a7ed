"""Per-commitment secrets: BOLT 3 "Per-commitment Secret Requirements" and
"Efficient Per-commitment Secret Storage".

A channel side derives all its per-commitment secrets from one 32-byte seed
(`generate_from_seed`). Secret indexes are 48-bit and count *down*: commitment number 0
uses index 2^48-1 (`FIRST_INDEX`), commitment number n uses 2^48-1-n
(`commitment_secret`).

The peer reveals each old secret when revoking a commitment. `ShachainStore` keeps them in
at most 49 entries (one per count of trailing zero bits of the index), checks every new
secret against the earlier ones (a secret that cannot derive them is rejected with
`ShachainError`), can give back any secret received so far, and serializes to bytes for the
database.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.hashes import sha256
from wallet.ln.tx.errors import ChannelTxError

INDEX_BITS = 48
FIRST_INDEX = (1 << INDEX_BITS) - 1
"""The index of the first secret used (commitment number 0); later ones count down."""

_MAX_ENTRIES = INDEX_BITS + 1
_FORMAT_VERSION = 1
_ENTRY_SIZE = 1 + 6 + 32


class ShachainError(ChannelTxError):
    """A per-commitment secret is malformed, out of order, or inconsistent with earlier ones."""


def _check_index(index: int) -> None:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= FIRST_INDEX:
        raise ShachainError("per-commitment secret index must be an integer in [0, 2^48-1]")


def _check_commitment_number(commitment_number: int) -> None:
    if isinstance(commitment_number, bool) or not isinstance(commitment_number, int):
        raise ShachainError("commitment number must be an integer")
    if not 0 <= commitment_number <= FIRST_INDEX:
        raise ShachainError("commitment number must be in [0, 2^48-1]")


def _check_secret(secret: bytes, what: str) -> bytes:
    if not isinstance(secret, bytes | bytearray) or len(secret) != 32:
        raise ShachainError(f"{what} must be 32 bytes")
    return bytes(secret)


def _derive(base: bytes, bits: int, index: int) -> bytes:
    """Walk down from `base` flipping the low `bits` bits that are set in `index`."""
    value = bytearray(base)
    for bit in range(bits - 1, -1, -1):
        if (index >> bit) & 1:
            value[bit // 8] ^= 1 << (bit % 8)
            value = bytearray(sha256(bytes(value)))
    return bytes(value)


def generate_from_seed(seed: bytes, index: int) -> bytes:
    """The per-commitment secret at 48-bit `index` (BOLT 3 `generate_from_seed`)."""
    seed = _check_secret(seed, "seed")
    _check_index(index)
    return _derive(seed, INDEX_BITS, index)


def commitment_secret(seed: bytes, commitment_number: int) -> bytes:
    """The per-commitment secret of commitment number `commitment_number` (0, 1, 2, ...)."""
    _check_commitment_number(commitment_number)
    return generate_from_seed(seed, FIRST_INDEX - commitment_number)


def _position(index: int) -> int:
    """Where a secret is kept: the count of trailing zero bits of its index (48 for 0)."""
    if index == 0:
        return INDEX_BITS
    return (index & -index).bit_length() - 1


@dataclass(frozen=True)
class _Entry:
    index: int
    secret: bytes


class ShachainStore:
    """The received per-commitment secrets of the peer, in O(49) space.

    Secrets must arrive in order: index 2^48-1 first, then each one lower by one (the
    order in which `revoke_and_ack` reveals them). Each insert checks that the new secret
    derives every secret kept below its position.
    """

    def __init__(self) -> None:
        self._entries: dict[int, _Entry] = {}

    def __len__(self) -> int:
        """How many secrets have been received (not how many are stored)."""
        if not self._entries:
            return 0
        return FIRST_INDEX - self.last_index + 1

    @property
    def last_index(self) -> int | None:
        """Index of the most recently received secret, or None if none was received."""
        if not self._entries:
            return None
        return min(entry.index for entry in self._entries.values())

    @property
    def next_index(self) -> int | None:
        """Index the next secret must have, or None once index 0 has been received."""
        last = self.last_index
        if last is None:
            return FIRST_INDEX
        return last - 1 if last > 0 else None

    def insert(self, index: int, secret: bytes) -> None:
        """Add the secret at `index`; raise `ShachainError` (store unchanged) if it is bad."""
        _check_index(index)
        secret = _check_secret(secret, "per-commitment secret")
        expected = self.next_index
        if index != expected:
            if expected is None:
                raise ShachainError("all per-commitment secrets have already been received")
            raise ShachainError(
                f"per-commitment secret index {index} is out of order (expected {expected})"
            )
        position = _position(index)
        for lower in range(position):
            entry = self._entries.get(lower)
            if entry is not None and _derive(secret, position, entry.index) != entry.secret:
                raise ShachainError(
                    f"per-commitment secret {index} is inconsistent with earlier secrets"
                )
        self._entries[position] = _Entry(index, secret)

    def insert_commitment(self, commitment_number: int, secret: bytes) -> None:
        """`insert` by commitment number (0, 1, 2, ...) instead of index."""
        _check_commitment_number(commitment_number)
        self.insert(FIRST_INDEX - commitment_number, secret)

    def get(self, index: int) -> bytes:
        """The secret at `index`, which must have been received already."""
        _check_index(index)
        for position in range(_MAX_ENTRIES):
            entry = self._entries.get(position)
            if entry is None:
                continue
            mask = ~((1 << position) - 1)
            if index & mask == entry.index and index >= entry.index:
                return _derive(entry.secret, position, index)
        raise ShachainError(f"per-commitment secret {index} has not been received")

    def get_commitment(self, commitment_number: int) -> bytes:
        """The secret of commitment number `commitment_number` (see `commitment_secret`)."""
        _check_commitment_number(commitment_number)
        return self.get(FIRST_INDEX - commitment_number)

    # -- persistence -----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Serialize: version byte, entry count, then (position, 6-byte index, secret)."""
        out = bytearray([_FORMAT_VERSION, len(self._entries)])
        for position in sorted(self._entries):
            entry = self._entries[position]
            out.append(position)
            out += entry.index.to_bytes(6, "big")
            out += entry.secret
        data = bytes(out)
        _remember(data, self._entries)  # every entry was checked on its way in
        return data

    @classmethod
    def from_bytes(cls, data: bytes) -> ShachainStore:
        """Parse `to_bytes` output, re-checking every entry; raise `ShachainError`. Bytes
        checked recently are not checked again (a channel parses its stored secrets at every
        revocation, and the checks derive hundreds of hashes): the store is rebuilt from the
        entries found valid then."""
        key = bytes(data) if isinstance(data, bytes | bytearray) else None
        checked = _CHECKED.get(key) if key is not None else None
        if checked is not None:
            store = cls()
            store._entries = dict(checked)
            return store
        store = cls._parse(data)
        if key is not None:
            _remember(key, store._entries)
        return store

    @classmethod
    def _parse(cls, data: bytes) -> ShachainStore:
        if not isinstance(data, bytes | bytearray) or len(data) < 2:
            raise ShachainError("serialized shachain is too short")
        if data[0] != _FORMAT_VERSION:
            raise ShachainError(f"unknown serialized shachain version {data[0]}")
        count = data[1]
        if count > _MAX_ENTRIES or len(data) != 2 + count * _ENTRY_SIZE:
            raise ShachainError("serialized shachain has the wrong length")
        entries: list[_Entry] = []
        for k in range(count):
            raw = data[2 + k * _ENTRY_SIZE : 2 + (k + 1) * _ENTRY_SIZE]
            position = raw[0]
            index = int.from_bytes(raw[1:7], "big")
            if index > FIRST_INDEX or _position(index) != position:
                raise ShachainError("serialized shachain has an entry in the wrong position")
            if entries and position <= _position(entries[-1].index):
                raise ShachainError("serialized shachain entries are not in order")
            entries.append(_Entry(index, bytes(raw[7:])))
        store = cls()
        if not entries:
            return store
        # The received secrets must be exactly FIRST_INDEX down to the smallest index: each
        # kept entry is the latest secret with its count of trailing zeros.
        last = min(entry.index for entry in entries)
        for entry in entries:
            expected = _latest_with_position(last, _position(entry.index))
            if entry.index != expected:
                raise ShachainError("serialized shachain does not describe a received sequence")
        for position in range(_MAX_ENTRIES):
            expected = _latest_with_position(last, position)
            present = any(_position(entry.index) == position for entry in entries)
            if (expected is not None) != present:
                raise ShachainError("serialized shachain is missing entries")
        # Each entry must derive the lower entries received before it (those in its subtree).
        for entry in sorted(entries, key=lambda e: _position(e.index)):
            position = _position(entry.index)
            mask = ~((1 << position) - 1)
            for lower in range(position):
                kept = store._entries.get(lower)
                if kept is None or kept.index & mask != entry.index:
                    continue
                if _derive(entry.secret, position, kept.index) != kept.secret:
                    raise ShachainError("serialized shachain holds inconsistent secrets")
            store._entries[position] = entry
        return store


#: serialized stores found valid recently, with their entries (see `from_bytes`)
_CHECKED: dict[bytes, dict[int, _Entry]] = {}
_CHECKED_MAX = 64


def _remember(data: bytes, entries: dict[int, _Entry]) -> None:
    if data not in _CHECKED and len(_CHECKED) >= _CHECKED_MAX:
        del _CHECKED[next(iter(_CHECKED))]  # the oldest
    _CHECKED[data] = dict(entries)


def _latest_with_position(last: int, position: int) -> int | None:
    """The smallest index >= `last` with exactly `position` trailing zeros, if any."""
    if position == INDEX_BITS:
        return 0 if last == 0 else None
    step = 1 << position
    # Indexes with this many trailing zeros are odd multiples of `step`.
    candidate = -(-last // step) * step
    if (candidate // step) % 2 == 0:
        candidate += step
    return candidate if candidate <= FIRST_INDEX else None
