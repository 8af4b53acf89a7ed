"""The shipped list of known LSPs (suggestions only): every mainnet entry is a valid peer
(a point on the curve, an address `--lsp-peer` takes), other networks have none, and a
bad entry in the file (each field wrong, a repeat) is left out rather than offered."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from coincurve import PublicKey

from tests.conftest import ROOT
from wallet.daemon.channel_service import parse_peer
from wallet.lsp.known import KnownLsp, known_lsps, parse_known

GOOD = {"name": "An LSP", "node_id": "03" + "11" * 32, "host": "lsp.example", "port": 9735}


def test_the_shipped_mainnet_entries_are_valid_peers() -> None:
    lsps = known_lsps("mainnet")
    assert lsps, "the shipped mainnet list is empty"
    for lsp in lsps:
        PublicKey(bytes.fromhex(lsp.node_id))  # raises if not a point on the curve
        node_id, host, port = parse_peer(lsp.peer)
        assert (node_id.hex(), host, port) == (lsp.node_id, lsp.host, lsp.port)
    assert len({lsp.node_id for lsp in lsps}) == len(lsps)


@pytest.mark.parametrize("network", ["regtest", "testnet", "signet", "nonsense"])
def test_no_suggestion_elsewhere(network) -> None:
    assert known_lsps(network) == []


@pytest.mark.parametrize("field,value", [
    ("name", ""), ("name", "x" * 65), ("name", "tab\there"), ("name", 7),
    ("node_id", "04" + "11" * 32), ("node_id", "03" + "11" * 31), ("node_id", "03" + "zz" * 32),
    ("node_id", None), ("host", ""), ("host", "a b"), ("host", "x@y"), ("host", "é.example"),
    ("host", "h" * 256), ("port", 0), ("port", 65536), ("port", "9735"), ("port", True),
])
def test_a_bad_entry_is_left_out(field, value) -> None:
    bad = dict(GOOD, **{field: value})
    assert parse_known({"networks": {"mainnet": [bad, GOOD]}}, "mainnet") == [
        KnownLsp(GOOD["name"], GOOD["node_id"], GOOD["host"], GOOD["port"])]


@pytest.mark.parametrize("data", [None, [], {"networks": []}, {"networks": {"mainnet": {}}},
                                  {"networks": {"mainnet": ["x", 1, None]}}])
def test_a_malformed_file_gives_no_suggestion(data) -> None:
    assert parse_known(data, "mainnet") == []


def test_a_repeated_node_is_offered_once() -> None:
    again = dict(GOOD, name="Same node, other name")
    assert [k.name for k in parse_known({"networks": {"mainnet": [GOOD, again]}},
                                        "mainnet")] == ["An LSP"]


def test_kite_lsp_known_lists_them_without_a_daemon() -> None:
    out = subprocess.run([sys.executable, "-m", "wallet", "--network", "mainnet", "lsp",
                          "known", "--json"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True)
    rows = json.loads(out.stdout)
    assert [r["peer"] for r in rows] == [k.peer for k in known_lsps("mainnet")]
