"""User -> Tram -> Shop on the devnet, as a user runs it: a `kite daemon` wallet opens a
channel to the devnet's trampoline, `kite pay` pays the merchant's invoice through it
(trampoline onion, legacy relay by Tram) within a fee cap and prints the preimage, the fee
climbs when Tram asks more, Shop pays the user's invoice back (reached through the route
hint by Tram's alias for the user's channel), and `kite payments` lists it all."""

from __future__ import annotations

import json
import os

import pytest

from tests.support.cli import kite, wait_for
from wallet.hashes import sha256

pytestmark = pytest.mark.slow


def test_user_pays_the_shop_through_tram_and_is_paid_back(shared_world, tmp_path):
    world = shared_world
    env = dict(os.environ, KITE_PASSWORD="pw", KITE_INSECURE_FAST_KDF="1",
               XDG_DATA_HOME=str(tmp_path / "xdg"))
    w = ["--network", "regtest", "--wallet", str(tmp_path / "user")]
    kite(env, *w, "create")
    kite(env, *w, "daemon", "--detach", "--server", world.electrum_server)
    try:
        world.fund(kite(env, *w, "address").stdout.strip(), 600_000)
        wait_for(lambda: json.loads(kite(env, *w, "balance", "--json").stdout)["confirmed"]
                 == 600_000, "funds")
        kite(env, *w, "channel", "open", f"{world.tram_address}", "400000")
        world.mine(3)
        wait_for(lambda: (rows := json.loads(kite(env, *w, "channel", "list", "--json").stdout))
                 and rows[0]["state"] == "Normal", "the channel to Tram", timeout=90)

        world.set_tram_fee(1_000, 100)
        invoice = world.shop_invoice(20_000, "a mug")
        out = kite(env, *w, "pay", invoice, "--max-fee-sat", "50").stdout
        assert out.startswith("paid 20000 sat (fee ")
        preimage = out.split()[-1]
        [paid] = json.loads(kite(env, *w, "payments", "--json").stdout)
        assert paid["preimage"] == preimage and paid["status"] == "paid"
        assert sha256(bytes.fromhex(preimage)).hex() == paid["payment_hash"]
        assert 0 < paid["fee_msat"] <= 50_000

        # Tram asks more: the payer climbs the fee levels, never above its cap
        world.set_tram_fee(8_000, 2_000)
        out = kite(env, *w, "pay", world.shop_invoice(30_000, "a lamp"), "--max-fee-sat",
                   "200").stdout
        newest = json.loads(kite(env, *w, "payments", "--json").stdout)[0]
        assert 8_000 + 60_000 <= newest["fee_msat"] <= 200_000, newest
        # a cap below every fee that could work (the trampoline's, and the route hint's
        # 1000 msat + 100 ppm): a clear reason, nothing paid
        r = kite(env, *w, "pay", world.shop_invoice(30_000, "too dear"), "--max-fee-sat", "3",
                 check=False)
        assert r.returncode != 0 and "no route at this fee" in r.stderr
        assert "exhausted" in r.stderr
        world.set_tram_fee(1_000, 100)

        # Shop pays the user: Tram reaches the user through the invoice's route hint
        back = kite(env, *w, "invoice", "7000", "refund").stdout.strip()
        assert world.shop_pay(back)["status"] == "paid"
        rows = kite(env, *w, "payments").stdout.splitlines()
        assert "+7000 sat" in rows[0] and "refund" in rows[0] and "paid" in rows[0]
    finally:
        kite(env, *w, "stop", check=False)
