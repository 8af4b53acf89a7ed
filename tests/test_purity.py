"""DESIGN principle 1: pure protocol code has no sockets, asyncio or SQLite in it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "wallet"
FORBIDDEN = {"asyncio", "socket", "sqlite3", "selectors", "aiorpcx", "aiohttp", "PySide6"}
# the I/O shells of the Lightning stack: connections, the channels' action executor, storage
SHELLS = {"peer.py", "peer_manager.py", "listener.py", "channel_manager.py", "channel_store.py",
          "htlc_switch.py", "payments.py", "forwarder.py", "background.py"}

PURE = sorted(
    [p for p in (ROOT / "ln").rglob("*.py") if p.name not in SHELLS and not p.name.startswith("peer_")]
    + list((ROOT / "keys").rglob("*.py"))
    + list((ROOT / "onchain").rglob("*.py"))
    + [p for p in (ROOT / "lnurl").rglob("*.py") if p.name != "http.py"]  # http.py: the shell
    + [ROOT / "chain" / n for n in ("headers.py", "merkle.py", "chain_state.py", "scripthash.py", "checkpoints.py")]
    + [ROOT / n for n in ("bech32.py", "hashes.py", "networks.py", "payment_request.py")]
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


@pytest.mark.parametrize("path", PURE, ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_module_has_no_io(path):
    assert not imported_modules(path) & FORBIDDEN


def test_wallet_never_imports_qt_at_module_level():
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # top-level imports only; `kite gui` imports Qt lazily
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(n.startswith(("PySide6", "ui")) for n in names), path
