"""CLI commands for Lightning channels and direct payments (they ask the running daemon):

    kite channel open NODEID@HOST:PORT AMOUNT_SAT
    kite channel list [--json]   (with the channels a restore found: their `recovery` field)
    kite channel close ID [--force]
    kite invoice AMOUNT_SAT [DESCRIPTION] [--expiry SECONDS]   (AMOUNT_SAT 0: any amount)
    kite pay INVOICE [--max-fee-sat N] [--amount-sat N]       (waits; prints the preimage)
    kite pay LNURL_OR_ADDRESS --amount-sat N [--comment TEXT] (LNURL-pay, see lnurl_commands)
    kite payments [--json|--csv]                              (the payment log, newest first)

`kite daemon --ln-port N` (or `--ln-listen HOST:PORT`, daemon_command.py) makes the node
accept Lightning peers there. Default: it does not listen (outbound channels still work;
a peer that opened a channel to us needs us reachable to reconnect).
"""

from __future__ import annotations

import argparse
import sys
import time

from wallet.cli import add_global_options, lnurl_commands
from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json
from wallet.errors import InputError
from wallet.export import lightning_rows, to_csv
from wallet.fiat.at_time import timeline_from
from wallet.lnurl.recognise import looks_like_lnurl


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("channel", help="Lightning channels")
    csub = p.add_subparsers(dest="channel_command", metavar="ACTION", required=True)

    q = csub.add_parser("open", help="open a channel (we fund it)")
    q.add_argument("peer", metavar="NODEID@HOST:PORT")
    q.add_argument("amount_sat", type=int, metavar="AMOUNT_SAT")
    q.add_argument("--push-msat", type=int, default=0, help="give the peer this much at open")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_open)

    q = csub.add_parser("list", help="our channels")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)

    q = csub.add_parser("close", help="close a channel (cooperatively unless --force)")
    q.add_argument("channel", metavar="ID", help="channel number or channel id (prefix)")
    q.add_argument("--force", action="store_true", help="publish our commitment now")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_close)

    q = csub.add_parser("recover", help="after a restore: find our channels on chain by "
                        "their recovery records and ask each peer to close")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_recover)

    q = sub.add_parser("invoice", help="create a Lightning invoice")
    q.add_argument("amount_sat", type=int, metavar="AMOUNT_SAT", help="0: the payer chooses")
    q.add_argument("description", nargs="?", default="")
    q.add_argument("--expiry", type=int, default=3600, metavar="SECONDS")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_invoice)

    q = sub.add_parser("pay", help="pay a Lightning invoice, a BOLT 12 offer, an LNURL or a "
                                   "Lightning address (waits for the outcome)")
    q.add_argument("invoice", metavar="INVOICE_OR_LNURL")
    lnurl_commands.add_pay_arguments(q)
    q.add_argument("--quantity", type=int, default=None, metavar="N",
                   help="BOLT 12 offers: how many items")
    q.add_argument("--note", default=None, metavar="TEXT",
                   help="BOLT 12 offers: a note to the recipient (in the invoice)")
    q.set_defaults(func=cmd_pay)

    q = sub.add_parser("payments", help="the Lightning payment log, newest first")
    q.add_argument("--json", action="store_true")
    q.add_argument("--csv", action="store_true",
                   help="as CSV, for a spreadsheet (payments that moved money)")
    q.set_defaults(func=cmd_payments)

    for nested in csub.choices.values():  # `kite channel list --network regtest` too
        add_global_options(nested, suppress=True)




def _show(args: argparse.Namespace, result: object, human) -> int:
    if getattr(args, "json", False):
        print_json(result)
    else:
        print(human(result))
    return 0


#: a recovered channel's `recovery` in words (`kite channel list`)
RECOVERY_WORDS = {
    "found": "found by the restore; its peer not reached yet",
    "close_requested": "close requested; waiting for the peer to publish its commitment",
    "closing": "closing; our funds are being swept to the wallet",
    "swept": "swept into the wallet",
    "nothing": "closed with nothing of ours in it",
    "resumed": "resumed from the peer's backup",
}


def _recovered_line(c: dict) -> str:
    """A channel found by a restore (we hold no state of it)."""
    words = RECOVERY_WORDS.get(c["recovery"], c["recovery"])
    amount = f"  ours {c['amount_sat']} sat" if c.get("amount_sat") is not None else ""
    block = (f"  confirms around block {c['confirms_at']}"
             if c.get("confirms_at") is not None and c["recovery"] == "closing" else "")
    sweep = f"  sweep {c['sweep_txid']}" if c.get("sweep_txid") else ""
    return (f"#{c['key_index']} {c['funding_outpoint']} recovered ({words}) "
            f"of {c['capacity_sat']} sat with {c['peer'][:16]}{amount}{block}{sweep}")


