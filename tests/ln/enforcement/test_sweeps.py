"""Unit tests of the BOLT 5 sweep builders (wallet/ln/enforcement/sweeps.py): witness shapes, weights,
fees, locktime/sequence, signatures, classification and typed errors. The devnet tests in
test_sweeps_devnet.py check the same transactions against real consensus."""

from __future__ import annotations

import pytest
from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxOut
from bitcoin.core.script import CScript
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ln.enforcement.test_sweeps_world import ALICE_DELAY, BOB_DELAY, World
from wallet.errors import InputError
from wallet.hashes import sha256
from wallet.ln.enforcement.funding_spend import (
    CloseKind,
    classify_funding_spend,
    identify_outputs,
    our_closing_output,
)
from wallet.ln.enforcement.sweep_tx import (
    RELAY_FLOOR_PER_KW,
    SEQUENCE_RBF,
    SweepDustError,
    SweepError,
    SweepInput,
    SweepKind,
    WalletCoin,
    build_sweep,
    dust_threshold,
    fee_for_weight,
    sweep_weight,
    tx_weight,
    verify_sweep,
)
from wallet.ln.enforcement.sweeps import (
    anchor_cpfp,
    anchor_input,
    fund_htlc_tx,
    htlc_tx_output_input,
    justice_inputs,
    justice_txs,
    our_htlc_privkey,
    our_to_local_input,
    their_offered_htlc_input,
    their_received_htlc_input,
    to_remote_input,
)
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import ChannelType, HtlcDirection, OutputKind
from wallet.ln.tx.keys import pubkey_from_secret
from wallet.ln.tx.signing import SIGHASH_ALL, segwit_sighash, verify_digest

TYPES = [ChannelType.STATIC_REMOTEKEY, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX]
FEERATE = 1_000
DEST = scripts.p2wpkh(pubkey_from_secret(b"\x07" * 32))


@pytest.fixture(params=TYPES, ids=lambda t: t.value)
def world(request) -> World:
    return World(request.param, sha256(b"funding"), 1, base_height=500)


def witness(tx: CTransaction, n: int = 0) -> list[bytes]:
    return list(tx.wit.vtxinwit[n].scriptWitness.stack)


def check_sweep_figures(sweep) -> None:
    assert verify_sweep(sweep)
    assert tx_weight(sweep.tx) <= sweep.weight <= tx_weight(sweep.tx) + 4 * len(sweep.inputs)
    assert sweep.fee_sat == fee_for_weight(sweep.weight, FEERATE)
    assert sum(o.nValue for o in sweep.tx.vout) == sweep.input_sat - sweep.fee_sat
    assert sweep.input_sat == sum(i.amount_sat for i in sweep.inputs)


# -- 1. our commitment -----------------------------------------------------------------------


def test_our_to_local_sweep(world):
    ctx = world.commitment("alice", 3)
    out = ctx.output_of(OutputKind.TO_LOCAL)
    sweep = build_sweep([our_to_local_input(world.info_a, 3, out, ctx.txid)], DEST, FEERATE)
    check_sweep_figures(sweep)
    stack = witness(sweep.tx)
    assert stack[1:] == [b"", out.witness_script]
    assert stack[0][-1] == SIGHASH_ALL
    assert sweep.tx.vin[0].nSequence == ALICE_DELAY
    assert sweep.tx.vin[0].prevout == COutPoint(ctx.txid, out.index)
    assert sweep.tx.nVersion == 2 and sweep.tx.nLockTime == 0
    assert sweep.kinds == (SweepKind.OUR_TO_LOCAL,)


def test_our_to_local_rejects_wrong_commitment_number(world):
    ctx = world.commitment("alice", 3)
    out = ctx.output_of(OutputKind.TO_LOCAL)
    with pytest.raises(SweepError, match="does not pay the script"):
        our_to_local_input(world.info_a, 4, out, ctx.txid)
    with pytest.raises(SweepError, match="not a to_local"):
        our_to_local_input(world.info_a, 3, ctx.output_of(OutputKind.TO_REMOTE), ctx.txid)


