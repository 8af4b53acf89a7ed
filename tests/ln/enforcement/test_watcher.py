"""The BOLT 5 watcher's decisions (wallet/ln/enforcement/close_plan.py), driven on a simulated chain.

Two channel machines (tests/test_channel_harness.Pair) build real commitments with HTLCs
pending both ways; the HTLC log is the real SQLite one (ChannelStore). A small chain
simulation accepts the transactions both watchers ask to broadcast (first seen wins, as a
mempool does), mines them and advances the tip, until both watchers say the channel is
resolved; then every output is followed to the wallet it ended in, to the satoshi.
Script validity itself is checked against bcoin in tests/devnet/test_watcher_devnet.py.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bitcoin.core import COutPoint, CTransaction, CTxIn, CTxOut
from bitcoin.core.script import CScript
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as hst

from tests.support.channel_pair import Pair, p2wpkh_script
from wallet.hashes import hash160, sha256
from wallet.ln.channel import events as ev
from wallet.ln.channel.params import ChannelPolicy
from wallet.ln.enforcement.close_plan import (
    IRREVERSIBLE_DEPTH,
    ChainView,
    CloseData,
    Plan,
    Spend,
    WatcherError,
    plan,
)
from wallet.ln.enforcement.funding_spend import CloseKind
from wallet.ln.enforcement.sweep_tx import RELAY_FLOOR_PER_KW, WalletCoin, fee_for_weight, tx_weight
from wallet.ln.store.channel_store import ChannelStore
from wallet.ln.tx.commitment_tx import ChannelType
from wallet.ln.tx.htlc_tx import HtlcTxKind
from wallet.storage.database import Database

FEERATE = 1_000
START = 599_900  # the harness's HTLCs expire at 600_000
DEST_A, DEST_B = p2wpkh_script(0xA1), p2wpkh_script(0xB1)


class LoggedPair(Pair):
    """A Pair whose nodes save every persisted state into a real ChannelStore (and so
    keep the HTLC log), as the channel shell does."""

    def __init__(self, store: ChannelStore,
                 channel_type: ChannelType = ChannelType.STATIC_REMOTEKEY, **kw) -> None:
        super().__init__(channel_type, **kw)
        self.store = store
        for node in (self.a, self.b):
            store.create(self.index(node), bytes(33), None, node.state)

    def index(self, node) -> int:
        return 1 if node is self.a else 2

    def step(self, node, event):
        actions = super().step(node, event)
        if any(isinstance(x, ev.PersistState) for x in actions):
            self.store.save(self.index(node), node.persisted)
        return actions


@dataclass
class Htlcs:
    known_to_payee: list = field(default_factory=list)
    unknown_to_payee: list = field(default_factory=list)


def pending_both_ways(tmp_path, channel_type: ChannelType = ChannelType.STATIC_REMOTEKEY
                      ) -> tuple[LoggedPair, dict]:
    """An open channel with, pending: a->b 50k (b knows the preimage) and 30k (b does
    not), b->a 40k (a knows) and 20k (a does not), and a dust HTLC a->b."""
    store = ChannelStore(Database(tmp_path / "w.sqlite"))
    pair = LoggedPair(store, channel_type)
    pair.open()
    a, b = pair.a, pair.b
    first = pair.add(a, 400_000_000)
    pair.step(a, ev.CmdSign())
    pair.run()
    pair.step(b, ev.CmdFulfillHtlc(first[0], first[1]))
    pair.step(b, ev.CmdSign())
    pair.run()
    h = {
        "ab_known": pair.add(a, 50_000_000),
        "ab_unknown": pair.add(a, 30_000_000),
        "ab_dust": pair.add(a, 300_000),
        "ba_known": pair.add(b, 40_000_000),
        "ba_unknown": pair.add(b, 20_000_000),
    }
    pair.step(a, ev.CmdSign())
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    assert len(a.c.local_commit.view.htlcs) == 5
    return pair, h


def preimages_of(h: dict, *names: str) -> dict[bytes, bytes]:
    return {sha256(h[n][1]): h[n][1] for n in names}


def close_data(pair: LoggedPair, node, dest: bytes) -> CloseData:
    return CloseData(node.c, node.keys, dest, tuple(pair.store.htlc_log(pair.index(node))))


class SimChain:
    """Transactions by txid with their heights; spends by outpoint; first seen wins."""

    def __init__(self, funding: CTransaction, tip: int) -> None:
        self.tip = tip
        self.funding = (funding.GetTxid(), 1)
        self.txs: dict[bytes, tuple[CTransaction, int | None]] = {}
        self.spent: dict[tuple[bytes, int], bytes] = {}
        self.rejected = 0

    def submit(self, tx: CTransaction) -> bool:
        txid = tx.GetTxid()
        if txid in self.txs:
            return True
        prevouts = [(bytes(i.prevout.hash), i.prevout.n) for i in tx.vin]
        if any(p in self.spent for p in prevouts):
            self.rejected += 1
            return False
        for p in prevouts:
            self.spent[p] = txid
        self.txs[txid] = (tx, None)
        return True

    def mine(self, blocks: int = 1) -> None:
        self.tip += 1
        for txid, (tx, height) in list(self.txs.items()):
            if height is None:
                self.txs[txid] = (tx, self.tip)
        self.tip += blocks - 1

    def spend(self, outpoint) -> Spend | None:
        txid = self.spent.get(outpoint)
        if txid is None:
            return None
        tx, height = self.txs[txid]
        return Spend(tx, height)

    def view(self) -> ChainView:
        spends = {p: self.spend(p) for p in self.spent}
        return ChainView(self.tip, self.spend(self.funding), spends)

    def output(self, txid: bytes, index: int) -> CTxOut:
        return self.txs[txid][0].vout[index]


def drive(chain: SimChain, watchers: list, rounds: int = 1500,
          coins: dict | None = None) -> list[Plan]:
    """Run each watcher (data, preimages) every block, broadcasting what it asks; `coins`
    (by watcher position) are its wallet coins, less those spent so far. (1500 rounds:
    to_local and second-stage outputs wait the default 1,008-block delay.)"""
    plans: list[Plan] = []
    coins = coins or {}
    for _ in range(rounds):
        plans = [plan(data, chain.view(), pre, FEERATE,
                      [c for c in coins.get(n, []) if (c.txid, c.index) not in chain.spent])
                 for n, (data, pre) in enumerate(watchers)]
        for p in plans:
            for b in p.broadcast:
                chain.submit(b.tx)
        if all(p.resolved for p in plans):
            return plans
        chain.mine()
    raise AssertionError(f"not resolved: {[p.waiting for p in plans]}")


def final_destinations(chain: SimChain, txid: bytes, index: int) -> tuple[bytes, int]:
    """Follow an output through the spends to the script it ends at, and its amount."""
    while (txid, index) in chain.spent:
        txid = chain.spent[(txid, index)]
        index = 0
    out = chain.output(txid, index)
    return bytes(out.scriptPubKey), out.nValue


# -- force close by either side, HTLCs both ways ---------------------------------------------


@pytest.mark.parametrize("closer", ["a", "b"])
def test_force_close_resolves_every_htlc_and_output(tmp_path, closer) -> None:
    pair, h = pending_both_ways(tmp_path)
    a, b = pair.a, pair.b
    node = a if closer == "a" else b
    commitment = node.c.signed_local_commitment(node.keys)
    chain = SimChain(pair.funding_tx, START)
    chain.submit(commitment)
    chain.mine()
    data_a = close_data(pair, a, DEST_A)
    data_b = close_data(pair, b, DEST_B)
    pre_a = preimages_of(h, "ba_known")
    pre_b = preimages_of(h, "ab_known")
    first = [plan(data_a, chain.view(), pre_a, FEERATE), plan(data_b, chain.view(), pre_b,
                                                                   FEERATE)]
    ours, theirs = (first[0], first[1]) if closer == "a" else (first[1], first[0])
    assert ours.close is CloseKind.OUR_COMMITMENT
    assert theirs.close is CloseKind.THEIR_COMMITMENT
    assert not ours.resolved and not theirs.resolved
    plans = drive(chain, [(data_a, pre_a), (data_b, pre_b)])
    # every non-dust output of the commitment ended with the right side
    ctxid = commitment.GetTxid()
    ends = {}
    for index, out in enumerate(commitment.vout):
        ends[index] = final_destinations(chain, ctxid, index)
        assert (ctxid, index) in chain.spent or out.nValue < 1000  # only dust left
    by_amount = {out.nValue: ends[i][0] for i, out in enumerate(commitment.vout)}
    closer_dest, other_dest = (DEST_A, DEST_B) if closer == "a" else (DEST_B, DEST_A)
    # HTLCs: the payee with the preimage takes it; the others time out to the payer
    assert by_amount[50_000] == DEST_B  # a->b, b knew the preimage
    assert by_amount[30_000] == DEST_A  # a->b, timed out
    assert by_amount[40_000] == DEST_A  # b->a, a knew the preimage
    assert by_amount[20_000] == DEST_B  # b->a, timed out
    # the main outputs: b's balance exactly (a, the opener, pays the commitment fee)
    b_main = b.c.local_commit.view.to_local_msat // 1000
    mains = [v for v in by_amount if v not in (50_000, 30_000, 40_000, 20_000)]
    assert b_main in mains and by_amount[b_main] == DEST_B
    [a_main] = [v for v in mains if v != b_main]
    assert by_amount[a_main] == DEST_A
    assert {closer_dest, other_dest} == {DEST_A, DEST_B}
    # accounting: what both wallets received plus every fee is the funding amount
    received = sum(v for s, v in ends.values() if s in (DEST_A, DEST_B))
    fees = 1_000_000 - received
    assert 0 < fees < 20_000
    # the payer learned the preimage the payee used on chain
    payer_plan = plans[0]
    assert payer_plan.preimages.get(sha256(h["ab_known"][1])) == h["ab_known"][1]
    # and which of its payments failed: timed out, or trimmed (lost to fees)
    assert set(plans[0].unpaid) == {sha256(h["ab_unknown"][1]), sha256(h["ab_dust"][1])}
    assert set(plans[1].unpaid) == {sha256(h["ba_unknown"][1])}
    assert all(o.status in ("resolved", "dust") for p in plans for o in p.outputs)


def test_their_revoked_commitment_justice_takes_everything(tmp_path) -> None:
    pair, h = pending_both_ways(tmp_path)
    a, b = pair.a, pair.b
    old_b = b.c  # b keeps its old state with five HTLCs pending
    old_commitment = old_b.signed_local_commitment(b.keys)
    # every HTLC is settled: b's commitment above is revoked
    for name in ("ab_known", "ab_unknown", "ab_dust"):
        pair.step(b, ev.CmdFulfillHtlc(h[name][0], h[name][1]))
    for name in ("ba_known", "ba_unknown"):
        pair.step(a, ev.CmdFulfillHtlc(h[name][0], h[name][1]))
    pair.step(a, ev.CmdSign())
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.step(a, ev.CmdSign())  # nothing left may raise; ignore
    pair.run()
    assert not a.c.local_commit.view.htlcs
    assert a.c.remote_commit.index > old_b.local_commit.index
    # b cheats: its old commitment and the HTLC-success of the 50k HTLC in the same block
    chain = SimChain(pair.funding_tx, START)
    chain.submit(old_commitment)
    success = [(htx, rs, ls) for htx, rs, ls in old_b.local_htlc_txs(b.keys)
               if htx.htlc.amount_msat == 50_000_000]
    htx, rs, ls = success[0]
    stage = htx.signed(rs, ls, h["ab_known"][1])
    assert chain.submit(stage)
    chain.mine()
    data_a = close_data(pair, a, DEST_A)
    first = plan(data_a, chain.view(), {}, FEERATE)
    assert first.close is CloseKind.THEIR_REVOKED_COMMITMENT
    assert any(o.what == "their revoked second-stage HTLC output" for o in first.outputs)
    drive(chain, [(data_a, {})])
    ctxid = old_commitment.GetTxid()
    total = 0
    for index, out in enumerate(old_commitment.vout):
        dest, amount = final_destinations(chain, ctxid, index)
        assert dest == DEST_A, f"output {index} ({out.nValue} sat) did not reach a"
        total += amount
    # only fees (the justice sweeps' and b's own HTLC-success fee) are lost
    assert 0 < sum(o.nValue for o in old_commitment.vout) - total < 10_000


@pytest.mark.parametrize("channel_type", [ChannelType.STATIC_REMOTEKEY,
                                          ChannelType.ANCHORS_ZERO_FEE_HTLC_TX])
def test_justice_takes_the_htlcs_of_a_commitment_revoked_before_a_restore(tmp_path,
                                                                          channel_type) -> None:
    """A channel resumed from a peer's blob after a restore has no HTLC log of the
    commitments revoked before it (the blob holds the state, not the log): the HTLC outputs of
    such a commitment cannot be told apart (their scripts hold the HTLCs' payment hashes),
    but the peer can take them only through its second-stage transactions, whose outputs pay
    a script made of keys the revealed secret gives. So each unplaced output is watched, and
    the second stage is taken by the revocation key: every HTLC still ends with us."""
    pair, h = pending_both_ways(tmp_path, channel_type)
    a, b = pair.a, pair.b
    old_b = b.c
    old_commitment = old_b.signed_local_commitment(b.keys)
    for name in ("ab_known", "ab_unknown", "ab_dust"):
        pair.step(b, ev.CmdFulfillHtlc(h[name][0], h[name][1]))
    for name in ("ba_known", "ba_unknown"):
        pair.step(a, ev.CmdFulfillHtlc(h[name][0], h[name][1]))
    pair.step(a, ev.CmdSign())
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.step(a, ev.CmdSign())
    pair.run()
    assert a.c.remote_commit.index > old_b.local_commit.index
    # b cheats with every HTLC it can take: successes with the preimages, timeouts
    chain = SimChain(pair.funding_tx, START)
    chain.submit(old_commitment)
    chain.mine()
    resumed = CloseData(a.c, a.keys, DEST_A, ())  # what a wallet restored from a blob holds
    first = plan(resumed, chain.view(), {}, FEERATE)
    unplaced = [o for o in first.outputs if "not in our log" in o.what]
    assert len(unplaced) == 4 and {o.status for o in unplaced} == {"waiting"}  # no dust one
    assert not first.resolved  # watched until the peer spends them
    preimages = {sha256(p): p for _, p in h.values()}
    for htx, rs, ls in old_b.local_htlc_txs(b.keys):
        success = htx.kind is HtlcTxKind.SUCCESS
        assert chain.submit(htx.signed(rs, ls, preimages[htx.htlc.payment_hash] if success
                                       else None))
    chain.mine()
    drive(chain, [(resumed, {})])
    ctxid = old_commitment.GetTxid()
    for index, out in enumerate(old_commitment.vout):
        if out.nValue == 330:  # an anchor: anyone's after 16 blocks
            continue
        dest, _ = final_destinations(chain, ctxid, index)
        assert dest == DEST_A, f"output {index} ({out.nValue} sat) did not reach a"


def test_htlc_log_covers_revoked_commitments(tmp_path) -> None:
    pair, h = pending_both_ways(tmp_path)
    log = pair.store.htlc_log(1)
    assert sorted((x.we_offered, x.amount_msat) for x in log) == [
        (False, 20_000_000), (False, 40_000_000), (True, 300_000), (True, 30_000_000),
        (True, 50_000_000), (True, 400_000_000)]
    current = pair.a.c.remote_commit.index
    for x in log:
        assert x.first_remote <= x.last_remote <= current
        assert sha256(h["ab_known"][1]) in {y.payment_hash for y in log}


# -- edges -----------------------------------------------------------------------------------


def test_unspent_funding_rebroadcasts_what_we_published(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path)
    a = pair.a
    raw = a.c.signed_local_commitment(a.keys).serialize()
    data = CloseData(a.c, a.keys, DEST_A, published=(raw,))
    p = plan(data, ChainView(START, None), {}, FEERATE)
    assert [b.raw for b in p.broadcast] == [raw]
    assert not p.resolved and p.close is None


def test_a_spender_that_does_not_spend_the_funding_output_is_refused(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path)
    a = pair.a
    stranger = CTransaction([CTxIn(COutPoint(b"\x05" * 32, 0))], [CTxOut(1000, CScript(DEST_A))])
    with pytest.raises(WatcherError):
        plan(CloseData(a.c, a.keys, DEST_A), ChainView(START, Spend(stranger, START)), {},
             FEERATE)
    with pytest.raises(WatcherError):
        plan(CloseData(a.c, a.keys, DEST_A), ChainView(-1, None), {}, FEERATE)


def test_a_reported_spender_that_does_not_spend_the_output_is_refused(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path)
    a = pair.a
    commitment = a.c.signed_local_commitment(a.keys)
    data = CloseData(a.c, a.keys, DEST_A)
    first = plan(data, ChainView(START, Spend(commitment, START)), {}, FEERATE)
    w = first.watch[0]
    stranger = CTransaction([CTxIn(COutPoint(b"\x05" * 32, 0))], [CTxOut(1000, CScript(DEST_A))])
    with pytest.raises(WatcherError):
        plan(data, ChainView(START, Spend(commitment, START), {w.outpoint: Spend(stranger)}),
             {}, FEERATE)


def test_a_reorganised_sweep_is_built_again(tmp_path) -> None:
    pair, h = pending_both_ways(tmp_path)
    b = pair.b
    commitment = pair.a.c.signed_local_commitment(pair.a.keys)  # b sees their commitment
    data = CloseData(b.c, b.keys, DEST_B, tuple(pair.store.htlc_log(2)))
    view = ChainView(START, Spend(commitment, START))
    first = plan(data, view, {}, FEERATE)
    sweeps = [x for x in first.broadcast if x.what == "to_remote sweep"]
    assert len(sweeps) == 1
    sweep = sweeps[0].tx
    outpoint = (bytes(sweep.vin[0].prevout.hash), sweep.vin[0].prevout.n)
    deep = START + IRREVERSIBLE_DEPTH
    spent = plan(data, ChainView(deep, Spend(commitment, START),
                                 {outpoint: Spend(sweep, START + 2)}), {}, FEERATE)
    assert not [x for x in spent.broadcast if x.what == "to_remote sweep"]
    state = [o for o in spent.outputs if o.what == "our to_remote"][0]
    assert state.status == "spent"  # 5 confirmations: not yet irreversible
    # the block with the sweep is reorganised away: the same sweep is built again
    again = plan(data, ChainView(deep, Spend(commitment, START)), {}, FEERATE)
    assert [x.tx.GetTxid() for x in again.broadcast if x.what == "to_remote sweep"] == [
        sweep.GetTxid()]


def test_a_fee_spike_never_abandons_an_output_it_could_sweep_at_the_relay_floor(tmp_path
                                                                              ) -> None:
    """At an absurd estimate our ~400k sat to_remote is dust at that feerate; it is still
    ours and nobody else's: it is swept at the relay floor, not written off."""
    pair, _ = pending_both_ways(tmp_path)
    b = pair.b
    commitment = pair.a.c.signed_local_commitment(pair.a.keys)
    data = CloseData(b.c, b.keys, DEST_B)
    p = plan(data, ChainView(START, Spend(commitment, START - 10)), {}, 100_000_000)
    states = {o.what: o.status for o in p.outputs}
    assert states["our to_remote"] == "broadcast" and not p.abandoned
    [sweep] = [x for x in p.broadcast if x.what.startswith("to_remote sweep")]
    assert "relay floor" in sweep.what
    [out] = [o for o in p.outputs if o.what == "our to_remote"]
    fee = out.amount_sat - sweep.tx.vout[0].nValue
    weight = tx_weight(sweep.tx)  # signatures are counted at 73 bytes: up to 2 WU more
    assert fee_for_weight(weight, RELAY_FLOOR_PER_KW) <= fee
    assert fee <= fee_for_weight(weight + 2, RELAY_FLOOR_PER_KW)


@pytest.mark.parametrize(("kind", "amount"), [("HTLC-success", 2_150), ("HTLC-timeout", 2_050)])
def test_an_htlc_whose_second_stage_output_can_never_be_swept_is_abandoned_without_fees(
        tmp_path, kind, amount) -> None:
    """With a's dust limit at BOLT 2's lowest (354 sat) and the commitment at 2500 sat/kw,
    an HTLC of `amount` is not trimmed, but its HTLC transaction would leave ~390 sat,
    which even at the relay floor cannot pay for its own sweep (~123 sat) and stay above
    the 294 sat dust limit. a must not publish the HTLC transaction (its fee would buy
    nothing): the plan says the HTLC is abandoned, and it ends with the peer (timed out)
    or stays on the commitment."""
    store = ChannelStore(Database(tmp_path / "w.sqlite"))
    pair = LoggedPair(store, policy_a=ChannelPolicy(dust_limit_sat=354))
    pair.open()
    a, b = pair.a, pair.b
    first = pair.add(a, 400_000_000)
    pair.step(a, ev.CmdSign())
    pair.run()
    pair.step(b, ev.CmdFulfillHtlc(first[0], first[1]))
    pair.step(b, ev.CmdSign())
    pair.run()
    success = kind == "HTLC-success"
    _, preimage = pair.add(b if success else a, amount * 1000)
    pair.step(a, ev.CmdSign())
    pair.step(b, ev.CmdSign())
    pair.run()
    pair.assert_in_sync()
    commitment = a.c.signed_local_commitment(a.keys)
    [index] = [i for i, o in enumerate(commitment.vout) if o.nValue == amount]  # not trimmed
    chain = SimChain(pair.funding_tx, START)
    chain.submit(commitment)
    chain.mine()
    # a knows the preimage of what b pays it; nobody knows the one of what a pays b
    pre_a = {sha256(preimage): preimage} if success else {}
    data_a = close_data(pair, a, DEST_A)
    p = plan(data_a, chain.view(), pre_a, FEERATE)
    [state] = [o for o in p.outputs if o.index == index]
    assert state.status == "dust" and state.note.startswith("abandoned:")
    assert kind in state.note and str(RELAY_FLOOR_PER_KW) in state.note
    assert p.abandoned == (state,)
    # b, without the preimage of what a offered, would wait for a's HTLC-timeout for ever
    watchers = [(data_a, pre_a)] + ([(close_data(pair, b, DEST_B), {})] if success else [])
    plans = drive(chain, watchers)
    spender = chain.spent.get((commitment.GetTxid(), index))
    [final] = [o for o in plans[0].outputs if o.index == index]
    assert plans[0].resolved
    if success:  # no HTLC-success of a: b took it back after its timeout, to its wallet
        assert spender is not None
        assert bytes(chain.txs[spender][0].vout[0].scriptPubKey) == DEST_B
        assert final.status == "resolved"  # a still watched it while the rest resolved
    else:  # no HTLC-timeout of a, and b has no preimage: it stays on the commitment
        assert spender is None
        assert final.status == "dust" and plans[0].abandoned == (final,)
        assert plans[0].unpaid == (sha256(preimage),)


def test_mutual_close_is_resolved_when_deep(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path)
    a = pair.a
    fid = pair.funding_tx.GetTxid()
    mutual = CTransaction([CTxIn(COutPoint(fid, 1), CScript(), 0xFFFFFFFF)],
                          [CTxOut(990_000, CScript(DEST_A))])
    data = CloseData(a.c, a.keys, DEST_A)
    shallow = plan(data, ChainView(START, Spend(mutual, START)), {}, FEERATE)
    assert shallow.close is CloseKind.MUTUAL_CLOSE and not shallow.resolved
    deep = plan(data, ChainView(START + 5, Spend(mutual, START)), {}, FEERATE)
    assert deep.resolved and not deep.watch and not deep.broadcast


def test_closing_becomes_closed_once_resolved(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path)
    a = pair.a
    pair.step(a, ev.CmdForceClose())
    assert type(a.state).__name__ == "Closing"
    actions = pair.step(a, ev.ClosingResolved("our commitment"))
    assert type(a.state).__name__ == "Closed" and "resolved on chain" in a.state.reason
    assert actions == [ev.PersistState(a.state)]
    assert type(pair.store.load(1).state).__name__ == "Closed"


# -- property: any mix of HTLCs, either closer -----------------------------------------------

# half the amounts near the trim thresholds (2203/2303 sat at 2500 sat/kw), where the
# second-stage outputs are smallest
_amount = hst.one_of(hst.integers(1_000, 5_000), hst.integers(1_000, 60_000))
_htlc = hst.tuples(hst.booleans(), _amount, hst.booleans())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(htlcs=hst.lists(_htlc, min_size=0, max_size=5,
                       unique_by=lambda h: h[1]),
       closer=hst.sampled_from(["a", "b"]))
# b pays a 2303 sat, a's smallest untrimmed received HTLC at 2500 sat/kw: its HTLC-success
# leaves 546 sat, dust to sweep at 1000 sat/kw but not at the relay floor
@example(htlcs=[(False, 2303, True)], closer="a")
def test_any_force_close_ends_with_each_satoshi_accounted_for(htlcs, closer) -> None:
    """Random HTLCs (direction, amount, whether the payee knows the preimage), a force
    close by either side: both watchers resolve everything; each HTLC ends with its payee
    if the payee knew the preimage, else with its payer; nothing is lost but fees."""
    with tempfile.TemporaryDirectory() as folder:
        pair = LoggedPair(ChannelStore(Database(Path(folder) / "w.sqlite")))
        pair.open()
        a, b = pair.a, pair.b
        first = pair.add(a, 400_000_000)
        pair.step(a, ev.CmdSign())
        pair.run()
        pair.step(b, ev.CmdFulfillHtlc(first[0], first[1]))
        pair.step(b, ev.CmdSign())
        pair.run()
        pre_a, pre_b, expected = {}, {}, {}
        for a_pays, amount, known in htlcs:
            payer = a if a_pays else b
            _, preimage = pair.add(payer, amount * 1000)
            if known:
                (pre_b if a_pays else pre_a)[sha256(preimage)] = preimage
            payee_dest, payer_dest = (DEST_B, DEST_A) if a_pays else (DEST_A, DEST_B)
            expected[amount] = payee_dest if known else payer_dest
        pair.step(a, ev.CmdSign())
        pair.step(b, ev.CmdSign())
        pair.run()
        pair.assert_in_sync()
        node = a if closer == "a" else b
        commitment = node.c.signed_local_commitment(node.keys)
        chain = SimChain(pair.funding_tx, START)
        chain.submit(commitment)
        chain.mine()
        plans = drive(chain, [(close_data(pair, a, DEST_A), pre_a),
                              (close_data(pair, b, DEST_B), pre_b)])
        # with BOLT 2 dust limits of 546 sat every untrimmed output is worth a sweep
        assert not [o for p in plans for o in p.abandoned]
        ctxid = commitment.GetTxid()
        received = 0
        for index, out in enumerate(commitment.vout):
            dest, amount = final_destinations(chain, ctxid, index)
            assert dest in (DEST_A, DEST_B)
            if out.nValue in expected:
                assert dest == expected[out.nValue]
            received += amount
        assert 0 < sum(o.nValue for o in commitment.vout) - received < 3_000 * (
            len(commitment.vout))


def test_their_next_commitment_not_yet_revoked_is_handled(tmp_path) -> None:
    """a signed b's next commitment and b has not revoked its previous one yet when it
    publishes the new one: a claims its to_remote and its offered HTLC after the timeout."""
    pair, h = pending_both_ways(tmp_path)
    a, b = pair.a, pair.b
    pair.add(a, 7_000_000)
    pair.step(a, ev.CmdSign())
    while pair.queues["b"]:  # b takes the add and the commitment_signed ...
        pair.deliver_one("b")  # ... and its revoke_and_ack is never read
    assert a.c.waiting is not None
    theirs = b.c.signed_local_commitment(b.keys)
    assert theirs.GetTxid() == a.c.waiting.next.txid
    chain = SimChain(pair.funding_tx, START)
    chain.submit(theirs)
    chain.mine()
    data = close_data(pair, a, DEST_A)
    p = plan(data, chain.view(), {}, FEERATE)
    assert p.close is CloseKind.THEIR_COMMITMENT
    assert any(o.amount_sat == 7_000 for o in p.outputs)
    data_b = close_data(pair, b, DEST_B)  # b's side resolves the HTLCs it offered
    drive(chain, [(data, preimages_of(h, "ba_known")), (data_b, preimages_of(h, "ab_known"))])
    dest, amount = final_destinations(chain, theirs.GetTxid(), [
        i for i, o in enumerate(theirs.vout) if o.nValue == 7_000][0])
    assert dest == DEST_A and amount < 7_000


def test_a_commitment_from_the_future_still_pays_our_to_remote(tmp_path) -> None:
    """We lost state (restored an old backup): the peer publishes a commitment we never
    saw. Only our to_remote (static key) is ours; it is swept."""
    pair, h = pending_both_ways(tmp_path)
    a, b = pair.a, pair.b
    stale = a.c
    for name in ("ab_known", "ab_unknown", "ab_dust"):
        pair.step(b, ev.CmdFulfillHtlc(h[name][0], h[name][1]))
    pair.step(b, ev.CmdSign())
    pair.run()
    if a.c.has_changes_to_sign:
        pair.step(a, ev.CmdSign())
    pair.run()
    future = b.c.signed_local_commitment(b.keys)
    chain = SimChain(pair.funding_tx, START)
    chain.submit(future)
    chain.mine()
    data = CloseData(stale, a.keys, DEST_A)
    p = plan(data, chain.view(), {}, FEERATE)
    assert p.close is CloseKind.UNKNOWN_COMMITMENT
    assert [o.what for o in p.outputs] == ["our to_remote (unknown commitment)"]
    [final] = drive(chain, [(data, {})])
    assert final.resolved
    pays_a = [i for i, o in enumerate(future.vout)
              if bytes(o.scriptPubKey) == b"\x00\x14" + hash160(a.keys.payment_basepoint)]
    assert final_destinations(chain, future.GetTxid(), pays_a[0])[0] == DEST_A


def test_a_sweep_stuck_in_the_mempool_is_replaced_when_fees_rise(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path)
    b = pair.b
    commitment = pair.a.c.signed_local_commitment(pair.a.keys)
    data = CloseData(b.c, b.keys, DEST_B)
    closing = Spend(commitment, START)
    [sweep] = [x.tx for x in plan(data, ChainView(START, closing), {}, FEERATE).broadcast
               if x.what == "to_remote sweep"]
    outpoint = (bytes(sweep.vin[0].prevout.hash), sweep.vin[0].prevout.n)
    pending = {outpoint: Spend(sweep, None)}
    for feerate in (FEERATE, FEERATE * 6 // 5):  # same, or not enough more: left alone
        assert not plan(data, ChainView(START + 3, closing, pending), {}, feerate).broadcast
    bumped = plan(data, ChainView(START + 3, closing, pending), {}, FEERATE * 3).broadcast
    [bump] = [x for x in bumped if "fee bump" in x.what]
    assert bump.tx.vin[0].prevout == sweep.vin[0].prevout
    assert bump.tx.vout[0].nValue < sweep.vout[0].nValue
    assert bytes(bump.tx.vout[0].scriptPubKey) == DEST_B
    # a spike that makes it dust at the estimate never swaps it for a cheaper floor sweep
    assert not plan(data, ChainView(START + 3, closing, pending), {}, 100_000_000).broadcast
    # someone else's spend in the mempool is not ours to replace
    other = CTransaction([CTxIn(sweep.vin[0].prevout)], [CTxOut(1000, CScript(DEST_A))])
    assert not plan(data, ChainView(START + 3, closing, {outpoint: Spend(other, None)}), {},
                    FEERATE * 3).broadcast


# -- anchors: HTLC transactions bring their fee, the commitment is bumped by CPFP ------------


def wallet_coins(tag: int, n: int = 4) -> list[WalletCoin]:
    return [WalletCoin(sha256(bytes([tag, i])), 0, 20_000, sha256(bytes([tag, i, 1])))
            for i in range(n)]


def test_anchors_force_close_uses_wallet_coins_for_htlc_fees(tmp_path) -> None:
    pair, h = pending_both_ways(tmp_path, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    a, b = pair.a, pair.b
    commitment = a.c.signed_local_commitment(a.keys)
    chain = SimChain(pair.funding_tx, START)
    chain.submit(commitment)
    chain.mine()
    data_a, data_b = close_data(pair, a, DEST_A), close_data(pair, b, DEST_B)
    pre_a, pre_b = preimages_of(h, "ba_known"), preimages_of(h, "ab_known")
    # without a coin, our HTLC-success cannot pay its fee: it waits, saying why
    p = plan(data_a, chain.view(), pre_a, FEERATE)
    assert any("no confirmed wallet coin" in o.note for o in p.outputs)
    coins = {0: wallet_coins(0xA), 1: wallet_coins(0xB)}
    drive(chain, [(data_a, pre_a), (data_b, pre_b)], coins=coins)
    ctxid = commitment.GetTxid()
    ends = {o.nValue: final_destinations(chain, ctxid, i)[0]
            for i, o in enumerate(commitment.vout) if o.nValue != 330}  # anchors stay
    assert ends[50_000] == DEST_B and ends[20_000] == DEST_B
    assert ends[30_000] == DEST_A and ends[40_000] == DEST_A
    assert set(ends.values()) == {DEST_A, DEST_B}
    # a's HTLC transactions each spent one wallet coin and paid the change back
    stage = [chain.txs[chain.spent[(ctxid, i)]][0] for i, o in enumerate(commitment.vout)
             if o.nValue in (30_000, 40_000)]
    for tx in stage:
        assert len(tx.vin) == 2 and (bytes(tx.vin[1].prevout.hash), 0) in {
            (c.txid, c.index) for c in coins[0]}
        assert bytes(tx.vout[1].scriptPubKey) == DEST_A


def test_anchors_commitment_below_the_feerate_is_bumped_through_our_anchor(tmp_path) -> None:
    pair, _ = pending_both_ways(tmp_path, ChannelType.ANCHORS_ZERO_FEE_HTLC_TX)
    a = pair.a
    commitment = a.c.signed_local_commitment(a.keys)
    data = close_data(pair, a, DEST_A)
    view = ChainView(START, Spend(commitment, None))  # in the mempool
    coins = wallet_coins(0xA)
    assert not plan(data, view, {}, 2_500, coins).broadcast  # its own feerate is enough
    [bump] = plan(data, view, {}, 10_000, coins).broadcast
    assert bump.what == "anchor CPFP"
    spent = {(bytes(i.prevout.hash), i.prevout.n) for i in bump.tx.vin}
    assert {(coins[0].txid, 0), (coins[1].txid, 0)} <= spent  # one coin was not enough
    assert any(txid == commitment.GetTxid() and commitment.vout[n].nValue == 330
               for txid, n in spent)
    # the package (commitment + child) reaches the target feerate
    fee_parent = 1_000_000 - sum(o.nValue for o in commitment.vout)
    fee_child = 330 + 2 * coins[0].amount_sat - sum(o.nValue for o in bump.tx.vout)
    weight = tx_weight(commitment) + tx_weight(bump.tx)
    assert (fee_parent + fee_child) * 1000 >= 10_000 * weight
    # no coin: nothing to bump with, but the channel still waits for the commitment
    p = plan(data, view, {}, 10_000, [])
    assert not p.broadcast and any("no confirmed wallet coin" in o.note for o in p.outputs)
    p = plan(data, view, {}, 10_000, coins[:1])  # too small a coin
    assert not p.broadcast and any("cannot pay" in o.note for o in p.outputs)
    # once confirmed, the anchor is no longer our business
    confirmed = plan(data, ChainView(START + 1, Spend(commitment, START + 1)), {}, 10_000,
                     coins)
    assert not any("anchor" in o.what for o in confirmed.outputs)


_SAVE_CHILD = """
import sys
from pathlib import Path
from wallet.ln.channel.codec import state_from_bytes
from wallet.ln.store.channel_store import ChannelStore
from wallet.storage.database import Database
store = ChannelStore(Database(sys.argv[1]))
store.save(1, state_from_bytes(Path(sys.argv[2]).read_bytes()))
"""


@pytest.mark.parametrize("crash", [True, False])
def test_the_htlc_log_is_saved_in_the_state_s_transaction(tmp_path, crash) -> None:
    """A SIGKILL inside ChannelStore.save leaves neither the new state nor its HTLCs."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    from wallet.ln.channel import states as states_
    from wallet.ln.channel.codec import state_to_bytes
    from wallet.storage.crashpoints import CRASH_HOOK_ENV

    pair, _ = pending_both_ways(tmp_path)
    state_file = tmp_path / "state.bin"
    state_file.write_bytes(state_to_bytes(pair.a.state))
    path = tmp_path / "fresh.sqlite"
    db = Database(path)
    ChannelStore(db).create(1, bytes(33), None, states_.Closed("old"))
    db.close()
    env = dict(os.environ)
    env.pop(CRASH_HOOK_ENV, None)
    if crash:
        env[CRASH_HOOK_ENV] = "channel-save:written"
    proc = subprocess.run([sys.executable, "-c", _SAVE_CHILD, str(path), str(state_file)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert (proc.returncode == -9) == crash, proc.stderr
    store = ChannelStore(Database(path))
    log = store.htlc_log(1)
    if crash:
        assert store.load(1).state == states_.Closed("old") and log == []
    else:
        assert len(log) == 5 and type(store.load(1).state).__name__ == "Normal"
