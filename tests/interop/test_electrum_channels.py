"""Channels between Kite and Electrum 4.3.4, an independent implementation, on the devnet:
Electrum opens to Kite and Kite opens to Electrum, payments both ways (Electrum's `lnpay`
of Kite's invoices, Kite paying Electrum's `add_request` invoices), cooperative closes
initiated by either side, and force closes each way. On-chain balances are checked on both
sides from the closing transactions.

Needs the devnet (scripts/setup_devnet.sh) and Electrum (scripts/setup_electrum.sh).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time

import pytest
from bitcoin.core import CTransaction

from tests.interop.electrum_node import ElectrumError, interop_marks, until
from tests.interop.electrum_pair import (
    KITE_FUNDS,
    Pair,
    fee_of,
    output_paying,
    server_tx,
    tx_in_mempool,
    tx_spending,
)
from wallet.ln.bolt11.encode import encode_invoice
from wallet.ln.bolt11.invoice import Invoice, decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.shell import chain_follower
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.shell.peer import Peer, PeerClosed
from wallet.ln.tx import scripts
from wallet.networks import REGTEST

pytestmark = interop_marks()

CAPACITY = 400_000


async def test_electrum_opens_to_kite_payments_both_ways_kite_closes(pair):
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
    # Electrum's funding fee, from the balance it reports
    after_open = (await p.e("balance"))["confirmed"]
    funding_fee = before - CAPACITY - after_open
    assert 0 < funding_fee < 50_000  # Electrum uses its static fee estimates on regtest

    # Electrum -> Kite, then Kite -> Electrum
    for amount in (50_000, 20_000, 30_000):
        await p.electrum_pays(amount)
    for amount in (10_000, 15_000):
        await p.kite_pays(amount)
    kite_share = 50_000 + 20_000 + 30_000 - 10_000 - 15_000
    await p.settled(ch)
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert e_chan["remote_balance"] == kite_share
    assert e_chan["local_balance"] == CAPACITY - kite_share

    # Kite (not the funder) closes; Electrum pays the closing fee
    await p.kite.svc.handlers["channel_close"](channel=str(ch.key_index))
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    closing = CTransaction.deserialize(ch.inner.published[-1])
    close_fee = fee_of(closing, CAPACITY)
    # Electrum, the funder, pays the fee it proposes (its static estimates: ~30 000 sat)
    assert 0 < close_fee < CAPACITY - kite_share
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_share)
    await p.electrum_confirmed(after_open + CAPACITY - kite_share - close_fee)
    await p.electrum_state(point, "CLOSED")
    assert closing.vin[0].prevout.hash[::-1].hex() == funding_txid


async def test_kite_opens_to_electrum_payments_both_ways_electrum_closes(pair):
    p = pair
    electrum_before = (await p.e("balance"))["confirmed"]
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    point = opened["funding_outpoint"]
    funding_fee = await p.kite_fee(point)
    ch = p.node.find(opened["key_index"])
    assert ch.state.commitments.params.is_opener
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")

    # Kite -> Electrum, then Electrum -> Kite
    for amount in (60_000, 40_000):
        await p.kite_pays(amount)
    for amount in (25_000, 5_000):
        await p.electrum_pays(amount)
    electrum_share = 60_000 + 40_000 - 25_000 - 5_000
    await p.settled(ch)
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


async def test_channels_survive_restarts_of_either_side(pair):
    """A channel each way; Electrum restarts, then Kite restarts (from SQLite): each time
    both channels are re-established (channel_reestablish both ways) and carry payments
    both ways; then each side closes the channel it opened."""
    p = pair
    electrum_before = (await p.e("balance"))["confirmed"]
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    kite_point = opened["funding_outpoint"]
    funding_fee = await p.kite_fee(kite_point)
    electrum_point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY)
    await p.mine(3)
    after_open = (await p.e("balance"))["confirmed"]

    async def both_ready():
        for ch in p.node.channels.values():
            await p.node.wait_normal(ch, 60)
        for point in (kite_point, electrum_point):
            await p.electrum_state(point, "OPEN")
            await until(lambda point=point: p.electrum_channel(point)["peer_state"] == "GOOD",
                        "Electrum's peer state GOOD", 60, 0.5)

    async def pay_both_ways(kite_sends: int, electrum_sends: int, times: int = 2) -> None:
        for _ in range(times):
            await p.kite_pays(kite_sends)
            await p.electrum_pays(electrum_sends)

    await both_ready()
    assert len(p.node.channels) == 2
    await pay_both_ways(40_000, 45_000)

    await p.e("restart", sync_height=await asyncio.to_thread(p.devnet.height))
    await both_ready()
    await pay_both_ways(30_000, 35_000)

    await p.restart_kite()
    assert len(p.node.channels) == 2
    await both_ready()
    await pay_both_ways(20_000, 5_000)

    # Kite sent 180 000 and received 170 000 over the two channels: which channel carried
    # what is Electrum's choice (and Kite's), so compare the total
    local = sum(ch.state.commitments.local_commit.view.to_local_msat
                for ch in p.node.channels.values())
    assert local == (CAPACITY - 180_000 + 170_000) * 1000
    kite_ch = p.node.find(opened["channel_id"])
    [electrum_ch] = [c for c in p.node.channels.values() if c is not kite_ch]
    for ch in (kite_ch, electrum_ch):
        await p.settled(ch)
    await p.kite.svc.handlers["channel_close"](channel=opened["channel_id"])
    # one close at a time: Electrum 4.8.1 takes a fresh wallet address for its shutdown and
    # again for its closing_signed, so a close that uses that address in between makes it
    # sign for another script than it announced (test_electrum_v48_channels.py)
    await until(lambda: isinstance(kite_ch.inner, st.Closing), "Kite's channel closed", 60)
    await p.electrum_knows(kite_ch.inner.published[-1])
    await p.e("close_channel", electrum_point)
    await until(lambda: all(isinstance(c.inner, st.Closing)
                            for c in p.node.channels.values()), "both closed", 60)
    fees = {ch.key_index: fee_of(ch.inner.published[-1], CAPACITY)
            for ch in (kite_ch, electrum_ch)}
    # a channel turns Closing before its broadcast action has run: mine once both are in
    await p.in_mempool(ch.inner.published[-1] for ch in (kite_ch, electrum_ch))
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY + local // 1000
                            - fees[kite_ch.key_index])
    await p.electrum_confirmed(after_open + 2 * CAPACITY - local // 1000
                              - fees[electrum_ch.key_index])
    assert electrum_before - after_open > CAPACITY


async def test_force_closes_each_way_and_sweeps(pair, monkeypatch):
    """Kite force-closes the channel Electrum opened; Electrum force-closes the channel Kite
    opened. Each side's output on the other's commitment pays it at once (static_remotekey:
    Electrum's to_remote is a wallet address; Kite's pays its payment basepoint, which
    Kite's watcher sweeps); each side's to_local is swept after the CSV delay the other side
    chose (1008 blocks each way: Electrum's default and Kite's). Balances exact on both
    sides, from the sweeps found on chain."""
    p = pair
    devnet = p.devnet
    # Kite looks for a spend of its channels' funding in the mempool (Electrum's commitment
    # before it is mined) each second here, not each 15 s
    monkeypatch.setattr(chain_follower, "SPEND_CHECK_INTERVAL", 1.0)
    kite_opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    kite_point = kite_opened["funding_outpoint"]
    funding_fee = await p.kite_fee(kite_point)
    electrum_point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY)
    await p.mine(3)
    after_open = (await p.e("balance"))["confirmed"]
    for ch in p.node.channels.values():
        await p.node.wait_normal(ch, 60)
    for point in (kite_point, electrum_point):
        await p.electrum_state(point, "OPEN")
    ours = p.node.find(kite_opened["channel_id"])  # Kite opened it; Electrum force-closes
    [theirs] = [c for c in p.node.channels.values() if c is not ours]  # Kite force-closes
    # money on both sides of both channels (Electrum picks the channel it pays through)
    await p.kite_pays(120_000)
    for _ in range(2):
        await p.electrum_pays(70_000)
    for ch in (ours, theirs):
        await p.settled(ch)
        view = ch.state.commitments.local_commit.view
        assert view.to_local_msat > 0 and view.to_remote_msat > 0 and not view.htlcs
    assert theirs.state.commitments.params.remote.to_self_delay == 1008  # Electrum's default
    assert ours.state.commitments.params.local.to_self_delay == 1008  # Kite's default
    kite_local = {ch.key_index: ch.state.commitments.local_commit.view.to_local_msat // 1000
                  for ch in (ours, theirs)}

    # Kite force-closes the channel Electrum opened; Electrum the one Kite opened
    await p.kite.svc.handlers["channel_close"](channel=str(theirs.key_index), force=True)
    assert isinstance(theirs.inner, st.Closing) and theirs.inner.how == "local"
    our_commitment = CTransaction.deserialize(theirs.inner.published[-1])
    electrum_commitment_txid = bytes.fromhex(
        await p.e("close_channel", kite_point, True))[::-1]
    await until(lambda: isinstance(ours.inner, st.Closing), "Kite sees Electrum's close", 60)
    assert ours.inner.how == "remote"
    await p.mine()
    commit_height = await asyncio.to_thread(devnet.height)
    # Electrum calls a channel CLOSED once its closing transaction confirmed (REDEEMED
    # much later, when nothing is left to watch)
    for point in (kite_point, electrum_point):
        await p.electrum_state(point, "CLOSED")

    # Electrum's commitment pays Kite's payment basepoint: Kite's watcher sweeps it now
    their_commitment = await asyncio.to_thread(server_tx, devnet, electrum_commitment_txid)
    remote_spk = scripts.p2wpkh(ours.keys.payment_basepoint)
    to_remote = output_paying(their_commitment, remote_spk)
    commitment_fee = CAPACITY - sum(o.nValue for o in their_commitment.vout)
    assert to_remote == kite_local[ours.key_index] - commitment_fee  # Kite, the opener, pays it
    remote_sweep = await until(lambda: tx_spending(
        devnet, remote_spk, electrum_commitment_txid, confirmed=False),
        "Kite's sweep of its to_remote", 60, 0.5)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY + output_paying(
        remote_sweep, bytes(remote_sweep.vout[0].scriptPubKey)))
    assert len(remote_sweep.vout) == 1 and remote_sweep.vin[0].prevout.hash == \
        electrum_commitment_txid

    # Kite's to_local on its own commitment: 1008 blocks after the commitment confirmed
    [(local_spk, to_local)] = [(bytes(o.scriptPubKey), o.nValue) for o in our_commitment.vout
                               if bytes(o.scriptPubKey)[:2] == b"\x00\x20"]
    assert to_local == kite_local[theirs.key_index]  # Electrum opened: it paid the fee
    began = time.monotonic()
    await p.mine(1005 - 1)  # the sweep can enter block commit_height + 1008 at the earliest
    assert await asyncio.to_thread(tx_spending, devnet, local_spk, our_commitment.GetTxid(),
                                   False) is None
    await p.mine(2)
    assert await asyncio.to_thread(devnet.height) == commit_height + 1007
    local_sweep = await until(lambda: tx_spending(
        devnet, local_spk, our_commitment.GetTxid(), confirmed=False),
        "Kite's sweep of its to_local", 60, 0.5)
    assert local_sweep.vin[0].nSequence == 1008
    await p.mine()
    mined = time.monotonic() - began
    sweeps = [sum(o.nValue for o in tx.vout) for tx in (remote_sweep, local_sweep)]
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY + sum(sweeps))
    sweep_fees = [to_remote - sweeps[0], to_local - sweeps[1]]
    assert all(0 < fee < 2_000 for fee in sweep_fees)

    # Electrum: its to_remote on Kite's commitment is a wallet coin; its to_local on its
    # own commitment it sweeps after Kite's 1008 blocks (the same height as Kite's sweep)
    electrum_remote = output_paying(our_commitment, next(
        bytes(o.scriptPubKey) for o in our_commitment.vout
        if bytes(o.scriptPubKey) != local_spk))
    assert electrum_remote == CAPACITY - to_local - (
        CAPACITY - sum(o.nValue for o in our_commitment.vout))
    [(their_local_spk, their_local)] = [
        (bytes(o.scriptPubKey), o.nValue) for o in their_commitment.vout
        if bytes(o.scriptPubKey) != remote_spk]
    electrum_sweep = await until(lambda: tx_spending(
        devnet, their_local_spk, electrum_commitment_txid, False),
        "Electrum's to_local sweep", 60, 1)
    assert electrum_sweep.vin[0].nSequence == 1008
    if not await asyncio.to_thread(tx_spending, devnet, their_local_spk,
                                   electrum_commitment_txid):
        await p.mine()  # broadcast after the block that confirmed Kite's
    electrum_sweep_fee = their_local - sum(o.nValue for o in electrum_sweep.vout)
    await p.electrum_confirmed(after_open + electrum_remote + their_local - electrum_sweep_fee)

    # six blocks deep, Kite's watcher calls both channels resolved
    await p.mine(6)
    await until(lambda: all(isinstance(c.inner, st.Closed) for c in (ours, theirs)),
                "Kite's channels resolved", 60)
    for point in (kite_point, electrum_point):
        assert p.electrum_channel(point)["state"] in ("CLOSED", "REDEEMED")
    print(f"\n1008 blocks mined and synced in {mined:.1f} s; sweep fees: Kite "
          f"{sweep_fees} sat, Electrum {electrum_sweep_fee} sat")


async def test_concurrent_payments_and_refused_payments(pair):
    """Electrum opens with a push to Kite; eight payments in flight at once both ways; each
    side refuses a payment it cannot match (an invoice Kite never issued, an Electrum
    request deleted before Kite pays it) and the payer reads the failure; the channel
    carries on; Electrum closes. Balances exact."""
    p = pair
    push = 150_000
    point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY, push)
    after_open_total = None
    await p.mine(3)
    await until(lambda: len(p.node.channels) == 1, "Kite's channel")
    [ch] = p.node.channels.values()
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    after_open_total = (await p.e("balance"))["confirmed"]
    assert ch.state.commitments.local_commit.view.to_local_msat == push * 1000

    # four payments each way, all in flight together
    kite_sends, electrum_sends = [11_000, 12_000, 13_000, 14_000], [21_000, 22_000, 23_000, 24_000]
    await asyncio.gather(*(p.kite_pays(a) for a in kite_sends),
                         *(p.electrum_pays(a) for a in electrum_sends))
    kite_share = push - sum(kite_sends) + sum(electrum_sends)
    await p.settled(ch)
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_share * 1000

    # Electrum pays an invoice signed by Kite's node key that Kite never issued
    forged = Invoice(network=REGTEST, amount_msat=30_000_000, timestamp=int(time.time()),
                     payment_hash=os.urandom(32), payment_secret=os.urandom(32),
                     payee=p.node.node_id, description="never issued",
                     features=frozenset({9, 15, 17}))
    text = encode_invoice(forged, p.node.lightning.node_private_key)
    result = await p.e("lnpay", text, 60)
    assert not result["success"]
    assert "INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS" in json.dumps(result["log"]), result["log"]

    # Kite pays an Electrum request that Electrum deleted meanwhile
    request = await p.e("add_request", 5_000, "deleted")
    assert await p.e("call", "delete_request", request_id=request["request_id"]) is not False
    with pytest.raises(PaymentFailed) as refused:
        await p.kite.svc.handlers["pay"](invoice=request["lightning_invoice"])
    assert "incorrect_or_unknown_payment_details" in str(refused.value)
    assert "from the recipient" in str(refused.value)  # Electrum's error packet, attributed

    # the channel carries on
    await p.kite_pays(1_000)
    await p.electrum_pays(2_000)
    kite_share += 1_000
    await p.settled(ch)
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert (e_chan["local_balance"], e_chan["remote_balance"]) == (
        CAPACITY - kite_share, kite_share)

    await p.e("close_channel", point)
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    close_fee = fee_of(ch.inner.published[-1], CAPACITY)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_share)
    await p.electrum_confirmed(after_open_total + CAPACITY - kite_share - close_fee)


async def test_multi_part_payments_both_ways(pair):
    """Two channels Electrum -> Kite: Electrum pays Kite more than either channel holds
    (basic_mpp: Kite gathers the parts before settling), then Kite pays Electrum more than
    it has in either channel (Kite splits). Both channels settle exactly."""
    p = pair
    size = 400_000  # Electrum can send ~290 000 sat of it (45 000 sat/kw fees, fee buffer)
    points = []
    for _ in range(2):
        points.append(await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, size))
        # Electrum 4.8 derives its funding key from the peer and the funding transaction's
        # nLockTime (the height): a second channel to a peer in the same block is refused
        await p.mine()
    await p.mine(2)
    await until(lambda: len(p.node.channels) == 2, "Kite's channels")
    for ch in p.node.channels.values():
        await p.node.wait_normal(ch, 60)
    for point in points:
        await p.electrum_state(point, "OPEN")
    after_open = (await p.e("balance"))["confirmed"]

    def kite_local() -> list[int]:  # msat: the parts need not be whole satoshis
        return sorted(c.state.commitments.local_commit.view.to_local_msat
                      for c in p.node.channels.values())

    await p.electrum_pays(400_000)  # more than one channel can carry
    for ch in p.node.channels.values():
        await p.settled(ch)
    assert sum(kite_local()) == 400_000_000 and min(kite_local()) > 0, kite_local()
    assert decode_invoice((await p.e("add_request", 1, "f"))["lightning_invoice"]).features \
        & {16, 17}, "Electrum's invoices allow multi-part payments"
    amount = max(kite_local()) // 1000 + 20_000  # more than one channel holds
    await p.kite_pays(amount)
    for ch in p.node.channels.values():
        await p.settled(ch)
    assert sum(kite_local()) == (400_000 - amount) * 1000 and min(kite_local()) > 0
    kite_total = sum(v // 1000 for v in kite_local())  # each closing output rounds down

    # close both (Electrum opened them: it pays both closing fees)
    for point in points:
        await p.e("close_channel", point)
    await until(lambda: all(isinstance(c.inner, st.Closing)
                            for c in p.node.channels.values()), "both closed", 60)
    closings = [(CTransaction.deserialize(c.inner.published[-1]), c.inner.setup.close_script)
                for c in p.node.channels.values()]
    to_kite = [output_paying(tx, script) for tx, script in closings]
    assert sum(to_kite) == kite_total
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_total)
    await p.electrum_confirmed(after_open + sum(sum(o.nValue for o in tx.vout)
                                                for tx, _ in closings) - kite_total)


class ConnectionCutter:
    """Cuts Kite's connection at one chosen message, once: before Kite sends it (the
    message is lost) or before Kite reads it (lost on the way in). The channel state on
    either side is what it would be after a real network failure at that point."""

    def __init__(self, monkeypatch) -> None:
        self.armed: tuple[str, str, int] | None = None
        self.fired: list[str] = []
        send, dispatch = Peer.send, Peer._dispatch
        cutter = self

        async def cut_send(peer, message):
            if cutter._hit("send", message):
                peer.close(f"test: cut before sending {message.NAME}")
                raise PeerClosed("test: connection cut")
            await send(peer, message)

        async def cut_dispatch(peer, message):
            if cutter._hit("recv", message):
                peer.close(f"test: cut before reading {message.NAME}")
                return
            await dispatch(peer, message)

        monkeypatch.setattr(Peer, "send", cut_send)
        monkeypatch.setattr(Peer, "_dispatch", cut_dispatch)

    def arm(self, way: str, name: str, nth: int = 1) -> None:
        self.armed = (way, name, nth)

    def _hit(self, way: str, message) -> bool:
        if self.armed is None or self.armed[:2] != (way, message.NAME):
            return False
        way, name, nth = self.armed
        if nth > 1:
            self.armed = (way, name, nth - 1)
            return False
        self.armed = None
        self.fired.append(f"{way} {name}")
        return True


# (who pays, Kite sends or reads, message, which one of that name in the payment)
CUTS = [
    ("kite", "send", "update_add_htlc", 1),
    ("kite", "send", "commitment_signed", 1),
    ("kite", "recv", "revoke_and_ack", 1),
    ("kite", "recv", "commitment_signed", 1),
    ("kite", "send", "revoke_and_ack", 1),
    ("kite", "recv", "update_fulfill_htlc", 1),
    ("kite", "recv", "commitment_signed", 2),
    ("kite", "send", "revoke_and_ack", 2),
    ("kite", "send", "commitment_signed", 2),
    ("electrum", "recv", "update_add_htlc", 1),
    ("electrum", "recv", "commitment_signed", 1),
    ("electrum", "send", "revoke_and_ack", 1),
    ("electrum", "send", "commitment_signed", 1),
    ("electrum", "recv", "revoke_and_ack", 1),
    ("electrum", "send", "update_fulfill_htlc", 1),
    ("electrum", "send", "commitment_signed", 2),
    ("electrum", "recv", "revoke_and_ack", 2),
]


async def test_connection_cut_at_each_step_of_a_payment(pair, monkeypatch):
    """A payment each way with Kite's connection to Electrum cut at every step of the
    update/commitment dance (a message lost either way). After the reconnection
    (channel_reestablish with retransmissions) the payment ends the same way for both
    sides (paid, or failed with no money moved), and the channel carries on; at the end
    a cooperative close pays both exactly."""
    p = pair
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    point = opened["funding_outpoint"]
    funding_fee = await p.kite_fee(point)
    electrum_before = (await p.e("balance"))["confirmed"]
    ch = p.node.find(opened["channel_id"])
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    cutter = ConnectionCutter(monkeypatch)
    p.reconnect_sooner()

    async def in_sync() -> int:
        """Kite's balance once both sides are connected with nothing pending (checked
        against Electrum's view of the channel)."""
        await p.node.wait_normal(ch, 60)
        await p.settled(ch)

        async def agreed():
            e = await asyncio.to_thread(p.electrum_channel, point)
            mine = ch.state.commitments.local_commit.view
            return (e["peer_state"] == "GOOD" and not e["local_unsettled_sent"]
                    and not e["remote_unsettled_sent"]
                    and (e["local_balance"], e["remote_balance"])
                    == (mine.to_remote_msat // 1000, mine.to_local_msat // 1000))
        await until(agreed, "Electrum agreeing with Kite", 60, 0.5)
        return ch.state.commitments.local_commit.view.to_local_msat // 1000

    await p.kite_pays(150_000)  # so that Electrum can pay too
    kite_share = await in_sync()
    outcomes = []
    for n, (payer, way, name, nth) in enumerate(CUTS):
        if os.environ.get("KITE_TEST_CUTS") and str(n) not in os.environ["KITE_TEST_CUTS"].split(","):
            continue
        amount = 10_000 + n * 1_000
        cutter.arm(way, name, nth)
        why = ""
        if payer == "kite":
            request = await p.e("add_request", amount, f"cut {n}")
            try:
                await p.kite.svc.handlers["pay"](invoice=request["lightning_invoice"],
                                                 timeout=90)
                paid = True
            except PaymentFailed as e:
                paid, why = False, str(e)
        else:
            invoice = (await p.kite.svc.handlers["invoice"](
                amount_sat=amount, description=f"cut {n}"))["invoice"]
            result = await p.e("lnpay", invoice, 90)
            if not result["success"] and cutter.armed is not None and not result["log"]:
                # refused before any HTLC left (seen once: Electrum not yet ready after
                # the previous reconnection); the cut is still armed, so try again
                await in_sync()
                result = await p.e("lnpay", invoice, 90)
            paid, why = result["success"], json.dumps(result["log"])[:300]
        # (the payer may learn the outcome before the dance ends)
        await until(lambda: cutter.armed is None,
                    f"case {n}: the cut at {way} {name} #{nth} (paid={paid}, {why})", 30)
        assert cutter.fired[-1] == f"{way} {name}"
        now = await in_sync()
        moved = now - kite_share
        expected = (-amount if payer == "kite" else amount) if paid else 0
        assert moved == expected, (f"case {n} ({payer} pays, cut at {way} {name} #{nth}): "
                                   f"paid={paid}, Kite's balance moved by {moved}")
        outcomes.append(f"{payer} pays, cut at {way} {name} #{nth}: "
                        f"{'paid' if paid else 'failed: ' + why}")
        kite_share = now
    print("\n" + "\n".join(outcomes))
    # a message lost after the HTLC was committed never loses the payment
    assert sum("paid" in o for o in outcomes) >= len(CUTS) - 2

    await p.e("close_channel", point)
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    close_fee = fee_of(ch.inner.published[-1], CAPACITY)
    await p.mine()
    electrum_share = CAPACITY - kite_share
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY + kite_share - close_fee)
    await p.electrum_confirmed(electrum_before + electrum_share)


async def test_electrum_requests_a_force_close(pair):
    """Electrum's `request_force_close` (what it does after a restore from a channel
    backup): it reconnects with a `channel_reestablish` whose next_commitment_number is 0,
    then an `error`. BOLT 2: Kite must fail the channel and broadcast its latest
    commitment, whose to_remote pays Electrum's wallet at once."""
    p = pair
    point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY)
    await p.mine(3)
    await until(lambda: len(p.node.channels) == 1, "Kite's channel")
    [ch] = p.node.channels.values()
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    after_open = (await p.e("balance"))["confirmed"]
    await p.electrum_pays(80_000)
    await p.kite_pays(30_000)
    await p.settled(ch)
    kite_share = ch.state.commitments.local_commit.view.to_local_msat // 1000
    assert kite_share == 50_000

    await p.e("call", "request_force_close", channel_point=point)
    await until(lambda: isinstance(ch.inner, st.Closing), "Kite's force close", 60)
    assert ch.inner.how == "local"
    commitment = CTransaction.deserialize(ch.inner.published[-1])
    await until(lambda: tx_in_mempool(p.devnet, commitment.GetTxid()),
                "Kite's commitment in the mempool", 30)
    await p.mine()
    [electrum_out] = [o.nValue for o in commitment.vout if bytes(o.scriptPubKey)[:2] == b"\0\x14"]
    [kite_out] = [o.nValue for o in commitment.vout if bytes(o.scriptPubKey)[:2] == b"\0\x20"]
    assert kite_out == kite_share  # Electrum opened: it pays the commitment fee
    await p.electrum_confirmed(after_open + electrum_out)
    await p.electrum_state(point, "CLOSED")


