import asyncio

import pytest

from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import ServerAddress
from wallet.chain.server_pool import NoServerAvailable, ServerPool


async def test_skips_dead_and_lying_servers_and_records_bans():
    good = FakeElectrumServer()
    liar = FakeElectrumServer({"server.version": lambda *a: ["X", "9.9"]})
    await good.start()
    await liar.start()
    bans = []
    dead = ServerAddress("127.0.0.1", 1, False)
    liar_addr = ServerAddress("127.0.0.1", liar.port, False)
    good_addr = ServerAddress("127.0.0.1", good.port, False)
    pool = ServerPool([dead, liar_addr, good_addr], timeout=3, on_ban=lambda s, r: bans.append(s))
    try:
        client = await pool.connect()
        assert client.server == good_addr
        await client.close()
        # order is random: the liar is banned whenever it was tried before the good one
        assert set(bans) <= {liar_addr}
        pool.ban(good_addr, "false Merkle proof")
        # with only the dead and (maybe) the liar left, connect keeps retrying
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(pool.connect(), 1.5)
        pool.ban(dead, "test")
        pool.ban(liar_addr, "test")
        with pytest.raises(NoServerAvailable, match="false Merkle proof"):
            await pool.connect()
    finally:
        await good.stop()
        await liar.stop()


async def test_notifications_go_to_the_queue():
    server = FakeElectrumServer()
    await server.start()
    q: asyncio.Queue = asyncio.Queue()
    pool = ServerPool([ServerAddress("127.0.0.1", server.port, False)], fixed=True, timeout=3)
    try:
        client = await pool.connect(q)
        await server.notify("blockchain.scripthash.subscribe", "ab" * 32, None)
        method, args = await asyncio.wait_for(q.get(), 3)
        assert method == "blockchain.scripthash.subscribe" and args[0] == "ab" * 32
        await client.close()
    finally:
        await server.stop()


async def test_states_say_what_happened_with_each_server():
    good = FakeElectrumServer()
    await good.start()
    dead = ServerAddress("127.0.0.1", 1, False)
    good_addr = ServerAddress("127.0.0.1", good.port, False)
    untried = ServerAddress("127.0.0.1", 2, False)
    changes = []
    pool = ServerPool([dead, good_addr, untried], timeout=3)
    pool.on_change = lambda: changes.append(1)
    pool._order = lambda: [dead, good_addr, untried]
    try:
        client = await pool.connect()
        states = {row["server"]: (row["state"], row["reason"]) for row in pool.states()}
        assert states[str(good_addr)] == ("connected", "")
        assert states[str(dead)][0] == "failed" and states[str(dead)][1]
        assert states[str(untried)] == ("untried", "")
        pool.note_lost(good_addr, "lagging")
        assert pool.states()[1] == {"server": str(good_addr), "state": "failed", "reason": "lagging"}
        pool.ban(dead, "false Merkle proof")
        assert pool.states()[0]["state"] == "banned"
        assert len(changes) == 4
        pool.replace([untried], fixed=True)
        assert [r["server"] for r in pool.states()] == [str(untried)]
        await client.close()
    finally:
        await good.stop()
