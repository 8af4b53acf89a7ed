"""The desktop bundle and Debian package, built for real by `packaging/build.sh` (slow: the
PyInstaller build takes about half a minute), then run: the bundle's `kite` as the command
line and as the window (headless), from a bare environment; the .deb's contents; and, as
root, the package installed with dpkg, run from /usr/bin/kite, and removed again."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import wallet
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

PACKAGE = "kite-wallet"
APP_ID = "org.kitewallet.Kite"


def _bare_env(home: Path, **extra: str) -> dict[str, str]:
    """No venv, no PYTHONPATH, no Python at all on the path: only what a user's session has."""
    return dict(PATH="/usr/bin:/bin", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                XDG_CONFIG_HOME=str(home / "config"), LANG="C.UTF-8", **extra)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, KITE_DEB_COMPRESSION="zstd")  # xz takes minutes; same contents
    began = time.monotonic()
    result = subprocess.run(["bash", "packaging/build.sh", "--dist", str(folder)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(f"\nbuild.sh (bundle + .deb) took {time.monotonic() - began:.0f} s")
    return folder


def test_bundle_runs_as_command_line_and_window(dist, tmp_path):
    kite = dist / "kite" / "kite"
    env = _bare_env(tmp_path)
    help_text = subprocess.run([str(kite), "--help"], env=env, cwd=tmp_path,
                               capture_output=True, text=True, timeout=120)
    assert help_text.returncode == 0, help_text.stderr
    for command in ("create", "pay", "gui", "devnet"):  # the command modules are all there
        assert f"    {command} " in help_text.stdout
    version = subprocess.run([str(kite), "--version"], env=env, capture_output=True,
                             text=True, timeout=60)
    assert version.stdout.strip() == f"kite {wallet.__version__}"

    pages = subprocess.run([str(kite), "gui", "--check-qml"], env=_bare_env(
        tmp_path, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True, timeout=120)
    assert pages.returncode == 0, pages.stdout + pages.stderr
    loaded, _of, total = pages.stdout.strip().splitlines()[-1].split()[:3]
    assert loaded == total and int(total) == len(list((ROOT / "ui" / "qml").glob("*.qml")))

    shot = tmp_path / "window.png"
    window = subprocess.run([str(kite), "--network", "regtest", "--screenshot", str(shot)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert window.returncode == 0, window.stderr[-2000:]
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (400, 800)


def test_deb_holds_the_bundle_entry_metadata_and_icons(dist):
    deb = next(dist.glob(f"{PACKAGE}_*.deb"))
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package", "Depends"],
                          capture_output=True, text=True, check=True).stdout
    assert f"Package: {PACKAGE}" in info and "libxcb-icccm4" in info
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True,
                             text=True, check=True).stdout
    for path in ("./opt/kite/kite", "./opt/kite/_internal/ui/qml/Main.qml",
                 f"./usr/share/applications/{APP_ID}.desktop",
                 f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
                 f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
                 f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
                 f"./usr/share/icons/hicolor/256x256/apps/{APP_ID}.png"):
        assert f" {path}" in listing, path
    assert "./usr/bin/kite -> /opt/kite/kite" in listing
    assert "root/root" in listing.splitlines()[0]


def _installed(package: str) -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                            capture_output=True, text=True)
    return "install ok installed" in result.stdout


def test_deb_installs_runs_and_removes(dist, tmp_path):
    if os.geteuid() != 0 or shutil.which("dpkg") is None:
        pytest.skip("installing a .deb needs root and dpkg")
    if _installed(PACKAGE):
        pytest.skip(f"{PACKAGE} is already installed here; the test will not replace it")
    deb = next(dist.glob(f"{PACKAGE}_*.deb"))
    install = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True,
                             timeout=300)
    try:
        assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
        env = _bare_env(tmp_path)
        version = subprocess.run(["kite", "--version"], env=env, capture_output=True,
                                 text=True, timeout=60)
        assert version.stdout.strip() == f"kite {wallet.__version__}", version.stderr
        shot = tmp_path / "installed.png"
        window = subprocess.run(["kite", "--network", "regtest", "--screenshot", str(shot)],
                                env=env, capture_output=True, text=True, timeout=120)
        assert window.returncode == 0, window.stderr[-2000:]
        assert QImage(str(shot)).width() == 400
        cache = Path("/usr/share/applications/mimeinfo.cache")
        if cache.exists():  # update-desktop-database ran from desktop-file-utils' trigger
            handlers = dict(line.split("=", 1) for line in cache.read_text().splitlines()
                            if line.startswith("x-scheme-handler/"))
            for scheme in ("bitcoin", "lightning"):
                assert f"{APP_ID}.desktop" in handlers[f"x-scheme-handler/{scheme}"]
    finally:
        subprocess.run(["dpkg", "-r", PACKAGE], capture_output=True, timeout=300)
    assert not _installed(PACKAGE)
    assert not Path("/opt/kite/kite").exists() and not Path("/usr/bin/kite").exists()
