"""The recovery record: an OP_RETURN output in every funding transaction we make, so that a
wallet restored from its seed alone finds its channels in its own on-chain history.

Layout of the OP_RETURN data (70 bytes, under the 80-byte standardness limit)::

    b"KR" | version 0x01 | nonce (12) | ChaCha20-Poly1305(peer node id (33) | channel number (4, BE)) + tag (16)

The key is `LightningKeys.record_key` (derived from the seed, see `wallet/keys/lightning.py`);
the first three bytes are the associated data. The nonce is random per record. Anyone sees
that a transaction carries a Kite record (the marker, and a 70-byte OP_RETURN); only the seed
reads the peer and the channel number. Decoding never raises for what is not ours: an
OP_RETURN of another wallet, a wrong key, truncated or forged data all give None.
Pure: no I/O.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.errors import InputError

MAGIC = b"KR"
VERSION = 1
HEADER = MAGIC + bytes([VERSION])
NONCE_SIZE = 12
TAG_SIZE = 16
PLAIN_SIZE = 33 + 4
DATA_SIZE = len(HEADER) + NONCE_SIZE + PLAIN_SIZE + TAG_SIZE  # 70
OP_RETURN = 0x6A
MAX_CHANNEL_NUMBER = (1 << 31) - 1


class RecordError(InputError):
    """A recovery record cannot be made from these values."""


@dataclass(frozen=True)
class RecoveryRecord:
    """What a funding transaction's record says: the peer and our channel number."""

    peer_node_id: bytes
    key_index: int

    def __post_init__(self) -> None:
        if not isinstance(self.peer_node_id, bytes) or len(self.peer_node_id) != 33 \
                or self.peer_node_id[0] not in (2, 3):
            raise RecordError("a recovery record needs the peer's 33-byte compressed node id")
        if isinstance(self.key_index, bool) or not isinstance(self.key_index, int) \
                or not 0 <= self.key_index <= MAX_CHANNEL_NUMBER:
            raise RecordError("a recovery record's channel number must be between 0 and 2^31 - 1")


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != 32:
        raise RecordError("the record key must be 32 bytes")


def encode_data(record: RecoveryRecord, key: bytes, nonce: bytes | None = None) -> bytes:
    """The 70 bytes the OP_RETURN carries (`nonce` for tests; random otherwise)."""
    _check_key(key)
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    if len(nonce) != NONCE_SIZE:
        raise RecordError("the record nonce must be 12 bytes")
    plain = record.peer_node_id + record.key_index.to_bytes(4, "big")
    return HEADER + nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, HEADER)


def record_script(record: RecoveryRecord, key: bytes, nonce: bytes | None = None) -> bytes:
    """The scriptPubKey `OP_RETURN <70 bytes>` (a direct push: 70 < 76)."""
    data = encode_data(record, key, nonce)
    return bytes([OP_RETURN, len(data)]) + data


def decode_data(data: bytes, key: bytes) -> RecoveryRecord | None:
    """The record in `data` if it is one of ours (this key), else None."""
    _check_key(key)
    if not isinstance(data, bytes) or len(data) != DATA_SIZE or not data.startswith(HEADER):
        return None
    nonce = data[len(HEADER):len(HEADER) + NONCE_SIZE]
    try:
        plain = ChaCha20Poly1305(key).decrypt(nonce, data[len(HEADER) + NONCE_SIZE:], HEADER)
    except InvalidTag:
        return None  # another wallet's record, or a forged or damaged one
    try:
        return RecoveryRecord(plain[:33], int.from_bytes(plain[33:], "big"))
    except RecordError:
        return None  # authentic yet malformed: never written by us


def decode_script(script: bytes, key: bytes) -> RecoveryRecord | None:
    """The record in an output's scriptPubKey, or None when it holds none of ours."""
    if not isinstance(script, bytes) or len(script) != 2 + DATA_SIZE \
            or script[0] != OP_RETURN or script[1] != DATA_SIZE:
        return None
    return decode_data(script[2:], key)
