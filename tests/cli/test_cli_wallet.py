"""`kite create`, `kite restore`, `kite info` end to end, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, load_vector
from wallet.keys.base58 import b58check_decode, b58check_encode
from wallet.networks import MAINNET
from wallet.storage.secrets import FAST_KDF_ENV

PASSWORD = "correct horse battery"


def kite(args: list[str], *, stdin: str = "", password: str | None = PASSWORD,
         home: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KITE_PASSWORD"}
    env[FAST_KDF_ENV] = "1"
    if password is not None:
        env["KITE_PASSWORD"] = password
    if home is not None:
        env["XDG_DATA_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "wallet", *args], input=stdin, capture_output=True, text=True,
        env=env, cwd=ROOT, timeout=60,
    )


def info_json(folder: Path, network: str, **kw) -> dict:
    out = kite(["info", "--json", "--network", network, "--wallet", str(folder)], **kw)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def assert_input_error(out: subprocess.CompletedProcess, *fragments: str) -> None:
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("kite: ")
    for f in fragments:
        assert f in lines[0]


@pytest.fixture
def bip84():
    return load_vector("bip84.json")


def _as_xpub(zpub: str, network=MAINNET) -> str:
    return b58check_encode(network.xpub + b58check_decode(zpub)[4:])


def test_create_then_info(tmp_path):
    folder = tmp_path / "w"
    out = kite(["create", "--network", "regtest", "--wallet", str(folder)])
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    seed_lines = [ln for ln in out.stdout.splitlines() if ln.startswith("seed_words: ")]
    assert len(seed_lines) == 1
    words = seed_lines[0].split(": ", 1)[1].split()
    assert len(words) == 12
    assert "not a terminal" in out.stdout and "Write them down" in out.stdout
    assert "while \"Recoverable channels\" is on" in out.stdout and "ONLY" not in out.stdout
    info = info_json(folder, "regtest")
    assert info["network"] == "regtest"
    assert info["password_protected"] is True
    assert len(bytes.fromhex(info["node_id"])) == 33
    assert info["receive_address"].startswith("bcrt1q")
    assert info["change_address"].startswith("bcrt1q")
    assert info["receive_address"] != info["change_address"]
    assert info["account_xpub"].startswith("tpub")
    assert info["account_zpub"].startswith("vpub")
    # The words shown are the wallet's seed: restoring them gives the same wallet.
    again = tmp_path / "again"
    out = kite(["restore", "--network", "regtest", "--wallet", str(again)],
               stdin=" ".join(words) + "\n")
    assert out.returncode == 0, out.stderr
    assert info_json(again, "regtest") | {"wallet": "", "created_at": ""} == \
        info | {"wallet": "", "created_at": ""}


def test_create_24_words_on_default_folder(tmp_path):
    out = kite(["--network", "signet", "create", "--words", "24"], home=tmp_path)
    assert out.returncode == 0, out.stderr
    words = next(ln for ln in out.stdout.splitlines() if ln.startswith("seed_words: "))
    assert len(words.split(": ", 1)[1].split()) == 24
    assert (tmp_path / "kite" / "signet" / "default_wallet" / "wallet.sqlite").exists()
    out = kite(["--network", "signet", "info", "--json"], home=tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout)["network"] == "signet"


def test_create_refuses_existing_wallet(tmp_path):
    folder = tmp_path / "w"
    assert kite(["create", "--wallet", str(folder)]).returncode == 0
    before = info_json(folder, "mainnet")
    out = kite(["create", "--wallet", str(folder)])
    assert_input_error(out, "already exists")
    assert "seed_words" not in out.stdout  # no words shown for a wallet never created
    assert info_json(folder, "mainnet") == before


@pytest.mark.parametrize("network", ["mainnet", "regtest"])
def test_restore_bip84_vector(tmp_path, bip84, network):
    folder = tmp_path / network
    out = kite(["restore", "--network", network, "--wallet", str(folder)],
               stdin=bip84["mnemonic"] + "\n")
    assert out.returncode == 0, out.stderr
    assert "Restored" in out.stdout
    info = info_json(folder, network)
    assert info["network"] == network
    if network == "mainnet":
        receive = [a for a in bip84["addresses"] if a["path"].endswith("/0/0")]
        change = [a for a in bip84["addresses"] if a["path"].endswith("/1/0")]
        assert receive, "the BIP 84 vector lists the first receiving address"
        for a in receive:
            assert info["receive_address"] == a["address"]
        for a in change:
            assert info["change_address"] == a["address"]
        assert info["account_zpub"] == bip84["account"]["xpub"]
        assert info["account_xpub"] == _as_xpub(bip84["account"]["xpub"])
        assert info["account_xpub"].startswith("xpub")
    else:
        assert info["receive_address"].startswith("bcrt1q")
        assert info["account_xpub"].startswith("tpub")
        assert info["account_zpub"].startswith("vpub")


@pytest.mark.parametrize("network", ["mainnet", "regtest"])
def test_restore_with_passphrase(tmp_path, bip84, network):
    plain, salted = tmp_path / "plain", tmp_path / "salted"
    ok = kite(["restore", "--network", network, "--wallet", str(plain)],
              stdin=bip84["mnemonic"] + "\n")
    assert ok.returncode == 0, ok.stderr
    # A passphrase with spaces at the ends is kept as typed (only the newline is removed).
    out = kite(["restore", "--network", network, "--wallet", str(salted)],
               stdin=bip84["mnemonic"] + "\n  pass phrase \n")
    assert out.returncode == 0, out.stderr
    a, b = info_json(plain, network), info_json(salted, network)
    assert a["node_id"] != b["node_id"]
    assert a["receive_address"] != b["receive_address"]
    from wallet.keys.wallet_keys import WalletKeys
    from wallet.networks import get_network

    expected = WalletKeys.from_mnemonic(bip84["mnemonic"], "  pass phrase ", get_network(network))
    assert b["receive_address"] == expected.receive_address(0)
    assert b["node_id"] == expected.node_id.hex()


def test_restore_accepts_messy_spacing_and_case(tmp_path, bip84):
    messy = "  " + "   ".join(w.upper() for w in bip84["mnemonic"].split()) + "  \r\n"
    out = kite(["restore", "--wallet", str(tmp_path / "w")], stdin=messy)
    assert out.returncode == 0, out.stderr
    assert info_json(tmp_path / "w", "mainnet")["account_zpub"] == bip84["account"]["xpub"]


def _words(bip84) -> list[str]:
    return bip84["mnemonic"].split()


@pytest.mark.parametrize("change,fragment", [
    (lambda w: w[:-1] + ["abut"], "'abut'"),
    (lambda w: w[:3] + ["bitcoinz"] + w[4:], "#4"),
    (lambda w: w[:-1] + ["abandon"], "checksum"),
    (lambda w: w[:-1], "11 words"),
    (lambda w: [], "no words"),
])
def test_restore_bad_words(tmp_path, bip84, change, fragment):
    folder = tmp_path / "w"
    out = kite(["restore", "--wallet", str(folder)], stdin=" ".join(change(_words(bip84))) + "\n")
    assert_input_error(out, fragment)
    assert not (folder / "wallet.sqlite").exists()


def test_restore_refuses_existing_wallet(tmp_path, bip84):
    folder = tmp_path / "w"
    assert kite(["create", "--wallet", str(folder)]).returncode == 0
    before = info_json(folder, "mainnet")
    out = kite(["restore", "--wallet", str(folder)], stdin=bip84["mnemonic"] + "\n")
    assert_input_error(out, "already exists")
    assert info_json(folder, "mainnet") == before


def test_wrong_password(tmp_path, bip84):
    folder = tmp_path / "w"
    assert kite(["restore", "--wallet", str(folder)], stdin=bip84["mnemonic"] + "\n").returncode == 0
    out = kite(["info", "--wallet", str(folder)], password="not it")
    assert_input_error(out, "wrong password")
    assert out.stdout == ""


def test_password_file(tmp_path, bip84):
    folder = tmp_path / "w"
    pw_file = tmp_path / "pw.txt"
    pw_file.write_text("from a file\n", encoding="utf-8")
    out = kite(["restore", "--wallet", str(folder), "--password-file", str(pw_file)],
               stdin=bip84["mnemonic"] + "\n", password=None)
    assert out.returncode == 0, out.stderr
    assert info_json(folder, "mainnet", password="from a file")["password_protected"]
    out = kite(["info", "--wallet", str(folder), "--password-file", str(pw_file)], password=None)
    assert out.returncode == 0 and "Receive address:" in out.stdout
    pw_file.write_text("changed\n", encoding="utf-8")
    out = kite(["info", "--wallet", str(folder), "--password-file", str(pw_file)], password=None)
    assert_input_error(out, "wrong password")


def test_no_password_wallet_is_flagged(tmp_path, bip84):
    folder = tmp_path / "w"
    out = kite(["restore", "--wallet", str(folder)], stdin=bip84["mnemonic"] + "\n", password="")
    assert out.returncode == 0, out.stderr
    assert "no password" in out.stdout
    # Opening needs no password at all.
    out = kite(["info", "--wallet", str(folder)], password=None)
    assert out.returncode == 0, out.stderr
    assert "Password:" in out.stdout and "NONE" in out.stdout
    assert info_json(folder, "mainnet", password=None)["password_protected"] is False


def test_info_human_readable(tmp_path, bip84):
    folder = tmp_path / "w"
    kite(["restore", "--wallet", str(folder)], stdin=bip84["mnemonic"] + "\n")
    out = kite(["info", "--wallet", str(folder)])
    assert out.returncode == 0, out.stderr
    for label in ("Network:", "Node id:", "Receive address:", "Change address:",
                  "Account xpub:", "Account zpub:", "Password:"):
        assert label in out.stdout
    assert bip84["account"]["xpub"] in out.stdout


def test_no_password_source_is_an_input_error(tmp_path):
    out = kite(["create", "--wallet", str(tmp_path / "w")], password=None)
    assert_input_error(out, "no password")
    assert not (tmp_path / "w" / "wallet.sqlite").exists()


def test_info_errors(tmp_path, bip84):
    assert_input_error(kite(["info", "--wallet", str(tmp_path / "none")]), "no wallet")
    folder = tmp_path / "w"
    kite(["restore", "--network", "regtest", "--wallet", str(folder)],
         stdin=bip84["mnemonic"] + "\n")
    assert_input_error(kite(["info", "--wallet", str(folder)]), "regtest")


def test_garbage_wallet_file_is_one_line_error(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "wallet.sqlite").write_bytes(b"garbage" * 1000)
    out = kite(["info", "--wallet", str(folder)])
    assert out.returncode == 1
    assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("kite: ")


def test_change_password(tmp_path, bip84):
    folder = tmp_path / "w"
    assert kite(["restore", "--wallet", str(folder)], stdin=bip84["mnemonic"] + "\n").returncode == 0
    before = info_json(folder, "mainnet")
    new_file = tmp_path / "new.txt"
    new_file.write_text("brand new\n", encoding="utf-8")
    args = ["change-password", "--wallet", str(folder), "--new-password-file", str(new_file)]
    assert_input_error(kite(args, password="not it"), "wrong password")
    assert info_json(folder, "mainnet") == before  # still the old password
    out = kite(args)
    assert out.returncode == 0, out.stderr
    assert_input_error(kite(["info", "--wallet", str(folder)]), "wrong password")
    assert info_json(folder, "mainnet", password="brand new") == before
    # No new password given and no terminal: refused, nothing changed.
    out = kite(["change-password", "--wallet", str(folder)], password="brand new")
    assert_input_error(out, "no new password")
    assert info_json(folder, "mainnet", password="brand new") == before
