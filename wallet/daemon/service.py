"""A wallet's running node and the commands it answers (used by the daemon and the facade).

Commands are async functions of keyword arguments returning JSON-ready values, so the same
table serves the CLI over the daemon socket and the GUI facade in-process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from wallet.chain.electrum_client import BroadcastRejected
from wallet.chain.fee_estimates import high_fee_reason
from wallet.chain.node import ChainNode, Emit, NotConnected
from wallet.chain.server_pool import ServerPool
from wallet.chain.servers import NoServerConfigured, resolve_servers
from wallet.daemon.channel_service import ChannelService
from wallet.daemon.last_seen import LastSeenHeight
from wallet.daemon.lnurl_service import LnurlService
from wallet.errors import InputError
from wallet.ln.channel.punishment_window import ChannelAtStake, offline_warning
from wallet.onchain.addresses import address_to_script
from wallet.onchain.spend import SignedTx
from wallet.storage.wallet_file import Wallet
from wallet.storage.wallet_lock import WalletLock
from wallet.untrusted_text import quote_untrusted

log = logging.getLogger(__name__)

SYNC_WAIT = 60.0
MAX_SAT = 21_000_000 * 100_000_000


def _txid(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 64:
        raise InputError("a transaction id is 64 hexadecimal characters")
    try:
        bytes.fromhex(value)
    except ValueError:
        raise InputError("a transaction id is 64 hexadecimal characters") from None
    return value.lower()


def _text(value: Any, what: str, limit: int) -> str:
    """A text parameter, refused with one sentence when it is not text or far too long."""
    if not isinstance(value, str):
        raise InputError(f"the {what} must be text")
    if len(value) > limit:
        raise InputError(f"the {what} is {len(value):,} characters long; at most {limit} are read")
    return value


def _feerate(value: Any) -> float | None:
    if value is None:
        return None
    try:
        rate = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            f"fee rate {quote_untrusted(value, 40)!r} is not a number (sat/vB)"
        ) from None
    if not 1.0 <= rate <= 10_000:
        raise InputError("fee rate must be between 1 and 10000 sat/vB")
    return rate


def _amount(value: Any) -> int | None:
    if value == "max":
        return None
    try:
        amount = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            f"amount {quote_untrusted(value, 40)!r} is not a whole number of sat (or 'max')"
        ) from None
    if amount <= 0:
        raise InputError("amount must be positive")
    if amount > MAX_SAT:
        raise InputError("amount is more than all the bitcoin there will ever be")
    return amount


class HighFeeNotConfirmed(InputError):
    """A send whose fee is above the warning threshold was not confirmed by the user."""


class NodeService:
    def __init__(self, wallet: Wallet, server: str | None = None, emit: Emit | None = None,
                 ln_listen: str | None = None, holder: str = "a Kite node") -> None:
        """`holder` names this process to a second one that finds the wallet locked."""
        # One node per wallet: the lock is held until `close` (WalletInUse otherwise).
        self.lock = WalletLock(wallet.path, holder)
        self.lock.acquire()
        try:
            self._build(wallet, server, emit, ln_listen)
        except BaseException:
            self.lock.release()
            raise

    def _build(self, wallet: Wallet, server: str | None, emit: Emit | None,
               ln_listen: str | None) -> None:
        self.wallet = wallet
        self.network = wallet.network
        # Without a server the node still opens (offline): the wallet's stored state is
        # shown, and the error says how to fix it. The daemon refuses to start instead.
        self.server_error: NoServerConfigured | None = None
        try:
            candidates, fixed = resolve_servers(self.network, server)
        except NoServerConfigured as e:
            candidates, fixed, self.server_error = [], True, e
        self.pool = ServerPool(candidates, fixed=fixed)
        self.last_seen = LastSeenHeight(wallet.db)  # read before the chain moves it
        self._emit = emit
        self.chain = ChainNode(wallet.path, wallet.keys, wallet.db, self.pool, self._on_event)
        # Lightning channels; `ln_listen` (HOST:PORT) or $KITE_LN_LISTEN accepts peers
        self.ln = ChannelService(wallet, self.chain, emit, ln_listen)
        # LNURL pay/withdraw/auth and Lightning addresses, over the same node
        self.lnurl = LnurlService(self.network, self.ln.node, wallet.keys.lnurl_auth,
                                  ready=self.ln._started)
        self.stopped = asyncio.Event()

    def start(self) -> None:
        self.chain.start()
        self.ln.start()

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        """The chain node's events: a verified tip is remembered (`last_seen`), then passed on."""
        if kind == "sync":
            if self.chain.synced.is_set():
                self.last_seen.synced(data.get("height"))
            else:
                self.last_seen.record(data.get("height"))
        if self._emit is not None:
            self._emit(kind, data)

    async def close(self) -> None:
        try:
            await self.ln.close()
            await self.chain.stop()
        finally:
            self.lock.release()

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {
            "getinfo": self.getinfo,
            "status": self.status,
            "balance": self.balance,
            "address": self.address,
            "history": self.history,
            "send": self.send,
            "bumpfee": self.bumpfee,
            "cpfp": self.cpfp,
            "stop": self.stop,
            "offline_warning": self.offline_warning,
        } | self.ln.handlers | self.lnurl.handlers

    async def _wait(self, wait: float) -> bool:
        try:
            await self.chain.wait_synced(wait)
            return True
        except NotConnected:
            return False

    async def getinfo(self) -> dict[str, Any]:
        c = self.chain
        return {
            "network": self.network.name,
            "node_id": self.wallet.keys.node_id.hex(),
            "height": c.tip_height,
            "server_height": c.server_height,
            "server": str(c.client.server) if c.client else None,
            "synced": c.synced.is_set(),
        }

    async def balance(self, wait: float = SYNC_WAIT) -> dict[str, Any]:
        synced = await self._wait(wait)
        b = self.chain.balance()
        return {"confirmed": b.confirmed, "unconfirmed": b.unconfirmed, "immature": b.immature,
                "total": b.total, "synced": synced, "height": self.chain.tip_height,
                "recovering": self.ln.auto_recovery.progress().amount_sat}

    async def status(self) -> dict[str, Any]:
        """The node at a glance: `getinfo` plus `recovery` (channels being recovered after a
        restore, `restore_recovery.RecoveryProgress`). Never waits for the network."""
        return await self.getinfo() | {
            "recovery": self.ln.auto_recovery.progress().to_dict()}

    async def address(self) -> dict[str, Any]:
        return {"address": self.chain.receive_address()}

    async def history(self, wait: float = SYNC_WAIT) -> list[dict[str, Any]]:
        await self._wait(wait)
        return [
            {"txid": e.txid, "height": e.height, "confirmations": self.chain.confirmations(e.height),
             "delta_sat": e.delta, "fee_sat": e.fee, "timestamp": e.timestamp}
            for e in self.chain.history()
        ]

    def _result(self, signed: SignedTx, txid: str) -> dict[str, Any]:
        return {"txid": txid, "fee_sat": signed.fee, "amount_sat": signed.amount,
                "vsize": signed.vsize, "feerate": round(signed.fee / signed.vsize, 2)}

    async def send(
        self, address: str, amount: Any, feerate: Any = None, dry_run: bool = False,
        wait: float = SYNC_WAIT, confirm_high_fee: bool = False,
    ) -> dict[str, Any]:
        """Send on-chain (or only price it: `dry_run`). The result's `high_fee` says why the
        fee needs the user's confirmation (None: it does not); such a send is refused
        unless `confirm_high_fee`. `target_feerate` is the rate asked for (sat/vB): pass it
        back as `feerate` to send exactly what was priced."""
        script = address_to_script(_text(address, "address", 200), self.network)
        amount_sat, rate = _amount(amount), _feerate(feerate)
        await self.chain.wait_synced(min(float(wait), SYNC_WAIT))
        if rate is None:
            rate = await self.chain.fee_rate()
        signed = await self.chain.prepare_send(script, amount_sat, rate)
        reason = high_fee_reason(signed.fee, signed.amount, rate)
        extra = {"high_fee": reason, "target_feerate": rate}
        if dry_run:
            return self._result(signed, signed.txid) | extra | {"broadcast": False}
        if reason is not None and confirm_high_fee is not True:
            raise HighFeeNotConfirmed(
                f"Not sent: {reason}; check the fee and confirm it to send."
            )
        return self._result(signed, await self.chain.broadcast(signed)) | extra

    async def bumpfee(self, txid: str, feerate: Any) -> dict[str, Any]:
        rate = _feerate(feerate)
        if rate is None:
            raise InputError("give the new fee rate (sat/vB)")
        await self.chain.wait_synced(SYNC_WAIT)
        signed = await self.chain.bump_fee(_txid(txid), rate)
        try:
            return self._result(signed, await self.chain.broadcast(signed))
        except BroadcastRejected as e:
            raise BroadcastRejected(f"replacement refused: {e}") from None

    async def cpfp(self, txid: str, feerate: Any) -> dict[str, Any]:
        rate = _feerate(feerate)
        if rate is None:
            raise InputError("give the package fee rate (sat/vB)")
        await self.chain.wait_synced(SYNC_WAIT)
        signed = await self.chain.cpfp(_txid(txid), rate)
        return self._result(signed, await self.chain.broadcast(signed))

    async def offline_warning(self) -> dict[str, Any] | None:
        """The punishment-window warning (`punishment_window.offline_warning`) for this run:
        None until the chain has caught up, or when there is nothing to warn about."""
        before, caught_up = self.last_seen.gap()
        if caught_up is None:
            return None
        at_stake = [ChannelAtStake(c["key_index"], c["punishment_window_blocks"],
                                   c["local_msat"] // 1000)
                    for c in self.ln.node.list_channels()
                    if c.get("punishment_window_blocks") and c.get("phase") != "closed"]
        warning = offline_warning(before, caught_up, at_stake)
        return None if warning is None else warning.to_dict()

    async def stop(self) -> dict[str, Any]:
        self.stopped.set()
        return {"stopping": True}
