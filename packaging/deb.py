"""Make the Debian package from the bundle: `python packaging/deb.py dist/kite dist`.

Installs the bundle to /opt/kite with /usr/bin/kite pointing at it, the .desktop entry
(handler of bitcoin: and lightning: links), the AppStream metainfo and the icon in the
hicolor sizes. Debian's own triggers (desktop-file-utils, hicolor-icon-theme) refresh the
menus and icon caches, so the package needs no maintainer scripts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from icons import SIZES, render_png  # noqa: E402

APP_ID = "org.kitewallet.Kite"
PACKAGE = "kite-wallet"
DESKTOP = HERE / "linux" / f"{APP_ID}.desktop"
METAINFO = HERE / "linux" / f"{APP_ID}.metainfo.xml"
ICON_SVG = ROOT / "resources" / "icons" / "kite.svg"

# What the bundle takes from the system (check_bundle.py verifies the list is complete):
# the C library, OpenGL/EGL, fonts, the X11 and Wayland client libraries Qt's platform
# plugins load, D-Bus and GLib.
DEPENDS = [
    "libc6 (>= 2.36)",
    "libegl1",
    "libgl1",
    "libglx0",
    "libglvnd0",
    "libdrm2",
    "libfontconfig1",
    "libfreetype6",
    "libxkbcommon0",
    "libdbus-1-3",
    "libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
]
# libraries a kept Qt plugin loads that the build machine may lack: their Debian package
LIBRARY_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def version() -> str:
    text = (ROOT / "wallet" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    if not match:
        raise SystemExit("no __version__ in wallet/__init__.py")
    return match.group(1)


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def control(size_kib: int) -> str:
    return "\n".join([
        f"Package: {PACKAGE}",
        f"Version: {version()}",
        f"Architecture: {architecture()}",
        "Section: net",
        "Priority: optional",
        "Maintainer: Kite developers <kite@localhost>",
        f"Installed-Size: {size_kib}",
        "Depends: " + ", ".join(DEPENDS),
        "Description: Bitcoin and Lightning wallet with a light node",
        " Kite is a desktop wallet in the style of a phone app. It sends and receives",
        " bitcoin on-chain and over Lightning, verifies what servers tell it, and",
        " restores everything from one seed. It opens bitcoin: and lightning: links.",
        "",
    ])


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under `root`."""
    shutil.copytree(bundle, root / "opt" / "kite", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/kite/kite", root / "usr" / "bin" / "kite")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP, share / "applications" / DESKTOP.name)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy(METAINFO, share / "metainfo" / METAINFO.name)
    icons = share / "icons" / "hicolor"
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(ICON_SVG, icons / "scalable" / "apps" / f"{APP_ID}.svg")
    for size in SIZES:
        folder = icons / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        render_png(ICON_SVG, size, folder / f"{APP_ID}.png")
    for path in root.rglob("*"):  # files 0644, folders and programs 0755, whatever the umask
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(0o755 if path.is_dir() or mode & 0o111 else 0o644)


def tree_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return max(1, total // 1024)


def build(bundle: Path, out_dir: Path, compression: str = "xz") -> Path:
    """The .deb for `bundle`, written to `out_dir`; its path."""
    if not (bundle / "kite").is_file():
        raise SystemExit(f"no bundle at {bundle}: run packaging/build.sh first")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{version()}_{architecture()}.deb"
    with tempfile.TemporaryDirectory(prefix="kite-deb-") as tmp:
        root = Path(tmp) / "root"
        stage(bundle, root)
        (root / "DEBIAN").mkdir(mode=0o755)
        (root / "DEBIAN" / "control").write_text(control(tree_kib(root)), encoding="utf-8")
        subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build",
                        str(root), str(target)], check=True, stdout=subprocess.DEVNULL)
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, nargs="?", default=ROOT / "dist" / "kite")
    parser.add_argument("out_dir", type=Path, nargs="?", default=ROOT / "dist")
    parser.add_argument("--compression", default=os.environ.get("KITE_DEB_COMPRESSION", "xz"),
                        choices=["xz", "gzip", "zstd", "none"])
    args = parser.parse_args(argv)
    print(build(args.bundle, args.out_dir, args.compression))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
