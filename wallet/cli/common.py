"""Helpers shared by CLI commands: where wallets live, how passwords are read, output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from wallet.daemon import rpc
from wallet.errors import InputError
from wallet.paths import data_dir


def wallet_dir(args: argparse.Namespace) -> Path:
    """The wallet folder: --wallet, or one default folder per network."""
    if getattr(args, "wallet", None):
        return Path(args.wallet).expanduser()
    return data_dir() / args.network / "default_wallet"


def read_password(args: argparse.Namespace, *, confirm: bool = False, prompt: str = "Password: ") -> str:
    """The wallet password from --password-file, KITE_PASSWORD, or a terminal prompt."""
    path = getattr(args, "password_file", None)
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"cannot read password file {path}: {e.strerror}") from None
        return text.rstrip("\r\n")
    env = os.environ.get("KITE_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin.isatty():
        raise InputError("no password given: use --password-file, KITE_PASSWORD or a terminal")
    pw = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat password: ") != pw:
        raise InputError("the two passwords differ")
    return pw


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def daemon_call(args: argparse.Namespace, method: str, /, **params: object) -> Any:
    """The wallet's daemon's answer to `method` (its error raised as a KiteError). Every
    parameter goes to the daemon, one called `timeout` (pay's) too."""
    return rpc.request(rpc.socket_path(wallet_dir(args)), method, params)
