"""Arbitrary peer messages never crash the state machine: each either is accepted or fails
the channel (an `error`, our commitment published); no exception escapes `process`."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from tests.support.channel_pair import Pair
from wallet.hashes import sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.machine import process
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m


def _ready_pair() -> Pair:
    pair = Pair(ChannelType.STATIC_REMOTEKEY, push_msat=100_000_000)
    pair.open()
    pair.add(pair.a, 30_000_000)
    pair.add(pair.b, 20_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.step(pair.b, ev.CmdSign())
    pair.run()
    return pair


PAIR = _ready_pair()
CID = PAIR.a.c.channel_id
POINT = PAIR.a.c.params.remote.htlc_basepoint
U64 = hs.integers(0, 2**64 - 1)
U32 = hs.integers(0, 2**32 - 1)
B32 = hs.binary(min_size=32, max_size=32)
SIG = hs.binary(min_size=64, max_size=64)
CIDS = hs.sampled_from([CID, CID, bytes(32), b"\x01" * 32])

MESSAGES = hs.one_of(
    hs.builds(lambda c, i, a, h, e: m.UpdateAddHtlc(
        channel_id=c, id=i, amount_msat=a, payment_hash=h, cltv_expiry=e,
        onion_routing_packet=bytes(m.ONION_PACKET_SIZE)),
        CIDS, hs.integers(0, 3), U64, B32, U32),
    hs.builds(lambda c, i, p: m.UpdateFulfillHtlc(channel_id=c, id=i, payment_preimage=p),
              CIDS, hs.integers(0, 3), B32),
    hs.builds(lambda c, i, r: m.UpdateFailHtlc(channel_id=c, id=i, reason=r),
              CIDS, hs.integers(0, 3), hs.binary(max_size=40)),
    hs.builds(lambda c, i, h, f: m.UpdateFailMalformedHtlc(
        channel_id=c, id=i, sha256_of_onion=h, failure_code=f),
        CIDS, hs.integers(0, 3), B32, hs.integers(0, 0xFFFF)),
    hs.builds(lambda c, f: m.UpdateFee(channel_id=c, feerate_per_kw=f), CIDS, U32),
    hs.builds(lambda c, s, n: m.CommitmentSigned(channel_id=c, signature=s,
                                                 htlc_signatures=tuple([s] * n)),
              CIDS, SIG, hs.integers(0, 3)),
    hs.builds(lambda c, s: m.RevokeAndAck(channel_id=c, per_commitment_secret=s,
                                          next_per_commitment_point=POINT), CIDS, B32),
    hs.builds(lambda c, n, r, s: m.ChannelReestablish(
        channel_id=c, next_commitment_number=n, next_revocation_number=r,
        your_last_per_commitment_secret=s, my_current_per_commitment_point=POINT),
        CIDS, hs.integers(0, 5), hs.integers(0, 5), B32),
    hs.builds(lambda c, s: m.Shutdown(channel_id=c, scriptpubkey=s), CIDS,
              hs.binary(max_size=40)),
    hs.builds(lambda c, f, s: m.ClosingSigned(channel_id=c, fee_satoshis=f, signature=s),
              CIDS, U64, SIG),
    hs.builds(lambda c: m.ChannelReady(channel_id=c, second_per_commitment_point=POINT), CIDS),
    hs.builds(lambda c, d: m.ErrorMessage(channel_id=c, data=d), CIDS, hs.binary(max_size=20)),
    hs.just(m.FundingSigned(channel_id=CID, signature=bytes(64))),
    hs.just(m.OpenChannel(**{**{f: 0 for f, _ in m.OpenChannel.SPEC.fields},
                             "chain_hash": bytes(32), "temporary_channel_id": os.urandom(32)})),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(node=hs.sampled_from(["a", "b"]), messages=hs.lists(MESSAGES, min_size=1, max_size=3))
def test_arbitrary_messages_never_escape(node: str, messages: list) -> None:
    who = PAIR.a if node == "a" else PAIR.b
    state = who.state
    for msg in messages:
        state, actions = process(state, msg, who.keys)
        if any(isinstance(a, ev.ChannelError) for a in actions):
            assert isinstance(state, st.Closing | st.Closed | st.WaitForRemotePublish)


def test_messages_for_another_channel_are_ignored() -> None:
    pair = _ready_pair()
    htlc_id, preimage = pair.add(pair.a, 40_000_000)
    pair.step(pair.a, ev.CmdSign())
    pair.run()
    other = m.UpdateFulfillHtlc(channel_id=bytes(31) + b"\x01", id=htlc_id,
                                payment_preimage=preimage)
    assert process(pair.a.state, other, pair.a.keys) == (pair.a.state, [])
    cid = pair.a.c.channel_id
    ours = m.UpdateFulfillHtlc(channel_id=cid, id=htlc_id, payment_preimage=preimage)
    state, actions = process(pair.a.state, ours, pair.a.keys)
    assert [a.payment_hash for a in actions] == [sha256(preimage)]
    everyone = m.ErrorMessage(channel_id=bytes(32), data=b"all channels")
    state, actions = process(pair.a.state, everyone, pair.a.keys)
    assert isinstance(state, st.Closing)
