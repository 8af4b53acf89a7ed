"""A Kite wallet beside one Electrum daemon on the devnet (`Pair`, served to the interop
tests by the `pair` fixture of tests/interop/conftest.py for either Electrum build), and the
chain look-ups their assertions need (transactions from the devnet's Electrum server).
"""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass

from bitcoin.core import CTransaction

from tests.interop.electrum_node import ElectrumError, ElectrumNode, until
from tests.support.wallet_under_test import WalletUnderTest
from wallet.devnet.chain import scripthash
from wallet.devnet.processes import free_port
from wallet.ln.bolt11.invoice import decode_invoice

ELECTRUM_FUNDS = 2_000_000
#: the targets (blocks) Electrum 4.8 asks its server to estimate (fee_policy.FEE_ETA_TARGETS
#: but the last)
ELECTRUM_FEE_TARGETS = (1008, 144, 25, 10, 5, 2)
KITE_FUNDS = 1_000_000


@dataclass(frozen=True)
class Recovered:
    """What `Pair.kite_restored_gets_its_channel_closed` leaves for the assertions: the
    channel as opened, its funding outpoint, Kite's side before the loss, Kite's on-chain
    balance before the loss, and the recovered channel's row once swept."""

    opened: dict
    point: str
    kite_local_sat: int
    onchain_before: int
    row: dict


