"""The LSP double-spends the funding of the JIT channel it opened, on the real devnet chain
(bcoin, ElectrumX): Tram replaces its unconfirmed funding transaction by RBF (a new txid, so
the channel's funding outpoint never exists) and the replacement is mined six blocks deep.
Tram's daemon refuses to replace a channel funding (rightly), so the test plays the dishonest
LSP with Tram's own keys: it spends the funding's inputs again and hands that to the chain.
The wallet's payment received over that channel ends "lost", never "paid"; the channel is
closed as never having existed, and the wallet publishes nothing for it."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.devnet.kite_node import PASSWORD
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel.double_spend import never_existed
from wallet.ln.shell.chain_follower import DOUBLE_SPEND_DEPTH
from wallet.networks import REGTEST
from wallet.onchain.transactions import (
    TxOutput,
    WalletCoin,
    build_unsigned,
    parse_transaction,
    sign_p2wpkh_inputs,
)
from wallet.onchain.transactions import txid as txid_of
from wallet.storage.wallet_file import open_wallet

pytestmark = pytest.mark.slow

AMOUNT_SAT = 50_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_double_spent_jit_funding_makes_the_payment_lost(shared_world, tmp_path):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic(),
                               lsp_peer=world.tram_address) as user:
        node = user.svc.ln.node
        node.poll_interval = 0.2
        reply = await user.svc.handlers["invoice"](amount_sat=AMOUNT_SAT, description="first")
        paid = await asyncio.to_thread(world.shop_pay, reply["invoice"], 60)
        assert paid["status"] == "paid"
        payment_hash = decode_invoice(reply["invoice"]).payment_hash.hex()

        async def received() -> str | None:
            rows = [r for r in node.list_payments() if r["payment_hash"] == payment_hash]
            return rows[0]["status"] if rows else None
        await user.until(lambda: _is(received, "unconfirmed"), "the payment, unconfirmed")
        [ch] = node.channels.values()
        funding = ch.watch.txid
        watcher = node.manager.chain.watcher
        await user.until(lambda: _true(funding in watcher._inputs),
                         "the wallet to see the funding in the mempool")

        replaced = await asyncio.to_thread(_tram_spends_its_inputs_again, world,
                                           funding[::-1].hex())
        assert replaced != funding[::-1].hex()
        await asyncio.to_thread(world.chain.mine, DOUBLE_SPEND_DEPTH)
        await user.until(lambda: _true(never_existed(ch.state)),
                         "the channel to be known never to have existed", timeout=90)
        assert await received() == "lost"
        assert not [c for c in node.list_channels() if c.get("phase") != "closed"]


def _tram_spends_its_inputs_again(world, funding_txid: str) -> str:
    """A replacement of Tram's funding transaction, signed with Tram's keys (read from its
    wallet file): the same inputs, all to one address of Tram's, 5,000 sat more in fees."""
    wallet = open_wallet(world.tram.wallet_dir, PASSWORD, network=REGTEST)
    try:
        deadline = time.monotonic() + 60
        while True:  # Tram's own address sync stores the funding it broadcast
            raws = {t: bytes(r) for t, r in wallet.db.query("SELECT txid, raw FROM wallet_txs")}
            if funding_txid in raws or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        funding = parse_transaction(raws[funding_txid])
        account = wallet.keys.account
        paths = {account.script_pubkey(c, i): (c, i) for c in (0, 1) for i in range(300)}
        coins = []
        for txin in funding.vin:
            prev = txin.prevout.hash[::-1].hex()
            out = parse_transaction(raws[prev]).vout[txin.prevout.n]
            script = bytes(out.scriptPubKey)
            coins.append(WalletCoin(prev, txin.prevout.n, out.nValue, script, paths[script]))
        spent = sum(c.value for c in coins)
        old_fee = spent - sum(o.nValue for o in funding.vout)
        tx = build_unsigned(coins, [TxOutput(account.script_pubkey(1, 299), spent - old_fee - 5_000)])
        raw = sign_p2wpkh_inputs(tx, coins, lambda path: account.private_key(*path))
    finally:
        wallet.close()
    world.chain.rpc("sendrawtransaction", raw.hex())
    return txid_of(raw)


async def _is(get, value) -> bool:
    return await get() == value


async def _true(value: bool) -> bool:
    return value
