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

import pytest

from tests.interop.electrum_node import ELECTRUM_4_8, interop_marks
from tests.interop.electrum_pair import server_tx
from wallet.ln.tx import scripts

pytestmark = [*interop_marks(ELECTRUM_4_8),
              pytest.mark.parametrize("electrum_build", [ELECTRUM_4_8], indirect=True,
                                      ids=["4.8.1"])]

CAPACITY = 400_000  # Electrum 4.8 opens nothing below 200 000 sat


async def test_kite_restored_from_its_words_gets_its_funds_back_from_electrum48(pair):
    p = pair
    done = await p.kite_restored_gets_its_channel_closed(CAPACITY)
    assert done.opened["channel_type"] == "anchors"
    row, point, kite_local_sat = done.row, done.point, done.kite_local_sat

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
    await p.kite.balance_is(done.onchain_before + out.nValue)
    progress = await p.kite.svc.handlers["recovery_status"]()
    assert (progress["channels"], progress["done"], progress["amount_sat"]) == (0, 1, 0)
    print(f"recovered from Electrum 4.8.1: {to_remote} sat on its commitment "
          f"{commitment.GetTxid()[::-1].hex()[:16]} (fee {commitment_fee}, "
          f"anchors {2 * scripts.ANCHOR_OUTPUT_SAT}), swept for {sweep_fee} sat: "
          f"{out.nValue} sat back of {kite_local_sat} in the channel")
