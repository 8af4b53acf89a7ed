"""The LSPS1 provider's port over the wallet's chain (`lsp_service.chain_port`), on a real
ledger: the outputs paying an order's script (spent or not), a transaction's height, and a
stored refund is dead only when another transaction spending its coin is `DEAD_DEPTH` deep."""

from __future__ import annotations

from types import SimpleNamespace

from bitcoin.core import CMutableTransaction, CMutableTxIn, CMutableTxOut, COutPoint, CScript

from wallet.daemon.lsp_service import chain_port
from wallet.ln.shell.lsps1_onchain import DEAD_DEPTH
from wallet.networks import REGTEST
from wallet.onchain.ledger import Ledger, WalletTx
from wallet.onchain.transactions import txid as txid_of

OURS = b"\x00\x14" + b"\x01" * 20
ORDER = b"\x00\x14" + b"\x02" * 20
ELSEWHERE = b"\x00\x14" + b"\x03" * 20


def _tx(spends: tuple[str, int], pays: bytes, value: int) -> bytes:
    prev = COutPoint(bytes.fromhex(spends[0])[::-1], spends[1])
    return CMutableTransaction([CMutableTxIn(prev)], [CMutableTxOut(value, CScript(pays))]
                               ).serialize()


def _chain(tip: int):
    owner = {OURS: (0, 0), ORDER: (0, 1)}
    ledger = Ledger(owner.get)
    chain = SimpleNamespace(network=REGTEST, ledger=ledger, tip_height=tip,
                            reserve_receive_address=None, fee_rate=None, broadcast_raw=None,
                            confirmations=lambda h: 0 if h <= 0 else max(0, tip - h + 1))
    return chain, ledger


def test_outputs_heights_and_dead_refunds() -> None:
    chain, ledger = _chain(tip=120)
    paid = _tx(("aa" * 32, 0), ORDER, 50_000)  # the client's payment to the order
    ledger.add(WalletTx(txid_of(paid), paid, 100))
    spent_by_us = _tx((txid_of(paid), 0), OURS, 49_000)  # the wallet spent it since
    ledger.add(WalletTx(txid_of(spent_by_us), spent_by_us, 110))
    port = chain_port(chain)
    assert port.outputs_to({ORDER}) == {ORDER: [(txid_of(paid), 0, 50_000, 100, None)]}
    assert port.tx_height(txid_of(paid)) == 100 and port.tx_height("00" * 32) is None
    # a refund signed over the coin the wallet then spent (11 blocks deep): dead
    refund = _tx((txid_of(paid), 0), ELSEWHERE, 48_000)
    assert port.dead(refund)
    # its own coin, spent by no one else: alive
    other = _tx((txid_of(spent_by_us), 0), ELSEWHERE, 48_000)
    assert not port.dead(other)
    # the conflicting spend only DEAD_DEPTH - 1 deep: not yet (a reorg could undo it)
    chain2, ledger2 = _chain(tip=110 + DEAD_DEPTH - 2)
    ledger2.add(WalletTx(txid_of(paid), paid, 100))
    ledger2.add(WalletTx(txid_of(spent_by_us), spent_by_us, 110))
    assert not chain_port(chain2).dead(refund)
    chain3, ledger3 = _chain(tip=110 + DEAD_DEPTH - 1)
    ledger3.add(WalletTx(txid_of(paid), paid, 100))
    ledger3.add(WalletTx(txid_of(spent_by_us), spent_by_us, 110))
    assert chain_port(chain3).dead(refund)
    # unconfirmed conflict: alive
    chain4, ledger4 = _chain(tip=200)
    ledger4.add(WalletTx(txid_of(paid), paid, 100))
    ledger4.add(WalletTx(txid_of(spent_by_us), spent_by_us, 0))
    assert not chain_port(chain4).dead(refund)


def test_last_paid_index_is_the_highest_receive_index_any_transaction_pays() -> None:
    change = b"\x00\x14" + b"\x04" * 20
    owner = {OURS: (0, 0), ORDER: (0, 7), change: (1, 30)}
    ledger = Ledger(owner.get)
    assert ledger.last_paid_index(0) == -1 and ledger.last_paid_index(1) == -1
    first = _tx(("aa" * 32, 0), OURS, 10_000)
    ledger.add(WalletTx(txid_of(first), first, 100))
    assert ledger.last_paid_index(0) == 0
    later = _tx((txid_of(first), 0), ORDER, 9_000)
    ledger.add(WalletTx(txid_of(later), later, 0))  # unconfirmed counts: the scan sees it
    ledger.add(WalletTx(txid_of(_tx(("bb" * 32, 1), change, 5)), _tx(("bb" * 32, 1), change, 5), 0))
    assert ledger.last_paid_index(0) == 7 and ledger.last_paid_index(1) == 30
    ledger.add(WalletTx(txid_of(_tx(("cc" * 32, 0), ELSEWHERE, 5)), _tx(("cc" * 32, 0), ELSEWHERE, 5), 0))
    assert ledger.last_paid_index(0) == 7  # a transaction paying none of ours changes nothing