def test_htlc_tx_outputs_swept_after_delay(world):
    ctx = world.commitment("alice", 2)
    signed = []
    for plan, pre in ((world.plans[0], None), (world.plans[2], world.plans[2].preimage)):
        htlc_tx, remote_sig, local_sig = world.htlc_tx(ctx, plan)
        assert htlc_tx.sign_as_local(our_htlc_privkey(world.info_a, 2)) == local_sig
        signed.append(htlc_tx.signed(remote_sig, local_sig, pre))
    inputs = [htlc_tx_output_input(world.info_a, 2, tx) for tx in signed]
    sweep = build_sweep(inputs, DEST, FEERATE)
    check_sweep_figures(sweep)
    for n in range(2):
        assert sweep.tx.vin[n].nSequence == ALICE_DELAY
        assert witness(sweep.tx, n)[1] == b""
    with pytest.raises(SweepError, match="no output 1"):
        htlc_tx_output_input(world.info_a, 2, signed[0], 1)
    with pytest.raises(SweepError, match="does not pay the script"):
        htlc_tx_output_input(world.info_a, 3, signed[0])


def test_fund_htlc_tx_adds_a_fee_input(world):
    ctx = world.commitment("alice", 2)
    htlc_tx, remote_sig, _ = world.htlc_tx(ctx, world.plans[2])  # HTLC-success
    coin_key = b"\x05" * 32
    coin = WalletCoin(sha256(b"coin"), 3, 20_000, coin_key)
    change = scripts.p2wpkh(pubkey_from_secret(coin_key))
    local_key = our_htlc_privkey(world.info_a, 2)
    if not world.channel_type.anchors:
        with pytest.raises(SweepError, match="only anchors"):
            fund_htlc_tx(htlc_tx, remote_sig, local_key, [coin], change, FEERATE,
                         world.plans[2].preimage)
        return
    funded = fund_htlc_tx(htlc_tx, remote_sig, local_key, [coin], change, FEERATE,
                          world.plans[2].preimage)
    tx = funded.tx
    assert len(tx.vin) == 2 and len(tx.vout) == 2
    assert tx.vout[0] == htlc_tx.tx.vout[0] and tx.vin[0] == htlc_tx.tx.vin[0]
    assert tx.vout[1].nValue == funded.change_sat == 20_000 - funded.fee_sat
    assert funded.fee_sat == fee_for_weight(funded.weight, FEERATE)
    assert tx_weight(tx) <= funded.weight
    stack = witness(tx)
    assert stack[0] == b"" and stack[3] == world.plans[2].preimage
    assert stack[1][-1] == 0x83 and stack[2][-1] == SIGHASH_ALL
    wscript = htlc_tx.witness_script
    amount = htlc_tx.commitment_output.amount_sat
    assert verify_digest(htlc_tx.keys.remote_htlc_pubkey,
                         segwit_sighash(tx, 0, wscript, amount, 0x83), stack[1][:-1])
    assert verify_digest(htlc_tx.keys.local_htlc_pubkey,
                         segwit_sighash(tx, 0, wscript, amount, SIGHASH_ALL), stack[2][:-1])
    coin_stack = witness(tx, 1)
    assert coin_stack[1] == pubkey_from_secret(coin_key)
    with pytest.raises(SweepError, match="preimage"):
        fund_htlc_tx(htlc_tx, remote_sig, local_key, [coin], change, FEERATE, b"\x00" * 32)
    with pytest.raises(SweepError, match="does not verify"):
        fund_htlc_tx(htlc_tx, remote_sig[:-1] + b"\x01", local_key, [coin], change, FEERATE,
                     world.plans[2].preimage)
    with pytest.raises(SweepError, match="does not match"):
        fund_htlc_tx(htlc_tx, remote_sig, b"\x09" * 32, [coin], change, FEERATE,
                     world.plans[2].preimage)
    with pytest.raises(SweepDustError):
        fund_htlc_tx(htlc_tx, remote_sig, local_key, [WalletCoin(coin.txid, 3, 600, coin_key)],
                     change, FEERATE, world.plans[2].preimage)
    timeout_tx, remote_t, _ = world.htlc_tx(ctx, world.plans[0])
    funded_t = fund_htlc_tx(timeout_tx, remote_t, local_key, [coin], change, FEERATE)
    assert funded_t.tx.nLockTime == world.plans[0].cltv_expiry
    assert witness(funded_t.tx)[3] == b""


