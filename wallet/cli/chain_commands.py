"""CLI commands that ask the running node (over the wallet's socket): stop, balance, address,
history, send, bumpfee, cpfp. `kite daemon` itself is in daemon_command.py."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json
from wallet.errors import InputError
from wallet.export import onchain_rows, to_csv
from wallet.fiat.at_time import timeline_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stop", help="stop the running daemon")
    p.set_defaults(func=lambda a: _print(a, _call(a, "stop"), lambda r: "daemon stopping"))

    p = sub.add_parser("balance", help="on-chain balance")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_balance)

    p = sub.add_parser("address", help="a fresh receive address")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=lambda a: _print(a, _call(a, "address"), lambda r: r["address"]))

    p = sub.add_parser("history", help="on-chain transactions, newest first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--csv", action="store_true", help="as CSV, for a spreadsheet")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("send", help="send bitcoin on-chain")
    p.add_argument("address")
    p.add_argument("amount", help="amount in sat, or 'max'")
    p.add_argument("--feerate", type=float, help="sat/vB (default: the server's estimate)")
    p.add_argument("--yes-high-fee", action="store_true",
                   help="send even when the fee is high (above 100 sat/vB or 10%% of the "
                        "amount); without it a terminal asks, anything else refuses")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_send)

    for name, helptext in (
        ("bumpfee", "replace an unconfirmed transaction with a higher fee (RBF)"),
        ("cpfp", "speed up an unconfirmed transaction by spending our output of it (CPFP)"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("txid")
        p.add_argument("--feerate", type=float, required=True, help="new fee rate, sat/vB")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=cmd_bump, method=name)




def _print(args: argparse.Namespace, result: object, human) -> int:
    if getattr(args, "json", False):
        print_json(result)
    else:
        print(human(result))
    return 0


def balance_lines(r: dict) -> list[str]:
    """The human form of `balance`: on-chain, Lightning, and what a restore is recovering,
    each on lines of its own."""
    lines = [f"confirmed:   {r['confirmed']} sat", f"unconfirmed: {r['unconfirmed']} sat"]
    if r["immature"]:
        lines.append(f"immature:    {r['immature']} sat")
    if "lightning" in r:
        lines.append(f"lightning:   {r['lightning']} sat (can be paid now)")
        for key, words in (("lightning_reserve", "channel reserve (ours, not spendable)"),
                           ("lightning_pending", "in channels being opened"),
                           ("lightning_closing", "in channels closing, not on-chain yet")):
            if r.get(key):
                lines.append(f"             {r[key]} sat {words}")
    recovery = r.get("recovery") or {}
    if recovery.get("channels"):
        lines.append(f"recovering:  {recovery['text']} (not spendable yet)")
    elif r.get("recovering"):
        lines.append(f"being recovered from lost channels (not spendable yet): "
                     f"{r['recovering']} sat")
    if not r["synced"]:
        lines.append("(not synchronised with a server: figures may be out of date)")
    return lines


def cmd_balance(args: argparse.Namespace) -> int:
    return _print(args, _call(args, "balance"), lambda r: "\n".join(balance_lines(r)))


def cmd_history(args: argparse.Namespace) -> int:
    r = _call(args, "history")
    if args.csv:
        sys.stdout.write(to_csv(onchain_rows(r, timeline_from(_call(args, "fiat_rates")))))
        return 0

    def human(rows: list) -> str:
        if not rows:
            return "no transactions yet"
        out = []
        for t in rows:
            when = (datetime.fromtimestamp(t["timestamp"], UTC).strftime("%Y-%m-%d %H:%M")
                    if t["timestamp"] else "pending         ")
            conf = f"{t['confirmations']} conf" if t["confirmations"] else "unconfirmed"
            out.append(f"{when}  {t['delta_sat']:+14d} sat  {conf:>12}  {t['txid']}")
        return "\n".join(out)

    return _print(args, r, human)


def _confirm_high_fee(args: argparse.Namespace, reason: str) -> bool:
    """True when the user accepts a high fee: --yes-high-fee, or 'y' on a terminal."""
    if args.yes_high_fee:
        return True
    if not sys.stdin.isatty():
        raise InputError(f"Not sent: {reason}; repeat with --yes-high-fee to send anyway.")
    answer = input(f"Warning: {reason}. Send anyway? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def cmd_send(args: argparse.Namespace) -> int:
    # Priced first, then sent at exactly the rate priced (and shown, when it is high).
    quote = _call(args, "send", address=args.address, amount=args.amount,
                  feerate=args.feerate, dry_run=True)
    confirmed = False
    if quote.get("high_fee"):
        if not _confirm_high_fee(args, quote["high_fee"]):
            print("not sent")
            return 1
        confirmed = True
    r = _call(args, "send", address=args.address, amount=args.amount,
              feerate=quote["target_feerate"], confirm_high_fee=confirmed)
    return _print(args, r, lambda r: f"sent {r['amount_sat']} sat, fee {r['fee_sat']} sat "
                                     f"({r['feerate']} sat/vB)\ntxid {r['txid']}")


def cmd_bump(args: argparse.Namespace) -> int:
    r = _call(args, args.method, txid=args.txid, feerate=args.feerate)
    return _print(args, r, lambda r: f"new transaction {r['txid']}, fee {r['fee_sat']} sat "
                                     f"({r['feerate']} sat/vB)")