class Pair:
    """A Kite wallet (in-process node, listening) and the Electrum daemon, on one devnet."""

    def __init__(self, devnet, kite: WalletUnderTest, electrum: ElectrumNode, port: int,
                 folder) -> None:
        self.devnet, self.kite, self.electrum, self.port = devnet, kite, electrum, port
        self.folder = folder
        self.node = kite.svc.ln.node

    async def kite_started(self) -> None:
        self.node = self.kite.svc.ln.node
        self.node.poll_interval = 0.2
        assert (await self.kite.svc.handlers["lninfo"]())["listen_port"] == self.port

    def reconnect_sooner(self, seconds: float = 0.1) -> None:
        """Kite reconnects to a peer `seconds` after a connection ends (the node's
        `backoff_initial`, 1 s by default, doubling while attempts fail): for the scenarios
        that cut the connection again and again."""
        self.node.manager.peers.backoff_initial = seconds

    async def restart_kite(self) -> None:
        """Kite stops and starts again from its wallet file (channels from SQLite)."""
        await self.kite.__aexit__(None, None, None)
        self.kite = WalletUnderTest(self.devnet, self.folder, "",
                                    ln_listen=f"127.0.0.1:{self.port}")
        await self.kite.__aenter__()
        await self.kite_started()

    async def e(self, method: str, *args, **kwargs):
        """An Electrum call off the event loop (Kite must keep answering meanwhile)."""
        return await asyncio.to_thread(getattr(self.electrum, method), *args, **kwargs)

    async def in_mempool(self, raws) -> None:
        """Wait until the chain's mempool holds these (serialized) transactions."""
        txids = {CTransaction.deserialize(raw).GetTxid()[::-1].hex() for raw in raws}

        async def check():
            return txids <= set(await asyncio.to_thread(self.devnet.rpc, "getrawmempool"))
        await until(check, "the closing transactions in the mempool", 30)

    async def electrum_knows(self, raw: bytes, timeout: float = 30) -> None:
        """Wait until Electrum's wallet holds this transaction (it spent or paid it)."""
        txid = CTransaction.deserialize(raw).GetTxid()[::-1].hex()

        def known() -> bool:
            try:
                return self.electrum.call("get_tx_status", txid=txid) is not None
            except ElectrumError:
                return False
        await until(lambda: asyncio.to_thread(known), f"{txid} in Electrum's wallet", timeout)

    async def mine(self, n: int = 1) -> None:
        await self.kite.mine(n)
        height = await asyncio.to_thread(self.devnet.height)
        await self.e("wait_synced", height, 120)

    async def electrum_fetches_fee_estimates(self) -> dict[int, int]:
        """Electrum 4.8 asks its server for fee estimates on a fixed one-minute timer (no
        setting): give it now what the devnet's server answers, as that fetch would
        (`blockchain.estimatefee` for each of its targets, BTC/kvB times 10^8 truncated to
        sat/kvB as it does; -1 left out), through its regtest command `test_inject_fee_etas`
        ("as if they were coming from connected servers"). Its next fetch finds the same
        figures. Returns them."""
        def answers() -> dict[int, int]:
            with self.devnet.electrum() as probe:
                probe.call("server.version", "kite-interop", "1.4")
                return {n: int(fee * 100_000_000) for n in ELECTRUM_FEE_TARGETS
                        if (fee := probe.call("blockchain.estimatefee", n)) != -1}
        estimates = await asyncio.to_thread(answers)
        await self.e("call", "test_inject_fee_etas", fee_est=repr(estimates))
        return estimates

    def electrum_channel(self, channel_point: str) -> dict | None:
        return next((c for c in self.electrum.list_channels()
                     if c["channel_point"] == channel_point), None)

    async def electrum_state(self, channel_point: str, state: str, timeout: float = 60) -> dict:
        async def check():
            c = await asyncio.to_thread(self.electrum_channel, channel_point)
            return c if c is not None and c["state"] == state else None
        try:
            return await until(check, f"Electrum's channel {state}", timeout, 0.5)
        except AssertionError:
            c = await asyncio.to_thread(self.electrum_channel, channel_point)
            raise AssertionError(f"Electrum's channel is {c and c['state']}, not {state}\n"
                                 f"{self.electrum.log_tail(60)}") from None

    async def electrum_confirmed(self, sat: int) -> None:
        async def check():
            b = await self.e("balance")
            return b.get("confirmed") == sat and not b.get("unconfirmed")
        try:
            await until(check, f"Electrum's confirmed balance {sat}", 60, 0.5)
        except AssertionError:
            raise AssertionError(f"Electrum's balance is {await self.e('balance')}, "
                                 f"expected {sat} confirmed") from None

    async def kite_pays(self, amount_sat: int) -> None:
        request = await self.e("add_request", amount_sat, "kite pays electrum")
        invoice = request["lightning_invoice"]
        assert decode_invoice(invoice).payee == self.electrum.node_id
        paid = await self.kite.svc.handlers["pay"](invoice=invoice)
        assert paid["status"] == "paid"

    async def electrum_pays(self, amount_sat: int) -> None:
        invoice = (await self.kite.svc.handlers["invoice"](
            amount_sat=amount_sat, description="electrum pays kite"))["invoice"]
        result = await self.e("lnpay", invoice, 60)
        assert result["success"], f"Electrum's lnpay failed: {result['log']}"
        assert bytes.fromhex(result["preimage"]).hex() == result["preimage"]

    async def kite_fee(self, outpoint: str) -> int:
        """The fee Kite paid for a transaction (once its wallet history lists it)."""
        txid = outpoint.split(":")[0]

        async def listed():
            return {h["txid"]: h for h in await self.kite.svc.history()}.get(txid)
        fee = (await until(listed, f"{txid} in Kite's history", 30))["fee_sat"]
        assert fee > 0
        return fee

    async def settled(self, ch) -> None:
        await until(lambda: not ch.state.commitments.has_pending_changes, "settlement")

    async def electrum_publishes_a_revoked_commitment(self, capacity: int):
        """Electrum opens a channel of `capacity` to Kite and pays 100,000 sat; a copy of its
        wallet is kept; Kite pays 30,000 sat (the copy's state is revoked now); Kite moves
        to another port (Electrum knows only the old one, so Kite is out of its reach) and
        Electrum, back on the old copy, force-closes. Returns Kite's channel, the revoked
        commitment's txid and transaction, and Electrum's confirmed balance before the
        close."""
        devnet = self.devnet
        point = await self.e("open_channel", self.node.node_id, "127.0.0.1", self.port,
                             capacity)
        await until(lambda: any(c.channel_id for c in self.node.channels.values()),
                    "Kite's channel")
        [ch] = self.node.channels.values()
        await self.mine(3)
        await self.node.wait_normal(ch, 60)
        await self.electrum_state(point, "OPEN")
        await self.electrum_pays(100_000)
        await self.settled(ch)
        old_wallet = self.folder.parent / "electrum-wallet-old"
        height = await asyncio.to_thread(devnet.height)
        await self.e("restart", sync_height=height,
                     while_stopped=lambda path: shutil.copy(path, old_wallet))
        await self.electrum_state(point, "OPEN")
        await until(lambda: self.electrum_channel(point)["peer_state"] == "GOOD",
                    "reconnected", 60)
        await self.kite_pays(30_000)  # the copied state is revoked now
        await self.settled(ch)
        after_open = (await self.e("balance"))["confirmed"]
        self.port = free_port()
        await self.restart_kite()
        [ch] = self.node.channels.values()
        await self.e("restart", sync_height=height,
                     while_stopped=lambda path: shutil.copy(old_wallet, path))
        revoked_txid = bytes.fromhex(await self.e("close_channel", point, True))[::-1]
        revoked = await asyncio.to_thread(server_tx, devnet, revoked_txid)
        return ch, revoked_txid, revoked, after_open


    async def recovery_rows(self) -> list[dict]:
        return (await self.kite.svc.handlers["recovery_status"]())["list"]

    async def kite_restored_gets_its_channel_closed(self, capacity: int) -> Recovered:
        """The restore story both Electrum builds play: Kite opens a channel of `capacity`
        to Electrum, pays 60,000 and 40,000 sat, is paid 25,000; exports its backup file;
        its wallet folder is lost; a wallet restored from the same words (not listening: a
        new computer is rarely reachable) finds the channel by the recovery record of its
        funding transaction, gets Electrum's address from the file (the record holds none,
        and Electrum is no default peer), asks Electrum to close with the lost-state
        `channel_reestablish`, and sweeps its to_remote from the commitment Electrum
        publishes (mined here until the sweep confirms). Each test checks the transactions
        its build makes."""
        opened = await self.kite.svc.handlers["channel_open"](
            peer=f"{self.electrum.node_id.hex()}@127.0.0.1:{self.electrum.lightning_port}",
            amount_sat=capacity)
        point = opened["funding_outpoint"]
        funding_fee = await self.kite_fee(point)
        ch = self.node.find(opened["key_index"])
        await self.mine(3)
        await self.node.wait_normal(ch, 60)
        await self.electrum_state(point, "OPEN")

        for amount in (60_000, 40_000):
            await self.kite_pays(amount)
        await self.electrum_pays(25_000)
        electrum_share = 60_000 + 40_000 - 25_000
        await self.settled(ch)
        kite_local_sat = capacity - electrum_share
        assert ch.state.commitments.local_commit.view.to_local_msat == kite_local_sat * 1000
        onchain_before = KITE_FUNDS - funding_fee - capacity
        await self.kite.balance_is(onchain_before)

        # the backup file (it holds Electrum's address), then the computer is lost
        exported = await self.kite.svc.handlers["backup_export"]()
        assert exported["channels"] == 1
        words = self.kite.wallet.read_mnemonic()
        await self.kite.__aexit__(None, None, None)
        shutil.rmtree(self.folder)

        restored = WalletUnderTest(self.devnet, self.folder.parent / "restored", words)
        self.kite = restored  # the fixture closes it
        await restored.__aenter__()
        self.node = restored.svc.ln.node
        self.node.poll_interval = 0.2
        await restored.balance_is(onchain_before)

        # the record alone: the channel is found, but its peer cannot be asked (no address)
        async def found():
            rows = await self.recovery_rows()
            return rows if rows and rows[0]["funding_outpoint"] == point else None
        [row] = await until(found, "the channel found by its recovery record", 60)
        assert row["recovery"] == "found"
        assert row["capacity_sat"] == capacity
        assert row["peer"] == self.electrum.node_id.hex()

        assert (await asyncio.to_thread(self.electrum_channel, point))["state"] == "OPEN"
        imported = await restored.svc.handlers["backup_import"](file=exported["file"])
        assert imported["channels"] == 1
        assert imported["added"] == []  # the record found it first; the file gave the address

        # Electrum answers the lost-state reestablish by force-closing its latest commitment
        async def commitment_out():
            c = await asyncio.to_thread(self.electrum_channel, point)
            return c if c is not None and c["state"] in ("FORCE_CLOSING", "CLOSED",
                                                         "REDEEMED") else None
        await until(commitment_out, "Electrum force-closing", 60, 0.5)
        assert (await self.recovery_rows())[0]["recovery"] in ("close_requested", "closing")

        async def swept():
            rows = await self.recovery_rows()
            if rows[0]["recovery"] == "swept":
                return rows[0]
            await self.mine()  # Electrum's commitment, then our sweep, confirm
            return None
        row = await until(swept, "the to_remote swept", 180, 1.0)
        return Recovered(opened, point, kite_local_sat, onchain_before, row)


