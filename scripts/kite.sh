#!/usr/bin/env bash
# Set up (if needed) and run the kite command with the given arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" >&2
exec "$root/.venv/bin/kite" "$@"
