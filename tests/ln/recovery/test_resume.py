"""The decision at the peer's channel_reestablish for a state a peer kept for us: resume
only when it is exactly current; a stale blob (peer ahead), a blob ahead of the peer, and
every field of the peer's message wrong on its own are all refused, and never raise. And
CURRENT is never given for a message the channel machine itself would refuse."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from tests.ln.recovery.test_backup_file import _channel
from tests.support.channel_pair import Pair
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.codec import state_to_bytes
from wallet.ln.channel.commitments import our_secret
from wallet.ln.channel.reestablish import on_reestablish
from wallet.ln.recovery.backup_file import BackedUpChannel
from wallet.ln.recovery.resume import Verdict, judge, our_offered_htlcs, resumable_state, unwrap
from wallet.ln.recovery.scan import FoundChannel
from wallet.ln.wire import messages as m


def _pay(pair: Pair, amount_msat: int = 10_000_000) -> None:
    htlc_id, preimage = pair.add(pair.a, amount_msat)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.step(pair.b, ev.CmdFulfillHtlc(htlc_id, preimage))
    pair.step(pair.b, ev.CmdSign())
    pair.run()


def _theirs(pair: Pair) -> m.ChannelReestablish:
    """B's channel_reestablish for its current state."""
    return pair.b.c.reestablish_message(pair.b.keys)


@pytest.fixture(scope="module")
def history():
    """A's persisted state and B's channel_reestablish after 0, 1, 2 and 3 payments."""
    pair = Pair()
    pair.open()
    states, theirs = [unwrap(pair.a.persisted)], [_theirs(pair)]
    for _ in range(3):
        _pay(pair)
        states.append(unwrap(pair.a.persisted))
        theirs.append(_theirs(pair))
    return pair, states, theirs


def test_only_the_exact_state_is_current_older_is_behind_newer_is_ahead(history) -> None:
    """Every blob state against every position of the peer: CURRENT on the diagonal (and
    the machine accepts it), BEHIND when the peer is further (a stale blob), AHEAD when the
    blob is further than the peer (another wallet's blob, or a lying peer)."""
    pair, states, theirs = history
    for i, state in enumerate(states):
        for j, msg in enumerate(theirs):
            verdict = judge(state, msg, pair.a.keys)
            expected = (Verdict.CURRENT if i == j else Verdict.BEHIND if i < j
                        else Verdict.AHEAD)
            assert verdict is expected, (i, j, verdict)
        on_reestablish(state, theirs[i], pair.a.keys)  # does not raise


def _secret(pair: Pair, index: int) -> bytes:
    return our_secret(pair.a.keys, index) if index >= 0 else bytes(32)


def _another_point() -> bytes:
    other = Pair()
    other.open()
    return other.b.c.reestablish_message(other.b.keys).my_current_per_commitment_point


def test_each_field_wrong_alone_is_refused(history) -> None:
    pair, states, theirs = history
    state, now = states[-1], theirs[-1]
    wrong = [
        replace(now, channel_id=os.urandom(32)),
        replace(now, next_commitment_number=0),  # the peer lost its state
        replace(now, next_commitment_number=now.next_commitment_number + 1),
        replace(now, next_revocation_number=now.next_revocation_number + 1),  # no proof
        replace(now, your_last_per_commitment_secret=os.urandom(32)),
        replace(now, your_last_per_commitment_secret=bytes(32)),
        replace(now, my_current_per_commitment_point=_another_point()),
    ]
    for msg in wrong:
        assert judge(state, msg, pair.a.keys) is not Verdict.CURRENT, msg


def test_a_state_signed_but_not_yet_revoked_resumes_both_ways() -> None:
    """A signed B's next commitment (persisted) and the connection dropped: whether B got
    it or not, the state is current (the machine retransmits it, or not)."""
    pair = Pair()
    pair.open()
    pair.add(pair.a, 5_000_000)
    pair.step(pair.a, ev.CmdSign())
    signed = unwrap(pair.a.persisted)
    assert signed.commitments.waiting is not None
    before = pair.b.c.reestablish_message(pair.b.keys)  # B never received it
    assert judge(signed, before, pair.a.keys) is Verdict.CURRENT
    on_reestablish(signed, before, pair.a.keys)
    pair.deliver_one("b")  # update_add_htlc
    pair.deliver_one("b")  # commitment_signed: B revokes and answers
    after = pair.b.c.reestablish_message(pair.b.keys)
    assert judge(signed, after, pair.a.keys) is Verdict.CURRENT
    on_reestablish(signed, after, pair.a.keys)


