import pytest
from bitcoin.core import CMutableTransaction, CMutableTxIn, CMutableTxOut, COutPoint, CScript

from wallet.chain.address_sync import AddressBook
from wallet.errors import InputError
from wallet.keys.bip84 import Bip84Account
from wallet.networks import REGTEST
from wallet.onchain.coin_selection import InsufficientFunds
from wallet.onchain.ledger import Ledger, WalletTx
from wallet.onchain.spend import BumpError, Spender
from wallet.onchain.transactions import TxOutput, parse_transaction, txid, vsize

ACCOUNT = Bip84Account.from_seed(bytes([7]) * 64, REGTEST)
THEIRS = b"\x00\x14" + b"\xee" * 20


def setup(values):
    book = AddressBook(ACCOUNT, gap_limit=5)
    ledger = Ledger(book.owner)
    for i, v in enumerate(values):
        raw = CMutableTransaction(
            [CMutableTxIn(COutPoint(bytes([i + 1]) * 32, 0))],
            [CMutableTxOut(v, CScript(ACCOUNT.script_pubkey(0, i)))],
        ).serialize()
        ledger.add(WalletTx(txid(raw), raw, 10 + i))
        book.used.add((0, i))
    counter = iter(range(1000))
    spender = Spender(ledger, lambda p: ACCOUNT.private_key(*p), lambda: ACCOUNT.script_pubkey(1, next(counter)))
    return ledger, spender


def record(ledger, signed):
    ledger.add(WalletTx(signed.txid, signed.raw, 0))


def test_send_with_change_and_balances():
    ledger, spender = setup([100_000, 50_000])
    s = spender.send(THEIRS, 30_000, 2.0, tip_height=200)
    record(ledger, s)
    tx = parse_transaction(s.raw)
    assert [o.nValue for o in tx.vout if bytes(o.scriptPubKey) == THEIRS] == [30_000]
    assert s.fee >= 2 * vsize(s.raw)
    b = ledger.balance(200)
    assert b.confirmed + b.unconfirmed == 150_000 - 30_000 - s.fee
    assert ledger.entry(s.txid).delta == -(30_000 + s.fee)


def test_send_max_and_insufficient():
    ledger, spender = setup([100_000, 50_000])
    s = spender.send(THEIRS, None, 3.0, tip_height=200)
    assert s.amount + s.fee == 150_000
    assert len(parse_transaction(s.raw).vout) == 1
    with pytest.raises(InsufficientFunds):
        spender.send(THEIRS, 200_000, 1.0, tip_height=200)


def test_rbf_bump_keeps_recipient_and_raises_fee():
    ledger, spender = setup([100_000])
    s = spender.send(THEIRS, 30_000, 1.0, tip_height=200)
    record(ledger, s)
    b = spender.bump_fee(s.txid, 10.0, tip_height=200)
    tx = parse_transaction(b.raw)
    assert [o.nValue for o in tx.vout if bytes(o.scriptPubKey) == THEIRS] == [30_000]
    assert b.fee >= 10 * vsize(b.raw) and b.fee > s.fee
    # conflicts with the original: same inputs
    assert {(i.prevout.hash, i.prevout.n) for i in tx.vin} >= {
        (i.prevout.hash, i.prevout.n) for i in parse_transaction(s.raw).vin
    }
    with pytest.raises(BumpError, match="above"):
        spender.bump_fee(s.txid, 0.5, tip_height=200)


def test_bump_adds_inputs_when_change_is_too_small():
    ledger, spender = setup([31_000])
    s = spender.send(THEIRS, 30_000, 1.0, tip_height=200)
    record(ledger, s)
    assert len(parse_transaction(s.raw).vin) == 1
    with pytest.raises(BumpError, match="not enough funds"):
        spender.bump_fee(s.txid, 50.0, tip_height=200)
    more = CMutableTransaction(
        [CMutableTxIn(COutPoint(b"\x55" * 32, 0))],
        [CMutableTxOut(80_000, CScript(ACCOUNT.script_pubkey(0, 3)))],
    ).serialize()
    ledger.add(WalletTx(txid(more), more, 150))
    b = spender.bump_fee(s.txid, 50.0, tip_height=200)
    assert len(parse_transaction(b.raw).vin) == 2
    assert b.fee >= 50 * vsize(b.raw)
    assert [o.nValue for o in parse_transaction(b.raw).vout if bytes(o.scriptPubKey) == THEIRS] == [30_000]


def test_cpfp_on_incoming():
    ledger, spender = setup([])
    raw = CMutableTransaction(
        [CMutableTxIn(COutPoint(b"\x99" * 32, 0))],
        [CMutableTxOut(60_000, CScript(ACCOUNT.script_pubkey(0, 0)))],
    ).serialize()
    ledger.add(WalletTx(txid(raw), raw, 0))
    child = spender.cpfp(txid(raw), 20.0, tip_height=200)
    assert child.fee >= 20 * (vsize(raw) + vsize(child.raw)) - 1
    with pytest.raises(BumpError):
        spender.cpfp("00" * 32, 20.0, tip_height=200)


def test_extra_op_return_output_is_carried_and_paid_for():
    ledger, spender = setup([100_000, 50_000])
    record_out = TxOutput(b"\x6a\x46" + bytes(70), 0)
    plain = spender.send(THEIRS, 30_000, 2.0, tip_height=200)
    s = spender.send(THEIRS, 30_000, 2.0, tip_height=200, extra_outputs=[record_out])
    tx = parse_transaction(s.raw)
    assert [bytes(o.scriptPubKey) for o in tx.vout if o.nValue == 0] == [record_out.script_pubkey]
    assert [o.nValue for o in tx.vout if bytes(o.scriptPubKey) == THEIRS] == [30_000]
    assert s.fee >= 2 * vsize(s.raw) and s.fee >= plain.fee + 2 * 81
    everything = spender.send(THEIRS, None, 2.0, tip_height=200, extra_outputs=[record_out])
    assert everything.fee >= 2 * vsize(everything.raw)


def test_extra_outputs_must_be_zero_value_op_returns():
    _, spender = setup([100_000])
    for bad in (TxOutput(THEIRS, 0), TxOutput(b"\x6a\x01\x00", 1)):
        with pytest.raises(InputError):
            spender.send(THEIRS, 30_000, 2.0, tip_height=200, extra_outputs=[bad])
