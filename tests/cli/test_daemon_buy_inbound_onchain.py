"""The daemon's LSPS1 order paid ON-CHAIN (bLIP-51 3.3), between a loopback client node and
a scripted LSP (its answers set per test, so it can lie), the wallet's on-chain side a real
offline `NodeService` (its ledger given coins, its server a double recording broadcasts):
exactly the order's total goes to the order's address, priced first, by the wallet's own
send rules (anchor reserve, fee rate, high fee); the transaction is kept before it leaves,
so a second call or a restart never pays again (a crash in between sends that same
transaction again); an order paid one way is never paid the other; every lie of the LSP
(address changed, total not its fee, another network's address, fee above the maximum,
a payment it says was made) sends nothing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from bitcoin.core import (
    CMutableTransaction,
    CMutableTxIn,
    CMutableTxOut,
    COutPoint,
    CScript,
    CTransaction,
)

from tests.ln.shell.test_lsps0_lsps2_peers import answer_with, reply
from tests.ln.shell.test_lsps1_channels import AMOUNT, FEE, _honest
from tests.support.nodes import make_node, start_nodes, stop_all
from wallet.chain.node import ChainNode
from wallet.daemon import lsps1_service
from wallet.daemon.lsp_service import LspService
from wallet.daemon.lsps1_service import ChannelPurchase
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.onchain_send import FeeChanged, HighFeeNotConfirmed, ReserveShort
from wallet.daemon.service import NodeService
from wallet.errors import InputError
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.store.bought_order_store import BoughtOrderStore
from wallet.lsp import lsps1
from wallet.networks import REGTEST
from wallet.onchain.addresses import address_to_script
from wallet.onchain.coin_selection import InsufficientFunds
from wallet.onchain.ledger import WalletTx
from wallet.onchain.transactions import txid as txid_of
from wallet.storage.wallet_file import create_wallet, open_wallet

#: the LSP's on-chain address (regtest), and one of mainnet (BIP 173's example)
LSP_ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"
MAINNET_ADDRESS = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"


class Server:
    """The Electrum client double: fee estimates of 2 sat/vB, every broadcast remembered
    (`fail`: the next one raises it, as a connection lost before the transaction left)."""

    def __init__(self) -> None:
        self.broadcasts: list[bytes] = []
        self.fail: Exception | None = None

    async def broadcast(self, raw: bytes) -> str:
        if self.fail is not None:
            e, self.fail = self.fail, None
            raise e
        self.broadcasts.append(raw)
        return txid_of(raw)

    async def estimate_fee(self, blocks: int) -> float:
        return 0.00002

    async def relay_fee(self) -> float:
        return 0.00001

    async def close(self) -> None:
        pass


class ScriptedLsp:
    """The LSP's answers: `created` for create_order, `later` (default: the same) for
    every get_order; `calls` lists the methods asked."""

    def __init__(self, lsp, refund: str, *, bolt11: bool = True) -> None:
        options, order = _honest(lsp, None)
        order["payment"]["onchain"] = {
            "state": "EXPECT_PAYMENT", "expires_at": "2999-01-01T00:00:00.000Z",
            "fee_total_sat": str(FEE), "order_total_sat": str(FEE), "address": LSP_ADDRESS,
            "min_onchain_payment_confirmations": 1, "min_fee_for_0conf": None,
            "refund_onchain_address": refund}
        if not bolt11:
            del order["payment"]["bolt11"]
        self.options, self.created = options, order
        self.later: dict | None = None
        self.calls: list[str] = []
        answer_with(lsp, self.make)

    def changed(self, **onchain) -> dict:
        """The order first answered, its on-chain payment changed as given."""
        o = json.loads(json.dumps(self.created))
        o["payment"]["onchain"].update(onchain)
        return o

    def make(self, req):
        method = req["method"]
        self.calls.append(method)
        if method == "lsps0.list_protocols":
            return reply(req, {"protocols": [1]})
        if method == "lsps1.get_info":
            return reply(req, self.options)
        if method == "lsps1.create_order":
            return reply(req, self.created)
        return reply(req, self.later if self.later is not None else self.created)


class World:
    def __init__(self, tmp_path, chain, seeds, client, lsp, svc, server) -> None:
        self.tmp_path, self.chain, self.seeds = tmp_path, chain, seeds
        self.client, self.lsp, self.svc, self.server = client, lsp, svc, server
        self.refund = svc.chain.receive_address()

    def purchase(self, client=None) -> ChannelPurchase:
        lsp = self.lsp
        return ChannelPurchase(
            LspService(client or self.client, (lsp.node_id, "127.0.0.1", lsp.listen_port), None),
            lambda: self.refund, self.svc.ln.onchain)

    def fund(self, value: int, index: int = 0) -> None:
        """A confirmed payment of `value` sat to our receive address `index`."""
        script = self.svc.wallet.keys.account.script_pubkey(0, index)
        raw = CMutableTransaction([CMutableTxIn(COutPoint(bytes([index + 1]) * 32, 0))],
                                  [CMutableTxOut(value, CScript(script))]).serialize()
        self.svc.chain.ledger.add(WalletTx(txid_of(raw), raw, 1))
        self.svc.chain.book.used.add((0, index))

    async def restart_wallet(self) -> None:
        """The on-chain wallet closed and opened again (its ledger read from SQLite)."""
        svc = self.svc
        await svc.close()
        svc.wallet.close()
        wallet = open_wallet(self.tmp_path / "w", "pw", network=REGTEST)
        self.svc = offline_service(wallet, self.server)

    def kept(self, order_id: str = "0b0b", client=None) -> tuple[str, bytes] | None:
        return BoughtOrderStore((client or self.client).store.db).onchain_payment(order_id)


@pytest.fixture
async def world(tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    chain, seeds, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    create_wallet(tmp_path / "w", REGTEST, generate_mnemonic(12), "", "pw")
    wallet = open_wallet(tmp_path / "w", "pw", network=REGTEST)
    monkeypatch.setattr(ChainNode, "tip_height", property(lambda c: 100))
    server = Server()
    w = World(tmp_path, chain, seeds, client, lsp, offline_service(wallet, server), server)
    yield w
    await stop_all(w.client, lsp)
    await w.svc.close()
    w.svc.wallet.close()


def offline_service(wallet, server: Server) -> NodeService:
    """A NodeService not started: synced by fiat, its server the double, reserve 0."""
    svc = NodeService(wallet, NodeConfig(server="127.0.0.1:9:t"))
    svc.chain.client = server
    svc.chain.synced.set()
    svc.reserve = 0
    svc.ln.onchain_reserve_sat = lambda: svc.reserve
    return svc


def _paid_to(raw: bytes) -> list[tuple[bytes, int]]:
    tx = CTransaction.deserialize(raw)
    return [(bytes(o.scriptPubKey), o.nValue) for o in tx.vout]


async def test_pay_onchain_sends_exactly_the_total_to_the_address_once(world):
    w = world
    w.fund(100_000)
    lsp = ScriptedLsp(w.lsp, w.refund)
    buy = w.purchase()
    made = await buy.buy(amount_sat=AMOUNT)
    assert made["pay_with"] == ["lightning", "onchain"]
    assert made["onchain"] | {"expires_at": None} == {
        "state": "EXPECT_PAYMENT", "fee_sat": FEE, "total_sat": FEE, "address": LSP_ADDRESS,
        "confirmations": 1, "expires_at": None, "refund_address": w.refund}
    quote = await buy.pay(order_id="0b0b", onchain=True, dry_run=True, fee_rate=1)
    q = quote["onchain_quote"]
    assert q["order_total_sat"] == FEE and q["address"] == LSP_ADDRESS and q["high_fee"] is None
    assert q["network_fee_sat"] > 0 and q["total_sat"] == FEE + q["network_fee_sat"]
    assert w.server.broadcasts == [] and w.kept() is None  # priced only
    done = await buy.pay(order_id="0b0b", onchain=True, fee_rate=q["target_feerate"],
                         expected_fee_sat=q["network_fee_sat"])
    [raw] = w.server.broadcasts
    assert w.kept() == (done["paid_onchain"], raw) and txid_of(raw) == done["paid_onchain"]
    outputs = _paid_to(raw)
    assert (address_to_script(LSP_ADDRESS, REGTEST), FEE) in outputs
    ours = [o for o in outputs if o[0] != address_to_script(LSP_ADDRESS, REGTEST)]
    assert all(w.svc.chain.book.owner(s) is not None for s, _ in ours)  # change only
    assert sum(v for _, v in outputs) == 100_000 - q["network_fee_sat"]
    assert done["onchain_payment"] == {"txid": done["paid_onchain"], "confirmations": 0}
    assert done["pay_with"] == []
    json.dumps(done)
    # never twice: again, over Lightning, and after a restart of the client
    with pytest.raises(InputError, match=r"^this order is paid on-chain already \(transaction"):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    with pytest.raises(InputError, match="^this order is paid on-chain already: not paid over "
                                         "Lightning$"):
        await buy.pay(order_id="0b0b")
    await w.client.stop()  # the daemon restarts: its Lightning node and its wallet
    w.client = make_node(w.tmp_path, "client", w.chain, w.seeds["client"])
    await w.client.start(listen_port=0)
    await w.restart_wallet()
    again = w.purchase()
    with pytest.raises(InputError, match="paid on-chain already"):
        await again.pay(order_id="0b0b", onchain=True, fee_rate=1)
    with pytest.raises(InputError, match="paid on-chain already"):
        await again.pay(order_id="0b0b")
    assert len(w.server.broadcasts) == 1
    assert not [p for p in w.client.list_payments() if p["direction"] == "out"]
    assert lsp.calls.count("lsps1.get_order") == 2  # the quote and the payment


async def test_a_crash_between_keeping_and_broadcasting_sends_that_same_transaction(world):
    w = world
    w.fund(100_000)
    lsp = ScriptedLsp(w.lsp, w.refund)
    await w.purchase().buy(amount_sat=AMOUNT)
    w.server.fail = ConnectionResetError("the connection was lost")
    with pytest.raises(ConnectionResetError):
        await w.purchase().pay(order_id="0b0b", onchain=True, fee_rate=1)
    txid, raw = w.kept()
    assert w.server.broadcasts == []  # kept, never left
    await w.client.stop()  # the daemon restarts
    w.client = make_node(w.tmp_path, "client", w.chain, w.seeds["client"])
    await w.client.start(listen_port=0)
    buy = w.purchase()
    with pytest.raises(InputError, match="paying it again sends that same transaction"):
        await buy.pay(order_id="0b0b", onchain=True, dry_run=True)
    lsp.later = lsp.changed(state="PAID")  # it left after all, says the LSP: nothing more
    with pytest.raises(InputError, match="its on-chain payment PAID: not paid"):
        await buy.pay(order_id="0b0b", onchain=True)
    assert w.server.broadcasts == []
    lsp.later = None
    done = await buy.pay(order_id="0b0b", onchain=True, fee_rate=9)  # another rate: ignored
    assert w.server.broadcasts == [raw] and done["paid_onchain"] == txid
    assert done["sent_again"] is True
    with pytest.raises(InputError, match="paid on-chain already"):
        await buy.pay(order_id="0b0b", onchain=True)
    assert w.server.broadcasts == [raw]


@pytest.mark.parametrize("lie,match", [
    ("address_changed", "changed the order's on-chain payment terms or address"),
    ("total_not_fee", "on-chain total is not its fee plus the client balance"),
    ("other_network", "payment address cannot be paid"),
    ("fee_above_max", "asks 10,000 sat on-chain, above the 2,000 sat accepted"),
    ("said_paid", "its on-chain payment PAID: not paid"),
    ("lightning_held", "Lightning payment is HOLD: not paid on-chain"),
    ("total_changed", "changed the order's on-chain payment terms or address"),
])
async def test_lying_lsp_gets_nothing(world, lie, match):
    w = world
    w.fund(100_000)
    lsp = ScriptedLsp(w.lsp, w.refund)
    if lie == "address_changed":
        lsp.later = lsp.changed(address="bcrt1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")
    elif lie == "total_changed":
        lsp.later = lsp.changed(order_total_sat="1", fee_total_sat="1")
    elif lie == "total_not_fee":
        lsp.created = lsp.changed(order_total_sat=str(FEE + 1))
    elif lie == "other_network":
        lsp.created = lsp.changed(address=MAINNET_ADDRESS)
    elif lie == "fee_above_max":
        lsp.created = lsp.changed(fee_total_sat=str(5 * FEE), order_total_sat=str(5 * FEE))
    elif lie == "said_paid":
        lsp.later = lsp.changed(state="PAID")
    elif lie == "lightning_held":
        lsp.later = json.loads(json.dumps(lsp.created))
        lsp.later["payment"]["bolt11"]["state"] = "HOLD"
    buy = w.purchase()
    at_creation = lie in ("total_not_fee", "other_network", "fee_above_max")
    if at_creation:  # refused before the user sees it, not kept
        with pytest.raises(lsps1.Lsps1Error, match=match):
            await buy.buy(amount_sat=AMOUNT, max_fee_sat=FEE)
        assert w.client.lsps1.placed("0b0b") is None
    else:  # found when the order is asked again before paying
        await buy.buy(amount_sat=AMOUNT, max_fee_sat=FEE)
        with pytest.raises(InputError, match=match):
            await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert w.server.broadcasts == [] and w.kept() is None


async def test_an_order_paid_over_lightning_is_not_paid_on_chain(world):
    w = world
    w.fund(100_000)
    ScriptedLsp(w.lsp, w.refund)
    buy = w.purchase()
    made = await buy.buy(amount_sat=AMOUNT)
    payment_hash = decode_invoice(made["invoice"]).payment_hash
    log = w.client.payment_log
    log.add(payment_hash, "out", FEE * 1000, invoice=made["invoice"])  # under way
    with pytest.raises(InputError, match="^this order's Lightning payment is under way: not "
                                         "paid on-chain$"):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert (await buy.order(order_id="0b0b"))["pay_with"] == []
    log.succeed(payment_hash)
    with pytest.raises(InputError, match="^this order is paid over Lightning already: not paid "
                                         "on-chain$"):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert w.server.broadcasts == [] and w.kept() is None


async def test_not_enough_on_chain_is_one_sentence_and_nothing_kept(world):
    w = world
    w.fund(2_100)
    ScriptedLsp(w.lsp, w.refund)
    buy = w.purchase()
    await buy.buy(amount_sat=AMOUNT)
    with pytest.raises(InsufficientFunds) as short:
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert str(short.value).count(".") <= 1 and "\n" not in str(short.value)
    assert w.kept() is None and w.server.broadcasts == []
    # enough coins, but the anchor channels' reserve would be eaten
    w.fund(100_000, index=1)
    w.svc.reserve = 101_000
    with pytest.raises(ReserveShort):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert w.kept() is None and w.server.broadcasts == []
    w.svc.reserve = 0
    done = await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert w.kept()[0] == done["paid_onchain"]


async def test_fee_rate_from_estimates_high_fee_and_changed_fee(world):
    w = world
    w.fund(1_000_000)
    ScriptedLsp(w.lsp, w.refund)
    buy = w.purchase()
    await buy.buy(amount_sat=AMOUNT)
    estimated = (await buy.pay(order_id="0b0b", onchain=True, dry_run=True))["onchain_quote"]
    assert estimated["target_feerate"] == 2.0  # the servers' estimate
    high = (await buy.pay(order_id="0b0b", onchain=True, dry_run=True,
                          fee_rate=150))["onchain_quote"]
    assert high["high_fee"] is not None
    with pytest.raises(HighFeeNotConfirmed, match="^Not sent: "):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=150)
    with pytest.raises(FeeChanged):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=150, confirm_high_fee=True,
                      expected_fee_sat=high["network_fee_sat"] - 1)
    with pytest.raises(InputError, match="fee rate must be between"):
        await buy.pay(order_id="0b0b", onchain=True, fee_rate=0)
    assert w.server.broadcasts == [] and w.kept() is None
    await buy.pay(order_id="0b0b", onchain=True, fee_rate=150, confirm_high_fee=True,
                  expected_fee_sat=high["network_fee_sat"])
    assert len(w.server.broadcasts) == 1


async def test_an_order_offered_on_chain_only(world):
    w = world
    w.fund(100_000)
    lsp = ScriptedLsp(w.lsp, w.refund, bolt11=False)
    store = BoughtOrderStore(w.client.store.db)
    stale = lsps1.parse_order(lsp.changed(expires_at="2020-01-01T00:00:00.000Z")
                              | {"order_id": "stale"})
    store.add(w.lsp.node_id, stale, w.refund, None)  # never paid, expired long ago
    buy = w.purchase()
    made = await buy.buy(amount_sat=AMOUNT)
    assert store.get("stale") is None and store.get("0b0b") is not None  # forgotten
    assert made["pay_with"] == ["onchain"] and made["fee_sat"] is None
    assert made["onchain"]["total_sat"] == FEE
    with pytest.raises(InputError, match="on-chain only"):
        await buy.pay(order_id="0b0b")
    with pytest.raises(InputError, match="dry_run needs onchain"):
        await buy.pay(order_id="0b0b", dry_run=True)
    with pytest.raises(InputError, match="true or false"):
        await buy.pay(order_id="0b0b", onchain="yes")
    done = await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    assert len(w.server.broadcasts) == 1 and done["paid_onchain"]


async def test_the_order_followed_refunded_and_completed(world, monkeypatch):
    w = world
    w.fund(100_000)
    monkeypatch.setattr(lsps1_service, "DELIVERY_WAIT", 0.3)
    lsp = ScriptedLsp(w.lsp, w.refund)
    buy = w.purchase()
    await buy.buy(amount_sat=AMOUNT)
    done = await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    lsp.later = lsp.changed(state="PAID")  # confirmed, the channel not opened yet
    seen = await buy.order(order_id="0b0b")
    assert seen["state"] == "CREATED" and seen["onchain"]["state"] == "PAID"
    assert seen["onchain_payment"] == {"txid": done["paid_onchain"], "confirmations": 0}
    completed = lsp.changed(state="PAID")
    completed |= {"order_state": "COMPLETED", "channel": {
        "funded_at": "2026-01-01T00:00:00.000Z", "funding_outpoint": "cd" * 32 + ":0",
        "expires_at": "2027-01-01T00:00:00.000Z"}}
    lsp.later = completed
    seen = await buy.order(order_id="0b0b")
    assert seen["state"] == "COMPLETED" and seen["delivered"] is False
    assert seen["warning"] == "the LSP says it opened a channel this wallet does not have"
    # another order: the open failed, the LSP refunded to our address
    w.client.lsps1.orders.clear()
    lsp.later = None
    lsp.created = lsp.changed()
    lsp.created["order_id"] = "0c0c"
    await buy.buy(amount_sat=AMOUNT)
    await buy.pay(order_id="0c0c", onchain=True, fee_rate=1)
    refunded = lsp.changed(state="REFUNDED")
    refunded["order_id"], refunded["order_state"] = "0c0c", "FAILED"
    refunded["payment"]["bolt11"]["state"] = "CANCELLED"
    lsp.later = refunded
    seen = await buy.order(order_id="0c0c")
    assert seen["state"] == "FAILED" and seen["onchain"]["state"] == "REFUNDED"
    assert seen["onchain"]["refund_address"] == w.refund and "delivered" not in seen



async def test_an_expired_order_or_one_the_lsp_says_paid_on_chain_is_not_paid(world,
                                                                              monkeypatch):
    w = world
    w.fund(100_000)
    lsp = ScriptedLsp(w.lsp, w.refund)
    buy = w.purchase()
    await buy.buy(amount_sat=AMOUNT)

    class Later(datetime):  # the year 3000: the on-chain option (2999) has expired
        @classmethod
        def now(cls, tz=None):
            return datetime(3000, 1, 1, tzinfo=tz)
    with monkeypatch.context() as m:
        m.setattr(lsps1_service, "datetime", Later)
        with pytest.raises(lsps1.Lsps1Error, match="on-chain payment has already expired"):
            await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)

    class Close(datetime):  # 29 minutes before it expires: too late to pay on-chain
        @classmethod
        def now(cls, tz=None):
            return datetime(2998, 12, 31, 23, 31, tzinfo=tz)
    with monkeypatch.context() as m:
        m.setattr(lsps1_service, "datetime", Close)
        with pytest.raises(InputError, match="expires in less than 30 minutes"):
            await buy.pay(order_id="0b0b", onchain=True, fee_rate=1)
    lsp.later = lsp.changed(state="PAID")  # paid on-chain, says the LSP: not over Lightning
    with pytest.raises(InputError, match="^the order's on-chain payment is PAID: not paid "
                                         "over Lightning$"):
        await buy.pay(order_id="0b0b")
    assert w.server.broadcasts == [] and w.kept() is None
    assert not [p for p in w.client.list_payments() if p["direction"] == "out"]
