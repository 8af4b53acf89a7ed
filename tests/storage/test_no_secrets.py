"""No secret in logs, error messages, reprs, CLI error output, or the raw database bytes."""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import traceback

import pytest

from wallet.cli import main as kite_main
from wallet.errors import KiteError
from wallet.keys.bip32 import ExtendedKey
from wallet.keys.bip39 import MnemonicError, generate_mnemonic, mnemonic_to_seed, validate_mnemonic
from wallet.keys.bip84 import CHANGE, RECEIVE
from wallet.keys.wallet_keys import WalletKeys
from wallet.networks import MAINNET, REGTEST
from wallet.storage import secrets as secret_store
from wallet.storage.secrets import FAST_KDF_ENV
from wallet.storage.wallet_file import (
    change_password,
    create_wallet,
    db_path,
    open_wallet,
    read_wallet_info,
)

PASSWORD = "Pw-zebra-Quokka-8831"
PASSPHRASE = "Phrase-walrus-Narwhal-4172"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setenv(FAST_KDF_ENV, "1")
    monkeypatch.delenv("KITE_PASSWORD", raising=False)


class Secrets:
    """Every secret of one wallet, in the textual and binary forms it could leak in."""

    def __init__(self, mnemonic: str, network=MAINNET):
        self.mnemonic = mnemonic
        self.words = mnemonic.split()
        seed = mnemonic_to_seed(mnemonic, PASSPHRASE)
        keys = WalletKeys.from_mnemonic(mnemonic, PASSPHRASE, network)
        root = ExtendedKey.from_seed(seed, network)
        raw = [
            seed,
            root.private_key,
            keys.lightning.node_private_key,
            keys.account.private_key(RECEIVE, 0),
            keys.account.private_key(CHANGE, 0),
        ]
        self.binary = raw + [mnemonic.encode(), PASSPHRASE.encode(), PASSWORD.encode()]
        self.texts = [mnemonic, PASSPHRASE, PASSWORD, root.serialize("x"),
                      keys.account.private_key_wif(RECEIVE, 0)]
        self.texts += [b.hex() for b in raw] + [b.hex().upper() for b in raw]

    def find_in_text(self, text: str) -> list[str]:
        found = [t for t in self.texts if t in text]
        # Any two consecutive seed words near each other, in order, in any wrapping.
        for a, b in zip(self.words, self.words[1:], strict=False):
            if re.search(rf"\b{re.escape(a)}\b\W{{1,6}}\b{re.escape(b)}\b", text, re.I):
                found.append(f"{a} {b}")
        return found

    def find_in_bytes(self, data: bytes) -> list[str]:
        found = [b.hex()[:16] for b in self.binary if b in data]
        found += [t for t in self.find_in_text(data.decode("latin-1"))]
        return found


def _exception_texts(exc: BaseException) -> str:
    """str, repr and formatted traceback of an exception and its whole chain."""
    parts = []
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        parts += [str(e), repr(e), *map(str, e.args)]
        e = e.__cause__ or e.__context__
    parts.append("".join(traceback.format_exception(exc)))
    return "\n".join(parts)


def _log_texts(caplog) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(r) for r in caplog.records)


def _wallet_bytes(folder) -> bytes:
    path = db_path(folder)
    data = path.read_bytes()
    for suffix in ("-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def test_failing_operations_leak_nothing(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    mnemonic = generate_mnemonic(24)
    s = Secrets(mnemonic)
    folder = tmp_path / "w"
    texts: list[str] = []
    info = create_wallet(folder, MAINNET, mnemonic, PASSPHRASE, PASSWORD)
    texts.append(repr(info))

    words = mnemonic.split()
    bad_checksum = " ".join(words[:-1] + [next(w for w in ("abandon", "zoo") if w != words[-1])])
    unknown_word = " ".join(words[:5] + ["notaseedword"] + words[6:])
    too_short = " ".join(words[:-1])
    failing = [
        lambda: open_wallet(folder, PASSWORD + "x"),
        lambda: open_wallet(folder, ""),
        lambda: open_wallet(folder, PASSWORD, network=REGTEST),
        lambda: change_password(folder, PASSWORD[:-1], PASSWORD + "new"),
        lambda: create_wallet(folder, MAINNET, mnemonic, PASSPHRASE, PASSWORD),
        lambda: create_wallet(tmp_path / "a", MAINNET, bad_checksum, PASSPHRASE, PASSWORD),
        lambda: create_wallet(tmp_path / "b", MAINNET, unknown_word, PASSPHRASE, PASSWORD),
        lambda: create_wallet(tmp_path / "c", MAINNET, too_short, PASSPHRASE, PASSWORD),
        lambda: create_wallet(tmp_path / "d", MAINNET, mnemonic.upper().replace(" ", ", "),
                              PASSPHRASE, PASSWORD),
    ]
    for op in failing:
        with pytest.raises(KiteError) as excinfo:
            op()
        texts.append(_exception_texts(excinfo.value))

    # A wallet whose encrypted record was tampered with.
    conn = sqlite3.connect(db_path(folder))
    with conn:
        conn.execute("UPDATE secrets SET ciphertext = zeroblob(40) WHERE name = 'bip39_mnemonic'")
    conn.close()
    with pytest.raises(KiteError) as excinfo:
        open_wallet(folder, PASSWORD)
    texts.append(_exception_texts(excinfo.value))

    for text in texts:
        assert s.find_in_text(text) == [], text
    assert s.find_in_text(_log_texts(caplog)) == []


def test_successful_operations_log_and_repr_nothing(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    mnemonic = generate_mnemonic(12)
    s = Secrets(mnemonic, REGTEST)
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, mnemonic, PASSPHRASE, PASSWORD)
    with open_wallet(folder, PASSWORD) as w:
        reprs = [repr(w), repr(w.info), repr(w.db), repr(w.keys), repr(w._box), str(w)]
        assert w.read_mnemonic() == mnemonic  # the secret really is in there
    change_password(folder, PASSWORD, PASSWORD + "2")
    reprs.append(repr(read_wallet_info(folder)))
    for text in reprs:
        assert s.find_in_text(text) == [], text
    assert s.find_in_text(_log_texts(caplog)) == []


def test_database_bytes_hold_no_secret(tmp_path):
    mnemonic = generate_mnemonic(24)
    s = Secrets(mnemonic)
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, mnemonic, PASSPHRASE, PASSWORD)
    assert s.find_in_bytes(_wallet_bytes(folder)) == []
    with open_wallet(folder, PASSWORD) as w:
        assert w.read_passphrase() == PASSPHRASE
        assert s.find_in_bytes(_wallet_bytes(folder)) == []  # while open (WAL present)
    change_password(folder, PASSWORD, "")
    assert s.find_in_bytes(_wallet_bytes(folder)) == []
    # Even without a password, the words are not stored in clear.
    with open_wallet(folder, "") as w:
        assert w.read_mnemonic() == mnemonic


