"""Secrets at rest: password -> scrypt -> key-encryption key -> data key -> AEAD records.

Layout (tables `kdf` and `secrets`, see migrations.py):

* A random 32-byte *data key* encrypts every secret record with ChaCha20-Poly1305 and a
  fresh random 12-byte nonce. The associated data binds a record to this wallet's id and to
  the record's name, so records cannot be swapped between names or wallets unnoticed.
* The data key itself is stored wrapped (ChaCha20-Poly1305) under a key derived from the
  password with scrypt. The salt and the n/r/p cost sit in the `kdf` row and are part of
  the associated data, as is the `password_protected` flag.
* A wrong password fails to unwrap the data key: `WrongPassword`, and nothing is written.
  A record that fails to decrypt after a successful unwrap is `SecretsCorrupted`.
* A wallet without a password uses the very same path with the empty password; it is
  flagged `password_protected = 0` so the user interface can say the seed is unprotected.
* Changing the password draws a new salt and a new data key and re-encrypts every record,
  all inside the caller's single transaction.

Only ciphertext, nonces, salt and cost parameters are ever written to the database.
"""

from __future__ import annotations

import logging
import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from wallet.errors import InputError, KiteError
from wallet.sentence import Sentence
from wallet.storage.crashpoints import crash_point
from wallet.storage.database import Database

log = logging.getLogger(__name__)

KEY_LEN = 32
NONCE_LEN = 12
SALT_LEN = 16
CIPHER = "chacha20poly1305"
KDF = "scrypt"

#: Set to "1" ONLY in tests: new wallets then use a tiny scrypt cost (insecure, but fast).
FAST_KDF_ENV = "KITE_INSECURE_FAST_KDF"


class WrongPassword(InputError):
    """The password does not unlock this wallet."""


class SecretsCorrupted(KiteError):
    """Encrypted records or their parameters are damaged or were tampered with."""


class SecretNotFound(KiteError):
    """The wallet has no secret record of that name."""


@dataclass(frozen=True)
class ScryptCost:
    """scrypt cost parameters: n (CPU/memory, a power of two), r (block size), p."""

    n: int
    r: int
    p: int

    def check(self) -> None:
        """Refuse parameters outside sane bounds (a damaged row must not hang or OOM us)."""
        ok = (
            isinstance(self.n, int) and isinstance(self.r, int) and isinstance(self.p, int)
            and 2**10 <= self.n <= 2**22 and self.n & (self.n - 1) == 0
            and 1 <= self.r <= 32 and 1 <= self.p <= 16
            and 128 * self.n * self.r * self.p <= 2**30
        )
        if not ok:
            raise SecretsCorrupted(
                Sentence("unacceptable scrypt parameters n=%1 r=%2 p=%3", self.n, self.r, self.p)
            )


#: Production cost: about 0.4 s and 128 MiB per unlock on a 2020s laptop core.
DEFAULT_COST = ScryptCost(n=2**17, r=8, p=1)
#: Test-only cost (FAST_KDF_ENV): about a millisecond. Never the default.
INSECURE_TEST_COST = ScryptCost(n=2**10, r=8, p=1)


def default_cost() -> ScryptCost:
    """DEFAULT_COST, unless the test-only environment switch asks for the insecure one."""
    if os.environ.get(FAST_KDF_ENV) == "1":
        log.info("%s=1: using an INSECURE scrypt cost (tests only)", FAST_KDF_ENV)
        return INSECURE_TEST_COST
    return DEFAULT_COST


def _password_bytes(password: str) -> bytes:
    # NFC so that the same password typed on different systems gives the same bytes.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _derive_kek(password: str, salt: bytes, cost: ScryptCost) -> bytes:
    cost.check()
    started = time.perf_counter()
    key = Scrypt(salt=salt, length=KEY_LEN, n=cost.n, r=cost.r, p=cost.p).derive(
        _password_bytes(password)
    )
    log.debug("scrypt n=%d r=%d p=%d took %.3f s", cost.n, cost.r, cost.p,
              time.perf_counter() - started)
    return key


def _wrap_ad(wallet_id: bytes, salt: bytes, cost: ScryptCost, protected: bool) -> bytes:
    return b"|".join([
        b"kite/data-key/v1", wallet_id, salt,
        f"{KDF}:{cost.n}:{cost.r}:{cost.p}:{CIPHER}:{int(protected)}".encode(),
    ])


def _record_ad(wallet_id: bytes, name: str) -> bytes:
    return b"|".join([b"kite/secret/v1", wallet_id, name.encode("utf-8")])


class SecretBox:
    """An unlocked data key for one wallet: encrypts and decrypts named records."""

    __slots__ = ("_aead", "_wallet_id")

    def __init__(self, data_key: bytes, wallet_id: bytes) -> None:
        self._aead = ChaCha20Poly1305(data_key)
        self._wallet_id = wallet_id

    def __repr__(self) -> str:  # never show key material
        return "SecretBox(<unlocked>)"

    def seal(self, name: str, plaintext: bytes) -> tuple[bytes, bytes]:
        nonce = os.urandom(NONCE_LEN)
        return nonce, self._aead.encrypt(nonce, plaintext, _record_ad(self._wallet_id, name))

    def open(self, name: str, nonce: bytes, ciphertext: bytes) -> bytes:
        try:
            return self._aead.decrypt(nonce, ciphertext, _record_ad(self._wallet_id, name))
        except (InvalidTag, ValueError, TypeError):
            raise SecretsCorrupted(
                Sentence("encrypted record %1 is damaged or was tampered with", repr(name))
            ) from None


