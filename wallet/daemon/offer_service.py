"""Receiving with BOLT 12 offers in the daemon: `offer_create` makes a reusable offer whose
onion-message path runs through our trampoline peer (so payers reach us while we are
online), `offers` lists them. With `reuse`, `offer_create` hands back the newest offer of
the same amount and description whose path still starts at a trampoline peer of ours (the
Receive page shows one reusable offer, not a new one per visit). Invoice requests for them are answered with invoices over a
blinded path to us (`Payments.create_offer_invoice`), each payment recorded like an invoice:
a two-hop path from a trampoline peer that relays blinded payments (its init offers
option_route_blinding: the payer then never learns our node id), else one hop.

Offers hold no secret: they are kept in `wallet_meta` (`bolt12_offers`, a JSON list of each
offer string and the `path_id` of its path) and answered again after a restart; a request
that does not come by the offer's path is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from wallet.errors import InputError
from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.invoice import Invoice
from wallet.ln.bolt12.invoice_request import InvoiceRequest
from wallet.ln.bolt12.message import BITCOIN_CHAIN, chain_hash
from wallet.ln.bolt12.offer import Offer, decode_offer
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.offer_exchange import OfferIssuer
from wallet.sentence import Sentence
from wallet.storage.database import Database

KEY = "bolt12_offers"
MAX_OFFERS = 100
MAX_DESCRIPTION = 200
MAX_INVOICE_PATHS = 4  # paths in one invoice, one per relaying trampoline peer


class OfferService:
    def __init__(self, node: LightningNode, db: Database) -> None:
        self.node, self.db = node, db
        self.chain = chain_hash(node.network.genesis_hash)
        self.issuer = OfferIssuer(node.onion_messages, self.chain, self._make_invoice)
        node.onion_messages.on_receive = self.issuer.on_receive
        for offer, path_id in self._stored():
            self.issuer.add(offer, frozenset({path_id}))

    async def _make_invoice(self, offer: Offer, request: InvoiceRequest, amount: int) -> Invoice:
        """A path through each trampoline peer that relays inside blinded routes (at most
        MAX_INVOICE_PATHS; a payer may split over them, basic_mpp), else one hop from us."""
        reachable = self.node.payments.hint_peers()
        peers = [p for p in self.relay_peers() if p in reachable][:MAX_INVOICE_PATHS]
        if peers:
            try:
                return self.node.payments.create_offer_invoice(request, amount,
                                                               paths_via=tuple(peers))
            except ValueError:  # a channel closed meanwhile: one hop, from us
                pass
        return self.node.payments.create_offer_invoice(request, amount)

    def relay_peers(self) -> list[bytes]:
        """Our trampoline peers whose init says they relay inside blinded routes."""
        peers = []
        for peer in self.node.payments.trampoline_peers():
            features = self.node.peer_features(peer)
            if features is not None and features.supports("option_route_blinding"):
                peers.append(peer)
        return peers
    def _stored(self) -> list[tuple[Offer, bytes]]:
        """Our offers, each with the `path_id` of its path (requests must come by it)."""
        row = self.db.query_one("SELECT value FROM wallet_meta WHERE key = ?", (KEY,))
        offers = []
        for item in json.loads(row[0]) if row is not None else []:
            try:
                offers.append((decode_offer(item["offer"]), bytes.fromhex(item["path_id"])))
            except (Bolt12Error, KeyError, TypeError, ValueError):
                continue  # unreadable: never answered (ours are always readable)
        return offers

    @property
    def handlers(self) -> dict[str, Callable[..., Awaitable[Any]]]:
        return {"offer_create": self.offer_create, "offers": self.offers}

    async def offer_create(self, amount_sat: Any = None, description: Any = "",
                           issuer: Any = None, quantity_max: Any = None,
                           reuse: Any = False) -> dict[str, Any]:
        """A new reusable offer (any amount when `amount_sat` is None); with `reuse`, an
        existing one of the same terms that payers can still reach (`reused` says which)."""
        amount = None
        if amount_sat is not None:
            try:
                amount = int(amount_sat) * 1000
            except (TypeError, ValueError):
                raise InputError(Sentence("the amount %1 is not a whole number", repr(amount_sat))) from None
            if amount <= 0:
                raise InputError("the amount must be positive")
        text = str(description or "")
        if amount is not None and not text:
            raise InputError("an offer with an amount needs a description of what it is for")
        if len(text) > MAX_DESCRIPTION:
            raise InputError(Sentence("the description is over %1 characters", MAX_DESCRIPTION))
        stored = self._stored()
        if len(stored) >= MAX_OFFERS:
            raise InputError(Sentence("this wallet already has %1 offers", MAX_OFFERS))
        peers = self.node.payments.trampoline_peers()
        if not peers:
            raise InputError("an offer needs a channel with a trampoline peer: payers reach "
                             "this wallet through it")
        if reuse:
            for old, _ in reversed(stored):
                if (old.amount == amount and (old.description or "") == text
                        and old.issuer is None and old.quantity_max is None
                        and old.paths and old.paths[0].first_node_id in peers):
                    return _describe(old) | {"reused": True}
        path, path_id = self.node.onion_messages.reply_path(via=peers[0])
        try:
            offer = Offer.build(
                description=text or None, amount=amount,
                issuer=None if issuer is None else str(issuer)[:MAX_DESCRIPTION],
                quantity_max=None if quantity_max is None else int(quantity_max),
                issuer_id=self.node.node_id, paths=(path,),
                chains=None if self.chain == BITCOIN_CHAIN else (self.chain,))
        except (Bolt12Error, ValueError, TypeError) as exc:
            raise InputError(Sentence("cannot make this offer: %1", exc)) from None
        items = [{"offer": o.to_string(), "path_id": p.hex()}
                 for o, p in [*stored, (offer, path_id)]]
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO wallet_meta (key, value) VALUES (?, ?)",
                            (KEY, json.dumps(items)))
        self.issuer.add(offer, frozenset({path_id}))
        return _describe(offer) | {"reused": False}

    async def offers(self) -> list[dict[str, Any]]:
        return [_describe(o) for o, _ in self._stored()]


def _describe(offer: Offer) -> dict[str, Any]:
    return {"offer": offer.to_string(), "offer_id": offer.offer_id.hex(),
            "amount_msat": offer.amount, "description": offer.description,
            "quantity_max": offer.quantity_max, "reusable": True}
