"""LSPS0/LSPS2 between two real nodes over BOLT 8 on loopback: an honest LSP, then a lying,
silent, flooding or vanishing one (and a flooding client)."""

from __future__ import annotations

import asyncio
import copy
import json
import time
from datetime import UTC, datetime

import pytest

from tests.support.nodes import start_nodes, stop_all
from wallet.ln.shell import lsps0 as lsps0_mod
from wallet.ln.shell.lsps0 import Lsps0Error, Lsps0Timeout
from wallet.ln.wire.messages import UnknownOddMessage
from wallet.lsp import lsps2
from wallet.lsp.jsonrpc import LSPS0_MESSAGE_TYPE, encode_request

OFFERS = [lsps2.FeeOffer(2_000_000, 1000), lsps2.FeeOffer(3_000_000, 5000)]


@pytest.fixture
async def pair(tmp_path):
    _, _, (client, lsp) = await start_nodes(tmp_path, "client", "lsp")
    lsp.serve_lsps2(OFFERS)
    await client.peers.connect("127.0.0.1", lsp.listen_port, lsp.node_id)
    await lsp.peers.wait_for_peer(client.node_id, 5)
    yield client, lsp
    await stop_all(client, lsp)


def answer_with(node, make_reply):
    """Make `node` a lying LSP: each request gets `make_reply(request dict)` (bytes or None)."""
    async def handler(peer, payload: bytes) -> None:
        reply = make_reply(json.loads(payload))
        if reply is not None:
            await peer.send(UnknownOddMessage(LSPS0_MESSAGE_TYPE, reply))
    node.manager.custom_handlers[LSPS0_MESSAGE_TYPE] = handler


def reply(req: dict, result: object) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": req["id"], "result": result}).encode()


async def test_honest_lsp(pair) -> None:
    client, lsp = pair
    assert await client.lsps2.protocols(lsp.node_id) == [2]
    menu = await client.lsps2.get_info(lsp.node_id)
    assert [m.min_fee_msat for m in menu] == [2_000_000, 3_000_000]
    params, fee = await client.lsps2.quote(lsp.node_id, 50_000_000, 3600)
    assert (params.min_fee_msat, params.proportional) == (2_000_000, 1000)
    assert fee == 2_000_000
    jit = await client.lsps2.buy(lsp.node_id, params, 50_000_000)
    assert jit.opening_fee_msat == 2_000_000 and jit.lsp_cltv_expiry_delta == 144
    [sale] = lsp.lsps2_provider.sales.values()
    assert lsp.lsps2_provider.sale_for(jit.jit_channel_scid, datetime.now(UTC)) is sale
    assert lsp.lsps2_provider.sale_for(jit.jit_channel_scid, params.valid_until) is None
    assert sale.client_id == client.node_id and sale.scid == jit.jit_channel_scid
    assert sale.purchase.opening_fee_msat == 2_000_000
    assert client.lsps2.bought[jit.jit_channel_scid] is jit


async def test_lsp_refuses_a_tampered_offer_and_a_token(pair) -> None:
    client, lsp = pair
    [params, _] = await client.lsps2.get_info(lsp.node_id)
    raw = copy.deepcopy(params.raw)
    raw["min_fee_msat"] = "1"
    cheat = lsps2.OpeningFeeParams.from_json(raw)
    with pytest.raises(lsps2.Lsps2Error, match="no longer valid"):
        await client.lsps2.buy(lsp.node_id, cheat, 50_000_000)
    with pytest.raises(lsps2.Lsps2Error, match="too small"):
        await client.lsps2.buy(lsp.node_id, params, 1_000)
    assert not lsp.lsps2_provider.sales
    from wallet.lsp.jsonrpc import RpcError
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps2.get_info", {"token": "x"})
    assert e.value.code == lsps2.UNRECOGNIZED_OR_STALE_TOKEN
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps2.get_info", {"coupon": "x"})
    assert e.value.code == -32602 and e.value.data == {"unrecognized": ["coupon"]}
    with pytest.raises(RpcError) as e:
        await client.lsps0.request(lsp.node_id, "lsps9.nothing", {})
    assert e.value.code == -32601