def fee_of(raw_or_tx, inputs_sat: int) -> int:
    tx = raw_or_tx if isinstance(raw_or_tx, CTransaction) else CTransaction.deserialize(raw_or_tx)
    return inputs_sat - sum(o.nValue for o in tx.vout)


def server_tx(devnet, txid: bytes) -> CTransaction:
    """A transaction from the devnet's Electrum server (`txid` in internal byte order)."""
    with devnet.electrum() as probe:
        probe.call("server.version", "kite-interop", "1.4")
        return CTransaction.deserialize(bytes.fromhex(
            probe.call("blockchain.transaction.get", txid[::-1].hex())))


def tx_spending(devnet, script_pubkey: bytes, txid: bytes,
                confirmed: bool = True) -> CTransaction | None:
    """The transaction (confirmed, or also in the mempool) spending the output of `txid`
    that pays `script_pubkey`, from the devnet's Electrum server."""
    with devnet.electrum() as probe:
        probe.call("server.version", "kite-interop", "1.4")
        parent = CTransaction.deserialize(bytes.fromhex(
            probe.call("blockchain.transaction.get", txid[::-1].hex())))
        outputs = {n for n, o in enumerate(parent.vout) if bytes(o.scriptPubKey) == script_pubkey}
        for item in probe.call("blockchain.scripthash.get_history", scripthash(script_pubkey)):
            if item["tx_hash"] == txid[::-1].hex() or (confirmed and item["height"] <= 0):
                continue
            tx = CTransaction.deserialize(bytes.fromhex(
                probe.call("blockchain.transaction.get", item["tx_hash"])))
            # (an HTLC transaction's output has the same script as to_local: BOLT 3)
            if any(i.prevout.hash == txid and i.prevout.n in outputs for i in tx.vin):
                return tx
    return None


def tx_in_mempool(devnet, txid: bytes) -> bool:
    return txid[::-1].hex() in devnet.rpc("getrawmempool")


def output_paying(tx: CTransaction, script_pubkey: bytes) -> int:
    [value] = [o.nValue for o in tx.vout if bytes(o.scriptPubKey) == script_pubkey]
    return value
