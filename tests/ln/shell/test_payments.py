"""Payments over real channel managers (BOLT 8 over loopback TCP, real SQLite, the fake chain
of test_channel_manager): direct payments and their log, MPP across two channels, a restart
in the middle of a payment (never paid twice), the final-hop checks against bad HTLCs, a
trampoline onion addressed to us as recipient, every failure code turned into a reason, and
a payment through an invoice route hint relayed by the smallest `Forwarder` the contract
allows (the real one is wallet/ln/htlc/relay_plan.py)."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from tests.support.nodes import (
    channel,
    final_receiver,
    make_node,
    settled,
    start_nodes,
    stop_all,
)
from wallet.errors import InputError
from wallet.hashes import sha256
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.htlc import payment_plan as plan
from wallet.ln.htlc.contract import (
    Fail,
    FailMalformed,
    Fulfill,
    IncomingHtlc,
    OutgoingSettled,
    peel_incoming,
)
from wallet.ln.onion.failures import (
    FailureCode,
    FailureMessage,
    create_error_packet,
    failure_from_malformed,
    obfuscate_error_packet,
)
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import FAILED, PAID, PENDING
from wallet.networks import MAINNET, REGTEST


def events_of(node) -> list[tuple[str, dict]]:
    seen: list[tuple[str, dict]] = []
    node.emit = lambda kind, data: seen.append((kind, data))
    return seen


# -- direct payments and the log ----------------------------------------------------------


async def test_direct_payment_logged_on_both_sides(tmp_path) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        seen_a, seen_b = events_of(a), events_of(b)
        inv = b.create_invoice(1_234_000, "coffee")
        result = await a.pay(inv)
        h = decode_invoice(inv).payment_hash
        assert result["status"] == PAID and result["fee_msat"] == 0
        assert sha256(bytes.fromhex(result["preimage"])) == h
        # the payer's log: newest first, with amount, fee, preimage, description, timestamps
        a.create_invoice(5_000, "newer, incoming")
        rows = a.list_payments()
        assert [r["direction"] for r in rows] == ["in", "out"]
        out = rows[1]
        assert (out["payment_hash"], out["amount_msat"], out["description"]) == \
            (h.hex(), 1_234_000, "coffee")
        assert out["preimage"] == result["preimage"] and out["completed_at"] >= out["created_at"]
        assert rows[0]["preimage"] is None  # an unpaid invoice's preimage is not shown
        # the payee's log: the invoice paid
        [row_b] = b.list_payments()
        assert (row_b["direction"], row_b["status"], row_b["amount_msat"]) == \
            ("in", PAID, 1_234_000)
        # events: created then updated on both sides
        assert [d["event"] for k, d in seen_a if k == "payment" and d["payment_hash"] == h.hex()] \
            == ["created", "updated"]
        assert [d["status"] for k, d in seen_b if k == "payment"] == [PENDING, PAID]
        # the HTLC's row is settled with the preimage
        [part] = a.payment_log.htlcs_for(h)
        assert (part.status, part.preimage.hex()) == ("settled", result["preimage"])
        # a second payment of the same invoice is refused, nothing sent
        with pytest.raises(InputError, match="already paid"):
            await a.pay(inv)
        assert len(a.payment_log.htlcs_for(h)) == 1
        await settled(cha, chb)
        assert chb.state.commitments.local_commit.view.to_local_msat == 1_234_000
    finally:
        await stop_all(a, b)


async def test_open_amount_invoice_and_route_hint_through_peer_alias(tmp_path) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        inv = decode_invoice(b.create_invoice(None, "tip jar", expiry=600))
        assert inv.amount_msat is None and inv.expiry == 600
        assert {8, 14, 17, 151} == set(inv.features) and plan.allows_mpp(inv)
        assert plan.supports_trampoline(inv)  # Electrum's bit: it pays us end to end
        # one route hint: a's channel to b, named by the alias a gave b when it has one
        [[hop]] = inv.route_hints
        alias = chb.inner.remote_alias
        assert hop.pubkey == a.node_id
        assert hop.short_channel_id == (alias or chb.inner.short_channel_id).to_int()
        with pytest.raises(InputError, match="no amount"):
            await a.pay(b.create_invoice(None))
        text = b.create_invoice(None, "tip jar")
        assert (await a.pay(text, 77_000))["amount_msat"] == 77_000
    finally:
        await stop_all(a, b)


# -- MPP ----------------------------------------------------------------------------------


async def test_mpp_across_two_channels(tmp_path) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        one = await channel(chain, a, b)
        two = await channel(chain, a, b)
        amount = 900_000_000  # more than either channel can send alone
        for ch, _ in (one, two):
            assert plan.sendable_msat(ch.state.commitments, a.policy) < amount
        inv = b.create_invoice(amount, "big")
        result = await a.pay(inv)
        h = decode_invoice(inv).payment_hash
        parts = a.payment_log.htlcs_for(h)
        assert len(parts) == 2 and {p.key_index for p in parts} == {one[0].key_index,
                                                                    two[0].key_index}
        assert sum(p.amount_msat for p in parts) == amount
        assert all(p.status == "settled" for p in parts)
        assert result["amount_msat"] == amount
        assert b.payment_log.get(h).status == PAID
        for ch, theirs in (one, two):
            await settled(ch, theirs)
        got = sum(t.state.commitments.local_commit.view.to_local_msat for _, t in (one, two))
        assert got == amount
    finally:
        await stop_all(a, b)


async def test_mpp_parts_that_never_add_up_time_out(tmp_path) -> None:
    """b holds a lone part of a two-part payment, then fails it with mpp_timeout."""
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        b.payments.mpp_timeout = 0.3
        inv = decode_invoice(b.create_invoice(2_000_000, "half"))
        part = plan.direct_part(inv, 1_000_000, 2_000_000, chain.tip_height)
        sent = await a.switch.send_htlc(cha, part.amount_msat, inv.payment_hash,
                                        part.cltv_expiry, part.onion,
                                        shared_secrets=part.shared_secrets)
        outcome = await asyncio.wait_for(sent.outcome, 10)
        assert outcome.code == FailureCode.MPP_TIMEOUT
        assert b.payment_log.get(inv.payment_hash).status == PENDING  # still payable
        await settled(cha, chb)
        assert not chb.state.commitments.local_commit.view.htlcs
    finally:
        await stop_all(a, b)


# -- restart in the middle of a payment ------------------------------------------------------


async def test_restart_mid_payment_resumes_and_never_pays_twice(tmp_path) -> None:
    chain, seeds, (a, b) = await start_nodes(tmp_path, "a", "b")
    a2 = b2 = None
    try:
        cha, chb = await channel(chain, a, b)
        b.switch.on_htlc_received = lambda ch, h, queue: False  # b dies before answering
        inv = b.create_invoice(3_000_000, "interrupted")
        h = decode_invoice(inv).payment_hash
        task = asyncio.ensure_future(a.pay(inv, timeout=30))
        for _ in range(500):
            c = chb.state.commitments
            if c.local_commit.view.htlcs and not c.has_pending_changes:
                break
            await asyncio.sleep(0.01)
        await a.stop()
        await b.stop()
        task.cancel()
        # a restarts first: the payment is pending, its HTLC still in the channel
        a2 = make_node(tmp_path, "a", chain, seeds["a"])
        await a2.start()
        assert a2.payment_log.get(h).status == PENDING
        # paying it again joins the payment in flight: nothing new is sent
        with pytest.raises(PaymentFailed, match="still pending"):
            await a2.pay(inv, timeout=0.3)
        assert len(a2.payment_log.htlcs_for(h)) == 1
        # b restarts from SQLite: on reestablish it fulfills the HTLC paying its invoice
        b2 = make_node(tmp_path, "b", chain, seeds["b"])
        await b2.start(listen_port=0)
        await a2.peers.connect("127.0.0.1", b2.listen_port, b2.node_id)
        for _ in range(300):
            if a2.payment_log.get(h).status == PAID:
                break
            await asyncio.sleep(0.02)
        row = a2.payment_log.get(h)
        assert row.status == PAID and sha256(row.preimage) == h
        for _ in range(300):  # the resumed payment's task ends just after the row says paid
            if h not in a2.payments._running:
                break
            await asyncio.sleep(0.02)
        with pytest.raises(InputError, match="already paid"):
            await a2.pay(inv)
        assert len(a2.payment_log.htlcs_for(h)) == 1  # one HTLC ever sent
        [cha2] = a2.channels.values()
        [chb2] = b2.channels.values()
        await settled(cha2, chb2)
        assert chb2.state.commitments.local_commit.view.to_local_msat == 3_000_000
    finally:
        await stop_all(a, b, a2, b2)


async def test_a_failure_arriving_after_a_restart_is_read(tmp_path) -> None:
    """The payee fails the HTLC only after the payer restarted: the payer decrypts the
    error packet with the onion secrets recorded with the HTLC (it could not before:
    "an error packet we cannot read"), and the payment fails with the payee's reason."""
    chain, seeds, (a, b) = await start_nodes(tmp_path, "a", "b")
    a2 = None
    try:
        cha, chb = await channel(chain, a, b)
        held: list[IncomingHtlc] = []
        b.switch.receiver = final_receiver(b, lambda inc: held.append(inc))  # held: no answer yet
        inv = b.create_invoice(2_000_000, "refused later")
        h = decode_invoice(inv).payment_hash
        task = asyncio.ensure_future(a.pay(inv, timeout=30))
        for _ in range(500):
            if held:
                break
            await asyncio.sleep(0.01)
        assert held
        await a.stop()
        task.cancel()
        a2 = make_node(tmp_path, "a", chain, seeds["a"])
        await a2.start()
        assert a2.payment_log.get(h).status == PENDING
        await a2.peers.connect("127.0.0.1", b.listen_port, b.node_id)
        [cha2] = a2.channels.values()
        await a2.wait_normal(cha2, 10)
        await b.switch.resolve_incoming(held[0].key_index, held[0].htlc_id,
                                        held[0].fail(FailureCode.TEMPORARY_NODE_FAILURE))
        for _ in range(300):
            if a2.payment_log.get(h).status == FAILED:
                break
            await asyncio.sleep(0.02)
        row = a2.payment_log.get(h)
        assert row.status == FAILED and "restart" in row.failure
        assert "temporary_node_failure" in row.failure, row.failure
        [part] = a2.payment_log.htlcs_for(h)
        assert part.failure == "temporary_node_failure"
    finally:
        await stop_all(a, b, a2)