async def test_sales_per_client_are_capped(pair) -> None:
    client, lsp = pair
    params, _ = await client.lsps2.quote(lsp.node_id, 50_000_000, 3600)
    for _ in range(5):
        await client.lsps2.buy(lsp.node_id, params, 50_000_000)
    with pytest.raises(lsps2.Lsps2Error, match="refused"):
        await client.lsps2.buy(lsp.node_id, params, 50_000_000)
    assert len(lsp.lsps2_provider.sales) == 5


async def test_lsp_that_trusts_nothing_is_refused(pair) -> None:
    client, lsp = pair
    params, _ = await client.lsps2.quote(lsp.node_id, 50_000_000, 3600)
    answer_with(lsp, lambda req: reply(req, {"jit_channel_scid": "1x2x3",
                                            "lsp_cltv_expiry_delta": 144,
                                            "client_trusts_lsp": True}))
    with pytest.raises(lsps2.Lsps2Error, match="trusted"):
        await client.lsps2.buy(lsp.node_id, params, 50_000_000)
    assert not client.lsps2.bought


async def test_lying_menu_over_the_wire(pair) -> None:
    client, lsp = pair
    good = lsps2.make_menu(OFFERS, b"k" * 32, lsps2.parse_datetime("2030-01-01T00:00:00.000Z"))
    bad = copy.deepcopy(good)
    bad["opening_fee_params_menu"][0]["hidden_fee"] = "1"
    answer_with(lsp, lambda req: reply(req, bad))
    with pytest.raises(lsps2.Lsps2Error, match="does not know"):
        await client.lsps2.get_info(lsp.node_id)


async def test_malformed_answer_stops_lsps_on_the_connection(pair) -> None:
    client, lsp = pair
    answer_with(lsp, lambda req: b"{not json")
    with pytest.raises(Lsps0Error, match="malformed"):
        await client.lsps2.get_info(lsp.node_id)
    with pytest.raises(Lsps0Error, match="reconnect"):
        await client.lsps2.get_info(lsp.node_id)


async def test_unknown_ids_are_ignored_and_silence_times_out(pair, monkeypatch) -> None:
    client, lsp = pair
    client.lsps0.timeout = 0.5
    answer_with(lsp, lambda req: json.dumps({"jsonrpc": "2.0", "id": "not" + req["id"],
                                             "result": {"protocols": [2]}}).encode())
    with pytest.raises(Lsps0Timeout):
        await client.lsps2.protocols(lsp.node_id)
    assert not client.lsps0._pending


async def test_pending_requests_are_capped(pair) -> None:
    client, lsp = pair
    answer_with(lsp, lambda req: None)  # a silent LSP
    waiting = [asyncio.create_task(client.lsps0.request(lsp.node_id, "lsps0.list_protocols",
                                                        {}, timeout=5))
               for _ in range(lsps0_mod.MAX_PENDING_PER_PEER)]
    await asyncio.sleep(0.1)
    with pytest.raises(Lsps0Error, match="already wait"):
        await client.lsps0.request(lsp.node_id, "lsps0.list_protocols", {})
    for t in waiting:
        t.cancel()
    await asyncio.gather(*waiting, return_exceptions=True)
    assert not client.lsps0._pending


async def test_disconnect_fails_the_request_at_once(pair) -> None:
    client, lsp = pair
    answer_with(lsp, lambda req: None)
    task = asyncio.create_task(client.lsps0.request(lsp.node_id, "lsps0.list_protocols", {},
                                                    timeout=60))
    await asyncio.sleep(0.1)
    client.peers.peers[lsp.node_id].close("test")
    with pytest.raises(Lsps0Error, match="disconnected"):
        await asyncio.wait_for(task, 10)


