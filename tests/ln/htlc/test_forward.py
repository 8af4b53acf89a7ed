"""The relay role's decisions (wallet/ln/htlc/relay_plan.py): real onions built as a payer builds
them, peeled by the switch's `peel_incoming` as Tram, then checked, planned and answered;
every failure is read back by the payer with its own secrets."""

from __future__ import annotations

import hashlib

import coincurve
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from wallet.ln.htlc.contract import Fail, IncomingHtlc, peel_incoming
from wallet.ln.htlc.relay_plan import (
    DownstreamFailure,
    ForwardPlan,
    OutChannel,
    Passthrough,
    Refusal,
    Route,
    answer_part,
    build_part,
    check_part,
    choose_route,
    complete,
    plan_channel_relay,
    plan_forward,
    relayed_failure,
    same_payment,
    set_id,
    upstream_failure,
)
from wallet.ln.htlc.relay_policy import RelayPolicy, RelayPolicyError
from wallet.ln.onion.failures import (
    FailureCode,
    FailureMessage,
    UnattributableFailure,
    create_error_packet,
    decrypt_error_packet,
    obfuscate_error_packet,
)
from wallet.ln.onion.sphinx import HopPayload, build_onion, peel_onion
from wallet.ln.onion.trampoline import (
    RouteHintHop,
    TrampolineDialect,
    TrampolineForward,
    TrampolineHop,
    TrampolineRecipient,
    build_trampoline_onion,
    create_trampoline_error_packet,
    trampoline_outer_payload,
)
from wallet.ln.wire.primitives import ShortChannelId

EE, SPEC = TrampolineDialect.ELECTRUM_ECLAIR, TrampolineDialect.SPEC_DRAFT


def key(n: int) -> tuple[bytes, bytes]:
    secret = hashlib.sha256(b"forward test key %d" % n).digest()
    return secret, coincurve.PrivateKey(secret).public_key.format(compressed=True)


TRAM_SK, TRAM = key(1)
SHOP_SK, SHOP = key(2)
PEER_SK, PEER = key(3)  # another channel peer of Tram
FAR_SK, FAR = key(4)  # a node Tram has no channel with
TRAM2_SK, TRAM2 = key(5)
PREIMAGE = b"\x42" * 32
HASH = hashlib.sha256(PREIMAGE).digest()
INVOICE_SECRET = b"\x07" * 32
TIP = 1000
AMOUNT = 1_000_000
RECIPIENT_CLTV = TIP + 40
POLICY = RelayPolicy(1_000, 100, 144)
FEE = POLICY.fee_msat(AMOUNT)
DELTA = 576  # what Electrum and Kite payers give a trampoline


class Payment:
    """One payer's trampoline payment through Tram, and the secrets to read failures."""

    def __init__(self, *, next_node: bytes = SHOP, legacy: bool = False, hints=(),
                 dialect: TrampolineDialect = EE, amount: int = AMOUNT,
                 features: int = 1 << 14 | 1 << 8, through: tuple[bytes, ...] = ()) -> None:
        self.dialect = dialect
        self.amount = amount
        recipient = TrampolineRecipient(
            node_id=next_node, amount_msat=amount, cltv_expiry=RECIPIENT_CLTV,
            payment_secret=INVOICE_SECRET, supports_trampoline=not legacy,
            invoice_features=features, route_hints=tuple(hints))
        hops = [TrampolineHop(t, amount, RECIPIENT_CLTV) for t in (TRAM, *through)]
        self.inner = build_trampoline_onion(hops, recipient, session_key=b"\x11" * 32,
                                            payment_hash=HASH, dialect=dialect)
        self.outer_secret = b"\x22" * 32

    def part(self, htlc_msat: int, *, total: int | None = None, cltv: int | None = None,
             htlc_id: int = 0, outer_amt: int | None = None, outer_cltv: int | None = None,
             key_index: int = 0) -> tuple[IncomingHtlc, tuple[bytes, ...]]:
        cltv = RECIPIENT_CLTV + DELTA if cltv is None else cltv
        payload = trampoline_outer_payload(
            self.inner.packet, amt_to_forward=htlc_msat if outer_amt is None else outer_amt,
            outgoing_cltv_value=cltv if outer_cltv is None else outer_cltv,
            payment_secret=self.outer_secret, total_msat=total or htlc_msat,
            dialect=self.dialect)
        outer = build_onion([TRAM], [payload.encode()], bytes([0x30 + htlc_id]) * 32, HASH)
        inc = peel_incoming(key_index=key_index, htlc_id=htlc_id, amount_msat=htlc_msat,
                            payment_hash=HASH, cltv_expiry=cltv, onion=outer.packet,
                            node_private_key=TRAM_SK)
        assert isinstance(inc, IncomingHtlc), inc
        return inc, outer.shared_secrets

    def read(self, fail: Fail, outer_secrets: tuple[bytes, ...]):
        return decrypt_error_packet(fail.reason, outer_secrets, self.inner.shared_secrets)


