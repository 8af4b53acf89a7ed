#!/usr/bin/env bash
# Conformance by someone else's suite: lnprototest's BOLT 1 and BOLT 2 scripts (from
# ../shared/conformance/lnprototest, unmodified) played against a real `kite daemon` through
# tests/conformance/kite_runner.py (KiteRunner). The framework gets its own virtualenv,
# .venv-conformance (PyPI lnprototest 0.0.7 with the pyln-* packages; it pins older
# python-bitcoinlib and coincurve than Kite's); Kite runs from .venv (scripts/setup.sh).
# Extra arguments go to pytest (e.g. -k init). Safe to run again; quick when in place.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

SHARED="${KITE_SHARED:-$(cd .. && pwd)/shared}"
SUITE="$SHARED/conformance/lnprototest/tests"
VENV=.venv-conformance
STAMP="$VENV/.kite-conformance"
REQS=tests/conformance/requirements.txt  # every package pinned
WANT="$(sha256sum "$REQS" | cut -c1-16)"  # a changed list redoes the venv

if [ ! -f "$SUITE/conftest.py" ]; then
  echo "conformance: $SUITE not found (set KITE_SHARED)" >&2
  exit 1
fi
[ -x .venv/bin/python ] || bash scripts/setup.sh  # Kite itself, bcoin and ElectrumX

if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r "$REQS"
  echo "$WANT" > "$STAMP"
fi

# The scripts of these files run; BOLT 7 (public gossip) is out of scope: Kite has private
# channels only and never sends or relays announcements.
FILES=(test_bolt1-01-init.py test_bolt1-02-unknown-messages.py test_bolt2-01-open_channel.py
       test_bolt2-01-close_channel.py test_bolt2-02-reestablish.py test_bolt2-10-add-htlc.py
       test_bolt2-20-open_channel_accepter.py test_bolt2-30-channel_type-open-accept-tlvs.py)

export KITE_PYTHON="$ROOT/.venv/bin/python"
export PYTHONPATH="$ROOT/tests/conformance${PYTHONPATH:+:$PYTHONPATH}"
# 1. the shared suite, unmodified (kite_skips.py: what is skipped and why)
(cd "$SUITE" && "$ROOT/$VENV/bin/python" -m pytest -p no:cacheprovider -q \
  -p kite_skips -rs --runner kite_runner.KiteRunner "${FILES[@]}" "$@")
# 2. Kite's own scripts: the BOLT 2 steps the shared ones cannot reach, with a channel_type
"$VENV/bin/python" -m pytest -p no:cacheprovider -q -c tests/conformance/kite_scripts/pytest.ini \
  tests/conformance/kite_scripts "$@"
