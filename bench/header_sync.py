"""Cold header sync through ElectrumX on the devnet: headers/s, end to end.

A regtest chain of at least 50,000 blocks is mined once with bcoin (about 35 s) and kept,
with ElectrumX's database, under $KITE_BENCH_CACHE (default ~/.cache/kite/bench-devnet-50k,
about 60 MB), so later runs reopen it in a few seconds (Devnet(persistent=True)). Each of 5 runs then syncs a fresh, empty HeaderStore
(anchored before genesis: every header from genesis up is verified) over a fresh TCP
connection with HeaderSync.catch_up. The time is from the first request after the
connection is up (the connection and version handshake are timed apart) until the last
header is verified and fsynced. For comparison it also prints the pure verification rate of
the same headers in memory (verify_headers, no network, no disk).

Run: .venv/bin/python bench/header_sync.py [--blocks N] [--runs N] [--profile FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wallet.chain.electrum_client import ElectrumClient, ServerAddress  # noqa: E402
from wallet.chain.header_store import HeaderStore  # noqa: E402
from wallet.chain.header_sync import HeaderSync  # noqa: E402
from wallet.chain.headers import ChainContext, chain_params, verify_headers  # noqa: E402
from wallet.devnet.stack import Devnet  # noqa: E402

DEFAULT_BLOCKS = 50_000
MINE_BATCH = 2_000
SLOW_REQUEST_S = 0.25  # a 2016-header chunk takes a few ms from a local ElectrumX
TARGET = 100_000  # headers/s, end to end
CACHE_FORMAT = 1  # bump when the way the chain is mined changes; older caches are rebuilt


def cache_dir() -> Path:
    base = os.environ.get("KITE_BENCH_CACHE")
    return Path(base) if base else Path.home() / ".cache" / "kite" / "bench-devnet-50k"


def ensure_chain(devnet: Devnet, blocks: int, meta_path: Path) -> dict:
    """Mine up to `blocks` (once; the devnet is persistent) and say how long it took."""
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    have = devnet.height()
    if have < blocks:
        print(f"mining {blocks - have:,} blocks (cached afterwards in {devnet.directory}) ...")
        began = time.monotonic()
        # bcoin stamps each block max(now, median time past + 1): mined at a thousand blocks
        # a second the median creeps ahead of the clock until blocks are "time-too-new"
        # (over 2 h ahead). So the node's clock is set back and moved on one second per
        # block: the chain ends about an hour before now, as if mined at one block a second.
        clock = int(time.time()) - (blocks - have) - 3600
        while have < blocks:
            n = min(MINE_BATCH, blocks - have)
            t0 = time.monotonic()
            devnet.rpc("setmocktime", clock + have)
            devnet.mine(n, wait=False)
            have = devnet.height()
            dt = time.monotonic() - t0
            print(f"  generatetoaddress {n}: {dt:.2f} s ({n / dt:,.0f} blocks/s), height {have:,}",
                  flush=True)
        devnet.rpc("setmocktime", int(time.time()))  # the real clock again
        mined = time.monotonic() - began
        t0 = time.monotonic()
        devnet.wait_for_electrum_height(have, timeout=600)
        meta = {"format": CACHE_FORMAT, "height": have, "mine_seconds": round(mined, 2),
                "electrumx_extra_wait_seconds": round(time.monotonic() - t0, 2)}
        meta_path.write_text(json.dumps(meta))
    return meta


def _cache_format(meta_path: Path) -> int | None:
    try:
        return json.loads(meta_path.read_text()).get("format")
    except (OSError, ValueError, AttributeError):
        return None


def check_deployments(devnet: Devnet) -> str:
    """The adapter's activation heights must hold on a reopened chain (segwit, CSV at 3)."""
    info = devnet.rpc("getblockchaininfo")
    bip9 = info.get("bip9_softforks") or {}
    states = {name: (bip9.get(name) or {}).get("status") for name in ("csv", "segwit")}
    if any(s != "active" for s in states.values()):
        raise SystemExit(f"deployments not active on the cached chain: {states}")
    return ", ".join(f"{k} {v}" for k, v in states.items())


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class TimedClient(ElectrumClient):
    """Records how long each blockchain.block.headers request takes."""

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.durations: list[float] = []

    async def block_headers(self, start_height: int, count: int) -> bytes:
        t0 = time.perf_counter()
        try:
            return await super().block_headers(start_height, count)
        finally:
            self.durations.append(time.perf_counter() - t0)