@dataclass(frozen=True)
class _KdfRow:
    salt: bytes
    cost: ScryptCost
    key_nonce: bytes
    wrapped_key: bytes
    protected: bool


def _read_kdf_row(db: Database) -> _KdfRow:
    row = db.query_one(
        "SELECT algorithm, salt, n, r, p, cipher, key_nonce, wrapped_key, password_protected "
        "FROM kdf WHERE id = 1"
    )
    if row is None:
        raise SecretsCorrupted("the wallet has no key-derivation record")
    algorithm, salt, n, r, p, cipher, key_nonce, wrapped, protected = row
    if algorithm != KDF or cipher != CIPHER:
        raise SecretsCorrupted(Sentence("unsupported encryption scheme %1/%2", algorithm, cipher))
    if not (isinstance(salt, bytes) and isinstance(key_nonce, bytes)
            and isinstance(wrapped, bytes) and len(key_nonce) == NONCE_LEN):
        raise SecretsCorrupted("the key-derivation record is malformed")
    cost = ScryptCost(n, r, p)
    cost.check()
    return _KdfRow(salt, cost, key_nonce, wrapped, bool(protected))


def _seal_data_key(wallet_id: bytes, password: str, cost: ScryptCost,
                   data_key: bytes) -> tuple:
    """The `kdf` row values that wrap `data_key` under `password` (the slow part)."""
    salt = os.urandom(SALT_LEN)
    protected = password != ""
    kek = _derive_kek(password, salt, cost)
    nonce = os.urandom(NONCE_LEN)
    wrapped = ChaCha20Poly1305(kek).encrypt(
        nonce, data_key, _wrap_ad(wallet_id, salt, cost, protected)
    )
    return (KDF, salt, cost.n, cost.r, cost.p, CIPHER, nonce, wrapped, int(protected),
            int(time.time()))


def _write_kdf_row(db: Database, values: tuple) -> None:
    db.execute(
        "INSERT OR REPLACE INTO kdf (id, algorithm, salt, n, r, p, cipher, key_nonce, "
        "wrapped_key, password_protected, changed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def init_secrets(db: Database, wallet_id: bytes, password: str,
                 cost: ScryptCost | None = None) -> SecretBox:
    """Create the key record of a new wallet (call inside `db.transaction()`)."""
    data_key = os.urandom(KEY_LEN)
    _write_kdf_row(db, _seal_data_key(wallet_id, password, cost or default_cost(), data_key))
    return SecretBox(data_key, wallet_id)


def unlock(db: Database, wallet_id: bytes, password: str) -> SecretBox:
    """Derive the key from the password and unwrap the data key; reads only."""
    row = _read_kdf_row(db)
    kek = _derive_kek(password, row.salt, row.cost)
    try:
        data_key = ChaCha20Poly1305(kek).decrypt(
            row.key_nonce, row.wrapped_key,
            _wrap_ad(wallet_id, row.salt, row.cost, row.protected),
        )
    except InvalidTag:
        log.info("wallet unlock failed: wrong password (or damaged key record)")
        raise WrongPassword("wrong password for this wallet") from None
    if len(data_key) != KEY_LEN:
        raise SecretsCorrupted("the wrapped data key has the wrong length")
    return SecretBox(data_key, wallet_id)


def is_password_protected(db: Database) -> bool:
    """Whether the wallet was encrypted with a non-empty password (no password needed)."""
    return _read_kdf_row(db).protected


def put_secret(db: Database, box: SecretBox, name: str, value: bytes) -> None:
    """Encrypt and store (or replace) one record (call inside `db.transaction()`)."""
    nonce, ct = box.seal(name, value)
    db.execute(
        "INSERT OR REPLACE INTO secrets (name, nonce, ciphertext) VALUES (?, ?, ?)",
        (name, nonce, ct),
    )


def get_secret(db: Database, box: SecretBox, name: str) -> bytes:
    """Read and decrypt one record."""
    row = db.query_one("SELECT nonce, ciphertext FROM secrets WHERE name = ?", (name,))
    if row is None:
        raise SecretNotFound(Sentence("the wallet has no secret record %1", repr(name)))
    nonce, ct = row
    if not isinstance(nonce, bytes) or not isinstance(ct, bytes) or len(nonce) != NONCE_LEN:
        raise SecretsCorrupted(Sentence("encrypted record %1 is malformed", repr(name)))
    return box.open(name, nonce, ct)


def change_password(db: Database, wallet_id: bytes, old_password: str, new_password: str,
                    cost: ScryptCost | None = None) -> SecretBox:
    """Re-encrypt everything under a new password, atomically (one transaction).

    The old password is checked first; if it is wrong, nothing is written. A new salt and
    a new data key are drawn and every record is re-encrypted with the latter.
    """
    old_box = unlock(db, wallet_id, old_password)
    before = _read_kdf_row(db)
    new_key = os.urandom(KEY_LEN)
    new_box = SecretBox(new_key, wallet_id)
    sealed = _seal_data_key(wallet_id, new_password, cost or default_cost(), new_key)
    with db.transaction():
        if _read_kdf_row(db) != before:
            raise SecretsCorrupted("the wallet's key changed while the password was being changed")
        names = [r[0] for r in db.query("SELECT name FROM secrets ORDER BY name")]
        plain = {name: get_secret(db, old_box, name) for name in names}
        _write_kdf_row(db, sealed)
        crash_point("passwd:half-written")
        for name, value in plain.items():
            put_secret(db, new_box, name, value)
        crash_point("passwd:before-commit")
    log.info("wallet password changed (protected=%s)", new_password != "")
    return new_box
