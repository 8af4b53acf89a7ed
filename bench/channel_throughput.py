"""Payments per second over one channel between two Kite nodes.

Two real `LightningNode`s, each with its own SQLite database (WAL, synchronous=FULL, one
transaction per state step, persist before send), talking BOLT 8 over TCP on loopback; by
default each node runs in its own process, as two nodes would (`--one-process`: both on one
event loop, so one core does the work of both). The chain is a stand-in (`ConfirmedChain`)
that reports the channel's funding output confirmed 6 deep, as for a channel opened before
the run; nothing else touches the chain. Payments are direct (payee = channel peer): the
payer's `LightningNode.pay` with an invoice of the payee's `create_invoice` (onion, HTLC,
commitment rounds, fulfill, both payment logs).

Each repeat opens a fresh channel, sends N payments with K in flight (each `pay` waits for
its preimage), and reports payments/s and p50/p99 latency; the median of the repeats is
printed last.

    .venv/bin/python bench/channel_throughput.py [-n 500] [-k 10] [-r 5] [--one-process]
                                                 [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import multiprocessing
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxOut  # noqa: E402

from wallet.keys.lightning import LightningKeys  # noqa: E402
from wallet.ln.channel import events as ev  # noqa: E402
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.peer import PeerConfig, chain_hash  # noqa: E402
from wallet.ln.shell.ports import FundingStatus
from wallet.ln.store.channel_store import ChannelStore  # noqa: E402
from wallet.ln.wire.primitives import ShortChannelId  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402
from wallet.storage.database import Database  # noqa: E402

FUNDING_SAT = 10_000_000


class ConfirmedChain:
    """Every watched funding output is reported confirmed 6 deep at a fixed height, as for a
    channel whose funding confirmed before the run (the funder's transaction spends a
    made-up coin and is never checked); nothing else touches the chain during the run."""

    def __init__(self) -> None:
        self.tip_height = 1_000

    async def feerate_per_kw(self) -> int:
        return 2_500

    def close_script(self) -> bytes:
        return bytes.fromhex("0014") + bytes(20)

    async def build_funding(self, script: bytes, amount_sat: int,
                            extra_outputs: tuple[bytes, ...] = ()) -> bytes:
        tx = CTransaction([CTxIn(COutPoint(os.urandom(32), 0))],
                          [CTxOut(amount_sat, script), *(CTxOut(0, s) for s in extra_outputs)],
                          nVersion=2)
        return tx.serialize()

    async def broadcast(self, raw: bytes, what: str) -> None:
        pass

    async def funding_status(self, watch: ev.WatchFundingOutput) -> FundingStatus:
        height = self.tip_height - 5
        return FundingStatus(6, ShortChannelId(height, 1, watch.output_index))


def node(folder: Path, name: str, chain: ConfirmedChain) -> LightningNode:
    keys = LightningKeys.from_seed(os.urandom(32), REGTEST)
    store = ChannelStore(Database(folder / f"{name}.sqlite"))
    config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=60)
    return LightningNode(keys, REGTEST, store, chain, peer_config=config, poll_interval=0.05)


class Payee:
    """Node B: in this process, or (`separate`) in its own process as two nodes would be;
    it listens on loopback and hands out invoices."""

    def __init__(self, folder: Path, separate: bool) -> None:
        self.folder, self.separate = folder, separate
        self.node: LightningNode | None = None

    async def start(self) -> tuple[bytes, int]:
        if not self.separate:
            self.node = node(self.folder, "b", ConfirmedChain())
            await self.node.start(listen_port=0)
            return self.node.node_id, self.node.listen_port
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_payee_process, args=(str(self.folder), child))
        self.proc.start()
        return await asyncio.to_thread(self.conn.recv)

    async def invoices(self, n: int) -> list[str]:
        if self.node is not None:
            return [self.node.create_invoice(1_000_000, f"bench {i}") for i in range(n)]
        self.conn.send(n)
        return await asyncio.to_thread(self.conn.recv)

    async def stop(self) -> None:
        if self.node is not None:
            await self.node.stop()
        else:
            self.conn.send(None)
            await asyncio.to_thread(self.proc.join, 30)


def _payee_process(folder: str, conn) -> None:
    async def serve() -> None:
        b = node(Path(folder), "b", ConfirmedChain())
        await b.start(listen_port=0)
        conn.send((b.node_id, b.listen_port))
        while (n := await asyncio.to_thread(conn.recv)) is not None:
            conn.send([b.create_invoice(1_000_000, f"bench {i}") for i in range(n)])
        await b.stop()

    asyncio.run(serve())


async def one_run(n: int, k: int, separate: bool,
                  profile: cProfile.Profile | None) -> tuple[float, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        a = node(Path(tmp), "a", ConfirmedChain())
        b = Payee(Path(tmp), separate)
        await a.start()
        node_b, port_b = await b.start()
        try:
            ch = await a.open_channel(node_b, "127.0.0.1", port_b, FUNDING_SAT)
            await a.wait_normal(ch, 30)
            invoices = await b.invoices(n)
            latencies: list[float] = []
            slots = asyncio.Semaphore(k)

            async def pay(invoice: str) -> None:
                async with slots:
                    t = time.perf_counter()
                    await a.pay(invoice, timeout=60)
                    latencies.append(time.perf_counter() - t)

            if profile:
                profile.enable()
            start = time.perf_counter()
            await asyncio.gather(*(pay(i) for i in invoices))
            elapsed = time.perf_counter() - start
            if profile:
                profile.disable()
            return n / elapsed, latencies
        finally:
            await a.stop()
            await b.stop()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="payments per run")
    parser.add_argument("-k", type=int, default=10, help="payments in flight at once")
    parser.add_argument("-r", type=int, default=5, help="repeats (median reported)")
    parser.add_argument("--one-process", action="store_true",
                        help="both nodes in this process (one core for both)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the payment phase (the payer's side with two processes)")
    args = parser.parse_args()
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")
    profile = cProfile.Profile() if args.profile else None
    rates, p50s, p99s = [], [], []
    print(f"channel throughput: {args.n} payments, {args.k} in flight, {args.r} runs "
          f"({'one process' if args.one_process else 'two processes'}; 2 ChannelManagers, "
          "SQLite synchronous=FULL, BOLT 8 over loopback TCP)")
    for run in range(args.r):
        rate, latencies = asyncio.run(one_run(args.n, args.k, not args.one_process, profile))
        p50, p99 = pct(latencies, 0.50) * 1000, pct(latencies, 0.99) * 1000
        rates.append(rate)
        p50s.append(p50)
        p99s.append(p99)
        print(f"  run {run + 1}: {rate:7.1f} payments/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")
    print(f"median: {statistics.median(rates):.1f} payments/s, p50 {statistics.median(p50s):.1f} "
          f"ms, p99 {statistics.median(p99s):.1f} ms")
    if profile:
        # BENCH_PROFILE_SORT=tottime shows where the CPU goes; BENCH_PROFILE_LINES=N rows
        stats = pstats.Stats(profile).sort_stats(os.environ.get("BENCH_PROFILE_SORT",
                                                                "cumulative"))
        stats.print_stats(int(os.environ.get("BENCH_PROFILE_LINES", "35")))


if __name__ == "__main__":
    main()
