"""The Lightning commands of the node (channel open/list/close, invoice, pay, payments), as JSON-ready
async functions for the daemon's command table and the GUI facade. Arguments are checked
here (typed InputError), the work is done by the `LightningNode`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from wallet.bip353.names import parse_bip353_name
from wallet.bip353.records import lightning_in_uri
from wallet.bip353.resolver import anchors_for, client_for, resolve
from wallet.chain.fee_estimates import high_fee_reason
from wallet.chain.node import ChainNode
from wallet.daemon import recovery_setting
from wallet.daemon.backup_service import BackupService
from wallet.daemon.forward_service import ForwardService
from wallet.daemon.lsp_service import LspService
from wallet.daemon.lsps1_service import ChannelPurchase
from wallet.daemon.node_config import DEFAULT_CONFIG, NodeConfig
from wallet.daemon.offer_service import OfferService
from wallet.daemon.onchain_send import OnchainSend, ReserveShort
from wallet.daemon.recovery_setting import RecoverableChannels
from wallet.daemon.restore_recovery import AutoRecovery
from wallet.errors import InputError, KiteError
from wallet.hashes import sha256
from wallet.ln.bolt12.fields import Bip353Name
from wallet.ln.bolt12.message import chain_hash
from wallet.ln.bolt12.offer_text import OfferTextError, offer_in_text, read_offer
from wallet.ln.channel import anchor_reserve
from wallet.ln.features import Features
from wallet.ln.shell.chain_backend import NodeChainBackend
from wallet.ln.shell.default_peers import default_trampoline, peer_text, shipped_trampolines
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.peer import DEFAULT_FEATURES, PeerConfig
from wallet.ln.shell.peer import chain_hash as peer_chain_hash
from wallet.ln.shell.peer_storage import FEATURE as STORAGE_FEATURE
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.store.recovery_store import DONE
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.lnurl import receive_room
from wallet.networks import Network
from wallet.onchain.transactions import TxOutput
from wallet.sentence import Sentence, template
from wallet.storage.wallet_file import Wallet

log = logging.getLogger(__name__)

#: how long an open waits for the chain to sync before quoting the funding transaction
SYNC_WAIT = 30.0
#: a P2WSH script of the funding output's size: the funding fee is quoted paying it
FEE_QUOTE_SCRIPT = b"\x00\x20" + sha256(b"kite funding fee estimate")


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


@dataclass(frozen=True)
class _Number:
    """A number parameter's two refusals, each a whole sentence (%1: the value given)."""

    not_whole: str
    out_of_range: str


CHANNEL_AMOUNT = _Number(template("the channel amount (sat) %1 is not a whole number"),
                         template("the channel amount (sat) must be positive"))
INVOICE_MSAT = _Number(template("the invoice amount (msat) %1 is not a whole number"),
                       template("the invoice amount (msat) must be positive"))
INVOICE_SAT = _Number(template("the invoice amount (sat) %1 is not a whole number"),
                      template("the invoice amount (sat) must be positive"))
INVOICE_EXPIRY = _Number(template("the invoice expiry (seconds) %1 is not a whole number"),
                         template("the invoice expiry (seconds) must be positive"))
MAX_LSP_FEE = _Number(template("the maximum LSP fee (sat) %1 is not a whole number"),
                      template("the maximum LSP fee (sat) cannot be negative"))
AMOUNT = _Number(template("the amount (sat) %1 is not a whole number"),
                 template("the amount (sat) must be positive"))
MAX_FEE = _Number(template("the maximum fee (sat) %1 is not a whole number"),
                  template("the maximum fee (sat) cannot be negative"))
QUANTITY = _Number(template("the quantity %1 is not a whole number"),
                   template("the quantity must be positive"))
LIMIT = _Number(template("the limit %1 is not a whole number"),
                template("the limit must be positive"))


def _whole(value: Any, said: _Number) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(Sentence(said.not_whole, repr(value))) from None


def _positive_int(value: Any, said: _Number) -> int:
    number = _whole(value, said)
    if number <= 0:
        raise InputError(Sentence(said.out_of_range))
    return number


