"""Every BOLT 2 receiving-side check, violated once: the receiver sends `error`, fails the
channel (publishing its commitment once funds are committed) and reports ChannelError."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from tests.support.channel_pair import CHAIN_HASH, Pair
from wallet.hashes import sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.params import ChannelPolicy, channel_type_bits
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m


def assert_failed(pair: Pair, node, actions: list, *, broadcast: bool = True) -> None:
    sent = [x.message for x in actions if isinstance(x, ev.SendMessage)]
    assert any(isinstance(msg, m.ErrorMessage) for msg in sent), actions
    assert any(isinstance(x, ev.ChannelError) for x in actions)
    if broadcast:
        assert isinstance(node.state, st.Closing) and node.state.how == "local"
        assert [x.what for x in actions if isinstance(x, ev.BroadcastTx)] == ["commitment"]
    else:
        assert isinstance(node.state, st.Closed)
        assert not any(isinstance(x, ev.BroadcastTx) for x in actions)


def opened(**kw) -> Pair:
    pair = Pair(ChannelType.STATIC_REMOTEKEY, **kw)
    pair.open()
    return pair


def add_msg(pair: Pair, sender, **changes):
    base = m.UpdateAddHtlc(
        channel_id=sender.c.channel_id,
        id=sender.c.local_next_htlc_id,
        amount_msat=1_000_000,
        payment_hash=sha256(b"x"),
        cltv_expiry=600_000,
        onion_routing_packet=bytes(m.ONION_PACKET_SIZE),
    )
    return replace(base, **changes)


# -- update_add_htlc ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_msat": 0},
        {"amount_msat": 999},  # below b's htlc_minimum_msat
        {"id": 7},  # ids must increase by one
        {"cltv_expiry": 500_000_000},
        {"amount_msat": 995_000_000},  # the funder cannot pay it with fees and reserve
    ],
    ids=["zero", "below-minimum", "id-gap", "cltv-seconds", "unaffordable"],
)
def test_bad_update_add_htlc_fails_the_channel(changes) -> None:
    pair = opened(policy_b=ChannelPolicy(htlc_minimum_msat=1000))
    actions = pair.step(pair.b, add_msg(pair, pair.a, **changes))
    assert_failed(pair, pair.b, actions)


def test_too_many_htlcs_fail_the_channel() -> None:
    pair = opened(policy_b=ChannelPolicy(max_accepted_htlcs=5))
    for i in range(5):
        assert pair.step(pair.b, add_msg(pair, pair.a, id=i)) == []
    actions = pair.step(pair.b, add_msg(pair, pair.a, id=5))
    assert_failed(pair, pair.b, actions)


def test_too_much_value_in_flight_fails_the_channel() -> None:
    pair = opened(policy_b=ChannelPolicy(max_htlc_value_in_flight_msat=3_000_000))
    assert pair.step(pair.b, add_msg(pair, pair.a, id=0, amount_msat=2_000_000)) == []
    actions = pair.step(pair.b, add_msg(pair, pair.a, id=1, amount_msat=1_000_001))
    assert_failed(pair, pair.b, actions)


def test_fundee_without_funds_cannot_add() -> None:
    pair = opened()
    actions = pair.step(pair.a, add_msg(pair, pair.b))
    assert_failed(pair, pair.a, actions)


def test_update_add_after_shutdown_fails_the_channel() -> None:
    pair = opened()
    pair.step(pair.a, ev.CmdClose())
    pair.deliver_one("b")  # b receives the shutdown, answers with its own
    actions = pair.step(pair.b, add_msg(pair, pair.a))
    assert_failed(pair, pair.b, actions)


# -- removing HTLCs ----------------------------------------------------------------------------


def _with_htlc(pair: Pair) -> tuple[int, bytes]:
    htlc_id, preimage = pair.add(pair.a, 2_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    return htlc_id, preimage


@pytest.mark.parametrize("kind", ["wrong-preimage", "unknown-id", "no-badonion", "twice"])
def test_bad_htlc_removal_fails_the_channel(kind: str) -> None:
    pair = opened()
    htlc_id, preimage = _with_htlc(pair)
    cid = pair.a.c.channel_id
    if kind == "wrong-preimage":
        msg = m.UpdateFulfillHtlc(channel_id=cid, id=htlc_id, payment_preimage=bytes(32))
    elif kind == "unknown-id":
        msg = m.UpdateFailHtlc(channel_id=cid, id=htlc_id + 1, reason=b"")
    elif kind == "no-badonion":
        msg = m.UpdateFailMalformedHtlc(
            channel_id=cid, id=htlc_id, sha256_of_onion=bytes(32), failure_code=0x4000
        )
    else:
        first = m.UpdateFailHtlc(channel_id=cid, id=htlc_id, reason=b"")
        pair.step(pair.a, first)
        msg = m.UpdateFulfillHtlc(channel_id=cid, id=htlc_id, payment_preimage=preimage)
    actions = pair.step(pair.a, msg)
    assert_failed(pair, pair.a, actions)


def test_fulfill_of_an_uncommitted_htlc_fails_the_channel() -> None:
    pair = opened()
    htlc_id, preimage = pair.add(pair.a, 2_000_000)
    msg = m.UpdateFulfillHtlc(channel_id=pair.a.c.channel_id, id=htlc_id, payment_preimage=preimage)
    assert_failed(pair, pair.a, pair.step(pair.a, msg))


# -- update_fee --------------------------------------------------------------------------------


@pytest.mark.parametrize("sender,feerate", [("b", 3000), ("a", 100), ("a", 10_000_000)])
def test_bad_update_fee_fails_the_channel(sender: str, feerate: int) -> None:
    pair = opened()
    node = pair.b if sender == "a" else pair.a
    msg = m.UpdateFee(channel_id=node.c.channel_id, feerate_per_kw=feerate)
    assert_failed(pair, node, pair.step(node, msg))


def test_unaffordable_update_fee_fails_the_channel() -> None:
    pair = Pair(ChannelType.STATIC_REMOTEKEY, push_msat=990_000_000)
    pair.open()
    msg = m.UpdateFee(channel_id=pair.b.c.channel_id, feerate_per_kw=150_000)
    assert_failed(pair, pair.b, pair.step(pair.b, msg))


# -- commitment_signed / revoke_and_ack -----------------------------------------------------


def _captured_commit(pair: Pair):
    """a adds an (untrimmed) HTLC and signs; returns (add, commitment_signed), undelivered."""
    pair.add(pair.a, 20_000_000)
    pair.step(pair.a, ev.CmdSign())
    add = pair.queues["b"].popleft()
    commit = pair.queues["b"].popleft()
    assert isinstance(commit, m.CommitmentSigned) and len(commit.htlc_signatures) == 1
    return add, commit


@pytest.mark.parametrize("kind", ["bad-signature", "missing-htlc-signature", "bad-htlc-sig"])
def test_bad_commitment_signed_fails_the_channel(kind: str) -> None:
    pair = opened()
    add, commit = _captured_commit(pair)
    pair.step(pair.b, add)
    if kind == "bad-signature":
        sig = bytearray(commit.signature)
        sig[40] ^= 1
        commit = replace(commit, signature=bytes(sig))
    elif kind == "missing-htlc-signature":
        commit = replace(commit, htlc_signatures=())
    else:
        commit = replace(commit, htlc_signatures=(commit.signature,))
    assert_failed(pair, pair.b, pair.step(pair.b, commit))


def test_commitment_signed_without_changes_fails_the_channel() -> None:
    pair = opened()
    _, commit = _captured_commit(pair)
    assert_failed(pair, pair.b, pair.step(pair.b, commit))


def test_bad_revocation_fails_the_channel() -> None:
    pair = opened()
    add, commit = _captured_commit(pair)
    pair.step(pair.b, add)
    pair.step(pair.b, commit)
    rev = pair.queues["a"].popleft()
    assert isinstance(rev, m.RevokeAndAck)
    bad = replace(rev, per_commitment_secret=os.urandom(32))
    assert_failed(pair, pair.a, pair.step(pair.a, bad))


def test_unexpected_revocation_fails_the_channel() -> None:
    pair = opened()
    rev = m.RevokeAndAck(
        channel_id=pair.a.c.channel_id,
        per_commitment_secret=os.urandom(32),
        next_per_commitment_point=pair.a.c.params.remote.htlc_basepoint,
    )
    assert_failed(pair, pair.a, pair.step(pair.a, rev))


def test_error_from_the_peer_makes_us_publish() -> None:
    pair = opened()
    actions = pair.step(pair.b, m.ErrorMessage(channel_id=pair.b.c.channel_id, data=b"bye"))
    assert isinstance(pair.b.state, st.Closing)
    assert any(isinstance(x, ev.BroadcastTx) for x in actions)


# -- open_channel / accept_channel --------------------------------------------------------


def _open_msg(pair: Pair, **cmd_changes):
    cmd = ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500, ChannelType.STATIC_REMOTEKEY)
    actions = pair.step(pair.a, replace(cmd, **cmd_changes))
    return actions[0].message


OPEN_VIOLATIONS = {
    "chain": {"chain_hash": bytes(32)},
    "push": {"push_msat": 1_000_000_001},
    "to-self-delay": {"to_self_delay": 5000},
    "max-accepted": {"max_accepted_htlcs": 484},
    "feerate-low": {"feerate_per_kw": 100},
    "feerate-high": {"feerate_per_kw": 10_000_000},
    "dust-above-reserve": {"dust_limit_satoshis": 600, "channel_reserve_satoshis": 599},
    "dust-below-354": {"dust_limit_satoshis": 353},
    "cannot-pay-fee": {"funding_satoshis": 20_000, "feerate_per_kw": 100_000},
    "both-below-reserve": {"funding_satoshis": 20_000, "push_msat": 10_000_000,
                           "channel_reserve_satoshis": 15_000},
    "large": {"funding_satoshis": 1 << 24},
    "no-channel-type": {"channel_type": None},
    "zeroconf": {"channel_type": bytes([0x04]) + bytes(5) + bytes([0x10, 0x00])},
    "legacy-type": {"channel_type": b""},
    "bad-point": {"payment_basepoint": b"\x02" + bytes(32)},
    "bad-upfront": {"upfront_shutdown_script": b"\x76\xa9"},
}


@pytest.mark.parametrize("kind", sorted(OPEN_VIOLATIONS))
def test_bad_open_channel_is_refused(kind: str) -> None:
    pair = Pair(ChannelType.STATIC_REMOTEKEY)
    msg = replace(_open_msg(pair), **OPEN_VIOLATIONS[kind])
    actions = pair.step(pair.b, msg)
    assert_failed(pair, pair.b, actions, broadcast=False)
    error = next(x.message for x in actions if isinstance(x, ev.SendMessage))
    assert error.channel_id == msg.temporary_channel_id


def test_good_open_channel_round_trips_the_wire() -> None:
    pair = Pair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    msg = _open_msg(pair, channel_type=ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    assert msg.chain_hash == CHAIN_HASH
    assert msg.channel_type == channel_type_bits(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    pair.step(pair.b, m.decode_message(msg.encode()))
    assert isinstance(pair.b.state, st.WaitForFundingCreated)


ACCEPT_VIOLATIONS = {
    "type-mismatch": {"channel_type": channel_type_bits(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)},
    "reserve-below-our-dust": {"channel_reserve_satoshis": 500, "dust_limit_satoshis": 400},
    "dust-above-our-reserve": {"dust_limit_satoshis": 4000},
    "minimum-depth": {"minimum_depth": 10_000},
    "max-accepted": {"max_accepted_htlcs": 1000},
}


@pytest.mark.parametrize("kind", sorted(ACCEPT_VIOLATIONS))
def test_bad_accept_channel_is_refused(kind: str) -> None:
    pair = Pair(ChannelType.STATIC_REMOTEKEY, funding_sat=200_000)
    pair.step(pair.b, _open_msg(pair, funding_sat=200_000))
    accept = pair.queues["a"].pop()
    pair.queues["b"].clear()
    actions = pair.step(pair.a, replace(accept, **ACCEPT_VIOLATIONS[kind]))
    assert_failed(pair, pair.a, actions, broadcast=False)


def test_bad_funding_signatures_are_refused_without_broadcast() -> None:
    pair = Pair(ChannelType.STATIC_REMOTEKEY)
    pair.open(confirm=False)
    # fundee side: a funding_created with a bad signature
    other = Pair(ChannelType.STATIC_REMOTEKEY)
    other.step(other.a, ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500,
                                   ChannelType.STATIC_REMOTEKEY))
    other.run()
    need = next(x for x in other.a.other_actions if isinstance(x, ev.FundingTxNeeded))
    from tests.support.channel_pair import make_funding_tx

    tx = make_funding_tx(need.script_pubkey, need.amount_sat)
    other.step(other.a, ev.FundingTxReady(tx.GetTxid(), 1, tx.serialize()))
    created = other.queues["b"].popleft()
    bad = replace(created, signature=bytes(63) + b"\x01")
    assert_failed(other, other.b, other.step(other.b, bad), broadcast=False)
    # funder side: a funding_signed with a bad signature never leads to a broadcast
    third = Pair(ChannelType.STATIC_REMOTEKEY)
    third.step(third.a, ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500,
                                   ChannelType.STATIC_REMOTEKEY))
    third.run()
    need = next(x for x in third.a.other_actions if isinstance(x, ev.FundingTxNeeded))
    tx = make_funding_tx(need.script_pubkey, need.amount_sat)
    third.step(third.a, ev.FundingTxReady(tx.GetTxid(), 1, tx.serialize()))
    created = third.queues["b"].popleft()
    third.step(third.b, created)
    signed = third.queues["a"].popleft()
    bad = replace(signed, signature=created.signature)
    assert_failed(third, third.a, third.step(third.a, bad), broadcast=False)
    assert not third.a.broadcasts
