"""The facade's Lightning calls over a real (offline) node: invoices, the payment log in the
history, channels, the Lightning balance, bad input; and the pure helpers behind them."""

from __future__ import annotations

import pytest

from tests.support.channel_pair import Pair
from wallet.api import WalletApi, lightning_balance, payment_row
from wallet.daemon.wallet_view import WalletView
from wallet.errors import InputError, KiteError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.htlc.payment_plan import receivable_msat, sendable_msat
from wallet.ln.shell import default_peers
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.networks import MAINNET, REGTEST

PASSWORD = "pw"


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # no devnet state file
    a = WalletApi(tmp_path / "wallet", REGTEST)
    a.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
    a.open(PASSWORD).result(timeout=60)
    yield a
    a.shutdown()


def test_invoices_the_payment_log_and_history(api):
    text = api.create_invoice(1_500, "Pizza").result(timeout=30)
    invoice = decode_invoice(text)
    assert (invoice.amount_msat, invoice.description) == (1_500_000, "Pizza")
    assert invoice.payee.hex() == api.node_id
    open_amount = decode_invoice(api.create_invoice(None, "Tip").result(timeout=30))
    assert open_amount.amount_msat is None

    payments = api.payments().result(timeout=30)
    assert [p["description"] for p in payments] == ["Tip", "Pizza"]  # newest first
    assert {(p["direction"], p["status"], p["kind"]) for p in payments} == {
        ("in", "pending", "lightning")}
    assert payments[1]["payment_hash"] == invoice.payment_hash.hex()
    assert payments[1]["delta_sat"] == 1_500
    # unpaid invoices we issued are not payments yet
    assert api.history().result(timeout=30) == []
    assert api.channels().result(timeout=30) == []
    b = api.balance().result(timeout=30)
    assert (b["lightning"], b["lightning_pending"]) == (0, 0)


def test_bad_lightning_input_is_refused(api):
    with pytest.raises(InputError):
        api.create_invoice(0, "").result(timeout=30)
    with pytest.raises(InputError):
        api.open_channel("not a peer", 100_000).result(timeout=30)
    with pytest.raises(KiteError):
        api.pay_invoice("lnbcrt1garbage").result(timeout=30)
    own = api.create_invoice(1_000, "").result(timeout=30)
    with pytest.raises(KiteError):
        api.pay_invoice(own).result(timeout=30)


