"""LSPS2 (bLIP-52) pure logic: the opening fee to the msat, promises that only the LSP can
make, buy checks, and a lying LSP for each field of get_info and buy."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import pytest

from wallet.lsp import lsps2
from wallet.lsp.jsonrpc import INVALID_PARAMS, RpcError

SECRET = b"s" * 32
NOW = datetime(2026, 12, 6, 22, 0, 0, tzinfo=UTC)
OFFERS = [lsps2.FeeOffer(2_000_000, 1000), lsps2.FeeOffer(2_000_000, 5000)]


def menu() -> dict:
    return lsps2.make_menu(OFFERS, SECRET, NOW)


# -- the fee ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "min_fee", "ppm", "fee"), [
    (50_000_000, 2_000_000, 10_000, 2_000_000),   # 500 sat proportional < the minimum
    (50_000_000, 0, 10_000, 500_000),
    (1_000_001, 0, 1, 2),                          # 1.000001 msat rounds up to 2
    (1_000_000, 0, 1, 1),                          # exactly 1: no rounding
    (999_999, 0, 1, 1),                            # 0.999999 rounds up to 1
    (1, 0, 0, 0),
    (0, 5, 1000, 5),
    (123_456_789, 0, 4321, 533_457),               # ceil(533456.785...)
])
def test_opening_fee_rounds_up_per_million(size: int, min_fee: int, ppm: int, fee: int) -> None:
    assert lsps2.opening_fee_msat(size, min_fee, ppm) == fee


def test_opening_fee_overflow_aborts() -> None:
    u64 = (1 << 64) - 1
    with pytest.raises(lsps2.FeeOverflow):
        lsps2.opening_fee_msat(1 << 40, 0, 1 << 30)  # the product overflows
    with pytest.raises(lsps2.FeeOverflow):
        lsps2.opening_fee_msat(u64, 0, 1)  # the + 999,999 overflows
    assert lsps2.opening_fee_msat(u64 - 999_999, 0, 1) == (u64 // 1_000_000)
    with pytest.raises(lsps2.FeeOverflow):
        lsps2.opening_fee_msat(-1, 0, 1)


# -- the menu and its promise ------------------------------------------------------------------


def test_menu_parses_and_round_trips_verbatim() -> None:
    parsed = lsps2.parse_menu(menu())
    assert [p.proportional for p in parsed] == [1000, 5000]
    assert parsed[0].valid_until == NOW + timedelta(minutes=20)
    assert parsed[0].raw == menu()["opening_fee_params_menu"][0]
    assert lsps2.format_datetime(parsed[0].valid_until) == parsed[0].raw["valid_until"]


def test_buy_accepts_an_honest_entry() -> None:
    entry = menu()["opening_fee_params_menu"][0]
    p = lsps2.check_buy({"opening_fee_params": entry, "payment_size_msat": "50000000"},
                        SECRET, NOW)
    assert p.opening_fee_msat == 2_000_000 and p.payment_size_msat == 50_000_000
    var = lsps2.check_buy({"opening_fee_params": entry}, SECRET, NOW)
    assert var.payment_size_msat is None and var.opening_fee_msat is None


TAMPERS = [("min_fee_msat", "1"), ("proportional", 1), ("valid_until", "2030-01-01T00:00:00.000Z"),
           ("min_lifetime", 1), ("max_client_to_self_delay", 9), ("min_payment_size_msat", "1"),
           ("max_payment_size_msat", "999999999999999"), ("promise", "00" * 32)]


@pytest.mark.parametrize(("field", "value"), TAMPERS)
def test_buy_refuses_a_tampered_entry(field: str, value: object) -> None:
    entry = copy.deepcopy(menu()["opening_fee_params_menu"][0])
    entry[field] = value
    with pytest.raises(RpcError) as e:
        lsps2.check_buy({"opening_fee_params": entry}, SECRET, NOW)
    assert e.value.code == lsps2.INVALID_OPENING_FEE_PARAMS


def test_buy_refuses_another_lsps_promise_and_an_expired_one() -> None:
    entry = menu()["opening_fee_params_menu"][0]
    with pytest.raises(RpcError, match="bad promise"):
        lsps2.check_buy({"opening_fee_params": entry}, b"t" * 32, NOW)
    with pytest.raises(RpcError, match="expired"):
        lsps2.check_buy({"opening_fee_params": entry}, SECRET, NOW + timedelta(minutes=20))
    assert lsps2.check_buy({"opening_fee_params": entry}, SECRET,
                           NOW + timedelta(minutes=19, seconds=59))


@pytest.mark.parametrize(("size", "code"), [
    ("9999999", lsps2.PAYMENT_SIZE_TOO_SMALL),          # below min_payment_size
    ("100000000001", lsps2.PAYMENT_SIZE_TOO_LARGE),     # above max_payment_size
    ("-5", INVALID_PARAMS), ("5e9", INVALID_PARAMS), (50_000_000, INVALID_PARAMS),
    ("1" * 25, INVALID_PARAMS), ("", INVALID_PARAMS), ("١٢٣", INVALID_PARAMS),
])
def test_buy_refuses_bad_sizes(size: object, code: int) -> None:
    entry = menu()["opening_fee_params_menu"][0]
    with pytest.raises(RpcError) as e:
        lsps2.check_buy({"opening_fee_params": entry, "payment_size_msat": size}, SECRET, NOW)
    assert e.value.code == code


def test_buy_refuses_a_fee_not_below_the_size() -> None:
    entry = lsps2.make_menu([lsps2.FeeOffer(20_000_000, 0, min_payment_size_msat=1)],
                            SECRET, NOW)["opening_fee_params_menu"][0]
    with pytest.raises(RpcError) as e:
        lsps2.check_buy({"opening_fee_params": entry, "payment_size_msat": "20000000"},
                        SECRET, NOW)
    assert e.value.code == lsps2.PAYMENT_SIZE_TOO_SMALL
    assert lsps2.check_buy({"opening_fee_params": entry, "payment_size_msat": "20000001"},
                           SECRET, NOW).opening_fee_msat == 20_000_000


def test_buy_overflow_is_too_large() -> None:
    entry = lsps2.make_menu([lsps2.FeeOffer(0, 1 << 40, min_payment_size_msat=1,
                                            max_payment_size_msat=(1 << 64) - 1)],
                            SECRET, NOW)["opening_fee_params_menu"][0]
    with pytest.raises(RpcError) as e:
        lsps2.check_buy({"opening_fee_params": entry, "payment_size_msat": str(1 << 30)},
                        SECRET, NOW)
    assert e.value.code == lsps2.PAYMENT_SIZE_TOO_LARGE


# -- a lying LSP: get_info --------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "why"), [
    ("min_fee_msat", 2000, "decimal string"),
    ("min_fee_msat", "-1", "decimal string"),
    ("min_fee_msat", "18446744073709551616", "64 bits"),
    ("proportional", "1000", "integer"),
    ("proportional", 1.5, "integer"),
    ("proportional", True, "integer"),
    ("valid_until", "tomorrow", "datetime"),
    ("valid_until", "2026-02-30T00:00:00.000Z", "real date"),
    ("valid_until", "2026-12-06T22:00:00.000+02:00", "datetime"),
    ("min_lifetime", -1, "integer"),
    ("max_client_to_self_delay", 70000, "integer"),
    ("min_payment_size_msat", "200000000000", "above max"),
    ("promise", "x" * 513, "512"),
    ("promise", "caf\u00e9", "printable"),
    ("promise", 'a"b', "printable"),
    ("promise", 7, "text"),
    ("surprise", 1, "does not know"),
])
def test_lying_menu_fields(field: str, value: object, why: str) -> None:
    result = menu()
    result["opening_fee_params_menu"][0][field] = value
    with pytest.raises(lsps2.Lsps2Error, match=why):
        lsps2.parse_menu(result)


def test_lying_menu_shapes() -> None:
    for bad in (None, [], {"opening_fee_params_menu": {}}, {"opening_fee_params_menu": [1]}):
        with pytest.raises(lsps2.Lsps2Error):
            lsps2.parse_menu(bad)
    flood = {"opening_fee_params_menu": menu()["opening_fee_params_menu"] * 11}
    with pytest.raises(lsps2.Lsps2Error, match="more than"):
        lsps2.parse_menu(flood)
    missing = menu()
    del missing["opening_fee_params_menu"][0]["promise"]
    with pytest.raises(lsps2.Lsps2Error, match="lacks promise"):
        lsps2.parse_menu(missing)


def test_menu_order_is_enforced() -> None:
    backwards = lsps2.make_menu(list(reversed(OFFERS)), SECRET, NOW)
    with pytest.raises(lsps2.Lsps2Error, match="increasing"):
        lsps2.parse_menu(backwards)
    cheaper_min = lsps2.make_menu([lsps2.FeeOffer(5, 10), lsps2.FeeOffer(4, 20)], SECRET, NOW)
    with pytest.raises(lsps2.Lsps2Error, match="increasing"):
        lsps2.parse_menu(cheaper_min)
    same = lsps2.make_menu([lsps2.FeeOffer(5, 10), lsps2.FeeOffer(5, 10)], SECRET, NOW)
    with pytest.raises(lsps2.Lsps2Error, match="increasing"):
        lsps2.parse_menu(same)
    assert len(lsps2.parse_menu(lsps2.make_menu(
        [lsps2.FeeOffer(5, 10), lsps2.FeeOffer(6, 20)], SECRET, NOW))) == 2
    assert lsps2.parse_menu({"opening_fee_params_menu": []}) == []


def test_choose_the_cheapest_usable_entry() -> None:
    parsed = lsps2.parse_menu(menu())
    five_min = timedelta(minutes=5)
    assert lsps2.choose(parsed, 50_000_000, NOW, five_min) is parsed[0]
    with pytest.raises(lsps2.Lsps2Error, match="expired"):
        lsps2.choose(parsed, 50_000_000, NOW + timedelta(minutes=16), five_min)
    with pytest.raises(lsps2.Lsps2Error, match="takes payments from 10,000"):
        lsps2.choose(parsed, 9_999_999, NOW, five_min)
    with pytest.raises(lsps2.Lsps2Error, match="no JIT channel"):
        lsps2.choose([], 50_000_000, NOW, five_min)
    assert lsps2.choose(parsed, None, NOW, five_min) is parsed[0]


def test_an_ongoing_fee_is_never_chosen() -> None:
    result = menu()
    for entry in result["opening_fee_params_menu"]:
        entry["ongoing_proportional"] = 100
    with pytest.raises(lsps2.Lsps2Error, match="every later payment"):
        lsps2.choose(lsps2.parse_menu(result), 50_000_000, NOW, timedelta(0))
    result["opening_fee_params_menu"][1]["ongoing_proportional"] = 0
    chosen = lsps2.choose(lsps2.parse_menu(result), 50_000_000, NOW, timedelta(0))
    assert chosen.proportional == 5000


# -- a lying LSP: buy -------------------------------------------------------------------------


def params() -> lsps2.OpeningFeeParams:
    return lsps2.parse_menu(menu())[0]


LSP = bytes.fromhex("02" + "11" * 32)


def test_buy_result_parses() -> None:
    jit = lsps2.parse_buy_result({"jit_channel_scid": "539268x845x1", "lsp_cltv_expiry_delta": 144,
                                  "extra": 1}, LSP, params(), 50_000_000)
    assert jit.jit_channel_scid == 0x083A8400034D0001
    assert lsps2.format_scid(jit.jit_channel_scid) == "539268x845x1"
    assert jit.opening_fee_msat == 2_000_000 and not jit.client_trusts_lsp


@pytest.mark.parametrize("result", [
    {"jit_channel_scid": 123, "lsp_cltv_expiry_delta": 144},
    {"jit_channel_scid": "1x2", "lsp_cltv_expiry_delta": 144},
    {"jit_channel_scid": "16777216x1x1", "lsp_cltv_expiry_delta": 144},
    {"jit_channel_scid": "1x1x65536", "lsp_cltv_expiry_delta": 144},
    {"jit_channel_scid": "1x1x1 ", "lsp_cltv_expiry_delta": 144},
    {"jit_channel_scid": "1x1x1", "lsp_cltv_expiry_delta": 0},
    {"jit_channel_scid": "1x1x1", "lsp_cltv_expiry_delta": 5000},
    {"jit_channel_scid": "1x1x1", "lsp_cltv_expiry_delta": "144"},
    {"jit_channel_scid": "1x1x1"},
    {"jit_channel_scid": "1x1x1", "lsp_cltv_expiry_delta": 144, "client_trusts_lsp": "no"},
    [],
])
def test_lying_buy_results(result: object) -> None:
    with pytest.raises(lsps2.Lsps2Error):
        lsps2.parse_buy_result(result, LSP, params(), 50_000_000)


def test_invoice_expiry_ends_by_valid_until() -> None:
    jit = lsps2.parse_buy_result({"jit_channel_scid": "1x1x1", "lsp_cltv_expiry_delta": 144},
                                 LSP, params(), 50_000_000)
    assert lsps2.invoice_expiry(jit, NOW, 3600) == 1200
    assert lsps2.invoice_expiry(jit, NOW, 60) == 60
    with pytest.raises(lsps2.Lsps2Error, match="expired"):
        lsps2.invoice_expiry(jit, NOW + timedelta(hours=1), 3600)


def test_buy_params_carry_the_entry_verbatim() -> None:
    p = params()
    assert lsps2.buy_params(p, 50_000_000) == {"opening_fee_params": p.raw,
                                               "payment_size_msat": "50000000"}
    assert lsps2.buy_params(p, None) == {"opening_fee_params": p.raw}


# -- the forwarded HTLC -----------------------------------------------------------------------


def test_forwarded_parts() -> None:
    fee = 2_000_000
    assert lsps2.check_forwarded_parts([(48_000_000, 50_000_000, 2_000_000)], fee) is None
    assert lsps2.check_forwarded_parts([(30_000_000, 30_000_000, None),
                                        (18_000_000, 20_000_000, 2_000_000)], fee) is None
    # short by one msat more than the TLV says
    assert "does not add up" in lsps2.check_forwarded_parts(
        [(47_999_999, 50_000_000, 2_000_000)], fee)
    # short with no TLV at all
    assert "does not add up" in lsps2.check_forwarded_parts([(48_000_000, 50_000_000, None)], fee)
    # more than the agreed fee, TLV honest about it
    assert "more than" in lsps2.check_forwarded_parts([(47_999_999, 50_000_000, 2_000_001)], fee)
    # over two parts
    assert "more than" in lsps2.check_forwarded_parts([(9_000_000, 10_000_000, 1_000_000),
                                                       (8_999_999, 10_000_000, 1_000_001)], fee)
    assert "does not add up" in lsps2.check_forwarded_parts([(10, 5, -5)], fee)
