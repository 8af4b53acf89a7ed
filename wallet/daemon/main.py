"""`kite daemon`: open the wallet, run the node, answer the CLI on the wallet's socket."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from pathlib import Path

from wallet.daemon.node_config import NodeConfig
from wallet.daemon.rpc import RpcServer, socket_path
from wallet.daemon.service import NodeService
from wallet.networks import Network
from wallet.storage.wallet_file import open_wallet

log = logging.getLogger(__name__)


async def run_daemon(
    wallet_dir: Path, network: Network, password: str, config: NodeConfig,
    on_ready: Callable[[], None] | None = None,
) -> None:
    wallet = await asyncio.to_thread(open_wallet, wallet_dir, password, network=network)
    try:
        service = NodeService(wallet, config)
        if service.server_error is not None:
            raise service.server_error
        rpc = RpcServer(socket_path(wallet_dir), service.handlers)
        await rpc.start()
        service.start()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, service.stopped.set)
        if on_ready is not None:
            on_ready()
        log.info("daemon running for %s", wallet_dir)
        try:
            await service.stopped.wait()
        finally:
            await rpc.close()
            await service.close()
    finally:
        wallet.close()
