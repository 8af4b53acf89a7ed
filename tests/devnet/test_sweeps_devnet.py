"""BOLT 5 sweeps against real consensus: bcoin (regtest) on the devnet checks every script
path, CSV and CLTV lock, signature and fee of the transactions wallet/ln/enforcement/sweeps.py builds.

Each scenario funds its own 2-of-2 funding output (the test holds both parties' keys),
publishes a commitment built by commitment.py, sweeps it, mines, and checks that every
sweep is in a block and that amounts add up to the satoshi.
"""

from __future__ import annotations

import secrets

import pytest
from bitcoin.core import CTransaction

from tests.ln.enforcement.test_sweeps_world import ALICE_DELAY, FUNDING_SAT, World
from wallet.bech32 import encode_segwit_address
from wallet.devnet.node_rpc import NodeRpcError
from wallet.devnet.processes import DevnetError
from wallet.devnet.stack import check_installed
from wallet.ln.enforcement.funding_spend import CloseKind, classify_funding_spend
from wallet.ln.enforcement.sweep_tx import Sweep, WalletCoin, build_sweep, verify_sweep
from wallet.ln.enforcement.sweeps import (
    anchor_cpfp,
    anchor_input,
    fund_htlc_tx,
    htlc_tx_output_input,
    justice_txs,
    our_htlc_privkey,
    our_to_local_input,
    their_offered_htlc_input,
    their_received_htlc_input,
    to_remote_input,
)
from wallet.ln.tx import scripts
from wallet.ln.tx.commitment_tx import ChannelType, CommitmentTx, HtlcDirection, OutputKind
from wallet.ln.tx.keys import pubkey_from_secret

try:
    check_installed()
    _missing = None
except DevnetError as e:
    _missing = str(e)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(_missing is not None, reason=f"devnet not installed: {_missing}"),
]

TYPES = [ChannelType.STATIC_REMOTEKEY, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX]
FEERATE = 1_000  # sat per 1000 weight units: 4 sat/vB


@pytest.fixture(scope="module")
def devnet(shared_devnet):
    return shared_devnet


# -- chain helpers ---------------------------------------------------------------------------


def hex_txid(tx: CTransaction) -> str:
    return tx.GetTxid()[::-1].hex()


def send(devnet, tx: CTransaction) -> None:
    assert devnet.rpc("sendrawtransaction", tx.serialize().hex()) == hex_txid(tx)


def rejected(devnet, tx: CTransaction) -> str:
    with pytest.raises(NodeRpcError) as info:
        devnet.rpc("sendrawtransaction", tx.serialize().hex())
    return str(info.value)


def mine_with(devnet, *txs: CTransaction) -> None:
    """Mine one block and check every tx is in it."""
    (block_hash,) = devnet.mine(1, wait=False)
    in_block = set(devnet.rpc("getblock", block_hash)["tx"])
    missing = [hex_txid(t) for t in txs if hex_txid(t) not in in_block]
    assert not missing, f"not mined: {missing}"


def mine_to(devnet, height: int) -> None:
    if devnet.height() < height:
        devnet.mine(height - devnet.height(), wait=False)


def fresh_script() -> bytes:
    return scripts.p2wpkh(pubkey_from_secret(secrets.token_bytes(32)))


def address(script_pubkey: bytes) -> str:
    return encode_segwit_address("bcrt", script_pubkey[0], script_pubkey[2:])


def fund(devnet, script_pubkey: bytes, amount: int) -> tuple[bytes, int]:
    txid = devnet.fund(address(script_pubkey), amount, wait=False)
    tx = CTransaction.deserialize(bytes.fromhex(devnet.rpc("getrawtransaction", txid, 0)))
    vout = next(i for i, o in enumerate(tx.vout) if bytes(o.scriptPubKey) == script_pubkey)
    return bytes.fromhex(txid)[::-1], vout


