"""The channel backup file (a static channel backup): what a wallet restored from its seed
needs to find each channel and ask its peer to close, including channels the recovery record
cannot name (opened with "recoverable channels" off, or opened by the peer) and the peer's
address (a peer that is not one of the network's default peers).

Layout, versioned and authenticated::

    b"KITE-CHANNEL-BACKUP" | version 0x01 | node id (33) | nonce (12) | ChaCha20-Poly1305(JSON) + tag

The key is `LightningKeys.backup_key` (from the seed, `wallet/keys/lightning.py`); everything
before the ciphertext is the associated data. The node id in the clear tells "another
wallet's file" from "a damaged or altered file" in one sentence; the JSON inside is checked
field by field all the same. It holds no key: the keys come from the seed. Pure: no I/O.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from wallet.errors import InputError
from wallet.ln.channel import states as st
from wallet.ln.recovery.record import MAX_CHANNEL_NUMBER
from wallet.ln.recovery.scan import FoundChannel
from wallet.sentence import Sentence

MAGIC = b"KITE-CHANNEL-BACKUP"
VERSION = 1
NONCE_SIZE = 12
TAG_SIZE = 16
HEADER_SIZE = len(MAGIC) + 1 + 33 + NONCE_SIZE
MAX_CHANNELS = 1_000
MAX_FILE_BYTES = 512 * 1024  # 1,000 channels take about 400 KB
MAX_ADDRESS = 255
CHANNEL_TYPES = ("static_remotekey", "anchors")


class BackupFileError(InputError):
    """A backup file that is not this wallet's, or not whole; `detail` says more, for the
    GUI's Details (the message stays one plain sentence)."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class BackedUpChannel:
    """One channel of the file: how to find it on chain and whom to ask to close it."""

    channel: FoundChannel
    peer_address: str | None
    channel_type: str

    def to_json(self) -> dict[str, Any]:
        c = self.channel
        return {"peer": c.peer_node_id.hex(), "address": self.peer_address,
                "funding_txid": c.funding_txid[::-1].hex(),
                "funding_output_index": c.funding_output_index, "funding_sat": c.funding_sat,
                "funding_script": c.funding_script_pubkey.hex(), "key_index": c.key_index,
                "channel_type": self.channel_type}


@dataclass(frozen=True)
class Backup:
    network: str
    created_at: int
    channels: tuple[BackedUpChannel, ...]


def backed_up(channels: Iterable[tuple[int, bytes, str | None, Any]],
              recovering: Iterable[tuple[FoundChannel, str | None]]) -> list[BackedUpChannel]:
    """What a backup holds: every funded channel not closed, given as (channel number, peer,
    peer address, state), then the channels still being recovered, by channel number."""
    out: dict[int, BackedUpChannel] = {}
    for key_index, peer, address, state in channels:
        c = st.commitments_of(state)
        if c is None or st.phase(state) == st.Phase.CLOSED:
            continue
        p = c.params
        found = FoundChannel(peer, key_index, p.funding_txid, p.funding_output_index,
                             p.funding_sat, p.funding_script_pubkey)
        kind = "anchors" if p.channel_type.anchors else "static_remotekey"
        out[key_index] = BackedUpChannel(found, address, kind)
    for found, address in recovering:
        if found.key_index not in out:
            out[found.key_index] = BackedUpChannel(found, address, "static_remotekey")
    return [out[k] for k in sorted(out)]


def encode(backup: Backup, node_id: bytes, key: bytes, nonce: bytes | None = None) -> bytes:
    if len(backup.channels) > MAX_CHANNELS:
        raise BackupFileError(Sentence("a backup file holds at most %1 channels", format(MAX_CHANNELS, ",")))
    body = json.dumps({"network": backup.network, "created_at": backup.created_at,
                       "channels": [c.to_json() for c in backup.channels]},
                      separators=(",", ":"), sort_keys=True).encode()
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    header = MAGIC + bytes([VERSION]) + node_id + nonce
    return header + ChaCha20Poly1305(key).encrypt(nonce, body, header)


