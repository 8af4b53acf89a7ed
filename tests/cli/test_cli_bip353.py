"""`kite resolve` against a locally signed DNS world (its resolver on a thread of its own)."""

from __future__ import annotations

import asyncio
import json
import threading

import coincurve
import dns.dnssec
import dns.name
import pytest

from tests.support.dns_zones import SignedWorld
from wallet.cli import main
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer import Offer
from wallet.ln.bolt12.offer_text import DAMAGED, OTHER_NETWORK
from wallet.networks import REGTEST, TESTNET

ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"


@pytest.fixture
def served():
    """(world, 'host:port', 'ZONE DS' anchor text) with the resolver running."""
    world = SignedWorld()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    box = {}

    async def serve():
        async with world.serving() as (host, port):
            box["where"] = f"{host}:{port}"
            ready.set()
            while not box.get("stop"):
                await asyncio.sleep(0.02)

    thread = threading.Thread(target=loop.run_until_complete, args=(serve(),), daemon=True)
    thread.start()
    assert ready.wait(10)
    ds = dns.dnssec.make_ds(dns.name.root, world.root.dnskey, "SHA256")
    yield world, box["where"], ". " + ds.to_text()
    box["stop"] = True
    thread.join(10)
    loop.close()


def kite(capsys, *args):
    code = main(["resolve", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_resolves_an_address(served, capsys):
    world, where, anchor = served
    world.txt("alice", f"bitcoin:{ADDRESS}?amount=0.001")
    code, out, err = kite(capsys, "₿alice@shop.example", "--dns", where, "--network", "regtest",
                          "--trust-anchor", anchor, "--json")
    assert code == 0, err
    assert json.loads(out) == {"name": "₿alice@shop.example",
                               "uri": f"bitcoin:{ADDRESS}?amount=0.001",
                               "payable": True, "kind": "onchain"}


def test_an_offer_is_payable_as_an_offer_and_a_damaged_one_is_not(served, capsys):
    """`kite pay NAME` pays the offer a name carries (never its on-chain fallback): resolve
    says so; a damaged or other network's offer is refused with its sentence."""
    world, where, anchor = served
    issuer = coincurve.PrivateKey(bytes([0x41]) * 32).public_key.format(compressed=True)
    offer = Offer.build(description="coffee", issuer_id=issuer,
                        chains=(chain_hash(REGTEST.genesis_hash),)).to_string()
    world.txt("alice", f"bitcoin:{ADDRESS}?lno={offer}")
    code, out, _ = kite(capsys, "alice@shop.example", "--dns", where, "--network", "regtest",
                        "--trust-anchor", anchor, "--json")
    assert code == 0 and json.loads(out)["kind"] == "offer" and json.loads(out)["payable"]
    for uri, sentence in ((f"bitcoin:{ADDRESS}?lno=lno1zzz", DAMAGED),
                          (f"bitcoin:{ADDRESS}?lno=" + Offer.build(
                              description="x", issuer_id=issuer,
                              chains=(chain_hash(TESTNET.genesis_hash),)).to_string(),
                           OTHER_NETWORK)):
        world.txt("bob", uri)
        code, out, _ = kite(capsys, "bob@shop.example", "--dns", where, "--network",
                            "regtest", "--trust-anchor", anchor)
        assert code == 0 and f"not payable by Kite: {sentence}" in out


@pytest.mark.parametrize(("args", "words"), [
    (["--trust-anchor", ". 1 13 2 " + "00" * 32], "vouched"),
    (["--trust-anchor", ". 1 13 2 00"], "must be a zone"),
    (["--network", "mainnet"], "vouched"),
])
def test_refusals_are_one_line(served, capsys, args, words):
    world, where, anchor = served
    world.txt("alice", f"bitcoin:{ADDRESS}")
    full = ["₿alice@shop.example", "--dns", where, "--network", "regtest", *args]
    code, out, err = kite(capsys, *full)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and words in err


def test_unsigned_and_bad_options(served, capsys):
    world, where, anchor = served
    world.txt("alice", f"bitcoin:{ADDRESS}", zone=False)
    base = ["₿alice@shop.example", "--dns", where]
    code, _, err = kite(capsys, *base, "--network", "regtest", "--trust-anchor", anchor)
    assert code == 2 and "not signed" in err
    code, _, err = kite(capsys, *base, "--trust-anchor", anchor)
    assert code == 2 and "only be set on regtest" in err
    code, _, err = kite(capsys, "₿alice", "--dns", where)
    assert code == 2 and "₿name@domain" in err
    code, _, err = kite(capsys, *base[:1], "--dns", "127.0.0.1:99999")
    assert code == 2 and "port" in err