def channels(*specs: tuple[int, bytes, int]) -> list[OutChannel]:
    return [OutChannel(k, peer, room, frozenset({k + 100})) for k, peer, room in specs]


SHOP_CHANNEL = channels((1, SHOP, 10**9))


def plan_of(parts, chans=SHOP_CHANNEL, policy=POLICY, tip=TIP):
    return plan_forward(parts, policy, tip, TRAM, chans, outer_secret=b"\x33" * 32)


# -- policy ------------------------------------------------------------------------------------


def test_policy_parse_and_limits():
    assert RelayPolicy.parse("1") == RelayPolicy()
    assert RelayPolicy.parse("5000,500") == RelayPolicy(5000, 500)
    assert RelayPolicy.parse(" 0,0,40 ") == RelayPolicy(0, 0, 40)
    for bad in ("", "x", "1,2,3,4", "5", "-1,0", "1,2,70000", "1.5,2"):
        with pytest.raises(RelayPolicyError):
            RelayPolicy.parse(bad)
    with pytest.raises(RelayPolicyError):
        RelayPolicy(True, 0, 0)


@given(hs.integers(0, 2**32 - 1), hs.integers(0, 2**32 - 1), hs.integers(1, 2**40))
def test_fee_is_base_plus_proportional_rounded_down(base, ppm, amount):
    assert RelayPolicy(base, ppm, 0).fee_msat(amount) == base + amount * ppm // 10**6


# -- accepting a trampoline payment ---------------------------------------------------------


def test_single_part_to_a_direct_peer_carries_the_inner_onion_on():
    pay = Payment()
    inc, _ = pay.part(AMOUNT + FEE)
    assert check_part(inc) is None and complete([inc])
    plan = plan_of([inc])
    assert isinstance(plan, ForwardPlan)
    assert plan.route == Route(SHOP) and plan.parts == ((1, AMOUNT),)
    assert plan.fee_msat == FEE and plan.cltv_expiry == RECIPIENT_CLTV
    out = build_part(plan, 1, AMOUNT, HASH)
    assert (out.amount_msat, out.cltv_expiry) == (AMOUNT, RECIPIENT_CLTV)
    # Shop peels it as a trampoline recipient: the payer's own layer for it
    at_shop = peel_incoming(key_index=0, htlc_id=0, amount_msat=out.amount_msat,
                            payment_hash=HASH, cltv_expiry=out.cltv_expiry, onion=out.onion,
                            node_private_key=SHOP_SK)
    assert at_shop.is_final and at_shop.trampoline.payment_secret == INVOICE_SECRET
    assert at_shop.trampoline.amt_to_forward == AMOUNT
    assert at_shop.payload.payment_secret == b"\x33" * 32  # Tram's own outer secret


def test_fee_one_msat_short_is_trampoline_fee_insufficient_for_the_payer():
    pay = Payment()
    inc, secrets = pay.part(AMOUNT + FEE - 1)
    r = plan_of([inc])
    assert isinstance(r, Refusal) and r.failure.code == FailureCode.TRAMPOLINE_FEE_INSUFFICIENT
    seen = pay.read(answer_part(inc, r, POLICY), secrets)
    assert (seen.hop_index, seen.in_trampoline, seen.code) == (
        0, False, FailureCode.TRAMPOLINE_FEE_INSUFFICIENT)


