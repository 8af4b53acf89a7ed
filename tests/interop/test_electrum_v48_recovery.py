"""Recovery from the seed words against Electrum 4.8.1 (issue 19): Kite opens an anchor
channel to Electrum, payments go both ways, then Kite's wallet folder is lost. A wallet
restored from the same words finds the channel by the recovery record in its funding
transaction; the record holds no address and Electrum is no default peer of the network, so
the address comes from the channel backup file exported before the loss (`backup_export`,
then `backup_import` on the restored wallet: the file's channel is the one the record found,
it only gains the address). Kite sends the lost-state `channel_reestablish` (BOLT 2:
next_commitment_number 0); Electrum 4.8.1 force-closes; Kite sweeps its to_remote (anchors:
one block after the commitment confirms). The amount is checked to the satoshi from the
transactions' own fees.

The restored wallet does not listen (a new computer is rarely reachable): Kite asks, Electrum
never has to find Kite.

Electrum 4.8.1 as met here (electrum/lnpeer.py on_channel_reestablish; its log):
* next_commitment_number 0 / next_revocation_number 0 / an all-zero
  `your_last_per_commitment_secret` pass its data-loss-protect check (the secret expected
  for revocation number 0 is all zeros) and read as "we are ahead of remote! trying to
  force-close": it broadcasts its latest commitment at once (and again a few times while
  unconfirmed), no `error` exchange needed;
* it spent no anchor on that commitment ("not using anchor now, fee sufficient": 1,405 sat
  paid, 1,390 targeted at the server's 5 sat/vB);
* its to_local waits Kite's to_self_delay (1008 blocks), so its own sweep is not checked.
"""

from __future__ import annotations

import asyncio
import shutil

import pytest

from tests.interop.electrum_node import ELECTRUM_4_8, interop_marks, until
from tests.interop.electrum_pair import KITE_FUNDS, server_tx
from tests.support.wallet_under_test import WalletUnderTest
from wallet.ln.tx import scripts

pytestmark = [*interop_marks(ELECTRUM_4_8),
              pytest.mark.parametrize("electrum_build", [ELECTRUM_4_8], indirect=True,
                                      ids=["4.8.1"])]

CAPACITY = 400_000  # Electrum 4.8 opens nothing below 200 000 sat


async def _rows(kite: WalletUnderTest) -> list[dict]:
    return (await kite.svc.handlers["recovery_status"]())["list"]


async def test_kite_restored_from_its_words_gets_its_funds_back_from_electrum48(pair):
    p = pair
    opened = await p.kite.svc.handlers["channel_open"](
        peer=f"{p.electrum.node_id.hex()}@127.0.0.1:{p.electrum.lightning_port}",
        amount_sat=CAPACITY)
    assert opened["channel_type"] == "anchors"
    point = opened["funding_outpoint"]
    funding_fee = await p.kite_fee(point)
    ch = p.node.find(opened["key_index"])
    await p.mine(3)
    await p.node.wait_normal(ch, 60)
    await p.electrum_state(point, "OPEN")

    for amount in (60_000, 40_000):
        await p.kite_pays(amount)
    await p.electrum_pays(25_000)
    electrum_share = 60_000 + 40_000 - 25_000
    await p.settled(ch)
    kite_local_sat = CAPACITY - electrum_share
    assert ch.state.commitments.local_commit.view.to_local_msat == kite_local_sat * 1000
    onchain_before = KITE_FUNDS - funding_fee - CAPACITY
    await p.kite.balance_is(onchain_before)

    # the backup file (it holds Electrum's address), then the computer is lost
    exported = await p.kite.svc.handlers["backup_export"]()
    assert exported["channels"] == 1
    words = p.kite.wallet.read_mnemonic()
    await p.kite.__aexit__(None, None, None)
    shutil.rmtree(p.folder)

    restored = WalletUnderTest(p.devnet, p.folder.parent / "restored", words)
    p.kite = restored  # the fixture closes it
    await restored.__aenter__()
    p.node = restored.svc.ln.node
    p.node.poll_interval = 0.2
    await restored.balance_is(onchain_before)

    # the record alone: the channel is found, but its peer cannot be asked (no address)
    async def found():
        rows = await _rows(restored)
        return rows if rows and rows[0]["funding_outpoint"] == point else None
    [row] = await until(found, "the channel found by its recovery record", 60)
    assert row["recovery"] == "found"
    assert row["capacity_sat"] == CAPACITY
    assert row["peer"] == p.electrum.node_id.hex()

    assert (await asyncio.to_thread(p.electrum_channel, point))["state"] == "OPEN"
    imported = await restored.svc.handlers["backup_import"](file=exported["file"])
    assert imported["channels"] == 1
    assert imported["added"] == []  # the record found it first; the file gave the address

    # Electrum answers the lost-state reestablish by force-closing its latest commitment
    async def commitment_out():
        c = await asyncio.to_thread(p.electrum_channel, point)
        return c if c is not None and c["state"] in ("FORCE_CLOSING", "CLOSED",
                                                     "REDEEMED") else None
    await until(commitment_out, "Electrum force-closing", 60, 0.5)
    assert (await _rows(restored))[0]["recovery"] in ("close_requested", "closing")

    async def swept():
        rows = await _rows(restored)
        if rows[0]["recovery"] == "swept":
            return rows[0]
        await p.mine()  # Electrum's commitment, then our sweep, confirm
        return None
    row = await until(swept, "the to_remote swept", 180, 1.0)

    sweep = server_tx(p.devnet, bytes.fromhex(row["sweep_txid"])[::-1])
    [txin] = sweep.vin
    commitment = server_tx(p.devnet, txin.prevout.hash)
    [funding_in] = commitment.vin
    assert f"{funding_in.prevout.hash[::-1].hex()}:{funding_in.prevout.n}" == point
    assert sum(o.nValue == scripts.ANCHOR_OUTPUT_SAT for o in commitment.vout) == 2
    to_remote = commitment.vout[txin.prevout.n].nValue
    commitment_fee = CAPACITY - sum(o.nValue for o in commitment.vout)
    # Kite opened: the commitment fee and both anchors come out of its side
    assert to_remote == kite_local_sat - commitment_fee - 2 * scripts.ANCHOR_OUTPUT_SAT
    assert row["amount_sat"] == to_remote
    [out] = sweep.vout
    sweep_fee = to_remote - out.nValue
    assert 0 < sweep_fee < 2_000
    await restored.balance_is(onchain_before + out.nValue)
    progress = await restored.svc.handlers["recovery_status"]()
    assert (progress["channels"], progress["done"], progress["amount_sat"]) == (0, 1, 0)
    print(f"recovered from Electrum 4.8.1: {to_remote} sat on its commitment "
          f"{commitment.GetTxid()[::-1].hex()[:16]} (fee {commitment_fee}, "
          f"anchors {2 * scripts.ANCHOR_OUTPUT_SAT}), swept for {sweep_fee} sat: "
          f"{out.nValue} sat back of {kite_local_sat} in the channel")
