"""A channel whose state we lost (found by its recovery record or in a backup file): ask the
peer to close it, and take our to_remote output from the commitment it publishes.

We never publish anything of the channel ourselves: the only commitment we could sign is
one we no longer have, and an old one would be revoked. BOLT 2 gives the way to ask:
a `channel_reestablish` with `next_commitment_number` 0 (and `next_revocation_number` 0,
`your_last_per_commitment_secret` all zeros, any valid `my_current_per_commitment_point`)
tells the peer we lost our state; it must then fail the channel and broadcast its latest
commitment. Peers that predate that rule still close: 0 is below every number they expect.

Our to_remote on the peer's commitment pays our payment basepoint of the channel number
directly (option_static_remotekey: P2WPKH; with anchors: P2WSH of `<key> OP_CHECKSIGVERIFY
1 OP_CHECKSEQUENCEVERIFY`, spendable one block after the commitment confirms), so the seed
alone sweeps it. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from bitcoin.core import CTransaction

from wallet.keys.lightning import ChannelKeys
from wallet.ln.channel.commitments import our_point
from wallet.ln.enforcement.sweep_tx import Sweep, SweepInput, SweepKind, build_sweep, p2pkh_code
from wallet.ln.recovery.scan import FoundChannel
from wallet.ln.tx import scripts
from wallet.ln.wire import messages as m

ANCHORS_TO_REMOTE_CSV = 1


def please_close(found: FoundChannel, keys: ChannelKeys) -> m.ChannelReestablish:
    """The `channel_reestablish` saying we lost the channel's state."""
    return m.ChannelReestablish(
        channel_id=found.channel_id,
        next_commitment_number=0,
        next_revocation_number=0,
        your_last_per_commitment_secret=bytes(32),
        my_current_per_commitment_point=our_point(keys, 0),
    )


@dataclass(frozen=True)
class ToRemote:
    """Our output on the peer's commitment."""

    txid: bytes
    index: int
    amount_sat: int
    anchors: bool
    script_pubkey: bytes


def spends_funding(tx: CTransaction, found: FoundChannel, keys: ChannelKeys) -> bool:
    """True when `tx` spends the channel's funding output with a 2-of-2 holding our
    funding key (so it is the channel's close, not some other spend we were told of)."""
    for n, txin in enumerate(tx.vin):
        if bytes(txin.prevout.hash) != found.funding_txid \
                or txin.prevout.n != found.funding_output_index:
            continue
        wit = tx.wit.vtxinwit[n].scriptWitness.stack if n < len(tx.wit.vtxinwit) else []
        if not wit:
            return False
        wscript = bytes(wit[-1])
        return scripts.p2wsh(wscript) == found.funding_script_pubkey \
            and keys.funding_pubkey in wscript
    return False


def to_remote_of(tx: CTransaction, keys: ChannelKeys) -> ToRemote | None:
    """Our to_remote output in the peer's commitment `tx` (either channel type), if any
    (none when our balance was below the dust limit, or the tx is not their commitment)."""
    plain = scripts.p2wpkh(keys.payment_basepoint)
    anchored = scripts.p2wsh(scripts.to_remote_anchor_script(keys.payment_basepoint))
    for i, out in enumerate(tx.vout):
        script = bytes(out.scriptPubKey)
        if script in (plain, anchored):
            return ToRemote(tx.GetTxid(), i, out.nValue, script == anchored, script)
    return None


def sweep_to_remote(out: ToRemote, keys: ChannelKeys, destination: bytes,
                    feerate_per_kw: int) -> Sweep:
    """One transaction taking our to_remote to `destination` (a wallet address)."""
    pubkey, secret = keys.payment_basepoint, keys.payment_basepoint_secret
    if out.anchors:
        wscript = scripts.to_remote_anchor_script(pubkey)
        item = SweepInput(SweepKind.TO_REMOTE, out.txid, out.index, out.amount_sat, wscript,
                          secret, (wscript,), sequence=ANCHORS_TO_REMOTE_CSV)
    else:
        item = SweepInput(SweepKind.TO_REMOTE, out.txid, out.index, out.amount_sat,
                          p2pkh_code(pubkey), secret, (pubkey,))
    return build_sweep([item], destination, feerate_per_kw)
