"""Fee levels from the servers' estimates (slow/normal/fast, never contradicting their
names), and speeding up an unconfirmed send by RBF or CPFP: priced first, then broadcast
only at the fee shown."""

from __future__ import annotations

import asyncio

import pytest

from tests.chain.test_fee_estimates import service_world  # noqa: F401 (fixture)
from tests.chain.test_lying_servers import txid_of
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.fee_estimates import ordered
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.service import FeeChanged, NodeService


def test_levels_are_ordered():
    assert ordered({"slow": 30.0, "normal": 10.0, "fast": 2.0}) == {
        "slow": 10.0, "normal": 10.0, "fast": 10.0}
    assert ordered({"slow": 2.0, "normal": 10.0, "fast": 25.0}) == {
        "slow": 2.0, "normal": 10.0, "fast": 25.0}


async def _with_service(wallet, world, estimates, steps):
    """`estimates`: {target blocks: BTC/kvB} the server answers (-1 for unknown)."""
    broadcasts = []

    def broadcast(raw_hex):
        broadcasts.append(raw_hex)
        return txid_of(bytes.fromhex(raw_hex))

    server = FakeElectrumServer(world.handlers(**{
        "blockchain.estimatefee": lambda n: estimates.get(n, -1),
        "blockchain.relayfee": lambda: 0.00001,
        "blockchain.transaction.broadcast": broadcast,
    }))
    await server.start()
    svc = NodeService(wallet, NodeConfig(server=f"127.0.0.1:{server.port}:t"))
    svc.start()
    try:
        await svc.chain.wait_synced(20)
        return await steps(svc, broadcasts)
    finally:
        await svc.close()
        await server.stop()


@pytest.mark.parametrize("estimates, levels", [
    ({1: 0.0005, 2: 0.0002, 12: 0.00005}, (5.0, 20.0, 50.0)),
    ({2: 0.0002}, (20.0, 20.0, 20.0)),  # only the default target known
    ({1: 0.00001, 2: 0.0002, 12: 0.01}, (20.0, 20.0, 20.0)),  # slow above fast: a lie
    ({1: 99.0, 2: 0.0002, 12: 0.00005}, (5.0, 20.0, 20.0)),  # absurd fast: ignored
])
def test_levels_from_the_server(service_world, estimates, levels):  # noqa: F811
    wallet, world = service_world

    async def steps(svc, _broadcasts):
        return await svc.handlers["fee_levels"]()

    got = asyncio.run(_with_service(wallet, world, estimates, steps))
    assert (got["slow"], got["normal"], got["fast"]) == levels
    assert got["targets"] == {"slow": 12, "normal": 2, "fast": 1}


@pytest.mark.parametrize("method", ["bumpfee", "cpfp"])
def test_speed_up_is_priced_then_sent_only_at_the_fee_shown(service_world, method):  # noqa: F811
    wallet, world = service_world

    async def steps(svc, broadcasts):
        sent = await svc.send(wallet.keys.account.address(0, 5), 20_000, feerate=2)
        speed_up = svc.handlers[method]
        quote = await speed_up(txid=sent["txid"], feerate=10, dry_run=True)
        assert quote["broadcast"] is False and len(broadcasts) == 1
        with pytest.raises(FeeChanged, match="not the"):
            await speed_up(txid=sent["txid"], feerate=10, expected_fee_sat=quote["fee_sat"] - 1)
        assert len(broadcasts) == 1  # nothing sent at a fee nobody saw
        done = await speed_up(txid=sent["txid"], feerate=10, expected_fee_sat=quote["fee_sat"])
        return sent, quote, done, broadcasts

    sent, quote, done, broadcasts = asyncio.run(_with_service(wallet, world, {2: 0.0001}, steps))
    assert len(broadcasts) == 2 and done["fee_sat"] == quote["fee_sat"]
    assert done["txid"] != sent["txid"]
    assert done["fee_sat"] > (sent["fee_sat"] if method == "bumpfee" else 0)
