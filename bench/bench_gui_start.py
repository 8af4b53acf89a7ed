"""Cold start of the GUI to its first rendered frame, and its idle resident memory.

Each run is a fresh Python process (interpreter start, imports, QML load, first frame), on
the offscreen platform unless QT_QPA_PLATFORM says otherwise, over an empty temporary
wallet folder. Prints the median of 5 and the resident memory (VmRSS) one second after the
first frame. GUI only: the node is not started (the facade has no `open` yet).

    .venv/bin/python bench/bench_gui_start.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = (
    "import sys; from ui.app import main; "
    "sys.exit(main([], wallet_dir=sys.argv[1], network='regtest', quit_after=1.5))"
)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_run() -> tuple[float, float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, KITE_GUI_TIMING="1", KITE_GUI_SETTINGS=str(Path(tmp) / "gui.ini"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(Path(tmp) / "wallet")],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        assert proc.stdout is not None
        elapsed, page = float("nan"), "?"
        for line in proc.stdout:
            if line.startswith("first-frame"):
                elapsed = time.perf_counter() - start
                page = line.split()[-1]
                break
        time.sleep(1.0)
        memory = rss_mb(proc.pid) if proc.poll() is None else float("nan")
        proc.wait(timeout=30)
        return elapsed, memory, page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    one_run()  # warm the file cache once, as a user's second start would be
    results = [one_run() for _ in range(args.runs)]
    times = [r[0] for r in results]
    memories = [r[1] for r in results]
    print(f"first page shown: {results[0][2]}")
    print(f"cold start to first frame: median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}) over {args.runs} runs")
    print(f"resident memory 1 s after first frame (GUI only): median "
          f"{statistics.median(memories):.0f} MB")


if __name__ == "__main__":
    main()
