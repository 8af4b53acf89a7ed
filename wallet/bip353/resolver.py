"""BIP 353 resolution over DNS (the shell): ask a recursive resolver for the name's TXT set
and every DNSKEY and DS set up to the trust anchor, with the DNSSEC records, then hand it
all to `dnssec_chain.validate_chain` and `records.bitcoin_uri`.

The resolver is not trusted (Checking Disabled is set so that it passes records on even if it
cannot validate them itself; we validate). UDP first, TCP when the answer is truncated; one
deadline for the whole resolution; answers over `MAX_ANSWER_BYTES` are refused. No answer
about the name itself (a timeout, an unreachable resolver, SERVFAIL) is `NameUnanswered`
(a plain user@domain may then be a Lightning address); once its TXT answer is in, any
failure is a Bip353Error.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import dns.asyncquery
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.resolver
import dns.rrset
from dns.exception import DNSException

from wallet.bip353.dnssec_chain import (
    MAX_CHAIN,
    Signed,
    ZoneKeys,
    anchors_from_text,
    root_anchors,
    validate_chain,
)
from wallet.bip353.errors import Bip353Error, NameNotPublished, NameUnanswered
from wallet.bip353.names import Bip353Name
from wallet.bip353.records import bitcoin_uri
from wallet.deadline import within
from wallet.sentence import Sentence

DEADLINE = 10.0
MAX_ANSWER_BYTES = 16_384
#: HOST[:PORT] of the DNS resolver to ask (default: the system's first one)
DNS_ENV = "KITE_DNS"
#: regtest only: "ZONE DS-TEXT", a zone to trust instead of the root (the devnet's)
ANCHOR_ENV = "KITE_BIP353_ANCHOR"


@dataclass(frozen=True)
class Resolution:
    name: Bip353Name
    uri: str


class DnsClient:
    """Queries one recursive resolver at `host`:`port`."""

    def __init__(self, host: str, port: int = 53, timeout: float = 4.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout

    async def query(self, qname: dns.name.Name, rdtype: int) -> dns.message.Message:
        q = dns.message.make_query(qname, rdtype, want_dnssec=True, payload=4096)
        q.flags |= dns.flags.CD | dns.flags.RD
        try:
            reply = await dns.asyncquery.udp(q, self.host, self.timeout, self.port,
                                             raise_on_truncation=False)
            if reply.flags & dns.flags.TC:
                reply = await dns.asyncquery.tcp(q, self.host, self.timeout, self.port)
        except (DNSException, OSError, EOFError) as exc:
            raise NameUnanswered(Sentence("The DNS resolver could not be asked about %1: %2.",
                                          qname, type(exc).__name__)) from None
        if len(reply.to_wire()) > MAX_ANSWER_BYTES:
            raise Bip353Error(Sentence("The DNS answer about %1 is too large to be real.", qname))
        return reply


def _signed(reply: dns.message.Message, qname: dns.name.Name, rdtype: int, section,
            what: str) -> Signed:
    name_itself = rdtype == dns.rdatatype.TXT  # the name's own record, not its zone's keys
    if reply.rcode() != dns.rcode.NOERROR:
        error = (NameNotPublished if name_itself and reply.rcode() == dns.rcode.NXDOMAIN
                 else NameUnanswered if name_itself and reply.rcode() == dns.rcode.SERVFAIL
                 else Bip353Error)
        raise error(Sentence("DNS says %1 does not exist (%2).", what,
                             dns.rcode.to_text(reply.rcode())))
    try:
        rrset = reply.find_rrset(section, qname, dns.rdataclass.IN, rdtype)
    except KeyError:
        if rdtype == dns.rdatatype.TXT and any(r.rdtype == dns.rdatatype.CNAME
                                               for r in reply.answer):
            raise Bip353Error(Sentence("%1 is an alias (CNAME), which Kite does not follow yet.", what)) \
                from None
        raise (NameNotPublished if name_itself else Bip353Error)(
            Sentence("DNS has no %1 record for %2.", dns.rdatatype.to_text(rdtype), what)) from None
    try:
        sigs = reply.find_rrset(section, qname, dns.rdataclass.IN, dns.rdatatype.RRSIG, rdtype)
    except KeyError:
        sigs = None
    return Signed(rrset, sigs)


async def _chain(client: DnsClient, signer: dns.name.Name,
                 anchors: Mapping[dns.name.Name, Sequence]) -> list[ZoneKeys]:
    zones: list[ZoneKeys] = []
    zone = signer
    while len(zones) < MAX_CHAIN:
        reply = await client.query(zone, dns.rdatatype.DNSKEY)
        what = f"the zone {zone.to_text(omit_final_dot=zone != dns.name.root)}"
        dnskey = _signed(reply, zone, dns.rdatatype.DNSKEY, reply.answer, what)
        if zone in anchors or zone == dns.name.root:
            zones.append(ZoneKeys(zone, dnskey, None))
            return zones
        reply = await client.query(zone, dns.rdatatype.DS)
        ds = _signed(reply, zone, dns.rdatatype.DS, reply.answer, what)
        zones.append(ZoneKeys(zone, dnskey, ds))
        parents = {sig.signer for sig in ds.rrsigs or ()}
        if len(parents) != 1:
            return zones  # validate_chain names the fault
        parent = parents.pop()
        if parent == zone or not zone.is_subdomain(parent):
            return zones
        zone = parent
    return zones


async def resolve(name: Bip353Name, client: DnsClient,
                  anchors: Mapping[dns.name.Name, Sequence], *, deadline: float = DEADLINE,
                  now: float | None = None) -> Resolution:
    """The name's `bitcoin:` URI, DNSSEC-proven; Bip353Error with one sentence otherwise."""
    answered = False

    async def run() -> Resolution:
        nonlocal answered
        qname = dns.name.from_text(name.dns_name)
        reply = await client.query(qname, dns.rdatatype.TXT)
        answered = True
        answer = _signed(reply, qname, dns.rdatatype.TXT, reply.answer, str(name))
        signers = {sig.signer for sig in answer.rrsigs or ()}
        signer = signers.pop() if len(signers) == 1 else None
        # an unsigned answer, or one signed by a zone that does not hold the name, is
        # refused by validate_chain without asking further
        try:
            zones = (await _chain(client, signer, anchors)
                     if signer is not None and qname.is_subdomain(signer) else [])
        except NameUnanswered as exc:  # the name answered; its proof did not come
            raise Bip353Error(str(exc)) from None
        validate_chain(qname, answer, zones, anchors, time.time() if now is None else now)
        return Resolution(name, bitcoin_uri([r.strings for r in answer.rrset], str(name)))

    try:
        return await within(deadline, run())
    except TimeoutError:
        if not answered:
            raise NameUnanswered(Sentence("DNS did not answer about %1 in time.", name)) from None
        raise Bip353Error(Sentence("DNS did not answer about %1's proof in time.", name)) from None


