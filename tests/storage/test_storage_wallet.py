"""Wallet files: encrypted secrets, passwords, tampering, refusing to overwrite."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.errors import KiteError
from wallet.keys.bip39 import ChecksumError, generate_mnemonic
from wallet.networks import MAINNET, REGTEST
from wallet.storage import secrets
from wallet.storage.database import StorageError
from wallet.storage.secrets import (
    DEFAULT_COST,
    FAST_KDF_ENV,
    INSECURE_TEST_COST,
    ScryptCost,
    SecretsCorrupted,
    WrongPassword,
)
from wallet.storage.wallet_file import (
    DB_NAME,
    NetworkMismatch,
    WalletCorrupted,
    WalletExists,
    WalletNotFound,
    change_password,
    create_wallet,
    db_path,
    open_wallet,
    read_wallet_info,
    remove_stale_temporaries,
)

FAST = INSECURE_TEST_COST


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setenv(FAST_KDF_ENV, "1")


@pytest.fixture
def bip84():
    return load_vector("bip84.json")


def _snapshot(folder) -> dict:
    """Every row of every table (what 'nothing changed' means for a database)."""
    conn = sqlite3.connect(db_path(folder))
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    finally:
        conn.close()


def _edit(folder, sql: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(db_path(folder))
    try:
        with conn:
            conn.execute(sql, params)
    finally:
        conn.close()


def test_vector_mnemonic_gives_vector_keys(tmp_path, bip84):
    info = create_wallet(tmp_path / "w", MAINNET, bip84["mnemonic"], "", "pw", cost=FAST)
    with open_wallet(tmp_path / "w", "pw") as w:
        assert w.keys.receive_address(0) == bip84["addresses"][0]["address"]
        assert w.keys.account_zpub() == bip84["account"]["xpub"]
        assert w.read_mnemonic() == bip84["mnemonic"]
        assert w.read_passphrase() == ""
        assert w.is_password_protected
        assert w.info.node_id == info.node_id and len(info.node_id) == 33


def test_public_info_readable_without_password(tmp_path):
    m = generate_mnemonic(12)
    created = create_wallet(tmp_path / "w", REGTEST, m, "pp", "pw", cost=FAST)
    info = read_wallet_info(tmp_path / "w")
    assert info.network is REGTEST
    assert info.node_id == created.node_id
    assert info.account_xpub.startswith("tpub") and info.account_zpub.startswith("vpub")
    assert info.password_protected


def test_passphrase_changes_keys_and_is_kept(tmp_path):
    m = generate_mnemonic(24)
    create_wallet(tmp_path / "a", REGTEST, m, "", "pw", cost=FAST)
    create_wallet(tmp_path / "b", REGTEST, m, "correct horse", "pw", cost=FAST)
    with open_wallet(tmp_path / "a", "pw") as a, open_wallet(tmp_path / "b", "pw") as b:
        assert a.keys.node_id != b.keys.node_id
        assert b.read_passphrase() == "correct horse"
        assert a.read_mnemonic() == b.read_mnemonic() == m


def test_wrong_password_changes_nothing(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "right", cost=FAST)
    before = _snapshot(folder)
    digest = hashlib.sha256(db_path(folder).read_bytes()).hexdigest()
    for bad in ("wrong", "", "Right", "right "):
        with pytest.raises(WrongPassword, match="wrong password"):
            open_wallet(folder, bad)
        with pytest.raises(WrongPassword):
            change_password(folder, bad, "new")
    assert _snapshot(folder) == before
    assert hashlib.sha256(db_path(folder).read_bytes()).hexdigest() == digest
    open_wallet(folder, "right").close()


def test_password_change_reencrypts_everything(tmp_path):
    folder = tmp_path / "w"
    m = generate_mnemonic(12)
    create_wallet(folder, REGTEST, m, "pass phrase", "old", cost=FAST)
    before = _snapshot(folder)
    info = change_password(folder, "old", "new", cost=FAST)
    after = _snapshot(folder)
    assert info.password_protected
    with pytest.raises(WrongPassword):
        open_wallet(folder, "old")
    with open_wallet(folder, "new") as w:
        assert w.read_mnemonic() == m and w.read_passphrase() == "pass phrase"
    # New salt, new wrapped key, and every record re-encrypted under a new data key.
    assert before["kdf"] != after["kdf"]
    old_ct = {row[0]: row[2] for row in before["secrets"]}
    new_ct = {row[0]: row[2] for row in after["secrets"]}
    assert old_ct.keys() == new_ct.keys()
    assert all(old_ct[k] != new_ct[k] for k in old_ct)
    assert before["wallet_meta"] == after["wallet_meta"]


def test_no_password_is_allowed_but_flagged(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "", cost=FAST)
    assert not read_wallet_info(folder).password_protected
    with open_wallet(folder, "") as w:
        assert not w.is_password_protected
    with pytest.raises(WrongPassword):
        open_wallet(folder, "guess")
    # Adding a password later sets the flag; removing it clears it again.
    assert change_password(folder, "", "now-set", cost=FAST).password_protected
    assert read_wallet_info(folder).password_protected
    assert not change_password(folder, "now-set", "", cost=FAST).password_protected


def test_unicode_password_is_normalized(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "caf\u00e9", cost=FAST)
    open_wallet(folder, "cafe\u0301").close()  # the same text, decomposed


def test_tampered_ciphertext_is_detected(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    ct = {r[0]: r[2] for r in _snapshot(folder)["secrets"]}
    name = "bip39_mnemonic"
    flipped = bytes([ct[name][0] ^ 1]) + ct[name][1:]
    _edit(folder, "UPDATE secrets SET ciphertext = ? WHERE name = ?", (flipped, name))
    with pytest.raises(SecretsCorrupted, match="tampered"):
        open_wallet(folder, "pw")


def test_swapped_records_are_detected(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "phrase", "pw", cost=FAST)
    rows = {r[0]: r for r in _snapshot(folder)["secrets"]}
    a, b = rows["bip39_mnemonic"], rows["bip39_passphrase"]
    _edit(folder, "UPDATE secrets SET nonce = ?, ciphertext = ? WHERE name = ?", (b[1], b[2], a[0]))
    _edit(folder, "UPDATE secrets SET nonce = ?, ciphertext = ? WHERE name = ?", (a[1], a[2], b[0]))
    with pytest.raises(SecretsCorrupted):
        open_wallet(folder, "pw")


def test_records_bound_to_their_wallet(tmp_path):
    m = generate_mnemonic(12)
    create_wallet(tmp_path / "a", MAINNET, m, "", "pw", cost=FAST)
    create_wallet(tmp_path / "b", MAINNET, m, "", "pw", cost=FAST)
    # Copy wallet a's key record and secrets into wallet b (same password, same seed).
    snap_a = _snapshot(tmp_path / "a")
    for row in snap_a["secrets"]:
        _edit(tmp_path / "b", "UPDATE secrets SET nonce = ?, ciphertext = ? WHERE name = ?",
              (row[1], row[2], row[0]))
    k = snap_a["kdf"][0]
    _edit(tmp_path / "b", "UPDATE kdf SET salt = ?, key_nonce = ?, wrapped_key = ?",
          (k[2], k[7], k[8]))
    with pytest.raises(WrongPassword):  # the wrapped key names wallet a's id
        open_wallet(tmp_path / "b", "pw")


@pytest.mark.parametrize("column,value,error", [
    ("wrapped_key", b"\x00" * 48, WrongPassword),
    ("salt", b"\x01" * 16, WrongPassword),
    ("n", 2**11, WrongPassword),
    ("password_protected", 0, WrongPassword),
    ("n", 3, SecretsCorrupted),
    ("n", 2**40, SecretsCorrupted),
    ("algorithm", "pbkdf2", SecretsCorrupted),
    ("key_nonce", b"short", SecretsCorrupted),
])
def test_tampered_key_record(tmp_path, column, value, error):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    _edit(folder, f"UPDATE kdf SET {column} = ?", (value,))
    with pytest.raises(error):
        open_wallet(folder, "pw")


def test_metadata_inconsistent_with_seed(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    _edit(folder, "UPDATE wallet_meta SET value = ? WHERE key = 'node_id'", ("02" + "11" * 32,))
    with pytest.raises(WalletCorrupted, match="inconsistent"):
        open_wallet(folder, "pw")


@pytest.mark.parametrize("key,value", [("format", "other"), ("network", "dogecoin"),
                                       ("created_at", "soon")])
def test_bad_metadata(tmp_path, key, value):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    _edit(folder, "UPDATE wallet_meta SET value = ? WHERE key = ?", (value, key))
    with pytest.raises(WalletCorrupted):
        open_wallet(folder, "pw")


def test_network_mismatch(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", "pw", cost=FAST)
    with pytest.raises(NetworkMismatch, match="regtest"):
        open_wallet(folder, "pw", network=MAINNET)
    open_wallet(folder, "pw", network=REGTEST).close()


def test_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    before = _snapshot(folder)
    with pytest.raises(WalletExists, match="refusing to overwrite"):
        create_wallet(folder, MAINNET, generate_mnemonic(12), "", "other", cost=FAST)
    assert _snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]


def test_bad_words_create_nothing(tmp_path):
    words = "abandon " * 11 + "abandon"
    with pytest.raises(ChecksumError):
        create_wallet(tmp_path / "w", MAINNET, words, "", "pw", cost=FAST)
    assert not db_path(tmp_path / "w").exists()


def test_missing_wallet(tmp_path):
    with pytest.raises(WalletNotFound):
        open_wallet(tmp_path / "nothing", "pw")
    with pytest.raises(WalletNotFound):
        read_wallet_info(tmp_path / "nothing")
    with pytest.raises(WalletNotFound):
        change_password(tmp_path / "nothing", "a", "b")
    assert not (tmp_path / "nothing").exists()


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    stale = [folder / f".{DB_NAME}.{pid}.abc.tmp", folder / f".{DB_NAME}.{pid}.abc.tmp-journal"]
    alive = folder / f".{DB_NAME}.{os.getpid()}.def.tmp"
    for p in stale + [alive]:
        p.write_bytes(b"x")
    assert remove_stale_temporaries(folder) == 2
    assert not any(p.exists() for p in stale) and alive.exists()


def test_default_cost_is_strong(monkeypatch):
    monkeypatch.delenv(FAST_KDF_ENV, raising=False)
    assert secrets.default_cost() == DEFAULT_COST
    assert DEFAULT_COST.n >= 2**16 and DEFAULT_COST.r >= 8
    DEFAULT_COST.check()
    monkeypatch.setenv(FAST_KDF_ENV, "1")
    assert secrets.default_cost() == INSECURE_TEST_COST


def test_default_cost_is_used_and_stored(tmp_path, monkeypatch):
    monkeypatch.delenv(FAST_KDF_ENV, raising=False)
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw")
    (row,) = _snapshot(folder)["kdf"]
    assert (row[3], row[4], row[5]) == (DEFAULT_COST.n, DEFAULT_COST.r, DEFAULT_COST.p)
    assert len(row[2]) == secrets.SALT_LEN


@pytest.mark.parametrize("cost", [ScryptCost(1000, 8, 1), ScryptCost(2**10, 0, 1),
                                  ScryptCost(2**10, 8, 0), ScryptCost(2**22, 32, 16)])
def test_unreasonable_costs_refused(cost):
    with pytest.raises(SecretsCorrupted):
        cost.check()


def test_open_handle_changes_password_and_stays_usable(tmp_path):
    folder = tmp_path / "w"
    m = generate_mnemonic(12)
    create_wallet(folder, MAINNET, m, "pp", "old", cost=FAST)
    with open_wallet(folder, "old") as w:
        w.put_secret("channel_backup_key", b"\x01" * 32)
        with pytest.raises(WrongPassword):
            w.change_password("bad", "new")
        w.change_password("old", "", cost=FAST)
        assert not w.is_password_protected
        assert w.read_mnemonic() == m and w.read_passphrase() == "pp"
        assert w.get_secret("channel_backup_key") == b"\x01" * 32
    with open_wallet(folder, "") as w:
        assert w.get_secret("channel_backup_key") == b"\x01" * 32
        with pytest.raises(secrets.SecretNotFound):
            w.get_secret("nothing")
        with pytest.raises(KiteError):
            w.put_secret("bip39_mnemonic", b"replaced")
        assert w.read_mnemonic() == m


def test_wallet_file_is_private(tmp_path):
    folder = tmp_path / "new" / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    assert db_path(folder).stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_open_removes_leftovers_of_dead_creations(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    leftover = folder / f".{DB_NAME}.{int(dead.stdout)}.abc.tmp"
    os.link(db_path(folder), leftover)  # what a kill right after publishing leaves
    open_wallet(folder, "pw").close()
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=20), value=st.binary(max_size=200),
       flip=st.integers(min_value=0))
def test_secret_records_roundtrip_and_detect_any_flip(name, value, flip):
    box = secrets.SecretBox(b"\x07" * 32, b"wallet-id-16byte")
    nonce, ct = box.seal(name, value)
    assert box.open(name, nonce, ct) == value
    blob = bytearray(nonce + ct)
    blob[flip % len(blob)] ^= 1 << (flip % 8)
    with pytest.raises(SecretsCorrupted):
        box.open(name, bytes(blob[:12]), bytes(blob[12:]))
    with pytest.raises(SecretsCorrupted):
        box.open(name + "x", nonce, ct)
    with pytest.raises(SecretsCorrupted):
        secrets.SecretBox(b"\x07" * 32, b"another-wallet!!").open(name, nonce, ct)


def test_write_failure_is_a_storage_error_and_leaves_nothing(tmp_path, monkeypatch):
    def broken_link(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "link", broken_link)
    folder = tmp_path / "w"
    with pytest.raises(StorageError, match="Input/output error"):
        create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    assert list(folder.iterdir()) == []


def test_filesystem_without_hard_links_still_refuses_overwrite(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    folder = tmp_path / "w"
    m = generate_mnemonic(12)
    create_wallet(folder, MAINNET, m, "", "pw", cost=FAST)
    with open_wallet(folder, "pw") as w:
        assert w.read_mnemonic() == m
    with pytest.raises(WalletExists):
        create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    assert sorted(p.name for p in folder.iterdir()) == [DB_NAME]


def test_busy_database_is_a_storage_error(tmp_path):
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, generate_mnemonic(12), "", "pw", cost=FAST)
    blocker = sqlite3.connect(db_path(folder), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with open_wallet(folder, "pw") as w:
            w.db.raw().execute("PRAGMA busy_timeout = 50")
            with pytest.raises(StorageError, match="cannot start a transaction"):
                w.put_secret("x", b"y")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
