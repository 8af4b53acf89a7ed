"""Kite in a real X11 window: an Xvfb server (installed by scripts/setup.sh), the xcb
platform plugin (the one a desktop uses), a screenshot of what the window shows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None,
                                reason="Xvfb is not installed (scripts/setup.sh installs it)")


@pytest.fixture
def x_display(tmp_path):
    """A private X server; its DISPLAY (":N")."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _run_gui(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    code = "import sys; from ui.app import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_window_opens_on_a_real_x_server(x_display, tmp_path):
    shot = tmp_path / "x11.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=x_display,
               KITE_GUI_SETTINGS=str(tmp_path / "gui.ini"))
    result = _run_gui(tmp_path, env, "--network", "regtest", "--wallet-dir",
                      str(tmp_path / "wallet"), "--screenshot", str(shot), "--quit-after", "1.5")
    assert result.returncode == 0, result.stderr[-3000:]
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (400, 800)
    # not a blank frame: the welcome page's words and button are drawn
    colours = {image.pixel(x, y) for x in range(0, 400, 7) for y in range(0, 800, 7)}
    assert len(colours) > 10
    (ROOT / "test-artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ROOT / "test-artifacts" / "screenshots" / "60-x11-welcome.png")


def test_a_platform_that_cannot_load_is_one_sentence_and_leaves_no_temp_folder(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":987654",
               KITE_GUI_SETTINGS=str(tmp_path / "gui.ini"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    result = _run_gui(tmp_path, env, "--network", "regtest", "--wallet-dir",
                      str(tmp_path / "wallet"), "--quit-after", "0.5")
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Kite cannot open its window"), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_demo_that_cannot_open_its_window_removes_its_temp_folder(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":987654",
               KITE_GUI_SETTINGS=str(tmp_path / "gui.ini"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    code = "import sys; from ui.demo_app import run_demo; sys.exit(run_demo(quit_after=0.5))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Kite cannot open its window")
    assert list((tmp_path / "tmp").iterdir()) == []
