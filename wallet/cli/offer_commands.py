"""`kite offer create [AMOUNT_SAT] [DESCRIPTION] [--quantity-max N] [--issuer TEXT]` and
`kite offer list`: reusable BOLT 12 offers of this wallet (the daemon answers them while it
runs)."""

from __future__ import annotations

import argparse

from wallet.cli import add_global_options
from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json


def register(sub: argparse._SubParsersAction) -> None:
    offer = sub.add_parser("offer", help="reusable BOLT 12 offers to receive with")
    osub = offer.add_subparsers(dest="offer_command", metavar="COMMAND", required=True)
    q = osub.add_parser("create", help="a new reusable offer (paid while the daemon runs)")
    q.add_argument("amount_sat", nargs="?", type=int, default=None,
                   help="the price in sat (default: the payer chooses)")
    q.add_argument("description", nargs="?", default="")
    q.add_argument("--quantity-max", type=int, default=None, metavar="N",
                   help="payers may buy up to N at once (0: any number)")
    q.add_argument("--issuer", default=None, metavar="TEXT", help="who the offer is from")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_create)
    q = osub.add_parser("list", help="this wallet's offers")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)
    for nested in osub.choices.values():
        add_global_options(nested, suppress=True)




def cmd_create(args: argparse.Namespace) -> int:
    params = {"amount_sat": args.amount_sat, "description": args.description,
              "quantity_max": args.quantity_max, "issuer": args.issuer}
    offer = _call(args, "offer_create", **{k: v for k, v in params.items() if v is not None})
    if args.json:
        print_json(offer)
    else:
        print(offer["offer"])
        print("reusable: payers may pay it again and again while this wallet's daemon runs")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    offers = _call(args, "offers")
    if args.json:
        print_json(offers)
        return 0
    for o in offers:
        amount = "any amount" if o["amount_msat"] is None else f"{o['amount_msat'] // 1000} sat"
        print(f"{o['offer_id'][:16]}  {amount}  {o['description'] or ''}\n  {o['offer']}")
    if not offers:
        print("no offer yet: kite offer create [AMOUNT_SAT] [DESCRIPTION]")
    return 0
