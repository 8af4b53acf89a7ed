"""On-chain fee bumps (RBF "speed up" and CPFP) keep the reserve anchor channels need, by
the rule a send obeys: a bump that would leave less on-chain than the reserve is refused
with one sentence, priced or not, and nothing is broadcast. The edges are exact: a bump
that leaves the reserve to the sat goes out, one sat more is refused.

A real NodeService on a real wallet, offline: its ledger is given coins, its server is a
double that records broadcasts; the reserve figure is set per case."""

from __future__ import annotations

import pytest
from bitcoin.core import CMutableTransaction, CMutableTxIn, CMutableTxOut, COutPoint, CScript

from wallet.daemon.channel_service import ReserveShort
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import FundsAChannel, NodeService
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.onchain.ledger import WalletTx
from wallet.onchain.transactions import txid as txid_of
from wallet.storage.wallet_file import create_wallet, open_wallet

THEIRS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"


class Server:
    """The Electrum client double: accepts every broadcast and remembers it."""

    def __init__(self) -> None:
        self.broadcasts: list[bytes] = []

    async def broadcast(self, raw: bytes) -> str:
        self.broadcasts.append(raw)
        return txid_of(raw)

    async def close(self) -> None:
        pass


@pytest.fixture
async def node(tmp_path, monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    create_wallet(tmp_path / "w", REGTEST, generate_mnemonic(12), "", "pw")
    wallet = open_wallet(tmp_path / "w", "pw", network=REGTEST)
    svc = NodeService(wallet, NodeConfig(server="127.0.0.1:9:t"))
    server = Server()
    svc.chain.client = server
    svc.chain.synced.set()
    monkeypatch.setattr(type(svc.chain), "tip_height", property(lambda chain: 100))
    svc.reserve = 0
    svc.ln.onchain_reserve_sat = lambda: svc.reserve
    yield svc, server
    await svc.close()
    wallet.close()


def fund(svc: NodeService, value: int, height: int = 1, index: int = 0) -> str:
    """A payment of `value` sat to our receive address `index` (height 0: unconfirmed)."""
    script = svc.wallet.keys.account.script_pubkey(0, index)
    raw = CMutableTransaction([CMutableTxIn(COutPoint(bytes([index + 1]) * 32, 0))],
                              [CMutableTxOut(value, CScript(script))]).serialize()
    svc.chain.ledger.add(WalletTx(txid_of(raw), raw, height))
    svc.chain.book.used.add((0, index))
    return txid_of(raw)


def spendable(svc: NodeService) -> int:
    return svc.chain.spender.spendable_total(svc.chain.tip_height)


async def test_rbf_that_leaves_the_reserve_exactly_goes_one_sat_more_is_refused(node):
    svc, server = node
    fund(svc, 100_000)
    sent = await svc.send(THEIRS, 50_000, feerate=1)
    quote = await svc.bumpfee(sent["txid"], 5, dry_run=True)
    extra = quote["fee_sat"] - sent["fee_sat"]
    assert extra > 0
    before = spendable(svc)
    assert svc.chain.spender.spendable_cost(
        svc.chain.spender.bump_fee(sent["txid"], 5, svc.chain.tip_height),
        svc.chain.tip_height, sent["txid"]) == extra

    svc.reserve = before - extra + 1  # one sat over: refused, priced or not
    for dry_run in (True, False):
        with pytest.raises(ReserveShort) as refused:
            await svc.bumpfee(sent["txid"], 5, dry_run=dry_run, expected_fee_sat=quote["fee_sat"])
        assert str(refused.value) == (
            f"Not sped up: the higher fee ({extra} sat more) would leave {before - extra} sat "
            f"on-chain, but your anchor channels need {before - extra + 1} sat kept there to "
            f"pay the fees of a force close: choose a lower fee rate, or add coins to the "
            f"wallet.")
    assert len(server.broadcasts) == 1 and spendable(svc) == before  # only the send

    svc.reserve = before - extra  # exactly the reserve is left: allowed
    bumped = await svc.bumpfee(sent["txid"], 5, expected_fee_sat=quote["fee_sat"])
    assert bumped["fee_sat"] == quote["fee_sat"] and len(server.broadcasts) == 2
    assert spendable(svc) == svc.reserve


async def test_rbf_that_adds_inputs_is_counted_by_its_extra_fee(node):
    """The change is too small for the higher fee: a second coin comes in; what the bump
    costs is still the extra fee, not the coin it adds."""
    svc, server = node
    fund(svc, 60_000, index=0)
    fund(svc, 30_000, index=1)
    sent = await svc.send(THEIRS, 59_500, feerate=1)
    before = spendable(svc)
    svc.reserve = 1
    quote = await svc.bumpfee(sent["txid"], 40, dry_run=True)
    extra = quote["fee_sat"] - sent["fee_sat"]
    svc.reserve = before - extra + 1
    with pytest.raises(ReserveShort):
        await svc.bumpfee(sent["txid"], 40)
    svc.reserve = before - extra
    await svc.bumpfee(sent["txid"], 40)
    assert spendable(svc) == before - extra and len(server.broadcasts) == 2


async def test_cpfp_of_our_change_obeys_the_reserve(node):
    svc, server = node
    fund(svc, 100_000)
    sent = await svc.send(THEIRS, 50_000, feerate=1)
    child = await svc.cpfp(sent["txid"], 20, dry_run=True)
    before = spendable(svc)
    svc.reserve = before - child["fee_sat"] + 1
    for dry_run in (True, False):
        with pytest.raises(ReserveShort, match=rf"\({child['fee_sat']} sat more\)"):
            await svc.cpfp(sent["txid"], 20, dry_run=dry_run)
    assert len(server.broadcasts) == 1
    svc.reserve = before - child["fee_sat"]
    await svc.cpfp(sent["txid"], 20)
    assert len(server.broadcasts) == 2 and spendable(svc) == svc.reserve


async def test_cpfp_of_an_incoming_payment_takes_nothing_from_the_reserve(node):
    """Speeding up money arriving spends a coin no send could spend yet: allowed even when
    the reserve is already short (it only brings coins in)."""
    svc, server = node
    fund(svc, 10_000)
    incoming = fund(svc, 50_000, height=0, index=1)
    svc.reserve = 20_000  # short: 10,000 sat spendable
    with pytest.raises(ReserveShort):
        await svc.send(THEIRS, 1_000, feerate=1)
    await svc.cpfp(incoming, 20)
    assert len(server.broadcasts) == 1


async def test_no_anchor_channel_no_reserve_check(node):
    svc, server = node
    fund(svc, 30_000)
    sent = await svc.send(THEIRS, 29_000, feerate=1)
    await svc.bumpfee(sent["txid"], 3)  # the change pays; no reserve to keep
    assert len(server.broadcasts) == 2


async def test_a_channel_funding_is_never_replaced_but_can_be_cpfped(node, monkeypatch):
    """RBF gives a new txid: the channel it funds would wait for an outpoint that never
    confirms. Refused with one sentence, priced or not, nothing broadcast; CPFP goes."""
    svc, server = node
    fund(svc, 200_000)
    sent = await svc.send(THEIRS, 50_000, feerate=1)
    rows = [{"key_index": 0, "phase": "opening", "funding_outpoint": f"{sent['txid']}:0"}]
    monkeypatch.setattr(svc.ln.node, "list_channels", lambda: rows)
    broadcasts = len(server.broadcasts)
    for dry_run in (True, False):
        with pytest.raises(FundsAChannel, match="opens a Lightning channel"):
            await svc.bumpfee(sent["txid"], 5, dry_run=dry_run)
    assert len(server.broadcasts) == broadcasts
    child = await svc.cpfp(sent["txid"], 5)
    assert child["txid"] != sent["txid"] and len(server.broadcasts) == broadcasts + 1
    # another transaction of ours is replaced as before
    rows[0]["funding_outpoint"] = "00" * 32 + ":0"
    assert (await svc.bumpfee(sent["txid"], 8, dry_run=True))["broadcast"] is False


async def test_a_bumped_lsps1_order_payment_is_followed_by_its_replacement(node):
    """`kite bumpfee` on our on-chain payment of an LSPS1 order: the replacement pays the
    order the same, and is kept in its place before it is broadcast, so the order follows
    the transaction that will confirm (and a crash sends that one again, never the old)."""
    from wallet.ln.store.bought_order_store import BoughtOrderStore
    svc, server = node
    fund(svc, 100_000)
    sent = await svc.send(THEIRS, 20_000, feerate=1)
    [raw] = server.broadcasts
    store = BoughtOrderStore(svc.wallet.db)
    assert svc.ln.node.lsps1.store is not None
    with svc.wallet.db.transaction():
        svc.wallet.db.execute(
            "INSERT INTO lsps1_bought (order_id, lsp_id, record, created_at, expires_at) "
            "VALUES ('o1', ?, '{}', 0, 0)", (b"\x02" * 33,))
    assert store.pay_onchain("o1", sent["txid"], raw)
    bumped = await svc.bumpfee(sent["txid"], 5)
    assert bumped["txid"] != sent["txid"]
    assert store.onchain_payment("o1") == (bumped["txid"], server.broadcasts[-1])
    # a bump of a transaction that pays no order changes nothing kept
    other = await svc.send(THEIRS, 10_000, feerate=1)
    await svc.bumpfee(other["txid"], 5)
    assert store.onchain_payment("o1") == (bumped["txid"], server.broadcasts[-3])
