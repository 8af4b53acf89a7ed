"""DNSSEC-signed DNS records made here (dnspython signs; ECDSA P-256), and the answers a
DNS server gives from them: the devnet's BIP 353 zone (`wallet/devnet/dns_server.py`) and
the tests' signed worlds (`tests/support/dns_zones.py`) are built of these.

`SignedRecords` holds records by (name, type) with their RRSIG set, or None for a record
published unsigned; `answer` is the reply to one query in wire format: the record and its
signatures, NOERROR with nothing for a name that has other records, NXDOMAIN otherwise.
Everything is made in memory; keys are fresh for each `Zone` and never written anywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import dns.dnssec
import dns.message
import dns.name
import dns.rcode
import dns.rdatatype
import dns.rrset
from cryptography.hazmat.primitives.asymmetric import ec

ALG = dns.dnssec.Algorithm.ECDSAP256SHA256
TTL = 300
#: how long a signature made here stays valid (the devnet may run for days)
SIGNATURE_LIFETIME = 30 * 24 * 3600


@dataclass
class Zone:
    """A zone and its one key (a KSK, also signing the zone's records)."""

    name: dns.name.Name
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))

    @property
    def dnskey(self):
        return dns.dnssec.make_dnskey(self.key.public_key(), ALG, flags=257)

    @property
    def ds(self):
        """The DS record of the zone's key: what its parent, or a trust anchor, holds."""
        return dns.dnssec.make_ds(self.name, self.dnskey, "SHA256")

    @property
    def anchor_text(self) -> str:
        """"ZONE DS" as `$KITE_BIP353_ANCHOR` and `kite resolve --trust-anchor` take it."""
        return f"{self.name.to_text()} {self.ds.to_text()}"


def txt_rrset(name: dns.name.Name, texts: list[str | list[str]]) -> dns.rrset.RRset:
    """A TXT set at `name`, one record per text (a string, cut into the 255-byte strings
    DNS allows, or a list of strings as given)."""
    rdatas = [" ".join(f'"{s}"' for s in (_pieces(t) if isinstance(t, str) else t))
              for t in texts]
    return dns.rrset.from_text_list(name, TTL, "IN", "TXT", rdatas)


def _pieces(text: str, size: int = 255) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class SignedRecords:
    """Records by (name, type): (rrset, rrsig set or None)."""

    def __init__(self) -> None:
        self.records: dict[tuple[dns.name.Name, int], tuple[dns.rrset.RRset, object]] = {}
        self.lifetime = SIGNATURE_LIFETIME  # seconds a signature made here stays valid

    def sign(self, rrset: dns.rrset.RRset, zone: Zone, *, key=None, dnskey=None,
             inception: float | None = None, expiration: float | None = None):
        """The RRSIG set of `rrset` by `zone` (or `key` claiming to be `dnskey`), valid from
        `inception` to `expiration` (default: a minute ago to `lifetime` on)."""
        now = time.time()
        sig = dns.dnssec.sign(rrset, key or zone.key, zone.name, dnskey or zone.dnskey,
                              inception=inception if inception is not None else now - 60,
                              expiration=expiration if expiration is not None
                              else now + self.lifetime)
        return dns.rrset.from_rdata(rrset.name, TTL, sig)

    def put(self, rrset: dns.rrset.RRset, zone: Zone | None, sigs=None, **kw) -> None:
        """Publish `rrset` signed by `zone` (unsigned when zone is None), or with `sigs`."""
        if sigs is None and zone is not None:
            sigs = self.sign(rrset, zone, **kw)
        self.records[(rrset.name, rrset.rdtype)] = (rrset, sigs)

    def add_zone(self, zone: Zone, parent: Zone | None = None) -> None:
        """The zone's DNSKEY set, self-signed, and its DS in `parent` (when it has one)."""
        self.put(dns.rrset.from_rdata(zone.name, TTL, zone.dnskey), zone)
        if parent is not None:
            self.put(dns.rrset.from_rdata(zone.name, TTL, zone.ds), parent)

    def answer(self, wire: bytes, max_size: int = 65535) -> bytes:
        """The reply to the query `wire` (dns.exception.TooBig past `max_size`)."""
        query = dns.message.from_wire(wire)
        question = query.question[0]
        reply = dns.message.make_response(query)
        found = self.records.get((question.name, question.rdtype))
        if found is None:
            if not any(n == question.name for n, _ in self.records):
                reply.set_rcode(dns.rcode.NXDOMAIN)
        else:
            rrset, sigs = found
            reply.answer.append(rrset)
            if sigs is not None:
                reply.answer.append(sigs)
        return reply.to_wire(max_size=max_size)
