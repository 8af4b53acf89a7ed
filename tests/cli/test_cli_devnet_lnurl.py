"""`kite devnet lnurl pay|withdraw|auth`: fresh LNURLs of the running devnet's Shop service,
minted from the state file (no devnet needed: the state file names this process)."""

from __future__ import annotations

import os

import pytest

from wallet.cli import main
from wallet.devnet.lnurl_codes import LnurlCodes
from wallet.devnet.state import DevnetState, write_devnet_state
from wallet.lnurl.recognise import recognise
from wallet.lnurl.urls import query_params

CODES = LnurlCodes("http://127.0.0.1:4567", os.urandom(32))


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    def write(lnurl: dict | None) -> None:
        state = DevnetState(electrum_host="127.0.0.1", electrum_port=1, rpc_url="http://x/",
                            directory=str(tmp_path), pid=os.getpid(), lnurl=lnurl)
        write_devnet_state(state, tmp_path / "kite" / "regtest" / "devnet.json")
    return write


def kite_lnurl(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["devnet", "lnurl", *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err


@pytest.mark.parametrize("kind", ["withdraw", "auth"])
def test_prints_a_fresh_code_the_service_knows(state_home, capsys, kind):
    state_home(CODES.to_json())
    first = kite_lnurl(capsys, kind)
    second = kite_lnurl(capsys, kind)
    assert first[0] == second[0] == 0 and first[1] != second[1]
    target = recognise(first[1], local_http=True)
    assert target.url.startswith(f"{CODES.base}/{kind}?")
    assert CODES.minted(kind, query_params(target.url)["k1"])


def test_prints_the_pay_lnurl_and_address(state_home, capsys):
    state_home(CODES.to_json())
    assert kite_lnurl(capsys, "pay") == (0, CODES.pay_lnurl(), "")
    assert kite_lnurl(capsys, "pay", "--address") == (0, "coffee@127.0.0.1:4567", "")


def test_refusals(state_home, capsys):
    state_home(CODES.to_json())
    code, out, err = kite_lnurl(capsys, "auth", "--address")
    assert code == 2 and out == "" and "--address goes with pay only" in err
    state_home(None)
    code, out, err = kite_lnurl(capsys, "withdraw")
    assert code != 0 and out == "" and "no LNURL service" in err
