"""BOLT 2 with a channel_type: the shared scripts' open, HTLC and reestablish steps, typed.

The shared scripts (test_bolt2-01-open_channel, -02-reestablish, -10-add-htlc) open their
channels without a channel_type, which the merged BOLT 2 makes a reason to fail the channel
(see kite_skips.py), so Kite never gets past their open_channel. These scripts play the same
steps with `channel_type` = option_static_remotekey (bit 12), both inits advertising it, so
lnprototest builds and checks every commitment, signature and secret independently of Kite:
the accepter's open, funding_signed, channel_ready, the funder's open (Kite's signature on
our first commitment checked, its funding transaction broadcast), `shutdown` answered (and a
`warning` for a script BOLT 2 does not allow), an incoming HTLC committed both ways
(commitment and HTLC signatures checked, the revocation secret checked), and
channel_reestablish after a disconnection.
"""

from collections.abc import Iterator
from typing import Any

import lnprototest
import pytest
from kite_runner import KiteRunner
from lnprototest import (
    HTLC,
    AcceptFunding,
    Block,
    CheckEq,
    Commit,
    Connect,
    CreateFunding,
    Disconnect,
    ExpectMsg,
    ExpectTx,
    FundChannel,
    KeySet,
    Msg,
    MustNotMsg,
    RawMsg,
    Runner,
    Side,
    TryAll,
    UpdateCommit,
    bitfield,
    msat,
    remote_delayed_payment_basepoint,
    remote_funding_privkey,
    remote_funding_pubkey,
    remote_htlc_basepoint,
    remote_payment_basepoint,
    remote_per_commitment_point,
    remote_per_commitment_secret,
    remote_revocation_basepoint,
)
from lnprototest.stash import (
    channel_id,
    commitsig_to_recv,
    commitsig_to_send,
    funding,
    funding_tx,
    funding_txid,
    htlc_sigs_to_recv,
    htlc_sigs_to_send,
    rcvd,
    sent,
)
from lnprototest.utils import pubkey_of
from lnprototest.utils.bitcoin_utils import (
    BitcoinUtils,
    ScriptType,
    funding_amount_for_utxo,
    tx_spendable,
    utxo,
)


@pytest.fixture()
def runner(pytestconfig: Any) -> Iterator[KiteRunner]:
    node = KiteRunner(pytestconfig)
    yield node
    node.teardown()
    lnprototest.assign_namespace(lnprototest.peer_message_namespace())


STATIC_REMOTEKEY_TYPE = bitfield(12)
FUNDING_KEY = "20"
PEER = KeySet(revocation_base_secret="21", payment_base_secret="22",
              htlc_base_secret="24", delayed_payment_base_secret="23",
              shachain_seed="00" * 32)
# an HTLC above the dust limit; its onion is not for Kite's eyes (Kite fails it later)
HTLC_OUT = HTLC(owner=Side.local, amount_msat=1_000_000, payment_secret="00" * 32,
                cltv_expiry=200, onion_routing_packet="00" * 1366)