def test_key_record_only_holds_ciphertext_salt_and_cost(tmp_path):
    mnemonic = generate_mnemonic(12)
    folder = tmp_path / "w"
    create_wallet(folder, MAINNET, mnemonic, PASSPHRASE, PASSWORD)
    conn = sqlite3.connect(db_path(folder))
    columns = [r[1] for r in conn.execute("PRAGMA table_info(kdf)")]
    conn.close()
    assert set(columns) == {"id", "algorithm", "salt", "n", "r", "p", "cipher", "key_nonce",
                            "wrapped_key", "password_protected", "changed_at"}
    assert secret_store.SALT_LEN >= 16


def _run_cli(monkeypatch, capsys, args: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = kite_main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_errors_leak_nothing(tmp_path, monkeypatch, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    mnemonic = generate_mnemonic(12)
    s = Secrets(mnemonic)
    words = mnemonic.split()
    folder = str(tmp_path / "w")
    pw_file = tmp_path / "pw"
    pw_file.write_text(PASSWORD + "\n", encoding="utf-8")
    base = ["--wallet", folder, "--password-file", str(pw_file)]

    code, out, err = _run_cli(monkeypatch, capsys, ["restore", *base],
                              mnemonic + "\n" + PASSPHRASE + "\n")
    assert code == 0, err
    assert s.find_in_text(out + err) == []

    wrong = tmp_path / "wrong"
    wrong.write_text("nope\n", encoding="utf-8")
    cases = [
        (["info", "--wallet", folder, "--password-file", str(wrong)], ""),
        (["restore", *base], mnemonic + "\n"),  # exists
        (["restore", "--wallet", str(tmp_path / "x"), "--password-file", str(pw_file)],
         " ".join(words[:-1] + [_bad_last_word(words)]) + "\n"),
        (["restore", "--wallet", str(tmp_path / "y"), "--password-file", str(pw_file)],
         " ".join(words[:3] + ["qwertyuiop"] + words[4:]) + "\n"),
        (["restore", "--wallet", str(tmp_path / "z"), "--password-file", str(pw_file)],
         " ".join(words[:-2]) + "\n"),
    ]
    for args, stdin in cases:
        code, out, err = _run_cli(monkeypatch, capsys, args, stdin)
        assert code == 2, (args, err)
        assert len(err.strip().splitlines()) == 1
        assert s.find_in_text(out + err) == [], err
    assert s.find_in_text(_log_texts(caplog)) == []


def test_the_detector_itself_finds_leaks():
    mnemonic = generate_mnemonic(12)
    s = Secrets(mnemonic)
    words = mnemonic.split()
    assert s.find_in_text(f"error: {words[3]!r}, {words[4]!r} are wrong")
    assert s.find_in_text(f"x {words[0].upper()} {words[1].upper()} y")
    assert s.find_in_text(f"passphrase was {PASSPHRASE}")
    assert s.find_in_text(f"key {s.binary[2].hex()}")
    assert s.find_in_bytes(b"\x00" + s.binary[0] + b"\x00")
    assert s.find_in_bytes(b"\x00" + mnemonic.encode() + b"\x00")
    assert not s.find_in_text(f"word #{len(words)} is not in the list")


def _bad_last_word(words: list[str]) -> str:
    """A last word that breaks the checksum (any fixed word keeps it right 1 time in 16)."""
    for candidate in ("abandon", "zoo", "ability", "able", "about"):
        try:
            validate_mnemonic(" ".join(words[:-1] + [candidate]))
        except MnemonicError:
            return candidate
    raise AssertionError("no checksum-breaking word found")
