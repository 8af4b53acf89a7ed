"""`forget` (and so a node's shutdown) returns even when a reconnection attempt swallows
the cancellation: Python 3.11's `asyncio.wait_for` does so when the awaited connect ends
at the moment it is cancelled, and the keeper then went on retrying forever."""

from __future__ import annotations

import asyncio
import contextlib
import os

from coincurve import PrivateKey

from wallet.ln.shell.peer import PeerConfig, PeerError, chain_hash
from wallet.ln.shell.peer_manager import PeerManager
from wallet.networks import REGTEST


async def test_forget_returns_when_a_connect_swallows_the_cancellation() -> None:
    manager = PeerManager(PrivateKey(os.urandom(32)), PeerConfig(chain_hash=chain_hash(REGTEST)),
                          backoff_initial=0.0001, backoff_max=0.0001)
    attempts = 0

    async def connect_swallowing_cancel(host: str, port: int, node_id: bytes):
        nonlocal attempts
        attempts += 1
        # the keeper is almost always in here; swallowed as wait_for does when the
        # attempt finished meanwhile
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.sleep(0.05)
        raise PeerError("connection refused")

    manager.connect = connect_swallowing_cancel
    other = PrivateKey(os.urandom(32)).public_key.format()
    manager.keep_connected(other, "127.0.0.1", 9)
    await asyncio.sleep(0.12)
    assert attempts >= 2
    await asyncio.wait_for(manager.forget(other), 2)
    settled = attempts
    await asyncio.sleep(0.2)
    assert attempts == settled  # no keeper left retrying
    await asyncio.wait_for(manager.close(), 2)