HTLC_TIMEOUT_WEIGHT, HTLC_SUCCESS_WEIGHT = 663, 703  # BOLT 3, without anchors


async def pay_around_trim_thresholds(p: Pair, ch) -> tuple[int, int]:
    """Payments each way at the amounts where an HTLC output starts to exist on either
    commitment (dust limit + the second-stage fee, BOLT 3 "Trimmed Outputs"), one below,
    at and above each; both sides must agree on every commitment (signatures for exactly
    the untrimmed HTLCs), or the channel fails. Returns (sent, received) by Kite."""
    c = ch.state.commitments
    feerate = c.local_commit.view.feerate_per_kw
    timeout_fee = HTLC_TIMEOUT_WEIGHT * feerate // 1000
    success_fee = HTLC_SUCCESS_WEIGHT * feerate // 1000
    kite_dust, electrum_dust = c.params.local.dust_limit_sat, c.params.remote.dust_limit_sat
    # Kite offers: timeout tx on Kite's commitment, success tx on Electrum's
    kite_sends = sorted({a + d for a in (kite_dust + timeout_fee, electrum_dust + success_fee)
                         for d in (-1, 0, 1)} | {1})
    electrum_sends = sorted({a + d for a in (kite_dust + success_fee,
                                             electrum_dust + timeout_fee)
                             for d in (-1, 0, 1)} | {1})
    for amount in kite_sends:
        await p.kite_pays(amount)
    for amount in electrum_sends:
        await p.electrum_pays(amount)
    await p.settled(ch)
    assert isinstance(ch.state, st.Normal)
    return sum(kite_sends), sum(electrum_sends)


