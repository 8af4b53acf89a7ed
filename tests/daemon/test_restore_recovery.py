"""Recovery that starts by itself after a restore: the node reads its on-chain history for
recovery records, asks the peers to close and sweeps, with nobody calling `channel recover`;
what is being recovered is counted apart from the balance, never twice, never spendable."""

from __future__ import annotations

import asyncio
import os
from types import SimpleNamespace

import pytest
from bitcoin.core import CMutableTransaction, COutPoint, CTransaction, CTxIn, CTxOut

from tests.support.nodes import NO_STORAGE, make_node, settled, stop_all
from tests.support.recovery_chain import FUNDING, OwnBroadcasts, SpendingChain, until
from wallet.cli.chain_commands import balance_lines
from wallet.cli.channel_commands import _line
from wallet.cli.recovery_commands import status_lines
from wallet.daemon import restore_recovery
from wallet.daemon.node_config import NodeConfig
from wallet.daemon.restore_recovery import AutoRecovery, RecoveryProgress, progress
from wallet.daemon.service import NodeService
from wallet.errors import InputError
from wallet.keys.bip39 import generate_mnemonic
from wallet.ln.recovery.record import RecoveryRecord, record_script
from wallet.ln.recovery.scan import FoundChannel
from wallet.ln.shell.peer import DEFAULT_FEATURES
from wallet.ln.store.recovery_store import CLOSE_REQUESTED, CLOSING, FOUND, SWEPT, RecoveredChannel
from wallet.networks import REGTEST
from wallet.storage.wallet_file import create_wallet, open_wallet


class WalletHistory:
    """The chain node as AutoRecovery sees it: the wallet's transactions (the funding and
    the sweeps: what pays or spends the wallet) and whether it is synced."""

    WALLET_TXS = ("funding", "to_remote sweep")

    def __init__(self, chain: SpendingChain, extra: list[bytes] = ()) -> None:
        self.chain = chain
        self.extra = list(extra)
        self.synced = asyncio.Event()
        self.synced.set()
        self.ledger = self

    def _raws(self) -> list[bytes]:
        return [raw for what, raw in self.chain.broadcasts if what in self.WALLET_TXS] + self.extra

    def transactions(self) -> list[SimpleNamespace]:
        return [SimpleNamespace(txid=CTransaction.deserialize(raw).GetTxid()[::-1].hex(), raw=raw)
                for raw in self._raws()]

    def __contains__(self, txid: str) -> bool:
        return any(t.txid == txid for t in self.transactions())


async def _lose_wallet(tmp_path, a) -> None:
    await a.stop()
    for f in tmp_path.glob("a.sqlite*"):
        f.unlink()


async def _channel_with_payment(tmp_path, chain, recoverable: bool = True,
                                storage: bool = False):
    """A's channel to B with one payment; B keeps A's blob only with `storage` (then a
    restored A resumes the channel when the blob is current, instead of closing it)."""
    seed = os.urandom(32)
    a = make_node(tmp_path, "a", chain, seed)
    a.recoverable_channels = recoverable
    b = make_node(tmp_path, "b", chain, os.urandom(32),
                  DEFAULT_FEATURES if storage else DEFAULT_FEATURES - NO_STORAGE)
    await a.start()
    await b.start(listen_port=0)
    ch = await a.open_channel(b.node_id, "127.0.0.1", b.listen_port, FUNDING)
    chain.mine(3)
    await a.wait_normal(ch, 10)
    await until(lambda: b.channels, "B's channel")
    [chb] = b.channels.values()
    await b.wait_normal(chb, 10)
    await a.pay(b.create_invoice(150_000_000, "coffee"))
    await settled(ch, chb)
    return seed, a, b, ch


