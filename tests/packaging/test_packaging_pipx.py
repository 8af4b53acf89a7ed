"""`pipx install .` gives a working `kite` (slow: pipx makes a fresh virtualenv and installs
Kite's dependencies into it; about half a minute with pip's cache warm): the command line,
every QML page, and the icons, which live outside the Python packages and travel in the
wheel's data files."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import wallet
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_pipx_install_gives_a_working_kite(tmp_path):
    pipx = shutil.which("pipx")
    if pipx is None:
        pytest.skip("pipx is not installed (Debian package pipx; scripts/setup.sh installs it)")
    home = tmp_path / "pipx"
    env = dict(os.environ, PIPX_HOME=str(home), PIPX_BIN_DIR=str(home / "bin"))
    env.pop("PYTHONPATH", None)  # the installed copy, not this checkout
    installed = subprocess.run([pipx, "install", str(ROOT)], env=env, capture_output=True,
                               text=True, timeout=1200)
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    kite = home / "bin" / "kite"
    run_env = dict(env, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))

    version = subprocess.run([str(kite), "--version"], env=run_env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"kite {wallet.__version__}", version.stderr
    pages = subprocess.run([str(kite), "gui", "--check-qml"], env=run_env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert pages.returncode == 0, pages.stdout + pages.stderr

    probe = ("import ui.app, pathlib, sys; d = ui.app.ICONS_DIR; "
             "print(d); sys.exit(0 if (d / 'kite.svg').is_file() else 1)")
    python = home / "venvs" / "kite-wallet" / "bin" / "python"
    icons = subprocess.run([str(python), "-c", probe], env=run_env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert icons.returncode == 0, icons.stdout + icons.stderr
    assert str(ROOT) not in icons.stdout  # the installed copy's icons, not this checkout's