async def test_htlcs_at_the_trim_thresholds(pair):
    """Electrum's channel (its 45 000 sat/kw commitments: thresholds near 30 000 sat) and
    Kite's channel (Kite's feerate: thresholds near 700 sat), HTLCs around every trim
    threshold both ways; balances agree with Electrum's and the closes pay exactly."""
    p = pair
    point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, 800_000, 400_000)
    await p.mine(3)
    await until(lambda: len(p.node.channels) == 1, "Kite's channel")
    [ch] = p.node.channels.values()
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    after_open = (await p.e("balance"))["confirmed"]
    assert ch.state.commitments.local_commit.view.feerate_per_kw >= 45_000
    sent, received = await pay_around_trim_thresholds(p, ch)
    kite_share = 400_000 - sent + received
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_share * 1000
    e_chan = await asyncio.to_thread(p.electrum_channel, point)
    assert e_chan["remote_balance"] == kite_share
    await p.kite.svc.handlers["channel_close"](channel=str(ch.key_index))
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    close_fee = fee_of(ch.inner.published[-1], 800_000)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_share)
    await p.electrum_confirmed(after_open + 800_000 - kite_share - close_fee)

    # Kite's own channel, at Kite's feerate
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY, push_msat=100_000_000)
    funding_fee = await p.kite_fee(opened["funding_outpoint"])
    ch = p.node.find(opened["channel_id"])
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(opened["funding_outpoint"], "OPEN")
    electrum_before = (await p.e("balance"))["confirmed"]
    assert ch.state.commitments.local_commit.view.feerate_per_kw < 5_000
    sent, received = await pay_around_trim_thresholds(p, ch)
    kite_local = CAPACITY - 100_000 - sent + received
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_local * 1000
    await p.e("close_channel", opened["funding_outpoint"])
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    close_fee = fee_of(ch.inner.published[-1], CAPACITY)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + kite_share - funding_fee - CAPACITY + kite_local
                            - close_fee)
    await p.electrum_confirmed(electrum_before + CAPACITY - kite_local)


