"""`kite gui [LINK]`, `kite LINK` and `kite` alone: open the Qt Quick window. Qt is imported
only when the window opens, so the rest of the CLI (and the node) never needs Qt.

A LINK is a `bitcoin:` (BIP 21) or `lightning:` URI, as a browser passes it when the user
clicks one: the window opens on Send, filled in from it (or hands it to the window already
open for the same wallet).
"""

from __future__ import annotations

import argparse
import os
import sys

from wallet.errors import KiteError
from wallet.payment_request import is_payment_link

# top-level options that take a value (the value is never mistaken for a link or a command)
_VALUE_OPTIONS = ("--network", "--wallet", "--password-file", "--quit-after", "--screenshot")


def split_link(argv: list[str]) -> tuple[list[str], str | None]:
    """Take a link out of the place of the subcommand: `kite [OPTIONS] LINK`.

    Only the first word that is not an option counts, so `kite pay lightning:...` stays the
    `pay` command with its argument.
    """
    skip = False
    for i, word in enumerate(argv):
        if skip:
            skip = False
            continue
        if word == "--":
            return argv, None
        if word.startswith("-"):
            skip = word in _VALUE_OPTIONS
            continue
        if is_payment_link(word):
            return argv[:i] + argv[i + 1:], word
        return argv, None
    return argv, None


def graphical_session() -> bool:
    """Whether the user sits at a desktop (where `kite` alone should open the window)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY"))


def has_display() -> bool:
    """Whether a window can be shown: a graphical session, or a Qt platform chosen by hand
    (QT_QPA_PLATFORM=offscreen for headless runs)."""
    return graphical_session() or bool(os.environ.get("QT_QPA_PLATFORM"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the wallet window")
    p.add_argument("link", nargs="?", metavar="LINK",
                   help="a bitcoin: or lightning: link to open on Send")
    p.add_argument("--server", metavar="HOST:PORT[:s|t]", help="Electrum server")
    p.add_argument("--screenshot", metavar="PNG", help="save a picture of the window and quit")
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help="close after this long")
    p.add_argument("--check-qml", action="store_true",
                   help="load every page of the interface, report what fails, and exit "
                        "(checks an installed copy of Kite)")
    p.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace) -> int:
    link = getattr(args, "link", None)
    if link is not None and not is_payment_link(link):
        raise KiteError(f"kite gui: {link[:40]!r} is not a bitcoin: or lightning: link.")
    if not has_display() and getattr(args, "screenshot", None):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture without a desktop: headless
    if not has_display():
        raise KiteError("There is no display for Kite's window (no graphical session). "
                        "For a headless check use QT_QPA_PLATFORM=offscreen with --screenshot.")
    if getattr(args, "check_qml", False):
        from ui.qml_check import main as check_main  # noqa: PLC0415 - Qt only here

        return check_main()
    from ui.app import main as gui_main  # noqa: PLC0415 - Qt only for this command

    network_given = args.network != "mainnet" or args.wallet is not None
    return gui_main(
        [],
        wallet_dir=args.wallet,
        network=args.network if network_given else None,
        screenshot=getattr(args, "screenshot", None),
        quit_after=getattr(args, "quit_after", None),
        server=getattr(args, "server", None),
        link=link,
    )


def wants_window(args: argparse.Namespace, link: str | None) -> bool:
    """`kite` without a command opens the window on a desktop, for a link, or for a headless
    picture (`--screenshot`/`--quit-after`); elsewhere it prints the help."""
    return (link is not None or graphical_session() or args.demo_screenshot is not None
            or args.demo_quit_after is not None)


def cmd_window(args: argparse.Namespace, link: str | None) -> int:
    """`kite` without a command: the window (with the link, if one was given)."""
    args.link = link
    args.screenshot = args.demo_screenshot
    args.quit_after = args.demo_quit_after
    return cmd_gui(args)