async def test_restart_fails_htlcs_never_committed(tmp_path) -> None:
    """The log has a part whose update_add_htlc was never signed (the process died first):
    after a restart it is failed, so is its payment, which may then be paid again."""
    chain, seeds, (a, b) = await start_nodes(tmp_path, "a", "b")
    a2 = None
    try:
        cha, chb = await channel(chain, a, b)
        inv = b.create_invoice(1_000_000, "lost")
        dec = decode_invoice(inv)
        a.payment_log.add(dec.payment_hash, "out", 1_000_000, invoice=inv)
        next_id = cha.state.commitments.local_next_htlc_id
        a.payment_log.add_htlc(cha.key_index, next_id, dec.payment_hash, 1_000_000, 700,
                               "payment", 0)
        await a.stop()
        a2 = make_node(tmp_path, "a", chain, seeds["a"])
        await a2.start()
        for _ in range(100):
            if a2.payment_log.get(dec.payment_hash).status == FAILED:
                break
            await asyncio.sleep(0.02)
        row = a2.payment_log.get(dec.payment_hash)
        assert row.status == FAILED and "restart" in row.failure
        assert a2.payment_log.htlc(cha.key_index, next_id).status == "failed"
        await a2.peers.connect("127.0.0.1", b.listen_port, b.node_id)
        [cha2] = a2.channels.values()
        await a2.wait_normal(cha2, 10)
        assert (await a2.pay(inv))["status"] == PAID  # the id was handed out again: fine
    finally:
        await stop_all(a, b, a2)


