"""`kite resolve ₿user@domain`: the BIP 353 payment instructions of a name, DNSSEC-checked
up to the root's trust anchor (on regtest, `--trust-anchor` may name the devnet's zone), and
what Kite would do with them. Needs no wallet."""

from __future__ import annotations

import argparse
import asyncio

from wallet.bip353.names import parse_bip353_name
from wallet.bip353.resolver import anchors_for, client_for, resolve
from wallet.cli.common import print_json
from wallet.cli.decode_command import safe_text
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer_text import OfferTextError, offer_in_text, read_offer
from wallet.networks import NETWORKS, Network
from wallet.payment_request import PaymentRequestError, parse_payment_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve", help="look up the payment instructions of a BIP 353 name (₿user@domain)",
        description="Ask DNS for the payment instructions of a BIP 353 name, check their "
        "DNSSEC signatures up to the root, and show them.")
    parser.add_argument("name", metavar="NAME", help="₿user@domain (the ₿ may be left out)")
    parser.add_argument("--dns", metavar="HOST[:PORT]", default=None,
                        help="the DNS resolver to ask (default: KITE_DNS, else on regtest the "
                        "running devnet's, else the system's)")
    parser.add_argument("--trust-anchor", metavar="'ZONE DS'", default=None,
                        help="regtest only: trust this zone's key (DS record text) instead of "
                        "the root's")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    name = parse_bip353_name(args.name)
    client = client_for(args.dns, args.network)
    found = asyncio.run(resolve(name, client, anchors_for(args.network, args.trust_anchor)))
    network = NETWORKS[args.network]
    try:
        verdict, what = _verdict(found.uri, network)
    except (PaymentRequestError, OfferTextError) as e:
        verdict = {"payable": False, "refusal": e.message}
        what = f"not payable by Kite: {e.message}"
    if args.json:
        print_json({"name": str(name), "uri": found.uri, **verdict})
    else:
        print(f"{name}\n  uri  {safe_text(found.uri)}\n  {what}")
    return 0


def _verdict(uri: str, network: Network) -> tuple[dict, str]:
    """What Kite would pay: the offer when the URI carries one (as `kite pay` does; its
    on-chain fallback never), else what `parse_payment_text` reads."""
    offer_text = offer_in_text(uri)
    if offer_text is not None:
        read_offer(offer_text, chain_hash(network.genesis_hash))  # OfferTextError: why not
        return {"payable": True, "kind": "offer"}, "payable: offer (kite pay NAME)"
    request = parse_payment_text(uri, network)
    return {"payable": True, "kind": request.kind}, f"payable: {request.kind}"
