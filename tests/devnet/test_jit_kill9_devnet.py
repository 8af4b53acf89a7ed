"""kill -9 of the wallet and of the LSP at each step of a JIT channel open, on the devnet.

Each round a fresh wallet (a real `kite daemon`, no channel, no coins, `--lsp-peer` Tram)
makes a JIT invoice and Shop pays it through Tram, the devnet's LSP. One of the two is
SIGKILLed at one step of the open: after the buy, with the HTLC held at the LSP (the wallet
SIGSTOPped so the open cannot go on), once the LSP's channel to the wallet exists, after a
random delay (seeded: the seed is printed, `KITE_KILL_SEED` replays it), with the forwarded
HTLC at the wallet, and after the wallet was paid (the fulfill). The killed node is started
again and Shop pays the invoice again when its first attempt failed (a payer's retry).

After each round: Shop's payment ended paid exactly once (no HTLC left in flight: it did not
wait past its timeout), the wallet received exactly the amount less the promised fee, in
one channel from Tram whose two views agree to the msat without HTLCs, Tram settled the
forward once and holds nothing, and no channel was force-closed.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from typing import Any

import pytest

from tests.support import polling
from wallet.devnet.kite_node import DevnetKiteNode
from wallet.errors import KiteError
from wallet.hashes import sha256
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel.opening import DISCONNECTED_BEFORE_FUNDING

pytestmark = pytest.mark.slow

#: (step, victim) for each round: every step with both victims, 14 kills
ROUNDS = [(step, victim)
          for step in ("bought", "held_at_lsp", "channel_at_lsp", "random", "htlc_at_wallet",
                       "wallet_paid", "shop_paid")
          for victim in ("wallet", "lsp")]
TRAM_FUNDS_SAT = 3_000_000
SEED = int(os.environ.get("KITE_KILL_SEED") or int.from_bytes(os.urandom(4), "big"))



def poll(what: str, check, timeout: float = 90.0, interval: float = 0.05) -> Any:
    return polling.poll(what, check, timeout, interval, passing=(KiteError, OSError))


def payment(node: DevnetKiteNode, payment_hash: str) -> dict | None:
    rows = [p for p in node.call("payments") if p["payment_hash"] == payment_hash]
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def forwards(world, payment_hash: str) -> list[dict]:
    return [f for f in world.tram.call("forwards") if f["payment_hash"] == payment_hash]


def channels_with(node: DevnetKiteNode, peer: str) -> list[dict]:
    return [c for c in node.call("channel_list") if c["peer"] == peer]


class ShopPays(threading.Thread):
    """Shop's `pay` of the JIT invoice in the background (its result or the error)."""

    def __init__(self, world, invoice: str) -> None:
        super().__init__(daemon=True)
        self.world, self.invoice = world, invoice
        self.result: Any = None

    def run(self) -> None:
        try:
            self.result = self.world.shop_pay(self.invoice, 60)
        except Exception as e:  # noqa: BLE001 (a failed payment is an error of the RPC)
            self.result = e


def wait_for_step(step: str, world, wallet: DevnetKiteNode, h: str, rng: random.Random) -> None:
    if step == "held_at_lsp":
        poll("Tram to hold the HTLC", lambda: forwards(world, h), 60, 0.01)
    elif step == "channel_at_lsp":
        poll("Tram's channel to the wallet", lambda: channels_with(world.tram, wallet.node_id),
             60, 0.005)
    elif step == "random":
        time.sleep(rng.uniform(0.0, 1.0))
    elif step == "htlc_at_wallet":
        poll("the HTLC at the wallet", lambda: payment(wallet, h) or any(
            c.get("htlcs") for c in channels_with(wallet, world.tram_node_id)), 60, 0.005)
    elif step == "wallet_paid":
        poll("the wallet paid", lambda: (p := payment(wallet, h)) and p["status"] != "pending",
             60, 0.005)
    elif step == "shop_paid":
        poll("Shop paid", lambda: (p := payment(world.shop, h)) and p["status"] == "paid",
             60, 0.01)


def restart(node: DevnetKiteNode) -> None:
    poll(f"{node.name} to start again", lambda: node.start() is not None, 120, 1.0)


def open_channels(rows: list[dict]) -> list[dict]:
    """The channels not closed; a closed one may only be an open the kill interrupted
    before anything was funded (never a force-close)."""
    for r in rows:
        if r["phase"] == "closed":
            assert r.get("closed_reason") == DISCONNECTED_BEFORE_FUNDING, r
    return [r for r in rows if r["phase"] != "closed"]


def received_in_one_channel(world, wallet: DevnetKiteNode, h: str,
                            received: int) -> tuple[dict, dict]:
    """The wallet's payment ended with `received`; its one channel from Tram, as both see
    it once they agree without HTLCs."""
    row = poll("the wallet's payment to end", lambda: (p := payment(wallet, h))
               and p["status"] != "pending" and p)
    assert row["status"] in ("paid", "unconfirmed"), row
    assert row["amount_msat"] == received, row

    def agree():
        mine = open_channels(channels_with(wallet, world.tram_node_id))
        theirs = open_channels(channels_with(world.tram, wallet.node_id))
        if len(mine) != 1 or len(theirs) != 1:
            return None
        m, t = mine[0], theirs[0]
        if (m["phase"] == t["phase"] == "active" and m["connected"]
                and m["htlcs"] == t["htlcs"] == 0
                and (m["local_msat"], m["remote_msat"]) == (t["remote_msat"], t["local_msat"])):
            return m, t
        return None
    return poll("one channel, both views agreeing without HTLCs", agree)


