"""Header verification throughput on real mainnet headers.

Verifies the 8,065 headers of mainnet_822528_830592 (from the checkpoint below them) and the
10,000 of mainnet_0_9999 (from genesis), 5 runs each, and prints the median headers/s.
Also times the header store's append (verification + write + fsync) in 2016-header chunks.

Run: .venv/bin/python bench/bench_header_verify.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wallet.chain.checkpoints import checkpoint_context, load_checkpoints  # noqa: E402
from wallet.chain.header_store import HeaderStore  # noqa: E402
from wallet.chain.headers import (  # noqa: E402
    MAINNET_PARAMS,
    ChainContext,
    headers_from_hex_lines,
    verify_headers,
)

FIXTURES = Path(os.environ.get("KITE_SHARED", ROOT.parent / "shared")) / "fixtures"
RUNS = 5


def load(name: str) -> bytes:
    return headers_from_hex_lines((FIXTURES / name).read_text("ascii"))


def median_rate(fn, count: int) -> float:
    rates = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        rates.append(count / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> None:
    recent = load("mainnet_822528_830592.hex")
    early = load("mainnet_0_9999.hex")
    cp = {c.height: c for c in load_checkpoints("mainnet")}[822527]
    anchor = checkpoint_context(cp, MAINNET_PARAMS)
    genesis = ChainContext.before_genesis()
    n_recent, n_early = len(recent) // 80, len(early) // 80

    r1 = median_rate(lambda: verify_headers(MAINNET_PARAMS, anchor, recent), n_recent)
    r2 = median_rate(lambda: verify_headers(MAINNET_PARAMS, genesis, early), n_early)
    print(f"verify mainnet 822528-830592 ({n_recent} headers): {r1:,.0f} headers/s (median of {RUNS})")
    print(f"verify mainnet 0-9999 ({n_early} headers):        {r2:,.0f} headers/s (median of {RUNS})")

    def store_run() -> None:
        with tempfile.TemporaryDirectory() as d, HeaderStore(Path(d) / "h", "mainnet", anchor) as s:
            for i in range(0, len(recent), 2016 * 80):
                s.append(recent[i : i + 2016 * 80])

    r3 = median_rate(store_run, n_recent)
    print(f"store append, 2016-header chunks, fsync ({n_recent} headers): {r3:,.0f} headers/s (median of {RUNS})")


if __name__ == "__main__":
    main()
