"""`kite --demo` (the app on a private devnet world) and `kite demo-chain` (a whole on-chain
round trip on a private devnet, in a few seconds, without a window).

Starts the devnet (bcoin + ElectrumX), creates a throw-away regtest wallet, receives,
sends, and shows the history: every step through the same code a real wallet uses.
Everything it started is stopped at the end. Headless and non-interactive.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path


def add_demo_options(parser: argparse.ArgumentParser) -> None:
    """`kite --demo [--quit-after SECONDS] [--screenshot PNG]` (top-level options)."""
    parser.add_argument("--demo", action="store_true",
                        help="open the app on a private demo network (devnet, trampoline, shop); "
                             "closing the window stops it all")
    parser.add_argument("--quit-after", dest="demo_quit_after", type=float, metavar="SECONDS",
                        help="with --demo: exit this long after the demo is ready; "
                             "without it: close the window after this long")
    parser.add_argument("--screenshot", dest="demo_screenshot", metavar="PNG",
                        help="save a picture of the window before exiting (headless checks)")


HEADLESS_QUIT_AFTER = 5.0
HEADLESS_SCREENSHOT = "kite-demo.png"


def _no_display() -> bool:
    import os
    import sys

    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def cmd_demo(args: argparse.Namespace) -> int:
    """The app on the demo network. Without a display (a server, CI) it runs headless:
    offscreen, for a few seconds, and leaves a picture of the window."""
    import os

    quit_after, screenshot = args.demo_quit_after, args.demo_screenshot
    if _no_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if quit_after is None:
            quit_after = HEADLESS_QUIT_AFTER
            screenshot = screenshot or HEADLESS_SCREENSHOT
        _say(f"no display: running headless; the window is saved as {screenshot or 'nothing'}"
             f" {quit_after:g} s after the demo is ready")
    from ui.demo_app import run_demo  # noqa: PLC0415 - Qt only for this command

    return run_demo(quit_after=quit_after, screenshot=screenshot)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo-chain", help="on-chain demo on a private devnet (starts and stops it)")
    p.set_defaults(func=cmd_demo_chain)


def _say(text: str) -> None:
    print(text, flush=True)


async def _until(check, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def _run(devnet, folder: Path) -> None:
    from wallet.daemon.node_config import NodeConfig
    from wallet.daemon.service import NodeService
    from wallet.keys.bip39 import generate_mnemonic
    from wallet.networks import REGTEST
    from wallet.storage.wallet_file import create_wallet, open_wallet

    create_wallet(folder, REGTEST, generate_mnemonic(), "", "demo")
    wallet = open_wallet(folder, "demo", network=REGTEST)
    host, port = devnet.electrum_address
    service = NodeService(wallet, NodeConfig(server=f"{host}:{port}:t"))
    service.start()
    try:
        await service.chain.wait_synced(60)
        info = await service.getinfo()
        _say(f"wallet synced to height {info['height']} from {info['server']}")
        address = (await service.address())["address"]
        _say(f"receive address: {address}")
        txid = await asyncio.to_thread(devnet.fund, address, 1_000_000)
        _say(f"devnet pays 1,000,000 sat: {txid}")
        await asyncio.to_thread(devnet.mine, 1)

        async def funded() -> bool:
            return (await service.balance(wait=5))["confirmed"] == 1_000_000

        await _until(funded, "the payment to confirm")
        _say("balance: 1,000,000 sat confirmed")
        sent = await service.send(devnet.miner_address, 250_000, 2)
        _say(f"sent 250,000 sat, fee {sent['fee_sat']} sat: {sent['txid']}")
        await asyncio.to_thread(devnet.mine, 1)
        left = 1_000_000 - 250_000 - sent["fee_sat"]

        async def settled() -> bool:
            return (await service.balance(wait=5))["confirmed"] == left

        await _until(settled, "the payment to confirm")
        _say(f"balance: {left:,} sat confirmed")
        for row in await service.history(wait=5):
            _say(f"  {row['delta_sat']:+12,d} sat  {row['confirmations']} conf  {row['txid']}")
    finally:
        await service.close()
        wallet.close()


def cmd_demo_chain(args: argparse.Namespace) -> int:
    import os

    from wallet.devnet.stack import Devnet

    os.environ.setdefault("KITE_INSECURE_FAST_KDF", "1")  # a throw-away demo wallet
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kite-demo-") as tmp, Devnet() as devnet:
        _say(f"devnet up in {devnet.startup_seconds:.1f} s (bcoin regtest + ElectrumX)")
        asyncio.run(_run(devnet, Path(tmp) / "wallet"))
    _say(f"demo done in {time.monotonic() - began:.1f} s; everything stopped")
    return 0
