"""`kite create`, `kite restore`, `kite info`: making and inspecting a wallet.

Seed words are never taken from the command line (argv is visible to other processes and
kept in shell history): `restore` prompts on a terminal, or reads the first line of stdin
(and the BIP 39 passphrase from the second line) when stdin is not a terminal.
"""

from __future__ import annotations

import argparse
import datetime
import getpass
import logging
import os
import sys
from pathlib import Path

from wallet.cli.common import print_json, read_password, wallet_dir
from wallet.daemon.recovery_setting import SEED_WORDS_RESTORE
from wallet.errors import InputError
from wallet.keys.bip39 import generate_mnemonic, validate_mnemonic
from wallet.networks import Network, get_network
from wallet.storage.wallet_file import (
    WalletExists,
    create_wallet,
    open_wallet,
    read_wallet_info,
    wallet_exists,
)

log = logging.getLogger(__name__)

SEED_WARNING = (
    "These seed words are the backup of this wallet. Write them down on paper, in order,\n"
    "and keep them offline. Anyone who has them can take your funds. They are shown only once.\n"
    + SEED_WORDS_RESTORE
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "create", help="create a new wallet with new seed words",
        description="Create a wallet: new seed words are shown once, then encrypted at rest.",
    )
    p.add_argument("--words", type=int, choices=(12, 24), default=12,
                   help="length of the new seed phrase (default 12)")
    p.set_defaults(func=cmd_create)

    p = subparsers.add_parser(
        "restore", help="restore a wallet from its seed words",
        description="Restore a wallet from BIP 39 seed words. On a terminal they are asked "
        "for; otherwise the first line of stdin holds the words and the optional second line "
        "the BIP 39 passphrase.",
    )
    p.set_defaults(func=cmd_restore)

    p = subparsers.add_parser(
        "change-password", help="re-encrypt the wallet under a new password",
        description="Change the wallet password. The current one is read like for any "
        "command; the new one from --new-password-file, else KITE_NEW_PASSWORD, else a "
        "prompt. An empty new password removes the protection (not recommended).",
    )
    p.add_argument("--new-password-file", metavar="PATH", default=None,
                   help="read the new password from this file")
    p.set_defaults(func=cmd_change_password)

    p = subparsers.add_parser(
        "info", help="show the wallet's network, node id, first addresses and xpub",
        description="Unlock the wallet and show its public facts.",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_info)


# -- create ---------------------------------------------------------------------------------


def _refuse_existing(folder: Path) -> None:
    if wallet_exists(folder):
        raise WalletExists(f"a wallet already exists at {folder}; refusing to overwrite it")


def _show_seed_words(mnemonic: str) -> None:
    words = mnemonic.split()
    out = sys.stdout
    if out.isatty():
        out.write("\n" + SEED_WARNING + "\n\n")
        for row in range(0, len(words), 4):
            out.write("   ".join(f"{i + 1:2d}. {words[i]:<10}" for i in range(row, min(row + 4, len(words)))).rstrip())
            out.write("\n")
        out.write("\n")
        out.flush()
        if sys.stdin.isatty():
            input("Press Enter once you have written them down... ")
    else:
        out.write("WARNING: standard output is not a terminal, but the seed words are written "
                  "to it below.\n")
        out.write(SEED_WARNING + "\n")
        out.write(f"seed_words: {' '.join(words)}\n")
        out.flush()


def cmd_create(args: argparse.Namespace) -> int:
    folder = wallet_dir(args)
    network = get_network(args.network)
    _refuse_existing(folder)
    # The password is asked first, so that nothing can fail between showing the words and
    # writing the wallet they belong to (except the disk).
    password = read_password(args, confirm=True)
    mnemonic = generate_mnemonic(args.words)
    _show_seed_words(mnemonic)
    info = create_wallet(folder, network, mnemonic, "", password)
    _print_created("Created", info.network, folder, password)
    return 0


