import subprocess
import sys

from wallet.cli import main


def test_help_lists_no_crash(capsys, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):  # `kite` alone opens the window on a desktop
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 0
    assert "kite" in capsys.readouterr().out


def test_version_from_module():
    out = subprocess.run([sys.executable, "-m", "wallet", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("kite ")
