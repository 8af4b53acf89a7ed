"""Anchor channels between Kite and Electrum 4.8.1, a current independent implementation that
requires `option_anchors_zero_fee_htlc_tx` (bit 22) of its peers: Electrum opens to Kite and
Kite opens to Electrum, payments both ways, cooperative closes initiated by either side;
balances exact to the satoshi on both sides, on-chain included.

Electrum 4.8.1 comes unmodified from ../shared/peers/electrum-4.8.1 and runs in its own
virtualenv (scripts/setup_electrum48.sh), as a separate process; the harness is the one the
4.3.4 tests use (`ElectrumNode(..., build=ELECTRUM_4_8)`). Deviations from 4.3.4 met here:
`add_request` takes `expiry` (not `expiration`) and `lightning=True` for a BOLT 11 invoice;
Electrum 4.8 keeps 10,000 sat on-chain for its own anchor fee bumping (`ln_utxo_reserve`).
On regtest without fee estimates from its server, Electrum 4.8 falls back to 150 sat/vB for
every target, and (unlike 4.3.4) uses that as the *minimum* of its cooperative-close fee
range even when it is not the funder (25,350 sat for a two-output close): a Kite funder,
whose range follows its own estimate, finds no overlap, and Electrum then force-closes. So
these tests have the devnet's server answer 5 sat/vB (as any mainnet server answers an
estimate; `ELECTRUM_4_8.server_fee_estimate`, set by the `pair` fixture of conftest.py).
"""

from __future__ import annotations

import asyncio

import pytest
from bitcoin.core import CTransaction

from tests.interop.electrum_node import ELECTRUM_4_8, interop_marks, until
from tests.interop.electrum_pair import KITE_FUNDS, fee_of
from wallet.ln.channel import states as st
from wallet.ln.channel.anchor_reserve import ANCHOR_RESERVE_SAT
from wallet.ln.tx import scripts

pytestmark = [*interop_marks(ELECTRUM_4_8),
              pytest.mark.parametrize("electrum_build", [ELECTRUM_4_8], indirect=True,
                                      ids=["4.8.1"])]

CAPACITY = 400_000  # Electrum 4.8 opens nothing below 200 000 sat


def assert_anchors(ch, anchors: int) -> None:
    """The channel is an anchors channel and Kite's commitment has `anchors` anchor outputs
    (BOLT 3: a side without an output and without HTLCs gets no anchor)."""
    params = ch.state.commitments.params
    assert params.channel_type.anchors
    assert params.local.to_self_delay == 1008  # what Kite asks of Electrum
    commitment = ch.state.commitments.signed_local_commitment(ch.keys)
    assert sum(o.nValue == scripts.ANCHOR_OUTPUT_SAT for o in commitment.vout) == anchors


async def test_electrum48_opens_an_anchor_channel_payments_both_ways_kite_closes(pair):
    p = pair
    before = (await p.e("balance"))["confirmed"]
    point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY)
    funding_txid, _ = point.split(":")
    await until(lambda: any(c.channel_id for c in p.node.channels.values()), "Kite's channel")
    [ch] = p.node.channels.values()
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    assert not ch.state.commitments.params.is_opener
    assert_anchors(ch, 1)  # Kite has nothing yet
    after_open = (await p.e("balance"))["confirmed"]
    assert 0 < before - CAPACITY - after_open < 50_000  # Electrum's funding fee

    for amount in (50_000, 20_000, 30_000):
        await p.electrum_pays(amount)
    for amount in (10_000, 15_000):
        await p.kite_pays(amount)
    kite_share = 50_000 + 20_000 + 30_000 - 10_000 - 15_000
    await p.settled(ch)
    assert_anchors(ch, 2)
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert (e_chan["local_balance"], e_chan["remote_balance"]) == (
        CAPACITY - kite_share, kite_share)

    # Kite (not the funder) closes; Electrum pays the closing fee
    await p.kite.svc.handlers["channel_close"](channel=str(ch.key_index))
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    closing = CTransaction.deserialize(ch.inner.published[-1])
    assert closing.vin[0].prevout.hash[::-1].hex() == funding_txid
    close_fee = fee_of(closing, CAPACITY)
    assert 0 < close_fee < CAPACITY - kite_share
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_share)
    await p.electrum_confirmed(after_open + CAPACITY - kite_share - close_fee)
    await p.electrum_state(point, "CLOSED")


async def test_kite_opens_an_anchor_channel_to_electrum48_payments_both_ways_electrum_closes(
        pair):
    p = pair
    electrum_before = (await p.e("balance"))["confirmed"]
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    assert opened["channel_type"] == "anchors"
    point = opened["funding_outpoint"]
    funding_fee = await p.kite_fee(point)
    assert opened["reserve"] == {
        "reserve_sat": ANCHOR_RESERVE_SAT, "onchain_sat": KITE_FUNDS - CAPACITY - funding_fee,
        "short_sat": 0, "ok": True, "notice": opened["reserve"]["notice"]}
    ch = p.node.find(opened["key_index"])
    assert ch.state.commitments.params.is_opener
    assert_anchors(ch, 1)  # Electrum has nothing yet
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")

    for amount in (60_000, 40_000):
        await p.kite_pays(amount)
    for amount in (25_000, 5_000):
        await p.electrum_pays(amount)
    electrum_share = 60_000 + 40_000 - 25_000 - 5_000
    await p.settled(ch)
    assert_anchors(ch, 2)
    assert ch.state.commitments.local_commit.view.to_remote_msat == electrum_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert (e_chan["local_balance"], e_chan["remote_balance"]) == (
        electrum_share, CAPACITY - electrum_share)

    # Electrum (not the funder) closes; Kite pays the closing fee it negotiated
    closing_txid = await p.e("close_channel", point)
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    closing = CTransaction.deserialize(ch.inner.published[-1])
    assert closing.GetTxid()[::-1].hex() == closing_txid
    close_fee = fee_of(closing, CAPACITY)
    assert 0 < close_fee < 5_000
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY
                            + (CAPACITY - electrum_share - close_fee))
    await p.electrum_confirmed(electrum_before + electrum_share)
    await p.electrum_state(point, "CLOSED")
