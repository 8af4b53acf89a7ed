"""The `kite` command line: one argparse tree, subcommands registered by small modules.

Each module in COMMAND_MODULES has `register(subparsers)`, which adds its subcommands and
sets `func(args) -> int` on each. Errors raised as `KiteError` become one line on stderr and
the error's exit code (2 for bad input, 1 otherwise).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from functools import partial

from wallet import __version__
from wallet.cli.gui_command import cmd_window, split_link, wants_window
from wallet.errors import InputError, KiteError
from wallet.networks import NETWORKS

COMMAND_MODULES = [
    "wallet.cli.wallet_commands",
    "wallet.cli.decode_command",
    "wallet.cli.devnet_commands",
    "wallet.cli.daemon_command",
    "wallet.cli.chain_commands",
    "wallet.cli.demo_command",
    "wallet.cli.gui_command",
    "wallet.cli.channel_commands",
    "wallet.cli.forward_commands",
    "wallet.cli.lsp_commands",
    "wallet.cli.lnurl_commands",
    "wallet.cli.label_commands",
    "wallet.cli.fiat_commands",
    "wallet.cli.bip353_command",
    "wallet.cli.offer_commands",
    "wallet.cli.recovery_commands",
]


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options accepted both before and after the subcommand name.

    On subparsers the defaults are suppressed so that a value given before the subcommand
    is not overwritten by the subparser's default.
    """
    d = (lambda v: argparse.SUPPRESS) if suppress else (lambda v: v)
    parser.add_argument(
        "--network", choices=list(NETWORKS), default=d("mainnet"), help="chain to use"
    )
    parser.add_argument(
        "--wallet", metavar="PATH", default=d(None),
        help="wallet folder (default: one per network under the user's data directory)",
    )
    parser.add_argument(
        "--password-file", metavar="PATH", default=d(None),
        help="read the wallet password from this file (else KITE_PASSWORD, else a prompt)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kite", description="Kite Lightning wallet")
    parser.add_argument("--version", action="version", version=f"kite {__version__}")
    add_global_options(parser, suppress=False)
    from wallet.cli.demo_command import add_demo_options

    add_demo_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:  # a command module not written yet
                continue
            raise
        module.register(sub)
    for subparser in sub.choices.values():
        add_global_options(subparser, suppress=True)
    return parser


#: characters; no argument Kite takes (an invoice, an address, a URI) comes near it
MAX_ARG_LENGTH = 10_000


def _check_argument_lengths(argv: list[str]) -> None:
    for arg in argv:
        if len(arg) > MAX_ARG_LENGTH:
            raise InputError(f"an argument of {len(arg):,} characters is too long "
                             f"(at most {MAX_ARG_LENGTH:,})")


def main(argv: list[str] | None = None) -> int:
    """`kite [OPTIONS] COMMAND ...`; without a command (or with a bitcoin:/lightning: link in
    its place) the window opens on a desktop, and the help is printed elsewhere."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _check_argument_lengths(argv)
    except InputError as e:
        print(f"kite: {e}", file=sys.stderr)
        return e.exit_code
    argv, link = split_link(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "demo", False) and not getattr(args, "func", None):
        from wallet.cli.demo_command import cmd_demo

        args.func = cmd_demo
    if not getattr(args, "func", None):
        if not wants_window(args, link):
            parser.print_help()
            return 0
        args.func = partial(cmd_window, link=link)
    try:
        return int(args.func(args) or 0)
    except KiteError as e:
        print(f"kite: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("kite: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
