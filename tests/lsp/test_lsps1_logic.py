"""LSPS1 (bLIP-51) pure rules: the options, a client's request checked by the LSP (each field,
each option), and an LSP's order checked by the client field by field (lies refused with a
sentence naming the field)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from wallet.bech32 import encode_segwit_address
from wallet.lsp import lsps1
from wallet.lsp.jsonrpc import INVALID_PARAMS, RpcError
from wallet.networks import MAINNET, REGTEST

NOW = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)
OPTIONS = lsps1.Options(
    min_required_channel_confirmations=1, min_funding_confirms_within_blocks=6,
    supports_zero_channel_reserve=False, max_channel_expiry_blocks=13_140,
    min_initial_client_balance_sat=0, max_initial_client_balance_sat=0,
    min_initial_lsp_balance_sat=20_000, max_initial_lsp_balance_sat=5_000_000,
    min_channel_balance_sat=20_000, max_channel_balance_sat=5_000_000)
ASKED = lsps1.inbound_request(OPTIONS, 100_000, refund_address="bcrt1qrefund")


def order_json(**changes) -> dict:
    obj = {"order_id": "bb4b5d0a-8334-49d8-9463-90a6d413af7c",
           **{k: v for k, v in ASKED.to_json().items() if k != "refund_onchain_address"},
           "created_at": "2026-12-07T05:00:00.000Z", "order_state": "CREATED",
           "payment": {"bolt11": {"state": "EXPECT_PAYMENT",
                                  "expires_at": "2026-12-07T06:00:00.000Z",
                                  "fee_total_sat": "2000", "order_total_sat": "2000",
                                  "invoice": "lnbcrt1invoice"}},
           "channel": None}
    return changed(obj, changes)


DELETE = object()


def changed(obj: dict, changes: dict) -> dict:
    """`obj` with each dotted path set to its value (DELETE: removed)."""
    for path, value in changes.items():
        target = obj
        *parents, last = path.split(".")
        for p in parents:
            target = target[p]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    return obj


def test_options_round_trip_and_lies() -> None:
    assert lsps1.parse_options(OPTIONS.to_json()) == OPTIONS
    assert lsps1.parse_options({"options": OPTIONS.to_json()}) == OPTIONS  # older LSPs
    for name, bad in (("max_channel_expiry_blocks", 0), ("min_funding_confirms_within_blocks", 0),
                      ("min_initial_lsp_balance_sat", 20_000),  # a number, not a string
                      ("max_initial_lsp_balance_sat", "1" * 21),
                      ("max_initial_lsp_balance_sat", str(1 << 64)),
                      ("max_initial_lsp_balance_sat", "-5"), ("max_initial_lsp_balance_sat", "007"),
                      ("supports_zero_channel_reserve", "yes"),
                      ("min_required_channel_confirmations", 70_000),
                      ("min_required_channel_confirmations", True),
                      ("max_channel_balance_sat", "19999")):  # below its min
        obj = OPTIONS.to_json() | {name: bad}
        with pytest.raises(lsps1.Lsps1Error):
            lsps1.parse_options(obj)
    obj = OPTIONS.to_json()
    del obj["min_channel_balance_sat"]
    with pytest.raises(lsps1.Lsps1Error, match="lack min_channel_balance_sat"):
        lsps1.parse_options(obj)
    with pytest.raises(lsps1.Lsps1Error):
        lsps1.parse_options([])


def test_what_kite_asks_for() -> None:
    assert ASKED.client_balance_sat == 0 and not ASKED.announce_channel
    assert ASKED.required_channel_confirmations == 1  # never zero-conf
    assert ASKED.channel_expiry_blocks == 13_140
    assert ASKED.to_json()["refund_onchain_address"] == "bcrt1qrefund"
    zero = lsps1.Options(**{**OPTIONS.__dict__, "min_required_channel_confirmations": 0})
    assert lsps1.inbound_request(zero, 50_000, refund_address=None) \
        .required_channel_confirmations == 1
    with pytest.raises(lsps1.Lsps1Error, match="at least 20,000"):
        lsps1.inbound_request(OPTIONS, 19_999, refund_address=None)
    with pytest.raises(lsps1.Lsps1Error, match="at most 5,000,000"):
        lsps1.inbound_request(OPTIONS, 5_000_001, refund_address=None)
    must_fund = lsps1.Options(**{**OPTIONS.__dict__, "min_initial_client_balance_sat": 1,
                                 "max_initial_client_balance_sat": 10})
    with pytest.raises(lsps1.Lsps1Error, match="puts funds in"):
        lsps1.inbound_request(must_fund, 50_000, refund_address=None)


def _rpc(params: dict) -> RpcError:
    with pytest.raises(RpcError) as e:
        lsps1.check_request(params, OPTIONS)
    return e.value


def test_lsp_checks_every_request_field() -> None:
    good = ASKED.to_json()
    assert lsps1.check_request(good, OPTIONS) == ASKED
    for name, bad in (("lsp_balance_sat", 100_000), ("lsp_balance_sat", "1e5"),
                      ("client_balance_sat", "-1"), ("required_channel_confirmations", "1"),
                      ("funding_confirms_within_blocks", 1 << 16),
                      ("channel_expiry_blocks", -1), ("token", 5), ("token", "x" * 300),
                      ("refund_onchain_address", "a" * 101), ("refund_onchain_address", ""),
                      ("announce_channel", "false"), ("lsp_balance_sat", "0")):
        e = _rpc(good | {name: bad})
        assert e.code == INVALID_PARAMS and e.data["property"] == name, (name, bad)
    for name in ("lsp_balance_sat", "announce_channel", "channel_expiry_blocks"):
        params = dict(good)
        del params[name]
        assert _rpc(params).data["property"] == name
    e = _rpc(good | {"announce_channel": True})  # only private channels
    assert e.data["property"] == "announce_channel"


@pytest.mark.parametrize("name,value,option", [
    ("lsp_balance_sat", "19999", "min_initial_lsp_balance_sat"),
    ("lsp_balance_sat", "5000001", "max_initial_lsp_balance_sat"),
    ("lsp_balance_sat", "18446744073709551615", "max_initial_lsp_balance_sat"),
    ("client_balance_sat", "1", "max_initial_client_balance_sat"),
    ("required_channel_confirmations", 0, "min_required_channel_confirmations"),
    ("funding_confirms_within_blocks", 5, "min_funding_confirms_within_blocks"),
    ("channel_expiry_blocks", 13_141, "max_channel_expiry_blocks"),
])
def test_lsp_refuses_orders_beyond_its_options(name, value, option) -> None:
    e = _rpc(ASKED.to_json() | {name: value})
    assert e.code == lsps1.OPTION_MISMATCH and e.data["property"] == option


def test_honest_order_is_read_and_accepted() -> None:
    order = lsps1.parse_order(order_json())
    payment = lsps1.check_new_order(order, ASKED, NOW, max_fee_sat=2000)
    assert payment.fee_total_sat == 2000 and payment.invoice == "lnbcrt1invoice"
    assert lsps1.parse_order(order.to_json()) == order  # the LSP's own encoding reads back
    # unknown payment options are ignored; on-chain is read when present
    extra = order_json(**{"payment.bolt12": {"offer": "lno1"}, "payment.onchain": {
        "state": "EXPECT_PAYMENT", "expires_at": "2026-12-07T06:00:00Z", "fee_total_sat": "2500",
        "order_total_sat": "2500", "address": "bcrt1qpay", "min_onchain_payment_confirmations": 1,
        "min_fee_for_0conf": None, "refund_onchain_address": "bcrt1qrefund"}})
    o = lsps1.parse_order(extra)
    assert o.onchain is not None and o.onchain.fee_total_sat == 2500
    lsps1.check_new_order(o, ASKED, NOW)


@pytest.mark.parametrize("changes,match", [
    ({"order_id": ""}, "order_id"),
    ({"order_id": "x" * 65}, "order_id"),
    ({"order_id": "a b"}, "order_id"),
    ({"order_id": 7}, "order_id"),
    ({"lsp_balance_sat": "100001"}, "lsp_balance_sat is not what was asked"),
    ({"lsp_balance_sat": 100000}, "lsp_balance_sat"),
    ({"client_balance_sat": "5"}, "client_balance_sat is not what was asked"),
    ({"channel_expiry_blocks": 144}, "channel_expiry_blocks is not what was asked"),
    ({"required_channel_confirmations": 0}, "required_channel_confirmations is not"),
    ({"announce_channel": True}, "announce_channel is not what was asked"),
    ({"token": "coupon"}, "token is not what was asked"),
    ({"created_at": "yesterday"}, "created_at"),
    ({"order_state": "PAID"}, "order_state"),
    ({"order_state": "COMPLETED"}, "CREATED with no channel"),
    ({"channel": {"funded_at": "2026-12-07T05:00:00Z", "funding_outpoint": "ab" * 32 + ":0",
                  "expires_at": "2026-12-08T05:00:00Z"}}, "CREATED with no channel"),
    ({"channel": {"funded_at": "2026-12-07T05:00:00Z", "funding_outpoint": "nothex:0",
                  "expires_at": "2026-12-08T05:00:00Z"}}, "funding_outpoint"),
    ({"channel": DELETE}, "lacks channel"),
    ({"payment": {}}, "no payment Kite can make"),
    ({"payment": []}, "payment is not an object"),
    ({"payment.bolt11.state": "HOLD"}, "must be EXPECT_PAYMENT"),
    ({"payment.bolt11.state": "SETTLED"}, "payment state"),
    ({"payment.bolt11.expires_at": "2026-12-07T04:59:59.000Z"}, "already expired"),
    ({"payment.bolt11.fee_total_sat": "1999"}, "total is not its fee"),
    ({"payment.bolt11.order_total_sat": "2001"}, "total is not its fee"),
    ({"payment.bolt11.fee_total_sat": "2001", "payment.bolt11.order_total_sat": "2001"},
     "2,001 sat, above the 2,000 sat accepted"),
    ({"payment.bolt11.fee_total_sat": 2000}, "fee_total_sat"),
    ({"payment.bolt11.invoice": "l" * 2049}, "invoice must be text of at most 2048"),
    ({"payment.bolt11.invoice": "lnbc\n1"}, "control characters"),
    ({"payment.bolt11.invoice": None}, "invoice"),
])
def test_lying_lsp_order_field_by_field(changes, match) -> None:
    with pytest.raises(lsps1.Lsps1Error, match=match):
        order = lsps1.parse_order(order_json(**changes))
        lsps1.check_new_order(order, ASKED, NOW, max_fee_sat=2000)


def test_invoice_must_ask_the_total_and_pay_the_lsp() -> None:
    payment = lsps1.parse_order(order_json()).bolt11
    lsp, other = b"\x02" * 33, b"\x03" * 33
    lsps1.check_invoice(payment, 2_000_000, lsp, lsp, False)
    for amount in (1_999_999, 2_000_001, 20_000_000, None):
        with pytest.raises(lsps1.Lsps1Error, match="amount|asks"):
            lsps1.check_invoice(payment, amount, lsp, lsp, False)
    with pytest.raises(lsps1.Lsps1Error, match="another node"):
        lsps1.check_invoice(payment, 2_000_000, other, lsp, False)
    with pytest.raises(lsps1.Lsps1Error, match="expired"):
        lsps1.check_invoice(payment, 2_000_000, lsp, lsp, True)


CHANNEL = {"funded_at": "2026-12-07T05:01:00.000Z", "funding_outpoint": "ab" * 32 + ":1",
           "expires_at": "2027-03-07T05:01:00.000Z"}


def test_order_updates_move_forward_only() -> None:
    first = lsps1.parse_order(order_json())
    held = lsps1.parse_order(order_json(**{"payment.bolt11.state": "HOLD"}))
    done = lsps1.parse_order(order_json(order_state="COMPLETED", channel=CHANNEL,
                                        **{"payment.bolt11.state": "PAID"}))
    failed = lsps1.parse_order(order_json(order_state="FAILED",
                                          **{"payment.bolt11.state": "REFUNDED"}))
    for a, b in ((first, held), (held, done), (first, done), (held, failed), (first, failed)):
        lsps1.check_update(a, b)
    assert done.channel is not None and done.channel.funding_outpoint == ("ab" * 32, 1)
    lies = [
        (done, held, "went from PAID back to HOLD"),
        (failed, done, "REFUNDED back to PAID"),
        (first, lsps1.parse_order(order_json(**{"payment.bolt11.fee_total_sat": "1000",
                                                "payment.bolt11.order_total_sat": "1000"})),
         "changed the order's fee"),
        (first, lsps1.parse_order(order_json(**{"payment.bolt11.invoice": "lnbcrt1other"})),
         "changed the order's fee or invoice"),
        (first, lsps1.parse_order(order_json(lsp_balance_sat="200000")), "changed the order's terms"),
        (first, lsps1.parse_order(order_json(order_id="other")), "another order"),
        (first, lsps1.parse_order(order_json(order_state="COMPLETED",
                                             **{"payment.bolt11.state": "PAID"})),
         "must name its channel"),
        (first, lsps1.parse_order(order_json(order_state="COMPLETED", channel=CHANNEL)),
         "must have been paid"),
        (first, lsps1.parse_order(order_json(order_state="FAILED",
                                             **{"payment.bolt11.state": "PAID"})),
         "cannot keep the payment"),
        (first, lsps1.parse_order(order_json(**{"payment.bolt11.state": "REFUNDED"})),
         "must be FAILED"),
        (first, lsps1.parse_order(order_json(channel=CHANNEL)), "must be COMPLETED"),
        (first, lsps1.parse_order(order_json(payment={})), "dropped"),
    ]
    for old, new, match in lies:
        with pytest.raises(lsps1.Lsps1Error, match=match):
            lsps1.check_update(old, new)
    done_then_failed = copy.deepcopy(order_json(order_state="FAILED", channel=None,
                                                **{"payment.bolt11.state": "PAID"}))
    with pytest.raises(lsps1.Lsps1Error):
        lsps1.check_update(done, lsps1.parse_order(done_then_failed))


def test_price() -> None:
    price = lsps1.Price(base_sat=1_000, ppm=10_000)
    assert price.fee_for(100_000) == 2_000
    assert price.fee_for(100_001) == 2_001  # rounded up


def test_a_completed_order_must_name_a_channel_we_have_from_the_lsp() -> None:
    done = lsps1.parse_order(order_json(order_state="COMPLETED", channel=CHANNEL,
                                        **{"payment.bolt11.state": "PAID"}))
    lsp, other = b"\x02" * 33, b"\x03" * 33
    outpoint = ("ab" * 32, 1)
    assert lsps1.delivery_problem(done, lsp, [(lsp, outpoint, 100_000)]) is None
    assert "does not have" in lsps1.delivery_problem(done, lsp, [(lsp, ("ab" * 32, 0), 100_000)])
    assert "another node" in lsps1.delivery_problem(done, lsp, [(other, outpoint, 100_000)])
    assert "less than the 100,000 sat" in lsps1.delivery_problem(done, lsp,
                                                                  [(lsp, outpoint, 99_999)])
    assert "not completed" in lsps1.delivery_problem(lsps1.parse_order(order_json()), lsp, [])


# -- paying on-chain ------------------------------------------------------------------------------

PAY_TO = encode_segwit_address("bcrt", 0, b"\x11" * 20)
REFUND_TO = encode_segwit_address("bcrt", 0, b"\x22" * 20)
ASKED_ONCHAIN = lsps1.inbound_request(OPTIONS, 100_000, refund_address=REFUND_TO)
ONCHAIN = {"state": "EXPECT_PAYMENT", "expires_at": "2026-12-07T06:00:00.000Z",
           "fee_total_sat": "2500", "order_total_sat": "2500", "address": PAY_TO,
           "min_onchain_payment_confirmations": 1, "min_fee_for_0conf": None,
           "refund_onchain_address": REFUND_TO}


def onchain_order(**changes) -> dict:
    obj = order_json()
    obj["payment"]["onchain"] = dict(ONCHAIN)
    return changed(obj, changes)


def test_honest_onchain_option_is_read_checked_and_round_trips() -> None:
    order = lsps1.parse_order(onchain_order())
    assert lsps1.check_new_order(order, ASKED_ONCHAIN, NOW, 2500, REGTEST) is not None
    assert lsps1.parse_order(order.to_json()) == order
    only_chain = lsps1.parse_order(onchain_order(**{"payment.bolt11": DELETE}))
    assert lsps1.check_new_order(only_chain, ASKED_ONCHAIN, NOW, 2500, REGTEST) is None
    # an older LSP that does not mirror the refund address
    lsps1.check_new_order(lsps1.parse_order(onchain_order(
        **{"payment.onchain.refund_onchain_address": DELETE})), ASKED_ONCHAIN, NOW, None, REGTEST)
    paid = order.with_states(lsps1.CREATED, onchain_state=lsps1.PAID)
    assert paid.paid_onchain and paid.bolt11 == order.bolt11


@pytest.mark.parametrize("changes,match", [
    ({"payment.onchain.state": "PAID"}, "on-chain payment must be EXPECT_PAYMENT"),
    ({"payment.onchain.state": "HOLD"}, "payment.onchain.state"),
    ({"payment.onchain.expires_at": "2026-12-07T04:00:00.000Z"}, "on-chain payment has already"),
    ({"payment.onchain.fee_total_sat": "2400"}, "on-chain total is not its fee"),
    ({"payment.onchain.order_total_sat": "0", "payment.onchain.fee_total_sat": "0"},
     "1 sat or more"),
    ({"payment.onchain.fee_total_sat": "2501", "payment.onchain.order_total_sat": "2501"},
     "2,501 sat on-chain, above the 2,500"),
    ({"payment.onchain.fee_total_sat": -1}, "fee_total_sat"),
    ({"payment.onchain.address": encode_segwit_address("bc", 0, b"\x11" * 20)},
     "payment address cannot be paid"),
    ({"payment.onchain.address": "bcrt1qnotanaddress"}, "payment address cannot be paid"),
    ({"payment.onchain.address": "b" * 101}, "address must be text of at most 100"),
    ({"payment.onchain.address": 5}, "address must be text"),
    ({"payment.onchain.min_onchain_payment_confirmations": 145}, "145 blocks deep"),
    ({"payment.onchain.min_onchain_payment_confirmations": -1}, "confirmations"),
    ({"payment.onchain.min_fee_for_0conf": 253}, "min_fee_for_0conf must be absent"),
    ({"payment.onchain.refund_onchain_address": PAY_TO}, "refund address is not the one given"),
    ({"payment.onchain": []}, "payment.onchain is not an object"),
])
def test_lying_lsp_onchain_option_field_by_field(changes, match) -> None:
    with pytest.raises(lsps1.Lsps1Error, match=match):
        order = lsps1.parse_order(onchain_order(**changes))
        lsps1.check_new_order(order, ASKED_ONCHAIN, NOW, 2500, REGTEST)


def test_an_onchain_option_we_gave_no_refund_address_for_is_refused() -> None:
    no_refund = lsps1.inbound_request(OPTIONS, 100_000, refund_address=None)
    with pytest.raises(lsps1.Lsps1Error, match="no refund address given"):
        lsps1.check_new_order(lsps1.parse_order(onchain_order()), no_refund, NOW, None, REGTEST)


def test_onchain_updates_move_forward_and_keep_the_terms() -> None:
    first = lsps1.parse_order(onchain_order())
    paid = lsps1.parse_order(onchain_order(**{"payment.onchain.state": "PAID",
                                              "payment.bolt11.state": "REFUNDED"}))
    done = lsps1.parse_order(onchain_order(order_state="COMPLETED", channel=CHANNEL,
                                           **{"payment.onchain.state": "PAID",
                                              "payment.bolt11.state": "REFUNDED"}))
    refund_due = lsps1.parse_order(onchain_order(order_state="FAILED",
                                                 **{"payment.onchain.state": "PAID",
                                                    "payment.bolt11.state": "REFUNDED"}))
    refunded = lsps1.parse_order(onchain_order(order_state="FAILED",
                                               **{"payment.onchain.state": "REFUNDED",
                                                  "payment.bolt11.state": "REFUNDED"}))
    for a, b in ((first, paid), (paid, done), (first, done), (paid, refund_due),
                 (refund_due, refunded), (first, refunded)):
        lsps1.check_update(a, b)
    lies = [
        (refunded, refund_due, "went from REFUNDED back to PAID"),
        (paid, lsps1.parse_order(onchain_order(**{"payment.bolt11.state": "REFUNDED", "payment.onchain.state": "EXPECT_PAYMENT"})), "went from PAID back to EXPECT_PAYMENT"),
        (first, lsps1.parse_order(onchain_order(**{
            "payment.onchain.address": encode_segwit_address("bcrt", 0, b"\x33" * 20)})),
         "on-chain payment terms or address"),
        (first, lsps1.parse_order(onchain_order(**{"payment.onchain.fee_total_sat": "2000",
                                                   "payment.onchain.order_total_sat": "2000"})),
         "on-chain payment terms"),
        (first, lsps1.parse_order(onchain_order(**{
            "payment.onchain.min_onchain_payment_confirmations": 6})), "on-chain payment terms"),
        (first, lsps1.parse_order(order_json()), "dropped or added the order's on-chain"),
        (first, lsps1.parse_order(onchain_order(**{"payment.onchain.state": "REFUNDED"})),
         "on-chain payment is REFUNDED must be FAILED"),
        (first, lsps1.parse_order(onchain_order(**{"payment.bolt11.state": "REFUNDED"})),
         "must be FAILED"),
        (first, lsps1.parse_order(onchain_order(order_state="COMPLETED", channel=CHANNEL,
                                                **{"payment.bolt11.state": "REFUNDED"})),
         "must have been paid"),
    ]
    for old, new, match in lies:
        with pytest.raises(lsps1.Lsps1Error, match=match):
            lsps1.check_update(old, new)


def test_the_lsp_checks_the_refund_address_is_of_its_network() -> None:
    params = ASKED_ONCHAIN.to_json()
    assert lsps1.check_request(params, OPTIONS, REGTEST).refund_onchain_address == REFUND_TO
    for wrong in (encode_segwit_address("bc", 0, b"\x22" * 20), "bcrt1qwrong", "1" * 40):
        e = _rpc_checked({**params, "refund_onchain_address": wrong}, REGTEST)
        assert e.code == INVALID_PARAMS and e.data["property"] == "refund_onchain_address"
    e = _rpc_checked(params, MAINNET)
    assert e.data["property"] == "refund_onchain_address"


def _rpc_checked(params: dict, network) -> RpcError:
    with pytest.raises(RpcError) as caught:
        lsps1.check_request(params, OPTIONS, network)
    return caught.value