def _non_negative_int(value: Any, said: _Number) -> int:
    number = _whole(value, said)
    if number < 0:
        raise InputError(Sentence(said.out_of_range))
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


def known_address(network: Network, node_id: bytes) -> str | None:
    """HOST:PORT of `node_id` when it is one of the network's default peers (the shipped
    trampolines, the devnet's Tram on regtest): where a recovered channel's peer is asked
    to close when the recovery record (which holds no address) is all we have."""
    entries = [default_trampoline(network)] + [peer_text(e) for e in shipped_trampolines(network)]
    for text in entries:
        if text and text.lower().startswith(node_id.hex() + "@"):
            return text.partition("@")[2]
    return None


def peer_config(network: Network, config: NodeConfig) -> PeerConfig:
    """How our connections run: every feature of `DEFAULT_FEATURES`, less peer storage when
    the configuration keeps no backups for peers (a peer then never sends us its blob)."""
    features = DEFAULT_FEATURES
    if not config.peer_storage:
        features = features - Features.of(STORAGE_FEATURE)
    return PeerConfig(chain_hash=peer_chain_hash(network), features=features)


def lsp_peer(network: Network, own_id: bytes, text: str | None
             ) -> tuple[bytes, str, int] | None:
    """The LSP to buy JIT channels from: `text` (the config's NODEID@HOST:PORT; "none": no
    LSP), else the network's default trampoline (used if it lists LSPS2), never ourselves."""
    if text is not None and text.strip().lower() in ("", "none", "0", "off"):
        return None
    try:
        peer = parse_peer(text.strip() if text is not None else default_trampoline(network))
    except InputError:
        if text is not None:
            raise InputError("--lsp-peer: give the LSP as NODEID@HOST:PORT (or none)") from None
        return None
    return None if peer[0] == own_id else peer


