"""On-chain wallet end to end on the devnet (bcoin + ElectrumX): receive, send, send-max,
RBF, CPFP, restore from seed. Balances are checked to the satoshi."""

from __future__ import annotations

import asyncio

import pytest

from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.onchain.transactions import parse_transaction

pytestmark = pytest.mark.slow


@pytest.fixture
def devnet(shared_devnet):
    return shared_devnet


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")




async def test_receive_send_rbf_cpfp_sendmax_and_restore(devnet, tmp_path):
    mnemonic = generate_mnemonic()
    async with WalletUnderTest(devnet, tmp_path / "w", mnemonic) as w:
        addr = (await w.svc.address())["address"]
        await asyncio.to_thread(devnet.fund, addr, 1_000_000)
        await w.balance_is(0, 1_000_000)
        await w.mine()
        await w.balance_is(1_000_000)
        assert (await w.svc.address())["address"] != addr  # a used address is not handed out again

        # send with change, to the devnet's own address
        sent = await w.svc.send(devnet.miner_address, 200_000, 2)
        assert sent["fee_sat"] >= 2 * sent["vsize"]
        await w.balance_is(0, 1_000_000 - 200_000 - sent["fee_sat"])
        await w.mine()
        after_send = 1_000_000 - 200_000 - sent["fee_sat"]
        await w.balance_is(after_send)

        # RBF: the replacement takes the original's place, the recipient is paid once
        low = await w.svc.send(devnet.miner_address, 100_000, 1)
        bumped = await w.svc.bumpfee(low["txid"], 8)
        assert bumped["fee_sat"] > low["fee_sat"] and bumped["feerate"] >= 8
        await w.mine()
        after_bump = after_send - 100_000 - bumped["fee_sat"]
        await w.balance_is(after_bump)
        history = {h["txid"]: h for h in await w.svc.history()}
        assert bumped["txid"] in history and low["txid"] not in history

        # CPFP on an incoming payment left unconfirmed by a low-fee parent
        addr2 = (await w.svc.address())["address"]
        parent = await asyncio.to_thread(devnet.fund, addr2, 300_000)
        await w.balance_is(after_bump, 300_000)
        child = await w.svc.cpfp(parent, 20)
        await w.balance_is(after_bump, 300_000 - child["fee_sat"])
        await w.mine()
        total = after_bump + 300_000 - child["fee_sat"]
        await w.balance_is(total)

        # send-max empties the wallet into one output
        allout = await w.svc.send(devnet.miner_address, "max", 3)
        assert allout["amount_sat"] + allout["fee_sat"] == total
        raw = await asyncio.to_thread(devnet.rpc, "getrawtransaction", allout["txid"], 0)
        assert len(parse_transaction(bytes.fromhex(raw)).vout) == 1
        await w.mine()
        await w.balance_is(0)
        used_history = await w.svc.history()

    # restore the same seed into a fresh folder: same history, same (empty) balance
    async with WalletUnderTest(devnet, tmp_path / "restored", mnemonic) as r:
        await r.balance_is(0)
        restored = await r.svc.history()
        assert {h["txid"] for h in restored} == {h["txid"] for h in used_history}
        assert sorted(h["delta_sat"] for h in restored) == sorted(h["delta_sat"] for h in used_history)


async def test_restore_finds_funds_beyond_first_addresses(devnet, tmp_path):
    mnemonic = generate_mnemonic()
    from wallet.keys.wallet_keys import WalletKeys

    keys = WalletKeys.from_mnemonic(mnemonic, "", REGTEST)
    # pay addresses 0, 15 and 30 (a later one only reachable by extending the gap)
    for i, amount in ((0, 10_000), (15, 20_000), (30, 40_000)):
        await asyncio.to_thread(devnet.fund, keys.account.address(0, i), amount)
    await asyncio.to_thread(devnet.mine, 1)
    async with WalletUnderTest(devnet, tmp_path / "r", mnemonic) as r:
        await r.balance_is(70_000)