# the generator: a valid point no channel uses as its per-commitment point
OTHER_POINT = bytes.fromhex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ncn=hs.integers(0, 2**48), nrn=hs.integers(0, 2**48),
       secret=hs.sampled_from(["right", "zero", "random"]),
       point=hs.sampled_from(["right", "random"]))
def test_garbage_fields_are_never_current_unless_they_are_exact_and_never_raise(
        history, ncn: int, nrn: int, secret: str, point: str) -> None:
    pair, states, theirs = history
    state, now = states[-1], theirs[-1]
    secret_bytes = {"right": _secret(pair, nrn - 1),
                    "zero": bytes(32), "random": os.urandom(32)}[secret]
    point_bytes = now.my_current_per_commitment_point if point == "right" else OTHER_POINT
    msg = replace(now, next_commitment_number=ncn, next_revocation_number=nrn,
                  your_last_per_commitment_secret=secret_bytes,
                  my_current_per_commitment_point=point_bytes)
    verdict = judge(state, msg, pair.a.keys)
    if verdict is Verdict.CURRENT:
        assert (ncn, nrn, point_bytes) == (now.next_commitment_number,
                                           now.next_revocation_number,
                                           now.my_current_per_commitment_point)
        on_reestablish(state, msg, pair.a.keys)  # the machine accepts it


def test_only_an_open_state_of_the_named_channel_is_resumable(history) -> None:
    _pair, states, _theirs_ = history
    state = states[-1]
    p = state.commitments.params
    found = FoundChannel(bytes.fromhex("02" + "11" * 32), state.setup.key_index,
                         p.funding_txid, p.funding_output_index, p.funding_sat,
                         p.funding_script_pubkey)
    entry = BackedUpChannel(found, None, "static_remotekey")
    assert resumable_state(state_to_bytes(st.Offline(state)), entry) == state
    assert resumable_state(state_to_bytes(state), _channel(3)) is None  # another channel
    other_index = BackedUpChannel(replace(found, key_index=found.key_index + 1), None,
                                  "static_remotekey")
    assert resumable_state(state_to_bytes(state), other_index) is None
    assert resumable_state(state_to_bytes(st.Closed("closed")), entry) is None
    for junk in (b"", b"KCS1{", os.urandom(100), b"KCS1" + b"[" * 100_000):
        assert resumable_state(junk, entry) is None


def test_the_payments_in_flight_of_a_resumed_state_are_recorded_and_end_paid(tmp_path) -> None:
    """A resumed state may hold HTLCs we offered (payments in flight when the wallet was
    lost): the restored wallet's payment log knows none of them, so they are recorded as it
    resumes (pending, with their HTLCs), and the peer's fulfil then ends each as paid; the
    HTLC B offered us, and a second record of the same, add nothing."""
    from wallet.hashes import sha256
    from wallet.ln.store.payment_log import RESTORED_IN_FLIGHT, PaymentLog
    from wallet.storage.database import Database

    pair = Pair()
    pair.open()
    _pay(pair, 50_000_000)  # room for B to pay A back
    first, kept = pair.add(pair.a, 7_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    pair.add(pair.b, 3_000_000)  # B's to A: not a payment of ours
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    second, _ = pair.add(pair.a, 2_000_000)
    pair.step(pair.a, ev.CmdSign())  # signed for B, not yet in A's own commitment
    state = unwrap(pair.a.persisted)
    offered = our_offered_htlcs(state)
    assert [(h.htlc_id, h.amount_msat) for h in offered] == [(first, 7_000_000),
                                                             (second, 2_000_000)]
    log = PaymentLog(Database(tmp_path / "w.sqlite"))
    hashes = log.add_restored(4, offered)
    assert log.add_restored(4, offered) == hashes  # already recorded: nothing new
    rows = {r.payment_hash: r for r in log.list(direction="out")}
    assert set(rows) == set(hashes) == {sha256(kept), offered[1].payment_hash}
    assert {(r.status, r.description) for r in rows.values()} == {("pending", RESTORED_IN_FLIGHT)}
    assert [(h.key_index, h.htlc_id) for h in log.pending_htlcs()] == [(4, first), (4, second)]
    log.settle_htlc(4, first, kept)  # B fulfils the first after the resume
    paid = log.get(sha256(kept))
    assert paid is not None and (paid.status, paid.preimage, paid.amount_msat) == (
        "paid", kept, 7_000_000)
