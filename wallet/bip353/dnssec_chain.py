"""DNSSEC validation of a BIP 353 answer, from the TXT record set up to a trust anchor.

The resolver that fetched the records is not trusted: every link is checked here with
dnspython's DNSSEC code (no hand-written cryptography).

1. The TXT set is the name asked for, signed (no wildcard expansion) by a zone that
   contains the name.
2. Each zone's DNSKEY set is signed by one of its keys that the zone above vouches for: a DS
   record (itself signed by the parent's keys) or, at the top, a trust anchor.
3. The chain climbs strictly towards the root and ends at a zone with a trust anchor: the
   root's KSKs on mainnet; on regtest the devnet's own zone may be the anchor.

Signatures are checked at `now` (expired or not yet valid ones fail). Pure code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import dns.dnssec
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from dns.exception import DNSException

from wallet.bip353.errors import Bip353Error
from wallet.sentence import Sentence

#: the IANA root zone KSKs (2017 and 2024) as DS records
ROOT_ANCHORS = (
    "20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
    "38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
)
MAX_CHAIN = 12


@dataclass(frozen=True)
class Signed:
    """A record set and the RRSIG set over it (None when the answer had none)."""

    rrset: dns.rrset.RRset
    rrsigs: dns.rrset.RRset | None


@dataclass(frozen=True)
class ZoneKeys:
    """One zone of the chain: its DNSKEY set and the DS set its parent holds for it (None
    for the anchored zone at the top)."""

    zone: dns.name.Name
    dnskey: Signed
    ds: Signed | None


def anchors_from_text(zone: str, ds_texts: Sequence[str]) -> dict[dns.name.Name, list]:
    """{zone: [DS rdata]} from DS presentation text ("tag alg digest_type hex")."""
    name = dns.name.from_text(zone)
    rdatas = [dns.rdata.from_text("IN", "DS", text) for text in ds_texts]
    return {name: rdatas}


def root_anchors() -> dict[dns.name.Name, list]:
    return anchors_from_text(".", ROOT_ANCHORS)


def _signer(signed: Signed, what: str, name: str) -> dns.name.Name:
    if signed.rrsigs is None or len(signed.rrsigs) == 0:
        raise Bip353Error(Sentence("The DNS answer for %1 is not signed (%2), so it cannot be trusted.", name, what))
    signers = {sig.signer for sig in signed.rrsigs}
    if len(signers) != 1:
        raise Bip353Error(Sentence("The DNS answer for %1 is signed by several zones (%2).", name, what))
    return signers.pop()


def _validate(signed: Signed, keys: dns.rrset.RRset, zone: dns.name.Name, what: str,
              name: str, now: float) -> None:
    try:
        dns.dnssec.validate(signed.rrset, signed.rrsigs, {zone: keys}, now=now)
    except (dns.dnssec.ValidationFailure, DNSException, ValueError, TypeError):
        raise Bip353Error(Sentence("The DNSSEC signature on %1 for %2 is not valid (forged, expired or not yet valid).", what, name)) from None


def _vouched_keys(zone: ZoneKeys, ds_rdatas: Sequence, name: str) -> dns.rrset.RRset:
    """The zone's DNSKEYs that a DS record (or anchor) names."""
    kept = dns.rrset.RRset(zone.zone, dns.rdataclass.IN, dns.rdatatype.DNSKEY)
    for key in zone.dnskey.rrset:
        for ds in ds_rdatas:
            try:
                made = dns.dnssec.make_ds(zone.zone, key, ds.digest_type)
            except (dns.dnssec.UnsupportedAlgorithm, DNSException, ValueError):
                continue
            if made == ds:
                kept.add(key)
    if not kept:
        raise Bip353Error(Sentence("No key of the zone %1 is vouched for by the zone above it, so the answer for %2 cannot be trusted.", zone.zone, name))
    return kept


def validate_chain(
    qname: dns.name.Name,
    answer: Signed,
    zones: Sequence[ZoneKeys],
    anchors: Mapping[dns.name.Name, Sequence],
    now: float,
) -> None:
    """Raise Bip353Error unless `answer` (a TXT set for `qname`) is proven by `zones`
    (from the answer's signer upwards) down from one of `anchors`."""
    name = qname.to_text(omit_final_dot=True)
    rrset = answer.rrset
    if rrset.name != qname or rrset.rdtype != dns.rdatatype.TXT:
        raise Bip353Error(Sentence("The DNS answer is for another name or type than %1.", name))
    signer = _signer(answer, "TXT", name)
    if not qname.is_subdomain(signer):
        raise Bip353Error(Sentence("The DNS answer for %1 is signed by an unrelated zone.", name))
    if any(sig.labels < len(qname) - 1 for sig in answer.rrsigs or ()):
        raise Bip353Error(Sentence("The DNS answer for %1 comes from a wildcard, which Kite does not accept for payment instructions.", name))
    if not zones or len(zones) > MAX_CHAIN:
        raise Bip353Error(Sentence("The DNSSEC chain for %1 is missing or too long.", name))
    if zones[0].zone != signer:
        raise Bip353Error(Sentence("The DNSSEC chain for %1 does not start at the signing zone.", name))

    child: Signed = answer
    child_what: str = Sentence("the payment instructions")
    for index, zone in enumerate(zones):
        if zone.dnskey.rrset.name != zone.zone or zone.dnskey.rrset.rdtype != dns.rdatatype.DNSKEY:
            raise Bip353Error(Sentence("The DNSSEC chain for %1 holds keys of the wrong zone.", name))
        if _signer(zone.dnskey, "DNSKEY", name) != zone.zone:
            raise Bip353Error(Sentence("The keys of %1 are not signed by that zone.", zone.zone))
        anchored = zone.zone in anchors
        if anchored:
            trusted = _vouched_keys(zone, anchors[zone.zone], name)
        else:
            if zone.ds is None or index + 1 >= len(zones):
                raise Bip353Error(Sentence("The DNSSEC chain for %1 stops at %2 without reaching a trust anchor.", name, zone.zone))
            ds = zone.ds
            if ds.rrset.name != zone.zone or ds.rrset.rdtype != dns.rdatatype.DS:
                raise Bip353Error(Sentence("The DNSSEC chain for %1 holds a DS of the wrong zone.", name))
            parent = zones[index + 1].zone
            if _signer(ds, "DS", name) != parent or zone.zone == parent or \
                    not zone.zone.is_subdomain(parent):
                raise Bip353Error(Sentence("The DNSSEC chain for %1 does not climb towards the root.", name))
            trusted = _vouched_keys(zone, list(ds.rrset), name)
        _validate(zone.dnskey, trusted, zone.zone, Sentence("the keys of %1", zone.zone), name, now)
        _validate(child, zone.dnskey.rrset, zone.zone, child_what, name, now)
        if anchored:
            return
        child, child_what = zone.ds, Sentence("the DS records of %1", zone.zone)
    raise Bip353Error(Sentence("The DNSSEC chain for %1 does not reach a trust anchor.", name))
