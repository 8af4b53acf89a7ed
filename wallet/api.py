"""The facade the GUI and the CLI use: thread-safe calls into the node, and an event stream.

The node runs on its own asyncio loop in a worker thread. Every call here is safe from any
thread and returns a `concurrent.futures.Future` (never blocks on the network or disk).
Events (sync progress, balance, history, errors, later payments and channels) are
delivered to subscribers on the node's thread: a GUI must marshal them to its own thread.
This module never imports Qt.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from wallet.bip353.errors import NameNotPublished, NoInstructions
from wallet.bip353.names import parse_bip353_name
from wallet.chain.fee_estimates import MAX_FEERATE, MIN_FEERATE  # noqa: F401 (the GUI's fee field)
from wallet.daemon import rpc
from wallet.daemon.backup_service import read_capped, write_private
from wallet.daemon.channel_service import parse_peer  # noqa: F401 (the GUI reads NODEID@HOST:PORT)
from wallet.daemon.ln_balance import CLOSING_PHASES, lightning_balance  # noqa: F401 (shared)
from wallet.daemon.lnurl_service import LnurlRequest, LnurlService
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.node_link import POLL_WAIT, Attached, DaemonLightning, InProcess, NodeLink
from wallet.daemon.recovery_setting import SEED_WORDS_RESTORE  # noqa: F401 (the words screen)
from wallet.daemon.service import NodeService
from wallet.daemon.wallet_view import payment_row  # noqa: F401 (the figures, shared with the daemon)
from wallet.errors import InputError, KiteError
from wallet.export import FORMATS, export_rows, export_text
from wallet.fiat.at_time import timeline_from
from wallet.fiat.rate_service import RateService
from wallet.fiat.rates import (  # noqa: F401 (value types and conversions the GUI shows)
    CURRENCIES,
    SAT_PER_BTC,
    Rate,
    fiat_to_sat,
    format_fiat,
    parse_fiat,
    sat_to_fiat,
)
from wallet.fiat.sources import (  # noqa: F401 (DEFAULT_SOURCE: the GUI's first choice)
    DEFAULT_SOURCE,
    RateSource,
    sources_for,
)
from wallet.keys import bip39
from wallet.keys.bip39 import ChecksumError, MnemonicError, UnknownWordError, WordCountError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.bolt12.invoice_request import MAX_PAYER_NOTE
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer_text import OfferTextError, offer_in_text, read_offer
from wallet.ln.shell import default_peers
from wallet.lnurl.auth import AuthRequest
from wallet.lnurl.recognise import looks_like_lnurl
from wallet.lnurl.responses import PayRequest, WithdrawRequest
from wallet.lsp.known import known_lsps as _known_lsps
from wallet.networks import Network
from wallet.paths import data_dir
from wallet.sentence import Sentence
from wallet.storage import wallet_file
from wallet.storage.backup_state import BackupState
from wallet.storage.wallet_lock import WalletInUse, WalletLock

log = logging.getLogger(__name__)
T = TypeVar("T")
FAIL_FAST = 5.0  # seconds a GUI send waits for a server before saying it is not connected
DAEMON_STOP_WAIT = 30.0  # seconds a stopped daemon has to let go of the wallet
DAEMON_GONE = ("The Kite daemon this window was attached to has stopped: unlock again to run "
               "the wallet in this window.")


FOLLOW_TRIES = 3  # failed `events` requests in a row before the daemon counts as gone


def _events_reply(got: Any) -> tuple[bool, int, list[Event]]:
    """(missed, seq, events) of an `events` reply; DaemonError when it is malformed."""
    try:
        events = [Event(str(e["kind"]), dict(e["data"])) for e in got["events"]]
        seq = got["seq"]
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
            raise ValueError(seq)
        return bool(got["missed"]), seq, events
    except (KeyError, TypeError, ValueError):
        raise rpc.DaemonError("the daemon's events reply is malformed") from None


class NotTheDaemonsWallet(KiteError):
    """The daemon answering on the wallet's socket runs another wallet or network."""


@dataclass(frozen=True)
class Event:
    """Something the GUI may want to show. `kind` is one of:

    - "sync": data {height, server_height, server, connected}
    - "balance": data {confirmed, unconfirmed, immature} and `lightning_balance`'s keys, sat
    - "history": data {} (history changed: call history())
    - "payment": data {payment_hash, status, direction, amount_msat} (a Lightning payment
      was paid or failed; history() has it)
    - "channel": data {key_index, ...} (a channel changed: call channels())
    - "error": data {message, detail} (a sentence for people, then the technical detail)
    - "state": data {state}: "stopped" | "starting" | "running"
    - "servers": data {servers: [{server, state, reason}]} (a server's state changed;
      `servers()` has the whole list)
    """

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


#: the seed-word errors the onboarding screens tell apart (value types of the facade)
SEED_WORD_ERRORS = (ChecksumError, MnemonicError, UnknownWordError, WordCountError)


def default_wallet_path(network: Network) -> Path:
    """Where the app keeps the wallet of `network` unless told otherwise."""
    return data_dir() / network.name / "default_wallet"


def wallet_exists(path: Path) -> bool:
    return wallet_file.wallet_exists(path)


def known_lsps(network_name: str) -> list[dict[str, Any]]:
    """The LSPs Kite knows of on this network, [{name, peer}] (Settings' suggestions; the
    shipped list, nothing contacted)."""
    return [{"name": k.name, "peer": k.peer} for k in _known_lsps(network_name)]


