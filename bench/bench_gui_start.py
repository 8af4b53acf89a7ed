"""Cold start of the GUI to the first frame of its home page, and idle resident memory.

Each run is a fresh Python process: interpreter start, imports, QML load, the unlock page's
first frame, then the wallet is opened with its password (scrypt, the node starts) and the
home page's first frame is timed. The wallet is a fresh regtest wallet with no Electrum
server configured, so the node idles "not connected" (no sync work is measured). Resident
memory (VmRSS, GUI + node in one process) is read one second after the home page shows.
Runs offscreen unless QT_QPA_PLATFORM says otherwise. Prints medians of 5 runs.

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
sys.path.insert(0, str(ROOT))
PASSWORD = "bench password"


def child(wallet_dir: str) -> None:
    """In the measured process: show the window, unlock, report the home page's frame."""
    start_ns = int(os.environ["BENCH_T0_NS"])

    def since_start() -> float:
        return (time.time_ns() - start_ns) / 1e9

    from ui.app import build_gui  # imports are part of what is measured
    from wallet.api import WalletApi
    from wallet.networks import REGTEST

    gui = build_gui(lambda n: WalletApi(wallet_dir, n), REGTEST, network_fixed=True)
    window = gui.window
    marks: dict[str, float] = {}

    def on_frame() -> None:
        page = gui.current_page()
        if page not in marks:
            marks[page] = since_start()
            print(f"frame {page} {marks[page]:.4f}", flush=True)
            if page == "unlockPage":
                gui.session.unlock(PASSWORD)
            if page == "homePage":
                from PySide6.QtCore import QTimer

                def report_and_quit() -> None:
                    status = Path("/proc/self/status").read_text()
                    rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
                    print(f"rss_kb {rss.split()[1]}", flush=True)
                    gui.app.quit()

                QTimer.singleShot(1000, report_and_quit)

    window.frameSwapped.connect(on_frame)
    gui.app.exec()
    gui.close()


def one_run(template: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        wallet = Path(tmp) / "wallet"
        wallet.mkdir()
        for f in template.iterdir():
            (wallet / f.name).write_bytes(f.read_bytes())
        env = dict(os.environ, KITE_GUI_SETTINGS=str(Path(tmp) / "gui.ini"),
                   BENCH_T0_NS=str(time.time_ns()))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        out = subprocess.run([sys.executable, __file__, "--child", str(wallet)], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=120)
        results: dict[str, float] = {}
        for line in out.stdout.splitlines():
            parts = line.split()
            if parts[0] == "frame":
                results[parts[1]] = float(parts[2])
            elif parts[0] == "rss_kb":
                results["rss_mb"] = int(parts[1]) / 1024
        if "homePage" not in results:
            raise SystemExit(f"the home page never showed:\n{out.stdout}\n{out.stderr[-3000:]}")
        return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from wallet.api import WalletApi
    from wallet.networks import REGTEST

    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "wallet"
        api = WalletApi(template, REGTEST)
        try:
            api.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=120)
        finally:
            api.shutdown()
        one_run(template)  # warm the file cache, as a second start would find it
        runs = [one_run(template) for _ in range(args.runs)]

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    print(f"runs: {args.runs} (median shown; regtest wallet, no server, offscreen)")
    print(f"cold start to first frame (unlock page): {med('unlockPage') * 1000:.0f} ms")
    print(f"cold start to first frame of home (incl. unlock: scrypt + node start): "
          f"{med('homePage') * 1000:.0f} ms "
          f"(min {min(r['homePage'] for r in runs) * 1000:.0f}, "
          f"max {max(r['homePage'] for r in runs) * 1000:.0f})")
    print(f"idle resident memory, GUI + node, 1 s after home: {med('rss_mb'):.0f} MB")


if __name__ == "__main__":
    main()
