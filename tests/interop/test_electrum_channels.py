"""Channels between Kite and Electrum 4.3.4, an independent implementation, on the devnet:
Electrum opens to Kite and Kite opens to Electrum, payments both ways (Electrum's `lnpay`
of Kite's invoices, Kite paying Electrum's `add_request` invoices), cooperative closes
initiated by either side, and force closes each way. On-chain balances are checked on both
sides from the closing transactions.

Needs the devnet (scripts/setup_devnet.sh) and Electrum (scripts/setup_electrum.sh).
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import time

import pytest
from bitcoin.core import CTransaction

from tests.interop.electrum_node import (
    WANTED_VERSION,
    ElectrumNode,
    electrum_version,
)
from tests.test_onchain_devnet import WalletUnderTest
from wallet.devnet.processes import free_port
from wallet.devnet.stack import DevnetError, check_installed
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.channel import states as st
from wallet.ln.invoice import decode_invoice

try:
    check_installed()
    _devnet_missing = None
except DevnetError as e:
    _devnet_missing = str(e)
_version = electrum_version()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_devnet_missing is not None, reason=f"devnet: {_devnet_missing}"),
    pytest.mark.skipif(_version != WANTED_VERSION,
                       reason=f"Electrum {WANTED_VERSION} not installed (found {_version}); "
                              "run scripts/setup_electrum.sh"),
]

ELECTRUM_FUNDS = 2_000_000
KITE_FUNDS = 1_000_000
CAPACITY = 400_000


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


async def until(check, what: str, timeout: float = 60.0, interval: float = 0.2):
    """Wait until `check()` (sync or async) is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(interval)


class Pair:
    """A Kite wallet (in-process node, listening) and the Electrum daemon, on one devnet."""

    def __init__(self, devnet, kite: WalletUnderTest, electrum: ElectrumNode, port: int,
                 folder) -> None:
        self.devnet, self.kite, self.electrum, self.port = devnet, kite, electrum, port
        self.folder = folder
        self.manager = kite.svc.ln.manager

    async def kite_started(self) -> None:
        self.manager = self.kite.svc.ln.manager
        self.manager.poll_interval = 0.2
        assert (await self.kite.svc.handlers["lninfo"]())["listen_port"] == self.port

    async def restart_kite(self) -> None:
        """Kite stops and starts again from its wallet file (channels from SQLite)."""
        await self.kite.__aexit__(None, None, None)
        self.kite = WalletUnderTest(self.devnet, self.folder, "")
        await self.kite.__aenter__()
        await self.kite_started()

    async def e(self, method: str, *args, **kwargs):
        """An Electrum call off the event loop (Kite must keep answering meanwhile)."""
        return await asyncio.to_thread(getattr(self.electrum, method), *args, **kwargs)

    async def mine(self, n: int = 1) -> None:
        await self.kite.mine(n)
        height = await asyncio.to_thread(self.devnet.height)
        await self.e("wait_synced", height, 120)

    def electrum_channel(self, channel_point: str) -> dict | None:
        return next((c for c in self.electrum.list_channels()
                     if c["channel_point"] == channel_point), None)

    async def electrum_state(self, channel_point: str, state: str, timeout: float = 60) -> dict:
        async def check():
            c = await asyncio.to_thread(self.electrum_channel, channel_point)
            return c if c is not None and c["state"] == state else None
        try:
            return await until(check, f"Electrum's channel {state}", timeout, 0.5)
        except AssertionError:
            c = await asyncio.to_thread(self.electrum_channel, channel_point)
            raise AssertionError(f"Electrum's channel is {c and c['state']}, not {state}\n"
                                 f"{self.electrum.log_tail(60)}") from None

    async def electrum_confirmed(self, sat: int) -> None:
        async def check():
            b = await self.e("balance")
            return b.get("confirmed") == sat and not b.get("unconfirmed")
        try:
            await until(check, f"Electrum's confirmed balance {sat}", 60, 0.5)
        except AssertionError:
            raise AssertionError(f"Electrum's balance is {await self.e('balance')}, "
                                 f"expected {sat} confirmed") from None

    async def kite_pays(self, amount_sat: int) -> None:
        request = await self.e("add_request", amount_sat, "kite pays electrum")
        invoice = request["lightning_invoice"]
        assert decode_invoice(invoice).payee == self.electrum.node_id
        paid = await self.kite.svc.handlers["pay"](invoice=invoice)
        assert paid["status"] == "paid"

    async def electrum_pays(self, amount_sat: int) -> None:
        invoice = (await self.kite.svc.handlers["invoice"](
            amount_sat=amount_sat, description="electrum pays kite"))["invoice"]
        result = await self.e("lnpay", invoice, 60)
        assert result["success"], f"Electrum's lnpay failed: {result['log']}"
        assert bytes.fromhex(result["preimage"]).hex() == result["preimage"]

    async def settled(self, ch) -> None:
        await until(lambda: not ch.state.commitments.has_pending_changes, "settlement")