def wallet_coin(devnet, amount: int = 100_000) -> WalletCoin:
    key = secrets.token_bytes(32)
    txid, vout = fund(devnet, scripts.p2wpkh(pubkey_from_secret(key)), amount)
    return WalletCoin(txid, vout, amount, key)


def open_channel(devnet, channel_type: ChannelType, tag: int) -> World:
    probe = World(channel_type, b"\x00" * 32, 0, 0, seed_tag=tag)
    txid, vout = fund(devnet, probe.funding_script_pubkey(), FUNDING_SAT)
    devnet.mine(1, wait=False)
    return World(channel_type, txid, vout, devnet.height(), seed_tag=tag)


def amounts_add_up(sweep: Sweep, spent: dict[tuple[bytes, int], int]) -> None:
    """The sweep's inputs are worth what the chain says, and outputs + fee == inputs."""
    assert verify_sweep(sweep)
    total = sum(spent[(bytes(v.prevout.hash), v.prevout.n)] for v in sweep.tx.vin)
    assert total == sweep.input_sat
    assert sum(o.nValue for o in sweep.tx.vout) + sweep.fee_sat == total


def outputs_of(*txs: CTransaction) -> dict[tuple[bytes, int], int]:
    return {(t.GetTxid(), n): o.nValue for t in txs for n, o in enumerate(t.vout)}


def publish_commitment(devnet, world: World, ctx: CommitmentTx) -> CTransaction:
    tx = world.signed(ctx)
    send(devnet, tx)
    return tx


# -- (a) (b) (e): our commitment -------------------------------------------------------------


