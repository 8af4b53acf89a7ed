"""A test double of the facade's node-side calls, for GUI tests only.

It extends the real `WalletApi` (real loop thread, real event stream, real `create`) with
the calls the GUI codes against and the coordinator is still adding (`open`, `balance`,
`history`, `receive_address`, `fee_quote`, `send_onchain`, `node_id`) answering from data
the test sets instead of a node, so flows that need a funded, synced wallet (send with
a failure and a retry, incoming payments) run in a second. Answers come back on the node thread, as the real ones will, so the tests
check that the models marshal them to the GUI thread.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from wallet.api import Event, WalletApi
from wallet.errors import KiteError


class SendFailed(KiteError):
    pass


class PaymentFailed(KiteError):
    pass


class NotEnoughFunds(KiteError):
    """What the node's coin selection raises (its words, not the GUI's)."""


SHOP_KEY = bytes.fromhex("11" * 32)


def shop_invoice(amount_sat: int | None, description: str = "Coffee",
                 expiry: int = 3600, key: bytes = SHOP_KEY) -> str:
    """A real signed regtest BOLT 11 invoice from a test key (a stand-in merchant)."""
    import os
    import time

    from wallet.hashes import sha256
    from wallet.ln.bolt11.encode import encode_invoice
    from wallet.ln.bolt11.invoice import Invoice
    from wallet.ln.tx.keys import pubkey_from_secret as pubkey_from_privkey
    from wallet.networks import REGTEST

    invoice = Invoice(
        network=REGTEST, amount_msat=None if amount_sat is None else amount_sat * 1000,
        timestamp=int(time.time()), payment_hash=sha256(os.urandom(32)),
        payment_secret=os.urandom(32), payee=pubkey_from_privkey(key),
        description=description, expiry=expiry, features=frozenset({8, 14}))
    return encode_invoice(invoice, key)


class ScriptedApi(WalletApi):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password = "correct horse"
        self.balance_data = {"confirmed": 1_250_000, "unconfirmed": 30_000, "immature": 0,
                             "lightning": 0}
        self.history_data: list[dict[str, Any]] = []
        self.address = ""
        self.send_failures = 0  # how many sends fail before one succeeds
        self.sent: list[tuple[str, int | None, float | None]] = []
        self.quotes: list[tuple[str, int | None, float | None]] = []
        self.confirmed_high_fee: list[bool] = []  # per send: did the user confirm a high fee
        self.quote_high_fee: str | None = None  # what the quote says about a high fee
        self.callback_threads: set[str] = set()
        self.delay = 0.0
        self.channel_rows: list[dict[str, Any]] = []
        self.recoverable_on = True
        self.recoverable_set: list[bool] = []
        self.opened: list[tuple[str, int]] = []
        self.closed: list[tuple[Any, bool]] = []
        self.invoices: list[tuple[int | None, str]] = []
        self.paid: list[tuple[str, int | None, int | None]] = []
        self.pay_failures = 0
        self.pay_failure_message = "no route to the payee"
        self.pay_fee_msat = 3_000
        self.trampoline = "03" + "cd" * 32 + "@127.0.0.1:9735"
        self.pushed_receivable: int | None = None  # sat, from the last "balance" pushed
        self.lsp_fee_msat: int | None = None  # the LSP's quoted fee; None: no LSP
        self.lsp_buy_fee_msat: int | None = None  # the fee at buying, when it changed
        self.receive_quotes: list[int | None] = []
        self.jit_bought: list[tuple[int | None, int | None]] = []
        # every invoice asked for through the LSP, bought or refused: (amount, fee cap sat)
        self.jit_asked: list[tuple[int | None, int | None]] = []
        self.offers_paid: list[tuple[str, int | None, int | None]] = []
        self.offer_extras: list[dict[str, Any]] = []  # per offer paid: quantity, note, name
        # BIP 353: name -> the URI its DNSSEC-proven record holds, or the error it meets
        self.names: dict[str, str | Exception] = {}
        self.resolved: list[str] = []
        self.own_offers: list[dict[str, Any]] = []  # the node's offers (offer_create)
        self.offer_creates: list[dict[str, Any]] = []
        self.new_offer = ""  # the offer string offer_create makes
        self.offer_error: Exception | None = None
        # LSPS1: the fee the LSP asks for an order (None: it refuses), orders made and paid
        self.inbound_fee_sat: int | None = 2_000
        self.inbound_state = "COMPLETED"
        self.inbound_delivered = True  # False: the channel the LSP names is not ours
        self.inbound_asked: list[int] = []
        self.inbound_paid: list[str] = []
        # on-chain: the LSP's fee that way (None: not offered), the network fee, whether
        # Lightning is offered too, the quotes asked and the payments (id, rate, fee, yes)
        self.inbound_onchain_fee_sat: int | None = None
        self.inbound_network_fee_sat = 282
        self.inbound_high_fee: str | None = None
        self.inbound_confirmations = 1
        self.inbound_lightning = True
        self.inbound_quoted: list[str] = []
        self.inbound_paid_onchain: list[tuple[str, float | None, int | None, bool]] = []

    NODE_ID = "02" + "ab" * 32

    def _answer(self, value: Any = None, error: Exception | None = None):
        async def run() -> Any:
            self.callback_threads.add(threading.current_thread().name)
            if self.delay:
                await asyncio.sleep(self.delay)
            if error is not None:
                raise error
            return value

        return self._loop.submit(run())

    def push(self, kind: str, **data: Any) -> None:
        """Emit an event from the node thread, as the node does."""
        if kind == "balance" and "lightning_receivable" in data:
            self.pushed_receivable = int(data["lightning_receivable"])
        self._loop.loop.call_soon_threadsafe(self.emit, Event(kind, data))

    def open(self, password: str):
        if password != self.password:
            return self._answer(error=KiteError("wrong password"))
        self.node_id = self.NODE_ID
        return self._answer()

    def retry_connection(self):
        self.retries = getattr(self, "retries", 0) + 1
        return self._answer()

    def balance(self):
        return self._answer(dict(self.balance_data))

    def history(self):
        return self._answer([dict(h) for h in self.history_data])

    def receive_address(self):
        return self._answer(self.address)

    FEE = 141

    def fee_quote(self, address: str, amount_sat: int | None, feerate: float | None):
        """Like the node: everything is the confirmed balance less the fee; more than
        the balance is refused."""
        self.quotes.append((address, amount_sat, feerate))
        funds = int(self.balance_data["confirmed"])
        amount = funds - self.FEE if amount_sat is None else amount_sat
        if amount + self.FEE > funds:
            return self._answer(error=NotEnoughFunds(
                f"not enough funds: {amount} sat plus fees needed, {funds} sat spendable"))
        return self._answer({"fee_sat": self.FEE, "feerate": feerate or 1.0, "amount_sat": amount,
                             "high_fee": self.quote_high_fee})

    def send_onchain(self, address: str, amount_sat: int | None, feerate: float | None,
                     confirm_high_fee: bool = False):
        self.sent.append((address, amount_sat, feerate))
        self.confirmed_high_fee.append(confirm_high_fee)
        if self.send_failures > 0:
            self.send_failures -= 1
            return self._answer(error=SendFailed("the server refused the transaction"))
        return self._answer("ee" * 32)

    # --- Lightning ---------------------------------------------------------------------

    def default_trampoline(self) -> str:
        return self.trampoline

    def channels(self):
        return self._answer([dict(c) for c in self.channel_rows])

    def recoverable_channels(self, on: bool | None = None):
        """The wallet's setting, kept here as the node keeps it (its sentences are the node's)."""
        from wallet.daemon.recovery_setting import describe

        if on is not None:
            self.recoverable_set.append(on)
            self.recoverable_on = on
        return self._answer(describe(self.recoverable_on))

    def channel_fee_quote(self, amount_sat: int | None):
        return self._answer({"fee_sat": 153, "feerate": 1.0, "amount_sat": amount_sat})

    def open_channel(self, peer: str, amount_sat: int):
        self.opened.append((peer, amount_sat))
        row = {"key_index": len(self.channel_rows), "peer": peer.partition("@")[0],
               "state": "WaitForFundingConfirmed", "phase": "opening", "connected": True,
               "capacity_sat": amount_sat, "local_msat": amount_sat * 1000, "remote_msat": 0}
        self.channel_rows.append(row)
        return self._answer(row)

    def buy_inbound(self, amount_sat: int):
        self.inbound_asked.append(amount_sat)
        if self.inbound_fee_sat is None:
            return self._answer(error=KiteError("the LSP says the order does not match its "
                                                "options (max_initial_lsp_balance_sat)"))
        fee = self.inbound_fee_sat
        onchain = None if self.inbound_onchain_fee_sat is None else {
            "state": "EXPECT_PAYMENT", "fee_sat": self.inbound_onchain_fee_sat,
            "total_sat": self.inbound_onchain_fee_sat, "address": self.INBOUND_ADDRESS,
            "confirmations": self.inbound_confirmations,
            "expires_at": "2026-12-07T06:00:00.000Z", "refund_address": "bcrt1qrefund"}
        ways = (["lightning"] if self.inbound_lightning else []) + (["onchain"] if onchain else [])
        return self._answer({"order_id": f"order-{len(self.inbound_asked)}", "lsp": "03" + "ef" * 32,
                             "state": "CREATED", "lsp_balance_sat": amount_sat,
                             "channel_expiry_blocks": 13_140,
                             "fee_sat": fee if self.inbound_lightning else None,
                             "total_sat": fee if self.inbound_lightning else None,
                             "payment_state": "EXPECT_PAYMENT" if self.inbound_lightning else None,
                             "invoice": "lnbcrt1..." if self.inbound_lightning else None,
                             "expires_at": "2026-12-07T06:00:00.000Z", "channel": None,
                             "onchain": onchain, "pay_with": ways})

    INBOUND_ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"

    def _inbound_quote(self) -> dict[str, Any]:
        total = int(self.inbound_onchain_fee_sat or 0)
        fee = self.inbound_network_fee_sat
        return {"address": self.INBOUND_ADDRESS, "order_total_sat": total,
                "network_fee_sat": fee, "total_sat": total + fee, "feerate": 2.0,
                "target_feerate": 2.0, "high_fee": self.inbound_high_fee,
                "confirmations": self.inbound_confirmations}

    def inbound_onchain_quote(self, order_id: str):
        """Like the facade: the order's total plus the network fee, or no quote and why
        when the spendable on-chain balance cannot pay both."""
        self.inbound_quoted.append(order_id)
        q = self._inbound_quote()
        if q["total_sat"] > int(self.balance_data["confirmed"]):
            return self._answer({"order_id": order_id, "onchain_quote": None, "cannot_pay":
                                 f"not enough funds: {q['order_total_sat']} sat plus fees "
                                 f"needed"})
        return self._answer({"order_id": order_id, "onchain_quote": q})

    def pay_inbound_order(self, order_id: str, onchain: bool = False,
                          fee_rate: float | None = None, expected_fee_sat: int | None = None,
                          confirm_high_fee: bool = False):
        if onchain:
            self.inbound_paid_onchain.append((order_id, fee_rate, expected_fee_sat,
                                              confirm_high_fee))
            return self._answer({"order_id": order_id, "state": "CREATED",
                                 "paid_onchain": "ee" * 32, "pay_with": [],
                                 "onchain": {"state": "EXPECT_PAYMENT",
                                             "confirmations": self.inbound_confirmations},
                                 "onchain_payment": {"txid": "ee" * 32, "confirmations": 0}})
        self.inbound_paid.append(order_id)
        done = self.inbound_state == "COMPLETED"
        return self._answer({"order_id": order_id, "state": self.inbound_state,
                             "delivered": self.inbound_delivered,
                             "payment_state": "PAID" if done else "REFUNDED",
                             "channel": {"funding_outpoint": "ab" * 32 + ":0"} if done else None})

    def close_channel(self, channel: Any, force: bool = False):
        self.closed.append((channel, force))
        return self._answer({"key_index": channel})

    def create_invoice(self, amount_sat: int | None, description: str = "", expiry: int = 3600):
        from wallet.ln.tx.keys import pubkey_from_secret as pubkey_from_privkey

        self.invoices.append((amount_sat, description))
        key = bytes.fromhex("22" * 32)
        self.node_key_pub = pubkey_from_privkey(key).hex()
        return self._answer(shop_invoice(amount_sat, description, expiry, key))

    # --- receiving through a JIT channel (issue 16) ---------------------------------------

    def _room_msat(self) -> int:
        """What the channels can receive: the last "balance" event pushed, else the
        balance the test set, else nothing (no channel)."""
        room = self.pushed_receivable
        if room is None:
            room = self.balance_data.get("lightning_receivable")
        if room is None:
            room = 0  # no channel
        return int(room) * 1000

    def receive_quote(self, amount_sat: int | None):
        """Like the node: fits, or the LSP's price (nothing bought), or why not."""
        self.receive_quotes.append(amount_sat)
        room = self._room_msat()
        amount = None if amount_sat is None else amount_sat * 1000
        out: dict[str, Any] = {"receivable_msat": room, "amount_msat": amount}
        if (room > 0 if amount is None else amount <= room):
            return self._answer(out)
        if self.lsp_fee_msat is None or self._no_lsp():
            out["warning"] = (f"the channels can receive {room // 1000:,} sat now and no LSP "
                              f"is configured to open a channel")
        else:
            out["jit_channel"] = self._jit(amount, self.lsp_fee_msat)
        return self._answer(out)

    def _no_lsp(self) -> bool:
        """The LSP setting says "none", read as the node reads it (`--lsp-peer none`)."""
        from wallet.daemon.channel_service import lsp_peer
        from wallet.networks import REGTEST
        return self.lsp_peer is not None and lsp_peer(REGTEST, b"", self.lsp_peer) is None

    def _jit(self, amount: int | None, fee: int) -> dict[str, Any]:
        return {"lsp": self.trampoline.split("@")[0], "opening_fee_msat": fee,
                "you_receive_msat": None if amount is None else amount - fee,
                "fee_rule": {"min_fee_msat": 2_000_000, "proportional_ppm": 10_000},
                "valid_until": "2030-01-01T00:00:00.000Z"}

    def receive_invoice(self, amount_sat: int | None, description: str = "",
                        expiry: int = 3600, *, use_lsp: bool = True,
                        max_lsp_fee_sat: int | None = None):
        """Like the node's `invoice` command: a JIT channel is bought (recorded in
        `jit_bought`) only when the channels are short and `use_lsp`."""
        from wallet.errors import InputError
        from wallet.ln.tx.keys import pubkey_from_secret as pubkey_from_privkey

        room = self._room_msat()
        amount = None if amount_sat is None else amount_sat * 1000
        short = room == 0 if amount is None else amount > room
        key = bytes.fromhex("22" * 32)
        self.node_key_pub = pubkey_from_privkey(key).hex()
        out: dict[str, Any] = {"amount_msat": amount, "amount_sat": amount_sat}
        if short and not use_lsp:
            return self._answer(error=InputError("the channels cannot receive it"))
        if short and self.lsp_fee_msat is not None and not self._no_lsp():
            self.jit_asked.append((amount_sat, max_lsp_fee_sat))
            fee = self.lsp_buy_fee_msat if self.lsp_buy_fee_msat is not None \
                else self.lsp_fee_msat
            if max_lsp_fee_sat is not None and fee > max_lsp_fee_sat * 1000:
                return self._answer(error=InputError("the LSP's fee is above your maximum"))
            self.jit_bought.append((amount_sat, max_lsp_fee_sat))
            out["jit_channel"] = self._jit(amount, fee)
        self.invoices.append((amount_sat, description))
        out["invoice"] = shop_invoice(amount_sat, description, expiry, key)
        return self._answer(out)

    def pay_invoice(self, invoice: str, amount_sat: int | None = None,
                    max_fee_sat: int | None = None, timeout: float = 60.0):
        from wallet.ln.bolt11.invoice import decode_invoice

        self.paid.append((invoice, amount_sat, max_fee_sat))
        if self.pay_failures > 0:
            self.pay_failures -= 1
            return self._answer(error=PaymentFailed(self.pay_failure_message))
        inv = decode_invoice(invoice)
        return self._answer({"payment_hash": inv.payment_hash.hex(), "preimage": "5a" * 32,
                             "amount_msat": inv.amount_msat or (amount_sat or 0) * 1000,
                             "fee_msat": self.pay_fee_msat, "status": "paid"})

    def pay_offer(self, text: str, amount_sat: int | None = None,
                  max_fee_sat: int | None = None, timeout: float = 60.0, *,
                  quantity: int | None = None, note: str | None = None,
                  bip353_name: str | None = None):
        """Like the node: the amount given (the request's total), else the offer's price ×
        the quantity."""
        self.offers_paid.append((text, amount_sat, max_fee_sat))
        self.offer_extras.append({"quantity": quantity, "note": note,
                                  "bip353_name": bip353_name})
        offer = self.offer_to_pay(text, self.network)
        if amount_sat is not None:
            amount = amount_sat * 1000
        else:
            amount = (offer["amount_msat"] or 0) * (quantity or 1) if offer else 0
        return self._answer({"payment_hash": "ab" * 32, "preimage": "5a" * 32,
                             "amount_msat": amount, "fee_msat": self.pay_fee_msat,
                             "status": "paid"})

    def resolve_name(self, name: str):
        """Like the node: the name's DNSSEC-proven URI, or the error scripted for it."""
        self.resolved.append(name)
        found = self.names.get(name)
        if found is None:
            from wallet.bip353.errors import NameNotPublished

            found = NameNotPublished(f"DNS says {name} does not exist (NXDOMAIN).")
        if isinstance(found, Exception):
            return self._answer(error=found)
        return self._answer({"name": name, "uri": found, "dnssec": True})

    def receive_offer(self):
        """Like the facade: the node's newest any-amount offer, else a new one."""
        if self.offer_error is not None:
            return self._answer(error=self.offer_error)
        reused = bool(self.own_offers)
        if not reused:
            self.offer_creates.append({})
            self.own_offers.append({"offer": self.new_offer, "reusable": True})
        return self._answer(dict(self.own_offers[-1]) | {"reused": reused})

    # --- notes and export ---------------------------------------------------------------

    def set_label(self, ref: str, text: str):
        """Like the node: the note goes on the row with this txid or payment hash."""
        from wallet.errors import InputError
        from wallet.storage.label_store import check_note, check_ref

        try:
            ref, note = check_ref(ref), check_note(text)
        except InputError as e:
            return self._answer(error=e)
        rows = [h for h in self.history_data if ref in (h.get("txid"), h.get("payment_hash"))]
        if not rows:
            return self._answer(error=InputError("no transaction or payment of this wallet "
                                                 "has this id"))
        for h in rows:
            h["note"] = note
        self.push("history")
        return self._answer({"ref": ref, "kind": rows[0].get("kind", "onchain"), "note": note})

    def export_history(self, fmt: str, path):
        """The real export of the rows set by the test, written by the real writer."""
        from pathlib import Path

        from wallet.api import _write_whole
        from wallet.export import export_rows, export_text

        onchain = [h for h in self.history_data if h.get("kind", "onchain") == "onchain"]
        payments = [h | {"amount_msat": h.get("amount_msat", abs(h["delta_sat"]) * 1000),
                         "created_at": h.get("timestamp")}
                    for h in self.history_data if h.get("kind") == "lightning"]

        async def run():
            _write_whole(Path(path), export_text(onchain, payments, fmt))
            return {"path": str(path), "rows": len(export_rows(onchain, payments))}

        return self._loop.submit(run())

    # --- fee levels and speed-ups -------------------------------------------------------

    fee_levels_data = {"slow": 2.0, "normal": 8.0, "fast": 25.0,
                       "targets": {"slow": 12, "normal": 2, "fast": 1}}

    def fee_levels(self):
        return self._answer(dict(self.fee_levels_data))

    def speed_up(self, txid: str, method: str, feerate: float, dry_run: bool = False,
                 expected_fee_sat: int | None = None):
        """Like the node: 141 vB at the new rate; refused at another fee than quoted."""
        from wallet.daemon.service import FeeChanged

        self.sped_up = getattr(self, "sped_up", [])
        fee = round(141 * float(feerate))
        if not dry_run:
            self.sped_up.append((txid, method, feerate, expected_fee_sat))
            if expected_fee_sat != fee:
                return self._answer(error=FeeChanged("Not sent: the fee changed."))
        return self._answer({"txid": "ff" * 32, "fee_sat": fee, "feerate": float(feerate),
                             "vsize": 141, "amount_sat": 0})
