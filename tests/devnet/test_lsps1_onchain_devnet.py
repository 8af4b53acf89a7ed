"""An LSPS1 order paid on-chain to the devnet's Tram (`kite daemon --lsp`, bLIP-51 §3.3), the
way `kite lsp buy-inbound --onchain` does it: a wallet with coins orders a channel (its refund
address given), is shown the order's total and the network fee, pays exactly that from its
on-chain wallet (never twice); once the payment confirms Tram opens the channel and the order
is COMPLETED with it, delivered; a second payment to the same address comes back to the
refund address, less the refund transaction's fee."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.errors import InputError
from wallet.keys.bip39 import generate_mnemonic
from wallet.lsp import lsps1
from wallet.networks import REGTEST
from wallet.onchain.addresses import address_to_script

pytestmark = pytest.mark.slow

INBOUND_SAT = 100_000
FEE_SAT = 1_000 + INBOUND_SAT // 100  # Tram's default LSPS1 price: 1,000 sat + 1%
SECOND_SAT = 30_000
FUNDS_SAT = 300_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def test_order_paid_onchain_to_tram_opens_the_channel(shared_world, tmp_path):
    world = shared_world
    async with WalletUnderTest(world.chain, tmp_path / "user", generate_mnemonic(),
                               lsp_peer=world.tram_address) as user:
        node = user.svc.ln.node
        node.poll_interval = 0.2
        chain = user.svc.chain
        h = user.svc.handlers
        await asyncio.to_thread(world.fund, chain.receive_address(), FUNDS_SAT)
        await user.balance_is(FUNDS_SAT)

        # as the user does it (kite lsp buy-inbound --onchain): the order, its price, the yes
        made = await h["lsp_buy"](amount_sat=INBOUND_SAT, max_fee_sat=FEE_SAT)
        assert "onchain" in made["pay_with"] and made["onchain"]["total_sat"] == FEE_SAT
        refund = made["onchain"]["refund_address"]
        assert refund is not None and made["onchain"]["confirmations"] == 1
        address_to_script(made["onchain"]["address"], REGTEST)  # an address of our network
        quote = (await h["lsp_order_pay"](order_id=made["order_id"], onchain=True,
                                          dry_run=True))["onchain_quote"]
        assert quote["order_total_sat"] == FEE_SAT and quote["network_fee_sat"] > 0
        paid = await h["lsp_order_pay"](order_id=made["order_id"], onchain=True,
                                        fee_rate=quote["target_feerate"],
                                        expected_fee_sat=quote["network_fee_sat"],
                                        confirm_high_fee=True)
        assert paid["paid_onchain"] and paid["pay_with"] == []
        with pytest.raises(InputError, match="paid on-chain already"):
            await h["lsp_order_pay"](order_id=made["order_id"], onchain=True)
        await user.mine(1)

        async def completed():
            got = await h["lsp_order"](order_id=made["order_id"])
            return got if got["state"] != lsps1.CREATED else None
        done = await user.until(completed, "the order to be completed", timeout=90)
        assert (done["state"], done["onchain"]["state"], done["payment_state"]) == (
            lsps1.COMPLETED, lsps1.PAID, lsps1.REFUNDED)
        assert done["delivered"] is True and "warning" not in done
        assert done["onchain_payment"]["txid"] == paid["paid_onchain"]
        txid, index = done["channel"]["funding_outpoint"].split(":")

        async def bought():
            for c in node.channels.values():
                p = c.inner.commitments.params
                if (p.funding_txid[::-1].hex(), p.funding_output_index) == (txid, int(index)):
                    return c
            return None
        channel = await user.until(bought, "the bought channel")
        assert channel.inner.commitments.params.funding_sat == INBOUND_SAT
        # exactly the order's total and the network fee shown left the wallet
        await user.balance_is(FUNDS_SAT - FEE_SAT - quote["network_fee_sat"])

        # a second payment to the order's address (a mistake) comes back to the refund
        # address, less the refund transaction's fee
        refund_script = address_to_script(refund, REGTEST)
        await user.svc.send(made["onchain"]["address"], SECOND_SAT, 2)
        await user.mine(1)

        async def refunded():
            for entry in chain.history():
                outs = chain.ledger.outputs_to({refund_script}).get(refund_script, [])
                back = [v for t, _, v, _, _ in outs if t == entry.txid]
                if back and entry.delta > 0:
                    return back[0]
            return None
        value = await user.until(refunded, "the refund", timeout=90)
        assert SECOND_SAT - 1_000 < value < SECOND_SAT  # less the refund's fee
        got = await h["lsp_order"](order_id=made["order_id"])
        assert got["state"] == lsps1.COMPLETED and got["onchain"]["state"] == lsps1.PAID
