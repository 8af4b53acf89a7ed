"""CLI of the relay role (a node that forwards payments as a trampoline):

    kite daemon --trampoline [BASE_MSAT,PPM[,CLTV_DELTA]]   relay (default 1000,100,144)
    kite forward-policy [--fee-base-msat N] [--fee-ppm N] [--cltv-delta N]
    kite forwards [--json]

`--trampoline` is one of the daemon's options (daemon_command.py); the other two ask the
running daemon.
"""

from __future__ import annotations

import argparse
import datetime

from wallet.cli.common import daemon_call, print_json
from wallet.daemon import rpc
from wallet.errors import KiteError


def register(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("forward-policy", help="the fees we charge to relay (show or change)",
                       description="Show the relay policy of the running daemon (started "
                       "with --trampoline); with options, change it for payments from now on.")
    q.add_argument("--fee-base-msat", type=int, metavar="N")
    q.add_argument("--fee-ppm", type=int, metavar="N", help="proportional fee, per million")
    q.add_argument("--cltv-delta", type=int, metavar="N",
                   help="blocks kept between the incoming and the outgoing HTLC's expiry")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_policy)

    q = sub.add_parser("forwards", help="payments this node relayed")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_forwards)


def _call(args: argparse.Namespace, method: str, **params: object) -> object:
    try:
        return daemon_call(args, method, **params)
    except rpc.DaemonError as e:
        if str(e).startswith("unknown method"):
            raise KiteError("this node does not relay payments: start its daemon with "
                            "--trampoline") from None
        raise


def cmd_policy(args: argparse.Namespace) -> int:
    changes = {"fee_base_msat": args.fee_base_msat,
               "fee_proportional_millionths": args.fee_ppm,
               "cltv_expiry_delta": args.cltv_delta}
    policy = _call(args, "forward_policy", **{k: v for k, v in changes.items() if v is not None})
    if args.json:
        print_json(policy)
    else:
        print(f"fee {policy['fee_base_msat']} msat + {policy['fee_proportional_millionths']} "
              f"ppm, CLTV delta {policy['cltv_expiry_delta']} blocks")
    return 0


def cmd_forwards(args: argparse.Namespace) -> int:
    rows = _call(args, "forwards")
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        when = datetime.datetime.fromtimestamp(r["created_at"], datetime.UTC)
        fee = f"fee {r['fee_msat']} msat" if r["fee_msat"] is not None else ""
        why = f" ({r['why']})" if r["why"] else ""
        print(f"{when:%Y-%m-%d %H:%M:%S} {r['kind']:<10} {r['status']:<10} "
              f"{r['amount_msat'] // 1000} sat {fee} {r['payment_hash'][:16]}{why}")
    if not rows:
        print("nothing relayed")
    return 0
