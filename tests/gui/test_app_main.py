"""`ui.app.main` as `kite gui` will run it: headless screenshot, then exit 0."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage

from tests.conftest import ROOT


def test_main_screenshot_and_quit(tmp_path):
    shot = tmp_path / "window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               KITE_GUI_SETTINGS=str(tmp_path / "gui.ini"))
    code = (
        "import sys; from ui.app import main; "
        "sys.exit(main(['--network', 'regtest', '--wallet-dir', sys.argv[1], "
        "'--screenshot', sys.argv[2], '--quit-after', '0.5']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "wallet"), str(shot)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (400, 800)
    assert "Error" not in result.stderr and "TypeError" not in result.stderr
    assert not (tmp_path / "wallet" / "wallet.sqlite").exists()  # looking creates nothing
