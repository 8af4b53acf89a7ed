from math import ceil

import coincurve
import pytest
from bitcoin.core.script import SIGHASH_ALL, SIGVERSION_WITNESS_V0, SignatureHash
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vector
from wallet.hashes import hash160
from wallet.keys.base58 import b58check_encode
from wallet.keys.bip84 import Bip84Account
from wallet.networks import MAINNET, NETWORKS, REGTEST
from wallet.onchain.addresses import AddressError, address_to_script, script_to_address
from wallet.onchain.coin_selection import P2WPKH_OUTPUT_VSIZE, tx_vsize
from wallet.onchain.transactions import (
    TransactionError,
    TxOutput,
    WalletCoin,
    build_unsigned,
    cpfp_child_fee,
    p2wpkh_script_code,
    parse_transaction,
    sign_p2wpkh_inputs,
    signals_rbf,
    txid,
    vsize,
)

ACCOUNT = Bip84Account.from_seed(bytes(range(64)), REGTEST)


def coin(i: int, value: int, change: int = 0) -> WalletCoin:
    return WalletCoin(f"{i:064x}", i % 3, value, ACCOUNT.script_pubkey(change, i), (change, i), 5)


def verify_all_inputs(raw: bytes, coins):
    """Check each witness signs the BIP 143 digest for its coin's key and amount.

    python-bitcoinlib's script interpreter has no segwit support; full consensus
    verification of these transactions happens on the devnet, by bcoin.
    """
    tx = parse_transaction(raw)
    for i, c in enumerate(coins):
        sig, pub = list(tx.wit.vtxinwit[i].scriptWitness.stack)
        assert sig[-1] == SIGHASH_ALL
        assert c.script_pubkey == b"\x00\x14" + hash160(pub)
        digest = SignatureHash(
            p2wpkh_script_code(pub), tx, i, SIGHASH_ALL, amount=c.value,
            sigversion=SIGVERSION_WITNESS_V0,
        )
        if not coincurve.PublicKey(pub).verify(sig[:-1], digest, hasher=None):
            raise AssertionError(f"input {i} signature does not verify")


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(1_000, 10**8), min_size=1, max_size=5), st.integers(1, 3))
def test_signed_inputs_verify_and_size_estimate_holds(values, n_out):
    coins = [coin(i, v, i % 2) for i, v in enumerate(values)]
    outs = [TxOutput(ACCOUNT.script_pubkey(0, 100 + k), 500) for k in range(n_out)]
    tx = build_unsigned(coins, outs, locktime=123)
    raw = sign_p2wpkh_inputs(tx, coins, lambda p: ACCOUNT.private_key(*p))
    verify_all_inputs(raw, coins)
    assert vsize(raw) <= tx_vsize(68 * len(coins), [P2WPKH_OUTPUT_VSIZE] * n_out)
    parsed = parse_transaction(raw)
    assert signals_rbf(parsed) and parsed.nLockTime == 123
    assert len(txid(raw)) == 64


def test_wrong_key_refused():
    c = coin(1, 10_000)
    tx = build_unsigned([c], [TxOutput(c.script_pubkey, 5_000)])
    with pytest.raises(TransactionError, match="does not match"):
        sign_p2wpkh_inputs(tx, [c], lambda p: ACCOUNT.private_key(0, 99))


def test_tampered_amount_fails_verification():
    c = coin(2, 10_000)
    tx = build_unsigned([c], [TxOutput(c.script_pubkey, 5_000)])
    raw = sign_p2wpkh_inputs(tx, [c], lambda p: ACCOUNT.private_key(*p))
    with pytest.raises(AssertionError):
        verify_all_inputs(raw, [WalletCoin(c.txid, c.vout, 10_001, c.script_pubkey, c.key_path)])


def test_garbage_transaction_typed_error():
    with pytest.raises(TransactionError):
        parse_transaction(b"\x01\x02\x03")


def test_bip84_vector_addresses_round_trip():
    v = load_vector("bip84.json")
    for a in v["addresses"]:
        script = address_to_script(a["address"], MAINNET)
        assert script_to_address(script, MAINNET) == a["address"]


def test_address_errors():
    good = ACCOUNT.address(0, 0)
    with pytest.raises(AddressError):
        address_to_script(good, MAINNET)
    with pytest.raises(AddressError):
        address_to_script("", REGTEST)
    with pytest.raises(AddressError):
        address_to_script(good[:-1] + "x", REGTEST)
    mainnet_p2pkh = b58check_encode(b"\x00" + bytes(20))
    assert address_to_script(mainnet_p2pkh, MAINNET) == b"\x76\xa9\x14" + bytes(20) + b"\x88\xac"
    for net in NETWORKS.values():
        if net is not MAINNET:
            with pytest.raises(AddressError, match="not for"):
                address_to_script(mainnet_p2pkh, net)
    with pytest.raises(AddressError):
        address_to_script(mainnet_p2pkh[:-1] + ("1" if mainnet_p2pkh[-1] != "1" else "2"), MAINNET)


def test_cpfp_fee():
    # parent 200 vB paid 200 sat (1 sat/vB); child 110 vB; package target 10 sat/vB
    assert cpfp_child_fee(200, 200, 110, 10.0) == ceil(310 * 10.0) - 200
    # never less than the child's own need
    assert cpfp_child_fee(100, 10_000, 110, 2.0) == 220
