"""A DNS server on 127.0.0.1, UDP and TCP on one port, answering from `SignedRecords`
(wallet/devnet/dns_zone.py): the devnet's BIP 353 zone, and the tests' lying resolvers.

`serving(records)` runs it on the caller's event loop; `DnsServer` runs it on a loop and
thread of its own (the devnet world, whose callers block). A UDP answer too big for 4,096
bytes is truncated (TC) so the client asks again over TCP. A query that does not parse is
dropped; a TCP client gets 10 s to send its query.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import struct
import threading
from collections.abc import AsyncIterator
from typing import Protocol

import dns.exception
import dns.flags
import dns.message

from wallet.deadline import within

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
UDP_PAYLOAD = 4096
TCP_READ_SECONDS = 10.0


class Answerer(Protocol):
    def answer(self, wire: bytes, max_size: int = 65535) -> bytes: ...


def _delay(records: Answerer, wire: bytes) -> float:
    """How long this answer waits (tests make slow resolvers with `delay_of`)."""
    delay_of = getattr(records, "delay_of", None)
    return 0.0 if delay_of is None else float(delay_of(wire))


def _udp_answer(records: Answerer, data: bytes) -> bytes:
    try:
        return records.answer(data, UDP_PAYLOAD)
    except dns.exception.TooBig:  # too big for UDP: truncated, asked again over TCP
        reply = dns.message.make_response(dns.message.from_wire(data))
        reply.flags |= dns.flags.TC
        return reply.to_wire()


@contextlib.asynccontextmanager
async def serving(records: Answerer) -> AsyncIterator[tuple[str, int]]:
    """Serve `records` on 127.0.0.1 (a free port) while the block runs: (host, port)."""
    loop = asyncio.get_running_loop()

    class Udp(asyncio.DatagramProtocol):
        def connection_made(self, transport) -> None:
            self.transport = transport

        def datagram_received(self, data: bytes, addr) -> None:
            try:
                out = _udp_answer(records, data)
                delay = _delay(records, data)
            except (dns.exception.DNSException, ValueError, IndexError):
                return  # not a query we can answer: dropped
            loop.call_later(delay, self.transport.sendto, out, addr)

    async def tcp(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async def query() -> bytes:
                (length,) = struct.unpack("!H", await reader.readexactly(2))
                return await reader.readexactly(length)

            data = await within(TCP_READ_SECONDS, query())
            out = records.answer(data)
            await asyncio.sleep(_delay(records, data))
            writer.write(struct.pack("!H", len(out)) + out)
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError,
                dns.exception.DNSException, ValueError, IndexError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(tcp, HOST, 0)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_datagram_endpoint(Udp, local_addr=(HOST, port))
    try:
        yield HOST, port
    finally:
        transport.close()
        server.close()
        await server.wait_closed()


class DnsServer:
    """`serving(records)` on an event loop and thread of its own; start() / stop()."""

    def __init__(self, records: Answerer) -> None:
        self.records = records
        self.host, self.port = HOST, 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None

    @property
    def address(self) -> str:
        """HOST:PORT, as `--dns` and `$KITE_DNS` take it."""
        return f"{self.host}:{self.port}"

    def start(self) -> DnsServer:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="devnet-dns",
                                        daemon=True)
        self._thread.start()
        ready: asyncio.Future = asyncio.run_coroutine_threadsafe(self._ready(), self._loop)
        self.host, self.port = ready.result(30)
        return self

    async def _ready(self) -> tuple[str, int]:
        self._stop = asyncio.Event()
        started: asyncio.Future = asyncio.get_running_loop().create_future()

        async def run() -> None:
            try:
                async with serving(self.records) as where:
                    started.set_result(where)
                    await self._stop.wait()
            except Exception as exc:  # the port could not be bound: said to start()
                if not started.done():
                    started.set_exception(exc)
                else:
                    log.exception("the devnet DNS server stopped")

        self._task = asyncio.ensure_future(run())
        return await started

    def stop(self) -> None:
        loop = self._loop
        if loop is None:
            return
        self._loop = None
        if self._stop is not None:
            loop.call_soon_threadsafe(self._stop.set)
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(asyncio.sleep(0), loop).result(5)
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._finish(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(10)
        loop.close()

    async def _finish(self) -> None:
        await self._task
