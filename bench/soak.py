"""Honest payments while one adversary floods the node (issue 12, "Exhaustion by one peer").

Three processes on loopback: the victim B (a real `LightningNode`, default connection
limits, its own SQLite), the honest payer A (pays B's invoices over one channel, K in
flight) and the adversary M. For `--seconds` each, a quiet phase then an attack phase:
during the attack M, from the same address, at once

- floods `update_fee` on a channel it opened to B (never signed: B keeps the last one);
- floods `open_channel` from fresh node ids (each open answered, then abandoned);
- floods `ping`s asking for 60,000-byte pongs (reconnecting when B hangs up).

Printed: honest payments/s and p50/p99 latency in each phase, the attack's message counts,
B's CPU time per honest payment in each phase (what the attack costs the node itself, which
the machine's other load does not change), and B's resident memory (RSS) before, after the
quiet phase and after the attack. The chain is `channel_throughput.ConfirmedChain` (funding
reported 6 deep).

The adversary runs at the lowest CPU priority (`--adversary-nice`, default 19): a real
attacker floods from its own machine, while here its process shares the cores with B and A.
At equal priority on a 2-core machine it takes a core's share from them and the quiet/attack
figures compare B with less CPU against B with more, whatever B does with the flood. Niced,
it still sends as fast as the CPU B and A leave it lets (the counts are printed);
`--adversary-nice 0` measures the old way.

    .venv/bin/python bench/soak.py [--seconds 20] [-k 10] [--adversary-nice 19]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from channel_throughput import FUNDING_SAT, ConfirmedChain, node, pct  # noqa: E402

from wallet.keys.lightning import LightningKeys  # noqa: E402
from wallet.ln.channel import events as ev  # noqa: E402
from wallet.ln.channel import states as st  # noqa: E402
from wallet.ln.channel.commitments import MAX_UNSIGNED_REMOTE_UPDATES  # noqa: E402
from wallet.ln.channel.machine import process  # noqa: E402
from wallet.ln.shell.peer import (  # noqa: E402
    PeerConfig,
    PeerError,
    chain_hash,
    connect,
    random_node_key,
)
from wallet.ln.tx.commitment_tx import ChannelType  # noqa: E402
from wallet.ln.wire import messages as m  # noqa: E402
from wallet.networks import REGTEST  # noqa: E402

INVOICE_MSAT = 1_000_000
PAY_TIMEOUT = 20.0  # a payment not done by then counts as failed


def rss_kb() -> int:
    """This process's resident set size (Linux)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# -- the victim ------------------------------------------------------------------------------


def _victim(folder: str, conn) -> None:
    async def serve() -> None:
        b = node(Path(folder), "b", ConfirmedChain())
        await b.start(listen_port=0)
        conn.send((b.node_id, b.listen_port))
        while (cmd := await asyncio.to_thread(conn.recv)) is not None:
            if cmd[0] == "invoices":
                conn.send([b.create_invoice(INVOICE_MSAT, f"soak {i}")
                           for i in range(cmd[1])])
            elif cmd[0] == "rss":
                conn.send(rss_kb())
            elif cmd[0] == "cpu":
                conn.send(time.process_time())
            elif cmd[0] == "state":
                rows = b.store.db.query_one("SELECT COUNT(*) FROM channels")[0]
                kept = max((len(c.state.commitments.remote_changes.proposed)
                            for c in b.channels.values()
                            if hasattr(c.state, "commitments")), default=0)
                conn.send({"channels in memory": len(b.channels), "channel rows": rows,
                           "most unsigned updates kept": kept})
        await b.stop()

    asyncio.run(serve())


# -- the adversary ---------------------------------------------------------------------------


def _adversary(folder: str, target: tuple[bytes, int], attacks: list[str], nice: int,
               conn) -> None:
    os.nice(nice)
    asyncio.run(_attack(Path(folder), target, attacks, conn))


