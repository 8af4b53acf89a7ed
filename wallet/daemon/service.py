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
from wallet.chain.node import FEE_LEVEL_TARGETS, ChainNode, Emit, NotConnected
from wallet.chain.server_choice import load_choice
from wallet.chain.server_pool import ServerPool
from wallet.chain.servers import NoServerConfigured
from wallet.daemon.channel_service import ChannelService, ReserveShort
from wallet.daemon.event_log import EventLog
from wallet.daemon.fiat_keeper import FiatKeeper
from wallet.daemon.label_service import LabelService
from wallet.daemon.last_seen import LastSeenHeight
from wallet.daemon.ln_balance import FundingSpends, funding_txids, lightning_balance
from wallet.daemon.lnurl_service import LnurlService
from wallet.daemon.node_config import DEFAULT_CONFIG, NodeConfig
from wallet.daemon.onchain_send import (
    FeeChanged,
    HighFeeNotConfirmed,
    confirm_fee,
    feerate_param,
    same_fee,
)
from wallet.daemon.server_service import ServerService, server_list
from wallet.daemon.wallet_view import WalletView
from wallet.errors import InputError
from wallet.fiat.rates import check_currency
from wallet.fiat.sources import sources_for
from wallet.ln.channel import anchor_reserve
from wallet.ln.channel.punishment_window import ChannelAtStake, offline_warning
from wallet.onchain.addresses import address_to_script
from wallet.onchain.spend import SignedTx
from wallet.sentence import Sentence
from wallet.storage.fiat_setting import FiatSetting
from wallet.storage.label_store import LabelStore
from wallet.storage.rate_store import RateStore
from wallet.storage.wallet_file import Wallet
from wallet.storage.wallet_lock import WalletLock
from wallet.untrusted_text import quote_untrusted

log = logging.getLogger(__name__)

#: FeeChanged and HighFeeNotConfirmed are `onchain_send`'s, still imported from here
__all__ = ["FeeChanged", "FundsAChannel", "HighFeeNotConfirmed", "NodeService"]

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


def _address_text(value: Any, limit: int) -> str:
    """An address parameter, refused with one sentence when it is not text or far too long."""
    if not isinstance(value, str):
        raise InputError("the address must be text")
    if len(value) > limit:
        raise InputError(Sentence("the address is %1 characters long; at most %2 are read",
                                  format(len(value), ","), limit))
    return value


def _amount(value: Any) -> int | None:
    if value == "max":
        return None
    try:
        amount = int(value)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            Sentence("amount %1 is not a whole number of sat (or 'max')", repr(quote_untrusted(value, 40)))
        ) from None
    if amount <= 0:
        raise InputError("amount must be positive")
    if amount > MAX_SAT:
        raise InputError("amount is more than all the bitcoin there will ever be")
    return amount


class FundsAChannel(InputError):
    """RBF asked of a transaction that funds a channel: its txid must not change."""


