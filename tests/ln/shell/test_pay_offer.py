"""Kite pays a BOLT 12 offer end to end between real nodes: the user asks the shop's offer
for an invoice over onion messages relayed by Tram, checks it, and pays it through Tram
(trampoline to the shop's blinded path); and straight, when the shop is the user's peer."""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import dns.dnssec
import dns.name
import pytest

from tests.support.dns_zones import SignedWorld
from tests.support.nodes import channel, start_nodes, stop_all
from wallet.bip353.errors import Bip353Error, NameNotPublished
from wallet.cli.channel_commands import _payment_line
from wallet.daemon.channel_service import ChannelService
from wallet.daemon.offer_service import OfferService
from wallet.daemon.wallet_view import payment_row
from wallet.errors import InputError
from wallet.ln.bolt12.fields import Bip353Name
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer, decode_offer
from wallet.ln.features import Features
from wallet.ln.htlc.relay_policy import RelayPolicy
from wallet.ln.shell.forwarder import TrampolineForwarder
from wallet.ln.shell.offer_exchange import OfferError, OfferIssuer
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import PAID, PENDING
from wallet.networks import REGTEST

CHAIN = chain_hash(REGTEST.genesis_hash)


def open_shop(shop, tram, requests: list | None = None) -> Offer:
    async def make_invoice(offer, request, amount):
        if requests is not None:
            requests.append(request)
        return shop.payments.create_offer_invoice(request, amount)

    issuer = OfferIssuer(shop.onion_messages, CHAIN, make_invoice)
    shop.onion_messages.on_receive = issuer.on_receive
    path, path_id = shop.onion_messages.reply_path(via=tram.node_id)
    offer = Offer.build(description="a scarf", amount=25_000, quantity_max=5,
                        issuer_id=shop.node_id, paths=(path,), chains=(CHAIN,))
    issuer.add(offer, frozenset({path_id}))
    return offer


@pytest.fixture
async def world(tmp_path):
    chain, _, (user, tram, shop) = await start_nodes(tmp_path, "user", "tram", "shop")
    TrampolineForwarder(tram, RelayPolicy(1_000, 100, 144)).install()
    await channel(chain, user, tram)
    await channel(chain, tram, shop)
    yield chain, user, tram, shop
    await stop_all(user, tram, shop)


async def test_offer_paid_through_the_trampoline(world):
    chain, user, tram, shop = world
    offer = open_shop(shop, tram)
    result = await user.pay_offer(offer, via=tram.node_id, quantity=2, payer_note="thanks")
    assert result["status"] == PAID and result["amount_msat"] == 50_000
    payment_hash = bytes.fromhex(result["payment_hash"])
    assert hashlib.sha256(bytes.fromhex(result["preimage"])).digest() == payment_hash
    row = shop.payment_log.get(payment_hash)
    assert row.status == PAID and row.amount_msat == 50_000
    assert 0 < result["fee_msat"] <= 10_000
    # the payer note is kept with the payment on both sides, and shown in history
    assert result["payer_note"] == "thanks"
    [received] = [r for r in shop.list_payments() if r["payment_hash"] == result["payment_hash"]]
    assert received["direction"] == "in" and received["payer_note"] == "thanks"
    assert payment_row(received)["payer_note"] == "thanks"
    assert _payment_line(received).endswith("note: thanks")
    assert "note:" not in _payment_line({**received, "payer_note": None})
    # the same offer again: a new invoice, paid again
    again = await user.pay_offer(offer, via=tram.node_id, quantity=1)
    assert again["status"] == PAID and again["payment_hash"] != result["payment_hash"]


async def test_offer_paid_straight_to_a_peer_shop(tmp_path):
    chain, _, (user, shop) = await start_nodes(tmp_path, "user", "shop")
    try:
        await channel(chain, user, shop)
        offer = open_shop(shop, user)  # the offer's onion-message path runs through the user
        result = await user.pay_offer(offer, via=shop.node_id, quantity=1)
        assert result["status"] == PAID and result["fee_msat"] == 0
    finally:
        await stop_all(user, shop)


async def test_fee_budget_too_small_for_the_trampoline(world):
    chain, user, tram, shop = world
    offer = open_shop(shop, tram)
    with pytest.raises(PaymentFailed):
        await user.pay_offer(offer, via=tram.node_id, quantity=1, max_fee_msat=10)
    rows = [r for r in shop.payment_log.list(direction="in")]
    assert rows and all(r.status == PENDING for r in rows)


