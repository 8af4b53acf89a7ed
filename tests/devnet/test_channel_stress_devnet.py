"""Issue 5 end to end on the devnet (bcoin + ElectrumX): two Kite nodes each open a channel
to the other (each is funder once), 100 payments each way with several in flight at once
on both channels, the TCP connection is cut while HTLCs are in flight, the channels
reestablish, both are closed cooperatively, and each wallet's on-chain balance is exact to
the satoshi (funding and closing fees read from the transactions)."""

from __future__ import annotations

import asyncio
import socket

import pytest
from bitcoin.core import CTransaction

from tests.support.cli import until
from tests.support.wallet_under_test import WalletUnderTest
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.ln.channel import states as st
from wallet.ln.shell.lightning_node import LightningNode
from wallet.ln.shell.payments import PaymentFailed
from wallet.ln.store.channel_store import FAILED, PAID

pytestmark = pytest.mark.slow

ON_CHAIN = 1_000_000  # sat each wallet starts with
FUNDING = 400_000  # sat each side puts in the channel it opens
PAYMENTS = 100  # each way
IN_FLIGHT = 8  # payments at once, each way
A_TO_B, B_TO_A = 1_000, 700  # sat per payment


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stream:
    """`PAYMENTS` payments from payer to payee, `IN_FLIGHT` at a time. A payment the payer
    reports failed (the connection dropped before its HTLC was committed) is retried with
    a fresh invoice; each invoice the payer saw paid is recorded with its preimage."""

    def __init__(self, payer: LightningNode, payee: LightningNode, amount_sat: int) -> None:
        self.payer, self.payee, self.amount_msat = payer, payee, amount_sat * 1000
        self.paid: dict[str, str] = {}  # invoice -> preimage (hex)
        self.failed: list[str] = []

    async def run(self) -> None:
        slots = asyncio.Semaphore(IN_FLIGHT)

        async def one(i: int) -> None:
            async with slots:
                for attempt in range(10):
                    invoice = self.payee.create_invoice(self.amount_msat, f"{i}/{attempt}")
                    try:
                        result = await self.payer.pay(invoice, timeout=60)
                    except PaymentFailed as e:
                        assert "still pending" not in str(e), e
                        self.failed.append(invoice)
                        await asyncio.sleep(0.3)
                        continue
                    self.paid[invoice] = result["preimage"]
                    return
                raise AssertionError(f"payment {i} failed ten times")

        await asyncio.gather(*(one(i) for i in range(PAYMENTS)))


def _in_flight(*channels) -> bool:
    return any(c.state.commitments.local_commit.view.htlcs
               or c.state.commitments.has_pending_changes for c in channels
               if st.commitments_of(c.state) is not None)


