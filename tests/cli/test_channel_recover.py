"""`kite channel recover`: where a recovered channel's peer is reached when the recovery
record (which holds no address) is all we have."""

from __future__ import annotations

from wallet.daemon.channel_service import known_address
from wallet.ln.shell.default_peers import shipped_trampolines
from wallet.networks import MAINNET


def test_a_default_peer_is_reached_at_its_shipped_address() -> None:
    [first, *_] = shipped_trampolines(MAINNET)
    node_id = bytes.fromhex(first["node_id"])
    assert known_address(MAINNET, node_id) == f"{first['host']}:{int(first['port'])}"


def test_an_unknown_peer_has_no_address() -> None:
    assert known_address(MAINNET, bytes.fromhex("02" + "ab" * 32)) is None