async def test_kite_updates_the_commitment_feerate(pair):
    """Kite, the opener, sends update_fee (up, then down); Electrum signs commitments at the
    new feerates (trim thresholds move with it), and the close pays exactly."""
    p = pair
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY, push_msat=150_000_000)
    funding_fee = await p.kite_fee(opened["funding_outpoint"])
    ch = p.node.find(opened["channel_id"])
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(opened["funding_outpoint"], "OPEN")
    electrum_before = (await p.e("balance"))["confirmed"]
    kite_local = CAPACITY - 150_000
    for feerate in (7_500, 2_000):
        await p.node.update_fee(ch, feerate)
        await p.settled(ch)
        assert ch.state.commitments.local_commit.view.feerate_per_kw == feerate
        assert ch.state.commitments.remote_commit.view.feerate_per_kw == feerate
        sent, received = await pay_around_trim_thresholds(p, ch)
        kite_local += received - sent
        assert ch.state.commitments.local_commit.view.to_local_msat == kite_local * 1000
    await p.e("close_channel", opened["funding_outpoint"])
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    close_fee = fee_of(ch.inner.published[-1], CAPACITY)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS - funding_fee - CAPACITY + kite_local - close_fee)
    await p.electrum_confirmed(electrum_before + CAPACITY - kite_local)


