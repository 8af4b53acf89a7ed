"""The pieces of the channel shell that decide things: the payee's BOLT 4 checks of an
incoming HTLC (direct_pay), the funding-output watch that proves depth and short channel id
(script_watch), and the command argument parsing of the channel service."""

from __future__ import annotations

import os
import time

import pytest
from bitcoin.core import COutPoint, CScript, CTransaction, CTxIn, CTxOut
from coincurve import PrivateKey

from wallet.chain.electrum_client import ServerMisbehaved
from wallet.chain.merkle import MerkleProofError
from wallet.chain.script_watch import ScriptWatcher
from wallet.chain.scripthash import script_to_scripthash
from wallet.daemon.channel_service import parse_listen, parse_peer
from wallet.errors import InputError
from wallet.hashes import sha256, sha256d
from wallet.ln.direct_pay import Fail, Fulfill, IssuedInvoice, decide_incoming, direct_htlc
from wallet.ln.invoice import Invoice
from wallet.ln.onion_failures import FailureCode, decrypt_error_packet
from wallet.ln.wire.primitives import ShortChannelId
from wallet.networks import REGTEST

# -- direct payments ---------------------------------------------------------------------------

PAYEE = PrivateKey(os.urandom(32))
TIP = 1000


def _invoice(amount_msat: int | None = 50_000_000):
    preimage, secret = os.urandom(32), os.urandom(32)
    inv = Invoice(network=REGTEST, amount_msat=amount_msat, timestamp=int(time.time()),
                  payment_hash=sha256(preimage), payment_secret=secret,
                  payee=PAYEE.public_key.format(), description="test")
    issued = IssuedInvoice(inv.payment_hash, preimage, secret, amount_msat,
                           inv.min_final_cltv_expiry_delta)
    return inv, issued


def _decide(htlc, issued, *, amount=None, cltv=None, onion=None, tip=TIP):
    return decide_incoming(
        amount_msat=htlc.amount_msat if amount is None else amount,
        payment_hash=htlc.payment_hash,
        cltv_expiry=htlc.cltv_expiry if cltv is None else cltv,
        onion=htlc.onion if onion is None else onion,
        node_private_key=PAYEE.secret, tip_height=tip, invoice=issued)


def _failure(htlc, decision):
    assert isinstance(decision, Fail) and decision.reason is not None
    decrypted = decrypt_error_packet(decision.reason, htlc.shared_secrets)
    assert decrypted.hop_index == 0
    return decrypted.failure


def test_a_good_htlc_is_fulfilled_with_the_invoice_preimage() -> None:
    inv, issued = _invoice()
    htlc = direct_htlc(inv, inv.amount_msat, TIP)
    assert htlc.cltv_expiry > TIP + inv.min_final_cltv_expiry_delta
    decision = _decide(htlc, issued)
    assert decision == Fulfill(issued.preimage)
    # an invoice without an amount accepts what the payer chose
    inv2, issued2 = _invoice(None)
    assert isinstance(_decide(direct_htlc(inv2, 1234, TIP), issued2), Fulfill)


@pytest.mark.parametrize("case", ["unknown", "secret", "underpaid", "too soon"])
def test_payment_details_failures(case: str) -> None:
    inv, issued = _invoice()
    htlc = direct_htlc(inv, inv.amount_msat, TIP)
    kw: dict = {}
    if case == "unknown":
        issued = None
    elif case == "secret":
        issued = IssuedInvoice(issued.payment_hash, issued.preimage, os.urandom(32),
                               issued.amount_msat, issued.min_final_cltv_expiry_delta)
    elif case == "underpaid":
        htlc = direct_htlc(inv, inv.amount_msat - 1, TIP)
    else:
        kw["tip"] = htlc.cltv_expiry  # blocks went by: the HTLC now expires too soon
    decision = _decide(htlc, issued, **kw)
    failure = _failure(htlc, decision)
    assert failure.code == FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS
    assert failure["htlc_msat"] == htlc.amount_msat
    assert failure["height"] == kw.get("tip", TIP)


def test_htlc_disagreeing_with_its_onion_fails_as_final_node() -> None:
    inv, issued = _invoice()
    htlc = direct_htlc(inv, inv.amount_msat, TIP)
    failure = _failure(htlc, _decide(htlc, issued, amount=inv.amount_msat - 1))
    assert failure.code == FailureCode.FINAL_INCORRECT_HTLC_AMOUNT
    assert failure["incoming_htlc_amt"] == inv.amount_msat - 1
    failure = _failure(htlc, _decide(htlc, issued, cltv=htlc.cltv_expiry - 1))
    assert failure.code == FailureCode.FINAL_INCORRECT_CLTV_EXPIRY


def test_a_corrupted_onion_is_failed_as_malformed() -> None:
    inv, issued = _invoice()
    htlc = direct_htlc(inv, inv.amount_msat, TIP)
    bad = bytearray(htlc.onion)
    bad[100] ^= 1
    decision = _decide(htlc, issued, onion=bytes(bad))
    assert isinstance(decision, Fail) and decision.reason is None
    assert decision.failure_code == FailureCode.INVALID_ONION_HMAC
    assert decision.sha256_of_onion == sha256(bytes(bad))
    # an onion for another node is no better
    other = direct_htlc(Invoice(**{**inv.__dict__, "payee": PrivateKey().public_key.format(),
                                   "signature": b""}), inv.amount_msat, TIP)
    assert _decide(other, issued).failure_code == FailureCode.INVALID_ONION_HMAC


# -- funding output watch ----------------------------------------------------------------------

SCRIPT = b"\x00\x20" + b"\x33" * 32
AMOUNT = 250_000