async def _attack(folder: Path, target: tuple[bytes, int], attacks: list[str], conn) -> None:
    node_id, port = target
    mallory = node(folder, "m", ConfirmedChain())
    await mallory.start()
    ch = await mallory.open_channel(node_id, "127.0.0.1", port, FUNDING_SAT)
    await mallory.wait_normal(ch, 30)
    conn.send("ready")
    await asyncio.to_thread(conn.recv)  # go
    counts = {"update_fee": 0, "open_channel": 0, "ping": 0, "reconnections": 0}
    stop = asyncio.Event()
    config = PeerConfig(chain_hash=chain_hash(REGTEST), ping_interval=60)
    template = _open_template()

    async def fees() -> None:
        """On Mallory's channel, never signed; after each hang-up, reconnect and go on."""
        i = 0
        while not stop.is_set():
            peer = mallory.peers.peers.get(node_id)
            if peer is None or peer.is_closed or not isinstance(ch.state, st.Normal):
                await asyncio.sleep(0.02)  # Mallory's node reconnects and reestablishes
                continue
            i += 1
            msg = m.UpdateFee(channel_id=ch.channel_id, feerate_per_kw=2_500 + i % 100)
            try:
                await peer.send(msg)
            except PeerError:
                counts["reconnections"] += 1
                await asyncio.sleep(0.02)
                continue
            counts["update_fee"] += 1
            if i % 50 == 0:
                await asyncio.sleep(0)

    async def opens() -> None:
        while not stop.is_set():
            try:
                peer = await connect("127.0.0.1", port, node_id, random_node_key(), config)
            except PeerError:
                counts["reconnections"] += 1
                await asyncio.sleep(0.01)
                continue
            answered = asyncio.Event()

            async def seen(_p, _msg, answered: asyncio.Event = answered) -> None:
                answered.set()

            msg = _with_new_id(template)
            peer.register_channel(msg.temporary_channel_id, seen)
            try:
                await peer.send(msg)
                counts["open_channel"] += 1
                await asyncio.wait_for(answered.wait(), 5)
            except (PeerError, TimeoutError):
                pass
            peer.close("abandoned")

    async def pings() -> None:
        while not stop.is_set():
            try:
                peer = await connect("127.0.0.1", port, node_id, random_node_key(), config)
            except PeerError:
                counts["reconnections"] += 1
                await asyncio.sleep(0.01)
                continue
            try:
                while not stop.is_set():
                    await peer.send(m.Ping(num_pong_bytes=60_000, ignored=b""))
                    counts["ping"] += 1
                    await asyncio.sleep(0)
            except PeerError:
                counts["reconnections"] += 1

    jobs = {"update_fee": fees, "open_channel": opens, "ping": pings}
    tasks = [asyncio.create_task(jobs[name]()) for name in attacks]
    await asyncio.to_thread(conn.recv)  # stop
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    conn.send(counts)
    await mallory.stop()


def _open_template() -> m.OpenChannel:
    """A valid open_channel for the victim's chain, from a throwaway pure machine."""
    keys = LightningKeys.from_seed(os.urandom(32), REGTEST).channel_keys(0)
    setup = st.Setup(chain_hash=chain_hash(REGTEST), key_index=0,
                     close_script=bytes.fromhex("0014") + bytes(20))
    funding = FUNDING_SAT // 10
    _, actions = process(st.Idle(setup), ev.CmdOpen(
        temporary_channel_id=os.urandom(32), funding_sat=funding, push_msat=0,
        feerate_per_kw=2_500, channel_type=ChannelType.STATIC_REMOTEKEY), keys)
    return actions[0].message


def _with_new_id(template: m.OpenChannel) -> m.OpenChannel:
    return replace(template, temporary_channel_id=os.urandom(32))


# -- the honest payer ------------------------------------------------------------------------


async def phase(a, ch_node_id: bytes, victim, seconds: float, k: int) -> tuple[int, float, list]:
    """Pay B's invoices with K in flight for `seconds`; payments, elapsed, latencies."""
    latencies: list[float] = []
    failures = 0
    batch: list[str] = []
    deadline = time.perf_counter() + seconds

    fetching = asyncio.Lock()  # one request on the pipe at a time

    async def invoice() -> str:
        async with fetching:
            if not batch:
                victim.send(("invoices", 100))
                batch.extend(await asyncio.to_thread(victim.recv))
            return batch.pop()

    async def worker() -> None:
        nonlocal failures
        while time.perf_counter() < deadline:
            text = await invoice()
            t = time.perf_counter()
            try:
                await a.pay(text, timeout=PAY_TIMEOUT)
                latencies.append(time.perf_counter() - t)
            except Exception:
                failures += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(k)))
    return failures, time.perf_counter() - start, latencies