# -- bad inputs ---------------------------------------------------------------------------


async def test_bad_invoices_are_refused_before_anything_is_sent(tmp_path) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        await channel(chain, a, b)
        key = b.lightning.node_private_key
        base = decode_invoice(b.create_invoice(10_000, "x"))
        expired = Invoice(network=REGTEST, amount_msat=10_000, timestamp=int(time.time()) - 7200,
                          payment_hash=os.urandom(32), payment_secret=os.urandom(32),
                          payee=b.node_id, expiry=60, features=base.features,
                          description="old")
        with pytest.raises(InputError, match="expired"):
            await a.pay(encode_invoice(expired, key))
        mainnet = Invoice(network=MAINNET, amount_msat=10_000, timestamp=int(time.time()),
                          payment_hash=os.urandom(32), payment_secret=os.urandom(32),
                          payee=b.node_id, features=base.features,
                          description="elsewhere")
        with pytest.raises(InputError, match="for mainnet"):
            await a.pay(encode_invoice(mainnet, key))
        with pytest.raises(InputError, match="its own amount"):
            await a.pay(b.create_invoice(10_000), 20_000)
        with pytest.raises(InputError, match="our own"):
            await a.pay(a.create_invoice(10_000))
        with pytest.raises(InputError):
            await a.pay("lnbcrt1garbage")
        assert not a.payment_log.list(direction="out")
    finally:
        await stop_all(a, b)


