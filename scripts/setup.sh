#!/usr/bin/env bash
# Set up everything Kite needs on a fresh Debian machine: system packages, a virtualenv in
# .venv with Kite and its test extras. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_pkgs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libpulse0)  # libpulse0: QtMultimedia (camera scanning)
# Qt's xcb platform plugin: a real X11 window (offscreen rendering needs none of these)
apt_pkgs+=(libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
           libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-xinerama0 libxcb-xkb1
           libxkbcommon-x11-0)
apt_pkgs+=(xvfb)  # the GUI tests that open a real X11 window (tests/gui/test_x11_window.py)
# the desktop package (packaging/): PyInstaller's objdump, the .desktop and AppStream
# validators, pipx (the `pipx install .` test), and the libraries Qt's X11/Wayland plugins
# load (the .deb depends on them, so dpkg -i works here)
apt_pkgs+=(binutils desktop-file-utils appstream pipx libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
           libwayland-client0 libwayland-cursor0 libwayland-egl1)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.kite-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[test,package]'
  touch "$stamp"
fi
for ts in resources/translations/*.ts; do  # Qt reads compiled translations (.qm)
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
bash scripts/setup_devnet.sh  # bcoin (npm) and ElectrumX for the devnet
bash scripts/setup_electrum.sh  # Electrum 4.3.4 (Debian) for the interop tests
bash scripts/setup_electrum48.sh  # Electrum 4.8.1 (../shared/peers, own venv): anchors interop
