"""CLI commands for the user's notes and the whole history as a file (they ask the daemon):

    kite label TXID|PAYMENT_HASH TEXT     (an empty TEXT removes the note)
    kite export [--format csv|json] [--output FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wallet.cli.common import daemon_call as _call
from wallet.cli.common import print_json
from wallet.errors import InputError
from wallet.export import FORMATS, export_text
from wallet.fiat.at_time import timeline_from


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("label", help="write a note on a transaction or a payment "
                                     "(shown in the history and exported)")
    p.add_argument("ref", metavar="TXID|PAYMENT_HASH")
    p.add_argument("text", metavar="TEXT", help="the note; \"\" removes it")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_label)

    p = sub.add_parser("export", help="the whole history (on-chain and Lightning) as CSV "
                                      "or JSON, with the notes")
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("--output", metavar="FILE", help="write to FILE (default: print)")
    p.set_defaults(func=cmd_export)




def cmd_label(args: argparse.Namespace) -> int:
    r = _call(args, "label", ref=args.ref, text=args.text)
    if args.json:
        print_json(r)
    elif r["note"]:
        print(f"note on {r['kind']} {r['ref']}: {r['note']}")
    else:
        print(f"note removed from {r['kind']} {r['ref']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    text = export_text(_call(args, "history"), _call(args, "payments"), args.format,
                       timeline_from(_call(args, "fiat_rates")))
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).expanduser().write_text(text, encoding="utf-8", newline="")
    except OSError as e:
        raise InputError(f"cannot write {args.output}: {e.strerror}") from None
    print(f"history written to {args.output}")
    return 0
