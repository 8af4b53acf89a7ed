"""CLI commands that need the node: daemon, balance, address, history, send, bumpfee, cpfp.

`kite daemon` runs the node; the other commands ask it over the wallet's socket.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import time
from datetime import UTC, datetime

from wallet.cli.common import print_json, read_password, wallet_dir
from wallet.daemon import rpc
from wallet.errors import InputError, KiteError
from wallet.export import onchain_rows, to_csv
from wallet.networks import get_network


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("daemon", help="run the node (chain sync) for this wallet")
    p.add_argument("--server", metavar="HOST:PORT[:s|t]", help="Electrum server (s TLS, t TCP)")
    p.add_argument("--detach", action="store_true", help="run in the background and return")
    p.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING"])
    p.set_defaults(func=cmd_daemon)

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


def _call(args: argparse.Namespace, method: str, **params: object) -> object:
    return rpc.call(rpc.socket_path(wallet_dir(args)), method, **params)


def _print(args: argparse.Namespace, result: object, human) -> int:
    if getattr(args, "json", False):
        print_json(result)
    else:
        print(human(result))
    return 0


def cmd_daemon(args: argparse.Namespace) -> int:
    folder = wallet_dir(args)
    network = get_network(args.network)
    password = read_password(args)
    if args.detach:
        return _detach(args, password)
    logging.basicConfig(
        level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from wallet.daemon.main import run_daemon

    asyncio.run(run_daemon(folder, network, password, args.server,
                           on_ready=lambda: print("daemon ready", flush=True)))
    return 0


def _detach(args: argparse.Namespace, password: str) -> int:
    folder = wallet_dir(args)
    argv = [sys.executable, "-m", "wallet", "--network", args.network, "--wallet", str(folder),
            "daemon", "--log-level", args.log_level]
    if args.server:
        argv += ["--server", args.server]
    env = dict(os.environ, KITE_PASSWORD=password)
    log_path = folder / "daemon.log"
    with open(log_path, "ab") as log_file:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_file,
                                 stderr=subprocess.STDOUT, env=env, start_new_session=True)
    sock = rpc.socket_path(folder)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if child.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-1:] or [""]
            raise KiteError(f"the daemon exited at start: {tail[0]}")
        try:
            rpc.call(sock, "getinfo", timeout=2)
            print(f"daemon started (pid {child.pid}, log {log_path})")
            return 0
        except rpc.DaemonNotRunning:
            time.sleep(0.1)
    child.terminate()
    raise KiteError("the daemon did not start within 60 s")


def cmd_balance(args: argparse.Namespace) -> int:
    r = _call(args, "balance")

    def human(r: dict) -> str:
        lines = [f"confirmed:   {r['confirmed']} sat", f"unconfirmed: {r['unconfirmed']} sat"]
        if r["immature"]:
            lines.append(f"immature:    {r['immature']} sat")
        if r.get("recovering"):
            lines.append(f"being recovered from lost channels (not spendable yet): "
                         f"{r['recovering']} sat")
        if not r["synced"]:
            lines.append("(not synchronised with a server: figures may be out of date)")
        return "\n".join(lines)

    return _print(args, r, human)


def cmd_history(args: argparse.Namespace) -> int:
    r = _call(args, "history")
    if args.csv:
        sys.stdout.write(to_csv(onchain_rows(r)))
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
