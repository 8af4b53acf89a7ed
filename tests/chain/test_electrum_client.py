"""Electrum client against a scripted server double."""

import asyncio

import pytest
from bitcoin.core import CMutableTransaction, CMutableTxIn, CMutableTxOut, COutPoint, CScript

from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import (
    BadServerAddress,
    BroadcastRejected,
    ElectrumClient,
    ServerAddress,
    ServerMisbehaved,
    ServerUnavailable,
    txid_of,
)


def sample_tx(n: int = 0) -> bytes:
    tx = CMutableTransaction(
        [CMutableTxIn(COutPoint(bytes([n]) * 32, 0))],
        [CMutableTxOut(1000 + n, CScript(bytes.fromhex("0014") + bytes(20)))],
    )
    return tx.serialize()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("example.org:50002", ServerAddress("example.org", 50002, True)),
        ("example.org:50001:t", ServerAddress("example.org", 50001, False)),
        ("127.0.0.1:1:s", ServerAddress("127.0.0.1", 1, True)),
    ],
)
def test_parse_server_address(text, expected):
    assert ServerAddress.parse(text) == expected
    assert ServerAddress.parse(str(expected)) == expected


@pytest.mark.parametrize("text", ["", ":1", "host", "host:x", "host:1:q", "host:0", "a:b:c:d"])
def test_bad_server_address(text):
    with pytest.raises(BadServerAddress):
        ServerAddress.parse(text)


async def run_with(handlers, body):
    server = FakeElectrumServer(handlers)
    await server.start()
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", server.port, False), timeout=5) as c:
            return await body(c), server
    finally:
        await server.stop()


async def test_honest_replies_are_checked_and_typed():
    raw = sample_tx(1)
    txid = txid_of(raw)
    header = bytes(80)
    handlers = {
        "blockchain.headers.subscribe": lambda: {"height": 5, "hex": header.hex()},
        "blockchain.block.headers": lambda s, n: {"hex": (header * 2).hex(), "count": 2, "max": 2016},
        "blockchain.transaction.get": lambda t: raw.hex(),
        "blockchain.scripthash.get_history": lambda sh: [{"tx_hash": txid, "height": 3}],
        "blockchain.transaction.broadcast": lambda h: txid,
        "blockchain.estimatefee": lambda n: -1,
    }

    async def body(c):
        assert c.protocol_version == "1.4"
        assert await c.headers_subscribe() == (5, header)
        assert await c.block_headers(0, 2) == header * 2
        assert await c.get_transaction(txid) == raw
        assert await c.get_history("00" * 32) == [(txid, 3)]
        assert await c.broadcast(raw) == txid
        assert await c.estimate_fee(2) is None

    await run_with(handlers, body)


@pytest.mark.parametrize(
    "method,reply,call",
    [
        ("blockchain.block.headers", {"hex": "00" * 79, "count": 1, "max": 1}, lambda c: c.block_headers(0, 1)),
        ("blockchain.block.headers", {"hex": "00" * 160, "count": 2, "max": 2}, lambda c: c.block_headers(0, 1)),
        ("blockchain.headers.subscribe", {"height": "5", "hex": "00" * 80}, lambda c: c.headers_subscribe()),
        ("blockchain.scripthash.get_history", [{"tx_hash": "zz", "height": 1}], lambda c: c.get_history("00" * 32)),
        ("blockchain.transaction.get", sample_tx(2).hex(), lambda c: c.get_transaction(txid_of(sample_tx(3)))),
        ("blockchain.transaction.get", "deadbeef", lambda c: c.get_transaction(txid_of(sample_tx(3)))),
        ("blockchain.transaction.get_merkle", {"merkle": ["00" * 32], "pos": 0, "block_height": 9}, lambda c: c.get_merkle("00" * 32, 8)),
    ],
)
async def test_lying_replies_raise_misbehaved(method, reply, call):
    async def body(c):
        with pytest.raises(ServerMisbehaved):
            await call(c)

    await run_with({method: lambda *a: reply}, body)


