"""The blob our peers keep for us (BOLT 1 peer storage, `option_provide_storage`): our
channels as the backup file lists them (`backup_file.py`), with a sequence number that
only grows, so the newest of several blobs is known and a blob newer than anything this
wallet sent shows another wallet with the same seed is running.

Layout::

    b"KPS" | version 0x01 | nonce (12) | ChaCha20-Poly1305(JSON {network, seq, channels}) + tag

Key: `LightningKeys.peer_storage_key` (the header is the associated data). At most
`MAX_BLOB` bytes (BOLT 1: 65531); the channels with the peer that keeps the blob come first,
the others as many as fit. A restored wallet uses a blob only to find channels and ask their
peers to close: nothing in it is ever broadcast or signed, so an old (stale) blob cannot make
us publish a revoked state. A blob that does not decrypt under our key (garbage, another
node's, altered) decodes to None. Pure: no I/O.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.ln.recovery.backup_file import MAX_CHANNELS, BackedUpChannel, channel_from_json

MAGIC = b"KPS"
VERSION = 1
HEADER = MAGIC + bytes([VERSION])
NONCE_SIZE = 12
TAG_SIZE = 16
MAX_BLOB = 65531  # BOLT 1: the largest blob a peer_storage message carries


@dataclass(frozen=True)
class PeerBackup:
    network: str
    seq: int
    channels: tuple[BackedUpChannel, ...]


def _seal(body: dict[str, Any], key: bytes, nonce: bytes) -> bytes:
    plain = json.dumps(body, separators=(",", ":"), sort_keys=True).encode()
    return HEADER + nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, HEADER)


def encode(backup: PeerBackup, key: bytes, for_peer: bytes | None = None,
           nonce: bytes | None = None) -> bytes:
    """The blob for the peer `for_peer` (its channels first); channels that would make it
    larger than MAX_BLOB are left out (the others still find them: records, files)."""
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    channels = sorted(backup.channels,
                      key=lambda c: (c.channel.peer_node_id != for_peer, c.channel.key_index))
    entries: list[dict[str, Any]] = []
    body = {"network": backup.network, "seq": backup.seq, "channels": entries}
    for c in channels[:MAX_CHANNELS]:
        entries.append(c.to_json())
        if len(_seal(body, key, nonce)) > MAX_BLOB:
            entries.pop()
            break
    return _seal(body, key, nonce)


def decode(blob: bytes, key: bytes, network: str) -> PeerBackup | None:
    """Our backup in `blob`, or None when it is not ours, not whole, or not for `network`."""
    if not isinstance(blob, bytes) or len(blob) > MAX_BLOB or not blob.startswith(HEADER) \
            or len(blob) < len(HEADER) + NONCE_SIZE + TAG_SIZE:
        return None
    nonce = blob[len(HEADER):len(HEADER) + NONCE_SIZE]
    try:
        plain = ChaCha20Poly1305(key).decrypt(nonce, blob[len(HEADER) + NONCE_SIZE:], HEADER)
        obj = json.loads(plain)
        if not isinstance(obj, dict) or obj.get("network") != network:
            return None
        seq = obj["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0 \
                or not isinstance(obj["channels"], list) or len(obj["channels"]) > MAX_CHANNELS:
            return None
        channels = tuple(channel_from_json(c) for c in obj["channels"])
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None
    return PeerBackup(network, seq, channels)
