"""The layer rules of ARCHITECTURE.md, checked on the import graph itself (no file lists):

- no import cycle inside `wallet/`, counting every import: top-level, under `TYPE_CHECKING`
  and inside functions (that is how cycles hide);
- pure code (everything but `wallet/ln/shell/`, `wallet/ln/store/` and the I/O packages)
  imports no asyncio, socket, sqlite3 or Qt, nor the Lightning shell or stores, and has no
  `async def` (Protocol stubs excepted);
- the Lightning stores never import the shell;
- inside the shell only the composition root imports the channel manager, the switch and
  payments;
- `ui/` reaches `wallet/` only through the facade and its value types.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WALLET = REPO / "wallet"
IO_MODULES = {"asyncio", "socket", "sqlite3", "selectors", "aiorpcx", "PySide6", "aiohttp",
              "ssl", "subprocess"}
#: packages of wallet/ that do I/O by their nature (network, disk, processes, the CLI)
IO_PACKAGES = ("wallet.ln.shell", "wallet.ln.store", "wallet.chain", "wallet.storage",
               "wallet.cli", "wallet.daemon", "wallet.devnet", "wallet.api", "wallet.lnurl",
               "wallet.__main__", "wallet.paths", "wallet.fiat.rate_service",
               "wallet.bip353.resolver", "wallet.deadline")
#: the chain package's pure parts (verification), checked like the rest
PURE_IN_IO_PACKAGES = ("wallet.chain.headers", "wallet.chain.merkle", "wallet.chain.chain_state",
                       "wallet.chain.scripthash", "wallet.chain.checkpoints")
#: the shell's parts that only the composition root may wire together
WIRED_ONCE = ("wallet.ln.shell.channel_manager", "wallet.ln.shell.htlc_switch",
              "wallet.ln.shell.payments", "wallet.ln.shell.forwarder")
COMPOSITION_ROOT = "wallet.ln.shell.lightning_node"
#: what the GUI may import of wallet/: the facade and the value types it hands out (and the
#: package itself, for its version)
#: wallet.sentence: the template and values the facade's errors carry (translated by ui/i18n)
UI_ALLOWED = ("wallet.api", "wallet.errors", "wallet.networks", "wallet.payment_request",
              "wallet.sentence")
#: `kite --demo` runs the devnet world behind the window: that one module may start it
UI_DEMO = ("ui/demo_app.py", "wallet.devnet")


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in WALLET.rglob("*.py")}


def resolve(name: str) -> str | None:
    """The wallet module an import names (a package's __init__ if not a submodule)."""
    known = modules()
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


@cache
def imports_of(mod: str) -> frozenset[tuple[str, bool]]:
    """(imported name, is a wallet module) for every import anywhere in `mod`."""
    tree = ast.parse(modules()[mod].read_text(encoding="utf-8"))
    package = mod if modules()[mod].name == "__init__.py" else mod.rpartition(".")[0]
    out: set[tuple[str, bool]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import submodule` names the submodule; the package's __init__ runs
            # before any of its submodules anyway, so it is no edge of its own
            subs = [f"{base}.{a.name}" for a in node.names]
            names = subs if all(s in modules() for s in subs) else subs + [base]
        for n in names:
            target = resolve(n) if n.startswith("wallet") else None
            out.add((target or n, target is not None))
    return frozenset(out)


def wallet_edges(mod: str) -> set[str]:
    return {n for n, internal in imports_of(mod) if internal and n != mod}


def is_pure(mod: str) -> bool:
    if mod in PURE_IN_IO_PACKAGES:
        return True
    return not any(mod == p or mod.startswith(p + ".") for p in IO_PACKAGES)


def test_no_import_cycle_of_any_kind() -> None:
    graph = {m: wallet_edges(m) for m in modules()}
    # a package's __init__ importing its own submodules is no cycle worth the name only if
    # the submodules never import the package back; count it like any other edge
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)  # Tarjan's recursion; put back: other tests parse deep JSON
    try:
        for m in sorted(graph):
            if m not in index:
                visit(m)
    finally:
        sys.setrecursionlimit(limit)
    assert not cycles, f"import cycles: {cycles}"


PURE = sorted(m for m in modules() if is_pure(m))


@pytest.mark.parametrize("mod", PURE)
def test_pure_module_does_no_io(mod: str) -> None:
    path = modules()[mod]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    external = {n.split(".")[0] for n, internal in imports_of(mod) if not internal}
    assert not external & IO_MODULES, f"{mod} imports {external & IO_MODULES}"
    shell = [n for n in wallet_edges(mod) if not is_pure(n) and n != "wallet"]
    assert not shell, f"pure {mod} imports I/O code: {shell}"
    protocols = {c.name for c in ast.walk(tree) if isinstance(c, ast.ClassDef)
                 and any(getattr(b, "id", getattr(b, "attr", "")) == "Protocol" for b in c.bases)}
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and cls.name in protocols:
            continue
        for node in ast.iter_child_nodes(cls):
            assert not isinstance(node, ast.AsyncFunctionDef), f"{mod}: async def {node.name}"


def test_stores_never_import_the_shell() -> None:
    for mod in modules():
        if mod.startswith("wallet.ln.store"):
            bad = [n for n in wallet_edges(mod) if n.startswith("wallet.ln.shell")]
            assert not bad, f"{mod} imports {bad}"


def test_only_the_composition_root_wires_the_shell() -> None:
    for mod in modules():
        if mod == COMPOSITION_ROOT:
            continue
        bad = [n for n in wallet_edges(mod) if n in WIRED_ONCE and mod.startswith("wallet.ln")]
        assert not bad, f"{mod} imports {bad}: only {COMPOSITION_ROOT} wires them"


def test_ui_uses_only_the_facade() -> None:
    for path in (REPO / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for n in names:
                rel = str(path.relative_to(REPO))
                if n.startswith("wallet.") and not (rel == UI_DEMO[0] and n.startswith(UI_DEMO[1])):
                    assert n.startswith(UI_ALLOWED), f"{rel} imports {n}"


def test_wallet_never_imports_qt_at_module_level() -> None:
    for path in WALLET.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # top-level imports only; `kite gui` imports Qt lazily
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""])
                assert not any(n.startswith(("PySide6", "ui")) for n in names), path