@pytest.mark.parametrize("case", ["unknown secret", "amount too low", "expired invoice",
                                  "unknown hash", "expiry too soon", "already paid"])
async def test_payee_refuses_htlcs_not_matching_its_invoice(tmp_path, case: str) -> None:
    """HTLCs sent by hand (the payer's own checks bypassed): the payee answers each with
    incorrect_or_unknown_payment_details and keeps the invoice unpaid."""
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        text = b.create_invoice(500_000, "strict", expiry=1 if case == "expired invoice" else 3600)
        inv = decode_invoice(text)
        amount, tip = 500_000, chain.tip_height
        if case == "unknown secret":
            inv = Invoice(**{**inv.__dict__, "payment_secret": os.urandom(32)})
        elif case == "amount too low":
            amount = 499_999
        elif case == "expired invoice":
            await asyncio.sleep(1.2)
        elif case == "unknown hash":
            inv = Invoice(**{**inv.__dict__, "payment_hash": os.urandom(32)})
        elif case == "expiry too soon":
            tip -= 40 + plan.CLTV_MARGIN
        elif case == "already paid":
            await a.pay(text)
        part = plan.direct_part(inv, amount, amount, tip)
        sent = await a.switch.send_htlc(cha, part.amount_msat, inv.payment_hash,
                                        part.cltv_expiry, part.onion,
                                        shared_secrets=part.shared_secrets)
        outcome = await asyncio.wait_for(sent.outcome, 10)
        assert outcome.code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, outcome.why
        assert outcome.decrypted.hop_index == 0
        # BOLT 4: the failure names the HTLC's amount and the payee's current height
        assert outcome.decrypted.failure["htlc_msat"] == amount
        assert outcome.decrypted.failure["height"] == chain.tip_height
        row = b.payment_log.get(decode_invoice(text).payment_hash)
        assert row.status == (PAID if case == "already paid" else PENDING)
    finally:
        await stop_all(a, b)


async def test_payee_checks_the_htlc_against_its_onion_and_reads_only_its_onions(
        tmp_path) -> None:
    """An HTLC carrying less than (or expiring before) what its onion says fails with the
    BOLT 4 final-node code naming the HTLC's value; an onion that is corrupted, or built for
    another node, is failed as malformed (invalid_onion_hmac with the onion's hash). The
    invoice stays unpaid and payable."""
    from coincurve import PrivateKey

    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        text = b.create_invoice(500_000, "strict")
        inv = decode_invoice(text)
        part = plan.direct_part(inv, 500_000, 500_000, chain.tip_height)

        async def send(amount: int, cltv: int, onion: bytes):
            sent = await a.switch.send_htlc(cha, amount, inv.payment_hash, cltv, onion,
                                            shared_secrets=part.shared_secrets)
            return await asyncio.wait_for(sent.outcome, 10)

        low = await send(499_999, part.cltv_expiry, part.onion)
        assert low.code == FailureCode.FINAL_INCORRECT_HTLC_AMOUNT, low.why
        assert low.decrypted.hop_index == 0
        assert low.decrypted.failure["incoming_htlc_amt"] == 499_999
        early = await send(500_000, part.cltv_expiry - 1, part.onion)
        assert early.code == FailureCode.FINAL_INCORRECT_CLTV_EXPIRY, early.why
        assert early.decrypted.failure["cltv_expiry"] == part.cltv_expiry - 1

        bad = bytearray(part.onion)
        bad[100] ^= 1
        corrupted = await send(500_000, part.cltv_expiry, bytes(bad))
        assert corrupted.decrypted is None and corrupted.reason is None
        assert corrupted.failure_code == FailureCode.INVALID_ONION_HMAC
        assert corrupted.sha256_of_onion == sha256(bytes(bad))
        elsewhere = Invoice(**{**inv.__dict__, "payee": PrivateKey().public_key.format(),
                               "signature": b""})
        other = plan.direct_part(elsewhere, 500_000, 500_000, chain.tip_height)
        foreign = await send(500_000, other.cltv_expiry, other.onion)
        assert foreign.failure_code == FailureCode.INVALID_ONION_HMAC
        assert foreign.sha256_of_onion == sha256(other.onion)

        assert b.payment_log.get(inv.payment_hash).status == PENDING
        assert (await a.pay(text))["status"] == PAID  # the honest HTLC still pays
        await settled(cha, chb)
    finally:
        await stop_all(a, b)


