"""A small honest regtest Electrum server on its own thread, for tests whose own loop is
Qt's (GUI tests): genesis plus `blocks` mined headers, no wallet history."""

from __future__ import annotations

import asyncio
import struct
import threading
from typing import Any

from tests.support.chain_helpers import REGTEST_BITS, mine_regtest_headers
from tests.support.electrum_double import FakeElectrumServer
from wallet.hashes import sha256d
from wallet.networks import REGTEST

# Bitcoin's regtest genesis header: version 1, no parent, the genesis Merkle root
GENESIS_HEADER = struct.pack(
    "<I32s32sIII", 1, b"\0" * 32,
    bytes.fromhex("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b")[::-1],
    1296688602, REGTEST_BITS, 2)
assert sha256d(GENESIS_HEADER)[::-1].hex() == REGTEST.genesis_hash


class ElectrumThread:
    """`start()` → listening on 127.0.0.1:`port` (plain TCP); `stop()` when done."""

    def __init__(self, blocks: int = 5) -> None:
        self.chain = GENESIS_HEADER + mine_regtest_headers(sha256d(GENESIS_HEADER), 1296688700, blocks)
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.server = FakeElectrumServer(self._handlers())

    def _headers(self, start: int, count: int) -> dict[str, Any]:
        raw = self.chain[start * 80:(start + count) * 80]
        return {"hex": raw.hex(), "count": len(raw) // 80, "max": 2016}

    def _tip(self) -> dict[str, Any]:
        return {"height": len(self.chain) // 80 - 1, "hex": self.chain[-80:].hex()}

    def mine(self, blocks: int = 1) -> int:
        """`blocks` more headers, told to every subscribed client; the new height."""
        last = self.chain[-80:]
        (when,) = struct.unpack_from("<I", last, 68)
        self.chain += mine_regtest_headers(sha256d(last), when + 60, blocks)
        asyncio.run_coroutine_threadsafe(
            self.server.notify("blockchain.headers.subscribe", self._tip()), self.loop).result(10)
        return len(self.chain) // 80 - 1

    def _handlers(self) -> dict[str, Any]:
        return {
            "blockchain.headers.subscribe": self._tip,
            "blockchain.block.header": lambda h: self.chain[h * 80:(h + 1) * 80].hex(),
            "blockchain.block.headers": self._headers,
            "blockchain.scripthash.subscribe": lambda sh: None,
            "blockchain.estimatefee": lambda n, *mode: 0.0001,
            "blockchain.relayfee": lambda: 0.00001,
        }

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server.port}:t"

    def start(self) -> ElectrumThread:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
