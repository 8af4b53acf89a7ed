"""The daemon's `invoice` command: amounts in sat or msat, and LNURL-pay's description hash
(the invoice commits to SHA-256 of the service's metadata, signed by the node itself)."""

from __future__ import annotations

import os

import pytest

from tests.support.nodes import FakeChain, make_node
from wallet.daemon.channel_service import ChannelService
from wallet.daemon.lsp_service import LspService
from wallet.errors import InputError
from wallet.hashes import sha256
from wallet.ln.bolt11.invoice import decode_invoice


@pytest.fixture
def service(tmp_path):
    """The command table's Lightning part over an offline node (only invoices are made)."""
    svc = object.__new__(ChannelService)
    svc.node = make_node(tmp_path, "shop", FakeChain(), os.urandom(32))
    svc.forwarding = None
    svc.lsp = LspService(svc.node, None, None)
    svc._task = None
    return svc


async def test_invoice_with_a_description_hash_is_signed_by_the_node(service):
    digest = sha256(b'[["text/plain","A coffee"]]')
    reply = await service.invoice(amount_msat=1_500, description_hash=digest.hex())
    invoice = decode_invoice(reply["invoice"])  # checks the signature
    assert invoice.payee == service.node.node_id
    assert invoice.description_hash == digest and invoice.description is None
    assert invoice.amount_msat == 1_500 and reply["amount_msat"] == 1_500
    row = service.node.payment_log.get(invoice.payment_hash)
    assert row.direction == "in" and row.amount_msat == 1_500
    stored = decode_invoice(row.invoice)  # what receiving checks: the same terms
    assert (stored.payment_secret, stored.expiry, stored.min_final_cltv_expiry_delta) == (
        invoice.payment_secret, invoice.expiry, invoice.min_final_cltv_expiry_delta)


async def test_invoice_amounts_and_descriptions(service):
    plain = decode_invoice((await service.invoice(amount_sat=2, description="tea"))["invoice"])
    assert (plain.amount_msat, plain.description) == (2_000, "tea")
    anything = await service.invoice(amount_sat=0)
    assert decode_invoice(anything["invoice"]).amount_msat is None


@pytest.mark.parametrize("params, words", [
    ({"amount_sat": 1, "amount_msat": 1000}, "not both"),
    ({}, "give the invoice amount"),
    ({"amount_msat": 0}, "positive"),
    ({"amount_msat": "x"}, "whole number"),
    ({"amount_sat": 1, "description_hash": "ab"}, "32 bytes"),
    ({"amount_sat": 1, "description_hash": "zz" * 32}, "32 bytes"),
    ({"amount_sat": 1, "description_hash": "00" * 32, "description": "x"}, "not both"),
])
async def test_invoice_refuses_bad_arguments(service, params, words):
    with pytest.raises(InputError, match=words):
        await service.invoice(**params)
    assert service.node.list_payments() == []


async def test_no_room_and_no_lsp(service):
    reply = await service.invoice(amount_sat=50_000, description="x")
    assert "cannot be paid" in reply["warning"] and "0 sat now, not 50,000 sat" in reply["warning"]
    assert decode_invoice(reply["invoice"]).amount_msat == 50_000_000
    with pytest.raises(InputError, match="--no-lsp"):
        await service.invoice(amount_sat=50_000, no_lsp=True)
    assert len(service.node.list_payments()) == 1
