"""CLI commands for LNURL and Lightning addresses:

    kite lnurl decode LNURL [--json]                what the text is (offline, no wallet)
    kite lnurl show LNURL [--json]                  what the service offers (asks the daemon)
    kite lnurl pay LNURL --amount-sat N [--comment TEXT] [--max-fee-sat N] [--json]
    kite lnurl withdraw LNURL [--amount-sat N] [--wait SECONDS] [--json]
    kite lnurl auth LNURL [--yes] [--json]          (asks first unless --yes)

`kite pay LNURL_OR_ADDRESS --amount-sat N [--comment TEXT]` goes the same way as
`kite lnurl pay` (see channel_commands.py). Text a service chose is printed with control
characters escaped.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wallet.cli import add_global_options
from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json
from wallet.cli.decode_command import safe_text
from wallet.errors import InputError
from wallet.lnurl.auth import parse_auth_request
from wallet.lnurl.recognise import recognise


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lnurl", help="LNURL pay, withdraw, login and Lightning addresses")
    lsub = p.add_subparsers(dest="lnurl_command", metavar="ACTION", required=True)

    q = lsub.add_parser("decode", help="what an LNURL or Lightning address is (offline)")
    q.add_argument("text", metavar="LNURL")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_decode)

    q = lsub.add_parser("show", help="what the service offers (nothing is paid or signed)")
    q.add_argument("text", metavar="LNURL")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)

    q = lsub.add_parser("pay", help="pay an LNURL-pay code or a Lightning address")
    add_pay_arguments(q)
    q.add_argument("text", metavar="LNURL")
    q.set_defaults(func=cmd_pay)

    q = lsub.add_parser("withdraw", help="receive from an LNURL-withdraw code")
    q.add_argument("text", metavar="LNURL")
    q.add_argument("--amount-sat", "--amount", type=int, metavar="N",
                   help="how much to withdraw (default: the most the service offers)")
    q.add_argument("--wait", type=float, default=120.0, metavar="SECONDS",
                   help="how long to wait for the service's payment (default 120)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_withdraw)

    q = lsub.add_parser("auth", help="log in with LNURL-auth (asks first unless --yes)")
    q.add_argument("text", metavar="LNURL")
    q.add_argument("--yes", action="store_true", help="agree without being asked")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_auth)

    for nested in lsub.choices.values():  # `kite lnurl show X --network regtest` too
        add_global_options(nested, suppress=True)


def add_pay_arguments(q: argparse.ArgumentParser) -> None:
    """The options of an LNURL payment (shared with `kite pay`)."""
    q.add_argument("--amount-sat", "--amount", type=int, metavar="N",
                   help="the amount (for an invoice without one, or an LNURL/address)")
    q.add_argument("--comment", default="", metavar="TEXT",
                   help="a comment for the payee (LNURL services that take one)")
    q.add_argument("--max-fee-sat", type=int, metavar="N",
                   help="the most to pay in routing fees (default: 1%%, at least 10 sat)")
    q.add_argument("--timeout", type=float, default=60.0)
    q.add_argument("--json", action="store_true")




def _sat(msat: int) -> str:
    whole, rest = divmod(int(msat), 1000)
    return f"{whole:,} sat" if not rest else f"{int(msat):,} msat"


def cmd_decode(args: argparse.Namespace) -> int:
    target = recognise(args.text, local_http=args.network == "regtest")
    out: dict[str, Any] = target.to_json_dict()
    if target.kind == "auth":
        out |= parse_auth_request(target).to_json_dict()
    if args.json:
        print_json(out)
        return 0
    kind = {"pay": "LNURL-pay", "withdraw": "LNURL-withdraw", "auth": "LNURL-auth (login)",
            None: "LNURL (the service's answer will say which kind)"}[target.kind]
    lines = [kind, f"  service  {target.service}"]
    if target.address:
        lines.append(f"  address  {target.address}")
    if target.kind == "auth":
        lines.append(f"  action   {out['action_text']}")
    lines.append(f"  url      {target.url}")
    print("\n".join(lines))
    return 0


def describe(r: dict[str, Any]) -> str:
    """A fetched request (lnurl_fetch) as lines for people."""
    kind = r.get("kind")
    if kind == "auth":
        return (f"Login request from {r['service']}: {r['action_text']}\n"
                f"  your key for {r['domain']}: {r['key']}")
    if kind == "withdraw":
        lines = [f"Withdraw from {r['service']}: {_sat(r['min_msat'])} to "
                 f"{_sat(r['max_msat'])}"]
        if r.get("description"):
            lines.append(f"  description  {safe_text(r['description'])}")
        lines.append(f"  your channels can receive about {_sat(r.get('receivable_msat', 0))}")
        return "\n".join(lines)
    amount = (_sat(r["min_msat"]) if r["min_msat"] == r["max_msat"]
              else f"{_sat(r['min_msat'])} to {_sat(r['max_msat'])}")
    lines = [f"Pay {r['address'] or r['service']}: {amount}",
             f"  description  {safe_text(r['description'])}"]
    if r.get("long_description"):
        lines.append(f"  details      {safe_text(r['long_description'])}")
    if r.get("identifier"):
        lines.append(f"  identifier   {safe_text(r['identifier'])}")
    if r.get("comment_allowed"):
        lines.append(f"  comment      up to {r['comment_allowed']} characters")
    if r.get("image_type"):
        lines.append(f"  image        {r['image_type'].split(';')[0]}")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace) -> int:
    r = _call(args, "lnurl_fetch", text=args.text)
    if args.json:
        print_json(r)
    else:
        print(describe(r))
    return 0


def paid_text(r: dict[str, Any]) -> str:
    """An LNURL payment's outcome, with the service's success action."""
    lines = [f"paid {_sat(r['amount_msat'])} to {r.get('address') or r['service']} (fee "
             f"{_sat(r.get('fee_msat') or 0)}), preimage {r['preimage']}"]
    action = r.get("success_action")
    if action:
        if action.get("error"):
            lines.append(f"{r['service']} says: {safe_text(action['description'])} "
                         f"({safe_text(action['error'])})")
        elif action["tag"] == "message":
            lines.append(f"{r['service']} says: {safe_text(action['message'])}")
        elif action["tag"] == "url":
            lines.append(f"{r['service']} says: {safe_text(action['description'])}\n"
                         f"  {safe_text(action['url'])}")
        else:
            lines.append(f"{r['service']} says: {safe_text(action['description'])}\n"
                         f"  {safe_text(action['message'])}")
    return "\n".join(lines)


def run_pay(args: argparse.Namespace, text: str) -> int:
    params: dict[str, object] = {"text": text, "comment": args.comment,
                                 "timeout": args.timeout}
    if args.amount_sat is not None:
        params["amount_sat"] = args.amount_sat
    if args.max_fee_sat is not None:
        params["max_fee_sat"] = args.max_fee_sat
    r = _call(args, "lnurl_pay", **params)
    if args.json:
        print_json(r)
    else:
        print(paid_text(r))
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    return run_pay(args, args.text)


def cmd_withdraw(args: argparse.Namespace) -> int:
    params: dict[str, object] = {"text": args.text, "wait": args.wait}
    if args.amount_sat is not None:
        params["amount_sat"] = args.amount_sat
    r = _call(args, "lnurl_withdraw", **params)
    if args.json:
        print_json(r)
    elif r["status"] == "paid":
        print(f"received {_sat(r['amount_msat'])} from {r['service']}")
    else:
        print(f"{r['service']} accepted the invoice for {_sat(r['amount_msat'])} but has not "
              "paid it yet; it stays valid for 10 minutes (see `kite payments`)")
    return 0


def cmd_auth(args: argparse.Namespace) -> int:
    if not args.yes:
        shown = _call(args, "lnurl_fetch", text=args.text)
        if shown.get("kind") != "auth":
            raise InputError("This LNURL is not a login request.")
        if not sys.stdin.isatty():
            raise InputError(f"Kite signs a login only when you agree: to {shown['action_text']}"
                             f" at {shown['service']}, repeat with --yes.")
        print(describe(shown))
        answer = input(f"{shown['action_text'].capitalize()} at {shown['service']}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            raise InputError("not signed: you did not agree")
    r = _call(args, "lnurl_auth", text=args.text, yes=True)
    if args.json:
        print_json(r)
    else:
        print(f"signed: {r['action_text']} at {r['service']} with key {r['key']}")
    return 0