def invoice_payment_hash(text: str) -> str:
    """The payment hash (hex) of a BOLT 11 invoice of ours, to match its payment events."""
    return decode_invoice(text).payment_hash.hex()


class NodeNotRunning(KiteError):
    """The wallet is not open."""


def _write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it: the old file or the new
    one, never half of one. A folder that cannot be written is one sentence."""
    tmp = path.with_name(f".{path.name}.kite-tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise InputError(Sentence("cannot write %1: %2", path, e.strerror or e)) from None


class _LoopThread:
    """One asyncio loop on a daemon thread, for the node."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="kite-node", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel what still runs (so that nobody waits forever on a future), then stop."""

        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.wait(tasks, timeout=timeout / 2)

        if self._thread.is_alive():
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(cancel_all(), self.loop).result(timeout)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)



def _check_invoice_amount(amount_sat: Any) -> None:
    """None (the payer chooses) or a positive whole number of sat."""
    if amount_sat is not None and (not isinstance(amount_sat, int) or amount_sat <= 0):
        raise InputError("an invoice amount must be a positive number of sat")

class WalletApi:
    """One wallet folder on one network."""

    def __init__(self, wallet_dir: str | Path, network: Network, server: str | None = None,
                 trampoline: str | None = None) -> None:
        self.wallet_dir = Path(wallet_dir)
        self.network = network
        self.server = server
        self.trampoline = trampoline  # NODEID@HOST:PORT instead of the network's default
        #: the LSP the node buys JIT channels from (NODEID@HOST:PORT; None: the network's
        #: trampoline when it sells them), read when the wallet opens
        self.lsp_peer: str | None = None
        self.rate_url: str | None = None  # the devnet's rate server (regtest "devnet" source)
        self._rates: RateService | None = None
        self._subscribers: list[Callable[[Event], None]] = []
        self._lock = threading.Lock()
        self._loop = _LoopThread()
        #: the node the facade's commands go to: in this process, or the daemon's socket
        self._node: NodeLink | None = None
        self._service: NodeService | None = None  # the in-process node (None when attached)
        self._wallet: Any = None
        self.node_id: str | None = None
        self._follow: asyncio.Task[None] | None = None  # the daemon's events, when attached
        self._attached_lnurl: LnurlService | None = None  # the LNURL flows, when attached

    # --- helpers that need no open wallet -----------------------------------------------

    @staticmethod
    def generate_mnemonic(words: int = 12) -> str:
        return bip39.generate_mnemonic(words)

    @staticmethod
    def validate_mnemonic(text: str) -> str:
        """Normalized words, or a MnemonicError (UnknownWordError, ChecksumError, ...)."""
        return bip39.validate_mnemonic(text)

    @staticmethod
    def suggest_words(prefix: str, limit: int = 6) -> list[str]:
        return bip39.suggest(prefix, limit=limit)

    def wallet_exists(self) -> bool:
        return wallet_file.wallet_exists(self.wallet_dir)

    # --- events ---------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call `callback(event)` for every event (on the node thread) until unsubscribed."""
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def emit(self, event: Event) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for cb in subscribers:
            try:
                cb(event)
            except Exception:  # a subscriber's bug must not stop the node
                log.exception("event subscriber failed on %s", event.kind)

    # --- wallet lifecycle ---------------------------------------------------------------

    def create(self, mnemonic: str, passphrase: str, password: str,
               backup_checked: bool = False) -> concurrent.futures.Future[None]:
        """Create (or restore) the wallet from seed words. Off the caller's thread.
        `backup_checked`: the user typed the words back (no backup reminder is due)."""

        async def run() -> None:
            await asyncio.to_thread(functools.partial(
                wallet_file.create_wallet, self.wallet_dir, self.network, mnemonic,
                passphrase, password, backup_checked=backup_checked))

        return self._loop.submit(run())

    def open(self, password: str) -> concurrent.futures.Future[None]:
        """Unlock the wallet (the password is checked against the wallet file), then start
        the node on the worker thread, or attach to the `kite daemon` that runs this wallet
        already (`attached`): the same commands then go over its socket."""

        async def run() -> None:
            if self._node is not None:
                return
            self.emit(Event("state", {"state": "starting"}))
            wallet = await asyncio.to_thread(
                wallet_file.open_wallet, self.wallet_dir, password, network=self.network
            )
            try:
                if await asyncio.to_thread(rpc.daemon_answers, self.wallet_dir):
                    await self._attach(wallet)
                    return
                try:
                    service = NodeService(
                        wallet, NodeConfig(server=self.server, holder="the Kite window",
                                           lsp_peer=self.lsp_peer, rate_url=self.rate_url),
                        emit=self._emit_kind)
                except WalletInUse:  # a daemon starting up: attach once it answers
                    if not await asyncio.to_thread(rpc.daemon_answers, self.wallet_dir):
                        raise
                    await self._attach(wallet)
                    return
            except BaseException:
                wallet.close()
                raise
            self._wallet, self._service = wallet, service
            self._node = InProcess(service)
            self.node_id = wallet.keys.node_id.hex()
            service.start()
            self.emit(Event("state", {"state": "running"}))

        return self._loop.submit(run())

    @property
    def attached(self) -> bool:
        """Whether the wallet's node is a running `kite daemon` this window talks to."""
        node = self._node
        return node is not None and node.attached

    async def _attach(self, wallet: Any) -> None:
        """Use the daemon that runs this wallet (its node id must be the wallet's)."""
        link = Attached(self.wallet_dir)
        info = await link.call("getinfo")
        node_id = wallet.keys.node_id.hex()
        if info.get("node_id") != node_id or info.get("network") != self.network.name:
            raise NotTheDaemonsWallet(
                "The daemon answering in this wallet's folder runs another wallet; stop it "
                "with `kite stop`, then unlock again.")
        try:  # the number of the daemon's last event, before the first figures are read
            _, since, _ = _events_reply(await link.call("events"))
        except rpc.DaemonError:
            raise NotTheDaemonsWallet(
                "The daemon running this wallet is a Kite version a window cannot attach to: "
                "stop it with `kite stop`, then unlock again.") from None
        self._wallet, self._node, self.node_id = wallet, link, node_id
        self.emit(Event("state", {"state": "running", "attached": True}))
        self.emit(Event("sync", {"height": info.get("height"),
                                 "server_height": info.get("server_height"),
                                 "server": info.get("server"),
                                 "connected": info.get("server") is not None}))
        self.emit(Event("balance", await link.call("wallet_balance")))
        self.emit(Event("history", {}))
        self._follow = asyncio.get_running_loop().create_task(
            self._follow_daemon(link, since), name="follow-daemon")

    async def _follow_daemon(self, link: Attached, since: int) -> None:
        """The daemon's events, as the in-process node would send them (a long poll on
        `events`). When the daemon goes away (or keeps failing to answer) the window is
        told, and the link dropped."""
        failures = 0
        while self._node is link:
            try:
                got = await link.call("events", since=since, wait=POLL_WAIT)
                missed, since, events = _events_reply(got)
                if missed:  # fell behind (or a new daemon): reload what is shown
                    events = [Event("balance", await link.call("wallet_balance")),
                              Event("history", {}), *events]
            except KiteError as e:
                failures += 1
                if self._node is not link:
                    return
                if failures < FOLLOW_TRIES and await asyncio.to_thread(
                        rpc.daemon_answers, self.wallet_dir):
                    await asyncio.sleep(1.0)  # a slow or odd answer: ask again
                    continue
                self._node = None
                wallet, self._wallet = self._wallet, None
                if wallet is not None:
                    wallet.close()
                self.emit(Event("error", {"message": DAEMON_GONE, "detail": str(e)}))
                self.emit(Event("state", {"state": "stopped"}))
                return
            failures = 0
            if self._node is not link:
                return
            for event in events:
                self.emit(event)

    def daemon_running(self) -> concurrent.futures.Future[bool]:
        """Whether a `kite daemon` runs this wallet now (then `open` attaches to it)."""

        async def run() -> bool:
            return await asyncio.to_thread(rpc.daemon_answers, self.wallet_dir)

        return self._loop.submit(run())

    def stop_daemon(self) -> concurrent.futures.Future[None]:
        """Ask the wallet's daemon to stop, and wait until it has let go of the wallet."""

        async def run() -> None:
            await asyncio.to_thread(rpc.call, rpc.socket_path(self.wallet_dir), "stop", 10.0)
            probe = WalletLock(self.wallet_dir, "the Kite window (waiting)")
            deadline = asyncio.get_running_loop().time() + DAEMON_STOP_WAIT
            while True:
                try:
                    probe.acquire()
                except WalletInUse:
                    if asyncio.get_running_loop().time() > deadline:
                        raise KiteError("The daemon did not stop in time; stop it with "
                                        "`kite stop`, then unlock again.") from None
                    await asyncio.sleep(0.2)
                    continue
                probe.release()
                return

        return self._loop.submit(run())

    def _emit_kind(self, kind: str, data: dict[str, Any]) -> None:
        """Node events (on the node thread), as `WalletView.enrich` completed them."""
        self.emit(Event(kind, data))

    def recoverable_channels(self, on: bool | None = None
                             ) -> concurrent.futures.Future[dict[str, Any]]:
        """The "recoverable channels" setting: {on, cost, means}; `on` changes it."""
        return self._call("recoverable_channels", on=on)

    def backup_export(self, path: str | Path) -> concurrent.futures.Future[dict[str, Any]]:
        """Write the encrypted channel backup file at `path` (0600, whole or not at all):
        {file, channels}."""

        async def run() -> dict[str, Any]:
            answer = await self._call_now("backup_export")
            target = Path(path).expanduser()
            await asyncio.to_thread(write_private, target, base64.b64decode(answer["file"]))
            return {"file": str(target), "channels": answer["channels"]}

        return self._loop.submit(run())

    def backup_import(self, path: str | Path) -> concurrent.futures.Future[dict[str, Any]]:
        """Read a channel backup file and recover its channels (see `kite backup import`);
        a file that is not this wallet's is refused in one sentence, nothing changed."""

        async def run() -> dict[str, Any]:
            if self._node is None:  # before reading the file
                raise NodeNotRunning("the wallet is not open")
            data = await asyncio.to_thread(read_capped, Path(path).expanduser())
            return await self._call_now("backup_import", file=base64.b64encode(data).decode())

        return self._loop.submit(run())

    def recovery(self) -> concurrent.futures.Future[dict[str, Any]]:
        """The recovery of lost channels: summary and channels (RPC `recovery_status`)."""
        return self._call("recovery_status")

    def _call(self, command: str, /, **params: Any) -> concurrent.futures.Future[Any]:
        """The node command `command` on the node's loop (a future for the GUI thread)."""
        return self._loop.submit(self._call_now(command, **params))

    def balance(self) -> concurrent.futures.Future[dict[str, Any]]:
        """{confirmed, unconfirmed, immature, lightning} in sat, and `synced` (False: the
        figures are what was stored, not yet confirmed by a server), and what is being
        recovered from lost channels (never in the others): `WalletView.wallet_balance`.
        Never waits."""
        return self._call("wallet_balance")

    def history(self) -> concurrent.futures.Future[list[dict[str, Any]]]:
        """On-chain and Lightning payments, newest first (unconfirmed on-chain on top).

        On-chain rows: {kind: "onchain", txid, height, confirmations, delta_sat, fee_sat,
        timestamp, label, note} (label: "Channel opened" for a channel's funding, "Channel closed"
        for a transaction that spends one). Lightning rows: {kind: "lightning", payment_hash, status ("paid",
        "pending", "failed", "unconfirmed", "lost": see `LightningNode.list_payments`), delta_sat, fee_sat, timestamp, description, invoice, preimage,
        note} (invoices we issued appear once paid). `note`: the user's words (set_label)."""
        return self._call("wallet_history")

    # --- Lightning ------------------------------------------------------------------------

    def default_trampoline(self) -> str:
        """NODEID@HOST:PORT of this network's trampoline ("" when it has none)."""
        return self.trampoline or default_peers.default_trampoline(self.network)

    def channels(self) -> concurrent.futures.Future[list[dict[str, Any]]]:
        """Every channel: {key_index, channel_id, peer, state, phase, connected, capacity_sat,
        local_msat, remote_msat, short_channel_id, closed_reason, error, ...}, and where
        the channel has commitments: sendable_msat, receivable_msat, reserve_sat."""

        return self._call("channel_list")

    def open_channel(self, peer: str, amount_sat: int, push_sat: int = 0
                     ) -> concurrent.futures.Future[dict[str, Any]]:
        """Open a channel of `amount_sat` from the on-chain balance to NODEID@HOST:PORT
        (`push_sat` of it given to the peer at the start). The channel (as `channels()`
        lists it, with `channel_type`) plus `reserve`: {reserve_sat, onchain_sat, short_sat,
        ok, notice}, what stays on-chain for anchor channels' fee bumping and a sentence
        saying so. An open that would leave less than the reserve fails with
        ReserveShort (an InputError) saying how much can be opened."""
        return self._call("channel_open", peer=peer, amount_sat=amount_sat,
                          push_msat=int(push_sat) * 1000)

    def anchor_reserve(self) -> concurrent.futures.Future[dict[str, Any]]:
        """The on-chain reserve the open anchor channels need against the confirmed coins:
        {reserve_sat (0: no anchor channel), onchain_sat, short_sat, ok, notice}; when not
        ok, show `notice` (the reserve is short: a force close could not bump its fees)."""
        return self._call("anchor_reserve")

    def offline_warning(self) -> concurrent.futures.Future[dict[str, Any] | None]:
        """None, or why the user should keep the app open now: it was closed for half or
        more of the punishment window of a channel holding our money. {blocks_away,
        window_blocks, channels (key indexes), expired (away for the whole window), message}.
        Known once the chain has caught up: ask again on a "sync" event."""
        return self._call("offline_warning")

    def channel_fee_quote(self, amount_sat: int | None) -> concurrent.futures.Future[dict[str, Any]]:
        """What the funding transaction of a channel of `amount_sat` (None: everything)
        would cost, as it will be built (with its recovery record): {fee_sat, feerate,
        amount_sat, high_fee}. Nothing is broadcast."""

        return self._call("funding_quote", amount_sat=amount_sat)

    def buy_inbound(self, amount_sat: int) -> concurrent.futures.Future[dict[str, Any]]:
        """LSPS1: an order of `amount_sat` of inbound capacity from the LSP, checked, nothing
        paid yet: {order_id, lsp, lsp_balance_sat, fee_sat, channel_expiry_blocks, ...}."""
        return self._call("lsp_buy", amount_sat=amount_sat)

    def inbound_onchain_quote(self, order_id: str) -> concurrent.futures.Future[dict[str, Any]]:
        """What paying an order made by `buy_inbound` on-chain costs, nothing sent: the
        order with `onchain_quote` {address, order_total_sat, network_fee_sat, total_sat
        (both), feerate, target_feerate, high_fee (why the fee needs a yes, or None),
        confirmations (the LSP opens the channel after)}. When the wallet's coins cannot
        pay it (InsufficientFunds, or ReserveShort: the anchor reserve), `onchain_quote`
        is None and `cannot_pay` says why; any other refusal fails the future."""
        async def run() -> dict[str, Any]:
            try:
                return await self._call_now("lsp_order_pay", order_id=order_id, onchain=True,
                                            dry_run=True)
            except KiteError as e:  # by name: attached, the daemon's error comes by its name
                if type(e).__name__ not in ("InsufficientFunds", "ReserveShort"):
                    raise
                return {"order_id": order_id, "onchain_quote": None, "cannot_pay": str(e)}

        return self._loop.submit(run())

    def pay_inbound_order(self, order_id: str, onchain: bool = False,
                          fee_rate: float | None = None, expected_fee_sat: int | None = None,
                          confirm_high_fee: bool = False
                          ) -> concurrent.futures.Future[dict[str, Any]]:
        """Pay an order made by `buy_inbound` and follow it (up to a minute) until the LSP
        has published the channel: the order with its `state` and `channel`. `onchain`:
        pay it on-chain instead, at the quote's `fee_rate` (its `target_feerate`) and for
        its network fee (`expected_fee_sat`: another fee is refused, FeeChanged, nothing
        sent); the answer has `paid_onchain` (the txid) and comes at once (the LSP opens
        the channel after the confirmations it asks)."""
        if not onchain:
            return self._call("lsp_order_pay", order_id=order_id, wait=60)
        return self._call("lsp_order_pay", order_id=order_id, onchain=True, fee_rate=fee_rate,
                          expected_fee_sat=expected_fee_sat, confirm_high_fee=confirm_high_fee)

    def close_channel(self, channel: str | int, force: bool = False
                      ) -> concurrent.futures.Future[dict[str, Any]]:
        """Close cooperatively, or (force) publish our commitment: funds wait the delay."""
        return self._call("channel_close", channel=channel, force=force)

    def create_invoice(self, amount_sat: int | None, description: str = "",
                       expiry: int = 3600) -> concurrent.futures.Future[str]:
        """A BOLT 11 invoice to this node (amount None: the payer chooses)."""
        async def run() -> str:
            _check_invoice_amount(amount_sat)
            made = await self._call_now(
                "invoice", amount_sat=0 if amount_sat is None else amount_sat,
                description=description, expiry=expiry)
            return made["invoice"]

        return self._loop.submit(run())

    def receive_quote(self, amount_sat: int | None) -> concurrent.futures.Future[dict[str, Any]]:
        """Before the Receive page makes an invoice: {receivable_msat, and when the amount
        does not fit, `jit_channel` (the LSP's fee and what the user would get, nothing
        bought yet) or a `warning`}."""
        async def run() -> dict[str, Any]:
            _check_invoice_amount(amount_sat)
            return await self._call_now("receive_quote", amount_sat=amount_sat or 0)

        return self._loop.submit(run())

    def receive_invoice(self, amount_sat: int | None, description: str = "",
                        expiry: int = 3600, *, use_lsp: bool = True,
                        max_lsp_fee_sat: int | None = None
                        ) -> concurrent.futures.Future[dict[str, Any]]:
        """What the Receive page shows: {invoice, amount_msat, and either `jit_channel`
        (the invoice goes through a new channel from the LSP: `opening_fee_msat`,
        `you_receive_msat`, `valid_until`) or a `warning` (the channels cannot receive it
        and no LSP can help)}. `use_lsp` False refuses instead of buying a channel."""
        async def run() -> dict[str, Any]:
            _check_invoice_amount(amount_sat)
            return await self._call_now(
                "invoice", amount_sat=0 if amount_sat is None else amount_sat,
                description=description,
                expiry=expiry, no_lsp=not use_lsp, max_lsp_fee_sat=max_lsp_fee_sat)

        return self._loop.submit(run())

    def pay_invoice(self, invoice: str, amount_sat: int | None = None,
                    max_fee_sat: int | None = None, timeout: float = 60.0
                    ) -> concurrent.futures.Future[dict[str, Any]]:
        """Pay a BOLT 11 invoice over Lightning (amount only for invoices without one);
        {payment_hash, preimage, amount_msat, status, fee_msat?}. PaymentFailed says why.
        `max_fee_sat` caps the routing fees (None: the payment code's default)."""

        return self._call("pay", invoice=invoice, amount_sat=amount_sat,
                          max_fee_sat=max_fee_sat, timeout=timeout)

    @staticmethod
    def offer_to_pay(text: str, network: Network) -> dict[str, Any] | None:
        """What a pasted BOLT 12 offer (alone or as a URI's `lno=`) asks, for the Send page
        to show before pay_offer: {offer, amount_msat (None: the payer chooses), currency,
        description, issuer, issuer_id, expired, quantity_max (None: one item only; 0: any
        number)}; None when `text` carries no offer.
        InputError (one sentence) for a damaged offer or one for another network."""
        try:
            found = offer_in_text(text)
            if found is None:
                return None
            offer = read_offer(found, chain_hash(network.genesis_hash))
        except OfferTextError as e:
            raise InputError(e.message) from None
        return {"offer": found, "amount_msat": offer.amount, "currency": offer.currency,
                "description": offer.description or "", "issuer": offer.issuer or "",
                "issuer_id": offer.issuer_id.hex() if offer.issuer_id else "",
                "expired": offer.is_expired(int(time.time())),
                "quantity_max": offer.quantity_max}

    #: the longest payer note an offer payment carries (bytes of UTF-8)
    MAX_PAYER_NOTE = MAX_PAYER_NOTE
    #: what resolve_name fails with for a name that publishes nothing
    NameNotPublished = NameNotPublished
    #: ... for a name that publishes nothing or that DNS never answered about (a timeout):
    #: a plain user@domain may then be a Lightning address; never a DNSSEC failure
    NoInstructions = NoInstructions

    @staticmethod
    def bip353_name(text: str) -> str:
        """`text` as a BIP 353 name, "₿user@domain" (lower case); InputError with one
        sentence when it cannot be one."""
        return str(parse_bip353_name(text))

    def resolve_name(self, name: str) -> concurrent.futures.Future[dict[str, Any]]:
        """A BIP 353 name's payment instructions (`₿user@domain` or `user@domain`), checked
        along the DNSSEC chain by the node: {name ("₿user@domain"), uri, dnssec: True}.
        NameNotPublished when the name publishes none, NameUnanswered when DNS gave no answer
        about it (either is a NoInstructions: a plain user@domain may then be a Lightning
        address); Bip353Error with one sentence for an answer not to be trusted."""
        return self._call("resolve", name=name)

    def receive_offer(self) -> concurrent.futures.Future[dict[str, Any]]:
        """The wallet's reusable any-amount BOLT 12 offer for Receive, as `kite offer create`
        makes it (its path through our trampoline peer): the same one each time while that
        peer is ours, else a new one. {offer, offer_id, amount_msat (None), description,
        quantity_max, reusable, reused}; InputError when there is no trampoline channel."""
        return self._call("offer_create", reuse=True)

    def pay_offer(self, text: str, amount_sat: int | None = None,
                  max_fee_sat: int | None = None, timeout: float = 60.0, *,
                  quantity: int | None = None, note: str | None = None,
                  bip353_name: str | None = None
                  ) -> concurrent.futures.Future[dict[str, Any]]:
        """Pay a BOLT 12 offer (`lno1…`, or a URI whose `lno=` holds one) or a BIP 353 name
        (`₿user@domain`, resolved over DNSSEC): the node asks the offer's issuer for an
        invoice through the trampoline peer and pays it. `amount_sat` is the total asked
        in the request (required for offers without an amount; for a priced offer it pins
        the invoice to exactly that total, at least price × quantity); `quantity` for
        offers that sell several, `note` a payer note sent to the issuer as is,
        `bip353_name` the name a shown offer was resolved from (`resolve_name`). The
        payment entry, as pay_invoice; InputError for text that is neither, or a malformed
        offer."""

        async def run() -> dict[str, Any]:
            body = text.strip() if isinstance(text, str) else ""
            if not body.startswith("₿"):
                try:
                    found = offer_in_text(body)
                except OfferTextError as e:
                    raise InputError(e.message) from None
                if found is None:
                    raise InputError("that is not a BOLT 12 offer (lno1…) or a ₿name")
            if amount_sat is not None and (type(amount_sat) is not int or amount_sat <= 0):
                raise InputError("an amount must be a positive number of sat")
            if quantity is not None and (type(quantity) is not int or quantity <= 0):
                raise InputError("a quantity must be a whole number of at least 1")
            if note is not None and not isinstance(note, str):
                raise InputError("a payer note must be text")
            extra = {key: value for key, value in (("quantity", quantity), ("note", note),
                                                   ("bip353_name", bip353_name))
                     if value is not None}
            return await self._call_now("pay", invoice=body, amount_sat=amount_sat,
                                        max_fee_sat=max_fee_sat, timeout=timeout, **extra)

        return self._loop.submit(run())

    # --- LNURL and Lightning addresses (LUD-01..17) --------------------------------------

    @staticmethod
    def looks_like_lnurl(text: str) -> bool:
        """Whether pasted text is meant as an LNURL or a Lightning address (user@domain)."""
        return looks_like_lnurl(text)

    def _lnurl(self) -> LnurlService:
        """In-process: the node's. Attached: the window's own, over the daemon's node
        (`node_link.DaemonLightning`), with the linking keys of the wallet it unlocked."""
        if self._service is not None:
            return self._service.lnurl
        node = self._node
        if node is None or self._wallet is None:
            raise NodeNotRunning("the wallet is not open")
        if self._attached_lnurl is None or self._attached_lnurl.node.link is not node:
            self._attached_lnurl = LnurlService(self.network, DaemonLightning(node),
                                                self._wallet.keys.lnurl_auth)
        return self._attached_lnurl

    def lnurl_fetch(self, text: str) -> concurrent.futures.Future[LnurlRequest]:
        """What an LNURL or Lightning address asks: a `PayRequest` or `WithdrawRequest`
        (fetched from the service and checked), or an `AuthRequest` (read from the LNURL;
        nothing is sent). Show it, then call lnurl_pay / lnurl_withdraw / lnurl_auth with
        it. LnurlError / ServiceRefused / ServiceUnreachable say what is wrong."""

        async def run() -> LnurlRequest:
            return await self._lnurl().fetch(text)

        return self._loop.submit(run())

    def lnurl_pay(self, request: PayRequest, amount_msat: int, comment: str = "",
                  max_fee_sat: int | None = None, timeout: float = 60.0
                  ) -> concurrent.futures.Future[dict[str, Any]]:
        """Pay `amount_msat` to the service of `request` (the one shown to the user): its
        invoice is checked against `request` before the node pays it. The payment entry
        plus {service, description, comment, success_action ({tag, message|description,
        url?, error?}) or None}."""

        async def run() -> dict[str, Any]:
            max_fee = None if max_fee_sat is None else int(max_fee_sat) * 1000
            return await self._lnurl().pay(request, amount_msat, comment,
                                           max_fee_msat=max_fee, timeout=timeout)

        return self._loop.submit(run())

    def lnurl_receivable_sat(self) -> concurrent.futures.Future[int]:
        """About how much the channels can receive now (the bound of a withdrawal)."""

        async def run() -> int:
            return await self._lnurl().receivable_msat() // 1000

        return self._loop.submit(run())

    def lnurl_withdraw(self, request: WithdrawRequest, amount_msat: int | None = None,
                       wait: float = 120.0) -> concurrent.futures.Future[dict[str, Any]]:
        """Hand the service an invoice for `amount_msat` (None: its maximum) and wait for
        the payment: {service, amount_msat, invoice, status "paid" | "waiting"}. Refused
        with a sentence when the channels cannot receive that much."""

        async def run() -> dict[str, Any]:
            return await self._lnurl().withdraw(request, amount_msat, wait=wait)

        return self._loop.submit(run())

    def lnurl_linking_key(self, request: AuthRequest) -> concurrent.futures.Future[str]:
        """The public key (hex) the login's domain will know this wallet by."""

        async def run() -> str:
            return self._lnurl().linking_key(request).hex()

        return self._loop.submit(run())

    def lnurl_auth(self, request: AuthRequest) -> concurrent.futures.Future[dict[str, Any]]:
        """Sign the login challenge and send it. Call only after the user agreed."""

        async def run() -> dict[str, Any]:
            return await self._lnurl().auth(request)

        return self._loop.submit(run())

    def payments(self) -> concurrent.futures.Future[list[dict[str, Any]]]:
        """Every Lightning payment (sent, and invoices we issued, paid or not), newest first."""

        return self._call("wallet_payments")

    def set_label(self, ref: str, text: str) -> concurrent.futures.Future[dict[str, Any]]:
        """Set the user's note on a transaction (txid) or payment (payment hash); an empty
        text removes it. {ref, kind, note}; InputError for an unknown id or a bad note."""

        async def run() -> dict[str, Any]:
            result = await self._call_now("label", ref=ref, text=text)
            self.emit(Event("history", {}))
            return result

        return self._loop.submit(run())

    def export_history(self, fmt: str, path: str | Path) -> concurrent.futures.Future[dict[str, Any]]:
        """Write the whole history (`wallet.export`: the CLI's columns, notes included) as
        "csv" or "json" to `path` (replaced whole, never half-written): {path, rows}."""

        async def run() -> dict[str, Any]:
            if fmt not in FORMATS:
                raise InputError(Sentence("unknown export format %1: csv or json", repr(fmt)))
            onchain = await self._call_now("wallet_onchain")
            payments = await self._call_now("payments")
            rates = timeline_from(await self._call_now("fiat_rates"))
            text = export_text(onchain, payments, fmt, rates)
            await asyncio.to_thread(_write_whole, Path(path), text)
            return {"path": str(path), "rows": len(export_rows(onchain, payments))}

        return self._loop.submit(run())

    async def _call_now(self, command: str, /, **params: Any) -> Any:
        """The command `command` of the node's table, wherever the node runs (`node_link`);
        positional only, so that a command may take a parameter called `name`."""
        node = self._node
        if node is None:
            raise NodeNotRunning("the wallet is not open")
        return await node.call(command, **params)

    def servers(self) -> concurrent.futures.Future[dict[str, Any]]:
        """{servers: [{server, state, reason, added, chosen, in_use}], automatic}: the
        Electrum servers the node knows and what happened with each ("servers" events say
        when a state changes)."""
        return self._call("servers")

    def add_server(self, server: str, fingerprint: str = "") -> concurrent.futures.Future[dict[str, Any]]:
        """Add HOST:PORT[:s|t] (optionally with its certificate's SHA-256); saved, then the
        node reconnects. A typing mistake is a BadServerEntry sentence."""
        return self._call("server_add", server=server, fingerprint=fingerprint)

    def remove_server(self, server: str) -> concurrent.futures.Future[dict[str, Any]]:
        return self._call("server_remove", server=server)

    def choose_server(self, server: str) -> concurrent.futures.Future[dict[str, Any]]:
        """Use `server` alone ("" = automatic: any server of the list)."""
        return self._call("server_choose", server=server)

    def retry_connection(self) -> concurrent.futures.Future[None]:
        """Try the servers again now (the user pressed "Try again" while offline)."""

        async def run() -> None:
            if self._node is not None:
                await self._call_now("retry_connection")

        return self._loop.submit(run())

    def receive_address(self) -> concurrent.futures.Future[str]:
        async def run() -> str:
            return (await self._call_now("address"))["address"]

        return self._loop.submit(run())

    def fee_quote(
        self, address: str, amount_sat: int | None, feerate: float | None = None
    ) -> concurrent.futures.Future[dict[str, Any]]:
        """What sending would cost: {fee_sat, feerate, amount_sat, high_fee}; nothing is
        broadcast. `high_fee` (None or a sentence) says why the fee needs the user's
        confirmation: `send_onchain` refuses it unless `confirm_high_fee`."""
        amount = "max" if amount_sat is None else amount_sat

        async def run() -> dict[str, Any]:
            r = await self._call_now("send", address=address, amount=amount, feerate=feerate,
                                     dry_run=True, wait=FAIL_FAST)
            return {"fee_sat": r["fee_sat"], "feerate": r["feerate"], "amount_sat": r["amount_sat"],
                    "high_fee": r["high_fee"]}

        return self._loop.submit(run())

    def fee_levels(self) -> concurrent.futures.Future[dict[str, Any]]:
        """{slow, normal, fast} fee rates (sat/vB) and their `targets` (blocks)."""
        return self._call("fee_levels", wait=FAIL_FAST)

    def speed_up(self, txid: str, method: str, feerate: float, dry_run: bool = False,
                 expected_fee_sat: int | None = None) -> concurrent.futures.Future[dict[str, Any]]:
        """Speed up an unconfirmed transaction: `method` "rbf" (replace our own, higher
        fee) or "cpfp" (a child spending our output). `dry_run`: {txid, fee_sat, feerate,
        vsize, amount_sat} without broadcasting; then pass the fee shown as
        `expected_fee_sat`: another fee is refused (FeeChanged), nothing broadcast."""
        if method not in ("rbf", "cpfp"):
            raise ValueError(Sentence("unknown speed-up method %1", repr(method)))
        return self._call("bumpfee" if method == "rbf" else "cpfp", txid=txid, feerate=feerate,
                          dry_run=dry_run, expected_fee_sat=expected_fee_sat, wait=FAIL_FAST)

    def send_onchain(
        self, address: str, amount_sat: int | None, feerate: float | None = None,
        confirm_high_fee: bool = False,
    ) -> concurrent.futures.Future[str]:
        """Sign and broadcast; the txid. amount_sat None sends everything. A fee above the
        warning threshold (see `fee_quote`) is refused (HighFeeNotConfirmed) unless the
        user confirmed it: `confirm_high_fee`."""
        amount = "max" if amount_sat is None else amount_sat

        async def run() -> str:
            return (await self._call_now("send", address=address, amount=amount,
                                         feerate=feerate, wait=FAIL_FAST,
                                         confirm_high_fee=confirm_high_fee))["txid"]

        return self._loop.submit(run())

    # --- exchange rates (never awaited by a payment) ---------------------------------------

    def rate_sources(self) -> dict[str, str]:
        """{name: label} of the rate sources this network offers."""
        return {name: source.label for name, source in self._rate_sources().items()}

    def _rate_sources(self) -> dict[str, RateSource]:
        return sources_for(self.network.name, self.rate_url)

    def fiat_rate(self, currency: str, source: str) -> concurrent.futures.Future[dict[str, Any]]:
        """The price of 1 BTC in `currency` from `source`, cached (`fiat/rate_service.py`):
        {currency, source, price (decimal text, None: none yet), fetched_at, stale, error}.
        With the wallet open, the node's (`daemon/fiat_keeper.py`, in-process or the
        daemon's: the node keeps the rates for the export); before, the window's own."""

        async def run() -> dict[str, Any]:
            if self._node is not None:
                return await self._call_now("fiat_rate", currency=currency, source=source)
            if self._rates is None or set(self._rates.sources) != set(self._rate_sources()):
                self._rates = RateService(self._rate_sources())
            return await self._rates.current(currency, source)

        return self._loop.submit(run())

    def fiat_choose(self, currency: str, source: str) -> concurrent.futures.Future[dict[str, Any]]:
        """Tell the node the window's fiat setting ("" currency: none), kept in the wallet:
        the node fetches and keeps that currency's rates itself, window or not."""
        return self._call("fiat_setting", currency=currency or "none", source=source)

    # --- seed words and their backup ----------------------------------------------------

    def reveal_seed(self, password: str) -> concurrent.futures.Future[dict[str, Any]]:
        """{words (list), passphrase} for the wallet's password; WrongPassword otherwise."""

        async def run() -> dict[str, Any]:
            wallet = self._open_wallet()
            words, passphrase = await asyncio.to_thread(wallet.reveal_seed, password)
            return {"words": words.split(), "passphrase": passphrase}

        return self._loop.submit(run())

    def backup_status(self) -> concurrent.futures.Future[dict[str, Any]]:
        """{checked, checked_at, due}: whether Home should remind the user to check the
        backup of the seed words now (`storage/backup_state.py`)."""

        async def run() -> dict[str, Any]:
            return BackupState(self._open_wallet().db).status()

        return self._loop.submit(run())

    def backup_checked(self) -> concurrent.futures.Future[None]:
        """The user typed the seed words back: no more reminders."""

        async def run() -> None:
            BackupState(self._open_wallet().db).mark_checked()

        return self._loop.submit(run())

    def snooze_backup_reminder(self) -> concurrent.futures.Future[int]:
        """"Later": the time (Unix seconds) of the next reminder."""

        async def run() -> int:
            return BackupState(self._open_wallet().db).snooze()

        return self._loop.submit(run())

    def _open_wallet(self) -> Any:
        if self._wallet is None:
            raise NodeNotRunning("the wallet is not open")
        return self._wallet

    def close(self) -> None:
        """Stop the node and lock the wallet (blocks briefly)."""

        async def run() -> None:
            node, wallet, follow = self._node, self._wallet, self._follow
            self._node = self._service = self._wallet = self._follow = None
            if follow is not None:
                follow.cancel()
            if node is not None:
                await node.close()
            if wallet is not None:
                wallet.close()
            self.emit(Event("state", {"state": "stopped"}))

        with contextlib.suppress(Exception):
            self._loop.submit(run()).result(timeout=15)

    def shutdown(self) -> None:
        """Stop the node (if open) and the worker thread."""
        self.close()
        self._loop.stop()
