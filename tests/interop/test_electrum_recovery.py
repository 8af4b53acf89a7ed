"""Recovery from the seed words against Electrum 4.3.4 (issue 13, test 2): Electrum stores
nothing for Kite (no peer storage), so everything comes from the seed and the backup file.
Kite opens a static_remotekey channel to Electrum (4.3.4 has no anchors), payments go both
ways, Kite's wallet folder is lost; the wallet restored from the same words finds the
channel by its recovery record, takes Electrum's address from the backup file, sends the
lost-state `channel_reestablish`; Electrum broadcasts its latest commitment; Kite sweeps its
to_remote (P2WPKH to the channel's payment basepoint, derived from the seed). The amount is
checked to the satoshi from the transactions' own fees, and `channel_list` shows the
channel as recovered and swept.

Electrum 4.3.4 as met here (electrum/lnpeer.py `on_channel_reestablish`): the zeros pass its
data-loss-protect check (the secret it expects for revocation number 0 is all zeros), and
next_commitment_number 0 reads as "we are ahead of remote! trying to force-close": it
schedules the force close of its latest commitment.
"""

from __future__ import annotations

from tests.interop.electrum_node import interop_marks
from tests.interop.electrum_pair import server_tx
from wallet.ln.tx import scripts

pytestmark = interop_marks()  # slow; skipped when the devnet or Electrum 4.3.4 is missing

CAPACITY = 400_000


async def test_kite_restored_from_its_words_gets_its_funds_back_from_electrum(pair):
    p = pair
    done = await p.kite_restored_gets_its_channel_closed(CAPACITY)
    assert done.opened["channel_type"] == "static_remotekey"
    row, kite_local_sat = done.row, done.kite_local_sat

    sweep = server_tx(p.devnet, bytes.fromhex(row["sweep_txid"])[::-1])
    [txin] = sweep.vin
    commitment = server_tx(p.devnet, txin.prevout.hash)
    [funding_in] = commitment.vin
    assert f"{funding_in.prevout.hash[::-1].hex()}:{funding_in.prevout.n}" == done.point
    assert not any(o.nValue == scripts.ANCHOR_OUTPUT_SAT for o in commitment.vout)
    ours = commitment.vout[txin.prevout.n]
    assert len(ours.scriptPubKey) == 22 and bytes(ours.scriptPubKey)[:2] == b"\x00\x14"
    to_remote = ours.nValue
    commitment_fee = CAPACITY - sum(o.nValue for o in commitment.vout)
    assert 0 < commitment_fee < 5_000
    # Kite opened: the commitment fee comes out of its side, the rest is ours to the sat
    assert to_remote == kite_local_sat - commitment_fee
    assert row["amount_sat"] == to_remote
    [out] = sweep.vout
    sweep_fee = to_remote - out.nValue
    assert 0 < sweep_fee < 2_000
    await p.kite.balance_is(done.onchain_before + out.nValue)

    # what `kite channel list` and `kite balance` say afterwards
    [listed] = [c for c in await p.kite.svc.handlers["channel_list"]()
                if c["funding_outpoint"] == done.point]
    assert (listed["recovery"], listed["phase"], listed["sweep_txid"]) == (
        "swept", "closed", row["sweep_txid"])
    balance = await p.kite.svc.handlers["balance"]()
    assert balance["recovering"] == 0 and balance["recovery"]["done"] == 1
    assert balance["confirmed"] == done.onchain_before + out.nValue
    print(f"recovered from Electrum 4.3.4: {to_remote} sat on its commitment "
          f"{commitment.GetTxid()[::-1].hex()[:16]} (fee {commitment_fee}), swept for "
          f"{sweep_fee} sat: {out.nValue} sat back of {kite_local_sat} in the channel")
