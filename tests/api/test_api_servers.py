"""The facade's server commands over a real node: a fingerprint typed with a server is
pinned before the first connection; a bad entry changes nothing; the choice survives a
restart; a server given on the command line is used alone until the user changes the list."""

from __future__ import annotations

import json

import pytest

from wallet.api import WalletApi
from wallet.chain.server_choice import CHOICE_NAME, BadServerEntry
from wallet.chain.tls_pins import PINS_NAME
from wallet.networks import REGTEST, get_network

PIN = "ab" * 32


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # no devnet of this machine
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    made = []

    def make(server: str | None = None) -> WalletApi:
        a = WalletApi(tmp_path / "w", REGTEST, server=server)
        if not a.wallet_exists():
            a.create(WalletApi.generate_mnemonic(), "", "pw").result(60)
        a.open("pw").result(60)
        made.append(a)
        return a

    def close(a: WalletApi) -> None:
        made.remove(a)
        a.shutdown()

    make.close = close  # type: ignore[attr-defined]
    yield make
    for a in made:
        a.shutdown()


def _servers(data):
    return {row["server"]: row for row in data["servers"]}


def test_typed_fingerprint_is_pinned_and_the_choice_kept(api, tmp_path):
    a = api()
    assert a.servers().result(10) == {"servers": [], "automatic": True}
    with pytest.raises(BadServerEntry, match="64 hexadecimal"):
        a.add_server("127.0.0.1:9:s", "12ab").result(10)
    assert not (tmp_path / "w" / CHOICE_NAME).exists()  # nothing changed
    data = a.add_server("127.0.0.1:9:s", ":".join(PIN[i:i + 2] for i in range(0, 64, 2))).result(20)
    assert _servers(data)["127.0.0.1:9:s"]["added"]
    pins = json.loads((tmp_path / "w" / PINS_NAME).read_text())
    assert pins["127.0.0.1:9"] == {"kind": "pinned", "sha256": PIN}
    a.add_server("127.0.0.2:9:t").result(20)
    a.choose_server("127.0.0.2:9:t").result(20)
    api.close(a)  # the next run

    b = api()
    data = b.servers().result(10)
    assert not data["automatic"] and _servers(data)["127.0.0.2:9:t"]["chosen"]
    assert set(_servers(data)) == {"127.0.0.1:9:s", "127.0.0.2:9:t"}
    data = b.remove_server("127.0.0.2:9:t").result(20)
    assert data["automatic"] and set(_servers(data)) == {"127.0.0.1:9:s"}


def test_a_command_line_server_is_used_alone_until_the_list_changes(api):
    a = api(server="127.0.0.3:9:t")
    data = a.servers().result(10)
    assert not data["automatic"] and _servers(data)["127.0.0.3:9:t"]["chosen"]
    data = a.add_server("127.0.0.4:9:t").result(20)
    assert data["automatic"]  # the user's list from now on
    assert set(_servers(data)) == {"127.0.0.4:9:t"}


@pytest.mark.parametrize("name, first", [("signet", "mempool.space:60602:s"),
                                         ("testnet4", "mempool.space:40002:s")])
def test_test_networks_list_their_shipped_servers(tmp_path, monkeypatch, name, first):
    """Out of the box: a new signet or testnet4 wallet knows Electrum's servers for it."""
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    a = WalletApi(tmp_path / name, get_network(name))
    try:
        a.create(WalletApi.generate_mnemonic(), "", "pw").result(60)
        a.open("pw").result(60)
        data = a.servers().result(10)
        rows = data["servers"]
        assert data["automatic"] and len(rows) == 3 and rows[0]["server"] == first
        assert all(not r["added"] and r["server"].endswith(":s") for r in rows)
    finally:
        a.shutdown()
