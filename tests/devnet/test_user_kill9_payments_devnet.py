"""kill -9 of the PAYER's node in the middle of a payment, on the devnet world.

The user is a real `kite daemon` (a `DevnetKiteNode`) with a channel to Tram; it pays Shop's
invoices through Tram over its RPC socket and is SIGKILLed at one of three points of each
payment: as soon as the `pay` call is accepted (its row is in the log), after a random
delay (seeded: the seed is printed, `KITE_KILL_SEED` replays it), or while its HTLC is known
to be in flight (Shop's daemon is SIGSTOPped so the payment cannot complete before the
kill, Tram has forwarded it, then Shop is SIGCONTed). After each restart the payment must
end, paid (the preimage hashes to the payment hash, Shop was paid exactly the amount, once)
or failed with a reason (Shop was not paid; paying again then pays it once), never pending;
paying a paid invoice again is refused and sends nothing; the user's and Tram's views of
their channel agree, the user spent exactly what it paid, and no channel was force-closed.
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

pytestmark = pytest.mark.slow

ROUNDS = 12
MODES = ("accepted", "random", "in_flight")
CHANNEL_SAT = 400_000
SEED = int(os.environ.get("KITE_KILL_SEED") or int.from_bytes(os.urandom(4), "big"))



def poll(what: str, check, timeout: float = 90.0, interval: float = 0.1) -> Any:
    return polling.poll(what, check, timeout, interval)


def channel_with(node: DevnetKiteNode, peer: str) -> dict | None:
    rows = [c for c in node.call("channel_list") if c["peer"] == peer]
    assert len(rows) <= 1, rows
    return rows[0] if rows else None


def payment(node: DevnetKiteNode, payment_hash: str) -> dict | None:
    rows = [p for p in node.call("payments") if p["payment_hash"] == payment_hash]
    assert len(rows) <= 1, rows  # one row per payment hash, whatever happened
    return rows[0] if rows else None


def ended(user: DevnetKiteNode, payment_hash: str) -> dict | None:
    """The user's payment once it is no longer pending (a call killed before the daemon
    read it leaves no row)."""
    row = payment(user, payment_hash)
    if row is None:
        return {"status": "never recorded"}
    return row if row["status"] != "pending" else None


def tram_forwards(world, payment_hash: str) -> list[dict]:
    return [f for f in world.tram.call("forwards") if f["payment_hash"] == payment_hash]


class PayCall(threading.Thread):
    """The user's `pay` RPC in the background (it dies with the daemon)."""

    def __init__(self, user: DevnetKiteNode, invoice: str) -> None:
        super().__init__(daemon=True)
        self.user, self.invoice = user, invoice
        self.result: Any = None

    def run(self) -> None:
        try:
            self.result = self.user.call("pay", rpc_timeout=150, invoice=self.invoice,
                                         timeout=120)
        except Exception as e:  # noqa: BLE001 (the connection dies with the daemon)
            self.result = e


def settled_views(user: DevnetKiteNode, world) -> tuple[dict, dict]:
    """Both sides' rows of the user-Tram channel once they agree and carry no HTLC."""
    def agree():
        mine, theirs = channel_with(user, world.tram_node_id), channel_with(world.tram,
                                                                            user.node_id)
        if (mine and theirs and mine["state"] == theirs["state"] == "Normal"
                and mine["htlcs"] == theirs["htlcs"] == 0
                and (mine["local_msat"], mine["remote_msat"])
                == (theirs["remote_msat"], theirs["local_msat"])):
            return mine, theirs
        return None
    return poll("the user's and Tram's channel views to agree, without HTLCs", agree)