def _line(c: dict) -> str:
    if c.get("recovery") and c.get("local_msat") is None:
        return _recovered_line(c)
    balance = ""
    if c.get("local_msat") is not None:
        balance = (f"  local {c['local_msat'] // 1000} sat / remote {c['remote_msat'] // 1000}"
                   f" sat of {c['capacity_sat']} sat")
    scid = f"  {c['short_channel_id']}" if c.get("short_channel_id") else ""
    cid = (c.get("channel_id") or "")[:16]
    err = f"  ({c['error']})" if c.get("error") else ""
    recovered = f"  (recovered: {c['recovery']})" if c.get("recovery") else ""
    return f"#{c['key_index']} {cid} {c['state']}{scid}{balance}{err}{recovered}"


def cmd_open(args: argparse.Namespace) -> int:
    r = _call(args, "channel_open", peer=args.peer, amount_sat=args.amount_sat,
              push_msat=args.push_msat)
    return _show(args, r, lambda c: "opening: " + _line(c) + "\n" + c["reserve"]["notice"])


def cmd_list(args: argparse.Namespace) -> int:
    r = _call(args, "channel_list")
    return _show(args, r, lambda rows: "\n".join(_line(c) for c in rows) or "no channels")


def cmd_close(args: argparse.Namespace) -> int:
    r = _call(args, "channel_close", channel=args.channel, force=args.force)
    return _show(args, r, lambda c: "closing: " + _line(c))


def cmd_recover(args: argparse.Namespace) -> int:
    r = _call(args, "channel_recover")
    return _show(args, r, lambda rows: "\n".join(
        f"#{c['key_index']} {c['funding_outpoint']} with {c['peer'][:16]}: {c['recovery']}"
        for c in rows) or "no channel to recover found")


def cmd_invoice(args: argparse.Namespace) -> int:
    r = _call(args, "invoice", amount_sat=args.amount_sat, description=args.description,
              expiry=args.expiry)
    return _show(args, r, lambda x: x["invoice"])


def cmd_pay(args: argparse.Namespace) -> int:
    if looks_like_lnurl(args.invoice) and not args.invoice.strip().startswith("₿"):
        return lnurl_commands.run_pay(args, args.invoice)
    if args.comment:
        raise InputError("a comment goes only with an LNURL or a Lightning address")
    params: dict[str, object] = {"invoice": args.invoice, "timeout": args.timeout}
    for name in ("quantity", "note"):  # BOLT 12 offers (the daemon refuses them otherwise)
        if getattr(args, name, None) is not None:
            params[name] = getattr(args, name)
    if args.max_fee_sat is not None:
        params["max_fee_sat"] = args.max_fee_sat
    if args.amount_sat is not None:
        params["amount_sat"] = args.amount_sat
    r = _call(args, "pay", **params)
    return _show(args, r, lambda x: f"paid {_sat(x['amount_msat'])} sat (fee "
                                    f"{_sat(x.get('fee_msat') or 0)} sat), preimage "
                                    f"{x['preimage']}")


def _sat(msat: int) -> str:
    """Millisatoshi as sat, with the fraction only when there is one."""
    whole, rest = divmod(int(msat), 1000)
    return f"{whole}" if not rest else f"{whole}.{rest:03d}".rstrip("0")


def _payment_line(p: dict) -> str:
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(p["created_at"]))
    sign = "+" if p["direction"] == "in" else "-"
    amount = "any" if p.get("amount_msat") is None else _sat(p["amount_msat"])
    fee = f" fee {_sat(p['fee_msat'])}" if p.get("fee_msat") else ""
    extra = f"  ({p['failure']})" if p.get("failure") else ""
    desc = f"  {p['description']}" if p.get("description") else ""
    note = f"  note: {p['payer_note']}" if p.get("payer_note") else ""
    return (f"{when} {sign}{amount} sat{fee} {p['status']:<7} "
            f"{p['payment_hash'][:16]}{desc}{note}{extra}")


def cmd_payments(args: argparse.Namespace) -> int:
    r = _call(args, "payments")
    if args.csv:
        sys.stdout.write(to_csv(lightning_rows(r, timeline_from(_call(args, "fiat_rates")))))
        return 0
    return _show(args, r, lambda rows: "\n".join(_payment_line(p) for p in rows)
                 or "no payments")