def test_anchor_cpfp_and_anyone_spend(world):
    ctx = world.commitment("alice", 1)
    if not world.channel_type.anchors:
        assert ctx.output_of(OutputKind.LOCAL_ANCHOR) is None
        return
    parent = world.signed(ctx)
    ours = ctx.output_of(OutputKind.LOCAL_ANCHOR)
    coin_key = b"\x06" * 32
    coin = WalletCoin(sha256(b"coin2"), 0, 50_000, coin_key)
    child = anchor_cpfp(world.info_a, parent, ctx.fee_sat, ours, [coin], DEST, 5_000)
    assert verify_sweep(child)
    assert child.kinds == (SweepKind.ANCHOR, SweepKind.WALLET_COIN)
    package = fee_for_weight(child.weight + tx_weight(parent), 5_000)
    assert child.fee_sat == package - ctx.fee_sat
    assert witness(child.tx)[1:] == [ours.witness_script]
    # Bob's anchor on Alice's commitment is not Alice's to sign, but anyone's after 16 blocks.
    theirs = ctx.output_of(OutputKind.REMOTE_ANCHOR)
    with pytest.raises(SweepError, match="not ours"):
        anchor_input(world.info_a, ctx.txid, theirs)
    anyone = anchor_input(world.info_a, ctx.txid, theirs, anyone=True)
    assert anyone.sequence == 16 and anyone.privkey is None
    sweep = build_sweep([anyone, coin.as_input()], DEST, FEERATE)
    assert witness(sweep.tx) == [b"", theirs.witness_script]
    check_sweep_figures(sweep)
    with pytest.raises(SweepDustError):  # 330 sat alone cannot pay for itself
        build_sweep([anyone], DEST, FEERATE)
    with pytest.raises(SweepError, match="not an anchor"):
        anchor_input(world.info_a, ctx.txid, ctx.output_of(OutputKind.TO_LOCAL))


# -- 2. their commitment ---------------------------------------------------------------------


def test_their_commitment_claims(world):
    ctx = world.commitment("bob", 4)
    point = world.point("bob", 4)
    txid = ctx.txid
    to_remote = to_remote_input(world.info_a, txid, ctx.output_of(OutputKind.TO_REMOTE))
    # Bob offered plans[2] (Alice received it): Alice claims it with the preimage.
    bob_offered = ctx.output_for_htlc(HtlcDirection.OFFERED, 0)
    claim = their_offered_htlc_input(world.info_a, point, txid, bob_offered,
                                     world.plans[2].preimage)
    # Bob received plans[0] (Alice offered it): Alice takes it back after the timeout.
    bob_received = ctx.output_for_htlc(HtlcDirection.RECEIVED, 0)
    timeout = their_received_htlc_input(world.info_a, point, txid, bob_received)
    sweep = build_sweep([to_remote, claim, timeout], DEST, FEERATE)
    check_sweep_figures(sweep)
    tx = sweep.tx
    assert tx.nLockTime == world.plans[0].cltv_expiry
    csv = 1 if world.channel_type.anchors else SEQUENCE_RBF
    assert [v.nSequence for v in tx.vin] == [csv, csv, csv]
    if world.channel_type.anchors:
        assert witness(tx, 0)[1:] == [scripts.to_remote_anchor_script(world.alice.payment_basepoint)]
    else:
        assert witness(tx, 0)[1:] == [world.alice.payment_basepoint]
    assert witness(tx, 1)[1:] == [world.plans[2].preimage, bob_offered.witness_script]
    assert witness(tx, 2)[1:] == [b"", bob_received.witness_script]


def test_their_commitment_bad_inputs(world):
    ctx = world.commitment("bob", 4)
    point = world.point("bob", 4)
    offered = ctx.output_for_htlc(HtlcDirection.OFFERED, 0)
    with pytest.raises(SweepError, match="preimage"):
        their_offered_htlc_input(world.info_a, point, ctx.txid, offered, world.plans[0].preimage)
    with pytest.raises(SweepError):
        their_offered_htlc_input(world.info_a, world.point("bob", 5), ctx.txid, offered,
                                 world.plans[2].preimage)
    with pytest.raises(SweepError, match="received_htlc"):
        their_received_htlc_input(world.info_a, point, ctx.txid, offered)
    with pytest.raises(SweepError):
        to_remote_input(world.info_a, ctx.txid, ctx.output_of(OutputKind.TO_LOCAL))
    # Bob's to_remote on Alice's commitment is not ours.
    with pytest.raises(SweepError):
        to_remote_input(world.info_a, ctx.txid,
                        world.commitment("alice", 4).output_of(OutputKind.TO_REMOTE))


# -- 3. justice ------------------------------------------------------------------------------