async def test_trampoline_onion_addressed_to_us_as_recipient(tmp_path) -> None:
    """As Electrum and eclair pay a trampoline recipient: the final payload carries a
    trampoline onion (66100) whose only layer is the recipient's."""
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        inv = decode_invoice(b.create_invoice(250_000, "via trampoline onion"))
        attempt = plan.trampoline_attempt(inv, 250_000, b.node_id, plan.FeeLevel(0, 0),
                                          chain.tip_height)
        part = plan.trampoline_part(attempt, 250_000, inv.payment_hash)
        sent = await a.switch.send_htlc(cha, part.amount_msat, inv.payment_hash,
                                        part.cltv_expiry, part.onion,
                                        shared_secrets=part.shared_secrets,
                                        trampoline_secrets=part.trampoline_secrets)
        outcome = await asyncio.wait_for(sent.outcome, 10)
        assert isinstance(outcome, OutgoingSettled) and sha256(outcome.preimage) == inv.payment_hash
        assert b.payment_log.get(inv.payment_hash).status == PAID
    finally:
        await stop_all(a, b)


# -- failures and their reasons -----------------------------------------------------------

_FIELD_VALUES = {"update": b"", "sha256": bytes(32), "bigsize": 0, "u16": 1, "u32": 1, "u64": 1}


def _failure(code: FailureCode) -> FailureMessage:
    from wallet.ln.onion.failures import _LAYOUTS

    return FailureMessage.make(int(code), **{name: _FIELD_VALUES[kind]
                                            for name, kind in _LAYOUTS.get(code, ())})


def test_every_failure_code_has_a_reason() -> None:
    for code in FailureCode:
        reason = plan.failure_reason(code)
        assert code.name.lower() in reason
        assert not reason.startswith("the payment failed ("), code
    assert plan.failure_reason(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS).startswith(
        "recipient rejected: unknown payment")
    assert plan.failure_reason(FailureCode.TRAMPOLINE_FEE_INSUFFICIENT).startswith(
        "no route at this fee")
    assert "unknown_failure_0x1234" in plan.failure_reason(0x1234)
    assert "unknown reason" in plan.failure_reason(None)


async def test_every_failure_code_reaches_the_payer_as_its_reason(tmp_path) -> None:
    """b answers each payment with one failure code; a decrypts it and reports the reason."""
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, chb = await channel(chain, a, b)
        current: list[FailureCode] = []

        def refuse(inc: IncomingHtlc) -> Fail:
            return Fail(create_error_packet(inc.shared_secret, _failure(current[0])))

        b.switch.receiver = final_receiver(b, refuse)
        for code in FailureCode:
            current[:] = [code]
            inv = b.create_invoice(20_000, code.name)
            with pytest.raises(PaymentFailed) as info:
                await a.pay(inv)
            who = f"from the recipient {b.node_id.hex()[:16]}"
            assert str(info.value) == f"payment failed: {plan.failure_reason(code)}, {who}"
            assert a.payment_log.get(decode_invoice(inv).payment_hash).failure == \
                f"{plan.failure_reason(code)}, {who}"
        await settled(cha, chb)
        assert not cha.state.commitments.local_commit.view.htlcs
    finally:
        await stop_all(a, b)


# -- fee levels, splitting (pure) ---------------------------------------------------------

try:
    from hypothesis import given
    from hypothesis import strategies as hs
except ImportError:  # pragma: no cover
    given = None


