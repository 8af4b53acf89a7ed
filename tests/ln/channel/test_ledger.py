from bitcoin.core import (
    CMutableTransaction,
    CMutableTxIn,
    CMutableTxOut,
    COutPoint,
    CScript,
)

from wallet.onchain.ledger import COINBASE_MATURITY, Ledger, WalletTx
from wallet.onchain.transactions import txid

OURS = {bytes([0, 20]) + bytes([i]) * 20: (0, i) for i in range(1, 6)}
THEIRS = bytes([0, 20]) + b"\xee" * 20


def script(i: int) -> bytes:
    return bytes([0, 20]) + bytes([i]) * 20


def mk(inputs, outputs, coinbase=False):
    if coinbase:
        vin = [CMutableTxIn(COutPoint(), CScript(b"\x01\x01"))]
    else:
        vin = [CMutableTxIn(COutPoint(bytes.fromhex(t)[::-1], n)) for t, n in inputs]
    raw = CMutableTransaction(vin, [CMutableTxOut(v, CScript(s)) for s, v in outputs]).serialize()
    return txid(raw), raw


def ledger():
    return Ledger(lambda s: OURS.get(s))


def test_receive_spend_and_fee():
    L = ledger()
    t1, r1 = mk([("aa" * 32, 0)], [(script(1), 50_000), (THEIRS, 7)])
    L.add(WalletTx(t1, r1, 10))
    assert L.balance(20).confirmed == 50_000
    t2, r2 = mk([(t1, 0)], [(THEIRS, 30_000), (script(2), 19_000)])
    L.add(WalletTx(t2, r2, 0))
    b = L.balance(20)
    assert (b.confirmed, b.unconfirmed, b.immature) == (0, 19_000, 0)
    hist = L.history()
    assert [h.txid for h in hist] == [t2, t1]
    assert hist[0].delta == -31_000 and hist[0].fee == 1_000
    assert hist[1].delta == 50_000 and hist[1].fee is None  # a foreign input
    assert [c.outpoint for c in L.utxos()] == [(t2, 1)]


def test_replaced_transaction_removed_frees_coin():
    L = ledger()
    t1, r1 = mk([("bb" * 32, 1)], [(script(3), 10_000)])
    L.add(WalletTx(t1, r1, 5))
    t2, r2 = mk([(t1, 0)], [(THEIRS, 9_000)])
    L.add(WalletTx(t2, r2, 0))
    assert L.utxos() == []
    L.remove(t2)
    assert [c.outpoint for c in L.utxos()] == [(t1, 0)]


def test_coinbase_maturity():
    L = ledger()
    t, r = mk([], [(script(4), 5_000_000_000)], coinbase=True)
    L.add(WalletTx(t, r, 1))
    assert L.balance(COINBASE_MATURITY - 1).immature == 5_000_000_000
    assert L.spendable_utxos(COINBASE_MATURITY - 1) == []
    assert L.balance(COINBASE_MATURITY).confirmed == 5_000_000_000
    assert len(L.spendable_utxos(COINBASE_MATURITY)) == 1


def test_reorg_back_to_mempool():
    L = ledger()
    t, r = mk([("cc" * 32, 0)], [(script(5), 1_000)])
    L.add(WalletTx(t, r, 7))
    L.add(WalletTx(t, r, 0))
    assert L.balance(10).unconfirmed == 1_000
    assert L.spendable_utxos(10, include_unconfirmed=False) == []


def test_replacement_drops_the_original_and_its_children():
    L = ledger()
    t0, r0 = mk([("dd" * 32, 0)], [(script(1), 50_000)])
    L.add(WalletTx(t0, r0, 3))
    orig, r_orig = mk([(t0, 0)], [(THEIRS, 20_000), (script(2), 29_000)])
    assert L.add(WalletTx(orig, r_orig, 0)) == []
    child, r_child = mk([(orig, 1)], [(script(3), 28_000)])
    L.add(WalletTx(child, r_child, 0))
    bump, r_bump = mk([(t0, 0)], [(THEIRS, 20_000), (script(4), 25_000)])
    assert sorted(L.add(WalletTx(bump, r_bump, 0))) == sorted([orig, child])
    assert orig not in L and child not in L
    assert L.balance(10).unconfirmed == 25_000


def test_scripts_touched_are_the_addresses_whose_histories_list_it():
    L = ledger()
    t1, r1 = mk([("aa" * 32, 0)], [(script(1), 50_000), (THEIRS, 7)])
    L.add(WalletTx(t1, r1, 10))
    assert L.scripts_touched(t1) == {script(1)}  # the payment, not the stranger's output
    t2, r2 = mk([(t1, 0), (t1, 1)], [(THEIRS, 30_000), (script(2), 19_000)])
    L.add(WalletTx(t2, r2, 0))
    assert L.scripts_touched(t2) == {script(1), script(2)}  # spent from, and change to
    t3, r3 = mk([("bb" * 32, 0)], [(THEIRS, 1_000)])  # nothing of ours that we know of
    L.add(WalletTx(t3, r3, 0))
    assert L.scripts_touched(t3) == set()
    tc, rc = mk([], [(script(3), 5_000)], coinbase=True)
    L.add(WalletTx(tc, rc, 11))
    assert L.scripts_touched(tc) == {script(3)}