class NodeService:
    def __init__(self, wallet: Wallet, config: NodeConfig = DEFAULT_CONFIG,
                 emit: Emit | None = None) -> None:
        """`config.holder` names this process to a second one that finds the wallet locked."""
        # One node per wallet: the lock is held until `close` (WalletInUse otherwise).
        self.config = config
        self.lock = WalletLock(wallet.path, config.holder)
        self.lock.acquire()
        try:
            self._build(wallet, config, emit)
        except BaseException:
            self.lock.release()
            raise

    def _build(self, wallet: Wallet, config: NodeConfig, emit: Emit | None) -> None:
        self.wallet = wallet
        self.network = wallet.network
        # Without a server the node still opens (offline): the wallet's stored state is
        # shown, and the error says how to fix it. The daemon refuses to start instead.
        self.server_error: NoServerConfigured | None = None
        candidates, fixed = server_list(self.network, load_choice(wallet.path), config.server)
        if not candidates:
            self.server_error = NoServerConfigured(
                Sentence("%1 has no default Electrum server; use --server (or add one in the "
                         "window's Settings)", self.network.name)
                if self.network.name != "regtest" else
                "no devnet is running (start one with `kite devnet up`) and no --server given")
        self.pool = ServerPool(candidates, fixed=fixed)
        self.last_seen = LastSeenHeight(wallet.db)  # read before the chain moves it
        self._emit = emit
        # what a window attached over the socket is told (`events`, a long poll)
        self.event_log = EventLog()
        self.view: WalletView | None = None
        self.chain = ChainNode(wallet.path, wallet.keys, wallet.db, self.pool, self._on_event)
        # which servers: the shipped ones, the user's, the one picked (`servers` commands)
        self.servers = ServerService(wallet.path, self.network, self.chain, config.server)
        # Lightning channels (accepting peers where `config.ln_listen` says)
        self.ln = ChannelService(wallet, self.chain, self._publish, config)
        # LNURL pay/withdraw/auth and Lightning addresses, over the same node
        self.lnurl = LnurlService(self.network, self.ln.node, wallet.keys.lnurl_auth,
                                  ready=self.ln.started)
        # the user's notes on transactions and payments
        self.labels = LabelService(LabelStore(wallet.db), self.chain, self.ln.node)
        # exchange rates fetched by the node for the currency set (window or not), kept
        # for the export's fiat values
        self.rates = RateStore(wallet.db)
        self.fiat = FiatKeeper(sources_for(self.network.name, config.rate_url),
                               FiatSetting(wallet.db), self.rates)
        self.funding_spends = FundingSpends()  # which wallet txs close a channel (parsed once)
        # the figures and events a window shows (the same in-process and attached)
        self.view = WalletView(self)
        self.stopped = asyncio.Event()

    def start(self) -> None:
        self.chain.start()
        self.ln.start()
        self.fiat.start()

    def _on_event(self, kind: str, data: dict[str, Any]) -> None:
        """The chain node's events: a verified tip is remembered (`last_seen`), then passed on."""
        if kind == "sync":
            if self.chain.synced.is_set():
                self.last_seen.synced(data.get("height"))
            else:
                self.last_seen.record(data.get("height"))
        self._publish(kind, data)

    def _publish(self, kind: str, data: dict[str, Any]) -> None:
        """A node event, as a window is told it (`WalletView.enrich`), to the in-process
        subscriber and to the log attached windows read (while one reads)."""
        if self._emit is None and not self.event_log.listening():
            return
        events = [(kind, data)]
        if self.view is not None:
            try:
                events = self.view.enrich(kind, data)
            except Exception:  # the figures must not stop the event itself
                log.exception("event %s could not be completed", kind)
        for k, d in events:
            self.event_log.record(k, d)
            if self._emit is not None:
                self._emit(k, d)

    async def close(self) -> None:
        try:
            await self.fiat.close()
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
            "fee_levels": self.fee_levels,
            "stop": self.stop,
            "offline_warning": self.offline_warning,
            "events": self.event_log.events,
            "retry_connection": self.retry_connection,
        } | self.view_handlers() | self.ln.handlers | self.lnurl.handlers | self.servers.handlers \
            | self.labels.handlers | {"payments": self.payments, "fiat_rates": self.fiat_rates} \
            | self.fiat.handlers

    def view_handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {} if self.view is None else self.view.handlers

    async def retry_connection(self) -> dict[str, Any]:
        """Try the servers again now (the user pressed "Try again" while offline)."""
        self.chain.retry_now()
        return {"retrying": True}

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
        """On-chain (`confirmed`, `unconfirmed`, `immature`, `total`), Lightning (the keys
        of `lightning_balance`) and what is being recovered from channels lost by a restore
        (`recovering` sat, and `recovery`: `RecoveryProgress`), each apart: no figure holds
        another's money."""
        synced = await self._wait(wait)
        b = self.chain.balance()
        recovery = self.ln.auto_recovery.progress()
        return {"confirmed": b.confirmed, "unconfirmed": b.unconfirmed, "immature": b.immature,
                "total": b.total, "synced": synced, "height": self.chain.tip_height} \
            | self.lightning_balance() \
            | {"recovering": recovery.amount_sat, "recovery": recovery.to_dict()}

    def lightning_balance(self) -> dict[str, int]:
        """The channels' figures (`ln_balance.lightning_balance`); never waits."""
        rows = self.ln.node.list_channels()
        return lightning_balance(
            rows, self.funding_spends.closing_spent(self.chain.ledger.transactions(), rows))

    async def status(self) -> dict[str, Any]:
        """The node at a glance: `getinfo` plus `recovery` (channels being recovered after a
        restore, `restore_recovery.RecoveryProgress`). Never waits for the network."""
        return await self.getinfo() | {
            "recovery": self.ln.auto_recovery.progress().to_dict()}

    async def address(self) -> dict[str, Any]:
        return {"address": self.chain.receive_address()}

    async def history(self, wait: float = SYNC_WAIT) -> list[dict[str, Any]]:
        await self._wait(wait)
        return self.labels.add_onchain([
            {"txid": e.txid, "height": e.height, "confirmations": self.chain.confirmations(e.height),
             "delta_sat": e.delta, "fee_sat": e.fee, "timestamp": e.timestamp}
            for e in self.chain.history()
        ])

    async def payments(self, limit: Any = None) -> list[dict[str, Any]]:
        """The payment log, newest first, each with the user's "note"."""
        return self.labels.add_payments(await self.ln.payments(limit))

    async def fiat_rates(self, currency: Any = None) -> dict[str, Any]:
        """{currency, rates: [{currency, price, fetched_at, source}]}: the rates kept of
        `currency` (default: the one of the newest kept rate; None when none was kept)."""
        chosen = check_currency(currency) if currency else self.rates.last_currency()
        rates = self.rates.rates(chosen) if chosen else []
        return {"currency": chosen, "rates": [r.to_dict() for r in rates]}

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
        back as `feerate` to send exactly what was priced. The rules (anchor reserve kept,
        high fee) are `OnchainSend`'s, shared with an LSPS1 order paid on-chain."""
        script = address_to_script(_address_text(address, 200), self.network)
        amount_sat, rate = _amount(amount), feerate_param(feerate)
        priced = await self.ln.onchain.price(script, amount_sat, rate, wait)
        extra = {"high_fee": priced.high_fee, "target_feerate": priced.rate}
        if dry_run:
            return self._result(priced.signed, priced.signed.txid) | extra | {"broadcast": False}
        confirm_fee(priced, confirm_high_fee)
        return self._result(priced.signed, await self.chain.broadcast(priced.signed)) | extra

    def _keeping_reserve(self, signed: SignedTx, replaces: str | None = None) -> SignedTx:
        """A fee bump obeys the send's rule: one that would leave less than the reserve the
        open anchor channels need is refused with one sentence (ReserveShort), priced or
        not, so nothing is broadcast."""
        reserve = self.ln.onchain_reserve_sat()
        if reserve == 0:
            return signed
        tip = self.chain.tip_height
        cost = self.chain.spender.spendable_cost(signed, tip, replaces)
        check = anchor_reserve.after_bump(self.chain.spender.spendable_total(tip), cost,
                                          reserve)
        reason = anchor_reserve.bump_refusal(check, cost)
        if reason is not None:
            raise ReserveShort(reason)
        return signed

    async def fee_levels(self, wait: float = SYNC_WAIT) -> dict[str, Any]:
        """{slow, normal, fast}: sat/vB from the servers' estimates (normal: what a send
        uses by default), and `targets`: the blocks each aims at."""
        await self.chain.wait_synced(min(float(wait), SYNC_WAIT))
        return await self.chain.fee_levels() | {"targets": dict(FEE_LEVEL_TARGETS)}

    async def bumpfee(self, txid: str, feerate: Any, dry_run: bool = False,
                      expected_fee_sat: Any = None, wait: float = SYNC_WAIT) -> dict[str, Any]:
        """Replace an unconfirmed transaction of ours with one paying `feerate` (RBF).
        `dry_run`: only price it. `expected_fee_sat`: the fee the user was shown; a
        replacement that would pay another fee is refused (nothing broadcast)."""
        rate = feerate_param(feerate)
        if rate is None:
            raise InputError("give the new fee rate (sat/vB)")
        await self.chain.wait_synced(min(float(wait), SYNC_WAIT))
        txid = _txid(txid)
        self._not_a_funding(txid)
        signed = self._keeping_reserve(await self.chain.bump_fee(txid, rate), replaces=txid)
        if dry_run:
            return self._result(signed, signed.txid) | {"broadcast": False}
        same_fee(signed, expected_fee_sat)
        orders = self.ln.node.lsps1.store
        if orders is not None:  # an LSPS1 order's payment: follow the replacement (kept first)
            orders.payment_replaced(txid, signed.txid, signed.raw)
        try:
            return self._result(signed, await self.chain.broadcast(signed))
        except BroadcastRejected as e:
            raise BroadcastRejected(Sentence("replacement refused: %1", e)) from None

    def _not_a_funding(self, txid: str) -> None:
        """A replacement has another txid: a channel funded by `txid` would be left waiting
        for an outpoint that never confirms (and our peer with it). Refused; a CPFP keeps
        the txid and is the way to speed such a transaction up."""
        if txid in funding_txids(self.ln.node.list_channels()):
            raise FundsAChannel(
                "Not sped up by replacing it: this transaction opens a Lightning channel, and a "
                "replacement would change the channel's funding and break it. Speed it up by "
                "spending its change instead (CPFP: `kite cpfp`).")

    async def cpfp(self, txid: str, feerate: Any, dry_run: bool = False,
                   expected_fee_sat: Any = None, wait: float = SYNC_WAIT) -> dict[str, Any]:
        """Speed up an unconfirmed transaction by spending our output of it (CPFP) at the
        package rate `feerate`; `dry_run` and `expected_fee_sat` as for `bumpfee`."""
        rate = feerate_param(feerate)
        if rate is None:
            raise InputError("give the package fee rate (sat/vB)")
        await self.chain.wait_synced(min(float(wait), SYNC_WAIT))
        signed = self._keeping_reserve(await self.chain.cpfp(_txid(txid), rate))
        if dry_run:
            return self._result(signed, signed.txid) | {"broadcast": False}
        same_fee(signed, expected_fee_sat)
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
