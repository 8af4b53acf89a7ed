"""Kill -9 of a Lightning node at random points of a payment stream, again and again.

B is a real `kite daemon --ln-port` subprocess on the devnet; A runs in-process and opened
the channel (so A reconnects after each of B's restarts). Each round streams payments both
ways (A pays B's invoices; B pays A's through its RPC socket), SIGKILLs B after a random
delay (seeded: the seed is printed, `KITE_KILL_SEED` replays it), restarts it and waits for
the channel to be reestablished. At the end both sides' channel states agree exactly, the
balances add up to the capacity, every payment was either paid once (the payer holds the
preimage, the payee saw it paid) or failed on both sides, none is left pending, and no
channel was force-closed. A payment whose update_add_htlc was not yet saved when B died is
failed by B after the restart (its HTLC never existed for A either).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.cli import until
from tests.support.wallet_under_test import WalletUnderTest
from wallet.daemon import rpc
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import FAILED, PAID, ChannelStore
from wallet.ln.store.payment_log import PaymentLog
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet, open_wallet

pytestmark = pytest.mark.slow

KILLS = 20
FUNDING = 500_000
SEED = int(os.environ.get("KITE_KILL_SEED") or int.from_bytes(os.urandom(4), "big"))


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    """`kite daemon` for one wallet folder, run in the foreground so it can be SIGKILLed."""

    def __init__(self, folder: Path, server: str, ln_port: int) -> None:
        self.folder, self.server, self.ln_port = folder, server, ln_port
        self.sock = rpc.socket_path(folder)
        self.proc: subprocess.Popen | None = None
        self.env = dict(os.environ, KITE_PASSWORD="pw", KITE_INSECURE_FAST_KDF="1")

    def start(self) -> None:
        log = open(self.folder / "daemon.log", "ab")  # noqa: SIM115 (the child keeps it)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wallet", "--network", "regtest", "--wallet",
             str(self.folder), "daemon", "--server", self.server, "--ln-port",
             str(self.ln_port), "--log-level", "INFO"],
            cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 60
        while True:
            assert self.proc.poll() is None, self.tail()
            try:
                if self.call("lninfo", timeout=2)["listen_port"] == self.ln_port:
                    return
            except rpc.DaemonNotRunning:
                pass
            except Exception:  # the RPC socket is up before the node is
                pass
            assert time.monotonic() < deadline, f"daemon did not start: {self.tail()}"
            time.sleep(0.05)

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def call(self, method: str, timeout: float = 30, **params):
        return rpc.request(self.sock, method, params, timeout)

    def tail(self) -> str:
        text = (self.folder / "daemon.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-30:])


def _idle(ch) -> bool:
    c = st.commitments_of(ch.state)
    return (type(ch.state) is st.Normal and not c.has_pending_changes
            and not c.local_commit.view.htlcs)


async def test_kill9_a_node_twenty_times_in_a_payment_stream(shared_devnet, tmp_path):
    print(f"kill -9 test seed: {SEED} (replay with KITE_KILL_SEED={SEED})")
    rng = random.Random(SEED)
    devnet = shared_devnet
    host, port = devnet.electrum_address
    folder_b = tmp_path / "b"
    create_wallet(folder_b, REGTEST, generate_mnemonic(), "", "pw")
    b = Daemon(folder_b, f"{host}:{port}:t", _free_port())
    a = await WalletUnderTest(devnet, tmp_path / "a", generate_mnemonic()).__aenter__()
    try:
        ma = a.svc.ln.node
        ma.poll_interval = 0.2
        ma.peers.backoff_initial, ma.peers.backoff_max = 0.1, 0.5
        await asyncio.to_thread(b.start)
        try:
            node_b = (await asyncio.to_thread(b.call, "lninfo"))["node_id"]
            await asyncio.to_thread(devnet.fund, (await a.svc.address())["address"], 1_000_000)
            await a.mine()
            await a.balance_is(1_000_000)
            opened = await a.svc.handlers["channel_open"](
                peer=f"{node_b}@127.0.0.1:{b.ln_port}", amount_sat=FUNDING)
            await a.mine(3)
            ch = ma.find(opened["channel_id"])
            await ma.wait_normal(ch, 60)
            await until(lambda: b.call("channel_list")[0]["state"] == "Normal", "b ready")
            first = (await asyncio.to_thread(b.call, "invoice", amount_sat=100_000))["invoice"]
            await ma.pay(first, timeout=30)

            a_to_b: dict[str, object] = {first: "paid"}  # invoice -> outcome at A
            b_to_a: list[str] = []  # A's invoices B was asked to pay (outcome read from B)
            restarts = []
            for round_ in range(KILLS):
                print(f"round {round_}", flush=True)
                # a stream: a payment each way every few ms, B killed somewhere inside it
                invoices_b = [(await asyncio.to_thread(
                    b.call, "invoice", amount_sat=rng.randrange(1_000, 6_000)))["invoice"]
                    for _ in range(6)]
                invoices_a = [ma.create_invoice(rng.randrange(1_000, 4_000) * 1000, "back")
                              for _ in range(6)]
                b_to_a += invoices_a
                pays: list[asyncio.Future] = []
                back: list[asyncio.Future] = []

                async def stream(invoices_b=invoices_b, invoices_a=invoices_a,
                                 pays=pays, back=back) -> None:
                    for inv_b, inv_a in zip(invoices_b, invoices_a, strict=True):
                        pays.append(asyncio.ensure_future(ma.pay(inv_b, timeout=90)))
                        back.append(asyncio.ensure_future(asyncio.to_thread(
                            rpc.request, b.sock, "pay", {"invoice": inv_a, "timeout": 60}, 90)))
                        await asyncio.sleep(rng.uniform(0.0, 0.04))

                streaming = asyncio.ensure_future(stream())
                await asyncio.sleep(rng.uniform(0.0, 0.25))
                b.kill()
                await streaming
                await asyncio.gather(*back, return_exceptions=True)  # B's answers died with it
                t = time.monotonic()
                await asyncio.to_thread(b.start)
                await until(lambda: type(ch.state) is st.Normal, "reestablished", 60)
                restarts.append(time.monotonic() - t)
                for inv, r in zip(invoices_b, await asyncio.gather(*pays, return_exceptions=True),
                                  strict=True):
                    assert isinstance(r, dict | PaymentFailed), (round_, r)
                    assert not isinstance(r, PaymentFailed) or "still pending" not in str(r)
                    a_to_b[inv] = "paid" if isinstance(r, dict) else "failed"
                    if isinstance(r, dict):
                        assert r["preimage"], r
            print(f"{KILLS} kills; restart + reestablish took {min(restarts):.1f}-"
                  f"{max(restarts):.1f} s; A->B paid {list(a_to_b.values()).count('paid')} "
                  f"of {len(a_to_b)}")

            # everything in flight resolves: B's resumed payments end, the channel goes idle
            await until(lambda: _idle(ch), "no HTLC left in flight", 60)
            await until(lambda: not [p for p in ma.list_payments() if p["status"] == "pending"
                                     and p["direction"] == "out"], "a's payments ended", 30)
            await asyncio.sleep(1.0)  # B's payment log catches up with the last settlement
            a_state = ch.state  # Normal and idle (it goes Offline when B stops)
        finally:
            await asyncio.to_thread(b.stop)

        # B's side, read from its database once it is stopped
        wallet_b = open_wallet(folder_b, "pw", network=REGTEST)
        try:
            [stored] = ChannelStore(wallet_b.db).load_all()
            log_b = {p.payment_hash: p for p in PaymentLog(wallet_b.db).list()}
        finally:
            wallet_b.close()
        cb, ca = st.commitments_of(stored.state), a_state.commitments

        # no force close, nothing lost: both sides hold the same two commitments
        inner = stored.state
        while isinstance(inner, st.Offline | st.Syncing):
            inner = inner.state
        assert type(inner) is st.Normal and type(a_state) is st.Normal
        assert ch.failure is None and not ch.spent_fed
        assert ca.local_commit.view == cb.remote_commit.view
        assert ca.remote_commit.view == cb.local_commit.view
        assert not ca.local_commit.view.htlcs and not cb.local_commit.view.htlcs
        view = ca.local_commit.view
        assert view.to_local_msat + view.to_remote_msat == FUNDING * 1000

        # every payment paid exactly once or failed, the same on both sides
        log_a = {bytes.fromhex(p["payment_hash"]): p for p in ma.list_payments()}
        moved = 0
        for invoice, outcome in a_to_b.items():
            inv = decode_invoice(invoice)
            at_a, at_b = log_a[inv.payment_hash], log_b[inv.payment_hash]
            if outcome == "paid":
                assert at_a["status"] == PAID and at_b.status == PAID
                assert bytes.fromhex(at_a["preimage"]) == at_b.preimage
                moved += inv.amount_msat
            else:
                assert at_a["status"] == FAILED and at_b.status != PAID
        paid_back = 0
        for invoice in b_to_a:
            inv = decode_invoice(invoice)
            at_a, at_b = log_a[inv.payment_hash], log_b.get(inv.payment_hash)
            if at_b is None:  # B died before it even recorded the payment
                assert at_a["status"] != PAID
                continue
            assert at_b.status in (PAID, FAILED), at_b
            if at_b.status == PAID:
                assert at_a["status"] == PAID and at_b.preimage == bytes.fromhex(at_a["preimage"])
                paid_back += inv.amount_msat
            else:
                assert at_a["status"] != PAID
        assert paid_back > 0
        statuses = [p.status for p in log_b.values() if p.direction == "out"]
        print(f"B->A: {statuses.count(PAID)} paid, {statuses.count(FAILED)} failed, "
              f"{len(b_to_a) - len(statuses)} never recorded (B dead) of {len(b_to_a)}")
        assert view.to_remote_msat == moved - paid_back
    finally:
        await _close(a)


async def _close(a: WalletUnderTest) -> None:
    """Stop node A; a shutdown that hangs fails with every task's stack (not a timeout)."""
    try:
        await asyncio.wait_for(a.__aexit__(None, None, None), 60)
    except TimeoutError:
        for task in asyncio.all_tasks():
            if task is not asyncio.current_task():
                task.print_stack(file=sys.stdout)
        raise AssertionError("node A did not shut down within 60 s") from None