def _print_created(verb: str, network: Network, folder: Path, password: str) -> None:
    print(f"{verb} a {network.name} wallet at {folder}.")
    if not password:
        print("WARNING: the wallet has no password; anyone with access to its file can "
              "read the seed words.")


# -- restore --------------------------------------------------------------------------------


def _read_seed_input() -> tuple[str, str]:
    """(seed words, passphrase) from a terminal prompt, or the first two lines of stdin."""
    if sys.stdin.isatty():
        words = getpass.getpass("Seed words (not shown as you type): ")
        validate_mnemonic(words)  # complain before asking for the passphrase
        passphrase = getpass.getpass("BIP39 passphrase (press Enter if none): ")
        return words, passphrase
    words = sys.stdin.readline().rstrip("\r\n")
    passphrase = sys.stdin.readline().rstrip("\r\n")
    return words, passphrase


def cmd_restore(args: argparse.Namespace) -> int:
    folder = wallet_dir(args)
    network = get_network(args.network)
    _refuse_existing(folder)
    words, passphrase = _read_seed_input()
    mnemonic = validate_mnemonic(words)
    password = read_password(args, confirm=True)
    info = create_wallet(folder, network, mnemonic, passphrase, password)
    _print_created("Restored", info.network, folder, password)
    if passphrase:
        print("The wallet uses a BIP39 passphrase; it is stored encrypted with the seed.")
    return 0


# -- change-password -------------------------------------------------------------------------


def _read_new_password(args: argparse.Namespace) -> str:
    if args.new_password_file:
        return read_password(argparse.Namespace(password_file=args.new_password_file))
    env = os.environ.get("KITE_NEW_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise InputError(
            "no new password given: use --new-password-file, KITE_NEW_PASSWORD or a terminal"
        )
    new = getpass.getpass("New password: ")
    if getpass.getpass("Repeat new password: ") != new:
        raise InputError("the two passwords differ")
    return new


def cmd_change_password(args: argparse.Namespace) -> int:
    folder = wallet_dir(args)
    network = get_network(args.network)
    public = read_wallet_info(folder)
    old = read_password(args, prompt="Current password: ") if public.password_protected else ""
    new = _read_new_password(args)
    with open_wallet(folder, old, network=network) as w:
        w.change_password(old, new)
    print(f"Password changed for the wallet at {folder}.")
    if not new:
        print("WARNING: the wallet now has no password; anyone with access to its file can "
              "read the seed words.")
    return 0


# -- info -----------------------------------------------------------------------------------


def cmd_info(args: argparse.Namespace) -> int:
    folder = wallet_dir(args)
    network = get_network(args.network)
    public = read_wallet_info(folder)
    # A wallet without password is opened without asking for one.
    password = read_password(args) if public.password_protected else ""
    with open_wallet(folder, password, network=network) as w:
        keys = w.keys
        facts = {
            "wallet": str(folder),
            "network": w.network.name,
            "created_at": datetime.datetime.fromtimestamp(
                w.info.created_at, datetime.UTC
            ).isoformat().replace("+00:00", "Z"),
            "node_id": keys.node_id.hex(),
            "receive_address": keys.receive_address(0),
            "change_address": keys.change_address(0),
            "account_xpub": keys.account_xpub(),
            "account_zpub": keys.account_zpub(),
            "password_protected": w.is_password_protected,
        }
    if args.json:
        print_json(facts)
        return 0
    labels = {
        "wallet": "Wallet",
        "network": "Network",
        "created_at": "Created",
        "node_id": "Node id",
        "receive_address": "Receive address",
        "change_address": "Change address",
        "account_xpub": "Account xpub",
        "account_zpub": "Account zpub",
        "password_protected": "Password",
    }
    width = max(len(v) for v in labels.values())
    for key, label in labels.items():
        value = facts[key]
        if key == "password_protected":
            value = "yes" if value else "NONE (the seed is stored without protection)"
        print(f"{label + ':':<{width + 1}} {value}")
    return 0
