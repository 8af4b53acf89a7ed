"""The facade's channel backup file and recovery calls (what the GUI's Settings use): the
file is written for the user only, read back, and a file that is not this wallet's is
refused in one sentence with nothing changed."""

from __future__ import annotations

import stat

import pytest

from wallet.api import WalletApi
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.recovery.backup_file import BackupFileError
from wallet.networks import REGTEST


def _open(tmp_path, name: str) -> WalletApi:
    api = WalletApi(tmp_path / name, REGTEST, server="127.0.0.1:1:t")  # offline is enough
    api.create(generate_mnemonic(), "", "pw").result(60)
    api.open("pw").result(60)
    return api


def test_export_then_import_and_another_wallets_file_refused(tmp_path) -> None:
    api, other = _open(tmp_path, "w"), _open(tmp_path, "x")
    try:
        ours = tmp_path / "ours.backup"
        assert api.backup_export(ours).result(30) == {"file": str(ours), "channels": 0}
        assert stat.S_IMODE(ours.stat().st_mode) == 0o600
        assert api.backup_import(ours).result(30)["added"] == []
        theirs = tmp_path / "theirs.backup"
        other.backup_export(theirs).result(30)
        with pytest.raises(BackupFileError, match="belongs to another wallet"):
            api.backup_import(theirs).result(30)
        assert api.recovery().result(30)["list"] == []
        assert api.recoverable_channels().result(30)["on"] is True
    finally:
        api.shutdown()
        other.shutdown()
