#!/usr/bin/env bash
# Install Electrum 4.8.1 (a current Electrum, which requires anchor channels) for the interop
# tests: its code stays unmodified in ../shared/peers/electrum-4.8.1 (run as a separate
# process, never imported), its dependencies go to their own virtualenv .venv-electrum48 as
# ../shared/peers/README.md says. Safe to run again; quick (no pip call) when in place.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${KITE_SHARED:-$(cd .. && pwd)/shared}"
PEER="$SHARED/peers/electrum-4.8.1"
VENV=.venv-electrum48
STAMP="$VENV/.kite-electrum48"
# bump when the list below changes, so that an existing venv is completed
WANT="1"

if [ ! -f "$PEER/run_electrum" ]; then
  echo "setup_electrum48: $PEER/run_electrum not found (set KITE_SHARED)" >&2
  exit 1
fi

if ! dpkg -s libsecp256k1-1 >/dev/null 2>&1; then  # electrum_ecc loads Debian's library
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libsecp256k1-1
fi

if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  ELECTRUM_ECC_DONT_COMPILE=1 "$VENV/bin/pip" install -q 'electrum_ecc>=0.0.4,<0.1'
  "$VENV/bin/pip" install -q 'aiorpcx>=0.25,<0.26' 'aiohttp>=3.11,<4' 'aiohttp_socks>=0.9.2' \
    'electrum_aionostr>=0.1,<0.2' certifi jsonpatch 'attrs>=20.1' 'dnspython[DNSSEC]>=2.2' \
    qrcode protobuf cryptography
  echo "$WANT" > "$STAMP"
fi

got="$(cd "$PEER" && "$OLDPWD/$VENV/bin/python" -c \
  'import electrum.version as v; print(v.ELECTRUM_VERSION)' 2>/dev/null || true)"
if [ "$got" != "4.8.1" ]; then
  echo "setup_electrum48: expected Electrum 4.8.1 from $PEER, found '${got:-none}'" >&2
  exit 1
fi
echo "setup_electrum48: Electrum $got ready ($VENV)"