async def one_run(address: ServerAddress, tip: int, workdir: Path,
                  profiler: cProfile.Profile | None) -> tuple[float, float, TimedClient, bytes]:
    """(connect seconds, sync seconds, the client, the synced headers)."""
    store = HeaderStore(workdir / "headers", "regtest", ChainContext.before_genesis())
    client = TimedClient(address)
    try:
        t0 = time.perf_counter()
        await client.connect()
        t1 = time.perf_counter()
        if profiler:
            profiler.enable()
        update = await HeaderSync(store).catch_up(client, tip)
        t2 = time.perf_counter()
        if profiler:
            profiler.disable()
        if store.tip_height != tip or update.added != tip + 1:
            raise SystemExit(f"sync ended at {store.tip_height} ({update}), expected {tip}")
        return t1 - t0, t2 - t1, client, store.headers(0, tip + 1)
    finally:
        await client.close()
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blocks", type=int, default=DEFAULT_BLOCKS)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", metavar="FILE", help="write a cProfile of the runs' syncs")
    args = ap.parse_args()

    directory = cache_dir()
    meta_path = directory / "bench-meta.json"
    if directory.exists() and _cache_format(meta_path) != CACHE_FORMAT:
        # unfinished (mining was interrupted) or made differently: start again
        print(f"discarding the incomplete or outdated cache in {directory}")
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    with Devnet(directory, initial_blocks=0, persistent=True, startup_timeout=600) as devnet:
        print(f"devnet up in {time.monotonic() - t0:.1f} s at height {devnet.height():,} "
              f"({directory})")
        meta = ensure_chain(devnet, args.blocks, meta_path)
        tip = devnet.height()
        devnet.wait_for_electrum_height(tip, timeout=600)
        print(f"chain: {tip + 1:,} headers; mined once in {meta.get('mine_seconds', '?')} s; "
              f"cache {dir_size(directory) / 1e6:,.0f} MB; {check_deployments(devnet)}")
        host, port = devnet.electrum_address
        address = ServerAddress(host, port, use_tls=False)
        profiler = cProfile.Profile() if args.profile else None

        rates = []
        headers = b""
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory(prefix="kite-bench-sync-") as d:
                connect_s, sync_s, client, headers = asyncio.run(
                    one_run(address, tip, Path(d), profiler))
            rate = (tip + 1) / sync_s
            rates.append(rate)
            slow = [x for x in client.durations if x > SLOW_REQUEST_S]
            print(f"run {run}: {tip + 1:,} headers in {sync_s:.3f} s = {rate:,.0f} headers/s "
                  f"(connect {connect_s * 1000:.0f} ms; {len(client.durations)} requests, "
                  f"slowest {max(client.durations) * 1000:.0f} ms)", flush=True)
            if slow:
                print(f"  WARNING: {len(slow)} requests took over {SLOW_REQUEST_S * 1000:.0f} ms "
                      "(ElectrumX throttling?)")

    median = statistics.median(rates)
    print(f"end to end (connection excluded): median {median:,.0f} headers/s over {args.runs} runs"
          f" - target {TARGET:,}: {'met' if median >= TARGET else 'NOT met'}")

    params = chain_params("regtest")
    vrates = []
    for _ in range(args.runs):
        t = time.perf_counter()
        verify_headers(params, ChainContext.before_genesis(), headers)
        vrates.append((tip + 1) / (time.perf_counter() - t))
    print(f"verify_headers only, in memory: median {statistics.median(vrates):,.0f} headers/s")
    if profiler:
        profiler.dump_stats(args.profile)
        print(f"profile written to {args.profile}")


if __name__ == "__main__":
    main()
