"""A wallet on disk: create (crash safe), open with the password, change the password.

A wallet is a folder holding one SQLite database, `wallet.sqlite`. The seed words and the
BIP 39 passphrase are stored encrypted (see secrets.py). Some facts are stored in clear in
`wallet_meta` so that they can be shown without the password: the network, the creation
time, the Lightning node id and the BIP 84 account xpub/zpub. This is the usual watch-only
trade-off (Electrum does the same without storage encryption): someone who copies the file
can see the wallet's addresses and its history, but cannot spend or learn the seed.

Creation is atomic: the database is built completely in a temporary file in the same
folder, fsynced, and only then linked to `wallet.sqlite` (a hard link never replaces an
existing file, so an existing wallet is never overwritten). A kill at any instant leaves
either no wallet or the complete one; leftovers of killed attempts are removed later.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets as _random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from wallet.errors import InputError, KiteError
from wallet.keys.bip39 import validate_mnemonic
from wallet.keys.wallet_keys import WalletKeys
from wallet.networks import NETWORKS, Network
from wallet.sentence import Sentence
from wallet.storage import backup_state, secrets
from wallet.storage.crashpoints import crash_point
from wallet.storage.database import Database, StorageError
from wallet.storage.secrets import ScryptCost

log = logging.getLogger(__name__)

DB_NAME = "wallet.sqlite"
FORMAT = "kite-wallet"
FORMAT_VERSION = "1"
SECRET_MNEMONIC = "bip39_mnemonic"
SECRET_PASSPHRASE = "bip39_passphrase"
_TMP_PREFIX = f".{DB_NAME}."
_TMP_SUFFIX = ".tmp"


class WalletExists(InputError):
    """A wallet is already there; Kite never overwrites one."""


class WalletNotFound(InputError):
    """There is no wallet at the given place."""


class NetworkMismatch(InputError):
    """The wallet belongs to another network than the one asked for."""


class WalletCorrupted(KiteError):
    """The wallet file is not a complete, consistent Kite wallet."""


@dataclass(frozen=True)
class WalletInfo:
    """What can be known about a wallet without its password."""

    path: Path  # the wallet folder
    network: Network
    created_at: int  # unix time
    node_id: bytes
    account_xpub: str
    account_zpub: str
    password_protected: bool
    wallet_id: bytes = field(repr=False)


class Wallet:
    """An unlocked wallet: its database, its keys. Close it (or use `with`) when done."""

    def __init__(self, info: WalletInfo, db: Database, box: secrets.SecretBox,
                 keys: WalletKeys) -> None:
        self.info = info
        self.db = db
        self.keys = keys
        self._box = box

    @property
    def network(self) -> Network:
        return self.info.network

    @property
    def path(self) -> Path:
        return self.info.path

    @property
    def is_password_protected(self) -> bool:
        return self.info.password_protected

    def get_secret(self, name: str) -> bytes:
        """Decrypt one named secret record (for layers that store their own secrets)."""
        return secrets.get_secret(self.db, self._box, name)

    def put_secret(self, name: str, value: bytes) -> None:
        """Encrypt and store one named secret record, in its own or the current transaction."""
        if name in (SECRET_MNEMONIC, SECRET_PASSPHRASE):
            raise StorageError(Sentence("the %1 record is written only when the wallet is created", name))
        with self.db.transaction():
            secrets.put_secret(self.db, self._box, name, value)

    def change_password(self, old_password: str, new_password: str, *,
                        cost: ScryptCost | None = None) -> None:
        """Re-encrypt under a new password (one transaction); this handle stays usable.

        Other open handles on the same wallet keep the old data key: reopen them.
        """
        self._box = secrets.change_password(self.db, self.info.wallet_id, old_password,
                                            new_password, cost)
        self.info = _read_info(self.db, self.path)

    def read_mnemonic(self) -> str:
        """The seed words (decrypted on demand; show them only when the user asks)."""
        return secrets.get_secret(self.db, self._box, SECRET_MNEMONIC).decode("utf-8")

    def read_passphrase(self) -> str:
        return secrets.get_secret(self.db, self._box, SECRET_PASSPHRASE).decode("utf-8")

    def reveal_seed(self, password: str) -> tuple[str, str]:
        """(seed words, passphrase), only for the wallet's password: the words are shown
        again only to whoever knows it (WrongPassword otherwise; scrypt makes each try slow)."""
        if not isinstance(password, str):
            raise InputError("the password must be text")
        secrets.unlock(self.db, self.info.wallet_id, password)
        return self.read_mnemonic(), self.read_passphrase()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Wallet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Wallet({str(self.path)!r}, {self.network.name})"


def db_path(folder: str | Path) -> Path:
    return Path(folder) / DB_NAME


def wallet_exists(folder: str | Path) -> bool:
    return db_path(folder).exists()


# -- create ---------------------------------------------------------------------------------


def create_wallet(
    path: str | Path,
    network: Network,
    mnemonic: str,
    passphrase: str,
    password: str,
    *,
    cost: ScryptCost | None = None,
    backup_checked: bool = False,
) -> WalletInfo:
    """Create a wallet folder from seed words (new or restored), atomically.

    `backup_checked`: the user has just typed the words back (a check, or a restore), so
    no backup reminder is due (`backup_state.py`).
    Raises WalletExists if there is one already, MnemonicError for bad words.
    """
    if not isinstance(password, str) or not isinstance(passphrase, str):
        raise InputError("the password and the passphrase must be text")
    folder = Path(path)
    final = db_path(folder)
    if final.exists():
        raise WalletExists(Sentence("a wallet already exists at %1; refusing to overwrite it", folder))
    normalized = validate_mnemonic(mnemonic)
    keys = WalletKeys.from_mnemonic(normalized, passphrase, network)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as e:
        raise StorageError(Sentence("cannot create the wallet folder %1: %2", folder, e.strerror)) from None
    remove_stale_temporaries(folder)
    tmp = folder / f"{_TMP_PREFIX}{os.getpid()}.{_random.token_hex(6)}{_TMP_SUFFIX}"
    wallet_id = _random.token_bytes(16)
    info = WalletInfo(
        path=folder, network=network, created_at=int(time.time()), node_id=keys.node_id,
        account_xpub=keys.account_xpub(), account_zpub=keys.account_zpub(),
        password_protected=password != "", wallet_id=wallet_id,
    )
    try:
        crash_point("create:start")
        _create_private_file(tmp)
        with Database(tmp) as db:
            crash_point("create:migrated")
            with db.transaction():
                _write_meta(db, info)
                box = secrets.init_secrets(db, wallet_id, password, cost)
                secrets.put_secret(db, box, SECRET_MNEMONIC, normalized.encode("utf-8"))
                crash_point("create:half-written")
                secrets.put_secret(db, box, SECRET_PASSPHRASE, passphrase.encode("utf-8"))
                if backup_checked:
                    db.execute("INSERT INTO wallet_meta (key, value) VALUES (?, ?)",
                               (backup_state.CHECKED, str(info.created_at)))
            crash_point("create:committed")
        # Closing the last connection checkpoints the WAL into the file and deletes it; the
        # file alone must now be the whole database before it gets its real name.
        if any(p.exists() for p in _temp_files(tmp)[1:]):
            raise StorageError(Sentence("the new wallet database %1 was not checkpointed", tmp))
        _fsync_file(tmp)
        crash_point("create:synced")
        _publish(tmp, final)
        crash_point("create:linked")
        _fsync_dir(folder)
    except (sqlite3.Error, OSError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise StorageError(Sentence("cannot write the new wallet in %1: %2", folder, reason)) from None
    finally:
        _remove_temporary(tmp)
    log.info("created %s wallet at %s", network.name, folder)
    return info


def _write_meta(db: Database, info: WalletInfo) -> None:
    rows = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "wallet_id": info.wallet_id.hex(),
        "network": info.network.name,
        "created_at": str(info.created_at),
        "node_id": info.node_id.hex(),
        "account_xpub": info.account_xpub,
        "account_zpub": info.account_zpub,
    }
    for key, value in rows.items():
        db.execute("INSERT INTO wallet_meta (key, value) VALUES (?, ?)", (key, value))


def _create_private_file(path: Path) -> None:
    """An empty file readable by its owner only (SQLite gives its side files the same mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _publish(tmp: Path, final: Path) -> None:
    """Give the finished database its real name without ever replacing a file."""
    try:
        os.link(tmp, final)
        return
    except FileExistsError:
        raise WalletExists(
            Sentence("a wallet already exists at %1; refusing to overwrite it", final.parent)
        ) from None
    except OSError as e:
        if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                           errno.EMLINK):
            raise StorageError(Sentence("cannot publish the wallet file %1: %2", final, e.strerror)) from None
    # Filesystems without hard links: check, then rename (atomic, tiny race window).
    if final.exists():
        raise WalletExists(Sentence("a wallet already exists at %1; refusing to overwrite it", final.parent))
    os.rename(tmp, final)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - e.g. Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _temp_files(tmp: Path) -> list[Path]:
    return [tmp] + [tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm")]


def _remove_temporary(tmp: Path) -> None:
    for p in _temp_files(tmp):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_stale_temporaries(folder: str | Path) -> int:
    """Delete half-built databases left by killed creations (whose process is gone)."""
    removed = 0
    for p in Path(folder).glob(f"{_TMP_PREFIX}*{_TMP_SUFFIX}*"):
        parts = p.name[len(_TMP_PREFIX):].split(".")
        if not parts[0].isdigit() or _pid_alive(int(parts[0])):
            continue
        try:
            p.unlink()
            removed += 1
        except OSError as e:  # cleanup must never fail the operation that triggered it
            log.debug("cannot remove leftover %s: %s", p.name, e.strerror)
    if removed:
        log.info("removed %d leftover temporary file(s) in %s", removed, folder)
    return removed


# -- open -----------------------------------------------------------------------------------


def _open_db(folder: Path) -> Database:
    final = db_path(folder)
    if not final.exists():
        raise WalletNotFound(Sentence("no wallet at %1", folder))
    return Database(final, create=False)


def _read_info(db: Database, folder: Path) -> WalletInfo:
    try:
        meta = dict(db.query("SELECT key, value FROM wallet_meta"))
    except Exception as e:  # sqlite errors on a damaged file
        raise WalletCorrupted(Sentence("cannot read the wallet metadata in %1: %2", folder, e)) from None
    if meta.get("format") != FORMAT:
        raise WalletCorrupted(Sentence("%1 is not a Kite wallet", db_path(folder)))
    if meta.get("format_version") != FORMAT_VERSION:
        raise WalletCorrupted(
            Sentence("unsupported wallet format version %1 in %2", repr(meta.get('format_version')), folder)
        )
    try:
        network = NETWORKS[meta["network"]]
        return WalletInfo(
            path=folder,
            network=network,
            created_at=int(meta["created_at"]),
            node_id=bytes.fromhex(meta["node_id"]),
            account_xpub=meta["account_xpub"],
            account_zpub=meta["account_zpub"],
            password_protected=secrets.is_password_protected(db),
            wallet_id=bytes.fromhex(meta["wallet_id"]),
        )
    except (KeyError, ValueError) as e:
        raise WalletCorrupted(Sentence("the wallet metadata in %1 is incomplete (%2)", folder, e)) from None


def read_wallet_info(path: str | Path) -> WalletInfo:
    """The wallet's public facts, without the password."""
    folder = Path(path)
    with _open_db(folder) as db:
        return _read_info(db, folder)


def open_wallet(path: str | Path, password: str, *, network: Network | None = None) -> Wallet:
    """Unlock a wallet. WrongPassword if the password is wrong (nothing is written).

    If `network` is given, a wallet of another network is refused (NetworkMismatch).
    """
    folder = Path(path)
    db = _open_db(folder)
    remove_stale_temporaries(folder)
    try:
        info = _read_info(db, folder)
        if network is not None and network.name != info.network.name:
            raise NetworkMismatch(
                Sentence("the wallet at %1 is a %2 wallet, not %3; use --network %2", folder, info.network.name, network.name)
            )
        box = secrets.unlock(db, info.wallet_id, password)
        mnemonic = secrets.get_secret(db, box, SECRET_MNEMONIC).decode("utf-8")
        passphrase = secrets.get_secret(db, box, SECRET_PASSPHRASE).decode("utf-8")
        try:
            keys = WalletKeys.from_mnemonic(mnemonic, passphrase, info.network)
        except InputError:
            raise WalletCorrupted(Sentence("the stored seed of the wallet at %1 is invalid", folder)) from None
        if keys.node_id != info.node_id or keys.account_xpub() != info.account_xpub:
            raise WalletCorrupted(
                Sentence("the wallet at %1 is inconsistent: its seed does not give its stored keys", folder)
            )
    except sqlite3.Error as e:
        db.close()
        raise WalletCorrupted(Sentence("cannot read the wallet at %1: %2", folder, e)) from None
    except BaseException:
        db.close()
        raise
    log.info("opened %s wallet at %s", info.network.name, folder)
    return Wallet(info, db, box, keys)


def change_password(path: str | Path, old_password: str, new_password: str, *,
                    cost: ScryptCost | None = None) -> WalletInfo:
    """Re-encrypt the wallet's secrets under a new password, in one transaction."""
    folder = Path(path)
    with _open_db(folder) as db:
        info = _read_info(db, folder)
        crash_point("passwd:start")
        secrets.change_password(db, info.wallet_id, old_password, new_password, cost)
        crash_point("passwd:committed")
        return _read_info(db, folder)