def test_justice_takes_every_output(world):
    ctx = world.commitment("bob", 0)
    revoked = world.signed(ctx)
    sweeps = justice_txs(world.info_a, revoked, world.secret("bob", 0), DEST, FEERATE,
                         htlcs=world.htlcs("bob"))
    assert len(sweeps) == 1
    sweep = sweeps[0]
    check_sweep_figures(sweep)
    wanted = {o.index for o in ctx.outputs
              if o.kind not in (OutputKind.LOCAL_ANCHOR, OutputKind.REMOTE_ANCHOR)}
    assert {v.prevout.n for v in sweep.tx.vin} == wanted
    revocation_pubkey = ctx.spec.keys.revocation_pubkey
    for n, item in enumerate(sweep.inputs):
        stack = witness(sweep.tx, n)
        if item.kind is SweepKind.REVOKED_TO_LOCAL:
            assert stack[1] == b"\x01"
        elif item.kind is SweepKind.REVOKED_HTLC:
            assert stack[1] == revocation_pubkey
        else:
            assert item.kind is SweepKind.TO_REMOTE
    without = justice_txs(world.info_a, revoked, world.secret("bob", 0), DEST, FEERATE,
                          htlcs=world.htlcs("bob"), include_to_remote=False)[0]
    assert SweepKind.TO_REMOTE not in without.kinds


def test_justice_after_second_stage(world):
    ctx = world.commitment("bob", 0)
    revoked = world.signed(ctx)
    # Bob publishes an HTLC-success for the HTLC Alice offered him (plans[0]).
    htlc_tx, remote_sig, local_sig = world.htlc_tx(ctx, world.plans[0])
    stage = htlc_tx.signed(remote_sig, local_sig, world.plans[0].preimage)
    groups = justice_inputs(world.info_a, revoked, world.secret("bob", 0),
                            world.htlcs("bob"), [stage])
    assert len(groups) == 2
    first_outpoints = {(i.txid, i.index) for i in groups[0]}
    assert (stage.vin[0].prevout.hash, stage.vin[0].prevout.n) not in first_outpoints
    assert [i.kind for i in groups[1]] == [SweepKind.REVOKED_HTLC_TX_OUTPUT]
    assert groups[1][0].txid == stage.GetTxid()
    sweeps = justice_txs(world.info_a, revoked, world.secret("bob", 0), DEST, FEERATE,
                         world.htlcs("bob"), [stage])
    for sweep in sweeps:
        check_sweep_figures(sweep)
    assert witness(sweeps[1].tx)[1] == b"\x01"
    assert sweeps[1].tx.vin[0].nSequence == SEQUENCE_RBF


def test_justice_bad_inputs(world):
    ctx = world.commitment("bob", 0)
    revoked = world.signed(ctx)
    # The wrong secret: no output matches but the to_remote, which pays us anyway.
    sweeps = justice_txs(world.info_a, revoked, world.secret("bob", 1), DEST, FEERATE,
                         htlcs=world.htlcs("bob"))
    assert sweeps[0].kinds == (SweepKind.TO_REMOTE,)
    with pytest.raises(SweepError, match="no output"):
        justice_txs(world.info_a, revoked, world.secret("bob", 1), DEST, FEERATE,
                    include_to_remote=False)
    other = CTransaction([CTxIn(COutPoint(b"\x01" * 32, 0))], revoked.vout)
    with pytest.raises(SweepError, match="funding output"):
        justice_txs(world.info_a, other, world.secret("bob", 0), DEST, FEERATE)
    with pytest.raises(SweepError, match="second-stage"):
        justice_inputs(world.info_a, revoked, world.secret("bob", 0), (), [other])
    with pytest.raises(InputError):
        justice_txs(world.info_a, revoked, b"\x00" * 32, DEST, FEERATE)


def test_identify_outputs_matches_built_commitment(world):
    ctx = world.commitment("bob", 7)
    found = identify_outputs(
        world.signed(ctx), ctx.spec.keys, world.channel_type, BOB_DELAY,
        local_funding_pubkey=world.bob.funding_pubkey,
        remote_funding_pubkey=world.alice.funding_pubkey, htlcs=world.htlcs("bob"),
    )
    assert tuple(found) == ctx.outputs
    assert identify_outputs(
        world.signed(ctx), ctx.spec.keys, world.channel_type, BOB_DELAY + 1,
        local_funding_pubkey=world.bob.funding_pubkey,
        remote_funding_pubkey=world.alice.funding_pubkey,
    ) == [o for o in ctx.outputs if o.kind in (OutputKind.TO_REMOTE, OutputKind.LOCAL_ANCHOR,
                                               OutputKind.REMOTE_ANCHOR)]