async def test_no_lsp_connected(pair) -> None:
    client, _ = pair
    with pytest.raises(Lsps0Error, match="not connected"):
        await client.lsps2.get_info(bytes.fromhex("02" + "22" * 32))


async def test_a_plain_wallet_lists_no_protocol(pair) -> None:
    client, lsp = pair
    assert await lsp.lsps2.protocols(client.node_id) == []
    from wallet.lsp.jsonrpc import RpcError
    with pytest.raises(RpcError) as e:
        await lsp.lsps0.request(client.node_id, "lsps2.get_info", {})
    assert e.value.code == -32601
    assert not client.peers.peers[lsp.node_id].is_closed


async def test_flooding_client_is_rate_limited(pair) -> None:
    client, lsp = pair
    replies = []

    async def count(peer, payload: bytes) -> None:
        replies.append(payload)
    client.manager.custom_handlers[LSPS0_MESSAGE_TYPE] = count
    peer = client.peers.peers[lsp.node_id]
    start = time.monotonic()
    for i in range(300):
        await peer.send(UnknownOddMessage(LSPS0_MESSAGE_TYPE, encode_request(
            f"{i:032x}", "lsps2.get_info", {})))
    # one honest request after the flood, to know the LSP read everything
    await asyncio.sleep(0.5)
    elapsed = time.monotonic() - start
    assert len(replies) <= lsps0_mod.BURST + lsps0_mod.RATE * elapsed + 1
    assert len(replies) >= lsps0_mod.BURST
    assert not peer.is_closed


async def test_oversized_and_garbage_requests_get_parse_errors(pair) -> None:
    client, lsp = pair
    replies = []

    async def keep(peer, payload: bytes) -> None:
        replies.append(json.loads(payload))
    client.manager.custom_handlers[LSPS0_MESSAGE_TYPE] = keep
    peer = client.peers.peers[lsp.node_id]
    for payload in (b"[" * 60_000, b"\x00{}", b"{}", b"\xff"):
        await peer.send(UnknownOddMessage(LSPS0_MESSAGE_TYPE, payload))
    for _ in range(100):
        if len(replies) == 4:
            break
        await asyncio.sleep(0.02)
    assert [r["error"]["code"] for r in replies] == [-32700] * 4
    assert all(r["id"] is None for r in replies)


async def test_jit_invoice_routes_through_the_lsp(pair) -> None:
    from wallet.ln.bolt11.invoice import decode_invoice
    client, lsp = pair
    text, jit = await client.create_jit_invoice(lsp.node_id, 50_000_000, "coffee", 3600)
    inv = decode_invoice(text)
    assert inv.amount_msat == 50_000_000 and inv.payee == client.node_id
    [[hop]] = inv.route_hints
    assert (hop.pubkey, hop.short_channel_id, hop.fee_base_msat,
            hop.fee_proportional_millionths, hop.cltv_expiry_delta) == (
        lsp.node_id, jit.jit_channel_scid, 0, 0, 144)
    assert inv.min_final_cltv_expiry_delta == 18 + 2
    assert inv.timestamp + inv.expiry <= jit.params.valid_until.timestamp()
    assert inv.expiry <= 20 * 60 and 17 in inv.features
    assert client.payments.jit_invoices[inv.payment_hash] is jit
    assert jit.opening_fee_msat == 2_000_000

    text, jit = await client.create_jit_invoice(lsp.node_id, None, "any amount")
    inv = decode_invoice(text)
    assert inv.amount_msat is None and not {16, 17} & inv.features
    assert jit.opening_fee_msat is None


async def test_jit_invoice_above_the_fee_limit_is_refused(pair) -> None:
    client, lsp = pair
    with pytest.raises(lsps2.Lsps2Error, match="above the 1999999 msat accepted"):
        await client.create_jit_invoice(lsp.node_id, 50_000_000, "x", max_fee_msat=1_999_999)
    assert not lsp.lsps2_provider.sales and not client.payments.jit_invoices
