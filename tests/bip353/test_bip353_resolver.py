"""BIP 353 over a locally signed DNS world: the honest answer, and a lying resolver for each
way an answer can be wrong. Each refusal is one sentence (Bip353Error)."""

from __future__ import annotations

import time

import dns.dnssec
import dns.name
import dns.rdatatype
import dns.rrset
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.support.dns_zones import TTL, SignedWorld, Zone
from wallet.bip353.errors import Bip353Error, NameNotPublished, NameUnanswered, NoInstructions
from wallet.bip353.names import parse_bip353_name
from wallet.bip353.resolver import DnsClient, resolve

URI = "bitcoin:?lno=lno1pgx9getnwss8vetrw3hhyuckyypwa3eyt44h6txtxquqh7lz5djge4afgfjn7k4rgrkuag0jsd5xvxg"
ALICE = parse_bip353_name("₿alice@shop.example")


async def run(world: SignedWorld, *, deadline: float = 10.0, anchors=None):
    async with world.serving() as (host, port):
        return await resolve(ALICE, DnsClient(host, port, timeout=5), anchors or world.anchors,
                             deadline=deadline)


async def refused(world: SignedWorld, words: str, *, unpublished: bool = False,
                  unanswered: bool = False, **kw) -> str:
    """One sentence; `unpublished`: the name publishes nothing, `unanswered`: DNS gave no
    answer about it (either way a plain user@domain may then be a Lightning address), never
    said of an answer that fails the DNSSEC checks."""
    with pytest.raises(Bip353Error, match=words) as err:
        await run(world, **kw)
    assert isinstance(err.value, NameNotPublished) == unpublished
    assert isinstance(err.value, NameUnanswered) == unanswered
    assert isinstance(err.value, NoInstructions) == (unpublished or unanswered)
    message = str(err.value)
    assert message.endswith(".") and "\n" not in message
    return message


async def test_honest_answer():
    world = SignedWorld()
    world.txt("alice", "v=spf1 -all", [URI[:40], URI[40:]])  # strings joined; others ignored
    got = await run(world)
    assert got.uri == URI and got.name == ALICE


async def test_unsigned_answer():
    world = SignedWorld()
    world.txt("alice", URI, zone=False)
    await refused(world, "not signed")


async def test_bad_signature():
    world = SignedWorld()
    name = world.txt("alice", URI)
    _, sigs = world.records[(name, dns.rdatatype.TXT)]
    forged = dns.rrset.from_text_list(name, TTL, "IN", "TXT", ['"bitcoin:bc1qattacker"'])
    world.records[(name, dns.rdatatype.TXT)] = (forged, sigs)
    await refused(world, "signature .* is not valid")


async def test_expired_signature():
    world = SignedWorld()
    world.txt("alice", URI, inception=time.time() - 7200, expiration=time.time() - 3600)
    await refused(world, "expired")


async def test_answer_for_another_name():
    world = SignedWorld()
    bob = world.txt("bob", URI)
    world.records[(dns.name.from_text("alice.user._bitcoin-payment.shop.example."),
                   dns.rdatatype.TXT)] = world.records[(bob, dns.rdatatype.TXT)]
    await refused(world, "no TXT record", unpublished=True)


async def test_several_payment_instructions():
    world = SignedWorld()
    world.txt("alice", URI, "bitcoin:bc1qother")
    await refused(world, "several sets")


async def test_no_bitcoin_uri():
    world = SignedWorld()
    world.txt("alice", "hello world", "lno1notauri")
    await refused(world, "no bitcoin:", unpublished=True)


async def test_oversized_answer_over_tcp():
    world = SignedWorld()
    world.txt("alice", *[[c * 250] * 20 for c in "wxyz"])  # ~20 KB: truncated, then TCP
    await refused(world, "too large")


async def test_oversized_uri():
    world = SignedWorld()
    world.txt("alice", ["bitcoin:?lno=" + "q" * 240] + ["q" * 250] * 20)
    await refused(world, "too long")


async def test_slow_resolver():
    world = SignedWorld()
    world.txt("alice", URI)
    world.delay = 3.0
    await refused(world, "in time", deadline=0.3, unanswered=True)


async def test_a_name_answered_but_its_proof_slow_is_no_fallback():
    """The TXT came; the zone keys did not: something was published that could not be
    checked, so a plain user@domain does not go on as a Lightning address."""
    world = SignedWorld()
    world.txt("alice", URI)
    world.delay, world.delay_types = 3.0, {dns.rdatatype.DNSKEY}
    await refused(world, "proof in time", deadline=0.5)


