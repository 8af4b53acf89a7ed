"""What every decoded BOLT 12 message is: its raw records (for the Merkle root and exact
copies) and the values of the fields we know."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from wallet.ln.bolt12.fields import stream_bytes
from wallet.ln.bolt12.merkle import merkle_root

BITCOIN_CHAIN = bytes.fromhex("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000")


def chain_hash(genesis_display_hex: str) -> bytes:
    """The BOLT chain_hash of a network: its genesis block hash in internal byte order."""
    return bytes.fromhex(genesis_display_hex)[::-1]


@dataclass(frozen=True)
class Bolt12Message:
    records: Mapping[int, bytes]
    values: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "records", MappingProxyType(dict(sorted(self.records.items()))))
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def to_bytes(self) -> bytes:
        return stream_bytes(self.records)

    @property
    def merkle_root(self) -> bytes:
        return merkle_root(self.records)

    def records_in(self, *ranges: tuple[int, int]) -> dict[int, bytes]:
        return {t: v for t, v in self.records.items() if any(lo <= t <= hi for lo, hi in ranges)}
