"""Shared test fixtures: where the shared vectors and real-chain fixtures live."""

from __future__ import annotations

import json
import os
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
