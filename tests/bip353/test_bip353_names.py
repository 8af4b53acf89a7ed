"""BIP 353 names, TXT record rules, and chain checks the resolver cannot reach by itself."""

from __future__ import annotations

import time

import dns.name
import dns.rdatatype
import dns.rrset
import pytest

from tests.support.dns_zones import TTL, SignedWorld
from wallet.bip353.dnssec_chain import (
    ROOT_ANCHORS,
    Signed,
    ZoneKeys,
    root_anchors,
    validate_chain,
)
from wallet.bip353.errors import Bip353Error
from wallet.bip353.names import parse_bip353_name
from wallet.bip353.records import bitcoin_uri

QNAME = dns.name.from_text("alice.user._bitcoin-payment.shop.example.")


@pytest.mark.parametrize(("text", "user", "domain"), [
    ("₿alice@shop.example", "alice", "shop.example"),
    ("Alice@Shop.Example.", "alice", "shop.example"),
    ("  ₿a.b_c-d@x.y.z ", "a.b_c-d", "x.y.z"),
])
def test_names(text, user, domain):
    name = parse_bip353_name(text)
    assert (name.user, name.domain) == (user, domain)
    assert name.dns_name == f"{user}.user._bitcoin-payment.{domain}."


@pytest.mark.parametrize(("text", "words"), [
    ("alice", "looks like"),
    ("@shop.example", "looks like"),
    ("al ice@shop.example", "before the @"),
    ("al..ice@shop.example", "before the @"),
    ("alice@example", "no valid domain"),
    ("alice@-bad.example", "no valid domain"),
    ("alice@shop..example", "no valid domain"),
    ("a" * 64 + "@shop.example", "before the @"),
    ("alice@" + ".".join(["a" * 60] * 4) + ".com", "too long"),
])
def test_bad_names(text, words):
    with pytest.raises(Bip353Error, match=words):
        parse_bip353_name(text)


def test_record_rules():
    assert bitcoin_uri([[b"BITCOIN:", b"bc1q"], [b"other"]], "n") == "BITCOIN:bc1q"
    with pytest.raises(Bip353Error, match="not plain text"):
        bitcoin_uri([[b"bitcoin:\xff"]], "n")
    with pytest.raises(Bip353Error, match="several"):
        bitcoin_uri([[b"bitcoin:a"], [b"bitcoin:b"]], "n")


def test_root_anchors_parse():
    anchors = root_anchors()
    assert len(anchors[dns.name.root]) == len(ROOT_ANCHORS)


def _chain(world: SignedWorld) -> list[ZoneKeys]:
    def signed(name, rdtype):
        rrset, sigs = world.records[(name, rdtype)]
        return Signed(rrset, sigs)
    ex = world.example.name
    return [ZoneKeys(ex, signed(ex, dns.rdatatype.DNSKEY), signed(ex, dns.rdatatype.DS)),
            ZoneKeys(dns.name.root, signed(dns.name.root, dns.rdatatype.DNSKEY), None)]


def test_wildcard_answers_are_refused():
    world = SignedWorld()
    wildcard = dns.name.from_text("*.user._bitcoin-payment.shop.example.")
    rrset = dns.rrset.from_text_list(wildcard, TTL, "IN", "TXT", ['"bitcoin:bc1q"'])
    sigs = world.sign(rrset, world.example)
    expanded = dns.rrset.from_text_list(QNAME, TTL, "IN", "TXT", ['"bitcoin:bc1q"'])
    with pytest.raises(Bip353Error, match="wildcard"):
        validate_chain(QNAME, Signed(expanded, dns.rrset.from_rdata(QNAME, TTL, *sigs)),
                       _chain(world), world.anchors, time.time())


def test_honest_chain_and_its_breakages():
    world = SignedWorld()
    world.txt("alice", "bitcoin:bc1q")
    rrset, sigs = world.records[(QNAME, dns.rdatatype.TXT)]
    answer = Signed(rrset, sigs)
    validate_chain(QNAME, answer, _chain(world), world.anchors, time.time())
    other = dns.name.from_text("bob.user._bitcoin-payment.shop.example.")
    with pytest.raises(Bip353Error, match="another name"):
        validate_chain(other, answer, _chain(world), world.anchors, time.time())
    with pytest.raises(Bip353Error, match="without reaching"):
        validate_chain(QNAME, answer, _chain(world)[:1], world.anchors, time.time())
    with pytest.raises(Bip353Error, match="missing"):
        validate_chain(QNAME, answer, [], world.anchors, time.time())
    with pytest.raises(Bip353Error, match="not start"):
        validate_chain(QNAME, answer, _chain(world)[1:], world.anchors, time.time())
    with pytest.raises(Bip353Error, match="expired"):
        validate_chain(QNAME, answer, _chain(world), world.anchors, time.time() + 86400)
    swapped = list(reversed(_chain(world)))
    with pytest.raises(Bip353Error):
        validate_chain(QNAME, answer, swapped, world.anchors, time.time())