def test_expiry_delta_short_is_trampoline_expiry_too_soon():
    pay = Payment()
    inc, secrets = pay.part(AMOUNT + FEE, cltv=RECIPIENT_CLTV + POLICY.cltv_expiry_delta - 1)
    r = plan_of([inc])
    assert r.failure.code == FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON
    assert pay.read(answer_part(inc, r, POLICY), secrets).code == \
        FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON
    # exactly the delta is enough
    inc, _ = pay.part(AMOUNT + FEE, cltv=RECIPIENT_CLTV + POLICY.cltv_expiry_delta)
    assert isinstance(plan_of([inc]), ForwardPlan)


def test_spec_draft_failures_are_named_its_way_and_encrypted_twice():
    pay = Payment(dialect=SPEC)
    inc, secrets = pay.part(AMOUNT)
    r = plan_of([inc])
    fail = answer_part(inc, r, POLICY)
    seen = pay.read(fail, secrets)
    assert seen.in_trampoline and seen.hop_index == 0
    assert seen.code == FailureCode.TRAMPOLINE_FEE_OR_EXPIRY_INSUFFICIENT
    assert seen.failure["fee_base_msat"] == 1_000 and seen.failure["cltv_expiry_delta"] == 144
    with pytest.raises(UnattributableFailure):  # not readable with the outer secret alone
        decrypt_error_packet(fail.reason, secrets)


def test_expiry_against_the_tip():
    pay = Payment()
    inc, _ = pay.part(AMOUNT + FEE)
    assert plan_of([inc], tip=RECIPIENT_CLTV - 2).failure.code == \
        FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON
    assert plan_of([inc], tip=RECIPIENT_CLTV - 3000).failure.code == FailureCode.EXPIRY_TOO_FAR


def test_unknown_next_node_and_ourselves():
    inc, _ = Payment(next_node=FAR).part(AMOUNT + FEE)
    assert plan_of([inc]).failure.code == FailureCode.UNKNOWN_NEXT_PEER
    spec, _ = Payment(next_node=FAR, dialect=SPEC).part(AMOUNT + FEE)
    fail = answer_part(spec, plan_of([spec]), POLICY)
    assert Payment(next_node=FAR, dialect=SPEC).read(fail, _).code == \
        FailureCode.UNKNOWN_NEXT_TRAMPOLINE
    me, _ = Payment(next_node=TRAM).part(AMOUNT + FEE)
    assert plan_of([me]).failure.code == FailureCode.UNKNOWN_NEXT_PEER


def test_outer_payload_checks_of_a_part():
    pay = Payment()
    inc, secrets = pay.part(AMOUNT + FEE, outer_amt=AMOUNT + FEE + 1)
    r = check_part(inc)
    assert r.failure.code == FailureCode.FINAL_INCORRECT_HTLC_AMOUNT
    assert pay.read(answer_part(inc, r, POLICY), secrets).failure["incoming_htlc_amt"] == \
        AMOUNT + FEE
    inc, _ = pay.part(AMOUNT + FEE, outer_cltv=RECIPIENT_CLTV + DELTA + 1)
    assert check_part(inc).failure.code == FailureCode.FINAL_INCORRECT_CLTV_EXPIRY


