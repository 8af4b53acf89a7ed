"""CLI command for the wallet's fiat currency (asks the daemon, which keeps its rates):

    kite fiat                    the setting and the sources offered
    kite fiat EUR [--source S]   fetch and keep EUR rates (the export's fiat values)
    kite fiat none               no fiat: no rate is fetched
"""

from __future__ import annotations

import argparse

from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fiat", help="the currency whose rates the node fetches and keeps "
                                    "(the export's fiat values; the window shows it too)")
    p.add_argument("currency", nargs="?", metavar="CURRENCY|none")
    p.add_argument("--source", metavar="NAME", help="the rate source (see `kite fiat`)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_fiat)


def cmd_fiat(args: argparse.Namespace) -> int:
    params = {} if args.currency is None else {"currency": args.currency, "source": args.source}
    r = _call(args, "fiat_setting", **params)
    if args.json:
        print_json(r)
        return 0
    sources = ", ".join(f"{name} ({label})" for name, label in r["sources"].items())
    print(f"currency: {r['currency'] or 'none'}, source: {r['source']}")
    print(f"sources: {sources}")
    return 0