async def test_refused_request_pays_nothing(world):
    chain, user, tram, shop = world
    offer = open_shop(shop, tram)
    with pytest.raises(OfferError, match="at most 5"):
        await user.pay_offer(offer, via=tram.node_id, quantity=6)
    assert not shop.payment_log.list(direction="in")


async def test_kite_pay_command_pays_an_offer(world):
    """The daemon's `pay` (what `kite pay lno1… --quantity N --note …` calls)."""
    chain, user, tram, shop = world
    offer = open_shop(shop, tram)

    async def started():
        return None

    service = SimpleNamespace(node=user, started=started)
    result = await ChannelService.pay(service, f"bitcoin:?lno={offer.to_string()}", quantity=3,
                                      note="for the three of us")
    assert result["status"] == PAID and result["amount_msat"] == 75_000
    with pytest.raises(InputError, match="at most 5"):
        await ChannelService.pay(service, offer.to_string(), quantity=9)


async def test_daemon_offers_are_paid_and_answered_again_after_a_restart(world):
    chain, user, tram, shop = world
    service = OfferService(shop, shop.store.db)
    created = await service.offer_create(amount_sat=25, description="a hat", quantity_max=0)
    offer = decode_offer(created["offer"])
    assert created["reusable"] and offer.paths[0].first_node_id == tram.node_id
    paid = await user.pay_offer(offer, via=tram.node_id, quantity=4)
    assert paid["status"] == PAID and paid["amount_msat"] == 100_000
    again = OfferService(shop, shop.store.db)  # as after a restart: read from wallet_meta
    assert [o["offer"] for o in await again.offers()] == [created["offer"]]
    assert (await user.pay_offer(offer, via=tram.node_id, quantity=1))["status"] == PAID


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"amount_sat": 5}, "needs a description"),
    ({"amount_sat": 0, "description": "x"}, "positive"),
    ({"amount_sat": "lots", "description": "x"}, "not a whole number"),
    ({"description": "x" * 300}, "over 200"),
])
async def test_bad_offer_requests(world, kwargs, words):
    chain, user, tram, shop = world
    with pytest.raises(InputError, match=words):
        await OfferService(shop, shop.store.db).offer_create(**kwargs)


async def test_no_offer_without_a_trampoline_peer(tmp_path):
    _, _, (lonely,) = await start_nodes(tmp_path, "lonely")
    try:
        with pytest.raises(InputError, match="trampoline peer"):
            await OfferService(lonely, lonely.store.db).offer_create(description="x")
    finally:
        await stop_all(lonely)


async def test_kite_pay_by_bip353_name(world, monkeypatch):
    """`kite pay ₿alice@shop.example`: the name's DNSSEC-proven TXT record names the offer."""
    chain, user, tram, shop = world
    requests: list = []
    offer = open_shop(shop, tram, requests)
    zones = SignedWorld()
    anchor = dns.dnssec.make_ds(dns.name.root, zones.root.dnskey, "SHA256").to_text()
    uri = f"bitcoin:?lno={offer.to_string()}"
    strings = [uri[i:i + 200] for i in range(0, len(uri), 200)]  # TXT strings: 255 at most
    zones.txt("alice", strings)
    zones.txt("onchain", "bitcoin:bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080")
    zones.txt("forged", strings, zone=False)

    async def started():
        return None

    service = SimpleNamespace(node=user, started=started)
    async with zones.serving() as (host, port):
        monkeypatch.setenv("KITE_DNS", f"{host}:{port}")
        monkeypatch.setenv("KITE_BIP353_ANCHOR", ". " + anchor)
        paid = await ChannelService.pay(service, "₿alice@shop.example", quantity=1)
        assert paid["status"] == PAID and paid["amount_msat"] == 25_000
        with pytest.raises(InputError, match="only an on-chain address"):
            await ChannelService.pay(service, "₿onchain@shop.example")
        with pytest.raises(InputError, match="not signed"):
            await ChannelService.pay(service, "₿forged@shop.example")
        # the GUI's way: resolve and show, then pay exactly the offer shown, naming the name
        shown = await ChannelService.resolve_name(service, "alice@shop.example")
        assert shown == {"name": "₿alice@shop.example", "uri": uri, "dnssec": True}
        paid = await ChannelService.pay(service, offer.to_string(), amount_sat=50, quantity=2,
                                        bip353_name=shown["name"])
        assert paid["status"] == PAID and paid["amount_msat"] == 50_000
        assert requests[-1].get("invreq_bip_353_name") == Bip353Name("alice", "shop.example")
        with pytest.raises(NameNotPublished, match="does not exist"):
            await ChannelService.resolve_name(service, "nobody@shop.example")
        with pytest.raises(Bip353Error, match="not signed") as forged:
            await ChannelService.resolve_name(service, "₿forged@shop.example")
        assert not isinstance(forged.value, NameNotPublished)  # never a Lightning address


