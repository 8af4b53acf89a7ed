"""LSPS1 orders paid on-chain, the LSP's side (bLIP-51 §3.3), between real nodes over
loopback, the LSP's on-chain wallet a fake `ChainPort` (coins put at the order's address by
the test, refunds recorded): the honest payment opens the channel; under-, over-, late and
second payments, both ways of paying at once, dust, a failed open; restarts (a new provider
over the same SQLite) at each step of a refund and after PAID before the open; lying
clients (a flood, a refund address of another network)."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from tests.ln.shell.test_lsps1_channels import _from_lsp, _wait
from tests.support.nodes import channel, start_nodes, stop_all
from wallet.bech32 import encode_segwit_address
from wallet.errors import KiteError
from wallet.ln.shell import lsps1_provider as provider_mod
from wallet.ln.shell.lsps1_onchain import ChainPort
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.onchain_order_store import BROADCAST, DUST, RECORDED, SIGNED, OnchainOrderStore
from wallet.ln.store.order_store import OrderStore
from wallet.lsp import lsps1
from wallet.lsp.jsonrpc import CLIENT_REJECTED, INVALID_PARAMS, RpcError
from wallet.lsp.lsps1_onchain import refund_amount
from wallet.networks import MAINNET, REGTEST
from wallet.onchain.addresses import address_to_script

AMOUNT = 100_000
FEE = 2_000  # 1,000 sat + 1% (the default price)
REFUND = encode_segwit_address(REGTEST.bech32_hrp, 0, b"\x33" * 20)
REFUND_SCRIPT = address_to_script(REFUND, REGTEST)
RATE = 2.0


class FakeWallet:
    """The LSP's on-chain wallet: addresses handed out, outputs the test puts there, the
    tip, refunds built (`sent`) and published (`published`)."""

    def __init__(self) -> None:
        self.reserved: list[tuple[str, bytes]] = []
        self.outputs: dict[bytes, list[tuple[str, int, int, int, int | None]]] = {}
        self.tip = 100
        self.rate = RATE
        self.sent: list[tuple[bytes, int, float, str]] = []
        self.published: list[bytes] = []
        self.heights: dict[str, int] = {}
        self.refuse_broadcast = False
        self.no_rate = False
        self.dead: set[bytes] = set()  # transactions whose coins another spent, deep
        self.rates_asked = 0
        self.n = 0
        self.no_address = False  # the wallet will not hand out another address now

    def reserve_address(self) -> tuple[str, bytes] | None:
        if self.no_address:
            return None
        program = hashlib.sha256(b"lsp%d" % len(self.reserved)).digest()[:20]
        found = (encode_segwit_address(REGTEST.bech32_hrp, 0, program),
                 b"\x00\x14" + program)
        self.reserved.append(found)
        return found

    def pay(self, address: str, value: int, confirmed: bool = True) -> tuple[str, int]:
        self.n += 1
        txid = hashlib.sha256(b"pay%d" % self.n).hexdigest()
        script = address_to_script(address, REGTEST)
        self.outputs.setdefault(script, []).append(
            (txid, 0, value, self.tip if confirmed else 0, None))
        return txid, 0

    def confirm_all(self) -> None:
        for outs in self.outputs.values():
            outs[:] = [(t, n, v, h or self.tip, b) for t, n, v, h, b in outs]

    def outputs_to(self, scripts: set[bytes]) -> dict:
        return {s: list(o) for s, o in self.outputs.items() if s in scripts}

    async def fee_rate(self) -> float:
        self.rates_asked += 1
        if self.no_rate:
            raise KiteError("the servers' fee estimates are not believable")
        return self.rate

    async def send(self, script: bytes, amount: int, rate: float) -> tuple[bytes, str]:
        raw = b"refund" + script + amount.to_bytes(8, "big") + len(self.sent).to_bytes(4, "big")
        txid = hashlib.sha256(raw).hexdigest()
        self.sent.append((script, amount, rate, txid))
        return raw, txid

    async def broadcast(self, raw: bytes) -> str:
        if self.refuse_broadcast:
            raise KiteError("not connected")
        self.published.append(raw)
        txid = hashlib.sha256(raw).hexdigest()
        self.heights.setdefault(txid, 0)
        return txid

    def port(self) -> ChainPort:
        return ChainPort(REGTEST, self.reserve_address, self.outputs_to, lambda: self.tip,
                         self.fee_rate, self.send, self.broadcast, self.heights.get,
                         lambda raw: raw in self.dead)


@pytest.fixture
async def world(tmp_path):
    chain, _, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    wallet = FakeWallet()
    lsp.serve_lsps1(chain=wallet.port())
    await channel(chain, client, lsp)  # the client pays Lightning over its own channel
    yield chain, client, lsp, wallet
    await stop_all(client, lsp)


async def _order(client, lsp, refund: str | None = REFUND):
    options = await client.lsps1.get_info(lsp.node_id)
    asked = lsps1.inbound_request(options, AMOUNT, refund_address=refund)
    return (await client.lsps1.create_order(lsp.node_id, asked)).order


def _stored(lsp, order_id: str) -> lsps1.Order:
    return OrderStore(lsp.store.db).get(order_id)[2]


def _refunds(lsp, order_id: str):
    return OnchainOrderStore(lsp.store.db).refunds(order_id)


def _fee(inputs: int) -> int:
    return 0 - refund_amount(0, inputs, REFUND_SCRIPT, RATE)


async def _check(lsp, now: datetime | None = None) -> None:
    await lsp.lsps1_provider.check_onchain(now or datetime.now(UTC))


async def test_honest_onchain_payment_opens_the_channel(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    o = order.onchain
    assert o is not None and o.address == wallet.reserved[0][0]
    assert (o.state, o.fee_total_sat, o.order_total_sat) == (lsps1.EXPECT_PAYMENT, FEE, FEE)
    assert o.min_onchain_payment_confirmations == 1 and o.min_fee_for_0conf is None
    assert o.refund_onchain_address == REFUND
    expected = datetime.now(UTC) + timedelta(seconds=provider_mod.ONCHAIN_SECONDS)
    assert abs((o.expires_at - expected).total_seconds()) < 60
    # stored with its address before the answer left
    [kept] = OnchainOrderStore(lsp.store.db).orders()
    assert (kept.order_id, kept.address, kept.refund_address) == (order.order_id, o.address,
                                                                   REFUND)
    wallet.pay(o.address, FEE, confirmed=False)
    await _check(lsp)
    assert _stored(lsp, order.order_id).onchain.state == lsps1.EXPECT_PAYMENT  # unconfirmed
    wallet.confirm_all()
    await _check(lsp)
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.COMPLETED)
    got = await client.lsps1.get_order(lsp.node_id, order.order_id)  # the client's checks
    assert (got.order_state, got.onchain.state, got.bolt11.state) == (
        lsps1.COMPLETED, lsps1.PAID, lsps1.REFUNDED)
    [ch] = _from_lsp(client, lsp)
    p = ch.inner.commitments.params
    assert got.channel.funding_outpoint == (p.funding_txid[::-1].hex(), p.funding_output_index)
    assert p.funding_sat == AMOUNT
    # the Lightning invoice is cancelled: paying it now fails, nothing more is opened
    with pytest.raises(PaymentFailed):
        await client.pay(order.bolt11.invoice, timeout=30)
    assert len(_from_lsp(client, lsp)) == 1 and not wallet.sent
    _restart(lsp, wallet)  # cancelled for good: after a restart too
    with pytest.raises(PaymentFailed):
        await client.pay(order.bolt11.invoice, timeout=30)
    assert len(_from_lsp(client, lsp)) == 1
    # a second payment after COMPLETED goes back whole (less the refund's fee)
    wallet.pay(o.address, 50_000)
    await _check(lsp)
    [refund] = _refunds(lsp, order.order_id)
    assert (refund.state, refund.address, refund.amount_sat) == (BROADCAST, REFUND,
                                                                 50_000 - _fee(1))
    assert wallet.sent == [(REFUND_SCRIPT, 50_000 - _fee(1), RATE, refund.txid)]
    assert len(wallet.published) == 1
    await _check(lsp)  # nothing twice
    assert len(wallet.sent) == 1 and len(_refunds(lsp, order.order_id)) == 1
    assert _stored(lsp, order.order_id).onchain.state == lsps1.PAID


async def test_underpayment_then_expiry_fails_and_refunds_what_came(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, FEE - 1)
    await _check(lsp)
    assert _stored(lsp, order.order_id).order_state == lsps1.CREATED
    # the Lightning option's expiry does not end an order payable on-chain
    later = datetime.now(UTC) + timedelta(seconds=provider_mod.ORDER_SECONDS + 1)
    lsp.lsps1_provider.expire(later)
    _, payment_hash, kept = OrderStore(lsp.store.db).get(order.order_id)
    assert lsp.lsps1_provider._expired(payment_hash, kept, later).order_state == lsps1.CREATED
    assert _stored(lsp, order.order_id).order_state == lsps1.CREATED
    await _check(lsp, order.onchain.expires_at + timedelta(seconds=1))
    after = _stored(lsp, order.order_id)
    assert (after.order_state, after.onchain.state) == (lsps1.FAILED, lsps1.REFUNDED)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == FEE - 1 - _fee(1) and refund.address == REFUND
    assert refund.state == BROADCAST and not _from_lsp(client, lsp)
    got = await client.lsps1.get_order(lsp.node_id, order.order_id)
    assert (got.order_state, got.onchain.state) == (lsps1.FAILED, lsps1.REFUNDED)
    # a payment after the expiry goes back too; and the order is never forgotten
    wallet.pay(order.onchain.address, 30_000)
    await _check(lsp, order.onchain.expires_at + timedelta(hours=2))
    assert [r.amount_sat for r in _refunds(lsp, order.order_id)] == [FEE - 1 - _fee(1),
                                                                    30_000 - _fee(1)]
    lsp.lsps1_provider.expire(order.onchain.expires_at + timedelta(days=3))
    assert OrderStore(lsp.store.db).get(order.order_id) is not None


async def test_overpayment_opens_and_refunds_the_excess(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, FEE + 10_000)
    await _check(lsp)
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.COMPLETED)
    await _check(lsp)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == 10_000 - _fee(1) and refund.state == BROADCAST
    assert len(_from_lsp(client, lsp)) == 1
    assert _stored(lsp, order.order_id).onchain.state == lsps1.PAID  # the order was paid


async def test_payment_after_expiry_is_refunded_never_credited(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    late = order.onchain.expires_at + timedelta(minutes=5)
    await _check(lsp, late)  # expired with nothing: FAILED, nothing owed
    assert _stored(lsp, order.order_id).order_state == lsps1.FAILED
    wallet.pay(order.onchain.address, FEE)
    await _check(lsp, late)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == FEE - _fee(1) and not _from_lsp(client, lsp)


async def test_paid_over_lightning_then_onchain_refunds_the_coins(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    assert (await client.pay(order.bolt11.invoice, timeout=30))["status"] == "paid"
    wallet.pay(order.onchain.address, FEE)
    await _check(lsp)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == FEE - _fee(1)
    after = _stored(lsp, order.order_id)
    assert (after.order_state, after.bolt11.state, after.onchain.state) == (
        lsps1.COMPLETED, lsps1.PAID, lsps1.EXPECT_PAYMENT)
    assert len(_from_lsp(client, lsp)) == 1


async def test_paid_onchain_then_over_lightning_fails_the_htlc_back(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, FEE)
    await _check(lsp)
    assert _stored(lsp, order.order_id).paid_onchain
    with pytest.raises(PaymentFailed):
        await client.pay(order.bolt11.invoice, timeout=30)
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.COMPLETED)
    assert len(_from_lsp(client, lsp)) == 1
    [row] = [p for p in lsp.list_payments() if p["direction"] == "in"]
    assert row["status"] != "paid" and not wallet.sent


async def test_an_htlc_held_when_paid_onchain_is_failed_back(world) -> None:
    """The Lightning payment completes while the coins are credited: its hold refuses."""
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    _, payment_hash, _ = OrderStore(lsp.store.db).get(order.order_id)
    wallet.pay(order.onchain.address, FEE)
    await _check(lsp)
    assert await lsp.payments.holds[payment_hash](payment_hash, FEE * 1000) is False
    # and the provider's own hook, called for an order already paid on-chain, refuses too
    assert await lsp.lsps1_provider._on_paid(payment_hash, FEE * 1000) is False


async def test_dust_payment_makes_no_refund_but_is_recorded(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, 400)  # less than the refund's fee and dust
    await _check(lsp, order.onchain.expires_at)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.state == DUST and refund.raw is None and not wallet.sent
    after = _stored(lsp, order.order_id)
    assert (after.order_state, after.onchain.state) == (lsps1.FAILED, lsps1.EXPECT_PAYMENT)
    await _check(lsp, order.onchain.expires_at)
    assert len(_refunds(lsp, order.order_id)) == 1  # decided once


async def test_failed_open_fails_the_order_and_refunds(world) -> None:
    chain, client, lsp, wallet = world

    async def cannot_open(client_id, amount_sat, record):
        raise KiteError("no coins")
    lsp.lsps1_provider.open_channel = cannot_open
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, FEE + 500)
    await _check(lsp)
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.FAILED)
    await _check(lsp)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == FEE + 500 - _fee(1) and refund.state == BROADCAST
    after = _stored(lsp, order.order_id)
    assert (after.order_state, after.onchain.state) == (lsps1.FAILED, lsps1.REFUNDED)
    got = await client.lsps1.get_order(lsp.node_id, order.order_id)
    assert got.onchain.state == lsps1.REFUNDED and not _from_lsp(client, lsp)


def _restart(lsp, wallet) -> None:
    """What a restart does to the provider: memory gone, served again over the same SQLite."""
    lsp.payments.holds.clear()
    lsp.serve_lsps1(chain=wallet.port())


async def _paid_open_stuck(client, lsp, wallet) -> lsps1.Order:
    """An order paid on-chain and taken (PAID) whose channel open never ends."""
    order = await _order(client, lsp)

    async def stuck(client_id, amount_sat, record):
        await asyncio.Event().wait()
    lsp.lsps1_provider.open_channel = stuck
    wallet.pay(order.onchain.address, FEE)
    await _check(lsp)
    return order


async def test_restart_after_paid_before_the_open_opens_then(world) -> None:
    chain, client, lsp, wallet = world
    order = await _paid_open_stuck(client, lsp, wallet)
    assert _stored(lsp, order.order_id).paid_onchain
    _restart(lsp, wallet)  # the open is tried again, the client being connected
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.COMPLETED)
    assert len(_from_lsp(client, lsp)) == 1 and not wallet.sent


async def test_restart_after_paid_client_gone_fails_and_refunds(world, monkeypatch) -> None:
    chain, client, lsp, wallet = world
    order = await _paid_open_stuck(client, lsp, wallet)
    await client.peers.forget(lsp.node_id)
    await _wait(lambda: lsp.manager.live_peer(client.node_id) is None)
    monkeypatch.setattr(provider_mod, "CONNECT_WAIT", 0.3)
    _restart(lsp, wallet)
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.FAILED)
    await _check(lsp)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == FEE - _fee(1) and refund.state == BROADCAST


async def test_restart_with_a_refund_recorded_before_its_tx_builds_it_then(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, 1_500)  # short of the total

    async def killed(*args):
        raise asyncio.CancelledError  # the process ends between the record and the build
    lsp.lsps1_provider.chain.send = killed
    with pytest.raises(asyncio.CancelledError):
        await _check(lsp, order.onchain.expires_at)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.state == RECORDED and refund.raw is None
    _restart(lsp, wallet)
    await _check(lsp, order.onchain.expires_at)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.state == BROADCAST and len(wallet.sent) == 1
    assert wallet.sent[0][1] == 1_500 - _fee(1)


async def test_restart_with_a_signed_refund_broadcasts_the_same_tx_once(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, 1_500)  # short of the total
    wallet.refuse_broadcast = True  # the process ends before the broadcast
    await _check(lsp, order.onchain.expires_at)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.state == SIGNED and refund.raw is not None and not wallet.published
    wallet.refuse_broadcast = False
    _restart(lsp, wallet)
    await _check(lsp, order.onchain.expires_at)
    [after] = _refunds(lsp, order.order_id)
    assert after.state == BROADCAST and after.txid == refund.txid
    assert wallet.published == [refund.raw] and len(wallet.sent) == 1  # never a second one
    # broadcast but not confirmed at the next start: published again, the same one
    _restart(lsp, wallet)
    await _check(lsp, order.onchain.expires_at)
    assert wallet.published == [refund.raw] * 2 and len(wallet.sent) == 1
    # confirmed: left alone
    wallet.heights[refund.txid] = wallet.tip
    _restart(lsp, wallet)
    await _check(lsp, order.onchain.expires_at)
    assert len(wallet.published) == 2 and len(_refunds(lsp, order.order_id)) == 1


async def test_lying_client_flood_and_refund_address_of_another_network(world) -> None:
    chain, client, lsp, wallet = world
    options = await client.lsps1.get_info(lsp.node_id)
    good = lsps1.inbound_request(options, AMOUNT, refund_address=REFUND).to_json()
    mainnet = encode_segwit_address(MAINNET.bech32_hrp, 0, b"\x33" * 20)
    for bad in (mainnet, "bcrt1qrefund", "", "x" * 101):
        with pytest.raises(RpcError) as e:
            await client.lsps0.request(lsp.node_id, "lsps1.create_order",
                                       good | {"refund_onchain_address": bad})
        assert e.value.code == INVALID_PARAMS
        assert e.value.data["property"] == "refund_onchain_address"
    assert not wallet.reserved and not OnchainOrderStore(lsp.store.db).orders()
    for _ in range(provider_mod.MAX_UNPAID_PER_CLIENT):
        await client.lsps0.request(lsp.node_id, "lsps1.create_order", good)
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps1.create_order", good)
    assert e.value.code == CLIENT_REJECTED
    # one address each, none for the refused order
    assert len(wallet.reserved) == provider_mod.MAX_UNPAID_PER_CLIENT
    assert len({a for a, _ in wallet.reserved}) == len(wallet.reserved)
    assert len(OnchainOrderStore(lsp.store.db).orders()) == provider_mod.MAX_UNPAID_PER_CLIENT
    # an on-chain order keeps its slot past the Lightning invoice's hour, until its own
    # expiry
    later = datetime.now(UTC) + timedelta(hours=2)
    lsp.lsps1_provider.expire(later)
    store = OrderStore(lsp.store.db)
    assert store.unpaid(client.node_id, later) == provider_mod.MAX_UNPAID_PER_CLIENT
    assert store.unpaid(client.node_id, later + timedelta(days=1)) == 0


async def test_no_refund_address_no_onchain_option_and_the_onchain_cap(world,
                                                                      monkeypatch) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp, refund=None)
    assert order.onchain is None and not wallet.reserved
    monkeypatch.setattr(provider_mod, "MAX_UNPAID_ONCHAIN", 1)
    first = await _order(client, lsp)
    second = await _order(client, lsp)
    assert first.onchain is not None and second.onchain is None  # Lightning only beyond it
    assert len(wallet.reserved) == 1


async def test_no_address_to_hand_out_means_lightning_only(world) -> None:
    """The wallet hands out no order address when it would break the seed's restore (a
    run of unpaid ones up to the gap limit): the order is offered over Lightning only,
    and paid that way as usual."""
    chain, client, lsp, wallet = world
    wallet.no_address = True
    order = await _order(client, lsp)
    assert order.onchain is None and order.bolt11 is not None and not wallet.reserved
    assert OnchainOrderStore(lsp.store.db).get(order.order_id) is None
    wallet.no_address = False
    assert (await _order(client, lsp)).onchain is not None


async def test_no_fee_rate_no_refund_yet_and_none_asked_without_a_refund(world) -> None:
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, FEE)
    await _check(lsp)
    await _wait(lambda: _stored(lsp, order.order_id).order_state == lsps1.COMPLETED)
    await _check(lsp)
    assert wallet.rates_asked == 0  # nothing to refund: the servers are not asked
    wallet.no_rate = True
    wallet.pay(order.onchain.address, 7_000)
    await _check(lsp)
    assert not _refunds(lsp, order.order_id) and wallet.rates_asked == 1  # waits
    wallet.no_rate = False
    await _check(lsp)
    [refund] = _refunds(lsp, order.order_id)
    assert refund.amount_sat == 7_000 - _fee(1) and refund.state == BROADCAST


async def test_a_stored_refund_made_impossible_is_built_again_once(world) -> None:
    """The refund's transaction was stored, not broadcast (no server), and meanwhile the
    wallet spent its coins in another transaction, now deep: it can never confirm, so a new
    one is built for the same refund (the client is paid once: the row, its coins, its
    amount stay); one merely unconfirmed is never rebuilt."""
    chain, client, lsp, wallet = world
    order = await _order(client, lsp)
    wallet.pay(order.onchain.address, 1_500)  # short of the total
    wallet.refuse_broadcast = True
    await _check(lsp, order.onchain.expires_at)
    [first] = _refunds(lsp, order.order_id)
    assert first.state == SIGNED
    await _check(lsp, order.onchain.expires_at)  # not dead: the same one waits
    assert len(wallet.sent) == 1
    wallet.dead.add(first.raw)
    wallet.refuse_broadcast = False
    await _check(lsp, order.onchain.expires_at)
    [again] = _refunds(lsp, order.order_id)
    assert again.refund_id == first.refund_id and again.coins == first.coins
    assert again.state == BROADCAST and again.txid != first.txid
    assert again.amount_sat == first.amount_sat and len(wallet.sent) == 2
    assert wallet.published == [again.raw]
    _restart(lsp, wallet)  # at the next start: the new one published again, nothing built
    await _check(lsp, order.onchain.expires_at)
    assert wallet.published == [again.raw] * 2 and len(wallet.sent) == 2