@pytest.mark.parametrize(("rdtype", "unanswered"), [(dns.rdatatype.TXT, True),
                                                    (dns.rdatatype.DNSKEY, False),
                                                    (dns.rdatatype.DS, False)])
async def test_servfail(rdtype, unanswered):
    world = SignedWorld()
    world.txt("alice", URI)
    world.servfail_types = {rdtype}
    await refused(world, "SERVFAIL", unanswered=unanswered)


async def test_an_unreachable_resolver_is_no_answer():
    async with SignedWorld().serving() as (host, port):
        pass  # closed again: nothing listens on that port now
    with pytest.raises(NameUnanswered, match="could not be asked"):
        await resolve(ALICE, DnsClient(host, port, timeout=0.5), SignedWorld().anchors,
                      deadline=5)


async def test_a_forged_answer_after_a_slow_one_is_still_no_fallback():
    """Slow but answered, then a bad signature: the DNSSEC sentence, never NoInstructions."""
    world = SignedWorld()
    name = world.txt("alice", URI)
    _, sigs = world.records[(name, dns.rdatatype.TXT)]
    forged = dns.rrset.from_text_list(name, TTL, "IN", "TXT", ['"bitcoin:bc1qattacker"'])
    world.records[(name, dns.rdatatype.TXT)] = (forged, sigs)
    world.delay, world.delay_types = 0.2, {dns.rdatatype.TXT}
    await refused(world, "signature .* is not valid")
async def test_no_such_name():
    world = SignedWorld()
    await refused(world, "does not exist", unpublished=True)


async def test_ds_that_names_another_key():
    world = SignedWorld()
    world.txt("alice", URI)
    other = Zone(world.example.name)
    ds = dns.dnssec.make_ds(world.example.name, other.dnskey, "SHA256")
    world.put(dns.rrset.from_rdata(world.example.name, TTL, ds), world.root)
    await refused(world, "vouched")


async def test_keys_signed_by_an_unvouched_key():
    world = SignedWorld()
    world.txt("alice", URI)
    rogue = ec.generate_private_key(ec.SECP256R1())
    rogue_key = dns.dnssec.make_dnskey(rogue.public_key(), "ECDSAP256SHA256", flags=257)
    keys = dns.rrset.from_rdata(world.example.name, TTL, world.example.dnskey, rogue_key)
    world.put(keys, world.example, key=rogue, dnskey=rogue_key)
    await refused(world, r"keys of example\..* is not valid")


async def test_txt_signed_by_a_key_outside_the_zone_keys():
    world = SignedWorld()
    rogue = Zone(world.example.name)
    world.txt("alice", URI, zone=rogue)
    await refused(world, "payment instructions .* is not valid")


async def test_other_trust_anchor():
    world = SignedWorld()
    world.txt("alice", URI)
    stranger = Zone(dns.name.root)
    anchors = {dns.name.root: [dns.dnssec.make_ds(dns.name.root, stranger.dnskey, "SHA256")]}
    await refused(world, "No key of the zone . is vouched", anchors=anchors)


async def test_signed_by_an_unrelated_zone():
    world = SignedWorld()
    evil = Zone(dns.name.from_text("evil."))
    world.txt("alice", URI, zone=evil)
    await refused(world, "unrelated zone")


async def test_root_signing_the_txt_directly_is_fine_but_not_a_sibling():
    world = SignedWorld()
    world.txt("alice", URI, zone=world.root)  # the root may sign it: it contains the name
    assert (await run(world)).uri == URI


async def test_alias_is_refused():
    world = SignedWorld()
    name = dns.name.from_text("alice.user._bitcoin-payment.shop.example.")
    cname = dns.rrset.from_text(name, TTL, "IN", "CNAME", "bob.user._bitcoin-payment.shop.example.")
    world.records[(name, dns.rdatatype.TXT)] = (cname, None)
    await refused(world, "alias")


async def test_regtest_anchor_at_the_devnet_zone():
    world = SignedWorld()
    world.txt("alice", URI)
    anchors = {world.example.name: [dns.dnssec.make_ds(world.example.name,
                                                       world.example.dnskey, "SHA256")]}
    assert (await run(world, anchors=anchors)).uri == URI
