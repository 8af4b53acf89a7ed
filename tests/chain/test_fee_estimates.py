"""Lying fee estimates: an Electrum server's `estimatefee`/relay fee may be absurd, infinite,
NaN or too large for a float. Each is refused with a typed error (never OverflowError), a
single liar among several servers moves nothing (median), and a high fee is never sent
without the user's confirmation."""

from __future__ import annotations

import asyncio
import math

import pytest

from tests.chain.test_lying_servers import KEYS, World, regtest_anchor
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import (
    ElectrumClient,
    ServerAddress,
    ServerMisbehaved,
    txid_of,
)
from wallet.chain.fee_estimates import (
    HIGH_FEERATE,
    MAX_FEERATE,
    choose_feerate,
    high_fee_reason,
)
from wallet.chain.header_store import HeaderStore
from wallet.chain.node import ChainNode, FeeEstimateUnavailable
from wallet.chain.server_pool import ServerPool
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import HighFeeNotConfirmed, NodeService
from wallet.keys.bip39 import generate_mnemonic
from wallet.networks import REGTEST
from wallet.storage.database import Database
from wallet.storage.wallet_file import create_wallet, open_wallet

# -- the pure choice ----------------------------------------------------------------------


def test_median_of_believable_estimates_above_the_relay_floor():
    assert choose_feerate([10.0, 12.0, 500.0], 1.0).rate == 12.0
    assert choose_feerate([None, 3.0], 5.0).rate == 5.0  # never below the relay fee
    assert choose_feerate([None], None).rate == 1.0
    assert choose_feerate([0.2], 0.0).rate == 1.0


@pytest.mark.parametrize("lie", [50_000.0, math.inf, math.nan, 1e308 * 1e5, -math.inf])
def test_an_absurd_estimate_alone_gives_no_rate(lie):
    choice = choose_feerate([lie], 1.0)
    assert choice.rate is None and len(choice.refused) == 1


@pytest.mark.parametrize("lie", [50_000.0, math.inf, math.nan])
def test_one_liar_among_honest_servers_moves_nothing(lie):
    assert choose_feerate([lie, 8.0, 9.0], 1.0).rate == 8.5
    assert choose_feerate([8.0, lie, 9.0, 10.0], 1.0).rate == 9.0


@pytest.mark.parametrize("relay", [math.inf, math.nan, MAX_FEERATE * 10])
def test_an_absurd_relay_fee_gives_no_rate(relay):
    assert choose_feerate([5.0], relay).rate is None


def test_high_fee_reasons():
    assert high_fee_reason(141, 40_000, 1.0) is None
    assert "above 100 sat/vB" in high_fee_reason(70_500, 1_000_000, 500.0)
    assert "more than 10% of the 1,000 sat" in high_fee_reason(141, 1_000, 1.0)
    assert high_fee_reason(1410, 14_100, HIGH_FEERATE) is None  # exactly at the limits


# -- the client -----------------------------------------------------------------------------


async def _estimate(reply, method="blockchain.estimatefee"):
    server = FakeElectrumServer({method: lambda *a: reply})
    await server.start()
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", server.port, False), timeout=5) as c:
            if method == "blockchain.estimatefee":
                return await c.estimate_fee(2)
            return await c.relay_fee()
    finally:
        await server.stop()


@pytest.mark.parametrize("reply", [math.inf, -math.inf, math.nan, 10**400, "0.0001", True, [1]])
@pytest.mark.parametrize("method", ["blockchain.estimatefee", "blockchain.relayfee"])
async def test_non_finite_or_non_numbers_are_lies(reply, method):
    with pytest.raises(ServerMisbehaved, match="finite number"):
        await _estimate(reply, method)


async def test_a_huge_finite_estimate_is_passed_on_as_a_number():
    assert await _estimate(1e308) == 1e308  # the choice above refuses it, without overflow


# -- the node, with one or three servers -----------------------------------------------------


async def _node_fee_rate(tmp_path, fees: list[float]):
    """fee_rate of a ChainNode synced with one server per entry of `fees` (BTC/kvB)."""
    world = World()
    servers = []
    for fee in fees:
        s = FakeElectrumServer(world.handlers(**{
            "blockchain.estimatefee": lambda n, fee=fee: fee,
            "blockchain.relayfee": lambda: 0.00001,
        }))
        await s.start()
        servers.append(s)
    addrs = [ServerAddress("127.0.0.1", s.port, False) for s in servers]
    pool = ServerPool(addrs, fixed=len(addrs) == 1, timeout=5)
    db = Database(tmp_path / "wallet.sqlite")
    node = ChainNode(tmp_path, KEYS, db, pool, header_path=tmp_path / "headers")
    node.start()
    try:
        for _ in range(200):
            if node.synced.is_set() and len(node.other_estimates) == len(fees) - 1:
                break
            await asyncio.sleep(0.05)
        assert node.synced.is_set()
        try:
            return await node.fee_rate(), pool.banned
        except FeeEstimateUnavailable as e:
            return e, pool.banned
    finally:
        await node.stop()
        db.close()
        for s in servers:
            await s.stop()


