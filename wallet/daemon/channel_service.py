"""The Lightning commands of the node (channel open/list/close, invoice, pay, payments), as JSON-ready
async functions for the daemon's command table and the GUI facade. Arguments are checked
here (typed InputError), the work is done by the `LightningNode`."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from wallet.chain.node import ChainNode
from wallet.daemon.forward_service import ForwardService
from wallet.errors import InputError
from wallet.ln.invoice import decode_invoice, encode_invoice
from wallet.ln.shell.chain_backend import NodeChainBackend
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.store.channel_store import ChannelStore
from wallet.storage.wallet_file import Wallet

log = logging.getLogger(__name__)

#: environment variable: HOST:PORT (or PORT) to accept Lightning peers on; unset = don't listen
LN_LISTEN_ENV = "KITE_LN_LISTEN"


def parse_listen(text: str | None) -> tuple[str, int] | None:
    if not text:
        return None
    host, _, port = str(text).rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise InputError(f"Lightning listen address {text!r}: the port is not a number") from None
    if not 0 <= number < 65536:
        raise InputError(f"Lightning listen port {number} is out of range")
    return host or "127.0.0.1", number


def parse_peer(text: Any) -> tuple[bytes, str, int]:
    """NODEID@HOST:PORT -> (node id, host, port)."""
    if not isinstance(text, str) or "@" not in text:
        raise InputError("give the peer as NODEID@HOST:PORT")
    node_hex, _, address = text.partition("@")
    try:
        node_id = bytes.fromhex(node_hex)
    except ValueError:
        raise InputError("the node id is not hexadecimal") from None
    if len(node_id) != 33 or node_id[0] not in (2, 3):
        raise InputError("a node id is a 33-byte compressed public key (66 hex characters)")
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError("give the peer's address as HOST:PORT")
    return node_id, host, int(port)


def _positive_int(value: Any, what: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} {value!r} is not a whole number") from None
    if number <= 0:
        raise InputError(f"{what} must be positive")
    return number


def _non_negative_int(value: Any, what: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} {value!r} is not a whole number") from None
    if number < 0:
        raise InputError(f"{what} cannot be negative")
    return number


def _description_hash(value: Any) -> bytes | None:
    if value is None or value == "":
        return None
    try:
        digest = bytes.fromhex(str(value))
    except ValueError:
        digest = b""
    if len(digest) != 32:
        raise InputError("a description hash is 32 bytes in hexadecimal (64 characters)")
    return digest


def with_description_hash(invoice_text: str, digest: bytes, node_key: bytes) -> str:
    """Our own invoice, described by `digest` instead of its (empty) text and signed again.

    The node's invoices carry a text; an LNURL-pay invoice commits to the metadata's hash
    instead. Only the description changes: payment hash, secret, amount, expiry and hints
    are those the payment log holds for the original, so receiving checks the same things
    (the log's copy of the invoice text still shows the empty description)."""
    invoice = decode_invoice(invoice_text)
    return encode_invoice(replace(invoice, description=None, description_hash=digest),
                          node_key)


class ChannelService:
    def __init__(self, wallet: Wallet, chain: ChainNode, emit=None,
                 listen: str | None = None) -> None:
        self.node = LightningNode(wallet.keys.lightning, wallet.network,
                                      ChannelStore(wallet.db), NodeChainBackend(chain),
                                      emit=emit)
        self.listen = parse_listen(listen if listen is not None else os.environ.get(LN_LISTEN_ENV))
        # the trampoline role, when $KITE_TRAMPOLINE asks for it (installed before the start)
        self.forwarding = ForwardService.from_env(self.node)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        host, port = self.listen if self.listen else (None, None)
        self._task = asyncio.get_running_loop().create_task(
            self._start(host, port), name="channels-start")

    async def _start(self, host: str | None, port: int | None) -> None:
        await self.node.start(host, port)
        if self.forwarding is not None:
            self.forwarding.started()

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self.forwarding is not None:
            await self.forwarding.close()
        await self.node.stop()

    async def _started(self) -> None:
        if self._task is not None:
            await asyncio.shield(self._task)

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {
            "channel_open": self.channel_open,
            "channel_list": self.channel_list,
            "channel_close": self.channel_close,
            "invoice": self.invoice,
            "pay": self.pay,
            "payments": self.payments,
            "lninfo": self.lninfo,
        } | (self.forwarding.handlers if self.forwarding is not None else {})

    async def lninfo(self) -> dict[str, Any]:
        await self._started()
        m = self.node
        return {"node_id": m.node_id.hex(), "listen_port": m.listen_port,
                "peers": [p.hex() for p in m.peers.peers],
                "forwarding": (self.forwarding.forwarder.describe()
                               if self.forwarding is not None else None)}

    async def channel_open(self, peer: str, amount_sat: Any, push_msat: Any = 0) -> dict[str, Any]:
        node_id, host, port = parse_peer(peer)
        amount = _positive_int(amount_sat, "the channel amount (sat)")
        push = int(push_msat or 0)
        await self._started()
        ch = await self.node.open_channel(node_id, host, port, amount, push_msat=push)
        return self.node.describe(ch)

    async def channel_list(self) -> list[dict[str, Any]]:
        await self._started()
        return self.node.list_channels()

    async def channel_close(self, channel: Any, force: bool = False) -> dict[str, Any]:
        await self._started()
        ch = await self.node.close_channel(str(channel), force=bool(force))
        return self.node.describe(ch)

    async def invoice(self, amount_sat: Any = None, description: str = "",
                      expiry: Any = 3600, amount_msat: Any = None,
                      description_hash: Any = None) -> dict[str, Any]:
        """An invoice for AMOUNT_SAT or amount_msat (AMOUNT_SAT 0: the payer chooses
        it), described by a text or, for LNURL-pay (LUD-06), by the 32-byte SHA-256 of
        the service's metadata (`description_hash`, hex)."""
        if amount_sat is not None and amount_msat is not None:
            raise InputError("give the invoice amount in sat or in msat, not both")
        if amount_msat is not None:
            amount = _positive_int(amount_msat, "the invoice amount (msat)")
        elif amount_sat is None:
            raise InputError("give the invoice amount (0: the payer chooses it)")
        elif str(amount_sat).strip() == "0":
            amount = None
        else:
            amount = _positive_int(amount_sat, "the invoice amount (sat)") * 1000
        seconds = _positive_int(expiry, "the invoice expiry (seconds)")
        digest = _description_hash(description_hash)
        if digest is not None and description:
            raise InputError("an invoice has a description or a description hash, not both")
        await self._started()
        text = self.node.create_invoice(amount, str(description or ""), seconds)
        if digest is not None:
            text = with_description_hash(text, digest, self.node.lightning.node_private_key)
        return {"invoice": text, "amount_sat": None if amount is None else amount // 1000,
                "amount_msat": amount}

    async def pay(self, invoice: str, timeout: Any = 60, max_fee_sat: Any = None,
                  amount_sat: Any = None) -> dict[str, Any]:
        """Pay and wait: the payment log entry (with the preimage), or PaymentFailed."""
        max_fee = None if max_fee_sat is None else _non_negative_int(
            max_fee_sat, "the maximum fee (sat)") * 1000
        amount = None if amount_sat is None else _positive_int(
            amount_sat, "the amount (sat)") * 1000
        try:
            wait = float(timeout)
        except (TypeError, ValueError):
            raise InputError(f"the timeout {timeout!r} is not a number") from None
        await self._started()
        return await self.node.pay(str(invoice).strip(), amount, max_fee_msat=max_fee,
                                      timeout=wait)

    async def payments(self, limit: Any = None) -> list[dict[str, Any]]:
        """The payment log, newest first."""
        await self._started()
        return self.node.list_payments(None if limit is None
                                          else _positive_int(limit, "the limit"))
