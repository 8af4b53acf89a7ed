"""`kite gui`: open the Qt Quick window. Qt is imported only when this command runs, so the
rest of the CLI (and the node) never needs Qt."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the wallet window")
    p.add_argument("--server", metavar="HOST:PORT[:s|t]", help="Electrum server")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window and quit")
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help="close after this long")
    p.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import main as gui_main  # noqa: PLC0415 - Qt only for this command

    network_given = args.network != "mainnet" or args.wallet is not None
    return gui_main(
        [],
        wallet_dir=args.wallet,
        network=args.network if network_given else None,
        screenshot=args.screenshot,
        quit_after=args.quit_after,
        server=args.server,
    )