async def test_a_restored_node_recovers_its_channel_by_itself(tmp_path) -> None:
    chain = SpendingChain()
    seed, a, b, ch = await _channel_with_payment(tmp_path, chain)
    a2 = auto = None
    events: list[dict] = []
    try:
        await _lose_wallet(tmp_path, a)
        a = None
        view = OwnBroadcasts(chain)
        a2 = make_node(tmp_path, "a2", view, seed)
        await a2.start()
        auto = AutoRecovery(a2.recovery, WalletHistory(chain),
                            lambda node: f"127.0.0.1:{b.listen_port}",
                            lambda kind, data: events.append(data))
        auto.start(0.05)  # nobody calls scan or request_closes: the node does
        await until(lambda: any(w == "commitment" for w, _ in chain.broadcasts),
                     "B's commitment, on our request")
        assert auto.progress().channels == 1
        await until(lambda: auto.progress().amount_sat, "our amount on B's commitment")
        chain.mine(1)
        await until(lambda: view.sent, "our sweep")
        [(what, raw)] = view.sent
        assert what == "to_remote sweep"
        # the commitment is in, the sweep just sent: it should confirm in the next block
        assert a2.recovery.confirms_at[ch.key_index] == chain.tip_height + 1
        [commit] = {r for w, r in chain.broadcasts if w == "commitment"}  # B may publish it again
        prevout = CTransaction.deserialize(raw).vin[0].prevout
        ours = CTransaction.deserialize(commit).vout[prevout.n].nValue
        # counted apart while the commitment waits for its confirmation, then the wallet
        # holds the sweep and the figure drops to 0: never both
        assert max(e["amount_sat"] for e in events) == ours
        chain.mine(1)
        await until(lambda: a2.recovery.list()[0].status == SWEPT, "the sweep confirmed")
        await until(lambda: events and events[-1]["done"] == 1, "progress published")
        assert auto.progress() == RecoveryProgress(0, 0, 0, 1)
        texts = [e["text"] for e in events]
        assert texts[0] == "Recovering 1 channel: waiting for the peer to close"
        assert texts[-1] == ""
        assert not a2.channels
    finally:
        if auto is not None:
            await auto.stop()
        await stop_all(a, b, a2)


def _rc(key: int, status: str, sweep: bytes | None = None) -> RecoveredChannel:
    found = FoundChannel(bytes.fromhex("02" + "11" * 32), key, bytes([key]) * 32, 0, 500_000,
                         b"\x00\x20" + bytes(32))
    return RecoveredChannel(found, None, status, sweep)


def test_being_recovered_is_counted_once_and_apart() -> None:
    """A closing channel's to_remote counts until the wallet holds its sweep, then only the
    on-chain balance shows it; a channel not closed yet has no amount (we lost it)."""
    sweep = b"\x05" * 32
    rows = [_rc(1, FOUND), _rc(2, CLOSE_REQUESTED), _rc(3, CLOSING), _rc(4, CLOSING, sweep),
            _rc(5, SWEPT)]
    amounts = {3: 120_000, 4: 80_000, 1: 999}  # a stale amount of a found one is not counted
    before = progress(rows, amounts, lambda txid: False)
    assert before == RecoveryProgress(channels=4, amount_sat=200_000, waiting=2, done=1)
    assert before.sentence() == ("Recovering 4 channels: 200,000 sat on its way back (less "
                                 "the network fee); waiting for 2 peers to close")
    after = progress(rows, amounts, lambda txid: txid == sweep)
    assert after.amount_sat == 120_000  # the sweep in the wallet is its balance's now
    assert progress([], {}, lambda t: False).sentence() == ""
    # the block a sweep should confirm in: the latest of those under way, none for a peer
    # that has not closed yet
    blocks = progress(rows, amounts, lambda txid: False, {1: 999, 3: 812, 4: 813, 5: 700})
    assert blocks.confirms_at == 813
    assert blocks.sentence() == ("Recovering 4 channels: 200,000 sat on its way back (less "
                                 "the network fee), confirms around block 813; waiting for 2 "
                                 "peers to close")
    assert progress([_rc(4, CLOSING, sweep)], amounts, lambda txid: txid == sweep,
                    {4: 813}).sentence() == (
        "Recovering 1 channel: the funds are back on-chain, confirms around block 813")
    assert RecoveryProgress(1, 5_000, 0, 0).sentence() == (
        "Recovering 1 channel: 5,000 sat on its way back (less the network fee)")