def decode(data: bytes, node_id: bytes, key: bytes, network: str) -> Backup:
    """The backup in `data`, or BackupFileError with one sentence saying what is wrong."""
    if not isinstance(data, bytes) or not data.startswith(MAGIC):
        raise BackupFileError("this is not a Kite channel backup file")
    if len(data) > MAX_FILE_BYTES:
        raise BackupFileError(Sentence("this backup file is larger than %1 bytes: not one Kite wrote", format(MAX_FILE_BYTES, ",")))
    if len(data) < HEADER_SIZE + TAG_SIZE:
        raise BackupFileError("this backup file is truncated")
    if data[len(MAGIC)] != VERSION:
        raise BackupFileError(Sentence("this backup file has version %1; this Kite reads version %2", data[len(MAGIC)], VERSION))
    owner = data[len(MAGIC) + 1:len(MAGIC) + 34]
    if owner != node_id:
        raise BackupFileError("this backup file belongs to another wallet, not to this one",
                              f"the file was written by node {owner.hex()}, this wallet is "
                              f"node {node_id.hex()}")
    nonce = data[HEADER_SIZE - NONCE_SIZE:HEADER_SIZE]
    try:
        body = ChaCha20Poly1305(key).decrypt(nonce, data[HEADER_SIZE:], data[:HEADER_SIZE])
    except InvalidTag:
        raise BackupFileError("this backup file is damaged or was altered (or truncated): "
                              "it does not check with this wallet's key") from None
    try:
        return _backup(json.loads(body), network)
    except (ValueError, KeyError, TypeError) as e:
        raise BackupFileError(Sentence("this backup file's contents are not valid: %1", e)) from None


def _backup(obj: Any, network: str) -> Backup:
    if not isinstance(obj, dict) or not isinstance(obj.get("channels"), list):
        raise ValueError("no channel list")
    if obj.get("network") != network:
        raise BackupFileError(Sentence("this backup file is for %1, not %2", str(obj.get('network'))[:20], network))
    if len(obj["channels"]) > MAX_CHANNELS:
        raise ValueError("too many channels")
    channels = tuple(channel_from_json(c) for c in obj["channels"])
    if len({c.channel.key_index for c in channels}) != len(channels):
        raise ValueError("a channel number appears twice")
    return Backup(network, _int(obj.get("created_at"), 0, 2**40), channels)


def _int(value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(Sentence("%1 is not a number from %2 to %3", repr(value), low, high))
    return value


def _hex(value: Any, size: int | None = None) -> bytes:
    raw = bytes.fromhex(value) if isinstance(value, str) else b""
    if not raw or (size is not None and len(raw) != size):
        raise ValueError("a field is not hexadecimal of the right size")
    return raw


def channel_from_json(obj: Any) -> BackedUpChannel:
    """One channel entry, each field checked (ValueError, KeyError or TypeError)."""
    if not isinstance(obj, dict):
        raise ValueError("a channel is not an object")
    peer = _hex(obj["peer"], 33)
    if peer[0] not in (2, 3):
        raise ValueError("a peer id is not a compressed public key")
    script = _hex(obj["funding_script"], 34)
    if script[:2] != b"\x00\x20":
        raise ValueError("a funding script is not P2WSH")
    address = obj.get("address")
    if address is not None and (not isinstance(address, str) or len(address) > MAX_ADDRESS
                                or ":" not in address):
        raise ValueError("a peer address is not HOST:PORT")
    if obj.get("channel_type") not in CHANNEL_TYPES:
        raise ValueError("a channel type is unknown")
    found = FoundChannel(peer, _int(obj["key_index"], 0, MAX_CHANNEL_NUMBER),
                         _hex(obj["funding_txid"], 32)[::-1],
                         _int(obj["funding_output_index"], 0, 0xFFFF),
                         _int(obj["funding_sat"], 1, 21_000_000 * 100_000_000), script)
    return BackedUpChannel(found, address, obj["channel_type"])
