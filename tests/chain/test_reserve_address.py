"""`ChainNode.reserve_receive_address` (an LSPS1 order's address): never handed out twice,
persisted at once (a restart does not give it again as the receive address), and the
address that enters the gap limit because of it is subscribed by the running session; the
wallet's listeners hear each change of the wallet."""

from __future__ import annotations

import asyncio

from tests.chain.test_lying_servers import KEYS, World, regtest_anchor
from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import ServerAddress
from wallet.chain.header_store import HeaderStore
from wallet.chain.node import ChainNode
from wallet.chain.scripthash import script_to_scripthash
from wallet.chain.server_pool import ServerPool
from wallet.storage.database import Database


async def _synced(tmp_path, server: FakeElectrumServer) -> tuple[ChainNode, Database]:
    pool = ServerPool([ServerAddress("127.0.0.1", server.port, False)], fixed=True, timeout=5)
    db = Database(tmp_path / "wallet.sqlite")
    node = ChainNode(tmp_path, KEYS, db, pool, header_path=tmp_path / "headers")
    heard: list[int] = []
    node.wallet_listeners.append(lambda: heard.append(1))
    node.start()
    await node.wait_synced(10)
    assert heard  # the payment at the first address was a change of the wallet
    return node, db


async def test_reserved_addresses_are_fresh_persisted_and_followed(tmp_path) -> None:
    HeaderStore(tmp_path / "headers", "regtest", anchor=regtest_anchor()).close()
    server = FakeElectrumServer(World().handlers())
    await server.start()
    try:
        node, db = await _synced(tmp_path, server)
        try:
            before = node.receive_address()
            derived = node.book.count(0)
            first, script1 = node.reserve_receive_address()
            second, script2 = node.reserve_receive_address()
            assert first == before and len({first, second, node.receive_address()}) == 3
            assert script1 == KEYS.account.script_pubkey(0, 1)
            assert script2 == KEYS.account.script_pubkey(0, 2)
            for _ in range(4):
                node.reserve_receive_address()
            assert {(0, i) for i in range(1, 7)} <= node.store.used()  # persisted at once
            # the addresses that entered the gap limit are subscribed by the session
            assert node.book.count(0) > derived
            wanted = {script_to_scripthash(KEYS.account.script_pubkey(0, i))
                      for i in range(derived, node.book.count(0))}
            for _ in range(200):
                asked = {args[0] for m, args in server.calls
                         if m == "blockchain.scripthash.subscribe"}
                if wanted <= asked:
                    break
                await asyncio.sleep(0.02)
            assert wanted <= asked
        finally:
            await node.stop()
            db.close()
        again, db = await _synced(tmp_path, server)  # a restart
        try:
            assert again.receive_address() not in (first, second)
            assert again.reserve_receive_address()[0] not in (first, second)
        finally:
            await again.stop()
            db.close()
    finally:
        await server.stop()


async def test_reservations_stop_short_of_the_gap_a_restore_can_cross(tmp_path) -> None:
    """Order addresses never paid make a run of unused addresses; past the gap limit a
    restore from the seed would stop looking. With `keep_gap` the reservations stop that
    many short of it (the on-chain option is then not offered), and go on once a later
    address is paid."""
    HeaderStore(tmp_path / "headers", "regtest", anchor=regtest_anchor()).close()
    server = FakeElectrumServer(World().handlers())
    await server.start()
    try:
        node, db = await _synced(tmp_path, server)
        try:
            assert node.ledger.last_paid_index(0) == 0  # the world pays the first address
            gap = node.book.gap_limit
            got = [node.reserve_receive_address(keep_gap=5) for _ in range(gap)]
            handed = [g for g in got if g is not None]
            assert len(handed) == gap - 5 and all(g is None for g in got[gap - 5:])
            assert handed[-1][1] == KEYS.account.script_pubkey(0, gap - 5)
            assert node.reserve_receive_address() is not None  # without keep_gap: as before
            # a payment to the last address handed out moves the limit on
            node.ledger.last_paid_index = lambda change: gap - 5  # type: ignore[method-assign]
            assert node.reserve_receive_address(keep_gap=5) is not None
        finally:
            await node.stop()
            db.close()
    finally:
        await server.stop()