async def test_records_not_ours_are_ignored_and_an_unreachable_peer_is_asked_again(
        tmp_path) -> None:
    """Another wallet's record, and garbage after the marker, find nothing; a record whose
    peer cannot be reached stays 'found' (nothing broadcast) and is tried again after
    RETRY_SECONDS, not at every pass."""
    chain = SpendingChain()
    seed = os.urandom(32)
    node = make_node(tmp_path, "a2", chain, seed)
    other = make_node(tmp_path, "x", chain, os.urandom(32))
    peer = bytes.fromhex("02" + "22" * 32)

    def funding_with(script: bytes) -> bytes:
        txin = CTxIn(COutPoint(os.urandom(32), 0))
        return CMutableTransaction([txin], [CTxOut(500_000, b"\x00\x20" + os.urandom(32)),
                                            CTxOut(0, script)]).serialize()

    ours = funding_with(record_script(RecoveryRecord(peer, 7), node.lightning.record_key))
    theirs = funding_with(record_script(RecoveryRecord(peer, 8), other.lightning.record_key))
    garbage = funding_with(b"\x6a\x44KR\x01" + os.urandom(66))
    asked: list[int] = []
    try:
        await node.start()
        original = node.recovery.request_closes

        async def counting(address_of=None):
            asked.append(1)
            return await original(address_of)

        node.recovery.request_closes = counting
        clock = [1000.0]
        auto = AutoRecovery(node.recovery, WalletHistory(chain, [theirs, garbage, ours]),
                            lambda n: "127.0.0.1:1",  # nobody listens there
                            clock=lambda: clock[0])
        await auto.step()
        [rc] = node.recovery.list()
        assert (rc.channel.key_index, rc.status) == (7, FOUND)
        await auto.step()
        await auto.step()
        assert len(asked) == 1  # not at every pass
        clock[0] += restore_recovery.RETRY_SECONDS
        await auto.step()
        assert len(asked) == 2
        assert chain.broadcasts == []
        assert auto.progress() == RecoveryProgress(1, 0, 1, 0)
    finally:
        await stop_all(node, other)


