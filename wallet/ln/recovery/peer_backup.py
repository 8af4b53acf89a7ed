"""The blob our peers keep for us (BOLT 1 peer storage, `option_provide_storage`): our
channels as the backup file lists them (`backup_file.py`), with a sequence number that
only grows, so the newest of several blobs is known and a blob newer than anything this
wallet sent shows another wallet with the same seed is running.

Layout::

    b"KPS" | version 0x01 | nonce (12) | ChaCha20-Poly1305(JSON {network, seq, channels}) + tag

Key: `LightningKeys.peer_storage_key` (the header is the associated data). At most
`MAX_BLOB` bytes (BOLT 1: 65531); the channels with the peer that keeps the blob come first,
the others as many as fit. An entry of a channel with the keeping peer also carries, when it
fits, the channel's full state exactly as the channel store persisted it (`channel/codec.py`
bytes, zlib-compressed, base64 in the JSON: field `state`), so a restored wallet can resume
the channel once the peer's `channel_reestablish` proves that state current
(`resume.py`); when it does not fit the entry is only the find-and-close one. Nothing
of a blob is broadcast or signed before that proof, so an old (stale) blob cannot make us
publish a revoked state. A blob that does not decrypt under our key (garbage, another node's,
altered) decodes to None; a `state` field that does not unpack is dropped (the channel is
then only found and closed). Pure: no I/O.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
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
MAX_STATE = 4 * 1024 * 1024  # a stored state unpacks to at most this (no zlib bomb)


@dataclass(frozen=True)
class PeerBackup:
    """`states`: by channel number, the stored state bytes of channels with the keeping
    peer (only those the blob had room for)."""

    network: str
    seq: int
    channels: tuple[BackedUpChannel, ...]
    states: Mapping[int, bytes] = field(default_factory=dict)


def _pack(state: bytes) -> str:
    return base64.b64encode(zlib.compress(state, 9)).decode()


def _unpack(text: Any) -> bytes | None:
    if not isinstance(text, str) or len(text) > 2 * MAX_BLOB:
        return None
    try:
        packed = base64.b64decode(text, validate=True)
        inflate = zlib.decompressobj()
        state = inflate.decompress(packed, MAX_STATE)
    except (binascii.Error, ValueError, zlib.error):
        return None
    if inflate.unconsumed_tail or not inflate.eof:
        return None  # larger than MAX_STATE, or truncated
    return state


def _seal(body: dict[str, Any], key: bytes, nonce: bytes) -> bytes:
    plain = json.dumps(body, separators=(",", ":"), sort_keys=True).encode()
    return HEADER + nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, HEADER)


def encode(backup: PeerBackup, key: bytes, for_peer: bytes | None = None,
           nonce: bytes | None = None) -> bytes:
    """The blob for the peer `for_peer` (its channels first, with their state when it
    fits); channels that would make it larger than MAX_BLOB are left out (the others still
    find them: records, files). States of channels with other peers are never included:
    only the keeping peer's `channel_reestablish` can prove a state current."""
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    channels = sorted(backup.channels,
                      key=lambda c: (c.channel.peer_node_id != for_peer, c.channel.key_index))
    entries: list[dict[str, Any]] = []
    body = {"network": backup.network, "seq": backup.seq, "channels": entries}
    for c in channels[:MAX_CHANNELS]:
        state = backup.states.get(c.channel.key_index)
        if state is not None and c.channel.peer_node_id == for_peer:
            entries.append({**c.to_json(), "state": _pack(state)})
            if len(_seal(body, key, nonce)) <= MAX_BLOB:
                continue
            entries.pop()  # too large with its state: the find-and-close entry
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
    except (InvalidTag, ValueError, KeyError, TypeError, RecursionError):
        return None
    states = {}
    for entry, c in zip(obj["channels"], channels, strict=True):
        state = _unpack(entry.get("state")) if "state" in entry else None
        if state is not None:
            states[c.channel.key_index] = state
    return PeerBackup(network, seq, channels, states)
