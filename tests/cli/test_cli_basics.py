import subprocess
import sys

from wallet.cli import main


def test_help_lists_no_crash(capsys):
    assert main([]) == 0
    assert "kite" in capsys.readouterr().out


def test_version_from_module():
    out = subprocess.run([sys.executable, "-m", "wallet", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("kite ")
