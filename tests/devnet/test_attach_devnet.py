"""A window attached to a real `kite daemon` on the devnet (Shop's) is told of a payment it
receives: its invoice, made over the socket, is paid by Tram; the "payment" event, a fresh
balance with the Lightning part grown and a history nudge arrive by the long poll, and the
history has the payment. Figures: how long after Tram's `pay` returned the window knew."""

from __future__ import annotations

import threading
import time

import pytest

from wallet.api import Event, WalletApi
from wallet.devnet.kite_node import PASSWORD
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.networks import REGTEST

pytestmark = pytest.mark.slow


def test_an_attached_window_is_told_of_a_payment_received(shared_world):
    world = shared_world
    api = WalletApi(world.shop.wallet_dir, REGTEST)
    seen: list[tuple[float, Event]] = []
    cond = threading.Condition()

    def on_event(event: Event) -> None:
        with cond:
            seen.append((time.monotonic(), event))
            cond.notify_all()

    def wait_for(test, timeout: float = 60.0) -> tuple[float, Event]:
        with cond:
            assert cond.wait_for(lambda: any(test(e) for _, e in seen), timeout), \
                [e.kind for _, e in seen]
            return next((t, e) for t, e in seen if test(e))

    api.subscribe(on_event)
    try:
        api.open(PASSWORD).result(60)
        assert api.attached
        before = api.balance().result(10)["lightning"]
        invoice = api.create_invoice(1_234, "attached").result(30)
        payment_hash = decode_invoice(invoice).payment_hash.hex()
        world.tram.call("pay", rpc_timeout=90, invoice=invoice, timeout=60)
        paid_at = time.monotonic()
        told, payment = wait_for(lambda e: e.kind == "payment"
                                 and e.data.get("payment_hash") == payment_hash
                                 and e.data.get("status") == "paid")
        wait_for(lambda e: e.kind == "balance" and e.data.get("lightning", 0) >= before + 1_234)
        wait_for(lambda e: e.kind == "history")
        print(f"payment told to the attached window {1000 * (told - paid_at):.1f} ms after "
              f"the payer's pay returned")
        rows = [r for r in api.history().result(10) if r.get("payment_hash") == payment_hash]
        assert [(r["direction"], r["status"], r["delta_sat"]) for r in rows] == [
            ("in", "paid", 1_234)]
        assert api.balance().result(10)["lightning"] >= before + 1_234
    finally:
        api.shutdown()
    assert world.shop.call("getinfo")["node_id"]  # the daemon runs on