def test_default_trampoline(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    first = default_peers.shipped_trampolines(MAINNET)[0]
    assert default_peers.default_trampoline(MAINNET) == (
        f"{first['node_id']}@{first['host']}:{first['port']}")
    assert default_peers.default_trampoline(REGTEST) == ""  # no devnet running
    chosen = "02" + "aa" * 32 + "@127.0.0.1:9735"
    api = WalletApi(tmp_path / "w", REGTEST, trampoline=chosen)
    try:
        assert api.default_trampoline() == chosen
    finally:
        api.shutdown()


def test_lightning_balance_counts_usable_and_opening_channels():
    rows = [
        {"state": "Normal", "phase": "active", "local_msat": 600_000_999},
        {"state": "Offline/Normal", "phase": "active", "local_msat": 100_000_000},
        {"state": "WaitForFundingConfirmed", "phase": "opening", "local_msat": 200_000_000},
        {"state": "Closing", "phase": "closing", "local_msat": 50_000_000},
        {"state": "Closed", "phase": "closed", "local_msat": 0},
    ]
    assert lightning_balance(rows) == {
        "lightning": 700_000, "lightning_reserve": 0, "lightning_receivable": 0,
        "lightning_pending": 200_000, "lightning_closing": 50_000}


def test_lightning_balance_is_what_can_be_spent_and_closing_funds_count_once():
    rows = [
        {"state": "Normal", "phase": "active", "local_msat": 798_696_000, "sendable_msat": 788_156_500,
         "receivable_msat": 90_000_000, "funding_outpoint": "aa:0"},
        {"state": "Normal", "phase": "active", "local_msat": 1_000_000, "sendable_msat": 0,
         "receivable_msat": 150_000_000, "funding_outpoint": "bb:0"},
        {"state": "Closing", "phase": "closing", "local_msat": 50_000_000, "funding_outpoint": "cc:1"},
        {"state": "Negotiating", "phase": "shutting_down", "local_msat": 20_000_000, "funding_outpoint": "dd:0"},
    ]
    b = lightning_balance(rows, funding_spent=frozenset({"cc:1"}))  # cc's close is on-chain
    assert b["lightning"] == 788_156 and b["lightning_reserve"] == 10_540 + 1_000
    assert b["lightning_receivable"] == 150_000  # the most one channel can take
    assert b["lightning_closing"] == 20_000


@pytest.mark.parametrize("push", [0, 300_000_000, 900_000_000])
def test_receivable_is_what_the_peer_can_send_us(push):
    for channel_type in ChannelType:
        pair = Pair(channel_type, push_msat=push)
        pair.open()
        policy = ChannelPolicy()
        assert receivable_msat(pair.a.c) == sendable_msat(pair.b.c, policy)
        assert receivable_msat(pair.b.c) == sendable_msat(pair.a.c, policy)


def test_payment_row_signs_amounts_and_rounds_fees_up():
    out = payment_row({"payment_hash": "aa" * 32, "direction": "out", "status": "paid",
                       "amount_msat": 2_100_000, "fee_msat": 1_001, "preimage": "bb" * 32,
                       "created_at": 10, "updated_at": 12, "completed_at": 12})
    assert (out["delta_sat"], out["fee_sat"], out["timestamp"]) == (-2_100, 2, 12)
    assert out["fee_msat"] == 1_001  # exact, for the screen
    incoming = payment_row({"payment_hash": "cc" * 32, "direction": "in", "status": "paid",
                            "amount_msat": 3_000_000, "fee_msat": None, "created_at": 5})
    assert (incoming["delta_sat"], incoming["fee_sat"], incoming["timestamp"]) == (3_000, None, 5)


def test_a_close_is_labelled_and_its_funds_counted_once(tmp_path):
    """A cooperative close's transaction (it spends the funding outpoint) is "Channel
    closed" in the history, and its channel's side no longer counts as closing once a
    wallet transaction holds it."""
    import asyncio
    from types import SimpleNamespace

    from bitcoin.core import CMutableTransaction, COutPoint, CTxIn, CTxOut, lx

    from wallet.daemon.ln_balance import FundingSpends
    from wallet.daemon.service import NodeService
    from wallet.onchain.ledger import WalletTx

    funding_txid = "ab" * 32
    tx = CMutableTransaction([CTxIn(COutPoint(lx(funding_txid), 1))],
                             [CTxOut(789_000, bytes.fromhex("0014" + "11" * 20))])
    close = WalletTx(tx.GetTxid()[::-1].hex(), tx.serialize(), 0)
    other = WalletTx("cd" * 32, CMutableTransaction(
        [CTxIn(COutPoint(lx("ef" * 32), 0))], [CTxOut(5_000, b"\x00\x14" + b"\x22" * 20)]
    ).serialize(), 0)
    rows = [{"key_index": 0, "state": "Closing", "phase": "closing", "local_msat": 790_000_000,
             "funding_outpoint": f"{funding_txid}:1"},
            {"key_index": 1, "state": "Offline/Negotiating", "phase": "shutting_down",
             "local_msat": 20_000_000,
             "funding_outpoint": "99" * 32 + ":0"}]

    async def history(wait=0):
        return [{"txid": t.txid, "height": 0, "confirmations": 0, "delta_sat": 1,
                 "fee_sat": None, "timestamp": None} for t in (close, other)]

    node = SimpleNamespace(list_channels=lambda: rows, list_payments=lambda: [], channels={})
    service = SimpleNamespace(
        ln=SimpleNamespace(node=node), history=history,
        labels=SimpleNamespace(add_payments=lambda rows: rows),
        chain=SimpleNamespace(ledger=SimpleNamespace(transactions=lambda: [close, other])),
        funding_spends=FundingSpends())
    # the service's own computation, over the stand-in's parts
    service.lightning_balance = lambda: NodeService.lightning_balance(service)
    view = WalletView(service)
    labels = {r["txid"]: r["label"] for r in asyncio.run(view.wallet_history())}
    assert labels == {close.txid: "Channel closed", other.txid: ""}
    balance = view._lightning()  # pure over the stand-in service
    assert balance["lightning_closing"] == 20_000  # 790 000 are on-chain already


def test_receive_invoice_says_when_it_cannot_be_received(api):
    """No channel and no LSP (no devnet state here): the invoice comes with its warning;
    without the LSP option it is refused."""
    reply = api.receive_invoice(2_000, "Soup").result(timeout=30)
    assert decode_invoice(reply["invoice"]).amount_msat == 2_000_000
    assert "cannot be paid" in reply["warning"] and "jit_channel" not in reply
    with pytest.raises(InputError, match="cannot be received"):
        api.receive_invoice(2_000, "Soup", use_lsp=False).result(timeout=30)
    with pytest.raises(InputError, match="positive"):
        api.receive_invoice(-5).result(timeout=30)


def test_receive_quote_without_channels_or_lsp(api):
    quote = api.receive_quote(2_000).result(timeout=30)
    assert quote["receivable_msat"] == 0 and "no LSP" in quote["warning"]
    assert api.payments().result(timeout=30) == []  # nothing made


def test_the_lsp_set_before_opening_is_the_nodes_lsp(tmp_path, monkeypatch):
    """The window's LSP setting reaches the node (NodeConfig.lsp_peer) when it opens;
    None is the network's trampoline (automatic)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    lsp = "02" + "ee" * 32
    a = WalletApi(tmp_path / "wallet", REGTEST)
    try:
        a.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
        a.lsp_peer = f"{lsp}@127.0.0.1:9999"
        a.open(PASSWORD).result(timeout=60)
        assert a._service.ln.lsp.peer == (bytes.fromhex(lsp), "127.0.0.1", 9999)
    finally:
        a.shutdown()
    b = WalletApi(tmp_path / "wallet", REGTEST)
    try:
        b.open(PASSWORD).result(timeout=60)  # automatic: regtest with no devnet has none
        assert default_peers.default_trampoline(REGTEST) == ""
        assert b._service.ln.lsp.peer is None
    finally:
        b.shutdown()


def test_the_lsp_setting_none_leaves_the_node_without_an_lsp(tmp_path, monkeypatch):
    """Settings' "None" (`lsp_peer` "none", as `--lsp-peer none`): no LSP, even where
    automatic would be the trampoline's node; Receive's quote then says why."""
    from wallet.daemon import channel_service

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    lsp = "02" + "ee" * 32
    monkeypatch.setattr(channel_service, "default_trampoline",
                        lambda _network: f"{lsp}@127.0.0.1:9999")
    a = WalletApi(tmp_path / "wallet", REGTEST)
    try:
        a.create(WalletApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
        a.open(PASSWORD).result(timeout=60)  # automatic: the (patched) trampoline
        assert a._service.ln.lsp.peer == (bytes.fromhex(lsp), "127.0.0.1", 9999)
    finally:
        a.shutdown()
    b = WalletApi(tmp_path / "wallet", REGTEST)
    try:
        b.lsp_peer = "none"
        b.open(PASSWORD).result(timeout=60)
        assert b._service.ln.lsp.peer is None
        quote = b.receive_quote(2_000).result(timeout=30)
        assert "jit_channel" not in quote and "no LSP" in quote["warning"]
    finally:
        b.shutdown()
