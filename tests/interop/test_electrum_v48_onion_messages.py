"""Onion messages relayed by Electrum 4.8.1 (issue 19, for the BOLT 12 issue): two Kite
wallets, Payer and Shop, each connected to Electrum only (no channels: onion messages need
none). Shop's offer has one blinded path whose introduction node is Electrum; Payer fetches
an invoice for it: the `invoice_request` goes Payer -> Electrum -> Shop along the offer's
path, and Shop's invoice comes back Shop -> Electrum -> Payer along Payer's reply path
(introduction node Electrum again). Paying that invoice is not part of this test.

Electrum 4.8.1 as met here (electrum/onion_message.py, lnworker.py):
* it relays only with `lightning_forward_payments` on (on_onion_message_forward drops the
  message otherwise: "not forwarding due to lightning_forward_payments config option
  disabled"), and advertises `option_onion_messages` (bit 39) only with that option or
  `lightning_forward_trampoline_payments` on; the second test checks the drop;
* it forwards only by `next_node_id` to a connected peer ("next node ... not a peer,
  dropping message"); a hop naming the next node by `short_channel_id` is not relayed;
* the relay goes through a queue and is retried for a while on a send error.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil

import pytest

from tests.interop.electrum_node import ELECTRUM_4_8, interop_marks
from tests.interop.test_electrum_trampoline import ConfiguredElectrum
from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.shell.offer_exchange import OfferError

pytestmark = interop_marks(ELECTRUM_4_8)

PRICE_MSAT = 21_000_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


@contextlib.asynccontextmanager
async def payer_shop_and_electrum(devnet, folder, forwarding: bool):
    electrum = await asyncio.to_thread(ConfiguredElectrum(
        devnet.electrum_address, build=ELECTRUM_4_8,
        config={"lightning_forward_payments": forwarding}).start,
        sync_height=devnet.height())
    wallets: list[WalletUnderTest] = []
    try:
        for name in ("payer", "shop"):
            w = WalletUnderTest(devnet, folder / name, generate_mnemonic())
            wallets.append(w)
            await w.__aenter__()
            await w.svc.ln.started()
            await w.svc.ln.node.peers.connect("127.0.0.1", electrum.lightning_port,
                                              electrum.node_id)
        yield wallets[0], wallets[1], electrum
    finally:
        for w in wallets:
            await w.__aexit__(None, None, None)
        with contextlib.suppress(OSError):
            shutil.copy(electrum.directory / "electrum.log", folder / "electrum.log")
        await asyncio.to_thread(electrum.stop)


def shop_offer(shop: WalletUnderTest, electrum_id: bytes) -> Offer:
    """An offer of Shop's whose one path enters at Electrum (as `offer_create` makes one
    through its trampoline peer), answered by Shop's issuer."""
    node = shop.svc.ln.node
    path, path_id = node.onion_messages.reply_path(via=electrum_id)
    offer = Offer.build(description="a coffee through Electrum", amount=PRICE_MSAT,
                        issuer_id=node.node_id, paths=(path,),
                        chains=(chain_hash(node.network.genesis_hash),))
    shop.svc.ln.offers.issuer.add(offer, frozenset({path_id}))
    return offer


async def test_electrum48_relays_an_invoice_request_and_its_invoice(shared_devnet, tmp_path):
    async with payer_shop_and_electrum(shared_devnet, tmp_path, True) as (payer, shop, e):
        assert e.peer(payer.svc.ln.node.node_id) is not None
        assert e.peer(shop.svc.ln.node.node_id) is not None
        offer = shop_offer(shop, e.node_id)
        assert offer.paths[0].first_node_id == e.node_id
        got = await payer.svc.ln.node.offers.fetch_invoice(offer, via=e.node_id, timeout=30)
        assert got.invoice.amount == PRICE_MSAT
        assert got.invoice.node_id == shop.svc.ln.node.node_id
        assert "not forwarding" not in e.log_tail(400)


async def test_electrum48_without_forwarding_drops_the_request(shared_devnet, tmp_path):
    """Without forwarding, Electrum advertises no bit 39: Kite does not send it the request
    (BOLT 4) and says so at once, instead of waiting out the timeout."""
    async with payer_shop_and_electrum(shared_devnet, tmp_path, False) as (payer, shop, e):
        offer = shop_offer(shop, e.node_id)
        peer = payer.svc.ln.node.manager.live_peer(e.node_id)
        assert peer is not None and not peer.supports("option_onion_messages")
        with pytest.raises(OfferError, match="no connected peer leads to the offer"):
            await payer.svc.ln.node.offers.fetch_invoice(offer, via=e.node_id, timeout=30)