async def test_status_and_balance_show_what_is_being_recovered_apart(tmp_path) -> None:
    """The daemon's `status` carries `recovery`; `balance` has `recovering` beside the
    on-chain and Lightning figures, never inside them; `kite status` and `kite balance` say
    it in one line; `channel list` shows each recovered channel with its `recovery`."""
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", "pw")
    wallet = open_wallet(folder, "pw", network=REGTEST)
    svc = NodeService(wallet, NodeConfig(server="127.0.0.1:1:t"))  # offline: nothing here waits for a server
    try:
        recovery = svc.ln.node.recovery
        for key, status in ((3, CLOSING), (4, FOUND), (5, SWEPT)):
            recovery.store.add(_rc(key, status).channel)
            recovery.store.set_status(key, status, b"\x07" * 32 if status == SWEPT else None)
        recovery.amounts[3] = 250_000
        recovery.amounts[5] = 40_000
        status = await svc.status()
        assert status["recovery"] == {
            "channels": 2, "amount_sat": 250_000, "waiting": 1, "done": 1, "confirms_at": None,
            "text": "Recovering 2 channels: 250,000 sat on its way back (less the network "
                    "fee); waiting for 1 peer to close"}
        balance = await svc.balance(wait=0)
        assert balance["recovering"] == 250_000
        assert (balance["confirmed"], balance["unconfirmed"], balance["total"]) == (0, 0, 0)
        assert (balance["lightning"], balance["lightning_closing"]) == (0, 0)  # never in there
        assert balance["recovery"] == status["recovery"]
        assert status_lines(status)[-1] == f"recovery: {status['recovery']['text']}"
        assert balance_lines(balance)[-3:] == [
            "lightning:   0 sat (can be paid now)",
            f"recovering:  {status['recovery']['text']} (not spendable yet)",
            "(not synchronised with a server: figures may be out of date)"]
        listed = (await svc.ln.recovery_status())["list"]
        assert [(c["key_index"], c["recovery"], c["amount_sat"]) for c in listed] == [
            (3, CLOSING, 250_000), (4, FOUND, None), (5, SWEPT, 40_000)]
        recovery.confirms_at[3] = 812
        rows = await svc.ln.channel_list()
        assert [(c["key_index"], c["phase"], c["recovery"], c["confirms_at"]) for c in rows] == [
            (3, "recovering", CLOSING, 812), (4, "recovering", FOUND, None),
            (5, "closed", SWEPT, None)]
        assert rows[2]["sweep_txid"] == "07" * 32
        assert _line(rows[0]) == (
            f"#3 {'03' * 32}:0 recovered (closing; our funds are being swept to the wallet) "
            "of 500000 sat with 0211111111111111  ours 250000 sat  confirms around block 812")
        assert "recovered (found by the restore; its peer not reached yet)" in _line(rows[1])
        assert _line(rows[2]).endswith(f"swept into the wallet) of 500000 sat with "
                                       f"0211111111111111  ours 40000 sat  sweep {'07' * 32}")
        # a channel whose state we hold again (a blob resumed it) is listed once, as held,
        # with its recovery field; its human line says so
        held = {"key_index": 4, "channel_id": "ab" * 32, "state": "Normal", "phase": "active",
                "local_msat": 10_000_000, "remote_msat": 0, "capacity_sat": 500_000}
        svc.ln.node.list_channels = lambda: [dict(held)]
        rows = await svc.ln.channel_list()
        assert [(c["key_index"], c["phase"], c["recovery"]) for c in rows] == [
            (4, "active", FOUND), (3, "recovering", CLOSING), (5, "closed", SWEPT)]
        assert _line(rows[0]).endswith("(recovered: found)")
    finally:
        await svc.close()
        wallet.close()


async def test_recoverable_channels_setting_is_kept_and_checked(tmp_path) -> None:
    """On by default; turned off it stays off across a restart and the funding outputs the
    node adds are none; a value that is not on/off is refused and nothing changes."""
    folder = tmp_path / "w"
    create_wallet(folder, REGTEST, generate_mnemonic(12), "", "pw")
    wallet = open_wallet(folder, "pw", network=REGTEST)
    svc = NodeService(wallet, NodeConfig(server="127.0.0.1:1:t"))
    try:
        node = svc.ln.node
        assert (await svc.ln.recoverable_channels())["on"] is True
        assert len(node.funding_extra_outputs(node.node_id)) == 1
        for bad in ("maybe", 1, 0, "", [True]):
            with pytest.raises(InputError):
                await svc.ln.recoverable_channels(on=bad)
        assert node.recoverable_channels is True
        answer = await svc.ln.recoverable_channels(on="off")
        assert answer["on"] is False and "backup file" in answer["means"]
        assert "81 sat" in answer["cost"]
        assert node.funding_extra_outputs(node.node_id) == ()
    finally:
        await svc.close()
        wallet.close()
    wallet = open_wallet(folder, "pw", network=REGTEST)
    svc = NodeService(wallet, NodeConfig(server="127.0.0.1:1:t"))
    try:
        assert svc.ln.node.recoverable_channels is False
        assert (await svc.ln.recoverable_channels(on=True))["on"] is True
    finally:
        await svc.close()
        wallet.close()