# -- 4. classification and mutual close ------------------------------------------------------


def test_classify_funding_spends(world):
    ours = world.signed(world.commitment("alice", 5))
    theirs = world.signed(world.commitment("bob", 5))
    revoked = world.signed(world.commitment("bob", 2))
    future = world.signed(world.commitment("bob", 9))
    known = dict(our_commitments={ours.GetTxid(): 5}, their_commitments={theirs.GetTxid(): 5},
                 their_revoked_below=5)
    cases = [
        (ours, CloseKind.OUR_COMMITMENT, 5),
        (theirs, CloseKind.THEIR_COMMITMENT, 5),
        (revoked, CloseKind.THEIR_REVOKED_COMMITMENT, 2),
        (future, CloseKind.UNKNOWN_COMMITMENT, 9),
    ]
    for tx, kind, number in cases:
        closing = classify_funding_spend(tx, world.info_a, **known)
        assert (closing.kind, closing.commitment_number) == (kind, number)
    # Bob's view: his own and Alice's, both sides compute the same obscuring factor.
    assert world.info_a.obscuring_factor == world.info_b.obscuring_factor
    closing = classify_funding_spend(ours, world.info_b, our_commitments={},
                                     their_commitments={}, their_revoked_below=6)
    assert closing.kind is CloseKind.THEIR_REVOKED_COMMITMENT and closing.commitment_number == 5
    mine = scripts.p2wpkh(world.alice.payment_basepoint)
    other = scripts.p2wpkh(world.bob.payment_basepoint)
    funding = COutPoint(world.funding_txid, world.funding_index)
    mutual = CTransaction([CTxIn(funding, nSequence=0xFFFFFFFF)],
                          [CTxOut(400_000, CScript(other)), CTxOut(590_000, CScript(mine))], 0, 2)
    assert classify_funding_spend(mutual, world.info_a, **known).kind is CloseKind.MUTUAL_CLOSE
    assert our_closing_output(mutual, mine) == 1
    assert our_closing_output(mutual, DEST) is None
    stranger = CTransaction([CTxIn(COutPoint(b"\x02" * 32, 0))], mutual.vout, 0, 2)
    with pytest.raises(SweepError, match="funding output"):
        classify_funding_spend(stranger, world.info_a, **known)


# -- the generic builder ---------------------------------------------------------------------


def _input(amount: int = 10_000, **kw) -> SweepInput:
    key = b"\x03" * 32
    pub = pubkey_from_secret(key)
    from wallet.ln.enforcement.sweep_tx import p2pkh_code

    args = dict(kind=SweepKind.WALLET_COIN, txid=b"\x04" * 32, index=0, amount_sat=amount,
                script_code=p2pkh_code(pub), privkey=key, witness_items=(pub,))
    args.update(kw)
    return SweepInput(**args)


def test_build_sweep_bad_inputs():
    with pytest.raises(SweepError, match="at least one"):
        build_sweep([], DEST, FEERATE)
    with pytest.raises(SweepError, match="twice"):
        build_sweep([_input(), _input()], DEST, FEERATE)
    with pytest.raises(SweepError, match="destination"):
        build_sweep([_input()], b"", FEERATE)
    with pytest.raises(SweepError, match="feerate"):
        build_sweep([_input()], DEST, -1)
    with pytest.raises(SweepError, match="txid"):
        _input(txid=b"\x04")
    with pytest.raises(SweepError, match="amount"):
        _input(amount=-5)
    with pytest.raises(SweepError, match="nSequence"):
        _input(sequence=1 << 32)
    with pytest.raises(SweepError, match="locktime"):
        build_sweep([_input(sequence=0xFFFFFFFF, locktime=10)], DEST, FEERATE)
    with pytest.raises(SweepDustError, match="dust"):
        build_sweep([_input(amount=400)], DEST, FEERATE)


