"""`kite resolve ₿user@domain`: the BIP 353 payment instructions of a name, DNSSEC-checked
up to the root's trust anchor (on regtest, `--trust-anchor` may name the devnet's zone), and
what Kite would do with them. Needs no wallet."""

from __future__ import annotations

import argparse
import asyncio
import os

import dns.resolver
from dns.exception import DNSException

from wallet.bip353.dnssec_chain import anchors_from_text, root_anchors
from wallet.bip353.names import parse_bip353_name
from wallet.bip353.resolver import DnsClient, resolve
from wallet.cli.common import print_json
from wallet.cli.decode_command import safe_text
from wallet.errors import InputError
from wallet.networks import NETWORKS
from wallet.payment_request import PaymentRequestError, parse_payment_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve", help="look up the payment instructions of a BIP 353 name (₿user@domain)",
        description="Ask DNS for the payment instructions of a BIP 353 name, check their "
        "DNSSEC signatures up to the root, and show them.")
    parser.add_argument("name", metavar="NAME", help="₿user@domain (the ₿ may be left out)")
    parser.add_argument("--dns", metavar="HOST[:PORT]", default=None,
                        help="the DNS resolver to ask (default: KITE_DNS, else the system's)")
    parser.add_argument("--trust-anchor", metavar="'ZONE DS'", default=None,
                        help="regtest only: trust this zone's key (DS record text) instead of "
                        "the root's")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    parser.set_defaults(func=run)


def _server(text: str | None) -> tuple[str, int]:
    text = text or os.environ.get("KITE_DNS")
    if not text:
        try:
            text = dns.resolver.Resolver().nameservers[0]
        except (dns.resolver.NoResolverConfiguration, IndexError, OSError):
            raise InputError("No DNS resolver is configured on this computer: give one with "
                             "--dns.") from None
    host, sep, port = text.rpartition(":") if text.count(":") == 1 else ("", "", "")
    if not sep:
        return text, 53
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(f"--dns {text!r}: the port must be a number from 1 to 65535.")
    return host, int(port)


def _anchors(args: argparse.Namespace) -> dict:
    if args.trust_anchor is None:
        return root_anchors()
    if args.network != "regtest":
        raise InputError("A trust anchor other than the root's can only be set on regtest.")
    zone, _, ds = args.trust_anchor.strip().partition(" ")
    try:
        return anchors_from_text(zone, [ds])
    except (DNSException, ValueError, TypeError, AttributeError):
        raise InputError("--trust-anchor must be a zone and a DS record, like "
                         "'kite.test. 12345 13 2 ABCD…'.") from None


def run(args: argparse.Namespace) -> int:
    name = parse_bip353_name(args.name)
    host, port = _server(args.dns)
    found = asyncio.run(resolve(name, DnsClient(host, port), _anchors(args)))
    network = NETWORKS[args.network]
    try:
        request = parse_payment_text(found.uri, network)
        verdict = {"payable": True, "kind": request.kind}
        what = f"payable: {request.kind}"
    except PaymentRequestError as e:
        verdict = {"payable": False, "refusal": e.message}
        what = f"not payable by Kite: {e.message}"
    if args.json:
        print_json({"name": str(name), "uri": found.uri, **verdict})
    else:
        print(f"{name}\n  uri  {safe_text(found.uri)}\n  {what}")
    return 0