def open_typed_channel(runner: Runner) -> list[Any]:
    """Connect as 02, open a static_remotekey channel to Kite, fund it, both channel_ready."""
    return [
        Block(blockheight=102, txs=[tx_spendable]),
        Connect(connprivkey="02"),
        ExpectMsg("init"),
        Msg("init", globalfeatures="", features=bitfield(13)),
        Msg("open_channel",
            chain_hash=BitcoinUtils.blockchain_hash(), temporary_channel_id="00" * 32,
            funding_satoshis=funding_amount_for_utxo(0), push_msat=0,
            dust_limit_satoshis=546, max_htlc_value_in_flight_msat=4294967295,
            channel_reserve_satoshis=9998, htlc_minimum_msat=0, feerate_per_kw=253,
            to_self_delay=5, max_accepted_htlcs=483,
            funding_pubkey=pubkey_of(FUNDING_KEY),
            revocation_basepoint=PEER.revocation_basepoint(),
            payment_basepoint=PEER.payment_basepoint(),
            delayed_payment_basepoint=PEER.delayed_payment_basepoint(),
            htlc_basepoint=PEER.htlc_basepoint(),
            first_per_commitment_point=PEER.per_commit_point(0),
            channel_flags=0,
            tlvs="{upfront_shutdown_script={shutdown_scriptpubkey=},channel_type={type="
                 + STATIC_REMOTEKEY_TYPE + "}}"),
        ExpectMsg("accept_channel",
                  temporary_channel_id=sent(),
                  funding_pubkey=remote_funding_pubkey(),
                  revocation_basepoint=remote_revocation_basepoint(),
                  payment_basepoint=remote_payment_basepoint(),
                  delayed_payment_basepoint=remote_delayed_payment_basepoint(),
                  htlc_basepoint=remote_htlc_basepoint(),
                  first_per_commitment_point=remote_per_commitment_point(0),
                  minimum_depth=3,
                  channel_reserve_satoshis=9998,
                  tlvs="{upfront_shutdown_script={shutdown_scriptpubkey=},channel_type={type="
                       + STATIC_REMOTEKEY_TYPE + "}}"),
        CreateFunding(*utxo(0), local_node_privkey="02", local_funding_privkey=FUNDING_KEY,
                      remote_node_privkey=runner.get_node_privkey(),
                      remote_funding_privkey=remote_funding_privkey()),
        Commit(funding=funding(), opener=Side.local, local_keyset=PEER,
               local_to_self_delay=rcvd("to_self_delay", int),
               remote_to_self_delay=sent("to_self_delay", int),
               local_amount=msat(sent("funding_satoshis", int)), remote_amount=0,
               local_dust_limit=546, remote_dust_limit=rcvd("dust_limit_satoshis", int),
               feerate=253, local_features=sent("init.features"),
               remote_features=rcvd("init.features")),
        Msg("funding_created", temporary_channel_id=rcvd(), funding_txid=funding_txid(),
            funding_output_index=0, signature=commitsig_to_send()),
        ExpectMsg("funding_signed", channel_id=channel_id(), signature=commitsig_to_recv()),
        Block(blockheight=103, number=3, txs=[funding_tx()]),
        ExpectMsg("channel_ready", channel_id=channel_id(),
                  second_per_commitment_point=remote_per_commitment_point(1),
                  ignore=ExpectMsg.ignore_all_gossip),
        Msg("channel_ready", channel_id=channel_id(),
            second_per_commitment_point=PEER.per_commit_point(1)),
    ]


def reconnect_expecting(next_commitment: int, next_revocation: int, last_secret: str,
                        then: list[Any]) -> list[Any]:
    """Disconnect, reconnect as 02, check Kite's channel_reestablish, then `then`."""
    return [
        Disconnect(),
        Connect(connprivkey="02"),
        ExpectMsg("init"),
        Msg("init", globalfeatures="", features=sent("init.features")),
        ExpectMsg("channel_reestablish", channel_id=channel_id(),
                  next_commitment_number=next_commitment,
                  next_revocation_number=next_revocation,
                  your_last_per_commitment_secret=last_secret,
                  ignore=ExpectMsg.ignore_all_gossip),
    ] + then


def test_typed_open_accepter(runner: Runner) -> None:
    runner.run(open_typed_channel(runner))


def test_typed_reestablish_after_ready(runner: Runner) -> None:
    """BOLT 2: "if `next_commitment_number` is 1 in both the `channel_reestablish` it sent
    and received: MUST retransmit `channel_ready`"; an unknown odd message is ignored."""
    runner.run(open_typed_channel(runner) + reconnect_expecting(1, 0, "00" * 32, [
        TryAll([], RawMsg(bytes.fromhex("270F"))),
        Msg("channel_reestablish", channel_id=channel_id(),
            next_commitment_number=1, next_revocation_number=0,
            your_last_per_commitment_secret="00" * 32,
            my_current_per_commitment_point=PEER.per_commit_point(0)),
        ExpectMsg("channel_ready", channel_id=channel_id(),
                  second_per_commitment_point=remote_per_commitment_point(1),
                  ignore=ExpectMsg.ignore_all_gossip),
    ]))


