"""BOLT 9 feature vectors: encoding, names, contexts, dependencies, "it's OK to be odd"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wallet.errors import InputError
from wallet.ln.features import (
    BY_BIT,
    BY_NAME,
    FEATURES,
    Context,
    FeatureError,
    Features,
    both_support,
    unknown_required,
    validate,
)
from wallet.ln.wire.messages import Init, decode_message


def test_bit_pairs_from_the_spec():
    expected = {
        "option_data_loss_protect": 0, "option_upfront_shutdown_script": 4, "gossip_queries": 6,
        "var_onion_optin": 8, "gossip_queries_ex": 10, "option_static_remotekey": 12,
        "payment_secret": 14, "basic_mpp": 16, "option_support_large_channel": 18,
        "option_anchor_outputs": 20, "option_anchors_zero_fee_htlc_tx": 22,
        "option_route_blinding": 24, "option_shutdown_anysegwit": 26, "option_dual_fund": 28,
        "option_quiesce": 34, "option_onion_messages": 38, "option_channel_type": 44,
        "option_scid_alias": 46, "option_payment_metadata": 48, "option_zeroconf": 50,
        "option_trampoline_routing": 56, "trampoline_payment_prototype": 148,
        "option_trampoline_routing_electrum": 150,
    }
    for name, bit in expected.items():
        assert BY_NAME[name].even_bit == bit and BY_NAME[name].odd_bit == bit + 1
    assert BY_BIT[3].name == "initial_routing_sync" and 2 not in BY_BIT
    assert len({f.even_bit for f in FEATURES}) == len(FEATURES)
    for feature in FEATURES:
        assert feature.even_bit % 2 == 0
        assert all(dep in BY_NAME for dep in feature.depends)


def test_wire_encoding_is_big_endian_with_bit_zero_last():
    f = Features.of("var_onion_optin", required=["option_data_loss_protect"])
    assert f.bits == {9, 0}
    assert f.to_bytes() == bytes([0x02, 0x01])
    assert Features.from_bytes(b"\x02\x01") == f
    assert Features.from_bytes(b"\x00\x00\x02\x01") == f  # leading zero bytes are harmless
    assert Features().to_bytes() == b"" and not Features()
    assert Features.from_int(0b1010) == Features(frozenset({1, 3}))
    assert Features.from_int(1 << 151).to_bytes() == (1 << 151).to_bytes(19, "big")


@settings(max_examples=100, deadline=None)
@given(st.frozensets(st.integers(0, 600), max_size=30))
def test_round_trip(bits):
    f = Features(bits)
    assert Features.from_bytes(f.to_bytes()) == f
    assert Features.from_int(f.to_int()) == f


def test_queries_and_names():
    f = Features.of("basic_mpp", "payment_secret", "var_onion_optin",
                    required=["option_static_remotekey"]) | Features(frozenset({103, 200}))
    assert f.supports("basic_mpp") and not f.requires("basic_mpp")
    assert f.requires("option_static_remotekey") and f.supports("option_static_remotekey")
    assert not f.supports("option_zeroconf")
    assert f.names() == [
        "var_onion_optin", "option_static_remotekey (required)", "payment_secret",
        "basic_mpp", "unknown bit 103", "unknown bit 200 (required)",
    ]
    assert "basic_mpp" in repr(f)
    with pytest.raises(FeatureError, match="unknown feature"):
        f.supports("no_such_feature")
    with pytest.raises(FeatureError):
        Features.of(required=["initial_routing_sync"])


def test_both_bits_set_counts_as_required():
    f = Features(frozenset({16, 17, 14, 9}))
    assert f.requires("basic_mpp")
    assert f.names().count("basic_mpp (required)") == 1
    validate(f, Context.INIT)
    with pytest.raises(FeatureError, match="both"):
        validate(f, Context.INIT, strict=True)


@pytest.mark.parametrize(
    ("features", "missing"),
    [
        (Features.of("payment_secret"), "var_onion_optin"),
        (Features.of("basic_mpp", "var_onion_optin"), "payment_secret"),
        (Features.of("option_anchors_zero_fee_htlc_tx"), "option_static_remotekey"),
        (Features.of("option_anchor_outputs"), "option_static_remotekey"),
        (Features.of("gossip_queries_ex"), "gossip_queries"),
        (Features.of("option_zeroconf"), "option_scid_alias"),
        (Features.of("option_simple_close"), "option_shutdown_anysegwit"),
    ],
)
def test_missing_dependency(features, missing):
    with pytest.raises(FeatureError, match=missing) as info:
        validate(features, Context.INIT)
    assert isinstance(info.value, InputError)
    # required dependency satisfies it too
    validate(features | Features.of(required=[missing]) | _deps_of(missing), Context.INIT)


def _deps_of(name: str) -> Features:
    out = Features()
    for dep in BY_NAME[name].depends:
        out = out | Features.of(dep) | _deps_of(dep)
    return out


def test_contexts():
    validate(Features.of("basic_mpp", "payment_secret", "var_onion_optin",
                         "option_payment_metadata", "trampoline_payment_prototype"), Context.INVOICE)
    with pytest.raises(FeatureError, match="not allowed in invoice"):
        validate(Features.of("option_static_remotekey"), Context.INVOICE)
    with pytest.raises(FeatureError, match="not allowed in init"):
        validate(Features.of("option_payment_metadata"), Context.INIT)
    with pytest.raises(FeatureError, match="not allowed in node_announcement"):
        validate(Features.of("initial_routing_sync"), Context.NODE_ANNOUNCEMENT)
    with pytest.raises(FeatureError, match="channel_announcement"):
        validate(Features.of("option_data_loss_protect"), Context.CHANNEL_ANNOUNCEMENT)
    # channel types: static_remotekey, anchors, scid_alias, zeroconf (zeroconf alone is fine)
    validate(Features.of(required=["option_static_remotekey", "option_anchors_zero_fee_htlc_tx"]),
             Context.CHANNEL_TYPE)
    validate(Features.of(required=["option_static_remotekey", "option_zeroconf"]), Context.CHANNEL_TYPE)
    with pytest.raises(FeatureError):
        validate(Features.of(required=["basic_mpp"]), Context.CHANNEL_TYPE)
    # unknown bits are not judged by validate
    validate(Features(frozenset({200, 301})), Context.CHANNEL_ANNOUNCEMENT)


def test_unknown_required_its_ok_to_be_odd():
    theirs = Features.of("option_dual_fund", required=["option_quiesce"]) | Features(frozenset({101, 1000}))
    assert unknown_required(theirs) == [1000]
    assert unknown_required(theirs, known=["option_dual_fund"]) == [34, 1000]
    assert unknown_required(Features(frozenset({2}))) == [2]  # bit 2 has no meaning
    assert unknown_required(Features.of("option_quiesce"), known=[]) == []
    with pytest.raises(FeatureError):
        unknown_required(theirs, known=["bogus"])


def test_init_message_features_decode():
    init = Init(globalfeatures=b"", features=Features.of("var_onion_optin", "payment_secret").to_bytes())
    decoded = decode_message(init.encode())
    assert Features.from_bytes(decoded.features).supports("payment_secret")


def test_bad_constructor_input():
    assert Features({1, 2}) == Features(frozenset({1, 2}))
    assert hash(Features([3]))
    for bad in ({-1}, {"x"}, 5):
        with pytest.raises(FeatureError):
            Features(bad)
    with pytest.raises(FeatureError):
        Features.from_int(-1)
    with pytest.raises(FeatureError):
        Features.from_bytes("0201")


def test_both_support_counts_required_against_optional():
    """A feature one side requires (even bit) and the other offers (odd bit) is negotiated;
    the bitwise intersection would miss it (Electrum 4.8 requires anchors)."""
    ours = Features.of("option_anchors_zero_fee_htlc_tx", "option_static_remotekey")
    theirs = Features.of(required=["option_anchors_zero_fee_htlc_tx", "option_static_remotekey"])
    assert not (ours & theirs).supports("option_anchors_zero_fee_htlc_tx")
    assert both_support(ours, theirs, "option_anchors_zero_fee_htlc_tx")
    assert both_support(theirs, ours, "option_static_remotekey")
    assert not both_support(ours, Features.of("option_static_remotekey"),
                            "option_anchors_zero_fee_htlc_tx")
