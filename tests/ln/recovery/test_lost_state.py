"""A channel whose state we lost: the reestablish asking the peer to close, our to_remote on
its commitment (static_remotekey and anchors) and the sweep, and spends that are not the
channel's close."""

from __future__ import annotations

import os

from bitcoin.core import COutPoint, CScript, CTransaction, CTxIn, CTxInWitness, CTxOut, CTxWitness
from bitcoin.core.script import CScriptWitness

from wallet.keys.lightning import LightningKeys
from wallet.ln.enforcement.sweep_tx import p2pkh_code
from wallet.ln.recovery.lost_state import (
    please_close,
    spends_funding,
    sweep_to_remote,
    to_remote_of,
)
from wallet.ln.recovery.scan import FoundChannel
from wallet.ln.tx import scripts
from wallet.ln.tx.signing import SIGHASH_ALL, segwit_sighash, verify_digest
from wallet.ln.wire import messages as m
from wallet.networks import REGTEST

KEYS = LightningKeys.from_seed(bytes(32), REGTEST).channel_keys(4)
THEIR_FUNDING = LightningKeys.from_seed(b"\x01" * 32, REGTEST).channel_keys(0).funding_pubkey
WSCRIPT = scripts.funding_script(KEYS.funding_pubkey, THEIR_FUNDING)
FUNDING_TXID = os.urandom(32)
FOUND = FoundChannel(bytes.fromhex("02" + "22" * 32), 4, FUNDING_TXID, 1, 500_000,
                     scripts.p2wsh(WSCRIPT))
DEST = b"\x00\x14" + bytes(20)


def _commitment(to_remote_script: bytes, wscript: bytes = WSCRIPT,
                prevout: COutPoint | None = None) -> CTransaction:
    prevout = prevout or COutPoint(FUNDING_TXID, 1)
    wit = CTxWitness([CTxInWitness(CScriptWitness([b"", b"s1", b"s2", wscript]))])
    return CTransaction([CTxIn(prevout, CScript(), 0x80000000)],
                        [CTxOut(300_000, CScript(b"\x00\x20" + bytes(32))),
                         CTxOut(190_000, CScript(to_remote_script))], 0x20000000, 2, wit)


def test_the_reestablish_says_we_lost_our_state() -> None:
    msg = please_close(FOUND, KEYS)
    assert msg.channel_id == FOUND.channel_id
    assert (msg.next_commitment_number, msg.next_revocation_number) == (0, 0)
    assert msg.your_last_per_commitment_secret == bytes(32)
    assert m.decode_message(m.encode_message(msg)) == msg  # a valid point: it encodes


def test_static_remotekey_to_remote_is_found_and_swept() -> None:
    tx = _commitment(scripts.p2wpkh(KEYS.payment_basepoint))
    assert spends_funding(tx, FOUND, KEYS)
    out = to_remote_of(tx, KEYS)
    assert out is not None and (out.index, out.amount_sat, out.anchors) == (1, 190_000, False)
    sweep = sweep_to_remote(out, KEYS, DEST, 2500)
    [txin] = sweep.tx.vin
    assert (bytes(txin.prevout.hash), txin.prevout.n) == (tx.GetTxid(), 1)
    assert sweep.tx.vout[0].nValue == 190_000 - sweep.fee_sat
    sig, pubkey = list(sweep.tx.wit.vtxinwit[0].scriptWitness)
    digest = segwit_sighash(sweep.tx, 0, p2pkh_code(pubkey), 190_000, SIGHASH_ALL)
    assert verify_digest(KEYS.payment_basepoint, digest, sig[:-1])


def test_anchors_to_remote_is_found_and_swept_with_its_one_block_delay() -> None:
    wscript = scripts.to_remote_anchor_script(KEYS.payment_basepoint)
    tx = _commitment(scripts.p2wsh(wscript))
    out = to_remote_of(tx, KEYS)
    assert out is not None and out.anchors
    sweep = sweep_to_remote(out, KEYS, DEST, 2500)
    assert sweep.tx.vin[0].nSequence == 1  # OP_CHECKSEQUENCEVERIFY 1
    sig, script = list(sweep.tx.wit.vtxinwit[0].scriptWitness)
    assert script == wscript
    digest = segwit_sighash(sweep.tx, 0, wscript, 190_000, SIGHASH_ALL)
    assert verify_digest(KEYS.payment_basepoint, digest, sig[:-1])


def test_outputs_and_spends_that_are_not_ours() -> None:
    other = LightningKeys.from_seed(b"\x02" * 32, REGTEST).channel_keys(4)
    assert to_remote_of(_commitment(scripts.p2wpkh(other.payment_basepoint)), KEYS) is None
    # another output spent, or the funding output spent by a script without our key
    assert not spends_funding(_commitment(b"", prevout=COutPoint(FUNDING_TXID, 0)), FOUND, KEYS)
    stranger = scripts.funding_script(other.funding_pubkey, THEIR_FUNDING)
    assert not spends_funding(_commitment(b"", wscript=stranger), FOUND, KEYS)
    no_witness = CTransaction([CTxIn(COutPoint(FUNDING_TXID, 1))], [CTxOut(1, CScript(DEST))])
    assert not spends_funding(no_witness, FOUND, KEYS)
