"""A server's error text reaches logs and screens escaped and cut: no forged log lines, no
terminal escapes, no megabytes."""

from __future__ import annotations

import aiorpcx
import pytest

from tests.support.electrum_double import FakeElectrumServer
from wallet.chain.electrum_client import (
    BroadcastRejected,
    ElectrumClient,
    ServerAddress,
    ServerError,
)
from wallet.untrusted_text import quote_untrusted

NASTY = "\x1b[2J\nERROR forged log line\r\u202e" + "A" * 1_000_000


def test_quote_untrusted_escapes_and_cuts():
    out = quote_untrusted(NASTY)
    assert out.startswith("\\x1b[2J\\nERROR forged log line\\r\\u202e")
    assert out.endswith("…") and len(out) < 300
    assert all(" " <= c <= "~" for c in out[:-1])
    assert quote_untrusted("plain") == "plain"
    assert quote_untrusted(b"\x00bytes") == "b'\\x00bytes'"


async def _refusal(method, call):
    def refuse(*args):
        raise aiorpcx.RPCError(1, NASTY)

    server = FakeElectrumServer({method: refuse})
    await server.start()
    try:
        async with ElectrumClient(ServerAddress("127.0.0.1", server.port, False), timeout=5) as c:
            with pytest.raises(ServerError) as e:
                await call(c)
            return str(e.value), e.type
    finally:
        await server.stop()


async def test_a_server_error_text_is_escaped_and_cut():
    text, _ = await _refusal("blockchain.block.header", lambda c: c.block_header(1))
    assert "\n" not in text and "\x1b" not in text and len(text) < 400
    assert "\\x1b[2J\\nERROR forged log line" in text


async def test_a_broadcast_refusal_reason_is_escaped_and_cut():
    raw = bytes.fromhex(
        "0100000001" + "11" * 32 + "00000000" + "00" + "ffffffff" + "01"
        + "e803000000000000" + "160014" + "00" * 20 + "00000000")
    text, kind = await _refusal("blockchain.transaction.broadcast", lambda c: c.broadcast(raw))
    assert kind is BroadcastRejected
    assert "\n" not in text and len(text) < 400