@pytest.mark.parametrize("channel_type", TYPES, ids=lambda t: t.value)
def test_our_commitment_is_swept(devnet, channel_type):
    world = open_channel(devnet, channel_type, 10 + TYPES.index(channel_type))
    coins = [wallet_coin(devnet), wallet_coin(devnet), wallet_coin(devnet, 20_000)]
    devnet.mine(1, wait=False)
    ctx = world.commitment("alice", 1)
    commitment = publish_commitment(devnet, world, ctx)
    closing = classify_funding_spend(commitment, world.info_a,
                                     our_commitments={ctx.txid: 1}, their_commitments={},
                                     their_revoked_below=0)
    assert closing.kind is CloseKind.OUR_COMMITMENT
    mined = [commitment]
    spent = outputs_of(commitment)
    if channel_type.anchors:  # (e) bump the commitment through our anchor (CPFP)
        coin = coins[0]
        anchor = ctx.output_of(OutputKind.LOCAL_ANCHOR)
        child = anchor_cpfp(world.info_a, commitment, ctx.fee_sat, anchor, [coin],
                            fresh_script(), 5_000)
        send(devnet, child.tx)
        amounts_add_up(child, {**spent, (coin.txid, coin.index): coin.amount_sat})
        mined.append(child.tx)
    mine_with(devnet, *mined)
    confirmed_at = devnet.height()

    # (b) HTLC-success with the preimage, HTLC-timeout after its cltv_expiry (refused one
    # block early); with anchors each gets its fee from a wallet input.
    coin = coins[1] if channel_type.anchors else None
    local_key = our_htlc_privkey(world.info_a, 1)
    second = []
    for plan, preimage in ((world.plans[2], world.plans[2].preimage), (world.plans[0], None)):
        htlc_tx, remote_sig, local_sig = world.htlc_tx(ctx, plan)
        if coin:
            change = scripts.p2wpkh(pubkey_from_secret(coin.privkey))
            funded = fund_htlc_tx(htlc_tx, remote_sig, local_key, [coin], change, FEERATE,
                                  preimage)
            tx = funded.tx
            assert sum(o.nValue for o in tx.vout) + funded.fee_sat == (
                htlc_tx.commitment_output.amount_sat + coin.amount_sat)
            next_coin = WalletCoin(tx.GetTxid(), 1, funded.change_sat, coin.privkey)
        else:
            tx = htlc_tx.signed(remote_sig, local_sig, preimage)
        if preimage is None:
            assert devnet.height() < plan.cltv_expiry
            mine_to(devnet, plan.cltv_expiry - 1)
            assert "non-final" in rejected(devnet, tx)
            mine_to(devnet, plan.cltv_expiry)
        send(devnet, tx)
        mine_with(devnet, tx)
        if coin:
            coin = next_coin
        second.append(tx)
    stage_at = devnet.height()  # the later HTLC transaction's block

    # (a) to_local: one block early bcoin refuses it (BIP 68), then accepts it.
    to_local = ctx.output_of(OutputKind.TO_LOCAL)
    sweep = build_sweep([our_to_local_input(world.info_a, 1, to_local, ctx.txid)],
                        fresh_script(), FEERATE)
    amounts_add_up(sweep, spent)
    assert devnet.height() < confirmed_at + ALICE_DELAY - 2
    mine_to(devnet, confirmed_at + ALICE_DELAY - 2)
    assert "non-BIP68-final" in rejected(devnet, sweep.tx)
    devnet.mine(1, wait=False)
    send(devnet, sweep.tx)
    mine_with(devnet, sweep.tx)

    # ... and the HTLC transactions' outputs after to_self_delay (one block early: refused).
    sweep = build_sweep([htlc_tx_output_input(world.info_a, 1, tx) for tx in second],
                        fresh_script(), FEERATE)
    amounts_add_up(sweep, outputs_of(*second))
    assert devnet.height() < stage_at + ALICE_DELAY - 2
    mine_to(devnet, stage_at + ALICE_DELAY - 2)
    assert "non-BIP68-final" in rejected(devnet, sweep.tx)
    devnet.mine(1, wait=False)
    send(devnet, sweep.tx)
    mine_with(devnet, sweep.tx)

    if channel_type.anchors:  # (e) Bob's anchor: anyone's after 16 blocks, with a fee coin
        fee_coin = coins[2]
        mine_to(devnet, confirmed_at + 14)
        theirs = ctx.output_of(OutputKind.REMOTE_ANCHOR)
        anyone = anchor_input(world.info_a, ctx.txid, theirs, anyone=True)
        sweep = build_sweep([anyone, fee_coin.as_input()], fresh_script(), FEERATE)
        amounts_add_up(sweep, {**spent, (fee_coin.txid, fee_coin.index): 20_000})
        assert "non-BIP68-final" in rejected(devnet, sweep.tx)
        devnet.mine(1, wait=False)
        send(devnet, sweep.tx)
        mine_with(devnet, sweep.tx)


# -- (c): their current commitment -----------------------------------------------------------


@pytest.mark.parametrize("channel_type", TYPES, ids=lambda t: t.value)
def test_their_commitment_is_claimed(devnet, channel_type):
    world = open_channel(devnet, channel_type, 20 + TYPES.index(channel_type))
    ctx = world.commitment("bob", 3)
    commitment = publish_commitment(devnet, world, ctx)
    closing = classify_funding_spend(commitment, world.info_a, our_commitments={},
                                     their_commitments={ctx.txid: 3}, their_revoked_below=3)
    assert closing.kind is CloseKind.THEIR_COMMITMENT
    point = world.point("bob", 3)
    spent = outputs_of(commitment)
    to_remote = to_remote_input(world.info_a, ctx.txid, ctx.output_of(OutputKind.TO_REMOTE))
    claim = their_offered_htlc_input(world.info_a, point, ctx.txid,
                                     ctx.output_for_htlc(HtlcDirection.OFFERED, 0),
                                     world.plans[2].preimage)
    first = build_sweep([to_remote, claim], fresh_script(), FEERATE)
    amounts_add_up(first, spent)
    if channel_type.anchors:  # 1-block CSV: not while the commitment is unconfirmed
        assert "non-BIP68-final" in rejected(devnet, first.tx)
        mine_with(devnet, commitment)
    send(devnet, first.tx)
    mine_with(devnet, *([first.tx] if channel_type.anchors else [commitment, first.tx]))

    received = ctx.output_for_htlc(HtlcDirection.RECEIVED, 0)
    timeout = build_sweep([their_received_htlc_input(world.info_a, point, ctx.txid, received)],
                          fresh_script(), FEERATE)
    amounts_add_up(timeout, spent)
    assert timeout.tx.nLockTime == world.plans[0].cltv_expiry
    mine_to(devnet, world.plans[0].cltv_expiry - 1)
    assert "non-final" in rejected(devnet, timeout.tx)
    devnet.mine(1, wait=False)
    send(devnet, timeout.tx)
    mine_with(devnet, timeout.tx)


