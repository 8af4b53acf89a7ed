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


def test_lnurl_pay_withdraw_and_login_from_a_window_attached_to_tram(shared_world):
    """The window attached to Tram's daemon runs the LNURL flows itself (what it shows is
    what is paid) and pays, or invoices, through the daemon; the login key is the wallet's
    own, the one the daemon's `kite lnurl auth` would use."""
    world = shared_world
    codes = world.lnurl.lnurls
    api = WalletApi(world.tram.wallet_dir, REGTEST)
    try:
        api.open(PASSWORD).result(60)
        assert api.attached
        request = api.lnurl_fetch(codes.pay_address()).result(30)
        paid = api.lnurl_pay(request, 2_000_000).result(90)
        assert paid["status"] == "paid" and paid["amount_msat"] == 2_000_000
        assert paid["success_action"]["message"] == "Thanks for the coffee!"
        sale = world.lnurl.sales[-1]
        assert sale.invoice == paid["invoice"] and sale.amount_msat == 2_000_000
        assert any(p["invoice"] == sale.invoice and p["status"] == "paid"
                   for p in world.tram.call("payments"))

        withdraw = api.lnurl_fetch(codes.withdraw_lnurl()).result(30)
        assert api.lnurl_receivable_sat().result(30) > 4_000
        got = api.lnurl_withdraw(withdraw, 4_000_000, wait=60).result(90)
        assert got["status"] == "paid" and got["invoice"] == world.lnurl.withdrawals[-1].invoice

        login = api.lnurl_fetch(codes.auth_lnurl()).result(30)
        key = api.lnurl_linking_key(login).result(10)
        assert api.lnurl_auth(login).result(30)["key"] == key
        assert world.lnurl.logins[-1]["key"] == key
    finally:
        api.shutdown()
