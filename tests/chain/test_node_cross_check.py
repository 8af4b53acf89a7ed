"""Tip cross-checking: a main server that hides newer blocks is caught by another server."""

from __future__ import annotations

import asyncio

from tests.chain.test_lying_servers import KEYS, World, regtest_anchor
from tests.support.chain_helpers import mine_regtest_headers
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import ServerAddress
from wallet.chain.header_store import HeaderStore
from wallet.chain.headers import header_hash
from wallet.chain.node import ChainNode
from wallet.chain.server_pool import ServerPool
from wallet.storage.database import Database


async def run(tmp_path, lagging: World, ahead: World):
    s1, s2 = FakeElectrumServer(lagging.handlers()), FakeElectrumServer(ahead.handlers())
    await s1.start()
    await s2.start()
    main, other = ServerAddress("127.0.0.1", s1.port, False), ServerAddress("127.0.0.1", s2.port, False)
    pool = ServerPool([main, other], timeout=5)
    pool._order = lambda: [s for s in [main, other] if s not in pool.banned and pool._failures.get(s, 0) == 0] or [other]
    db = Database(tmp_path / "wallet.sqlite")
    node = ChainNode(tmp_path, KEYS, db, pool, header_path=tmp_path / "headers")
    node.start()
    try:
        for _ in range(200):
            if node.client is not None and node.client.server == other and node.synced.is_set():
                break
            await asyncio.sleep(0.05)
        switched = node.client is not None and node.client.server == other
        return switched, node.tip_height, node.headers.tip_hash
    finally:
        await node.stop()
        db.close()
        await s1.stop()
        await s2.stop()


def test_lagging_main_server_is_left_for_the_longer_verified_chain(tmp_path):
    HeaderStore(tmp_path / "headers", "regtest", anchor=regtest_anchor()).close()
    lagging = World()
    ahead = World()
    ahead.chain = lagging.chain + mine_regtest_headers(header_hash(lagging.chain[-80:]), 1296689000, 3)
    switched, height, tip = asyncio.run(run(tmp_path, lagging, ahead))
    assert height == 13 and tip == header_hash(ahead.chain[-80:])
    assert switched  # the session moved to the server that was not hiding blocks
