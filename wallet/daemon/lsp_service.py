"""Liquidity from an LSP in the daemon (bLIP-52 JIT channels), both roles.

Provider: on when the node's config has fee offers (`kite daemon --lsp [MIN_FEE_MSAT,PPM]`;
no value for the default offer `DEFAULT_OFFER`: 2,000 sat minimum, 0.5%), served after the
relay role is installed (the JIT forwarder sits in front of it).

Client: the LSP is the config's `lsp_peer` (`--lsp-peer NODEID@HOST:PORT`, "none" for no
LSP), else the network's default trampoline when it lists LSPS2. `lsp_info` shows its fee menu;
`jit_invoice` buys a JIT channel and makes the invoice, and keeps the connection to the LSP
(it must be up when the payment comes).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from wallet.chain.node import ChainNode
from wallet.deadline import within
from wallet.errors import InputError, KiteError
from wallet.ln.shell.jit_forwarder import FundingCheck
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.lsps0 import Lsps0Error
from wallet.ln.shell.lsps1_onchain import DEAD_DEPTH, ChainPort
from wallet.lsp import lsps2
from wallet.onchain.transactions import parse_transaction
from wallet.sentence import Sentence

CONNECT_TIMEOUT = 10.0


def describe_offer(p: lsps2.OpeningFeeParams) -> dict[str, Any]:
    return {"min_fee_msat": p.min_fee_msat, "proportional_ppm": p.proportional,
            "valid_until": lsps2.format_datetime(p.valid_until),
            "min_payment_msat": p.min_payment_size_msat,
            "max_payment_msat": p.max_payment_size_msat,
            "min_lifetime_blocks": p.min_lifetime,
            "max_client_to_self_delay": p.max_client_to_self_delay}


class LspService:
    """`peer` is the LSP we use as a client: (node id, host, port) or None."""

    def __init__(self, node: LightningNode, peer: tuple[bytes, str, int] | None,
                 serve: list[lsps2.FeeOffer] | None) -> None:
        self.node = node
        self.peer = peer
        if peer is not None:  # the channels we buy from it (LSPS1, LSPS2) are never refused
            node.manager.open_exempt.add(peer[0])
        self.serving = serve
        self._protocols: list[int] | None = None

    def start_serving(self, funding_check: FundingCheck | None = None,
                      chain: ChainNode | None = None) -> None:
        """Become an LSP (after the relay role is installed: the JIT forwarder wraps it).
        `funding_check` refuses a JIT channel the on-chain coins should not fund. With
        `chain` (our on-chain wallet) the channels sold in advance may be paid on-chain:
        each order gets an address of it, refunds are paid from it; the watch of the
        addresses starts with the node, and looks again at each wallet change."""
        if self.serving is not None:
            self.node.serve_lsps2(self.serving, funding_check)
            port = None if chain is None else chain_port(chain)
            provider = self.node.serve_lsps1(funding_check, port)  # LSPS1 too
            if chain is not None:
                chain.wallet_listeners.append(provider.poke)

    def resume_purchases(self) -> bool:
        """After a start: while an invoice bought from our LSP may still be paid (its offer
        valid, not yet paid), stay connected to that LSP, as `jit_invoice` did. Else a
        wallet restarted between the buy and the payment would never be reachable by the
        LSP (a channel-less wallet connects to nobody by itself) and every attempt of the
        payer would fail. True when it keeps the connection."""
        if self.peer is None:
            return False
        node_id, host, port = self.peer
        now = datetime.now(UTC)
        payments = self.node.payments
        waiting = [h for h, jit in payments.jit_invoices.items()
                   if jit.lsp_node_id == node_id and jit.params.valid_until > now
                   and not _paid(self.node, h)]
        if not waiting:
            return False
        self.node.manager.peers.keep_connected(node_id, host, port)
        return True

    async def _connect(self) -> bytes:
        if self.peer is None:
            raise InputError("no LSP is configured (start the daemon with --lsp-peer NODEID@HOST:PORT)")
        node_id, host, port = self.peer
        m = self.node.manager
        if m.live_peer(node_id) is None:
            try:
                await within(CONNECT_TIMEOUT, m.peers.connect(host, port, node_id))
            except (KiteError, TimeoutError) as e:
                raise Lsps0Error(Sentence("could not reach the LSP at %1:%2: %3", host, port, e)) from None
        return node_id

    async def offers_lsps2(self) -> bool:
        """Does the configured LSP serve LSPS2? (asked once per daemon run)"""
        if self.peer is None:
            return False
        if self._protocols is None:
            node_id = await self._connect()
            self._protocols = await self.node.lsps2.protocols(node_id)
        return 2 in self._protocols

    async def lsp_info(self) -> dict[str, Any]:
        node_id = await self._connect()
        protocols = await self.node.lsps2.protocols(node_id)
        self._protocols = protocols
        menu = await self.node.lsps2.get_info(node_id) if 2 in protocols else []
        channels = await self.node.lsps1.get_info(node_id) if 1 in protocols else None
        assert self.peer is not None
        return {"lsp": f"{node_id.hex()}@{self.peer[1]}:{self.peer[2]}",
                "protocols": protocols, "offers": [describe_offer(p) for p in menu],
                "channels_in_advance": None if channels is None else {
                    "min_sat": max(channels.min_initial_lsp_balance_sat,
                                   channels.min_channel_balance_sat),
                    "max_sat": min(channels.max_initial_lsp_balance_sat,
                                   channels.max_channel_balance_sat),
                    "max_lease_blocks": channels.max_channel_expiry_blocks,
                    "min_confirmations": channels.min_required_channel_confirmations},
                "serving": [{"min_fee_msat": o.min_fee_msat, "proportional_ppm": o.proportional}
                            for o in self.serving or []]}

    async def quote(self, amount_msat: int | None, expiry: int = 3600) -> dict[str, Any]:
        """What a JIT channel for this amount would cost, without buying it (the Receive
        page shows it before the invoice is made)."""
        node_id = await self._connect()
        params, fee = await self.node.lsps2.quote(node_id, amount_msat, expiry)
        return {"lsp": node_id.hex(), "opening_fee_msat": fee,
                "you_receive_msat": None if fee is None or amount_msat is None
                else amount_msat - fee,
                "fee_rule": {"min_fee_msat": params.min_fee_msat,
                             "proportional_ppm": params.proportional},
                "valid_until": lsps2.format_datetime(params.valid_until)}

    async def jit_invoice(self, amount_msat: int | None, description: str, expiry: int,
                          max_fee_msat: int | None = None) -> dict[str, Any]:
        node_id = await self._connect()
        text, jit = await self.node.create_jit_invoice(node_id, amount_msat, description,
                                                       expiry, max_fee_msat=max_fee_msat)
        assert self.peer is not None
        self.node.manager.peers.keep_connected(node_id, self.peer[1], self.peer[2])
        fee = jit.opening_fee_msat
        return {"invoice": text, "amount_msat": amount_msat,
                "amount_sat": None if amount_msat is None else amount_msat // 1000,
                "jit_channel": {
                    "lsp": node_id.hex(),
                    "opening_fee_msat": fee,
                    "you_receive_msat": None if fee is None or amount_msat is None
                    else amount_msat - fee,
                    "fee_rule": {"min_fee_msat": jit.params.min_fee_msat,
                                 "proportional_ppm": jit.params.proportional},
                    "valid_until": lsps2.format_datetime(jit.params.valid_until),
                    "seconds_left": int((jit.params.valid_until
                                         - datetime.now(UTC)).total_seconds())}}


#: order addresses stay this many short of the gap limit past the last paid address (room
#: for the wallet's own receive address): a restore from the seed finds every payment
RESTORE_MARGIN = 5


def chain_port(chain: ChainNode) -> ChainPort:
    """The LSPS1 provider's view of our on-chain wallet: fresh addresses, the outputs paying
    them, and the wallet's own spend path for refunds (built, then broadcast apart)."""
    async def send(script: bytes, amount_sat: int, feerate: float) -> tuple[bytes, str]:
        signed = await chain.prepare_send(script, amount_sat, feerate)
        return signed.raw, signed.txid

    def tx_height(txid: str) -> int | None:
        wtx = chain.ledger.get(txid)
        return None if wtx is None else wtx.height

    def dead(raw: bytes) -> bool:
        tx = parse_transaction(raw)
        own = tx.GetTxid()[::-1].hex()
        inputs = {(i.prevout.hash[::-1].hex(), i.prevout.n) for i in tx.vin}
        for spenders in chain.ledger.spenders(inputs).values():
            for txid in spenders:
                wtx = chain.ledger.get(txid)
                if txid != own and wtx is not None and \
                        chain.confirmations(wtx.height) >= DEAD_DEPTH:
                    return True
        return False

    return ChainPort(chain.network, lambda: chain.reserve_receive_address(RESTORE_MARGIN),
                     chain.ledger.outputs_to,
                     lambda: chain.tip_height, chain.fee_rate, send, chain.broadcast_raw, tx_height,
                     dead)


def _paid(node: LightningNode, payment_hash: bytes) -> bool:
    row = node.payment_log.get(payment_hash)
    return row is not None and row.status == "paid"
