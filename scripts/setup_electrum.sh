#!/usr/bin/env bash
# Install Electrum 4.3.4 (Debian's python3-electrum, for the system Python /usr/bin/python3),
# the independent Lightning implementation the interop tests (tests/interop/) run beside Kite.
# Safe to run again; quick (no apt call) when the right version is already installed.
set -euo pipefail

WANTED="4.3.4"
PY=/usr/bin/python3

installed_version() {
  "$PY" -c 'import electrum.version as v; print(v.ELECTRUM_VERSION)' 2>/dev/null || true
}

if [ "$(installed_version)" != "$WANTED" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-electrum
fi

got="$(installed_version)"
if [ "$got" != "$WANTED" ]; then
  echo "setup_electrum: expected Electrum $WANTED for $PY, found '${got:-none}'" >&2
  exit 1
fi
echo "setup_electrum: Electrum $got ready ($PY)"
