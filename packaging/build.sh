#!/usr/bin/env bash
# Build Kite's desktop app: a self-contained PyInstaller bundle (DIST/kite/, the `kite`
# executable: the window without arguments or with a link, the command line with them) and
# the Debian package made from it (DIST/kite-wallet_VERSION_ARCH.deb).
#
#   bash packaging/build.sh [--dist DIR] [--no-deb]        (DIR defaults to dist/)
#
# Installs what it needs: PyInstaller (pyproject's "package" extra) into .venv, and from
# Debian the validators of the .desktop entry and AppStream metadata and binutils.
# KITE_DEB_COMPRESSION=xz|gzip|zstd|none picks the .deb's compression (default xz).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=$ROOT/dist
DEB=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST=$(realpath -m "$2"); shift 2 ;;
    --no-deb) DEB=0; shift ;;
    *) echo "usage: bash packaging/build.sh [--dist DIR] [--no-deb]" >&2; exit 2 ;;
  esac
done

[ -x .venv/bin/python ] || bash scripts/setup.sh
PY=.venv/bin/python

# --- tools ----------------------------------------------------------------------------
if ! $PY -c "import PyInstaller" 2>/dev/null; then
  req=$($PY -c 'import tomllib; print(*tomllib.load(open("pyproject.toml","rb"))["project"]["optional-dependencies"]["package"])')
  $PY -m pip install -q $req
fi
missing=()
command -v desktop-file-validate >/dev/null || missing+=(desktop-file-utils)
command -v appstreamcli >/dev/null || missing+=(appstream)
command -v objdump >/dev/null || missing+=(binutils)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# --- metadata first: a broken .desktop or metainfo fails in a second -------------------
desktop-file-validate packaging/linux/org.kitewallet.Kite.desktop
appstreamcli validate --no-net --no-color packaging/linux/org.kitewallet.Kite.metainfo.xml >/dev/null

# --- the bundle -----------------------------------------------------------------------
began=$(date +%s)
rm -rf "$DIST/kite"
for ts in "$ROOT"/resources/translations/*.ts; do  # the bundle ships compiled translations
  "$(dirname "$PY")/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
PYTHONPATH=$ROOT $PY -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" packaging/kite.spec \
  2> >(grep -v -e "Library not found" -e "does not exist" >&2)
$PY packaging/check_bundle.py "$DIST/kite"
"$DIST/kite/kite" --version
QT_QPA_PLATFORM=offscreen "$DIST/kite/kite" gui --check-qml | tail -1
echo "bundle: $DIST/kite, $(du -sh "$DIST/kite" | cut -f1), built in $(( $(date +%s) - began )) s"

# --- the Debian package -----------------------------------------------------------------
if [ "$DEB" = 1 ]; then
  began=$(date +%s)
  deb=$($PY packaging/deb.py "$DIST/kite" "$DIST")
  echo "package: $deb, $(du -h "$deb" | cut -f1), made in $(( $(date +%s) - began )) s"
fi