def test_parts_gather_until_the_total_and_must_agree():
    pay = Payment()
    total = AMOUNT + FEE
    a, _ = pay.part(total // 2, total=total, htlc_id=0)
    b, _ = pay.part(total - total // 2, total=total, htlc_id=1, key_index=5)
    assert set_id(a) == set_id(b) and same_payment(a, b)
    assert not complete([a]) and complete([a, b])
    plan = plan_of([a, b])
    assert isinstance(plan, ForwardPlan) and plan.fee_msat == FEE
    # a part of another payment with the same hash (another inner onion) does not match
    other, _ = Payment(amount=AMOUNT - 1).part(total // 2, total=total, htlc_id=2)
    assert not same_payment(a, other)
    # the lowest expiry of the parts counts
    late, _ = pay.part(total - total // 2, total=total, htlc_id=3,
                       cltv=RECIPIENT_CLTV + POLICY.cltv_expiry_delta - 1)
    assert plan_of([a, late]).failure.code == FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON


def test_outgoing_split_over_channels_to_the_next_node():
    pay = Payment()
    inc, _ = pay.part(AMOUNT + FEE)
    two = channels((1, SHOP, 600_000), (2, SHOP, 500_000), (3, PEER, 10**9))
    plan = plan_of([inc], two)
    assert plan.parts == ((1, 600_000), (2, 400_000))
    too_small = channels((1, SHOP, 600_000), (2, SHOP, 300_000))
    assert plan_of([inc], too_small).failure.code == FailureCode.TEMPORARY_CHANNEL_FAILURE
    # a legacy recipient without basic_mpp gets one part or nothing
    legacy, _ = Payment(legacy=True).part(AMOUNT + FEE)
    assert plan_of([legacy], two).failure.code == FailureCode.TEMPORARY_CHANNEL_FAILURE
    mpp, _ = Payment(legacy=True, features=1 << 14 | 1 << 17).part(AMOUNT + FEE)
    assert plan_of([mpp], two).parts == ((1, 600_000), (2, 400_000))


def test_a_channel_offline_is_a_temporary_failure_not_an_unknown_peer():
    offline = channels((1, SHOP, 0))  # the channel exists, nothing can be sent on it now
    inc, _ = Payment().part(AMOUNT + FEE)
    assert plan_of([inc], offline).failure.code == FailureCode.TEMPORARY_CHANNEL_FAILURE
    relay, _ = relay_htlc(AMOUNT + FEE, RECIPIENT_CLTV + 144)
    assert plan_channel_relay(relay, POLICY, TIP, offline).failure.code == \
        FailureCode.TEMPORARY_CHANNEL_FAILURE


# -- legacy relay: invoice features and route hints -------------------------------------------


def hint(*hops: tuple[bytes, int]) -> tuple[RouteHintHop, ...]:
    return tuple(RouteHintHop(n, ShortChannelId.from_int(s), 500, 1_000, 40) for n, s in hops)


def test_legacy_to_a_direct_peer_is_a_plain_final_payload():
    pay = Payment(legacy=True, hints=[hint((TRAM, 101))])
    inc, _ = pay.part(AMOUNT + FEE)
    assert isinstance(inc.trampoline, TrampolineForward) and inc.trampoline.legacy
    plan = plan_of([inc])
    out = build_part(plan, 1, AMOUNT, HASH)
    peeled = peel_onion(out.onion, SHOP_SK, HASH)
    assert peeled.is_final
    payload = HopPayload.decode(peeled.payload)
    assert payload.payment_secret == INVOICE_SECRET and payload.total_msat == AMOUNT
    assert payload.outgoing_cltv_value == RECIPIENT_CLTV


def test_legacy_through_a_route_hint_from_our_peer():
    h = hint((PEER, 7))  # the recipient FAR's channel peer is PEER, Tram's peer
    pay = Payment(next_node=FAR, legacy=True, hints=[h])
    route = choose_route(pay.part(AMOUNT + FEE)[0].trampoline, TRAM, {PEER, SHOP})
    assert route == Route(PEER, h)
    hop_fee = 500 + AMOUNT * 1_000 // 10**6
    short, _ = pay.part(AMOUNT + FEE + hop_fee - 1)
    assert plan_of([short], channels((1, PEER, 10**9))).failure.code == \
        FailureCode.TRAMPOLINE_FEE_INSUFFICIENT
    inc, _ = pay.part(AMOUNT + FEE + hop_fee, cltv=RECIPIENT_CLTV + 40 + 144)
    plan = plan_of([inc], channels((1, PEER, 10**9)))
    assert (plan.amount_msat, plan.cltv_expiry) == (AMOUNT + hop_fee, RECIPIENT_CLTV + 40)
    out = build_part(plan, 1, AMOUNT, HASH)
    assert (out.amount_msat, out.cltv_expiry) == (AMOUNT + hop_fee, RECIPIENT_CLTV + 40)
    at_peer = peel_onion(out.onion, PEER_SK, HASH)
    fwd = HopPayload.decode(at_peer.payload)
    assert fwd.short_channel_id == ShortChannelId.from_int(7) and fwd.amt_to_forward == AMOUNT
    at_far = peel_onion(at_peer.next_packet, FAR_SK, HASH)
    assert at_far.is_final
    assert HopPayload.decode(at_far.payload).payment_secret == INVOICE_SECRET


def test_route_hint_through_us_to_our_peer():
    h = hint((PEER, 3), (TRAM, 9), (SHOP, 11))  # ... -> Tram -> Shop -> FAR
    fwd = Payment(next_node=FAR, legacy=True, hints=[h]).part(AMOUNT + 5 * FEE)[0].trampoline
    assert choose_route(fwd, TRAM, {SHOP}) == Route(SHOP, h[2:])
    assert choose_route(fwd, TRAM, set()) is None


def test_hint_hop_failures_map_to_what_a_payer_can_act_on():
    h = hint((PEER, 7))
    pay = Payment(next_node=FAR, legacy=True, hints=[h])
    hop_fee = 500 + AMOUNT * 1_000 // 10**6
    inc, secrets = pay.part(AMOUNT + FEE + hop_fee, cltv=RECIPIENT_CLTV + 40 + 144)
    plan = plan_of([inc], channels((1, PEER, 10**9)))
    out = build_part(plan, 1, AMOUNT, HASH)

    def downstream(code: FailureCode, at: int, **fields) -> DownstreamFailure:
        message = FailureMessage.make(int(code), **fields)
        packet = create_error_packet(out.shared_secrets[at], message)
        for s in reversed(out.shared_secrets[:at]):
            packet = obfuscate_error_packet(packet, s)
        return DownstreamFailure(decrypted=decrypt_error_packet(packet, out.shared_secrets),
                                 reason=packet, shared_secrets=out.shared_secrets, why=code.name)

    fee = downstream(FailureCode.FEE_INSUFFICIENT, 0, htlc_msat=1, channel_update=b"")
    assert upstream_failure(plan, [fee]).failure.code == FailureCode.TRAMPOLINE_FEE_INSUFFICIENT
    cltv = downstream(FailureCode.INCORRECT_CLTV_EXPIRY, 0, cltv_expiry=1, channel_update=b"")
    assert upstream_failure(plan, [cltv]).failure.code == FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON
    # the recipient's answer is the payment's answer, whatever the other parts say
    wrong = downstream(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, 1, htlc_msat=AMOUNT,
                       height=TIP)
    up = upstream_failure(plan, [fee, wrong])
    seen = pay.read(answer_part(inc, up, POLICY), secrets)
    assert seen.code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
    assert seen.failure["htlc_msat"] == AMOUNT
    # unreadable, never sent, malformed
    assert upstream_failure(plan, [DownstreamFailure(reason=b"\x00" * 300)]).failure.code == \
        FailureCode.TEMPORARY_CHANNEL_FAILURE
    assert upstream_failure(plan, []).failure.code == FailureCode.TEMPORARY_CHANNEL_FAILURE
    bad = DownstreamFailure(malformed_code=int(FailureCode.INVALID_ONION_HMAC), why="x")
    assert upstream_failure(plan, [bad]).failure.code == FailureCode.TEMPORARY_NODE_FAILURE


def test_a_failure_from_beyond_the_next_trampoline_is_wrapped_for_the_payer():
    pay = Payment(next_node=SHOP, through=(TRAM2,), dialect=SPEC)
    inc, secrets = pay.part(AMOUNT + FEE)
    plan = plan_of([inc], channels((1, TRAM2, 10**9)))
    assert plan.route == Route(TRAM2)
    out = build_part(plan, 1, AMOUNT, HASH)
    at_tram2 = peel_incoming(key_index=0, htlc_id=0, amount_msat=AMOUNT, payment_hash=HASH,
                             cltv_expiry=out.cltv_expiry, onion=out.onion,
                             node_private_key=TRAM2_SK)
    t2 = at_tram2.trampoline
    assert isinstance(t2, TrampolineForward) and t2.next_node_id == SHOP
    # Tram2 refuses, for the payer only (spec draft: trampoline secret, then outer)
    packet = create_trampoline_error_packet(
        FailureMessage.make(int(FailureCode.UNKNOWN_NEXT_TRAMPOLINE)),
        trampoline_secret=t2.shared_secret, outer_secret=at_tram2.shared_secret)
    with pytest.raises(UnattributableFailure):
        decrypt_error_packet(packet, out.shared_secrets)  # Tram cannot read it
    up = upstream_failure(plan, [DownstreamFailure(reason=packet,
                                                   shared_secrets=out.shared_secrets)])
    assert isinstance(up, Passthrough)
    seen = pay.read(answer_part(inc, up, POLICY), secrets)
    assert (seen.in_trampoline, seen.hop_index, seen.code) == (
        True, 1, FailureCode.UNKNOWN_NEXT_TRAMPOLINE)


# -- bad trampoline payloads never reach the forwarder -----------------------------------------


def _outer(extra_inner_payload: HopPayload | None = None, corrupt: bool = False,
           dialect=EE) -> tuple[IncomingHtlc | Fail, tuple[bytes, ...]]:
    inner_payload = extra_inner_payload or HopPayload(
        AMOUNT, RECIPIENT_CLTV, extra={dialect.outgoing_node_id_type: SHOP})
    inner = build_onion([TRAM, SHOP], [inner_payload.encode(),
                                       HopPayload.final(AMOUNT, RECIPIENT_CLTV).encode()],
                        b"\x44" * 32, HASH, payload_size=400)
    packet = bytearray(inner.packet)
    if corrupt:
        packet[100] ^= 1
    payload = trampoline_outer_payload(bytes(packet), amt_to_forward=AMOUNT + FEE,
                                       outgoing_cltv_value=RECIPIENT_CLTV + DELTA,
                                       payment_secret=b"\x01" * 32, dialect=dialect)
    outer = build_onion([TRAM], [payload.encode()], b"\x55" * 32, HASH)
    got = peel_incoming(key_index=0, htlc_id=0, amount_msat=AMOUNT + FEE, payment_hash=HASH,
                        cltv_expiry=RECIPIENT_CLTV + DELTA, onion=outer.packet,
                        node_private_key=TRAM_SK)
    return got, outer.shared_secrets


@pytest.mark.parametrize("what, inner, corrupt", [
    ("a corrupted inner onion", None, True),
    ("no amt_to_forward", HopPayload(None, RECIPIENT_CLTV, extra={66098: SHOP}), False),
    ("no outgoing_cltv_value", HopPayload(AMOUNT, None, extra={66098: SHOP}), False),
    ("a 32-byte outgoing_node_id", HopPayload(AMOUNT, RECIPIENT_CLTV, extra={66098: SHOP[1:]}),
     False),
    ("an outgoing_node_id off the curve", HopPayload(
        AMOUNT, RECIPIENT_CLTV, extra={66098: b"\x02" + b"\xff" * 32}), False),
    ("a channel in a trampoline payload", HopPayload(
        AMOUNT, RECIPIENT_CLTV, ShortChannelId(1, 2, 3), extra={66098: SHOP}), False),
    ("bad routing hints", HopPayload(AMOUNT, RECIPIENT_CLTV, payment_secret=INVOICE_SECRET,
                                     total_msat=AMOUNT,
                                     extra={66098: SHOP, 66099: b"\x01" + b"\x00" * 10}), False),
    ("legacy without payment_data", HopPayload(AMOUNT, RECIPIENT_CLTV,
                                               extra={66098: SHOP, 66097: b"\x40"}), False),
])
def test_bad_trampoline_payloads_fail_with_invalid_onion_payload(what, inner, corrupt):
    got, secrets = _outer(inner, corrupt)
    assert isinstance(got, Fail), what
    seen = decrypt_error_packet(got.reason, secrets)
    assert seen.code == FailureCode.INVALID_ONION_PAYLOAD, what


@settings(max_examples=60, deadline=None)
@given(hs.integers(0, 1365), hs.integers(1, 255))
def test_any_flipped_byte_of_the_inner_onion_is_refused_or_harmless(position, flip):
    inner = build_onion([TRAM, SHOP], [
        HopPayload(AMOUNT, RECIPIENT_CLTV, extra={66098: SHOP}).encode(),
        HopPayload.final(AMOUNT, RECIPIENT_CLTV).encode()], b"\x44" * 32, HASH,
        payload_size=400)
    packet = bytearray(inner.packet)
    packet[position % len(packet)] ^= flip
    payload = trampoline_outer_payload(bytes(packet), amt_to_forward=AMOUNT + FEE,
                                       outgoing_cltv_value=RECIPIENT_CLTV + DELTA,
                                       payment_secret=b"\x01" * 32)
    outer = build_onion([TRAM], [payload.encode()], b"\x55" * 32, HASH)
    got = peel_incoming(key_index=0, htlc_id=0, amount_msat=AMOUNT + FEE, payment_hash=HASH,
                        cltv_expiry=RECIPIENT_CLTV + DELTA, onion=outer.packet,
                        node_private_key=TRAM_SK)
    assert isinstance(got, Fail)  # the HMAC covers every byte: nothing forged gets through


# -- plain channel relay --------------------------------------------------------------------


def relay_htlc(amount: int, cltv: int, fwd_amount: int = AMOUNT,
               fwd_cltv: int = RECIPIENT_CLTV, scid: int = 101):
    payloads = [HopPayload.forward(fwd_amount, fwd_cltv, ShortChannelId.from_int(scid)),
                HopPayload.final(fwd_amount, fwd_cltv, payment_secret=INVOICE_SECRET)]
    built = build_onion([TRAM, SHOP], [p.encode() for p in payloads], b"\x66" * 32, HASH)
    inc = peel_incoming(key_index=0, htlc_id=0, amount_msat=amount, payment_hash=HASH,
                        cltv_expiry=cltv, onion=built.packet, node_private_key=TRAM_SK)
    assert isinstance(inc, IncomingHtlc) and inc.next_packet is not None
    return inc, built.shared_secrets


def test_channel_relay_checks_and_sends_the_next_onion_on():
    chans = channels((1, SHOP, 10**9), (2, SHOP, 2 * 10**9))
    inc, secrets = relay_htlc(AMOUNT + FEE, RECIPIENT_CLTV + 144)
    relay = plan_channel_relay(inc, POLICY, TIP, chans)
    assert (relay.key_index, relay.amount_msat, relay.cltv_expiry) == (2, AMOUNT,
                                                                        RECIPIENT_CLTV)
    assert relay.onion == inc.next_packet and relay.next_node_id == SHOP

    def refused(inc, chans=chans, tip=TIP) -> int:
        r = plan_channel_relay(inc, POLICY, tip, chans)
        assert isinstance(r, Refusal)
        return r.failure.code

    assert refused(relay_htlc(AMOUNT + FEE - 1, RECIPIENT_CLTV + 144)[0]) == \
        FailureCode.FEE_INSUFFICIENT
    assert refused(relay_htlc(AMOUNT + FEE, RECIPIENT_CLTV + 143)[0]) == \
        FailureCode.INCORRECT_CLTV_EXPIRY
    assert refused(relay_htlc(AMOUNT + FEE, RECIPIENT_CLTV + 144, scid=999)[0]) == \
        FailureCode.UNKNOWN_NEXT_PEER
    assert refused(inc, channels((1, SHOP, AMOUNT - 1))) == FailureCode.TEMPORARY_CHANNEL_FAILURE
    assert refused(inc, tip=RECIPIENT_CLTV) == FailureCode.EXPIRY_TOO_SOON


def test_channel_relay_passes_downstream_failures_back_readable_by_the_payer():
    inc, secrets = relay_htlc(AMOUNT + FEE, RECIPIENT_CLTV + 144)
    # Shop (hop 1 of the payer's route) fails; Tram adds its layer
    shop_secret = secrets[1]
    packet = create_error_packet(shop_secret, FailureMessage.make(
        int(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS), htlc_msat=AMOUNT, height=TIP))
    fail = relayed_failure(inc, DownstreamFailure(reason=packet, why="shop said no"))
    seen = decrypt_error_packet(fail.reason, secrets)
    assert (seen.hop_index, seen.code) == (1, FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS)
    # Shop could not read the onion: Tram reports it (BOLT 4), as hop 0
    fail = relayed_failure(inc, DownstreamFailure(
        malformed_code=int(FailureCode.INVALID_ONION_HMAC), sha256_of_onion=b"\x09" * 32))
    seen = decrypt_error_packet(fail.reason, secrets)
    assert (seen.hop_index, seen.code) == (0, FailureCode.INVALID_ONION_HMAC)
    assert seen.failure["sha256_of_onion"] == b"\x09" * 32
    # not a BADONION code (a broken peer) or never sent: a temporary failure of ours
    for f in (DownstreamFailure(malformed_code=0x1007, sha256_of_onion=b"\x00" * 32),
              DownstreamFailure(why="cannot send")):
        seen = decrypt_error_packet(relayed_failure(inc, f).reason, secrets)
        assert (seen.hop_index, seen.code) == (0, FailureCode.TEMPORARY_CHANNEL_FAILURE)
