"""A small signed DNS world for BIP 353 tests: a root zone and `example.` signed by
dnspython (ECDSA P-256), a DS for `example.` in the root, and a local resolver on
127.0.0.1 (UDP and TCP) that answers from the records, which a test may falsify first."""

from __future__ import annotations

import asyncio
import contextlib
import struct
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import dns.dnssec
import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from cryptography.hazmat.primitives.asymmetric import ec

ALG = dns.dnssec.Algorithm.ECDSAP256SHA256
TTL = 300


@dataclass
class Zone:
    name: dns.name.Name
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))

    @property
    def dnskey(self):
        return dns.dnssec.make_dnskey(self.key.public_key(), ALG, flags=257)


class SignedWorld:
    """Records by (name, type): (rrset, rrsig set or None)."""

    def __init__(self) -> None:
        self.root = Zone(dns.name.root)
        self.example = Zone(dns.name.from_text("example."))
        self.records: dict[tuple[dns.name.Name, int], tuple[dns.rrset.RRset, object]] = {}
        self.delay = 0.0
        #: only these record types are delayed (None: every answer), and these get SERVFAIL
        self.delay_types: set[int] | None = None
        self.servfail_types: set[int] = set()
        for zone in (self.root, self.example):
            self.put(dns.rrset.from_rdata(zone.name, TTL, zone.dnskey), zone)
        ds = dns.dnssec.make_ds(self.example.name, self.example.dnskey, "SHA256")
        self.put(dns.rrset.from_rdata(self.example.name, TTL, ds), self.root)

    @property
    def anchors(self) -> dict:
        return {dns.name.root: [dns.dnssec.make_ds(dns.name.root, self.root.dnskey, "SHA256")]}

    def sign(self, rrset: dns.rrset.RRset, zone: Zone, *, key=None, dnskey=None,
             inception: float | None = None, expiration: float | None = None):
        now = time.time()
        sig = dns.dnssec.sign(rrset, key or zone.key, zone.name, dnskey or zone.dnskey,
                              inception=inception if inception is not None else now - 60,
                              expiration=expiration if expiration is not None else now + 3600)
        return dns.rrset.from_rdata(rrset.name, TTL, sig)

    def put(self, rrset: dns.rrset.RRset, zone: Zone | None, **kw) -> None:
        sigs = None if zone is None else self.sign(rrset, zone, **kw)
        self.records[(rrset.name, rrset.rdtype)] = (rrset, sigs)

    def txt(self, user: str, *texts: str | list[str], zone: Zone | None = None,
            owner: str | None = None, **kw) -> dns.name.Name:
        """Publish TXT records for ₿user@shop.example (each text a string or list of strings)."""
        name = dns.name.from_text(f"{user}.user._bitcoin-payment.shop.example.")
        rdatas = [" ".join(f'"{s}"' for s in ([t] if isinstance(t, str) else t)) for t in texts]
        rrset = dns.rrset.from_text_list(owner or name, TTL, "IN", "TXT", rdatas)
        sigs = None if zone is False else self.sign(rrset, zone or self.example, **kw)
        self.records[(name, dns.rdatatype.TXT)] = (rrset, sigs)
        return name

    # -- the resolver ---------------------------------------------------------------------

    def answer(self, wire: bytes, max_size: int = 65535) -> bytes:
        query = dns.message.from_wire(wire)
        question = query.question[0]
        reply = dns.message.make_response(query)
        found = self.records.get((question.name, question.rdtype))
        if question.rdtype in self.servfail_types:
            reply.set_rcode(dns.rcode.SERVFAIL)
        elif found is None:
            if not any(n == question.name for n, _ in self.records):
                reply.set_rcode(dns.rcode.NXDOMAIN)
        else:
            rrset, sigs = found
            reply.answer.append(rrset)
            if sigs is not None:
                reply.answer.append(sigs)
        return reply.to_wire(max_size=max_size)

    def delay_of(self, wire: bytes) -> float:
        """How long the answer to this query waits."""
        if self.delay_types is None:
            return self.delay
        rdtype = dns.message.from_wire(wire).question[0].rdtype
        return self.delay if rdtype in self.delay_types else 0.0

    @contextlib.asynccontextmanager
    async def serving(self) -> Iterator[tuple[str, int]]:
        loop = asyncio.get_running_loop()
        world = self

        class Udp(asyncio.DatagramProtocol):
            def connection_made(self, transport) -> None:
                self.transport = transport

            def datagram_received(self, data: bytes, addr) -> None:
                try:
                    out = world.answer(data, 4096)
                except dns.exception.TooBig:  # too big for UDP: truncated, ask again over TCP
                    reply = dns.message.make_response(dns.message.from_wire(data))
                    reply.flags |= dns.flags.TC
                    out = reply.to_wire()
                loop.call_later(world.delay_of(data), self.transport.sendto, out, addr)

        async def tcp(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            (length,) = struct.unpack("!H", await reader.readexactly(2))
            data = await reader.readexactly(length)
            out = world.answer(data)
            await asyncio.sleep(world.delay_of(data))
            writer.write(struct.pack("!H", len(out)) + out)
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(tcp, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transport, _ = await loop.create_datagram_endpoint(Udp, local_addr=("127.0.0.1", port))
        try:
            yield "127.0.0.1", port
        finally:
            transport.close()
            server.close()
            await server.wait_closed()