async def test_channel_updates_and_update_fee_on_a_moving_estimate(pair):
    """BOLT 7 for a private channel: each side sends the other its channel_update once the
    channel is open; Electrum's invoices then hint Kite's relay policy (no "Missing channel
    update"), Kite checks Electrum's signature and hints Electrum's values. Then the fee
    estimate moves: Kite, the opener, sends update_fee on its own at the next block and
    Electrum signs the new commitment."""
    p = pair
    # Electrum 4.3.4 sends its channel_update to its peer only when it forwards payments
    await p.e("call", "setconfig", key="lightning_forward_payments", value=True)
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    ch = p.node.find(opened["key_index"])
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(opened["funding_outpoint"], "OPEN")
    scid = ch.inner.short_channel_id.to_int()
    # Electrum's update reached Kite, signed by Electrum (an unsigned one is not kept)
    await until(lambda: ch.peer_update is not None, "Electrum's channel_update")
    theirs = ch.peer_update
    hint = [h[0] for h in decode_invoice(p.node.create_invoice(1000, "hint")).route_hints
            if h[0].pubkey == p.electrum.node_id]
    assert [(x.short_channel_id, x.fee_base_msat, x.fee_proportional_millionths,
             x.cltv_expiry_delta) for x in hint] == [
        (scid, theirs.fee_base_msat, theirs.fee_proportional_millionths,
         theirs.cltv_expiry_delta)]
    # Kite's update reached Electrum: its invoice hints Kite's relay policy
    invoice = decode_invoice((await p.e("add_request", 10_000, "hint"))["lightning_invoice"])
    hops = [h[0] for h in invoice.route_hints if h[0].pubkey == p.node.node_id]
    policy = p.node.manager.relay_policy
    assert [(x.short_channel_id, x.fee_base_msat, x.fee_proportional_millionths,
             x.cltv_expiry_delta) for x in hops] == [
        (scid, policy.fee_base_msat, policy.fee_proportional_millionths,
         policy.cltv_expiry_delta)], p.electrum.log_tail(40)
    assert "Missing channel update" not in p.electrum.log_tail(400)
    # the estimate moves to 20 sat/vB (5,000 sat/kw): update_fee at the next block
    before = ch.state.commitments.local_commit.view.feerate_per_kw
    await asyncio.to_thread(p.devnet.set_fee_estimate, 20)
    try:
        await p.mine()
        await until(lambda: ch.state.commitments.local_commit.view.feerate_per_kw == 5000
                    and ch.state.commitments.remote_commit.view.feerate_per_kw == 5000
                    and not ch.state.commitments.has_pending_changes,
                    f"update_fee from {before} to 5000 sat/kw")
    finally:
        await asyncio.to_thread(p.devnet.set_fee_estimate, None)
    await p.electrum_state(opened["funding_outpoint"], "OPEN")
    await p.kite_pays(20_000)  # the channel works at the new feerate


