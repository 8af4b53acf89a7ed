"""Every module of wallet/ and ui/ imports: a name or module that moved and an importer that
was not told fails here, not in the one end-to-end test that happens to load it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for package in ("wallet", "ui") for p in (ROOT / package).rglob("*.py")
    if "node_modules" not in p.parts and p.stem != "__main__")


@pytest.mark.parametrize("module", MODULES)
def test_module_imports(module: str) -> None:
    importlib.import_module(module)
