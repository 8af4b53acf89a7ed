"""`kite --demo` as people run it: headless, it starts the devnet world, sets up the demo
wallet, saves a picture of the window, exits 0 and leaves no process or folder behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.slow


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(f"{proc.name}: {cmdline}")
    return found


def _run_demo(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    kite = Path(sys.executable).with_name("kite")
    return subprocess.run([str(kite), "--demo", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def _check(result: subprocess.CompletedProcess, picture: Path) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "kite demo: ready" in result.stdout
    assert "kite demo: the shop's reusable offer by name: ₿shop@kite.test" in result.stdout
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (400, 800)
    base = re.search(r"files in (\S+)", result.stdout)
    assert base is not None
    assert not Path(base.group(1)).exists()
    assert _processes_mentioning(base.group(1)) == []


def test_demo_headless_screenshot_and_teardown(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    picture = tmp_path / "shots" / "demo.png"
    result = _run_demo(["--quit-after", "1", "--screenshot", str(picture)], tmp_path, env)
    _check(result, picture)


def test_demo_without_a_display_runs_headless_by_itself(tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = _run_demo([], tmp_path, env)
    assert "no display: running headless" in result.stdout
    _check(result, tmp_path / "kite-demo.png")


@pytest.mark.parametrize("after", [1.0, 6.0])
def test_demo_stopped_while_it_starts_leaves_nothing(tmp_path, after):
    """Closing the app (SIGTERM) while the world starts or the wallet is being set up:
    `after` seconds once the window is up (its first line says where its files are; on a
    loaded machine the imports before it alone can take seconds)."""
    import signal
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    kite = Path(sys.executable).with_name("kite")
    proc = subprocess.Popen([str(kite), "--demo"], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    time.sleep(after)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    out = first + out
    assert proc.returncode == 0, out + err
    base = re.search(r"files in (\S+)", out)
    assert base is not None, out + err
    assert not Path(base.group(1)).exists()
    assert _processes_mentioning(base.group(1)) == []