class ChannelService:
    def __init__(self, wallet: Wallet, chain: ChainNode, emit=None,
                 config: NodeConfig = DEFAULT_CONFIG) -> None:
        self.chain = chain
        self.node = LightningNode(wallet.keys.lightning, wallet.network,
                                      ChannelStore(wallet.db), NodeChainBackend(chain),
                                      peer_config=peer_config(wallet.network, config),
                                      emit=emit)
        self.recoverable = RecoverableChannels(wallet.db)  # the user's setting, on by default
        self.node.recoverable_channels = self.recoverable.get()
        self._open_lock = asyncio.Lock()
        self.listen = config.ln_listen
        # the trampoline role, when the configuration asks for it (installed before the start)
        self.forwarding = (ForwardService(self.node, config.trampoline)
                           if config.trampoline is not None else None)
        # our BOLT 12 offers, answered while we are online
        self.offers = OfferService(self.node, wallet.db)
        # liquidity: the LSP we buy JIT channels from, and being one (`config.lsp_offers`)
        self.lsp = LspService(self.node, lsp_peer(wallet.network, self.node.node_id,
                                                  config.lsp_peer), config.lsp_offers)
        self.lsp.start_serving(self._jit_funding_check, chain)  # LSPS1 paid on-chain too
        # on-chain payments (`kite send`, an order paid on-chain): one set of rules
        self.onchain = OnchainSend(chain, lambda: self.onchain_reserve_sat())
        # LSPS1, as a client
        self.purchase = ChannelPurchase(self.lsp, chain.receive_address, self.onchain)
        # channels found on chain by their recovery records (a restore): recovered by itself
        network = wallet.network
        self.auto_recovery = AutoRecovery(self.node.recovery, chain,
                                          lambda node_id: known_address(network, node_id),
                                          emit, self._contact_default_peers)
        self.backups = BackupService(wallet.keys.lightning, network.name, self.node.recovery,
                                     self.auto_recovery)
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        host, port = self.listen if self.listen else (None, None)
        self._task = asyncio.get_running_loop().create_task(
            self._start(host, port), name="channels-start")

    async def _start(self, host: str | None, port: int | None) -> None:
        await self.node.start(host, port)
        self.lsp.resume_purchases()  # an invoice bought before the restart: its LSP
        if self.forwarding is not None:
            self.forwarding.started()
        self.auto_recovery.start()

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self.forwarding is not None:
            await self.forwarding.close()
        await self.auto_recovery.stop()
        await self.node.stop()

    async def _contact_default_peers(self) -> None:
        """Connect to the network's default peers (a wallet with no channel, e.g. just
        restored): one that keeps a blob for us gives it back at the connection."""
        network = self.node.network
        texts = [default_trampoline(network)] + [peer_text(e)
                                                 for e in shipped_trampolines(network)]
        for text in dict.fromkeys(t for t in texts if t):
            try:
                node_id, host, port = parse_peer(text)
                if node_id not in self.node.peers.peers:
                    await self.node.peers.connect(host, port, node_id)
            except Exception as e:  # one unreachable peer must not stop the others
                log.info("default peer %s not reached: %s", text[:24], e)

    async def started(self) -> None:
        """Returns once the node has loaded its channels (raises what its start raised)."""
        if self._task is not None:
            await asyncio.shield(self._task)

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {
            "channel_open": self.channel_open,
            "channel_list": self.channel_list,
            "channel_close": self.channel_close,
            "channel_recover": self.channel_recover,
            "recovery_status": self.recovery_status,
            "recoverable_channels": self.recoverable_channels,
            "invoice": self.invoice,
            "pay": self.pay,
            "resolve": self.resolve_name,
            "payments": self.payments,
            "lninfo": self.lninfo,
            "anchor_reserve": self.anchor_reserve,
            "lsp_info": self.lsp_info,
            "receive_quote": self.receive_quote,
        } | self.offers.handlers | self.backups.handlers | self.purchase.handlers \
            | (self.forwarding.handlers if self.forwarding is not None else {})

    async def lninfo(self) -> dict[str, Any]:
        await self.started()
        m = self.node
        return {"node_id": m.node_id.hex(), "listen_port": m.listen_port,
                "peers": [p.hex() for p in m.peers.peers],
                "forwarding": (self.forwarding.forwarder.describe()
                               if self.forwarding is not None else None)}

    async def channel_open(self, peer: str, amount_sat: Any, push_msat: Any = 0) -> dict[str, Any]:
        """Open as funder. An anchor channel keeps the on-chain reserve (`anchor_reserve`):
        an open that would leave less is refused before anything is sent to the peer. The
        answer is the channel plus `reserve` (what stays on-chain and why)."""
        node_id, host, port = parse_peer(peer)
        amount = _positive_int(amount_sat, CHANNEL_AMOUNT)
        push = int(push_msat or 0)
        await self.started()
        async with self._open_lock:  # two opens at once must not count the same coins
            channel_type = await self.node.channel_type_with(node_id, host, port)
            check = await self._check_after_open(amount, channel_type, node_id)
            ch = await self.node.open_channel(node_id, host, port, amount, push_msat=push)
        return self.node.describe(ch) | {
            "reserve": check.to_dict() | {"notice": anchor_reserve.notice(check)}}

    async def _jit_funding_check(self, client: bytes, amount_sat: int) -> None:
        """A JIT channel we sell keeps the anchor reserve like any open (ReserveShort)."""
        channel_type = await self.node.channel_type_with(client, "", 0)
        await self._check_after_open(amount_sat, channel_type, client)

    async def _check_after_open(self, amount_sat: int, channel_type: ChannelType,
                                peer_id: bytes) -> anchor_reserve.ReserveCheck:
        """The reserve every open or opening channel plus this one needs, against what the
        wallet keeps after the funding transaction; ReserveShort if it falls short."""
        types = [channel_type] + self._live_channel_types()
        reserve = anchor_reserve.reserve_for(types, self.node.policy.anchor_reserve_sat)
        chain = self.chain
        await chain.wait_synced(SYNC_WAIT)
        extras = [TxOutput(script, 0) for script in self.node.funding_extra_outputs(peer_id)]
        quote = await chain.prepare_send(FEE_QUOTE_SCRIPT, amount_sat, None,  # not broadcast
                                         extra_outputs=extras)
        check = anchor_reserve.after_open(chain.spender.spendable_total(chain.tip_height),
                                          amount_sat, quote.fee, reserve)
        reason = anchor_reserve.refusal(check, amount_sat)
        if reason is not None:
            raise ReserveShort(reason)
        return check

    async def funding_quote(self, amount_sat: int | None, wait: float = SYNC_WAIT
                            ) -> dict[str, Any]:
        """What the funding transaction of a channel of `amount_sat` (None: everything) would
        cost, priced as it will be built: a P2WSH output of the channel's size plus what a
        funding carries besides (its recovery record). Nothing is broadcast. For the facade;
        not an RPC command (it takes no outputs from outside)."""
        extras = [TxOutput(script, 0)
                  for script in self.node.funding_extra_outputs(self.node.node_id)]
        await self.chain.wait_synced(min(float(wait), SYNC_WAIT))
        rate = await self.chain.fee_rate()
        signed = await self.chain.prepare_send(FEE_QUOTE_SCRIPT, amount_sat, rate,
                                               extra_outputs=extras)
        return {"fee_sat": signed.fee, "feerate": round(signed.fee / signed.vsize, 2),
                "amount_sat": signed.amount,
                "high_fee": high_fee_reason(signed.fee, signed.amount, rate)}

    def onchain_reserve_sat(self) -> int:
        """What on-chain sends must leave in the wallet for the open anchor channels."""
        return anchor_reserve.reserve_for(self._live_channel_types(),
                                          self.node.policy.anchor_reserve_sat)

    def _live_channel_types(self) -> list[ChannelType]:
        return [ChannelType.ANCHORS_ZERO_FEE_HTLC_TX if c.get("channel_type") == "anchors"
                else ChannelType.STATIC_REMOTEKEY
                for c in self.node.list_channels()
                if c.get("channel_type") and c.get("phase") != "closed"]

    async def anchor_reserve(self) -> dict[str, Any]:
        """The reserve open anchor channels need against the confirmed on-chain coins:
        {reserve_sat, onchain_sat, short_sat, ok, notice}."""
        await self.started()
        chain = self.chain
        confirmed = sum(c.value for c in chain.ledger.spendable_utxos(
            chain.tip_height, include_unconfirmed=False))
        check = anchor_reserve.ReserveCheck(self.onchain_reserve_sat(), confirmed)
        return check.to_dict() | {"notice": anchor_reserve.notice(check)}

    async def channel_list(self) -> list[dict[str, Any]]:
        """Every channel whose state we hold, then those being recovered after a restore
        (`recovered_channels`: phase "recovering", or "closed" once done). A channel of
        both kinds (its state came back) is listed once, with its `recovery` field."""
        await self.started()
        recovered = {r["key_index"]: r for r in self.recovered_channels()}
        rows = []
        for row in self.node.list_channels():
            if row["key_index"] in recovered:
                row = row | {"recovery": recovered.pop(row["key_index"])["recovery"]}
            rows.append(row)
        return rows + list(recovered.values())

    async def channel_recover(self) -> list[dict[str, Any]]:
        """After a restore: find our channels in the on-chain history by their recovery
        records, ask each peer to close (we hold no state of them) and list them with how
        far their recovery went; the sweeps of our outputs follow on their own."""
        await self.started()
        await self.auto_recovery.step(ask_now=True)
        return self.recovered_channels()

    def recovered_channels(self) -> list[dict[str, Any]]:
        """The channels found by a restore (on-chain record, backup file, a peer's blob)
        with `recovery`: found, close_requested, closing, swept or nothing
        (`store/recovery_store.py`); `amount_sat` ours on the peer's published commitment,
        `confirms_at` the block the sweep should confirm in (an estimate)."""
        recovery = self.node.recovery
        rows = []
        for rc in recovery.list():
            c = rc.channel
            rows.append({
                "key_index": c.key_index, "channel_id": c.channel_id.hex(),
                "peer": c.peer_node_id.hex(),
                "state": f"recovery:{rc.status}",
                "phase": "closed" if rc.status in DONE else "recovering",
                "connected": self.node.manager.live_peer(c.peer_node_id) is not None,
                "funding_outpoint": c.outpoint_text, "capacity_sat": c.funding_sat,
                "recovery": rc.status,
                "amount_sat": recovery.amounts.get(c.key_index),
                "confirms_at": recovery.confirms_at.get(c.key_index),
                "sweep_txid": rc.sweep_txid[::-1].hex() if rc.sweep_txid else None})
        return rows

    async def recoverable_channels(self, on: Any = None) -> dict[str, Any]:
        """The "recoverable channels" setting ({on, cost, means}); `on` (True/False or
        "on"/"off") changes it, durably, for the channels opened from now on."""
        if on is not None:
            value = recovery_setting.parse_on(on)
            self.recoverable.set(value)
            self.node.recoverable_channels = value
        return recovery_setting.describe(self.node.recoverable_channels)

    async def recovery_status(self) -> dict[str, Any]:
        """How far the recovery of lost channels went: the summary (`RecoveryProgress`)
        and each channel. Never waits for the network."""
        return self.auto_recovery.progress().to_dict() | {"list": self.recovered_channels()}

    async def channel_close(self, channel: Any, force: bool = False) -> dict[str, Any]:
        await self.started()
        ch = await self.node.close_channel(str(channel), force=bool(force))
        return self.node.describe(ch)

    async def invoice(self, amount_sat: Any = None, description: str = "",
                      expiry: Any = 3600, amount_msat: Any = None,
                      description_hash: Any = None, no_lsp: Any = False,
                      max_lsp_fee_sat: Any = None) -> dict[str, Any]:
        """An invoice for AMOUNT_SAT or amount_msat (AMOUNT_SAT 0: the payer chooses
        it), described by a text or, for LNURL-pay (LUD-06), by the 32-byte SHA-256 of
        the service's metadata (`description_hash`, hex).

        When the channels cannot receive the amount: with an LSP that sells JIT channels,
        the invoice goes through one (`jit_channel`: the fee, what we receive); `no_lsp`
        refuses instead; with no LSP, the invoice comes with a `warning` saying it cannot
        be paid now."""
        if amount_sat is not None and amount_msat is not None:
            raise InputError("give the invoice amount in sat or in msat, not both")
        if amount_msat is not None:
            amount = _positive_int(amount_msat, INVOICE_MSAT)
        elif amount_sat is None:
            raise InputError("give the invoice amount (0: the payer chooses it)")
        elif str(amount_sat).strip() == "0":
            amount = None
        else:
            amount = _positive_int(amount_sat, INVOICE_SAT) * 1000
        seconds = _positive_int(expiry, INVOICE_EXPIRY)
        digest = _description_hash(description_hash)
        if digest is not None and description:
            raise InputError("an invoice has a description or a description hash, not both")
        await self.started()
        room = receive_room.receivable_msat(self.node.list_channels())
        short = room == 0 if amount is None else amount > room
        why = (f"the channels can receive {room // 1000:,} sat now"
               + ("" if amount is None else f", not {amount // 1000:,} sat"))
        if short and digest is None:
            if no_lsp:
                raise InputError(Sentence("%1; without an LSP (--no-lsp) this payment cannot be received", why))
            if await self._lsp_sells_channels():
                max_fee = None if max_lsp_fee_sat is None else _non_negative_int(
                    max_lsp_fee_sat, MAX_LSP_FEE) * 1000
                return await self.lsp.jit_invoice(amount, str(description or ""), seconds,
                                                  max_fee)
        text = self.node.create_invoice(amount, str(description or ""), seconds, digest)
        out = {"invoice": text, "amount_sat": None if amount is None else amount // 1000,
               "amount_msat": amount}
        if short:
            out["warning"] = (f"{why}, and no LSP is configured to open a channel: this "
                              f"invoice cannot be paid until the wallet has inbound room")
        return out

    async def _lsp_sells_channels(self) -> bool:
        try:
            return await self.lsp.offers_lsps2()
        except KiteError as e:
            log.info("LSP not usable: %s", e)
            return False

    async def receive_quote(self, amount_sat: Any = 0) -> dict[str, Any]:
        """Can the channels receive AMOUNT_SAT (0: any amount)? If not, what a JIT channel
        would cost (`jit_channel`, nothing bought), or why it cannot be received."""
        amount = None if str(amount_sat).strip() == "0" else _positive_int(
            amount_sat, AMOUNT) * 1000
        await self.started()
        room = receive_room.receivable_msat(self.node.list_channels())
        out: dict[str, Any] = {"receivable_msat": room, "amount_msat": amount}
        if (room > 0 if amount is None else amount <= room):
            return out
        if await self._lsp_sells_channels():
            try:
                out["jit_channel"] = await self.lsp.quote(amount)
                return out
            except KiteError as e:
                out["warning"] = f"the LSP cannot open a channel for it: {e}"
                return out
        out["warning"] = (f"the channels can receive {room // 1000:,} sat now and no LSP is "
                          f"configured to open a channel")
        return out

    async def lsp_info(self) -> dict[str, Any]:
        """The configured LSP's protocols and JIT-channel fee offers (and ours, if we
        serve as an LSP)."""
        await self.started()
        return await self.lsp.lsp_info()

    async def pay(self, invoice: str, timeout: Any = 60, max_fee_sat: Any = None,
                  amount_sat: Any = None, quantity: Any = None,
                  note: Any = None, bip353_name: Any = None) -> dict[str, Any]:
        """Pay and wait: the payment log entry (with the preimage), or PaymentFailed. A
        BOLT 12 offer (`lno1…`, or in a URI) is asked for an invoice through our trampoline
        peer, which is then paid (`quantity` and `note` go with offers only). `bip353_name`:
        the ₿name an offer was resolved from (`resolve`), told to the issuer in the request;
        a ₿name given as `invoice` is resolved here."""
        max_fee = None if max_fee_sat is None else _non_negative_int(
            max_fee_sat, MAX_FEE) * 1000
        amount = None if amount_sat is None else _positive_int(
            amount_sat, AMOUNT) * 1000
        try:
            wait = float(timeout)
        except (TypeError, ValueError):
            raise InputError(Sentence("the timeout %1 is not a number", repr(timeout))) from None
        invoice, name = str(invoice).strip(), None
        if invoice.startswith("₿"):  # a BIP 353 name: its DNSSEC-proven bitcoin: URI
            name = parse_bip353_name(invoice)
            found = await resolve(name, client_for(network=self.node.network.name),
                                  anchors_for(self.node.network.name))
            invoice = lightning_in_uri(found.uri, str(name))
        elif bip353_name is not None:
            name = parse_bip353_name(str(bip353_name))
        try:
            offer_text = offer_in_text(invoice)
            offer = None if offer_text is None else read_offer(
                offer_text, chain_hash(self.node.network.genesis_hash))
        except OfferTextError as e:
            raise InputError(e.message) from None
        if offer is not None:
            count = None if quantity is None else _positive_int(quantity, QUANTITY)
            await self.started()
            peers = self.node.payments.trampoline_peers()
            if not peers:
                raise InputError("paying an offer needs a channel with a trampoline peer")
            return await self.node.pay_offer(
                offer, via=peers[0], amount_msat=amount, quantity=count,
                payer_note=None if note is None else str(note), max_fee_msat=max_fee,
                timeout=wait,
                bip353_name=None if name is None else Bip353Name(name.user, name.domain))
        if quantity is not None or note is not None or bip353_name is not None:
            raise InputError("a quantity, a note or a ₿name goes only with a BOLT 12 offer")
        await self.started()
        return await self.node.pay(invoice, amount, max_fee_msat=max_fee,
                                      timeout=wait)

    async def resolve_name(self, name: Any) -> dict[str, Any]:
        """A BIP 353 name's payment instructions, checked along the DNSSEC chain to the trust
        anchor: {name, uri, dnssec: True}. NameNotPublished when the name publishes none,
        Bip353Error (one sentence) for an answer that cannot be trusted."""
        parsed = parse_bip353_name(str(name))
        network = self.node.network.name
        found = await resolve(parsed, client_for(network=network), anchors_for(network))
        return {"name": str(parsed), "uri": found.uri, "dnssec": True}

    async def payments(self, limit: Any = None) -> list[dict[str, Any]]:
        """The payment log, newest first."""
        await self.started()
        return self.node.list_payments(None if limit is None
                                          else _positive_int(limit, LIMIT))
