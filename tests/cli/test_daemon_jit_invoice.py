"""`invoice` with too little inbound room and an LSP that sells JIT channels: the daemon
buys one and says the fee and what the user gets; `lsp_info` shows the LSP's offers; a
fee above the user's maximum is refused; a configured peer that is no LSP gives a plain
invoice with its warning."""

from __future__ import annotations

import pytest

from tests.support.nodes import start_nodes, stop_all
from wallet.daemon.channel_service import ChannelService, lsp_peer
from wallet.daemon.lsp_service import LspService
from wallet.errors import InputError
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.lsp import lsps2
from wallet.lsp.lsps2 import offers_from_text
from wallet.networks import REGTEST


@pytest.fixture
async def pair(tmp_path):
    _, _, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    yield client, lsp
    await stop_all(client, lsp)


def service_for(client, lsp) -> ChannelService:
    svc = object.__new__(ChannelService)
    svc.node = client
    svc.forwarding = None
    svc.lsp = LspService(client, (lsp.node_id, "127.0.0.1", lsp.listen_port), None)
    svc._task = None
    return svc


async def test_jit_invoice_when_room_is_short(pair):
    client, lsp = pair
    LspService(lsp, None, offers_from_text("2000000,5000")).start_serving()
    svc = service_for(client, lsp)
    info = await svc.lsp_info()
    assert info["protocols"] == [1, 2]  # JIT channels, and channels sold in advance
    assert info["channels_in_advance"] == {"min_sat": 20_000, "max_sat": 5_000_000,
                                           "max_lease_blocks": 13_140, "min_confirmations": 1}
    [offer] = info["offers"]
    assert (offer["min_fee_msat"], offer["proportional_ppm"]) == (2_000_000, 5_000)
    reply = await svc.invoice(amount_sat=50_000, description="first")
    jit = reply["jit_channel"]
    assert jit["opening_fee_msat"] == 2_000_000  # 0.5% of 50,000 sat = 250 sat < 2,000 sat
    assert jit["you_receive_msat"] == 48_000_000
    inv = decode_invoice(reply["invoice"])
    assert inv.amount_msat == 50_000_000 and inv.route_hints[0][0].pubkey == lsp.node_id
    big = await svc.invoice(amount_sat=1_000_000, description="big")
    assert big["jit_channel"]["opening_fee_msat"] == 5_000_000  # 0.5%
    with pytest.raises(lsps2.Lsps2Error, match="above"):
        await svc.invoice(amount_sat=50_000, max_lsp_fee_sat=1_999)
    with pytest.raises(InputError, match="--no-lsp"):
        await svc.invoice(amount_sat=50_000, no_lsp=True)


async def test_a_peer_that_is_no_lsp_gives_a_warned_plain_invoice(pair):
    client, lsp = pair  # lsp serves nothing
    svc = service_for(client, lsp)
    reply = await svc.invoice(amount_sat=50_000, description="x")
    assert "jit_channel" not in reply and "cannot be paid" in reply["warning"]


@pytest.mark.parametrize("text", ["1,2,3", "a,b", "-1,5", "5,2000000", "x"])
def test_bad_lsp_fee_text(text):
    with pytest.raises(InputError):
        offers_from_text(text)


def test_lsp_peer_setting():
    own = bytes.fromhex("02" + "11" * 32)
    other = "03" + "22" * 32
    assert lsp_peer(REGTEST, own, "none") is None
    assert lsp_peer(REGTEST, own, f"{other}@127.0.0.1:9735") == (
        bytes.fromhex(other), "127.0.0.1", 9735)
    assert lsp_peer(REGTEST, own, f"{own.hex()}@127.0.0.1:9735") is None
    with pytest.raises(InputError, match="--lsp-peer"):
        lsp_peer(REGTEST, own, "garbage")


async def test_receive_quote_buys_nothing(pair):
    client, lsp = pair
    LspService(lsp, None, offers_from_text("1")).start_serving()
    svc = service_for(client, lsp)
    quote = await svc.receive_quote(amount_sat=50_000)
    assert quote["receivable_msat"] == 0
    assert quote["jit_channel"]["opening_fee_msat"] == 2_000_000
    assert quote["jit_channel"]["you_receive_msat"] == 48_000_000
    assert not lsp.lsps2_provider.sales and not client.payments.jit_invoices
    too_small = await svc.receive_quote(amount_sat=5)
    assert "cannot open a channel" in too_small["warning"]


async def test_a_restarted_wallet_dials_the_lsp_of_an_invoice_not_yet_paid(tmp_path, pair):
    """Bought before the restart, not yet paid: the wallet (a channel-less one connects to
    nobody by itself) dials its LSP again, else the LSP could never open the channel. Paid,
    or bought from another LSP, or no LSP configured: it does not."""
    client, lsp = pair
    LspService(lsp, None, offers_from_text("2000000,5000")).start_serving()
    svc = service_for(client, lsp)
    reply = await svc.invoice(amount_sat=50_000, description="before the restart")
    payment_hash = decode_invoice(reply["invoice"]).payment_hash
    dials = []
    client.manager.peers.keep_connected = lambda *a: dials.append(a)
    assert svc.lsp.resume_purchases()
    assert dials == [(lsp.node_id, "127.0.0.1", lsp.listen_port)]
    other = LspService(client, (bytes.fromhex("03" + "22" * 32), "127.0.0.1", 1), None)
    assert not other.resume_purchases()  # bought from another LSP
    assert not LspService(client, None, None).resume_purchases()  # no LSP configured
    client.payment_log.succeed(payment_hash)  # the invoice's preimage is its own
    assert not svc.lsp.resume_purchases()  # paid: nothing to wait for
    assert len(dials) == 1
