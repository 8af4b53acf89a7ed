"""`kite decode` on the spec's example invoices: end to end in a subprocess (`python -m
wallet`), and through `wallet.cli.main` in-process where a case needs many invocations."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, load_vector
from wallet.bech32 import encode_bech32
from wallet.cli import main
from wallet.cli.decode_command import safe_text
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, decode_invoice

DATA = load_vector("bolt11_invoices.json")
VALID = DATA["valid"]
INVALID = DATA["invalid"]


def kite(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wallet", "decode", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def kite_in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    code = main(["decode", *args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def test_json_output_in_a_subprocess():
    vector = VALID[0]
    out = kite("--json", vector["invoice"])
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == decode_invoice(vector["invoice"]).to_json_dict()


def test_json_output_for_every_valid_example(capsys):
    for vector in VALID:
        out = kite_in_process(capsys, "--json", vector["invoice"])
        assert out.returncode == 0, out.stderr
        got = json.loads(out.stdout)
        assert got == decode_invoice(vector["invoice"]).to_json_dict()
        decoded = vector["decoded"]
        assert got["amount_msat"] == decoded["amount_msat"]
        assert got["payment_hash"] == decoded["payment_hash"]
        assert got["timestamp"] == decoded["timestamp"]
        assert got["features"] == sorted(decoded["features"]["bits"])
        assert got["fallbacks"] == [f["address"] for f in decoded.get("fallbacks", [])]
        if "payee_pubkey" in decoded:
            assert got["payee"] == decoded["payee_pubkey"]


@pytest.mark.parametrize("prefix", ["lightning:", "LIGHTNING:", "Lightning:"])
def test_summary_accepts_lightning_prefix(prefix, capsys):
    vector = next(v for v in VALID if v["decoded"].get("route_hints"))
    if prefix == "lightning:":
        out = kite(prefix + vector["invoice"])
    else:
        out = kite_in_process(capsys, prefix + vector["invoice"])
    assert out.returncode == 0, out.stderr
    text = out.stdout
    decoded = vector["decoded"]
    assert "mainnet" in text or "testnet" in text
    assert str(decoded["amount_msat"]) in text
    assert decoded["payment_hash"] in text
    for fallback in decoded.get("fallbacks", []):
        assert fallback["address"] in text
    for route in decoded["route_hints"]:
        for hop in route:
            assert hop["pubkey"] in text and hop["short_channel_id"] in text
    assert "EXPIRED" in text  # the examples are from 2017
    assert "var_onion_optin (8, required)" in text and "payment_secret (14, required)" in text


def test_summary_of_open_amount_invoice_with_description():
    vector = next(v for v in VALID if v["decoded"]["amount_msat"] is None
                  and "description" in v["decoded"])
    out = kite(vector["invoice"])
    assert out.returncode == 0, out.stderr
    assert "not specified" in out.stdout
    assert vector["decoded"]["description"] in out.stdout


@pytest.mark.parametrize("vector", INVALID, ids=[v["title"][:50] for v in INVALID])
def test_invalid_examples_exit_2_with_one_line(vector, capsys):
    out = kite_in_process(capsys, vector["invoice"])
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kite: ") and len(lines[0]) > 12


def test_invalid_invoice_in_a_subprocess():
    out = kite(INVALID[0]["invoice"])
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("kite: ")


def test_unknown_currency_is_named():
    out = kite(encode_bech32("lnxy", [0] * 120))
    assert out.returncode == 2
    assert out.stderr.strip().startswith("kite: unknown currency prefix 'lnxy'")


def test_hostile_description_is_escaped():
    template = decode_invoice(VALID[0]["invoice"])
    key = bytes.fromhex(DATA["common"]["priv_key"])
    args = {f: getattr(template, f) for f in Invoice.__dataclass_fields__ if f != "signature"}
    args["description"] = "pay me\x1b[2J\nfake line\u202e"
    text = encode_invoice(Invoice(**args), key)
    out = kite(text)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout and "\u202e" not in out.stdout
    assert "pay me\\u001b[2J\\u000afake line\\u202e" in out.stdout
    assert safe_text("a\nb") == "a\\u000ab"
