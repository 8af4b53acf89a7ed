"""The devnet's DNS server and BIP 353 zone, without the chain: Shop's name resolves along
the zone's own trust anchor over UDP (and the server answers over TCP too); each lying name
is refused with its own sentence (and a zone without a DS); a delegated zone's name resolves
along its DS; garbage queries are dropped; the root's anchor does not trust the zone; a regtest
wallet finds the server and the anchor in a running devnet's state file."""

from __future__ import annotations

import asyncio
import os
import socket

import dns.message
import dns.name
import dns.query
import dns.rdatatype
import pytest

from wallet.bip353.errors import Bip353Error, NameNotPublished
from wallet.bip353.names import parse_bip353_name
from wallet.bip353.resolver import ANCHOR_ENV, DNS_ENV, anchors_for, client_for, resolve
from wallet.devnet.bip353_zone import BAD_USERS, DevnetZone, dns_name
from wallet.devnet.dns_server import DnsServer
from wallet.devnet.state import DevnetState, write_devnet_state

OFFER = "lno1" + "qgsqvgnwgcg35z6ee2h3yczraddm72xrfua9uve2rlrm9deu7xyfzrc" * 8

#: what each lying name is refused with
REFUSALS = {
    "unsigned": "is not signed",
    "forged": "signature on the payment instructions .* is not valid",
    "expired": "signature on the payment instructions .* is not valid",
    "notbitcoin": "publishes no bitcoin: payment instructions",
    "twice": "several sets of payment instructions",
    "orphan": "DNS has no DS record for the zone orphan.kite.test.$",
}


@pytest.fixture
def served():
    zone = DevnetZone(OFFER)
    server = DnsServer(zone).start()
    try:
        yield zone, server
    finally:
        server.stop()


def _resolve(server: DnsServer, name: str, anchors):
    return asyncio.run(resolve(parse_bip353_name(name), client_for(server.address), anchors))


def test_shop_name_resolves_along_the_devnet_anchor(served):
    zone, server = served
    found = _resolve(server, zone.shop_name, anchors_for("regtest", zone.anchor))
    assert zone.shop_name == "₿shop@kite.test"
    assert found.uri == f"bitcoin:?lno={OFFER}"


def test_the_server_answers_over_tcp(served):
    zone, server = served
    query = dns.message.make_query(dns_name("shop"), dns.rdatatype.TXT, want_dnssec=True)
    reply = dns.query.tcp(query, server.host, 5, server.port)
    assert [r.rdtype for r in reply.answer] == [dns.rdatatype.TXT, dns.rdatatype.RRSIG]


def test_the_root_anchor_does_not_trust_the_devnet_zone(served):
    zone, server = served
    with pytest.raises(Bip353Error, match="DNS has no DS record for the zone kite.test.$"):
        _resolve(server, zone.shop_name, anchors_for("bitcoin"))
    with pytest.raises(Bip353Error, match="only be set on regtest"):
        anchors_for("bitcoin", zone.anchor)


def test_another_zones_key_is_not_trusted(served):
    zone, server = served
    other = DevnetZone(OFFER)  # the same zone name, another key
    with pytest.raises(Bip353Error, match="is vouched for by the zone above it, so"):
        _resolve(server, zone.shop_name, anchors_for("regtest", other.anchor))


def test_shop_name_in_a_delegated_zone_resolves(served):
    zone, server = served
    found = _resolve(server, zone.delegated_name, anchors_for("regtest", zone.anchor))
    assert zone.delegated_name == "₿shop@pay.kite.test"
    assert found.uri == f"bitcoin:?lno={OFFER}"


@pytest.mark.parametrize("lie", [*BAD_USERS, "orphan"])
def test_each_lying_name_is_refused_with_its_sentence(served, lie):
    zone, server = served
    with pytest.raises(Bip353Error, match=REFUSALS[lie]) as refused:
        _resolve(server, zone.bad_names()[lie], anchors_for("regtest", zone.anchor))
    # only a name publishing no instructions may be taken for a Lightning address
    assert isinstance(refused.value, NameNotPublished) == (lie == "notbitcoin")


def test_garbage_queries_are_dropped_and_the_server_goes_on(served):
    zone, server = served
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"\x00\x01garbage", (server.host, server.port))
    with socket.create_connection((server.host, server.port), 5) as s:
        s.sendall(b"\x00\x05abcde")  # a framed TCP query that is not DNS: closed
        s.settimeout(5)
        assert s.recv(10) == b""
    assert _resolve(server, zone.shop_name, anchors_for("regtest", zone.anchor))


def test_a_name_the_zone_lacks_is_not_published(served):
    zone, server = served
    with pytest.raises(NameNotPublished):
        _resolve(server, "₿nobody@kite.test", anchors_for("regtest", zone.anchor))


def test_regtest_finds_the_running_devnet_in_its_state_file(served, tmp_path, monkeypatch):
    zone, server = served
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv(DNS_ENV, raising=False)
    monkeypatch.delenv(ANCHOR_ENV, raising=False)
    state = DevnetState(electrum_host="127.0.0.1", electrum_port=1, rpc_url="http://x/",
                        directory=str(tmp_path), pid=os.getpid(),
                        bip353={"dns": server.address, "anchor": zone.anchor,
                                "name": zone.shop_name})
    write_devnet_state(state)
    client = client_for(network="regtest")
    assert (client.host, client.port) == (server.host, server.port)
    found = asyncio.run(resolve(parse_bip353_name(zone.shop_name), client,
                                anchors_for("regtest")))
    assert found.uri == f"bitcoin:?lno={OFFER}"
    assert dns.name.root in anchors_for("bitcoin")  # mainnet: the root, devnet or not
