#!/usr/bin/env bash
# Set up (if needed) and run Kite's checks: ruff, then the whole pytest suite.
# Extra arguments go to pytest, e.g. `scripts/test.sh -m "not slow"` to skip end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
