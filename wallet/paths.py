"""Where Kite keeps its files on this machine (XDG data directory on Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The user's data directory for Kite: $XDG_DATA_HOME/kite or ~/.local/share/kite."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "kite"
