"""`kite devnet up | mine | fund | reorg | invoice | offer | name | pay | lnurl`: a local regtest
world.

`up` runs the devnet in the foreground until interrupted (Ctrl-C or SIGTERM): the chain
(bcoin + ElectrumX) and two Kite nodes, Tram (a trampoline) and Shop (a merchant) with a
channel between them (`wallet.devnet.world`; `--chain-only` leaves the nodes out). It
prints its endpoints and the nodes' ids and addresses as JSON and records them in the
state file (`wallet.devnet.state_path()`), which `mine`, `fund`, `reorg`, `invoice`, `pay`,
`lnurl` and `--network regtest` wallets read to find it. Shop's LNURL service (its Lightning
address and LNURLs) is printed too; `lnurl` prints a fresh LNURL of it. So is `bip353`: the
devnet's DNS server, its zone's trust anchor and Shop's name (`name` prints it).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from wallet.cli.common import print_json
from wallet.daemon import rpc
from wallet.devnet import Devnet, DevnetChain, DevnetError, read_devnet_state
from wallet.devnet.lnurl_codes import LnurlCodes
from wallet.devnet.state import DevnetState, remove_devnet_state, state_path, write_devnet_state
from wallet.devnet.world import DevnetWorld
from wallet.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "devnet", help="a local regtest chain and Electrum server (bcoin + ElectrumX)",
        description="Run and drive a local regtest devnet: a bcoin node and an ElectrumX "
        "server over it. Install its parts once with scripts/setup_devnet.sh.",
    )
    sub = p.add_subparsers(dest="devnet_command", metavar="ACTION", required=True)

    up = sub.add_parser(
        "up", help="start the devnet and run until interrupted",
        description="Start the devnet (chain, Electrum server, and the Kite nodes Tram and "
        "Shop with a channel between them), print its endpoints and the nodes' addresses as "
        f"JSON, write them to the state file ({state_path()}), and run until Ctrl-C or "
        "SIGTERM, then stop everything. A regtest wallet opens a channel to Tram's address "
        "to pay Shop's invoices.",
    )
    up.add_argument("--dir", metavar="DIR", default=None,
                    help="keep logs and the Electrum database here (default: a temporary "
                    "folder, removed on exit)")
    up.add_argument("--blocks", type=int, default=101, metavar="N",
                    help="mine the chain to this height at start (default 101)")
    up.add_argument("--chain-only", action="store_true",
                    help="start only the chain and the Electrum server (no Tram, no Shop)")
    up.set_defaults(func=cmd_up)

    mine = sub.add_parser("mine", help="mine blocks on the running devnet",
                          description="Mine N blocks; prints their hashes as JSON.")
    mine.add_argument("n", type=int, metavar="N", help="number of blocks")
    mine.add_argument("--to", metavar="ADDRESS", default=None,
                      help="coinbase address (default: the devnet's own)")
    mine.set_defaults(func=cmd_mine)

    fund = sub.add_parser(
        "fund", help="send coins to an address and confirm them",
        description="Send AMOUNT_SAT to ADDRESS from the devnet's coins, mine a block, and "
        "print the transaction id.",
    )
    fund.add_argument("address", metavar="ADDRESS")
    fund.add_argument("amount", type=int, metavar="AMOUNT_SAT")
    fund.set_defaults(func=cmd_fund)

    reorg = sub.add_parser(
        "reorg", help="replace the last blocks with a longer branch",
        description="Replace the last DEPTH blocks with DEPTH+EXTRA new ones, as a chain "
        "reorganisation would. Their transactions are mined again in the new branch, except "
        "those given with --drop (and whatever spends them), which vanish. Prints the new "
        "blocks' hashes as JSON once the Electrum server is at the new tip.",
    )
    reorg.add_argument("depth", type=int, metavar="DEPTH", help="number of blocks to replace")
    reorg.add_argument("--drop", metavar="TXID", nargs="+", action="extend", default=[],
                       help="transactions (in the replaced blocks or the mempool) to leave out")
    reorg.add_argument("--extra", type=int, default=1, metavar="N",
                       help="blocks the new branch has beyond DEPTH (default 1)")
    reorg.set_defaults(func=cmd_reorg)

    invoice = sub.add_parser(
        "invoice", help="ask Shop for an invoice",
        description="Print a BOLT 11 invoice of the devnet's merchant node Shop.",
    )
    invoice.add_argument("amount", type=int, metavar="AMOUNT_SAT",
                         help="amount in sat (0: any amount, the payer chooses)")
    invoice.add_argument("description", nargs="?", default="", metavar="DESC")
    invoice.set_defaults(func=cmd_invoice)

    offer = sub.add_parser(
        "offer", help="ask Shop for a reusable BOLT 12 offer",
        description="Print a new BOLT 12 offer of Shop (reached through Tram); pay it with "
        "`kite pay`, as often as you like.",
    )
    offer.add_argument("amount", type=int, nargs="?", default=0, metavar="AMOUNT_SAT",
                       help="amount in sat (0 or none: the payer chooses)")
    offer.add_argument("description", nargs="?", default="", metavar="DESC")
    offer.set_defaults(func=cmd_offer)

    name = sub.add_parser(
        "name", help="print Shop's BIP 353 name (₿shop@kite.test)",
        description="Print the BIP 353 name under which the devnet's DNS server publishes "
        "Shop's reusable offer, DNSSEC-signed by the devnet's own zone (regtest wallets "
        "trust its key); pay it with `kite pay NAME --amount-sat N`. With --json also the "
        "DNS server and the trust anchor.")
    name.add_argument("--json", action="store_true", help="print a JSON object instead")
    name.set_defaults(func=cmd_name)

    pay = sub.add_parser(
        "pay", help="make Shop pay an invoice",
        description="Shop pays INVOICE (through Tram); prints the result as JSON.",
    )
    pay.add_argument("invoice", metavar="INVOICE")
    pay.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS")
    pay.set_defaults(func=cmd_pay)

    lnurl = sub.add_parser(
        "lnurl", help="print a fresh LNURL of Shop's LNURL service",
        description="Print an LNURL of the devnet Shop's LNURL service: pay (a bech32 "
        "LNURL-pay; with --address its Lightning address instead), withdraw (a new one-time "
        "withdraw code: Shop pays the wallet's invoice) or auth (a new login challenge).",
    )
    lnurl.add_argument("kind", choices=("pay", "withdraw", "auth"), metavar="KIND",
                       help="pay, withdraw or auth")
    lnurl.add_argument("--address", action="store_true",
                       help="pay: print the Lightning address (coffee@HOST:PORT)")
    lnurl.set_defaults(func=cmd_lnurl)


class _Stop(BaseException):
    """Raised from the SIGTERM/SIGINT handler to unwind `up` through its cleanup."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop


def cmd_up(args: argparse.Namespace) -> int:
    running = read_devnet_state()
    if running is not None:
        raise DevnetError(
            f"a devnet is already running (pid {running.pid}, Electrum "
            f"{running.electrum_server}); stop it first"
        )
    if args.blocks < 0:
        raise InputError("--blocks must be 0 or more")
    previous = {s: signal.signal(s, _raise_stop) for s in (signal.SIGTERM, signal.SIGINT)}
    if args.chain_only:
        devnet: Devnet | DevnetWorld = Devnet(args.dir, initial_blocks=args.blocks)
    else:
        devnet = DevnetWorld(args.dir, initial_blocks=args.blocks)
    path = None
    failed = False
    try:
        devnet.start()
        state = devnet.state()
        path = write_devnet_state(state)
        print_json({**state.to_json(), **_fresh_lnurls(state), "state_file": str(path),
                    "startup_seconds": round(devnet.startup_seconds or 0, 3)})
        sys.stdout.flush()
        while True:
            time.sleep(0.5)
            for child in _children(devnet):
                child.check_running()
    except _Stop:
        return 0
    except BaseException:
        failed = True  # keep the logs the error points at
        raise
    finally:
        for s in previous:
            signal.signal(s, signal.SIG_IGN)  # a second signal must not cut the cleanup short
        if path is not None:
            remove_devnet_state(path)
        devnet.close(failed=failed)
        for s, handler in previous.items():
            signal.signal(s, handler)