async def test_receive_offer_is_reused_and_each_payment_to_it_is_in_the_log(world):
    """The Receive page's offer (`offer_create(reuse=True)`, what WalletApi.receive_offer
    asks): the same offer each visit while its path starts at our trampoline peer; a
    payment to it, twice, is two received rows of the amounts paid."""
    chain, user, tram, shop = world
    service = OfferService(shop, shop.store.db)
    first = await service.offer_create(reuse=True)
    again = await service.offer_create(reuse=True)
    assert (first["reused"], again["reused"]) == (False, True)
    assert again["offer"] == first["offer"] and first["amount_msat"] is None
    other = await service.offer_create(amount_sat=5, description="a pin", reuse=True)
    assert other["offer"] != first["offer"] and not other["reused"]  # other terms: new
    offer = decode_offer(first["offer"])
    for amount in (1_234_000, 56_000):
        paid = await user.pay_offer(offer, via=tram.node_id, amount_msat=amount)
        assert paid["status"] == PAID
    # (through Tram's two-hop path: its relay rounds what it forwards up, as BOLT 4 says,
    # so up to 1 msat of the payer's fee rounding reaches the shop)
    received = [(r["direction"], r["status"], r["amount_msat"] // 1000)
                for r in shop.list_payments() if r["direction"] == "in"]
    assert received == [("in", PAID, 56), ("in", PAID, 1_234)]
    # a path through a peer that is no longer ours is never handed out again
    stored = service._stored()
    moved = [(o, p) for o, p in stored if o.offer_id.hex() == first["offer_id"]]
    assert moved and moved[0][0].paths[0].first_node_id == tram.node_id
    service.node.payments.trampoline_peers = lambda: [user.node_id]
    fresh = await service.offer_create(reuse=True)
    assert not fresh["reused"] and fresh["offer"] != first["offer"]


async def test_daemon_offer_invoices_start_at_a_trampoline_that_relays_blinded(world):
    """Tram's forwarder offers option_route_blinding: the shop's invoices then carry a
    two-hop path from Tram (the payer never sees the shop's node id) and are paid through
    it; a peer that does not offer the bit gets a one-hop path, paid as before."""
    chain, user, tram, shop = world
    service = OfferService(shop, shop.store.db)
    assert shop.peer_features(tram.node_id).supports("option_route_blinding")
    assert service.relay_peers() == [tram.node_id]
    requests: list = []
    made: list = []

    async def recording(offer, request, amount):
        requests.append(request)
        made.append(await OfferService._make_invoice(service, offer, request, amount))
        return made[-1]

    service.issuer.make_invoice = recording
    offer = decode_offer((await service.offer_create(amount_sat=20, description="a cap"))["offer"])
    paid = await user.pay_offer(offer, via=tram.node_id)
    assert paid["status"] == PAID
    [(path, _)] = made[-1].usable_paths()
    assert path.first_node_id == tram.node_id and len(path.hops) == 2
    assert shop.node_id not in {h.blinded_node_id for h in path.hops}
    forwards = TrampolineForwarder.forwards(tram.switch.forwarder)
    assert [(f["kind"], f["status"]) for f in forwards] == [("blinded", "settled")]
    service.node.peer_features = lambda peer: Features()  # a peer without the bit
    paid = await user.pay_offer(offer, via=tram.node_id)
    assert paid["status"] == PAID
    [(path, _)] = made[-1].usable_paths()
    assert path.first_node_id == shop.node_id and len(path.hops) == 1
