"""Two Kite nodes on the devnet (bcoin + ElectrumX), in-process NodeServices: A is funded
on-chain, opens a channel to B (listening on loopback), the funding output is proven
through Electrum, 20 payments A->B and 10 B->A (several in flight at once), cooperative
close, and both on-chain balances are exact to the satoshi after the fees."""

from __future__ import annotations

import asyncio

import pytest
from bitcoin.core import CTransaction

from tests.support.cli import until
from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.channel import states as st

pytestmark = pytest.mark.slow

FUNDING = 300_000
A_TO_B = 10_000  # sat, 20 times
B_TO_A = 5_000  # sat, 10 times


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")




async def test_open_pay_both_ways_and_close_on_the_devnet(shared_devnet, tmp_path, monkeypatch):
    devnet = shared_devnet
    a_wallet = WalletUnderTest(devnet, tmp_path / "a", generate_mnemonic())
    b_wallet = WalletUnderTest(devnet, tmp_path / "b", generate_mnemonic(),
                               ln_listen="127.0.0.1:0")
    async with a_wallet as a, b_wallet as b:
        for w in (a, b):
            w.svc.ln.node.poll_interval = 0.2
        info_b = await b.svc.handlers["lninfo"]()
        assert info_b["listen_port"]
        addr = (await a.svc.address())["address"]
        await asyncio.to_thread(devnet.fund, addr, 1_000_000)
        await a.mine()
        await a.balance_is(1_000_000)

        opened = await a.svc.handlers["channel_open"](
            peer=f"{info_b['node_id']}@127.0.0.1:{info_b['listen_port']}", amount_sat=FUNDING)
        funding_txid = opened["funding_outpoint"].split(":")[0]
        history = {h["txid"]: h for h in await a.svc.history()}
        funding_fee = history[funding_txid]["fee_sat"]
        assert funding_fee > 0
        await a.balance_is(0, 1_000_000 - FUNDING - funding_fee)
        await a.mine(3)
        ma, mb = a.svc.ln.node, b.svc.ln.node
        cha = ma.find(opened["key_index"])
        [chb] = mb.channels.values()
        await ma.wait_normal(cha, 60)
        await mb.wait_normal(chb, 60)
        # the short channel id is the funding transaction's real place in the chain
        block = await asyncio.to_thread(devnet.rpc, "getblockbyheight",
                                        cha.state.short_channel_id.block, True, False)
        assert block["tx"][cha.state.short_channel_id.tx] == funding_txid

        # 20 payments A -> B, five at a time, then 10 B -> A, all at once
        for start in range(0, 20, 5):
            invoices = [(await b.svc.handlers["invoice"](
                amount_sat=A_TO_B, description=f"a->b {i}"))["invoice"]
                for i in range(start, start + 5)]
            await asyncio.gather(*(a.svc.handlers["pay"](invoice=inv) for inv in invoices))
        back = [(await a.svc.handlers["invoice"](amount_sat=B_TO_A, description="b->a"))
                ["invoice"] for _ in range(10)]
        await asyncio.gather(*(b.svc.handlers["pay"](invoice=inv) for inv in back))
        b_share = 20 * A_TO_B - 10 * B_TO_A
        await until(lambda: not cha.state.commitments.has_pending_changes
                    and not chb.state.commitments.has_pending_changes, "settlement")
        assert chb.state.commitments.local_commit.view.to_local_msat == b_share * 1000
        listed = {c["key_index"]: c for c in await a.svc.handlers["channel_list"]()}
        assert listed[cha.key_index]["remote_msat"] == b_share * 1000

        # cooperative close
        await a.svc.handlers["channel_close"](channel=str(cha.key_index))
        await until(lambda: isinstance(cha.inner, st.Closing)
                    and isinstance(chb.inner, st.Closing), "mutual close")
        closing = CTransaction.deserialize(cha.inner.published[-1])
        close_fee = FUNDING - sum(o.nValue for o in closing.vout)
        assert 0 < close_fee < 5_000
        await a.mine()
        await b.balance_is(b_share)
        await a.balance_is(1_000_000 - funding_fee - FUNDING + (FUNDING - b_share - close_fee))
        # the spend of the funding output was seen and proven through the chain watch
        await until(lambda: cha.spent_fed and chb.spent_fed, "funding spend seen", 30)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_both_roles_restart_and_close_on_the_devnet(shared_devnet, tmp_path, monkeypatch):
    """A opens a channel to B and B one to A; B restarts from its database between the two
    payment streams (both sides reconnect at once); each side closes the channel it opened;
    on-chain balances exact to the satoshi."""
    devnet = shared_devnet
    mnemonic_b = generate_mnemonic()
    port_a, port_b = _free_port(), _free_port()
    async with WalletUnderTest(devnet, tmp_path / "a", generate_mnemonic(),
                               ln_listen=f"127.0.0.1:{port_a}") as a:
        b = WalletUnderTest(devnet, tmp_path / "b", mnemonic_b, ln_listen=f"127.0.0.1:{port_b}")
        await b.__aenter__()
        try:
            ma, mb = a.svc.ln.node, b.svc.ln.node
            for m in (ma, mb):
                m.poll_interval = 0.2
            node_a = (await a.svc.handlers["lninfo"]())["node_id"]
            node_b = (await b.svc.handlers["lninfo"]())["node_id"]
            for w, amount in ((a, 1_000_000), (b, 500_000)):
                addr = (await w.svc.address())["address"]
                await asyncio.to_thread(devnet.fund, addr, amount)
            await a.mine()
            await a.balance_is(1_000_000)
            await b.balance_is(500_000)
            one = await a.svc.handlers["channel_open"](peer=f"{node_b}@127.0.0.1:{port_b}",
                                                       amount_sat=300_000)
            two = await b.svc.handlers["channel_open"](peer=f"{node_a}@127.0.0.1:{port_a}",
                                                       amount_sat=200_000)
            fees = {}
            for name, w, opened in (("a", a, one), ("b", b, two)):
                txid = opened["funding_outpoint"].split(":")[0]
                fees[name] = {h["txid"]: h for h in await w.svc.history()}[txid]["fee_sat"]
            await a.mine(3)
            for m in (ma, mb):
                for ch in m.channels.values():
                    await m.wait_normal(ch, 60)

            for _ in range(2):
                invoices = [(await b.svc.handlers["invoice"](amount_sat=10_000))["invoice"]
                            for _ in range(5)]
                await asyncio.gather(*(a.svc.handlers["pay"](invoice=i) for i in invoices))

            # B restarts from SQLite: both nodes reconnect (each knows the other's address)
            await b.__aexit__(None, None, None)
            b = WalletUnderTest(devnet, tmp_path / "b", mnemonic_b,
                                ln_listen=f"127.0.0.1:{port_b}")
            await b.__aenter__()
            mb = b.svc.ln.node
            mb.poll_interval = 0.2
            assert len(mb.channels) == 2
            for m in (ma, mb):
                for ch in m.channels.values():
                    await m.wait_normal(ch, 60)
            for _ in range(2):
                invoices = [(await a.svc.handlers["invoice"](amount_sat=5_000))["invoice"]
                            for _ in range(5)]
                await asyncio.gather(*(b.svc.handlers["pay"](invoice=i) for i in invoices))

            # each side closes the channel it opened
            close_fees = {}
            for name, w, m, opened in (("a", a, ma, one), ("b", b, mb, two)):
                ch = m.find(opened["channel_id"])
                await until(lambda ch=ch: not ch.state.commitments.has_pending_changes,
                            "settled")
                await w.svc.handlers["channel_close"](channel=opened["channel_id"])
                await until(lambda ch=ch: isinstance(ch.inner, st.Closing), "closing")
                tx = CTransaction.deserialize(ch.inner.published[-1])
                close_fees[name] = opened["capacity_sat"] - sum(o.nValue for o in tx.vout)
            await a.mine()
            # each side holds 250 000 sat in channels: its funding, + received - sent
            await a.balance_is(1_000_000 - 300_000 - fees["a"] + 250_000 - close_fees["a"])
            await b.balance_is(500_000 - 200_000 - fees["b"] + 250_000 - close_fees["b"])
        finally:
            await b.__aexit__(None, None, None)