@pytest.fixture
async def pair(shared_devnet, tmp_path, monkeypatch):
    devnet = shared_devnet
    port = free_port()  # fixed, so that Electrum finds Kite again after a Kite restart
    monkeypatch.setenv("KITE_LN_LISTEN", f"127.0.0.1:{port}")
    electrum = await asyncio.to_thread(ElectrumNode(devnet.electrum_address).start,
                                       sync_height=devnet.height())
    kite = None
    try:
        kite = WalletUnderTest(devnet, tmp_path / "kite", generate_mnemonic())
        await kite.__aenter__()
        p = Pair(devnet, kite, electrum, port, tmp_path / "kite")
        await p.kite_started()
        kite_address = (await kite.svc.address())["address"]
        await asyncio.to_thread(devnet.fund, kite_address, KITE_FUNDS)
        await asyncio.to_thread(devnet.fund, await p.e("address"), ELECTRUM_FUNDS)
        await p.mine()
        await kite.balance_is(KITE_FUNDS)
        await p.electrum_confirmed(ELECTRUM_FUNDS)
        yield p
    finally:
        if kite is not None:
            await p.kite.__aexit__(None, None, None)
        with contextlib.suppress(OSError):  # kept with the test's files, for post-mortems
            shutil.copy(electrum.directory / "electrum.log", tmp_path / "electrum.log")
        await asyncio.to_thread(electrum.stop)


def fee_of(raw_or_tx, inputs_sat: int) -> int:
    tx = raw_or_tx if isinstance(raw_or_tx, CTransaction) else CTransaction.deserialize(raw_or_tx)
    return inputs_sat - sum(o.nValue for o in tx.vout)


async def test_electrum_opens_to_kite_payments_both_ways_kite_closes(pair):
    p = pair
    before = (await p.e("balance"))["confirmed"]
    point = await p.e("open_channel", p.manager.node_id, "127.0.0.1", p.port, CAPACITY)
    funding_txid, _ = point.split(":")
    await until(lambda: any(c.channel_id for c in p.manager.channels.values()), "Kite's channel")
    [ch] = p.manager.channels.values()
    await p.mine(3)
    await p.manager.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    assert not ch.state.commitments.params.is_opener
    # Electrum's funding fee, from the balance it reports
    after_open = (await p.e("balance"))["confirmed"]
    funding_fee = before - CAPACITY - after_open
    assert 0 < funding_fee < 50_000  # Electrum uses its static fee estimates on regtest

    # Electrum -> Kite, then Kite -> Electrum
    for amount in (50_000, 20_000, 30_000):
        await p.electrum_pays(amount)
    for amount in (10_000, 15_000):
        await p.kite_pays(amount)
    kite_share = 50_000 + 20_000 + 30_000 - 10_000 - 15_000
    await p.settled(ch)
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert e_chan["remote_balance"] == kite_share
    assert e_chan["local_balance"] == CAPACITY - kite_share

    # Kite (not the funder) closes; Electrum pays the closing fee
    await p.kite.svc.handlers["channel_close"](channel=str(ch.key_index))
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    closing = CTransaction.deserialize(ch.inner.published[-1])
    close_fee = fee_of(closing, CAPACITY)
    # Electrum, the funder, pays the fee it proposes (its static estimates: ~30 000 sat)
    assert 0 < close_fee < CAPACITY - kite_share
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_share)
    await p.electrum_confirmed(after_open + CAPACITY - kite_share - close_fee)
    await p.electrum_state(point, "CLOSED")
    assert closing.vin[0].prevout.hash[::-1].hex() == funding_txid


