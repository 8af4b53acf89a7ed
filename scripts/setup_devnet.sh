#!/usr/bin/env bash
# Install what the devnet (wallet/devnet/) runs: Node.js with bcoin from npm (pinned by
# wallet/devnet/js/package-lock.json) and ElectrumX (`e-x`, the `devnet` extra) in .venv.
# Safe to run again; quick when everything is in place. Needs the .venv of scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@"
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
  echo "setup_devnet: Node.js $node_major is too old (need 18 or newer)" >&2
  exit 1
fi

# bcoin and its dependencies. Install scripts are skipped except mrmr's: it is the one
# native module bcoin cannot do without (murmur3 for its bloom filters), built by node-gyp
# with make, a C++ compiler, python3 and Node's headers (shipped with the nodejs package in
# /usr/include/node). The others only build optional speed-ups: secp256k1 (whose build fails
# on current Node anyway; bcoin then uses its JavaScript code) and leveldown (ships prebuilt
# binaries, and the devnet keeps its chain in memory). This takes 7 s instead of 19.
js=wallet/devnet/js
stamp=$js/node_modules/.kite-devnet-installed
if [ ! -f "$stamp" ] || [ $js/package-lock.json -nt "$stamp" ] || [ $js/package.json -nt "$stamp" ]; then
  if ! command -v make >/dev/null 2>&1 || ! command -v g++ >/dev/null 2>&1 \
     || ! command -v python3 >/dev/null 2>&1; then
    apt_install build-essential python3
  fi
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
    export npm_config_nodedir=/usr  # local headers: node-gyp need not download them
  fi
  (cd "$js" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
     && npm rebuild mrmr --loglevel=error)
  test -f "$js/node_modules/mrmr/build/Release/mrmr.node"
  touch "$stamp"
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup_devnet: no .venv; run scripts/setup.sh first" >&2
  exit 1
fi
if ! .venv/bin/python -c 'import electrumx, plyvel' >/dev/null 2>&1; then
  .venv/bin/pip install -q -e '.[devnet]'
fi
