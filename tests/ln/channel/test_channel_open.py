"""Opening details: channel_type negotiation, the funding transaction handed in by the
wallet, the messages' contents, and the purity of the channel modules."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from bitcoin.core import CTransaction

from tests.support.channel_pair import Pair, make_funding_tx
from wallet.ln.channel import events as ev
from wallet.ln.channel import states as st
from wallet.ln.channel.commitments import channel_id_from_funding
from wallet.ln.channel.errors import ChannelCommandError, ChannelProtocolError
from wallet.ln.channel.opening import DISCONNECTED_BEFORE_FUNDING
from wallet.ln.channel.params import channel_type_bits, choose_channel_type, parse_channel_type
from wallet.ln.features import Features
from wallet.ln.shell.peer import DEFAULT_FEATURES
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.wire import messages as m


@pytest.mark.parametrize("channel_type", list(ChannelType))
@pytest.mark.parametrize("scid_alias", [False, True])
def test_channel_type_bits_round_trip(channel_type, scid_alias) -> None:
    raw = channel_type_bits(channel_type, scid_alias)
    assert parse_channel_type(raw, Features()) == (channel_type, scid_alias)


def test_channel_type_encoding_is_minimal() -> None:
    assert channel_type_bits(ChannelType.STATIC_REMOTEKEY) == bytes.fromhex("1000")
    assert channel_type_bits(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX) == bytes.fromhex("401000")


def test_channel_type_choice_follows_both_features() -> None:
    anchors = Features.of("option_static_remotekey", "option_anchors_zero_fee_htlc_tx")
    plain = Features.of("option_static_remotekey")
    assert choose_channel_type(anchors, anchors) is ChannelType.ANCHORS_ZERO_FEE_HTLC_TX
    assert choose_channel_type(anchors, plain) is ChannelType.STATIC_REMOTEKEY
    with pytest.raises(ChannelProtocolError):
        parse_channel_type(bytes.fromhex("401001"), anchors)  # an odd bit: not a type


def test_kite_prefers_anchors_and_keeps_static_remotekey_for_older_peers() -> None:
    """What Kite offers (DEFAULT_FEATURES) against each kind of peer, whoever opens."""
    electrum_4_3 = Features.of("option_data_loss_protect", "var_onion_optin",
                               "option_static_remotekey", "payment_secret", "basic_mpp",
                               "option_channel_type", "option_trampoline_routing_electrum")
    electrum_4_8 = electrum_4_3 | Features.of(
        required=["option_static_remotekey", "option_anchors_zero_fee_htlc_tx"])
    for ours, theirs, expected in [
        (DEFAULT_FEATURES, DEFAULT_FEATURES, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX),  # two Kites
        (DEFAULT_FEATURES, electrum_4_8, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX),
        (DEFAULT_FEATURES, electrum_4_3, ChannelType.STATIC_REMOTEKEY),
    ]:
        assert choose_channel_type(ours, theirs) is expected
        assert choose_channel_type(theirs, ours) is expected  # the same from their side
    # and both types are accepted when the peer opens with them
    for channel_type in ChannelType:
        assert parse_channel_type(channel_type_bits(channel_type), electrum_4_8)[0] is channel_type


def test_open_messages_and_channel_id() -> None:
    pair = Pair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, push_msat=1_000)
    pair.open()
    opened = next(x for x in pair.a.sent if isinstance(x, m.OpenChannel))
    accepted = next(x for x in pair.b.sent if isinstance(x, m.AcceptChannel))
    created = next(x for x in pair.a.sent if isinstance(x, m.FundingCreated))
    signed = next(x for x in pair.b.sent if isinstance(x, m.FundingSigned))
    assert accepted.channel_type == opened.channel_type
    assert opened.upfront_shutdown_script == pair.a.state.setup.close_script
    assert created.funding_txid == pair.funding_tx.GetTxid()
    assert signed.channel_id == channel_id_from_funding(created.funding_txid, 1)
    assert signed.channel_id[-2:] == bytes([created.funding_txid[30], created.funding_txid[31] ^ 1])
    assert pair.b.c.params.local.channel_reserve_sat == 10_000
    ready = [x for x in pair.a.sent if isinstance(x, m.ChannelReady)]
    assert ready[0].alias_scid == pair.a.state.setup.local_alias
    assert pair.b.state.remote_alias == pair.a.state.setup.local_alias


def _waiting_for_funding_signed() -> tuple[Pair, ev.FundingTxNeeded, object]:
    """A pair whose opener sent funding_created: (pair, what it funded, the funding tx)."""
    pair = Pair()
    pair.step(pair.a, ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500, ChannelType.STATIC_REMOTEKEY))
    pair.run()
    need = next(x for x in pair.a.other_actions if isinstance(x, ev.FundingTxNeeded))
    tx = make_funding_tx(need.script_pubkey, need.amount_sat)
    pair.step(pair.a, ev.FundingTxReady(tx.GetTxid(), 1, tx.serialize()))
    assert isinstance(pair.a.state, st.WaitForFundingSigned)
    return pair, need, tx


def test_funding_broadcast_only_after_funding_signed() -> None:
    pair, need, tx = _waiting_for_funding_signed()
    assert not pair.a.broadcasts
    pair.run()
    (broadcast,) = pair.a.broadcasts
    assert broadcast.what == "funding" and broadcast.raw == tx.serialize()
    watch = [x for x in pair.a.other_actions if isinstance(x, ev.WatchFundingOutput)]
    assert watch[0].txid == tx.GetTxid() and watch[0].script_pubkey == need.script_pubkey
    # the fundee waits for its own minimum depth
    pair.step(pair.b, ev.FundingDepthReached(1, (1, 1, 1)))
    assert isinstance(pair.b.state, st.WaitForFundingConfirmed)


def _waiting_for_funding_tx() -> tuple[Pair, ev.FundingTxNeeded]:
    pair = Pair()
    pair.step(pair.a, ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500, ChannelType.STATIC_REMOTEKEY))
    pair.run()
    return pair, next(x for x in pair.a.other_actions if isinstance(x, ev.FundingTxNeeded))


@pytest.mark.parametrize("problem", ["amount", "script", "txid", "index", "garbage"])
def test_wrong_funding_transactions_are_refused(problem: str) -> None:
    pair, need = _waiting_for_funding_tx()
    amount = need.amount_sat - 1 if problem == "amount" else need.amount_sat
    script = b"\x00\x20" + bytes(32) if problem == "script" else need.script_pubkey
    tx = make_funding_tx(script, amount)
    txid = os.urandom(32) if problem == "txid" else tx.GetTxid()
    index = 0 if problem == "index" else 1
    raw = b"\x01\x02" if problem == "garbage" else tx.serialize()
    before = pair.a.state
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.FundingTxReady(txid, index, raw))
    assert pair.a.state == before


def test_open_commands_are_checked() -> None:
    pair = Pair()
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdOpen(os.urandom(32), 1_000, 0, 2500, ChannelType.STATIC_REMOTEKEY))
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdOpen(os.urandom(32), 1 << 24, 0, 2500,
                                     ChannelType.STATIC_REMOTEKEY))
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.CmdOpen(os.urandom(32), 100_000, 0, 2500,
                                     ChannelType.STATIC_REMOTEKEY, announce=True, scid_alias=True))
    assert isinstance(pair.a.state, st.Idle)


def test_funding_tx_is_a_real_transaction() -> None:
    pair = Pair()
    pair.open()
    tx = CTransaction.deserialize(pair.a.broadcasts[0].raw)
    out = tx.vout[pair.a.c.params.funding_output_index]
    assert out.nValue == pair.funding_sat
    assert bytes(out.scriptPubKey) == pair.a.c.params.funding_script_pubkey


def test_depth_event_for_another_output_is_refused() -> None:
    pair = Pair()
    pair.open(confirm=False)
    with pytest.raises(ChannelCommandError):
        pair.step(pair.a, ev.FundingDepthReached(6, (100, 2, 0)))  # our output is 1
    assert isinstance(pair.a.state, st.WaitForFundingConfirmed)


def test_scid_alias_channel_type_is_negotiated() -> None:
    pair = Pair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    cmd = ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX,
                     scid_alias=True)
    pair.step(pair.a, cmd)
    pair.run()
    need = next(x for x in pair.a.other_actions if isinstance(x, ev.FundingTxNeeded))
    tx = make_funding_tx(need.script_pubkey, need.amount_sat)
    pair.step(pair.a, ev.FundingTxReady(tx.GetTxid(), 1, tx.serialize()))
    pair.run()
    pair.confirm()
    assert pair.a.c.params.scid_alias and pair.b.c.params.scid_alias
    assert pair.a.state.remote_alias == pair.b.state.setup.local_alias
    # BOLT 2: no channel_type feature the peer's init did not offer
    for missing in ("option_scid_alias", "option_zeroconf"):
        shy = Pair()
        shy.a.state = replace(shy.a.state, setup=replace(
            shy.a.state.setup,
            remote_features=shy.a.state.setup.remote_features - Features.of(missing)))
        with pytest.raises(ChannelCommandError, match=missing):
            shy.step(shy.a, ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500,
                                       ChannelType.STATIC_REMOTEKEY, scid_alias=True,
                                       zeroconf=True))
    # an announced channel cannot be an alias channel
    other = Pair()
    opened = other.step(other.a, ev.CmdOpen(os.urandom(32), 1_000_000, 0, 2500,
                                            ChannelType.STATIC_REMOTEKEY))[0].message
    bad = replace(opened, channel_flags=1,
                  channel_type=channel_type_bits(ChannelType.STATIC_REMOTEKEY, True))
    other.step(other.b, bad)
    assert isinstance(other.b.state, st.Closed)


@pytest.mark.parametrize("who", ["a", "b"])
def test_a_channel_stored_before_its_open_ends_closed_after_a_restart(who) -> None:
    """The shell stores a new channel (Idle) before its open_channel leaves: killed right
    then, the restart's Disconnected closes it with nothing funded (it used to raise, and
    the node could not start again)."""
    pair = Pair(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    node = pair.a if who == "a" else pair.b
    assert isinstance(node.state, st.Idle)
    assert pair.step(node, ev.Disconnected()) == []
    assert node.state == st.Closed(DISCONNECTED_BEFORE_FUNDING)


def test_the_peer_gone_before_funding_signed_is_an_interrupted_open() -> None:
    """funding_created sent, funding_signed not come, the peer gone (a client killed
    mid-open): nothing was broadcast, so it ends as any open the peer left before it was
    funded (DISCONNECTED_BEFORE_FUNDING: the shell says OpenInterrupted, and an LSP keeps
    the JIT sale for the payer's retry; with another reason it took it as a refusal and
    every retry was unknown_next_peer)."""
    pair, _, _ = _waiting_for_funding_signed()
    assert pair.step(pair.a, ev.Disconnected()) == []
    assert pair.a.state == st.Closed(DISCONNECTED_BEFORE_FUNDING) and not pair.a.broadcasts