def _children(devnet: Devnet | DevnetWorld) -> list:
    if isinstance(devnet, DevnetWorld):
        nodes = [n.child for n in (devnet.tram, devnet.shop) if n is not None]
        return [*nodes, *_children(devnet.chain)] if isinstance(devnet.chain, Devnet) else nodes
    return [c for c in (devnet.bcoin, devnet.electrumx) if c is not None]


def _running_chain() -> DevnetChain:
    state = read_devnet_state()
    if state is None:
        raise DevnetError("no devnet is running; start one with `kite devnet up`")
    return DevnetChain.from_state(state)


def cmd_mine(args: argparse.Namespace) -> int:
    if args.n < 1:
        raise InputError("N must be 1 or more")
    print_json(_running_chain().mine(args.n, args.to))
    return 0


def cmd_fund(args: argparse.Namespace) -> int:
    if args.amount <= 0:
        raise InputError("AMOUNT_SAT must be positive")
    chain = _running_chain()
    txid = chain.fund(args.address, args.amount)
    chain.mine(1)
    print(txid)
    return 0


def cmd_reorg(args: argparse.Namespace) -> int:
    if args.depth < 1:
        raise InputError("DEPTH must be 1 or more")
    if args.extra < 1:
        raise InputError("--extra must be 1 or more (the new branch needs more work)")
    print_json(_running_chain().reorg(args.depth, args.drop, args.extra))
    return 0


def _shop() -> dict:
    state: DevnetState | None = read_devnet_state()
    if state is None:
        raise DevnetError("no devnet is running; start one with `kite devnet up`")
    if state.shop is None:
        raise DevnetError("the running devnet has no Shop node (it was started with "
                          "--chain-only)")
    return state.shop


def cmd_invoice(args: argparse.Namespace) -> int:
    if args.amount < 0:
        raise InputError("AMOUNT_SAT must be positive (or 0: the payer chooses)")
    reply = rpc.request(Path(_shop()["socket"]), "invoice",
                        {"amount_sat": args.amount, "description": args.description}, 60.0)
    print(reply["invoice"])
    return 0


def cmd_offer(args: argparse.Namespace) -> int:
    if args.amount < 0:
        raise InputError("AMOUNT_SAT must be positive (or 0: the payer chooses)")
    params: dict = {"description": args.description or ("a coffee" if args.amount else "")}
    if args.amount:
        params["amount_sat"] = args.amount
    print(rpc.request(Path(_shop()["socket"]), "offer_create", params, 60.0)["offer"])
    return 0


def cmd_name(args: argparse.Namespace) -> int:
    state = read_devnet_state()
    if state is None or state.bip353 is None:
        raise DevnetError("no devnet world is running; start one with `kite devnet up`")
    if args.json:
        print_json(state.bip353)
    else:
        print(state.bip353["name"])
    return 0


def cmd_pay(args: argparse.Namespace) -> int:
    if args.timeout <= 0:
        raise InputError("--timeout must be positive")
    print_json(rpc.request(Path(_shop()["socket"]), "pay",
                           {"invoice": args.invoice, "timeout": args.timeout}, args.timeout + 30))
    return 0


def _fresh_lnurls(state: DevnetState) -> dict:
    """The LNURL entry of `up`'s output, with a withdraw code and a login to try."""
    if state.lnurl is None:
        return {}
    codes = LnurlCodes.from_json(state.lnurl)
    return {"lnurl": {**state.lnurl, "withdraw": codes.withdraw_lnurl(),
                      "auth": codes.auth_lnurl()}}


def cmd_lnurl(args: argparse.Namespace) -> int:
    state = read_devnet_state()
    if state is None:
        raise DevnetError("no devnet is running; start one with `kite devnet up`")
    if state.lnurl is None:
        raise DevnetError("the running devnet has no LNURL service (it was started with "
                          "--chain-only)")
    if args.address and args.kind != "pay":
        raise InputError("--address goes with pay only")
    codes = LnurlCodes.from_json(state.lnurl)
    print(codes.pay_address() if args.address else codes.fresh(args.kind))
    return 0