def test_kill9_wallet_and_lsp_at_each_step_of_a_jit_open(shared_world, tmp_path):
    world = shared_world
    print(f"JIT kill -9 test seed: {SEED} (replay with KITE_KILL_SEED={SEED})")
    rng = random.Random(SEED)
    stopped: DevnetKiteNode | None = None
    wallet: DevnetKiteNode | None = None
    outcomes = []
    # Tram funds every channel: coins of its own, confirmed, whatever earlier tests of the
    # shared world spent (its change is confirmed after each round too)
    world.fund(world.tram.call("address")["address"], TRAM_FUNDS_SAT)
    poll("Tram's coins", lambda: world.tram.call("balance", wait=5)["confirmed"]
         >= TRAM_FUNDS_SAT)
    try:
        for round_, (step, victim) in enumerate(ROUNDS):
            wallet = DevnetKiteNode(f"Wallet{round_}", tmp_path / f"w{round_}",
                                    world.electrum_address,
                                    daemon_options=["--lsp-peer", world.tram_address],
                                    startup_timeout=90)
            wallet.start()
            amount_sat = rng.randrange(20_000, 60_000)
            reply = wallet.call("invoice", amount_sat=amount_sat, description=f"kill {round_}")
            jit = reply["jit_channel"]
            invoice = reply["invoice"]
            h = decode_invoice(invoice).payment_hash.hex()
            if step == "held_at_lsp":  # the open cannot go past open_channel
                os.killpg(wallet.child.pid, signal.SIGSTOP)
                stopped = wallet
            tries = []
            pay = None
            if step != "bought":
                pay = ShopPays(world, invoice)
                pay.start()
                wait_for_step(step, world, wallet, h, rng)
            killed = wallet if victim == "wallet" else world.tram
            killed.kill()
            if stopped is not None:
                if stopped is not killed:
                    os.killpg(stopped.child.pid, signal.SIGCONT)
                stopped = None
            t = time.monotonic()
            restart(killed)
            if pay is not None:
                pay.join(150)
                assert not pay.is_alive(), "Shop's payment did not end"
                tries.append(pay.result)
            # the payer retries until paid (the LSP back, the wallet reconnected to it):
            # once they are connected, after a pause growing to 2 s
            while not (tries and isinstance(tries[-1], dict) and tries[-1]["status"] == "paid"):
                assert len(tries) < 12, (step, victim, tries)
                if tries:
                    poll("the wallet connected to Tram again", lambda w=wallet: world.tram_node_id
                         in w.call("lninfo")["peers"], 60, 0.05)
                    time.sleep(min(2.0, 0.25 * 2 ** (len(tries) - 1)))
                try:
                    tries.append(world.shop_pay(invoice, 60))
                except KiteError as e:
                    tries.append(e)
            took = time.monotonic() - t
            outcomes.append((step, victim, len(tries), round(took, 1)))
            print(f"round {round_} ({step}, kill {victim}): paid after {len(tries)} "
                  f"attempt(s), {took:.1f} s after the kill; "
                  f"{[str(r)[:80] for r in tries[:-1]]}", flush=True)

            # Shop paid exactly the amount, once; the preimage is the wallet's
            paid = tries[-1]
            assert sha256(bytes.fromhex(paid["preimage"])).hex() == h
            shop_row = payment(world.shop, h)
            assert shop_row["status"] == "paid" and shop_row["amount_msat"] == amount_sat * 1000
            # the wallet got the amount less the promised fee, exactly, in one channel
            received = amount_sat * 1000 - jit["opening_fee_msat"]
            assert jit["you_receive_msat"] == received
            mine, theirs = received_in_one_channel(world, wallet, h, received)
            assert mine["local_msat"] == received
            assert mine["channel_id"] == theirs["channel_id"]
            # Tram settled the forward once and holds nothing for it
            statuses = [f["status"] for f in forwards(world, h)]
            assert statuses.count("settled") == 1, statuses
            assert not {"held", "forwarding"} & set(statuses), statuses
            wallet.stop()
            wallet = None
            world.mine(1)  # the funding and Tram's change confirm
        print(f"outcomes: {outcomes}")
        # nothing held at Tram, its channel to Shop never force-closed
        assert not [f for f in world.tram.call("forwards")
                    if f["status"] in ("held", "forwarding")]
        [tram_shop] = channels_with(world.tram, world.shop_node_id)
        assert tram_shop["phase"] == "active"
        assert tram_shop["channel_id"] == world.channel["channel_id"]
    finally:
        if stopped is not None and stopped.child is not None:
            os.killpg(stopped.child.pid, signal.SIGCONT)
        if wallet is not None:
            wallet.stop()
        if world.tram.child is None:
            world.tram.start()
