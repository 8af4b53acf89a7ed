"""`kite daemon`: run the node for this wallet, in the foreground or detached.

All of the daemon's options are read here into one `NodeConfig`; a detached daemon is given
the same configuration back as arguments (nothing passes through the environment but the
password).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import time

from wallet.cli.common import read_password, wallet_dir
from wallet.daemon import rpc
from wallet.daemon.node_config import NodeConfig
from wallet.errors import KiteError
from wallet.networks import get_network

#: seconds a detached daemon has to answer before the command gives up on it
DETACH_WAIT = 60.0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("daemon", help="run the node (chain sync, Lightning) for this wallet")
    p.add_argument("--server", metavar="HOST:PORT[:s|t]", help="Electrum server (s TLS, t TCP)")
    p.add_argument("--detach", action="store_true", help="run in the background and return")
    p.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING"])
    p.add_argument("--ln-port", type=int, metavar="N",
                   help="accept Lightning peers on this port (127.0.0.1; default: off)")
    p.add_argument("--ln-listen", metavar="HOST:PORT",
                   help="accept Lightning peers on this address (default: off)")
    p.add_argument("--trampoline", nargs="?", const="1", metavar="BASE_MSAT,PPM[,CLTV]",
                   help="relay payments as a trampoline (default fee 1000 msat + 100 ppm, "
                   "CLTV delta 144)")
    p.add_argument("--lsp", nargs="?", const="1", metavar="MIN_FEE_MSAT,PPM",
                   help="sell just-in-time channels (LSPS2; default fee 2,000 sat minimum, "
                   "5000 ppm)")
    p.add_argument("--lsp-peer", metavar="NODEID@HOST:PORT",
                   help="the LSP to buy just-in-time channels from ('none': never; default: "
                   "the network's trampoline, if it sells them)")
    p.add_argument("--no-peer-storage", dest="peer_storage", action="store_false",
                   help="keep no backups for peers (do not offer BOLT 1 peer storage)")
    p.add_argument("--rate-url", metavar="URL",
                   help="regtest: the devnet's exchange-rate server (the 'devnet' rate source)")
    p.set_defaults(func=cmd_daemon)


def node_config(args: argparse.Namespace) -> NodeConfig:
    """The daemon's options as one value (a bad one fails here, with one sentence)."""
    listen = args.ln_listen or (f"127.0.0.1:{args.ln_port}" if args.ln_port is not None
                                else None)
    return NodeConfig.parse(server=args.server, ln_listen=listen, trampoline=args.trampoline,
                            holder="kite daemon", lsp=args.lsp, lsp_peer=args.lsp_peer,
                            peer_storage=args.peer_storage, rate_url=args.rate_url)


def cmd_daemon(args: argparse.Namespace) -> int:
    folder = wallet_dir(args)
    network = get_network(args.network)
    config = node_config(args)
    password = read_password(args)
    if args.detach:
        return _detach(args, config, password)
    logging.basicConfig(
        level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from wallet.daemon.main import run_daemon

    asyncio.run(run_daemon(folder, network, password, config,
                           on_ready=lambda: print("daemon ready", flush=True)))
    return 0


def _detach(args: argparse.Namespace, config: NodeConfig, password: str) -> int:
    folder = wallet_dir(args)
    argv = [sys.executable, "-m", "wallet", "--network", args.network, "--wallet", str(folder),
            "daemon", "--log-level", args.log_level, *config.daemon_arguments()]
    env = dict(os.environ, KITE_PASSWORD=password)
    log_path = folder / "daemon.log"
    with open(log_path, "ab") as log_file:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_file,
                                 stderr=subprocess.STDOUT, env=env, start_new_session=True)
    sock = rpc.socket_path(folder)
    deadline = time.monotonic() + DETACH_WAIT
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
    raise KiteError(f"the daemon did not start within {DETACH_WAIT:.0f} s")