def test_user_killed_mid_payment_pays_once_or_fails_cleanly(shared_world, tmp_path):
    world = shared_world
    print(f"user kill -9 test seed: {SEED} (replay with KITE_KILL_SEED={SEED})")
    rng = random.Random(SEED)
    user = DevnetKiteNode("User", tmp_path / "user", world.electrum_address,
                          startup_timeout=90)
    shop_stopped = False
    try:
        user.start()
        world.fund(user.call("address")["address"], 600_000)
        poll("the user's coins", lambda: user.call("balance", wait=5)["confirmed"] >= 600_000)
        user.call("channel_open", peer=world.tram_address, amount_sat=CHANNEL_SAT)
        world.mine(3)
        poll("the channel to Tram", lambda: (c := channel_with(user, world.tram_node_id))
             and c["state"] == "Normal")
        start_view, _ = settled_views(user, world)
        spent = 0
        outcomes = []
        for round_ in range(ROUNDS):
            mode = MODES[round_ % len(MODES)]
            amount_sat = rng.randrange(5_000, 20_000)
            invoice = world.shop_invoice(amount_sat, f"kill round {round_}")
            h = decode_invoice(invoice).payment_hash.hex()
            if mode == "in_flight":
                os.killpg(world.shop.child.pid, signal.SIGSTOP)
                shop_stopped = True
            call = PayCall(user, invoice)
            call.start()
            if mode == "accepted":
                poll("the payment to be accepted", lambda h=h: payment(user, h), 30, 0.005)
            elif mode == "random":
                time.sleep(rng.uniform(0.0, 0.4))
            else:  # Tram holds the user's HTLC and has passed it on to (stopped) Shop
                poll("Tram to forward the HTLC", lambda h=h: any(
                    f["status"] == "forwarding" for f in tram_forwards(world, h)), 60, 0.02)
            user.kill()
            if shop_stopped:
                os.killpg(world.shop.child.pid, signal.SIGCONT)
                shop_stopped = False
            call.join(30)
            assert not call.is_alive()
            before_kill = call.result
            user.start()
            poll("the channel reestablished", lambda: (c := channel_with(
                user, world.tram_node_id)) and c["state"] == "Normal" and c["connected"])
            row = poll("the payment to end", lambda h=h: ended(user, h), 120)
            shop_row = payment(world.shop, h)
            outcomes.append((mode, row["status"]))
            print(f"round {round_} ({mode}): {row['status']} {row.get('failure') or ''}"
                  f" (the pay call: {type(before_kill).__name__})", flush=True)
            if row["status"] == "paid":
                assert sha256(bytes.fromhex(row["preimage"])).hex() == h
                assert shop_row["status"] == "paid" and shop_row["amount_msat"] == \
                    amount_sat * 1000
                spent += amount_sat * 1000 + row["fee_msat"]
                forwards = tram_forwards(world, h)
                with pytest.raises(KiteError, match="already paid"):
                    user.call("pay", invoice=invoice, timeout=30)
                assert tram_forwards(world, h) == forwards  # nothing sent again
                assert [f["status"] for f in forwards].count("settled") == 1
            else:
                # a failed payment failed for a reason, and Shop was not paid
                assert mode != "in_flight", row  # its HTLC was at Shop, alive again
                assert row["status"] in ("failed", "never recorded"), row
                assert row["status"] == "never recorded" or row["failure"], row
                assert "cannot read" not in (row.get("failure") or ""), row  # its secrets kept
                assert shop_row["status"] != "paid", shop_row
                again = user.call("pay", invoice=invoice, rpc_timeout=150, timeout=120)
                assert again["status"] == "paid"
                assert sha256(bytes.fromhex(again["preimage"])).hex() == h
                spent += amount_sat * 1000 + again["fee_msat"]
                shop_row = payment(world.shop, h)
                assert shop_row["status"] == "paid"
                assert shop_row["amount_msat"] == amount_sat * 1000
            assert [f["status"] for f in tram_forwards(world, h)].count("settled") == 1
            mine, _ = settled_views(user, world)
            assert mine["local_msat"] == start_view["local_msat"] - spent
            assert mine["channel_id"] == start_view["channel_id"]
        print(f"outcomes: {outcomes}")
        assert not [p for p in user.call("payments") if p["status"] == "pending"]
        # no channel force-closed: the user's only channel and Tram's to Shop are Normal
        assert [c["state"] for c in user.call("channel_list")] == ["Normal"]
        tram_shop = channel_with(world.tram, world.shop_node_id)
        assert tram_shop["state"] == "Normal" and \
            tram_shop["channel_id"] == world.channel["channel_id"]
    finally:
        if shop_stopped:
            os.killpg(world.shop.child.pid, signal.SIGCONT)
        user.stop()