async def test_shutdown_with_an_htlc_in_flight(pair, monkeypatch):
    """Kite sends `shutdown` while an HTLC is half-way through the commitment dance: first
    Electrum's payment to Kite (Kite closes as soon as it reads the update_add_htlc), then
    Kite's own payment to Electrum (Kite closes right after sending its
    commitment_signed). BOLT 2: the HTLC still settles, then closing_signed; exact."""
    p = pair
    pending: list[asyncio.Task] = []
    trigger: dict[str, str | None] = {"at": None}
    send, dispatch = Peer.send, Peer._dispatch

    def close_now(ch) -> None:
        trigger["at"] = None
        pending.append(asyncio.get_running_loop().create_task(
            p.node.close_channel(str(ch.key_index))))

    warned: list[bytes] = []

    async def on_send(peer, message):
        await send(peer, message)
        if message.NAME == "warning":
            warned.append(message.data)
        if trigger["at"] == f"send {message.NAME}":
            close_now(p.node.find(message.channel_id.hex()))

    async def on_dispatch(peer, message):
        await dispatch(peer, message)
        if trigger["at"] == f"recv {message.NAME}":
            close_now(p.node.find(message.channel_id.hex()))

    monkeypatch.setattr(Peer, "send", on_send)
    monkeypatch.setattr(Peer, "_dispatch", on_dispatch)

    # Electrum pays Kite; Kite says shutdown as soon as the HTLC is offered
    point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY)
    await p.mine(3)
    await until(lambda: len(p.node.channels) == 1, "Kite's channel")
    [ch] = p.node.channels.values()
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    after_open = (await p.e("balance"))["confirmed"]
    trigger["at"] = "recv update_add_htlc"
    await p.electrum_pays(90_000)
    assert pending, "Kite never sent shutdown"
    await pending.pop()
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    assert ch.state.commitments.local_commit.view.to_local_msat == 90_000_000
    close_fee = fee_of(ch.inner.published[-1], CAPACITY)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + 90_000)
    await p.electrum_confirmed(after_open + CAPACITY - 90_000 - close_fee)
    # Electrum 4.3.4 answers that shutdown with an early closing_signed (HTLC unsettled):
    # Kite warned and reconnected instead of failing the channel
    print(f"\nKite's warnings: {warned}")

    # Kite pays Electrum and says shutdown right after its commitment_signed
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    funding_fee = await p.kite_fee(opened["funding_outpoint"])
    ch = p.node.find(opened["channel_id"])
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(opened["funding_outpoint"], "OPEN")
    electrum_before = (await p.e("balance"))["confirmed"]
    trigger["at"] = "send commitment_signed"
    await p.kite_pays(70_000)
    assert pending, "Kite never sent shutdown"
    await pending.pop()
    await until(lambda: isinstance(ch.inner, st.Closing), "mutual close", 60)
    close_fee = fee_of(ch.inner.published[-1], CAPACITY)
    await p.mine()
    await p.kite.balance_is(KITE_FUNDS + 90_000 - funding_fee - CAPACITY + (CAPACITY - 70_000)
                            - close_fee)
    await p.electrum_confirmed(electrum_before + 70_000)


CLOSE_CUTS = [("send", "shutdown"), ("recv", "shutdown"),
              ("send", "closing_signed"), ("recv", "closing_signed")]