# -- (d): their revoked commitment -----------------------------------------------------------


@pytest.mark.parametrize("channel_type", TYPES, ids=lambda t: t.value)
def test_justice_takes_everything(devnet, channel_type):
    world = open_channel(devnet, channel_type, 30 + TYPES.index(channel_type))
    old = world.commitment("bob", 0, to_alice_sat=500_000)
    revoked = publish_commitment(devnet, world, old)
    closing = classify_funding_spend(revoked, world.info_a, our_commitments={},
                                     their_commitments={b"\x00" * 32: 1}, their_revoked_below=1)
    assert closing == type(closing)(CloseKind.THEIR_REVOKED_COMMITMENT, 0)
    mine_with(devnet, revoked)
    (justice,) = justice_txs(world.info_a, revoked, world.secret("bob", 0), fresh_script(),
                             FEERATE, htlcs=world.htlcs("bob"))
    amounts_add_up(justice, outputs_of(revoked))
    anchors = {o.index for o in old.outputs
               if o.kind in (OutputKind.LOCAL_ANCHOR, OutputKind.REMOTE_ANCHOR)}
    assert {v.prevout.n for v in justice.tx.vin} == set(range(len(revoked.vout))) - anchors
    send(devnet, justice.tx)
    mine_with(devnet, justice.tx)


@pytest.mark.parametrize("channel_type", TYPES, ids=lambda t: t.value)
def test_justice_after_their_second_stage(devnet, channel_type):
    world = open_channel(devnet, channel_type, 40 + TYPES.index(channel_type))
    old = world.commitment("bob", 0, to_alice_sat=500_000)
    revoked = publish_commitment(devnet, world, old)
    mine_with(devnet, revoked)
    # Bob claims the HTLC Alice offered him with its preimage (HTLC-success).
    plan = world.plans[0]
    htlc_tx, remote_sig, local_sig = world.htlc_tx(old, plan)
    if channel_type.anchors:
        coin = wallet_coin(devnet)
        devnet.mine(1, wait=False)
        bob_key = our_htlc_privkey(world.info_b, 0)
        stage = fund_htlc_tx(htlc_tx, remote_sig, bob_key, [coin], fresh_script(), FEERATE,
                             plan.preimage).tx
    else:
        stage = htlc_tx.signed(remote_sig, local_sig, plan.preimage)
    send(devnet, stage)
    mine_with(devnet, stage)
    sweeps = justice_txs(world.info_a, revoked, world.secret("bob", 0), fresh_script(),
                         FEERATE, htlcs=world.htlcs("bob"), second_stage=[stage])
    assert len(sweeps) == 2
    for sweep in sweeps:
        amounts_add_up(sweep, outputs_of(revoked, stage))
        send(devnet, sweep.tx)
    mine_with(devnet, *(s.tx for s in sweeps))
    taken = sum(s.input_sat for s in sweeps)
    anchors = sum(o.amount_sat for o in old.outputs
                  if o.kind in (OutputKind.LOCAL_ANCHOR, OutputKind.REMOTE_ANCHOR))
    # Everything but the anchors and the fee Bob's HTLC-success paid is ours.
    stage_fee = htlc_tx.commitment_output.amount_sat - stage.vout[0].nValue
    assert taken == FUNDING_SAT - old.fee_sat - anchors - stage_fee
