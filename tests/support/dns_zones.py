"""A small signed DNS world for BIP 353 tests: a root zone and `example.` signed locally, a
DS for `example.` in the root, and a local resolver on 127.0.0.1 (UDP and TCP) that answers
from the records, which a test may falsify first. Built of the devnet's own DNS parts
(wallet/devnet/dns_zone.py, wallet/devnet/dns_server.py); only the lies are added here:
slow answers and SERVFAIL."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset

from wallet.devnet.dns_server import serving
from wallet.devnet.dns_zone import TTL, SignedRecords, Zone, txt_rrset

__all__ = ["TTL", "SignedWorld", "Zone"]


class SignedWorld(SignedRecords):
    """Records by (name, type): (rrset, rrsig set or None)."""

    def __init__(self) -> None:
        super().__init__()
        self.root = Zone(dns.name.root)
        self.example = Zone(dns.name.from_text("example."))
        self.lifetime = 3600  # an hour: tests check that a day later it has expired
        self.delay = 0.0
        #: only these record types are delayed (None: every answer), and these get SERVFAIL
        self.delay_types: set[int] | None = None
        self.servfail_types: set[int] = set()
        self.add_zone(self.root)
        self.add_zone(self.example, self.root)

    @property
    def anchors(self) -> dict:
        return {dns.name.root: [self.root.ds]}

    def txt(self, user: str, *texts: str | list[str], zone: Zone | None = None,
            owner: str | None = None, **kw) -> dns.name.Name:
        """Publish TXT records for ₿user@shop.example (each text a string or list of strings)."""
        name = dns.name.from_text(f"{user}.user._bitcoin-payment.shop.example.")
        rrset = txt_rrset(owner or name, list(texts))
        sigs = None if zone is False else self.sign(rrset, zone or self.example, **kw)
        self.records[(name, dns.rdatatype.TXT)] = (rrset, sigs)
        return name

    def answer(self, wire: bytes, max_size: int = 65535) -> bytes:
        if dns.message.from_wire(wire).question[0].rdtype in self.servfail_types:
            reply = dns.message.make_response(dns.message.from_wire(wire))
            reply.set_rcode(dns.rcode.SERVFAIL)
            return reply.to_wire(max_size=max_size)
        return super().answer(wire, max_size)

    def delay_of(self, wire: bytes) -> float:
        """How long the answer to this query waits."""
        if self.delay_types is None:
            return self.delay
        rdtype = dns.message.from_wire(wire).question[0].rdtype
        return self.delay if rdtype in self.delay_types else 0.0

    @contextlib.asynccontextmanager
    async def serving(self) -> AsyncIterator[tuple[str, int]]:
        async with serving(self) as where:
            yield where