async def test_both_roles_100_payments_each_way_reconnect_and_close(shared_devnet, tmp_path,
                                                                    monkeypatch):
    devnet = shared_devnet
    port_a, port_b = _free_port(), _free_port()
    a_wallet = WalletUnderTest(devnet, tmp_path / "a", generate_mnemonic(),
                               ln_listen=f"127.0.0.1:{port_a}")
    b_wallet = WalletUnderTest(devnet, tmp_path / "b", generate_mnemonic(),
                               ln_listen=f"127.0.0.1:{port_b}")
    async with a_wallet as a, b_wallet as b:
        ma, mb = a.svc.ln.node, b.svc.ln.node
        for m in (ma, mb):
            m.poll_interval = 0.2
            m.peers.backoff_initial = 0.2
        for w in (a, b):
            await asyncio.to_thread(devnet.fund, (await w.svc.address())["address"],
                                    ON_CHAIN)
        await a.mine()
        await a.balance_is(ON_CHAIN)
        await b.balance_is(ON_CHAIN)

        # each side opens one channel to the other
        one = await a.svc.handlers["channel_open"](
            peer=f"{mb.node_id.hex()}@127.0.0.1:{port_b}", amount_sat=FUNDING)
        two = await b.svc.handlers["channel_open"](
            peer=f"{ma.node_id.hex()}@127.0.0.1:{port_a}", amount_sat=FUNDING)
        funding_fee = {}
        for name, w, opened in (("a", a, one), ("b", b, two)):
            txid = opened["funding_outpoint"].split(":")[0]
            funding_fee[name] = {h["txid"]: h for h in await w.svc.history()}[txid]["fee_sat"]
            assert funding_fee[name] > 0
        await a.mine(3)
        pairs = []
        for opened in (one, two):
            cha, chb = ma.find(opened["channel_id"]), mb.find(opened["channel_id"])
            await ma.wait_normal(cha, 60)
            await mb.wait_normal(chb, 60)
            pairs.append((cha, chb))
        assert pairs[0][0].state.commitments.params.is_opener
        assert pairs[1][1].state.commitments.params.is_opener
        everything = [c for pair in pairs for c in pair]

        # 100 payments each way at once, 8 in flight each way; the connection is cut
        # halfway through while HTLCs are in flight
        forth, back = Stream(ma, mb, A_TO_B), Stream(mb, ma, B_TO_A)
        streams = asyncio.gather(forth.run(), back.run())
        await until(lambda: len(forth.paid) + len(back.paid) >= PAYMENTS
                    and _in_flight(*everything), "payments halfway, HTLCs in flight", 120)
        before_cut = len(forth.paid) + len(back.paid)
        conn = ma.peers.peers[mb.node_id]
        conn.close("test: connection cut mid-flow")
        await until(lambda: ma.peers.peers.get(mb.node_id) not in (None, conn)
                    and all(type(c.state) is st.Normal for c in everything),
                    "reconnected and reestablished", 60)
        await asyncio.wait_for(streams, 300)
        assert before_cut < 2 * PAYMENTS  # the cut really happened mid-stream
        await until(lambda: not _in_flight(*everything), "settled", 30)

        # every payment paid exactly once: preimages right, payees agree, retried
        # invoices never paid
        for stream in (forth, back):
            assert len(stream.paid) == PAYMENTS
            payer_log = {p["payment_hash"]: p for p in stream.payer.list_payments()}
            payee_log = {p["payment_hash"]: p for p in stream.payee.list_payments()}
            for invoice, preimage in stream.paid.items():
                h = decode_invoice(invoice).payment_hash.hex()
                assert payee_log[h]["status"] == PAID
                assert payer_log[h]["status"] == PAID
                assert payer_log[h]["preimage"] == preimage
            for invoice in stream.failed:
                h = decode_invoice(invoice).payment_hash.hex()
                assert payee_log[h]["status"] != PAID
                assert payer_log[h]["status"] == FAILED
        # both channels agree on both sides, and the totals moved exactly
        a_total = 0
        for cha, chb in pairs:
            ca, cb = cha.state.commitments, chb.state.commitments
            assert ca.local_commit.view == cb.remote_commit.view
            assert ca.remote_commit.view == cb.local_commit.view
            assert ca.local_commit.view.to_local_msat == cb.local_commit.view.to_remote_msat
            a_total += ca.local_commit.view.to_local_msat
        a_share = FUNDING - PAYMENTS * A_TO_B + PAYMENTS * B_TO_A
        b_share = FUNDING + PAYMENTS * A_TO_B - PAYMENTS * B_TO_A
        assert a_total == a_share * 1000

        # each side closes the channel it opened, cooperatively
        close_fee = {}
        for w, opened in ((a, one), (b, two)):
            await w.svc.handlers["channel_close"](channel=opened["channel_id"])
        for name, m, opened in (("a", ma, one), ("b", mb, two)):
            ch = m.find(opened["channel_id"])
            await until(lambda ch=ch: isinstance(ch.inner, st.Closing), "closing", 60)
            assert ch.inner.how == "mutual"
            tx = CTransaction.deserialize(ch.inner.published[-1])
            close_fee[name] = FUNDING - sum(o.nValue for o in tx.vout)
            assert 0 < close_fee[name] < 5_000
        for cha, chb in pairs:
            await until(lambda cha=cha, chb=chb: isinstance(cha.inner, st.Closing)
                        and isinstance(chb.inner, st.Closing), "both sides closing", 60)
        assert not any(c.inner.how != "mutual" for c in everything)
        await a.mine()
        # the opener pays its funding and closing fees; everything else moved by payments
        await a.balance_is(ON_CHAIN - FUNDING - funding_fee["a"] + a_share - close_fee["a"])
        await b.balance_is(ON_CHAIN - FUNDING - funding_fee["b"] + b_share - close_fee["b"])