def report(name: str, failures: int, elapsed: float, latencies: list[float]) -> float:
    rate = len(latencies) / elapsed
    p50 = pct(latencies, 0.5) * 1000 if latencies else float("nan")
    p99 = pct(latencies, 0.99) * 1000 if latencies else float("nan")
    print(f"  {name:7s} {len(latencies):5d} paid, {failures} failed in {elapsed:5.1f} s: "
          f"{rate:6.1f} payments/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms")
    return rate


async def main_async(seconds: float, k: int, attacks: list[str], nice: int) -> None:
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        victim, child = ctx.Pipe()
        vproc = ctx.Process(target=_victim, args=(tmp, child))
        vproc.start()
        node_id, port = await asyncio.to_thread(victim.recv)
        adversary, achild = ctx.Pipe()
        aproc = ctx.Process(target=_adversary, args=(tmp, (node_id, port), attacks, nice,
                                                       achild))
        aproc.start()
        a = node(Path(tmp), "a", ConfirmedChain())
        await a.start()
        try:
            ch = await a.open_channel(node_id, "127.0.0.1", port, FUNDING_SAT)
            await a.wait_normal(ch, 30)
            assert await asyncio.to_thread(adversary.recv) == "ready"
            victim.send(("rss",))
            rss0 = await asyncio.to_thread(victim.recv)
            print(f"soak: {seconds:g} s quiet, then {seconds:g} s under attack; {k} honest "
                  "payments in flight (victim, payer and adversary in 3 processes, "
                  f"adversary at nice {nice})")

            async def cpu() -> float:
                victim.send(("cpu",))
                return await asyncio.to_thread(victim.recv)

            cpu0 = await cpu()
            quiet_run = await phase(a, node_id, victim, seconds, k)
            quiet = report("quiet", *quiet_run)
            cpu1 = await cpu()
            victim.send(("rss",))
            rss1 = await asyncio.to_thread(victim.recv)
            adversary.send("go")
            attack_run = await phase(a, node_id, victim, seconds, k)
            attacked = report("attack", *attack_run)
            cpu2 = await cpu()
            adversary.send("stop")
            counts = await asyncio.to_thread(adversary.recv)
            victim.send(("rss",))
            rss2 = await asyncio.to_thread(victim.recv)
            victim.send(("state",))
            state = await asyncio.to_thread(victim.recv)
            print(f"  attack sent: {counts}")
            print(f"  victim after the attack: {state} "
                  f"(cap on unsigned updates: {MAX_UNSIGNED_REMOTE_UPDATES})")
            print(f"  honest throughput under attack: {100 * attacked / quiet:.0f}% of quiet")
            per = [1000 * spent / max(len(run[2]), 1)
                   for spent, run in ((cpu1 - cpu0, quiet_run), (cpu2 - cpu1, attack_run))]
            print(f"  victim CPU: {cpu1 - cpu0:.1f} s quiet, {cpu2 - cpu1:.1f} s under attack; "
                  f"{per[0]:.2f} ms per honest payment quiet, {per[1]:.2f} ms under attack")
            print(f"  victim RSS: {rss0 / 1024:.1f} MB at start, {rss1 / 1024:.1f} MB after "
                  f"the quiet phase, {rss2 / 1024:.1f} MB after the attack "
                  f"({(rss2 - rss1) / 1024:+.1f} MB)")
        finally:
            await a.stop()
            victim.send(None)
            await asyncio.to_thread(vproc.join, 30)
            await asyncio.to_thread(aproc.join, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("-k", type=int, default=10, help="honest payments in flight")
    parser.add_argument("--attacks", default="update_fee,open_channel,ping",
                        help="which floods, comma-separated")
    parser.add_argument("--adversary-nice", type=int, default=19,
                        help="CPU niceness of the adversary's process (0: same as the node)")
    args = parser.parse_args()
    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")
    asyncio.run(main_async(args.seconds, args.k, args.attacks.split(","),
                           args.adversary_nice))


if __name__ == "__main__":
    main()
