"""`kite backup export/import` on the CLI side: the file is written for the user only and
whole (the old one kept until the new one is complete), read with a size cap, and the
commands parse as documented."""

from __future__ import annotations

import stat

import pytest

from wallet.cli import build_parser
from wallet.cli.recovery_commands import (
    cmd_backup_export,
    cmd_backup_import,
    read_capped,
    write_private,
)
from wallet.errors import InputError
from wallet.ln.recovery.backup_file import MAX_FILE_BYTES


def test_written_private_and_replaced_whole(tmp_path) -> None:
    path = tmp_path / "kite.backup"
    path.write_bytes(b"old")
    path.chmod(0o644)
    write_private(path, b"new file")
    assert path.read_bytes() == b"new file"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["kite.backup"]  # no temporary left
    with pytest.raises(InputError, match="cannot write"):
        write_private(tmp_path / "missing" / "x.backup", b"data")


def test_read_with_a_cap(tmp_path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"\0" * (MAX_FILE_BYTES + 1))
    with pytest.raises(InputError, match="larger than"):
        read_capped(big)
    with pytest.raises(InputError, match="cannot read"):
        read_capped(tmp_path / "nothing")


def test_commands_parse() -> None:
    parser = build_parser()
    args = parser.parse_args(["backup", "export", "f.backup", "--json"])
    assert args.func is cmd_backup_export and args.file == "f.backup" and args.json
    args = parser.parse_args(["backup", "import", "f.backup"])
    assert args.func is cmd_backup_import
    args = parser.parse_args(["recoverable-channels", "off"])
    assert args.value == "off"
    with pytest.raises(SystemExit):
        parser.parse_args(["recoverable-channels", "maybe"])