@pytest.fixture
def folder(tmp_path):
    HeaderStore(tmp_path / "headers", "regtest", anchor=regtest_anchor()).close()
    return tmp_path


@pytest.mark.parametrize("lie", [0.5, 1e308])
def test_a_lone_server_with_an_absurd_estimate_gives_a_typed_error(folder, lie):
    result, banned = asyncio.run(_node_fee_rate(folder, [lie]))
    assert isinstance(result, FeeEstimateUnavailable)
    assert "not believable" in str(result)
    assert not banned  # absurd is refused, not proof of a lie


def test_an_honest_lone_server_is_used(folder):
    assert asyncio.run(_node_fee_rate(folder, [0.0002]))[0] == 20.0


@pytest.mark.parametrize("lie", [0.5, 0.015, 1e308])
def test_one_liar_among_three_servers_moves_nothing(folder, lie):
    # whichever of the three is the main server, the others' estimates outvote the liar
    rate, banned = asyncio.run(_node_fee_rate(folder, [lie, 0.0001, 0.0001]))
    assert rate == 10.0 and not banned


# -- the send: a high fee is never broadcast without the user's confirmation ---------------


@pytest.fixture
def service_world(tmp_path, monkeypatch):
    """A regtest wallet whose first address holds 70,000 sat, served by one fake server."""
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", "pw")
    (folder / "headers").mkdir()
    HeaderStore(folder / "headers" / "regtest.headers", "regtest", anchor=regtest_anchor()).close()
    wallet = open_wallet(folder, "pw", network=REGTEST)
    yield wallet, World(wallet.keys)
    wallet.close()


async def _send_with_fee(wallet, world, fee_btc_kvb, **send_args):
    server = FakeElectrumServer(world.handlers(**{
        "blockchain.estimatefee": lambda n: fee_btc_kvb,
        "blockchain.relayfee": lambda: 0.00001,
        "blockchain.transaction.broadcast": lambda h: txid_of(bytes.fromhex(h)),
    }))
    await server.start()
    svc = NodeService(wallet, NodeConfig(server=f"127.0.0.1:{server.port}:t"))
    svc.start()
    try:
        await svc.chain.wait_synced(20)
        to = wallet.keys.account.address(0, 5)
        try:
            return await svc.send(to, 20_000, **send_args), server
        except Exception as e:  # returned for the test to look at
            return e, server
    finally:
        await svc.close()
        await server.stop()


def _broadcasts(server):
    return [c for c in server.calls if c[0] == "blockchain.transaction.broadcast"]


def test_a_high_server_fee_is_refused_without_confirmation(service_world):
    wallet, world = service_world
    result, server = asyncio.run(_send_with_fee(wallet, world, 0.002))  # 200 sat/vB
    assert isinstance(result, HighFeeNotConfirmed)
    assert str(result).startswith("Not sent: the fee rate of 200 sat/vB is above 100 sat/vB")
    assert _broadcasts(server) == []

    quote, _ = asyncio.run(_send_with_fee(wallet, world, 0.002, dry_run=True))
    assert quote["high_fee"] and quote["target_feerate"] == 200.0 and not quote["broadcast"]

    sent, server = asyncio.run(_send_with_fee(wallet, world, 0.002, confirm_high_fee=True))
    assert sent["feerate"] >= 199 and len(_broadcasts(server)) == 1


def test_an_ordinary_fee_needs_no_confirmation(service_world):
    wallet, world = service_world
    sent, server = asyncio.run(_send_with_fee(wallet, world, 0.0001))
    assert sent["high_fee"] is None and len(_broadcasts(server)) == 1


@pytest.mark.parametrize("lie", [0.5, 1e308])
def test_an_absurd_server_fee_is_never_sent(service_world, lie):
    wallet, world = service_world
    result, server = asyncio.run(_send_with_fee(wallet, world, lie, confirm_high_fee=True))
    assert isinstance(result, FeeEstimateUnavailable)
    assert _broadcasts(server) == []