async def test_broadcast_rejection_carries_reason():
    import aiorpcx

    def reject(h):
        raise aiorpcx.RPCError(1, "the transaction was rejected by network rules.\n\nbad-txns-inputs-missingorspent")

    async def body(c):
        with pytest.raises(BroadcastRejected, match="missingorspent"):
            await c.broadcast(sample_tx(4))

    await run_with({"blockchain.transaction.broadcast": reject}, body)


async def test_version_outside_range_refused():
    server = FakeElectrumServer({"server.version": lambda *a: ["X", "1.7"]})
    await server.start()
    try:
        with pytest.raises(ServerMisbehaved, match="1.7"):
            await ElectrumClient(ServerAddress("127.0.0.1", server.port, False), timeout=5).connect()
    finally:
        await server.stop()


async def test_unreachable_and_timeout():
    with pytest.raises(ServerUnavailable):
        await ElectrumClient(ServerAddress("127.0.0.1", 1, False), timeout=2).connect()

    async def slow(*a):
        await asyncio.sleep(10)

    async def body(c):
        c._session.sent_request_timeout = 0.3
        with pytest.raises(ServerUnavailable, match="timed out"):
            await c.request("slow.method")

    await run_with({"slow.method": slow}, body)


async def test_notifications_reach_the_callback():
    got = asyncio.Queue()
    server = FakeElectrumServer()
    await server.start()
    try:
        c = ElectrumClient(
            ServerAddress("127.0.0.1", server.port, False),
            timeout=5,
            on_notification=lambda m, a: got.put_nowait((m, a)),
        )
        await c.connect()
        await server.notify("blockchain.headers.subscribe", {"height": 7, "hex": "00" * 80})
        method, args = await asyncio.wait_for(got.get(), 5)
        assert method == "blockchain.headers.subscribe"
        assert args[0]["height"] == 7
        await c.close()
    finally:
        await server.stop()


async def test_protocol_1_6_header_list_and_mempool_info():
    header = bytes(range(80))
    handlers = {
        "server.version": lambda *a: ["X", "1.6"],
        "blockchain.block.headers": lambda s, n: {"headers": [header.hex()] * 2, "count": 2, "max": 2016},
        "mempool.get_info": lambda: {"minrelaytxfee": 0.00001, "mempoolminfee": 0.00001},
    }

    async def body(c):
        assert c.protocol_version == "1.6"
        assert await c.block_headers(0, 2) == header * 2
        assert await c.relay_fee() == 0.00001

    await run_with(handlers, body)


async def test_protocol_1_6_bad_header_list():
    handlers = {
        "server.version": lambda *a: ["X", "1.6"],
        "blockchain.block.headers": lambda s, n: {"headers": ["00" * 79], "count": 1, "max": 2016},
    }

    async def body(c):
        with pytest.raises(ServerMisbehaved):
            await c.block_headers(0, 1)

    await run_with(handlers, body)


H = bytes(range(80)).hex()


@pytest.mark.parametrize(
    "version,reply",
    [
        ("1.4", {"hex": "11 " * 80, "count": 1, "max": 2016}),
        ("1.4", {"hex": 5, "count": 1, "max": 2016}),
        ("1.4", {"hex": "zz" * 80, "count": 1, "max": 2016}),
        ("1.6", {"headers": [H[:158], H + "11"], "count": 2, "max": 2016}),
        ("1.6", {"headers": [H, 5], "count": 2, "max": 2016}),
        ("1.6", {"headers": ["zz" * 80], "count": 1, "max": 2016}),
        ("1.6", {"headers": [H[:80] + " " + H[81:]], "count": 1, "max": 2016}),
        ("1.6", {"headers": "not a list", "count": 1, "max": 2016}),
    ],
)
async def test_malformed_header_chunks_refused(version, reply):
    handlers = {
        "server.version": lambda *a: ["X", version],
        "blockchain.block.headers": lambda s, n: reply,
    }

    async def body(c):
        with pytest.raises(ServerMisbehaved):
            await c.block_headers(0, 2)

    await run_with(handlers, body)
