"""`kite daemon --trampoline`, `kite forward-policy`, `kite forwards`: bad input is refused
before anything starts (the devnet world test runs them against a relaying daemon)."""

from __future__ import annotations

import pytest

from wallet.cli import main as kite_main


@pytest.mark.parametrize("value", ["x", "1,2,3,4", "-1,5", "5"])
def test_daemon_refuses_a_bad_trampoline_policy(tmp_path, capsys, monkeypatch, value):
    code = kite_main(["--network", "regtest", "--wallet", str(tmp_path / "w"), "daemon",
                      f"--trampoline={value}"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--trampoline" in err[0]
    assert not (tmp_path / "w").exists()


def test_forward_commands_need_the_daemon(tmp_path, capsys):
    for args in (["forwards"], ["forward-policy", "--fee-ppm", "200"]):
        assert kite_main(["--network", "regtest", "--wallet", str(tmp_path), *args]) == 1
        assert "no daemon is running" in capsys.readouterr().err