async def test_connection_cut_during_the_cooperative_close(pair, monkeypatch):
    """For each opener and each step of shutdown/closing_signed, the connection is cut
    there once (a message lost either way); after the reconnection the close completes
    (BOLT 2: shutdown retransmitted, negotiation restarted). Every closing transaction
    pays each side its balance (the opener the fee); Kite's wallet exact at the end."""
    p = pair
    cutter = ConnectionCutter(monkeypatch)
    p.reconnect_sooner()
    kite_wallet = KITE_FUNDS
    outcomes = []
    # Electrum's close_channel calls, each with Kite's closing txid (may wait on the cut link)
    calls: list[tuple[asyncio.Future, str]] = []
    for opener in ("kite", "electrum"):
        for n, (way, name) in enumerate(CLOSE_CUTS):
            if opener == "kite":
                opened = await p.kite.svc.handlers["channel_open"](
                    peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
                    amount_sat=200_000)
                point = opened["funding_outpoint"]
                kite_wallet -= 200_000 + await p.kite_fee(point)
            else:
                known = set(p.node.channels)
                point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port,
                                  200_000)
                await until(lambda known=known: set(p.node.channels) - known,
                            "Kite's new channel")
            [ch] = [c for c in p.node.channels.values() if c.channel_id and
                    f"{c.state.commitments.params.funding_txid[::-1].hex()}:"
                    f"{c.state.commitments.params.funding_output_index}" == point]
            await p.mine(3)
            await p.node.wait_normal(ch, 60)
            await p.electrum_state(point, "OPEN")
            if opener == "kite":
                await p.kite_pays(60_000)
            else:
                await p.electrum_pays(60_000)
            await p.settled(ch)
            kite_balance = ch.state.commitments.local_commit.view.to_local_msat // 1000
            cutter.arm(way, name)
            began = time.monotonic()
            closer = "kite" if n % 2 == 0 else "electrum"
            closing_call = None
            if closer == "kite":
                await p.kite.svc.handlers["channel_close"](channel=str(ch.key_index))
            else:  # its call may hang on the cut connection: not awaited until the end
                closing_call = asyncio.ensure_future(p.e("close_channel", point))
            await until(lambda ch=ch: isinstance(ch.inner, st.Closing), "the close", 90)
            took = time.monotonic() - began
            assert ch.inner.how == "mutual", ch.inner.how
            fired = cutter.armed is None
            cutter.armed = None
            closing = CTransaction.deserialize(ch.inner.published[-1])
            if closing_call is not None:
                calls.append((closing_call, closing.GetTxid()[::-1].hex()))
            fee = 200_000 - sum(o.nValue for o in closing.vout)
            to_kite = output_paying(closing, ch.inner.setup.close_script)
            assert to_kite == kite_balance - (fee if opener == "kite" else 0)
            kite_wallet += to_kite
            outcomes.append(f"{opener} opened, {closer} closed, cut at {way} {name}: "
                            f"{'cut' if fired else 'no cut (message not sent)'}, fee {fee}, "
                            f"Kite closed after {took:.1f} s")
    await p.mine()
    await p.kite.balance_is(kite_wallet)
    # a close_channel call answers with the closing txid, or errs, or waits on the link
    # that was cut under it until its HTTP timeout (60 s): such a call ends with an
    # ElectrumError when Electrum stops after the test, and is not waited for here
    await asyncio.wait([call for call, _ in calls], timeout=2)
    answered = 0
    for call, txid in calls:
        if call.done():
            with contextlib.suppress(ElectrumError):
                assert call.result() == txid, (call.result(), txid)
                answered += 1
    outcomes.append(f"Electrum's close_channel answered {answered} of {len(calls)} times")
    print("\n" + "\n".join(outcomes))


class Silence:
    """From the moment a chosen message passes (Kite sending or reading it), Kite's link to
    the channel goes silent both ways (that message included, when Kite sends it): the
    peers stay connected but nothing more of the channel gets through, as if the rest
    were lost; `then` runs once (a force close)."""

    def __init__(self, monkeypatch) -> None:
        self.at: tuple[str, str] | None = None
        self.channel_id: bytes | None = None
        self.then = None
        send, dispatch = Peer.send, Peer._dispatch
        me = self

        async def quiet_send(peer, message):
            if me._silent("send", message):
                return
            await send(peer, message)

        async def quiet_dispatch(peer, message):
            if me._silent("recv", message):
                return
            await dispatch(peer, message)

        monkeypatch.setattr(Peer, "send", quiet_send)
        monkeypatch.setattr(Peer, "_dispatch", quiet_dispatch)

    def _silent(self, way: str, message) -> bool:
        cid = getattr(message, "channel_id", None)
        if self.channel_id is not None:
            return cid == self.channel_id
        if self.at == (way, message.NAME):
            self.channel_id, self.at = cid, None
            asyncio.get_running_loop().create_task(self.then())
            return True
        return False


