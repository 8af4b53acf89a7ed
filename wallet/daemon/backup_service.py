"""The channel backup file's commands (`kite backup export FILE` / `kite backup import FILE`):
export every channel that is not closed (and those still being recovered) into the encrypted
file (`ln/recovery/backup_file.py`); import adds the file's channels we hold no state of to
the recovery, which asks their peers to close at the addresses the file gives.

The file travels as base64 over the daemon socket: the CLI reads and writes it, so the
daemon never opens a path it is handed.
"""

from __future__ import annotations

import base64
import binascii
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from wallet.daemon.restore_recovery import AutoRecovery
from wallet.errors import InputError
from wallet.keys.lightning import LightningKeys
from wallet.ln.recovery import backup_file
from wallet.ln.recovery.backup_file import BackedUpChannel, Backup
from wallet.ln.shell.recovery_service import ChannelRecovery
from wallet.ln.store.recovery_store import DONE
from wallet.sentence import Sentence

#: base64 of the largest file, and a little room
MAX_ENCODED = (backup_file.MAX_FILE_BYTES * 4) // 3 + 8


class BackupService:
    def __init__(self, keys: LightningKeys, network: str, recovery: ChannelRecovery,
                 auto: AutoRecovery) -> None:
        self.keys = keys
        self.network = network
        self.recovery = recovery
        self.auto = auto

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"backup_export": self.backup_export, "backup_import": self.backup_import}

    def channels(self) -> list[BackedUpChannel]:
        """Every funded channel not closed, then the recovered ones not done."""
        return backup_file.backed_up(
            ((r.key_index, r.peer_node_id, r.peer_address, r.state)
             for r in self.recovery.channels.load_all()),
            ((rc.channel, rc.peer_address) for rc in self.recovery.list()
             if rc.status not in DONE))

    def export_bytes(self) -> bytes:
        backup = Backup(self.network, int(time.time()), tuple(self.channels()))
        return backup_file.encode(backup, self.keys.node_id, self.keys.backup_key)

    async def backup_export(self) -> dict[str, Any]:
        """{file: base64 of the encrypted file, channels: how many it holds}."""
        data = self.export_bytes()
        return {"file": base64.b64encode(data).decode(), "channels": len(self.channels())}

    async def backup_import(self, file: Any) -> dict[str, Any]:
        """Read a backup file (base64): its channels we hold no state of are recovered (their
        peers asked to close at once). A file that is not this wallet's, or not whole, is
        refused with one sentence and nothing changes."""
        if not isinstance(file, str) or len(file) > MAX_ENCODED:
            raise InputError(Sentence("the backup file must be given as base64 text of at most %1 bytes", format(backup_file.MAX_FILE_BYTES, ",")))
        try:
            data = base64.b64decode(file, validate=True)
        except (binascii.Error, ValueError):
            raise InputError("the backup file is not valid base64") from None
        backup = backup_file.decode(data, self.keys.node_id, self.keys.backup_key, self.network)
        added = [c.channel.key_index for c in backup.channels
                 if self.recovery.add(c.channel, c.peer_address)]
        await self.auto.step(ask_now=True)
        return {"channels": len(backup.channels), "added": added,
                "created_at": backup.created_at}


def write_private(path: Path, data: bytes) -> None:
    """`data` at `path`, readable by the user only; the old file stays whole until the new
    one is complete."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(Sentence("cannot write %1: %2", path, e.strerror)) from None


def read_capped(path: Path) -> bytes:
    """A backup file's bytes, refused unread past the largest Kite writes."""
    try:
        with open(path, "rb") as f:
            data = f.read(backup_file.MAX_FILE_BYTES + 1)
    except OSError as e:
        raise InputError(Sentence("cannot read %1: %2", path, e.strerror)) from None
    if len(data) > backup_file.MAX_FILE_BYTES:
        raise InputError(Sentence("%1 is larger than %2 bytes: not a Kite channel backup file", path, format(backup_file.MAX_FILE_BYTES, ",")))
    return data