def test_typed_htlc_commit_and_reestablish(runner: Runner) -> None:
    runner.run(open_typed_channel(runner) + [
        Msg("update_add_htlc", channel_id=channel_id(), id=0,
            amount_msat=HTLC_OUT.amount_msat, payment_hash=HTLC_OUT.payment_hash(),
            cltv_expiry=HTLC_OUT.cltv_expiry,
            onion_routing_packet=HTLC_OUT.onion_routing_packet),
        UpdateCommit(new_htlcs=[(HTLC_OUT, 0)]),
        Msg("commitment_signed", channel_id=channel_id(), signature=commitsig_to_send(),
            htlc_signature=htlc_sigs_to_send()),
        ExpectMsg("revoke_and_ack", channel_id=channel_id(),
                  per_commitment_secret=remote_per_commitment_secret(0),
                  next_per_commitment_point=remote_per_commitment_point(2),
                  ignore=ExpectMsg.ignore_all_gossip),
        ExpectMsg("commitment_signed", signature=commitsig_to_recv(),
                  htlc_signature=htlc_sigs_to_recv(), ignore=ExpectMsg.ignore_all_gossip),
        # optionally reconnect, having received (as far as Kite can tell) none, one or
        # both of its answers: BOLT 2 says what it must retransmit in each case
        TryAll(
            [],
            reconnect_expecting(2, 0, "00" * 32, [
                Msg("channel_reestablish", channel_id=channel_id(),
                    next_commitment_number=1, next_revocation_number=0,
                    your_last_per_commitment_secret="00" * 32,
                    my_current_per_commitment_point=PEER.per_commit_point(0)),
                ExpectMsg("revoke_and_ack", channel_id=channel_id(),
                          per_commitment_secret=remote_per_commitment_secret(0),
                          next_per_commitment_point=remote_per_commitment_point(2),
                          ignore=ExpectMsg.ignore_all_gossip),
                ExpectMsg("commitment_signed", signature=commitsig_to_recv(),
                          htlc_signature=htlc_sigs_to_recv(),
                          ignore=ExpectMsg.ignore_all_gossip),
            ]),
            reconnect_expecting(2, 0, "00" * 32, [
                Msg("channel_reestablish", channel_id=channel_id(),
                    next_commitment_number=1, next_revocation_number=1,
                    your_last_per_commitment_secret=remote_per_commitment_secret(0),
                    my_current_per_commitment_point=PEER.per_commit_point(0)),
                ExpectMsg("commitment_signed", signature=commitsig_to_recv(),
                          htlc_signature=htlc_sigs_to_recv(),
                          ignore=ExpectMsg.ignore_all_gossip),
            ]),
            reconnect_expecting(2, 0, "00" * 32, [
                Msg("channel_reestablish", channel_id=channel_id(),
                    next_commitment_number=2, next_revocation_number=1,
                    your_last_per_commitment_secret=remote_per_commitment_secret(0),
                    my_current_per_commitment_point=PEER.per_commit_point(1)),
            ]),
        ),
    ])