async def test_force_closes_with_an_htlc_in_flight(pair, monkeypatch):
    """An HTLC is settled on chain with the other implementation's HTLC signatures:
    (1) Electrum pays Kite; Kite's update_fulfill_htlc is lost and Kite force-closes: its
    HTLC-success transaction (Electrum's signature, Kite's preimage) confirms, Electrum
    learns the preimage on chain (its lnpay succeeds), Kite sweeps the HTLC-success output
    and its to_local after Electrum's 1008 blocks. (2) Kite pays Electrum; Electrum's
    update_fulfill_htlc is lost and Electrum force-closes: its HTLC-success transaction
    carries Kite's signature; Kite's watcher learns the preimage (the payment is paid) and
    sweeps its to_remote. Balances exact."""
    p = pair
    devnet = p.devnet
    silence = Silence(monkeypatch)

    # (1) Electrum's channel (100 000 sat pushed to Kite); Electrum pays Kite 60 000 sat;
    # Kite's fulfill is lost
    point = await p.e("open_channel", p.node.node_id, "127.0.0.1", p.port, CAPACITY,
                      100_000)
    await p.mine(3)
    await until(lambda: len(p.node.channels) == 1, "Kite's channel")
    [ch] = p.node.channels.values()
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")
    after_open = (await p.e("balance"))["confirmed"]

    async def kite_force_closes():
        await p.node.close_channel(str(ch.key_index), force=True)

    silence.at, silence.then = ("send", "update_fulfill_htlc"), kite_force_closes
    invoice = (await p.kite.svc.handlers["invoice"](amount_sat=60_000))["invoice"]
    payment_hash = decode_invoice(invoice).payment_hash
    paying = asyncio.ensure_future(p.e("lnpay", invoice, 300))
    await until(lambda: isinstance(ch.inner, st.Closing), "Kite's force close", 60)
    assert ch.inner.how == "local"
    commitment = CTransaction.deserialize(ch.inner.published[-1])
    [htlc] = ch.state.commitments.local_commit.view.htlcs
    assert htlc.amount_msat == 60_000_000 and len(commitment.vout) == 3
    await until(lambda: tx_in_mempool(devnet, commitment.GetTxid()), "the commitment", 30)
    await p.mine()
    commit_height = await asyncio.to_thread(devnet.height)
    p2wsh = [(i, bytes(o.scriptPubKey), o.nValue) for i, o in enumerate(commitment.vout)
             if bytes(o.scriptPubKey)[:2] == b"\0\x20"]
    [(htlc_index, htlc_spk, htlc_sat)] = [x for x in p2wsh if x[2] == 60_000]
    [(_, local_spk, to_local)] = [x for x in p2wsh if x[2] != 60_000]
    success = await until(lambda: tx_spending(devnet, htlc_spk, commitment.GetTxid(), False),
                          "Kite's HTLC-success transaction", 60, 0.5)
    assert success.vin[0].prevout.n == htlc_index and success.nLockTime == 0
    await p.mine()
    result = await asyncio.wait_for(paying, 120)
    assert result["success"], result  # Electrum read the preimage on chain
    assert p.node.payments.payment_log.get(payment_hash).status == "paid"
    electrum_out = sum(o.nValue for o in commitment.vout) - to_local - htlc_sat
    await p.electrum_confirmed(after_open + electrum_out)

    # the HTLC-success output and to_local wait for Electrum's 1008 blocks
    [success_spk] = [bytes(o.scriptPubKey) for o in success.vout]
    await p.mine(1005)  # to_local may go into block commit_height + 1008, not before
    assert await asyncio.to_thread(devnet.height) == commit_height + 1006
    assert await asyncio.to_thread(tx_spending, devnet, local_spk, commitment.GetTxid(),
                                   False) is None
    await p.mine(2)
    sweeps = [await until(lambda spk=spk, txid=txid: tx_spending(devnet, spk, txid, False),
                          "Kite's sweeps", 60, 0.5)
              for spk, txid in ((local_spk, commitment.GetTxid()),
                                (success_spk, success.GetTxid()))]
    assert sweeps[0].vin[0].nSequence == 1008 and sweeps[1].vin[0].nSequence == 1008
    await p.mine()
    kite_after_1 = KITE_FUNDS + sum(sum(o.nValue for o in tx.vout) for tx in
                                    {tx.GetTxid(): tx for tx in sweeps}.values())
    await p.kite.balance_is(kite_after_1)

    # (2) Kite's channel; Kite pays Electrum 70 000 sat; Electrum's fulfill is lost
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    funding_fee = await p.kite_fee(opened["funding_outpoint"])
    ch2 = p.node.find(opened["channel_id"])
    await p.mine(3)
    await p.node.wait_normal(ch2, 60)
    await p.electrum_state(opened["funding_outpoint"], "OPEN")
    electrum_before = (await p.e("balance"))["confirmed"]
    closed: list[str] = []

    async def electrum_force_closes():
        closed.append(await p.e("close_channel", opened["funding_outpoint"], True))

    silence.channel_id = None
    silence.at, silence.then = ("recv", "update_fulfill_htlc"), electrum_force_closes
    request = await p.e("add_request", 70_000, "held")
    invoice = request["lightning_invoice"]
    payment_hash = decode_invoice(invoice).payment_hash
    paying = asyncio.ensure_future(p.kite.svc.handlers["pay"](invoice=invoice, timeout=300))
    await until(lambda: closed, "Electrum's force close", 60)
    their_commitment = await asyncio.to_thread(server_tx, devnet, bytes.fromhex(closed[0])[::-1])
    await p.mine()
    await until(lambda: isinstance(ch2.inner, st.Closing), "Kite sees the close", 60)
    assert ch2.inner.how == "remote"
    [(their_htlc_index, their_htlc_spk)] = [
        (i, bytes(o.scriptPubKey)) for i, o in enumerate(their_commitment.vout)
        if o.nValue == 70_000]
    their_success = await until(lambda: tx_spending(
        devnet, their_htlc_spk, their_commitment.GetTxid(), False),
        "Electrum's HTLC-success transaction (with Kite's signature)", 60, 0.5)
    assert their_success.vin[0].prevout.n == their_htlc_index
    remote_spk = scripts.p2wpkh(ch2.keys.payment_basepoint)
    to_remote = output_paying(their_commitment, remote_spk)
    remote_sweep = await until(lambda: tx_spending(
        devnet, remote_spk, their_commitment.GetTxid(), False), "Kite's to_remote sweep", 60, 0.5)
    await p.mine()
    # Kite's payment completes with the preimage from Electrum's HTLC-success transaction
    assert (await asyncio.wait_for(paying, 60))["status"] == "paid"
    assert p.node.payments.payment_log.get(payment_hash).status == "paid"
    assert to_remote == CAPACITY - 70_000 - (
        CAPACITY - sum(o.nValue for o in their_commitment.vout))  # Kite, the opener, pays
    await p.kite.balance_is(kite_after_1 - funding_fee - CAPACITY
                            + sum(o.nValue for o in remote_sweep.vout))
    # Electrum: its HTLC-success output waits for Kite's 1008 blocks, then Electrum sweeps it
    await p.mine(1010)
    [second_spk] = [bytes(o.scriptPubKey) for o in their_success.vout]
    their_sweep = await until(lambda: tx_spending(devnet, second_spk, their_success.GetTxid(),
                                                  False),
                              "Electrum's sweep of its HTLC-success output", 60, 1)
    assert their_sweep.vin[0].nSequence == 1008
    await p.mine()
    await p.electrum_confirmed(electrum_before + sum(o.nValue for o in their_sweep.vout))


async def test_electrum_publishes_a_revoked_commitment(pair, monkeypatch):
    """Electrum restored from an old copy of its wallet (the channel state two updates
    back), out of reach of Kite, force-closes: it publishes a revoked commitment. Kite's
    watcher takes every output with the revocation key Electrum's per-commitment secret
    gives (justice) and sweeps its own; Electrum gets nothing from the channel."""
    p = pair
    devnet = p.devnet
    ch, revoked_txid, revoked, after_open = await p.electrum_publishes_a_revoked_commitment(
        CAPACITY)
    await p.mine()
    await until(lambda: isinstance(ch.inner, st.Closing), "Kite sees the close", 60)
    assert ch.inner.how == "revoked"
    claims = {}
    for n, out in enumerate(revoked.vout):
        tx = await until(lambda out=out: tx_spending(devnet, bytes(out.scriptPubKey),
                                                     revoked_txid, False),
                         f"Kite's claim of output {n} of the revoked commitment", 60, 0.5)
        claims[tx.GetTxid()] = tx
    await p.mine()
    taken = sum(sum(o.nValue for o in tx.vout) for tx in claims.values())
    assert CAPACITY - taken < 40_000  # everything but the fees
    await p.kite.balance_is(KITE_FUNDS + taken)
    await p.mine(150)  # past Electrum's CSV: nothing left for it
    await asyncio.sleep(2)
    assert (await p.e("balance"))["confirmed"] == after_open
    print(f"\nrevoked commitment {revoked_txid[::-1].hex()}: Kite took {taken} sat in "
          f"{len(claims)} transaction(s)")
