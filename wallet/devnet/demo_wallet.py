"""The steps of `kite --demo` after the devnet world is up: a throw-away regtest wallet,
funded on-chain by the devnet, with a channel to the world's trampoline (Tram).

Everything goes through the same facade the GUI uses (`WalletApi`), so the demo exercises
the real wallet. Blocking (run it on a worker thread); `progress(text)` reports each step.
Never imports Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from wallet.api import WalletApi
from wallet.devnet.processes import DevnetError

FUNDS_SAT = 2_000_000  # on-chain coins the demo wallet starts with
CHANNEL_SAT = 1_000_000  # its channel to Tram
# given to Tram when the channel opens: a channel starts with all its coins on the opener's
# side, and Tram can only forward the merchant's payments to us with coins on its side
PUSH_SAT = 200_000
CHANNEL_DEPTH = 3  # blocks mined so that both sides count the channel as open
STEP_TIMEOUT = 120.0


class DemoWorld(Protocol):
    tram_address: str

    def fund(self, address: str, amount_sat: int, *, confirm: bool = True) -> str: ...

    def mine(self, n: int) -> list[str]: ...


def _until(what: str, check: Callable[[], Any], timeout: float = STEP_TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise DevnetError(f"the demo timed out waiting for {what}")
        time.sleep(0.2)


def _normal_channel(api: WalletApi, peer_id: str) -> dict[str, Any] | None:
    for ch in api.channels().result(timeout=30):
        if ch.get("peer") == peer_id and str(ch.get("state")) == "Normal" and ch.get("connected"):
            return ch
    return None


def fund_and_open_channel(api: WalletApi, world: DemoWorld,
                          progress: Callable[[str], None] = lambda _t: None,
                          funds_sat: int = FUNDS_SAT, channel_sat: int = CHANNEL_SAT,
                          push_sat: int = PUSH_SAT) -> dict:
    """Fund the open wallet behind `api` and open a channel to Tram; the channel's row."""
    progress("The devnet pays the demo wallet…")
    address = api.receive_address().result(timeout=60)
    world.fund(address, funds_sat, confirm=True)
    _until("the demo wallet's coins to confirm",
           lambda: api.balance().result(timeout=30)["confirmed"] >= funds_sat)

    progress("Opening a channel to the trampoline…")
    # returns once the funding transaction is broadcast
    api.open_channel(world.tram_address, channel_sat, push_sat).result(timeout=STEP_TIMEOUT)
    peer_id = world.tram_address.partition("@")[0]

    world.mine(CHANNEL_DEPTH)
    channel = _until("the channel to be open", lambda: _normal_channel(api, peer_id))
    progress("")
    return channel