def test_typed_open_opener(runner: Runner) -> None:
    """Kite opens (`kite channel open`): private, typed, its signatures checked."""
    runner.run([
        Block(blockheight=102, txs=[tx_spendable]),
        Connect(connprivkey="02"),
        ExpectMsg("init"),
        Msg("init", globalfeatures="", features=bitfield(13)),
        FundChannel(amount=999_877),
        ExpectMsg("open_channel",
                  chain_hash=BitcoinUtils.blockchain_hash(), funding_satoshis=999_877,
                  push_msat=0, channel_reserve_satoshis=9998,
                  funding_pubkey=remote_funding_pubkey(),
                  revocation_basepoint=remote_revocation_basepoint(),
                  payment_basepoint=remote_payment_basepoint(),
                  delayed_payment_basepoint=remote_delayed_payment_basepoint(),
                  htlc_basepoint=remote_htlc_basepoint(),
                  first_per_commitment_point=remote_per_commitment_point(0),
                  channel_flags="00",
                  # BOLT 2: with open_channel_tlvs, "MUST include upfront_shutdown_script"
                  tlvs="{upfront_shutdown_script={shutdown_scriptpubkey=},channel_type={type="
                       + STATIC_REMOTEKEY_TYPE + "}}"),
        Msg("accept_channel",
            temporary_channel_id=rcvd(), dust_limit_satoshis=546,
            max_htlc_value_in_flight_msat=4294967295, channel_reserve_satoshis=9998,
            htlc_minimum_msat=0, minimum_depth=3, max_accepted_htlcs=483, to_self_delay=5,
            funding_pubkey=pubkey_of(FUNDING_KEY),
            revocation_basepoint=PEER.revocation_basepoint(),
            payment_basepoint=PEER.payment_basepoint(),
            delayed_payment_basepoint=PEER.delayed_payment_basepoint(),
            htlc_basepoint=PEER.htlc_basepoint(),
            first_per_commitment_point=PEER.per_commit_point(0),
            tlvs="{upfront_shutdown_script={shutdown_scriptpubkey=},channel_type={type="
                 + STATIC_REMOTEKEY_TYPE + "}}"),
        ExpectMsg("funding_created", temporary_channel_id=rcvd("temporary_channel_id")),
        AcceptFunding(rcvd("funding_created.funding_txid"),
                      funding_output_index=rcvd("funding_created.funding_output_index", int),
                      funding_amount=rcvd("open_channel.funding_satoshis", int),
                      local_node_privkey="02", local_funding_privkey=FUNDING_KEY,
                      remote_node_privkey=runner.get_node_privkey(),
                      remote_funding_privkey=remote_funding_privkey()),
        Commit(funding=funding(), opener=Side.remote, local_keyset=PEER,
               local_to_self_delay=rcvd("open_channel.to_self_delay", int),
               remote_to_self_delay=sent("accept_channel.to_self_delay", int),
               local_amount=0, remote_amount=msat(rcvd("open_channel.funding_satoshis", int)),
               local_dust_limit=sent("accept_channel.dust_limit_satoshis", int),
               remote_dust_limit=rcvd("open_channel.dust_limit_satoshis", int),
               feerate=rcvd("open_channel.feerate_per_kw", int),
               local_features=sent("init.features"), remote_features=rcvd("init.features")),
        CheckEq(rcvd("funding_created.signature"), commitsig_to_recv()),
        Msg("funding_signed", channel_id=channel_id(), signature=commitsig_to_send()),
        ExpectTx(rcvd("funding_created.funding_txid")),
        Block(blockheight=103, number=3),
        Msg("channel_ready", channel_id=sent(),
            second_per_commitment_point=PEER.per_commit_point(1)),
        ExpectMsg("channel_ready", channel_id=sent(),
                  second_per_commitment_point=remote_per_commitment_point(1),
                  ignore=ExpectMsg.ignore_all_gossip),
    ])


def test_typed_shutdown_receiver(runner: Runner) -> None:
    """BOLT 2: once no updates are outstanding, "MUST reply to a `shutdown` message with a
    `shutdown`", and send no update_add_htlc after it."""
    runner.run(open_typed_channel(runner) + [
        Msg("shutdown", channel_id=channel_id(),
            scriptpubkey=BitcoinUtils.build_valid_script()),
        MustNotMsg("update_add_htlc"),
        ExpectMsg("shutdown", channel_id=channel_id(), ignore=ExpectMsg.ignore_all_gossip),
    ])


def test_typed_shutdown_bad_script(runner: Runner) -> None:
    """BOLT 2: "if the `scriptpubkey` is not in one of the above forms: SHOULD send a
    `warning`" (here a bare P2PK script), and no shutdown of ours."""
    runner.run(open_typed_channel(runner) + [
        Msg("shutdown", channel_id=channel_id(),
            scriptpubkey=BitcoinUtils.build_valid_script(ScriptType.INVALID_CLOSE_SCRIPT)),
        MustNotMsg("update_add_htlc"),
        MustNotMsg("shutdown"),
        ExpectMsg("warning", ignore=ExpectMsg.ignore_all_gossip),
    ])
