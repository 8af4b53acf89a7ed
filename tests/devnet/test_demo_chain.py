"""The README's main job runs headless, end to end (teardown is checked in test_devnet)."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def test_demo_chain_runs_and_cleans_up():
    r = subprocess.run([sys.executable, "-m", "wallet", "demo-chain"], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "balance: 1,000,000 sat confirmed" in r.stdout
    assert "everything stopped" in r.stdout
