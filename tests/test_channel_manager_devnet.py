"""Two Kite nodes on the devnet (bcoin + ElectrumX), in-process NodeServices: A is funded
on-chain, opens a channel to B (listening on loopback), the funding output is proven
through Electrum, 20 payments A->B and 10 B->A (several in flight at once), cooperative
close, and both on-chain balances are exact to the satoshi after the fees."""

from __future__ import annotations

import asyncio
import time

import pytest
from bitcoin.core import CTransaction

from tests.test_onchain_devnet import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.channel import states as st

pytestmark = pytest.mark.slow

FUNDING = 300_000
A_TO_B = 10_000  # sat, 20 times
B_TO_A = 5_000  # sat, 10 times


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def until(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def test_open_pay_both_ways_and_close_on_the_devnet(shared_devnet, tmp_path, monkeypatch):
    devnet = shared_devnet
    async with WalletUnderTest(devnet, tmp_path / "a", generate_mnemonic()) as a:
        monkeypatch.setenv("KITE_LN_LISTEN", "127.0.0.1:0")
        async with WalletUnderTest(devnet, tmp_path / "b", generate_mnemonic()) as b:
            for w in (a, b):
                w.svc.ln.manager.poll_interval = 0.2
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
            ma, mb = a.svc.ln.manager, b.svc.ln.manager
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