def _tx(outputs, prevout=None) -> CTransaction:
    vin = [CTxIn(prevout or COutPoint(os.urandom(32), 0), CScript(), 0xFFFFFFFD)]
    return CTransaction(vin, [CTxOut(v, CScript(s)) for v, s in outputs], 0, 2)


def _tree(txids: list[bytes]) -> tuple[bytes, list[list[bytes]]]:
    levels = [txids]
    while len(levels[-1]) > 1:
        cur = levels[-1] + ([levels[-1][-1]] if len(levels[-1]) % 2 else [])
        levels.append([sha256d(cur[i] + cur[i + 1]) for i in range(0, len(cur), 2)])
    return levels[-1][0], levels


def _branch(levels, pos: int) -> list[str]:
    out = []
    for level in levels[:-1]:
        cur = level + ([level[-1]] if len(level) % 2 else [])
        out.append(cur[pos ^ 1][::-1].hex())
        pos //= 2
    return out


class FakeHeaders:
    def __init__(self, tip: int, roots: dict[int, bytes]) -> None:
        self.tip_height = tip
        self.roots = roots

    def merkle_root(self, height: int) -> bytes | None:
        return self.roots.get(height)

    async def old_merkle_root(self, client, height: int) -> bytes:
        raise AssertionError("not below a checkpoint here")


class FakeClient:
    def __init__(self) -> None:
        self.txs: dict[str, bytes] = {}
        self.history: list[tuple[str, int]] = []
        self.merkle: dict[str, tuple[list[str], int]] = {}

    async def get_history(self, scripthash: str):
        assert scripthash == script_to_scripthash(SCRIPT)
        return list(self.history)

    async def get_transaction(self, txid: str) -> bytes:
        return self.txs[txid]

    async def get_merkle(self, txid: str, height: int):
        branch, pos = self.merkle[txid]
        return branch, pos, height


def _world(amount: int = AMOUNT):
    funding = _tx([(50_000, b"\x00\x14" + b"\x01" * 20), (amount, SCRIPT)])
    others = [_tx([(1000, b"\x51")]) for _ in range(4)]
    block = [others[0], others[1], funding, others[2], others[3]]  # funding at position 2
    root, levels = _tree([t.GetTxid() for t in block])
    client = FakeClient()
    txid_hex = funding.GetTxid()[::-1].hex()
    client.txs[txid_hex] = funding.serialize()
    client.merkle[txid_hex] = (_branch(levels, 2), 2)
    return funding, client, root, levels, txid_hex


async def test_depth_and_scid_are_proven() -> None:
    funding, client, root, _, txid_hex = _world()
    watcher = ScriptWatcher(FakeHeaders(705, {700: root}))
    assert (await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)).depth == 0
    client.history = [(txid_hex, 0)]  # in the mempool
    assert (await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)).depth == 0
    client.history = [(txid_hex, 700)]
    status = await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    assert status.depth == 6 and status.short_channel_id == ShortChannelId(700, 2, 1)
    assert status.spender is None and status.mismatch is None
    # spent (in the mempool): the spender is returned
    spend = _tx([(AMOUNT - 500, b"\x51")], COutPoint(funding.GetTxid(), 1))
    unrelated = _tx([(10, SCRIPT)])
    for t in (spend, unrelated):
        client.txs[t.GetTxid()[::-1].hex()] = t.serialize()
    client.history += [(unrelated.GetTxid()[::-1].hex(), 0), (spend.GetTxid()[::-1].hex(), 0)]
    status = await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    assert status.spender == spend.serialize() and status.depth == 6


async def test_lies_and_mismatches_are_caught() -> None:
    funding, client, root, levels, txid_hex = _world()
    client.history = [(txid_hex, 700)]
    watcher = ScriptWatcher(FakeHeaders(705, {700: root}))
    client.merkle[txid_hex] = (_branch(levels, 2), 3)  # wrong position
    with pytest.raises(MerkleProofError):
        await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    client.merkle[txid_hex] = (_branch(levels, 2), 1 << 5)  # beyond the branch
    with pytest.raises(ServerMisbehaved):
        await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    # not in our block 700 at all
    watcher = ScriptWatcher(FakeHeaders(705, {700: sha256d(b"other")}))
    client.merkle[txid_hex] = (_branch(levels, 2), 2)
    with pytest.raises(MerkleProofError):
        await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)
    # the output does not pay what the channel expects: never reported as deep enough
    watcher = ScriptWatcher(FakeHeaders(705, {700: root}))
    status = await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT + 1)
    assert status.depth == 0 and status.mismatch
    status = await watcher.output_status(client, funding.GetTxid(), 5, SCRIPT, AMOUNT)
    assert status.depth == 0 and status.mismatch
    # confirmed above our headers: wait for them
    watcher = ScriptWatcher(FakeHeaders(699, {}))
    assert (await watcher.output_status(client, funding.GetTxid(), 1, SCRIPT, AMOUNT)).depth == 0


# -- command arguments -------------------------------------------------------------------------


def test_peer_and_listen_arguments() -> None:
    node = "02" + "ab" * 32
    assert parse_peer(f"{node}@127.0.0.1:9735") == (bytes.fromhex(node), "127.0.0.1", 9735)
    for bad in ["nope", f"{node}@host", f"{node}@host:0", "zz@h:1", "0211@h:1", 5,
                f"04{'ab' * 32}@h:1"]:
        with pytest.raises(InputError):
            parse_peer(bad)
    assert parse_listen(None) is None
    assert parse_listen("9735") == ("127.0.0.1", 9735)
    assert parse_listen("0.0.0.0:1") == ("0.0.0.0", 1)
    for bad in ["x:y", "70000"]:
        with pytest.raises(InputError):
            parse_listen(bad)