async def test_kite_opens_to_electrum_payments_both_ways_electrum_closes(pair):
    p = pair
    electrum_before = (await p.e("balance"))["confirmed"]
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    point = opened["funding_outpoint"]
    funding_fee = {h["txid"]: h for h in await p.kite.svc.history()}[
        point.split(":")[0]]["fee_sat"]
    assert funding_fee > 0
    ch = p.manager.find(opened["key_index"])
    assert ch.state.commitments.params.is_opener
    await p.mine(3)
    await p.manager.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")

    # Kite -> Electrum, then Electrum -> Kite
    for amount in (60_000, 40_000):
        await p.kite_pays(amount)
    for amount in (25_000, 5_000):
        await p.electrum_pays(amount)
    electrum_share = 60_000 + 40_000 - 25_000 - 5_000
    await p.settled(ch)
    assert ch.state.commitments.local_commit.view.to_remote_msat == electrum_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert (e_chan["local_balance"], e_chan["remote_balance"]) == (
        electrum_share, CAPACITY - electrum_share)

    # Electrum (not the funder) closes; Kite pays the closing fee it negotiated
    closing_txid = await p.e("close_channel", point)
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    closing = CTransaction.deserialize(ch.inner.published[-1])
    assert closing.GetTxid()[::-1].hex() == closing_txid
    close_fee = fee_of(closing, CAPACITY)
    assert 0 < close_fee < 5_000
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY
                            + (CAPACITY - electrum_share - close_fee))
    await p.electrum_confirmed(electrum_before + electrum_share)
    await p.electrum_state(point, "CLOSED")


async def test_channels_survive_restarts_of_either_side(pair):
    """A channel each way; Electrum restarts, then Kite restarts (from SQLite): each time
    both channels are re-established (channel_reestablish both ways) and carry payments
    both ways; then each side closes the channel it opened."""
    p = pair
    electrum_before = (await p.e("balance"))["confirmed"]
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    kite_point = opened["funding_outpoint"]
    funding_fee = {h["txid"]: h for h in await p.kite.svc.history()}[
        kite_point.split(":")[0]]["fee_sat"]
    electrum_point = await p.e("open_channel", p.manager.node_id, "127.0.0.1", p.port, CAPACITY)
    await p.mine(3)
    after_open = (await p.e("balance"))["confirmed"]

    async def both_ready():
        for ch in p.manager.channels.values():
            await p.manager.wait_normal(ch, 60)
        for point in (kite_point, electrum_point):
            await p.electrum_state(point, "OPEN")
            await until(lambda point=point: p.electrum_channel(point)["peer_state"] == "GOOD",
                        "Electrum's peer state GOOD", 60, 0.5)

    async def pay_both_ways(kite_sends: int, electrum_sends: int, times: int = 2) -> None:
        for _ in range(times):
            await p.kite_pays(kite_sends)
            await p.electrum_pays(electrum_sends)

    await both_ready()
    assert len(p.manager.channels) == 2
    await pay_both_ways(40_000, 45_000)

    await p.e("restart", sync_height=await asyncio.to_thread(p.devnet.height))
    await both_ready()
    await pay_both_ways(30_000, 35_000)

    await p.restart_kite()
    assert len(p.manager.channels) == 2
    await both_ready()
    await pay_both_ways(20_000, 5_000)

    # Kite sent 180 000 and received 170 000 over the two channels: which channel carried
    # what is Electrum's choice (and Kite's), so compare the total
    local = sum(ch.state.commitments.local_commit.view.to_local_msat
                for ch in p.manager.channels.values())
    assert local == (CAPACITY - 180_000 + 170_000) * 1000
    kite_ch = p.manager.find(opened["channel_id"])
    [electrum_ch] = [c for c in p.manager.channels.values() if c is not kite_ch]
    for ch in (kite_ch, electrum_ch):
        await p.settled(ch)
    await p.kite.svc.handlers["channel_close"](channel=opened["channel_id"])
    await p.e("close_channel", electrum_point)
    await until(lambda: all(isinstance(c.inner, st.Closing)
                            for c in p.manager.channels.values()), "both closed", 60)
    fees = {ch.key_index: fee_of(ch.inner.published[-1], CAPACITY)
            for ch in (kite_ch, electrum_ch)}
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY + local // 1000
                            - fees[kite_ch.key_index])
    await p.electrum_confirmed(after_open + 2 * CAPACITY - local // 1000
                              - fees[electrum_ch.key_index])
    assert electrum_before - after_open > CAPACITY