if given is not None:
    @given(hs.integers(1, 10**12), hs.integers(0, 10**10))
    def test_fee_levels_rise_and_never_exceed_the_maximum(amount: int, max_fee: int) -> None:
        levels = plan.fee_levels(amount, max_fee)
        fees = [lv.fee_msat(amount) for lv in levels]
        assert all(f <= max_fee for f in fees)
        assert fees == sorted(set(fees))
        # walking the retry rule visits each level at most once, in order, then stops
        index, visited = (0 if levels else None), []
        while index is not None:
            visited.append(index)
            index = plan.next_level(index, levels, FailureCode.TRAMPOLINE_FEE_INSUFFICIENT)
        assert visited == list(range(len(levels)))

    @given(hs.integers(1, 10**9), hs.lists(hs.integers(0, 10**9), max_size=5))
    def test_split_covers_the_amount_within_each_channel(total: int, rooms: list[int]) -> None:
        sendable = list(enumerate(rooms))
        try:
            parts = plan.split_amount(total, sendable, True)
        except plan.CannotSplit:
            assert sum(rooms) < total or (max(rooms, default=0) < total and
                                          len([r for r in rooms if r > 0]) < 2)
            return
        assert sum(p for _, p in parts) == total
        assert all(0 < p <= rooms[k] for k, p in parts)
        assert len({k for k, _ in parts}) == len(parts)


def test_default_fee_budget_and_retry_rule() -> None:
    assert plan.default_max_fee_msat(100_000_000) == 1_000_000  # 1%
    assert plan.default_max_fee_msat(1_000) == plan.DEFAULT_FEE_FLOOR_MSAT
    levels = plan.fee_levels(50_000_000, 60_000)
    assert [lv.fee_msat(50_000_000) for lv in levels] == [0, 6_000, 8_000, 30_000, 57_000]
    for code in (FailureCode.TRAMPOLINE_FEE_INSUFFICIENT, FailureCode.TRAMPOLINE_EXPIRY_TOO_SOON,
                 FailureCode.TEMPORARY_CHANNEL_FAILURE):
        assert plan.next_level(0, levels, code) == 1
        assert plan.next_level(len(levels) - 1, levels, code) is None  # budget exhausted
    for code in (FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, FailureCode.UNKNOWN_NEXT_PEER,
                 None):
        assert plan.next_level(0, levels, code) is None
    assert plan.fee_levels(50_000_000, 0) == [plan.FeeLevel(0, 0)]
    with pytest.raises(ValueError):
        plan.fee_levels(1, -1)


def test_split_prefers_one_channel_and_refuses_without_mpp() -> None:
    assert plan.split_amount(100, [(1, 50), (2, 150)], True) == [(2, 100)]
    assert plan.split_amount(180, [(1, 50), (2, 150)], True) == [(2, 150), (1, 30)]
    with pytest.raises(plan.CannotSplit, match="largest channel"):
        plan.split_amount(180, [(1, 50), (2, 150)], False)
    with pytest.raises(plan.CannotSplit, match="in all"):
        plan.split_amount(500, [(1, 50), (2, 150)], True)


# -- a payment through a route hint, relayed by a minimal forwarder ------------------------


class HintRelay:
    """The smallest `htlcs.Forwarder`: relays a plain (non-trampoline) onion on the channel
    its payload names (by real scid or by the alias we gave), answers with the outcome."""

    def __init__(self, manager) -> None:
        self.manager = manager

    def claims(self, key_index: int, htlc_id: int, payment_hash: bytes) -> bool:
        return False

    async def on_htlc(self, inc: IncomingHtlc):
        scid = inc.payload.short_channel_id
        out = [c for c in self.manager.channels.values() if isinstance(c.inner, st.Normal)
               and scid in (c.inner.short_channel_id, c.inner.setup.local_alias)]
        if inc.next_packet is None or not out:
            return inc.fail(FailureCode.UNKNOWN_NEXT_PEER)
        sent = await self.manager.send_htlc(out[0], inc.payload.amt_to_forward,
                                            inc.payment_hash, inc.payload.outgoing_cltv_value,
                                            inc.next_packet)
        outcome = await sent.outcome
        if isinstance(outcome, OutgoingSettled):
            return Fulfill(outcome.preimage)
        if outcome.reason is not None:
            return Fail(obfuscate_error_packet(outcome.reason, inc.shared_secret))
        failure = failure_from_malformed(outcome.sha256_of_onion or bytes(32),
                                         outcome.failure_code or 0x8000 | 0x4000 | 5)
        return Fail(create_error_packet(inc.shared_secret, failure))


