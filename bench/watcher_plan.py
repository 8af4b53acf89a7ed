"""The BOLT 5 watcher's cost per check: one `watcher.plan` call (pure: rebuilding the
commitment, its HTLC transactions and every sweep it may broadcast) for a force-closed
channel with N pending HTLCs, from our side (our commitment) and the peer's (their
commitment), and for a revoked commitment (justice). The shell runs it a few times per
block and closing channel (once per round of spend lookups). Prints medians of 21 runs.

    .venv/bin/python bench/watcher_plan.py [--htlcs 2 10 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ln.enforcement.test_watcher import START, LoggedPair, close_data  # noqa: E402
from wallet.ln.channel import events as ev  # noqa: E402
from wallet.ln.enforcement.close_plan import ChainView, Spend, plan  # noqa: E402
from wallet.ln.store.channel_store import ChannelStore  # noqa: E402
from wallet.storage.database import Database  # noqa: E402

DEST = b"\x00\x14" + b"\x42" * 20


def channel(folder: Path, n: int) -> LoggedPair:
    pair = LoggedPair(ChannelStore(Database(folder / "w.sqlite")), funding_sat=10_000_000)
    pair.open()
    first = pair.add(pair.a, 4_000_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdFulfillHtlc(first[0], first[1]))
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    for i in range(n):
        pair.add(pair.a if i % 2 else pair.b, 20_000_000 + i * 1000)
    pair.step(pair.a, ev.CmdSign())
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    return pair


def median_ms(fn, runs: int = 21) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def time_plan(data, closing, tip: int) -> float:
    view = ChainView(tip, Spend(closing, tip - 200))
    return median_ms(lambda: plan(data, view, {}, 1000))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--htlcs", type=int, nargs="*", default=[2, 10, 30])
    args = parser.parse_args()
    print("pending HTLCs | our commitment | their commitment | revoked (justice)  [ms/plan]")
    for n in args.htlcs:
        with tempfile.TemporaryDirectory() as folder:
            pair = channel(Path(folder), n)
            a, b = pair.a, pair.b
            old_b = b.c
            ours = a.c.signed_local_commitment(a.keys)
            theirs = b.c.signed_local_commitment(b.keys)
            tip = START + 200_000  # past every expiry: timeouts are built too
            data_a = close_data(pair, a, DEST)
            t_ours = time_plan(data_a, ours, tip)
            t_theirs = time_plan(data_a, theirs, tip)
            # b's commitment above becomes revoked once one more update is signed
            pair.add(a, 1_000_000)
            pair.step(a, ev.CmdSign())
            pair.run()
            if b.c.has_changes_to_sign:
                pair.step(b, ev.CmdSign())
            pair.run()
            revoked = old_b.signed_local_commitment(b.keys)
            data_a = close_data(pair, a, DEST)
            t_rev = time_plan(data_a, revoked, tip)
            print(f"{n:13d} | {t_ours:14.1f} | {t_theirs:16.1f} | {t_rev:17.1f}")


if __name__ == "__main__":
    main()