def test_dust_edge_and_fee_rounding():
    sweep = build_sweep([_input()], DEST, 253)
    assert sweep.fee_sat == -(-sweep.weight * 253 // 1000)
    edge = sweep.fee_sat + dust_threshold(DEST)
    assert build_sweep([_input(amount=edge)], DEST, 253).output_sat == dust_threshold(DEST)
    with pytest.raises(SweepDustError):
        build_sweep([_input(amount=edge - 1)], DEST, 253)
    assert dust_threshold(DEST) == 294
    assert dust_threshold(scripts.p2wsh(b"\x51")) == 330


def test_sweep_weight_is_what_build_sweep_pays_for():
    """The planner asks `sweep_weight` whether an output is worth anything at the relay
    floor before spending a fee on the transaction that would create it."""
    inputs = [_input(amount=500)]
    assert sweep_weight(inputs, DEST) == build_sweep([_input()], DEST, 253).weight
    floor_fee = fee_for_weight(sweep_weight(inputs, DEST), RELAY_FLOOR_PER_KW)
    assert RELAY_FLOOR_PER_KW == 253 and 100 < floor_fee < 200
    with pytest.raises(SweepError, match="at least one input"):
        sweep_weight([], DEST)
    with pytest.raises(SweepError, match="twice"):
        sweep_weight(inputs * 2, DEST)


def test_wallet_coin_signature_verifies():
    coin = WalletCoin(b"\x08" * 32, 2, 30_000, b"\x0a" * 32)
    sweep = build_sweep([coin.as_input()], DEST, FEERATE)
    check_sweep_figures(sweep)
    stack = witness(sweep.tx)
    assert stack[1] == pubkey_from_secret(b"\x0a" * 32)



def test_channel_info_bad_inputs(world):
    from dataclasses import replace

    from wallet.ln.enforcement.channel_info import PeerBasepoints

    with pytest.raises(SweepError, match="funding_txid"):
        replace(world.info_a, funding_txid=b"\x00")
    with pytest.raises(SweepError, match="our_to_self_delay"):
        replace(world.info_a, our_to_self_delay=1 << 16)
    with pytest.raises(SweepError, match="channel_type"):
        replace(world.info_a, channel_type="anchors")
    with pytest.raises(SweepError, match="lack"):
        replace(world.info_a, ours=object())
    with pytest.raises(SweepError, match="peer htlc_basepoint"):
        replace(world.info_a.peer, htlc_basepoint=b"\x02" + b"\x00" * 32)
    assert isinstance(world.info_a.peer, PeerBasepoints)


@settings(max_examples=40, deadline=None)
@given(
    amounts=st.lists(st.integers(min_value=0, max_value=5 * 10**6), min_size=1, max_size=4),
    feerate=st.integers(min_value=0, max_value=50_000),
)
def test_build_sweep_accounts_to_the_satoshi(amounts, feerate):
    inputs = [_input(amount=a, index=n) for n, a in enumerate(amounts)]
    try:
        sweep = build_sweep(inputs, DEST, feerate)
    except SweepDustError:
        if sum(amounts) >= dust_threshold(DEST):  # the fee, not the amounts, made it dust
            weight = build_sweep(inputs, DEST, 0).weight
            assert sum(amounts) - fee_for_weight(weight, feerate) < dust_threshold(DEST)
        return
    assert verify_sweep(sweep)
    assert sweep.tx.vout[0].nValue + sweep.fee_sat == sum(amounts)
    assert sweep.tx.vout[0].nValue >= dust_threshold(DEST)
    assert sweep.fee_sat * 1000 >= tx_weight(sweep.tx) * feerate


def test_their_commitment_inputs_by_height(world):
    from wallet.ln.enforcement.sweeps import their_commitment_inputs

    ctx = world.commitment("bob", 4)
    point = world.point("bob", 4)
    preimages = {sha256(world.plans[2].preimage): world.plans[2].preimage}
    cltv = world.plans[0].cltv_expiry
    early = their_commitment_inputs(world.info_a, point, ctx.txid, ctx.outputs, preimages,
                                    cltv - 1)
    assert {i.kind for i in early} == {SweepKind.THEIR_OFFERED_HTLC_PREIMAGE, SweepKind.TO_REMOTE}
    assert len(early) == 2
    ready = their_commitment_inputs(world.info_a, point, ctx.txid, ctx.outputs, preimages, cltv)
    timeouts = [i for i in ready if i.kind is SweepKind.THEIR_RECEIVED_HTLC_TIMEOUT]
    assert [i.locktime for i in timeouts] == [cltv]
    everything = their_commitment_inputs(world.info_a, point, ctx.txid, ctx.outputs,
                                         world.preimages(), 10**6)
    assert len(everything) == len([o for o in ctx.outputs if o.kind not in (
        OutputKind.TO_LOCAL, OutputKind.LOCAL_ANCHOR, OutputKind.REMOTE_ANCHOR)])
    check_sweep_figures(build_sweep(everything, DEST, FEERATE))