def _devnet_entry(network: str | None, key: str) -> str | None:
    """On regtest, the running devnet's BIP 353 `dns` or `anchor` (its state file)."""
    if network != "regtest":
        return None
    from wallet.devnet.state import read_devnet_state

    try:
        state = read_devnet_state()
    except Exception:  # an unreadable state file: as if no devnet ran
        return None
    return None if state is None or state.bip353 is None else state.bip353[key]


def client_for(text: str | None = None, network: str | None = None) -> DnsClient:
    """A client of `text` (HOST[:PORT]), else $KITE_DNS, else on regtest the running
    devnet's DNS server, else the system's resolver."""
    text = text or os.environ.get(DNS_ENV) or _devnet_entry(network, "dns")
    if not text:
        try:
            text = dns.resolver.Resolver().nameservers[0]
        except (dns.resolver.NoResolverConfiguration, IndexError, OSError):
            raise Bip353Error("No DNS resolver is configured on this computer.") from None
    host, sep, port = text.rpartition(":") if text.count(":") == 1 else ("", "", "")
    if not sep:
        return DnsClient(text)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise Bip353Error(Sentence("The DNS resolver %1 has no valid port (1 to 65535).", repr(text)))
    return DnsClient(host, int(port))


def anchors_for(network: str, text: str | None = None) -> dict:
    """The root's trust anchors; on regtest, `text`, $KITE_BIP353_ANCHOR or the running
    devnet's state file may name another zone ("ZONE DS") to trust instead (the devnet's
    own)."""
    text = text if text is not None else (os.environ.get(ANCHOR_ENV)
                                          or _devnet_entry(network, "anchor")
                                          if network == "regtest" else None)
    if text is None:
        return root_anchors()
    if network != "regtest":
        raise Bip353Error("A trust anchor other than the root's can only be set on regtest.")
    zone, _, ds = text.strip().partition(" ")
    try:
        return anchors_from_text(zone, [ds])
    except (DNSException, ValueError, TypeError, AttributeError):
        raise Bip353Error("The trust anchor must be a zone and a DS record, like "
                          "'kite.test. 12345 13 2 ABCD…'.") from None