async def test_payment_through_an_invoice_route_hint(tmp_path) -> None:
    chain, _, (a, b, c) = await start_nodes(tmp_path, "a", "b", "c")
    try:
        ab, ba = await channel(chain, a, b)
        bc, cb = await channel(chain, b, c)
        b.set_forwarder(HintRelay(b))
        inv = c.create_invoice(400_000, "behind b")
        [[hop]] = decode_invoice(inv).route_hints
        assert hop.pubkey == b.node_id
        result = await a.pay(inv)
        fee = plan.hint_fee_msat(hop, 400_000)
        assert result["status"] == PAID and result["fee_msat"] == fee
        assert c.payment_log.get(decode_invoice(inv).payment_hash).status == PAID
        await settled(ab, ba)
        await settled(bc, cb)
        assert cb.state.commitments.local_commit.view.to_local_msat == 400_000
        assert ba.state.commitments.local_commit.view.to_local_msat == 400_000 + fee
        # c refuses an unknown payment: the failure crosses b and is read by a
        text = c.create_invoice(1_000, "forgotten")
        with c.payment_log.db.transaction():
            c.payment_log.db.execute("DELETE FROM ln_payments WHERE payment_hash = ?",
                                     (decode_invoice(text).payment_hash,))
        with pytest.raises(PaymentFailed, match="recipient rejected: unknown payment"):
            await a.pay(text)
    finally:
        await stop_all(a, b, c)


# -- the incoming side never raises on what a peer sends ------------------------------------

NODE_KEY = bytes(31) + b"\x07"


if given is not None:
    @given(hs.binary(min_size=1366, max_size=1366))
    def test_any_onion_bytes_get_an_answer_never_an_exception(onion: bytes) -> None:
        got = peel_incoming(key_index=0, htlc_id=0, amount_msat=1000, payment_hash=bytes(32),
                            cltv_expiry=600, onion=onion, node_private_key=NODE_KEY)
        assert isinstance(got, FailMalformed) and got.sha256_of_onion == sha256(onion)

    @given(hs.binary(min_size=2, max_size=600))
    def test_any_payload_in_a_valid_onion_gets_an_answer(payload: bytes) -> None:
        from coincurve import PrivateKey

        from wallet.ln.onion.sphinx import build_onion

        node_id = PrivateKey(NODE_KEY).public_key.format()
        built = build_onion([node_id], [payload], os.urandom(32), bytes(32))
        got = peel_incoming(key_index=0, htlc_id=0, amount_msat=1000, payment_hash=bytes(32),
                            cltv_expiry=600, onion=built.packet, node_private_key=NODE_KEY)
        assert isinstance(got, IncomingHtlc | Fail), got
        if isinstance(got, Fail):  # readable by the payer: invalid_onion_payload
            from wallet.ln.onion.failures import decrypt_error_packet

            assert decrypt_error_packet(got.reason, built.shared_secrets).code == \
                FailureCode.INVALID_ONION_PAYLOAD


def test_route_hint_onion_pays_each_hop_its_fee() -> None:
    """Each node of a two-hop hint peels its layer: forwards on the hint's channel the
    amount the next one must get, keeping its fee and CLTV delta."""
    from coincurve import PrivateKey

    from wallet.ln.bolt11.invoice import RouteHintHop
    from wallet.ln.onion.sphinx import HopPayload, peel_onion

    keys = [os.urandom(32) for _ in range(3)]  # hint node 1, hint node 2, payee
    ids = [PrivateKey(k).public_key.format() for k in keys]
    hint = (RouteHintHop(ids[0], 111, 1_000, 100, 40), RouteHintHop(ids[1], 222, 2_000, 0, 50))
    inv = Invoice(network=REGTEST, amount_msat=5_000_000, timestamp=int(time.time()),
                  payment_hash=os.urandom(32), payment_secret=os.urandom(32), payee=ids[2],
                  description="hinted", route_hints=(hint,))
    part = plan.route_hint_part(inv, hint, 5_000_000, 5_000_000, 700)
    final_cltv = plan.final_cltv(inv, 700)
    assert part.route == tuple(ids)
    assert part.amount_msat - 5_000_000 == plan.route_hint_fee_msat(hint, 5_000_000)
    assert part.cltv_expiry == final_cltv + 40 + 50
    packet, expected = part.onion, [(2_000 + 5_000_000, 111), (5_000_000, 222)]
    for key, (amount, scid) in zip(keys[:2], expected, strict=True):
        peeled = peel_onion(packet, key, inv.payment_hash)
        payload = HopPayload.decode(peeled.payload)
        payload.validate_intermediate()
        assert (payload.short_channel_id.to_int(), payload.amt_to_forward) == (scid, amount)
        packet = peeled.next_packet
    last = HopPayload.decode(peel_onion(packet, keys[2], inv.payment_hash).payload)
    assert (last.amt_to_forward, last.outgoing_cltv_value, last.payment_secret) == \
        (5_000_000, final_cltv, inv.payment_secret)


