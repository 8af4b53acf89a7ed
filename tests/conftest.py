"""Shared test fixtures: where the shared vectors and real-chain fixtures live."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KITE_SHARED", ROOT.parent / "shared"))
VECTORS = SHARED / "vectors"
FIXTURES = SHARED / "fixtures"


def load_vector(name: str) -> dict:
    """Load one JSON file of ../shared/vectors (the official test vectors)."""
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def load_fixture(name: str) -> dict:
    """Load one JSON file of ../shared/fixtures (real headers and network facts)."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def vectors_dir() -> Path:
    return VECTORS


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_devnet():
    """One devnet (bcoin + ElectrumX) for every end-to-end test that can share a chain."""
    from wallet.devnet.stack import Devnet

    with Devnet() as dn:
        yield dn


@pytest.fixture(scope="session")
def shared_world(shared_devnet, tmp_path_factory):
    """The devnet world (Tram and Shop, a channel between them) on the shared devnet."""
    from wallet.devnet.world import DevnetWorld

    with DevnetWorld(tmp_path_factory.mktemp("world"), chain=shared_devnet) as world:
        yield world


#: seconds after which a test's asyncio tasks are written to the terminal (before the
#: per-test timeout of pyproject.toml fails it): where each coroutine waits, for a hang
#: that shows only in long runs
HANG_REPORT_AFTER = 300.0


def _report_asyncio_tasks(nodeid: str) -> None:
    out = sys.__stderr__
    out.write(f"\n=== {nodeid} still running after {HANG_REPORT_AFTER:.0f} s; its tasks:\n")
    for obj in gc.get_objects():
        if isinstance(obj, asyncio.AbstractEventLoop) and obj.is_running():
            for task in list(asyncio.all_tasks(obj)):
                out.write(f"--- {task.get_name()}\n")
                task.print_stack(limit=12, file=out)
    out.flush()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    timer = threading.Timer(HANG_REPORT_AFTER, _report_asyncio_tasks, (item.nodeid,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