def test_payment_log_rows(tmp_path) -> None:
    """One payment per hash; a failed one restarts, a paid one keeps its preimage; an HTLC id
    handed out again closes the stale pending row first."""
    from wallet.ln.store.payment_log import PaymentLog
    from wallet.storage.database import Database

    log = PaymentLog(Database(tmp_path / "log.sqlite"))
    pre = os.urandom(32)
    h = sha256(pre)  # only the preimage of its hash pays a payment
    log.add(h, "out", 1_000, invoice="lnbcrt-x", description="d")
    with pytest.raises(InputError, match="already exists"):
        log.add(h, "out", 1_000)
    with pytest.raises(InputError, match="only a failed payment"):
        log.restart(h, 1_000, "lnbcrt-x")
    log.add_htlc(3, 0, h, 1_000, 700, "payment", 0)
    log.add_htlc(3, 0, h, 1_000, 700, "payment", 0)  # the id again: the first row fails
    assert [r.status for r in log.htlcs_for(h)] == ["failed", "pending"]
    log.fail(h, "no route")
    assert (log.get(h).status, log.get(h).failure) == (FAILED, "no route")
    log.restart(h, 1_000, "lnbcrt-x")
    assert (log.get(h).status, log.get(h).failure) == (PENDING, None)
    assert log.settle_htlc(3, 0, pre).preimage == pre
    assert log.settle_htlc(3, 0, pre) is None  # closed once
    log.succeed(h, pre, fee_msat=7)
    log.fail(h, "too late")  # a paid payment stays paid
    row = log.get(h)
    assert (row.status, row.preimage, row.fee_msat, row.failure) == (PAID, pre, 7, None)
    assert log.known_preimage(h) == pre
    assert [p.payment_hash for p in log.list()] == [h]


async def test_a_node_stopping_mid_payment_tells_the_waiting_payer(tmp_path) -> None:
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        await channel(chain, a, b)
        b.switch.on_htlc_received = lambda ch, h, queue: False  # never answers
        task = asyncio.ensure_future(a.pay(b.create_invoice(10_000, "x"), timeout=30))
        for _ in range(200):
            if a.payment_log.list(direction="out") and a.payment_log.pending_htlcs():
                break
            await asyncio.sleep(0.01)
        await a.stop()
        with pytest.raises(PaymentFailed, match="node stopped"):
            await task
        assert a.payment_log.list(direction="out")[0].status == PENDING  # resumed at start
    finally:
        await stop_all(a, b)


async def test_htlcs_resolved_on_chain_reach_their_payment(tmp_path) -> None:
    """What the watcher reports (the peer claimed our HTLC on chain with the preimage, or it
    timed out) ends the payment waiting for it."""
    chain, _, (a, b) = await start_nodes(tmp_path, "a", "b")
    try:
        cha, _ = await channel(chain, a, b)
        b.switch.on_htlc_received = lambda ch, h, queue: False  # never answers off-chain
        results = []
        for what in ("claimed", "timed out"):
            text = b.create_invoice(10_000, what)
            h = decode_invoice(text).payment_hash
            task = asyncio.ensure_future(a.pay(text, timeout=30))
            for _ in range(200):
                if a.payment_log.htlcs_for(h):
                    break
                await asyncio.sleep(0.01)
            if what == "claimed":
                a.switch.preimages_learned(cha, {h: os.urandom(32)})  # not its preimage
                assert not task.done()
                a.switch.preimages_learned(cha, {h: b.payment_log.get(h).preimage})
            else:
                a.switch.timed_out_on_chain(cha.key_index, h)
            results.append(await asyncio.gather(task, return_exceptions=True))
        [[paid], [failed]] = results
        assert paid["status"] == PAID and sha256(bytes.fromhex(paid["preimage"])) == \
            bytes.fromhex(paid["payment_hash"])
        assert isinstance(failed, PaymentFailed) and "timed out on chain" in str(failed)
    finally:
        await stop_all(a, b)
