"""The WalletKeys facade: the contract the CLI, storage and GUI code against."""

from __future__ import annotations

import pytest

from tests.conftest import load_vector
from wallet.keys.base58 import b58check_decode
from wallet.keys.bip39 import (
    ChecksumError,
    MnemonicError,
    UnknownWordError,
    WordCountError,
    mnemonic_to_seed,
)
from wallet.keys.bip84 import Bip84Account
from wallet.keys.lightning import LightningKeys
from wallet.keys.wallet_keys import WalletKeys
from wallet.networks import MAINNET, NETWORKS, REGTEST, TESTNET

BIP84 = load_vector("bip84.json")
MNEMONIC = BIP84["mnemonic"]


@pytest.fixture(scope="module")
def wallet() -> WalletKeys:
    return WalletKeys.from_mnemonic(MNEMONIC, "", MAINNET)


def test_contract(wallet):
    assert wallet.network is MAINNET
    assert isinstance(wallet.account, Bip84Account)
    assert isinstance(wallet.lightning, LightningKeys)
    assert isinstance(wallet.node_id, bytes) and len(wallet.node_id) == 33
    assert wallet.node_id == wallet.lightning.node_id


def test_addresses_match_bip84_vector(wallet):
    receive = [a for a in BIP84["addresses"] if a["path"].split("/")[-2] == "0"]
    assert receive
    for case in receive:
        index = int(case["path"].split("/")[-1])
        assert wallet.receive_address(index) == case["address"]
    assert wallet.receive_address() == wallet.account.address(0, 0)
    assert wallet.change_address() == wallet.account.address(1, 0)
    assert wallet.change_address(3) == wallet.account.address(1, 3)
    assert wallet.change_address() != wallet.receive_address()


def test_account_public_keys(wallet):
    assert wallet.account_zpub() == BIP84["account"]["xpub"]
    xpub = wallet.account_xpub()
    assert xpub.startswith("xpub")
    assert b58check_decode(xpub)[4:] == b58check_decode(wallet.account_zpub())[4:]
    watch = Bip84Account.watch_only(xpub)
    assert watch.address(0, 0) == wallet.receive_address(0)


def test_from_seed_equals_from_mnemonic(wallet):
    same = WalletKeys.from_seed(mnemonic_to_seed(MNEMONIC), MAINNET)
    assert same.node_id == wallet.node_id
    assert same.receive_address(5) == wallet.receive_address(5)
    assert same.account_xpub() == wallet.account_xpub()


def test_restore_is_tolerant_of_typing(wallet):
    messy = "  " + MNEMONIC.upper().replace(" ", "   ") + "\n"
    restored = WalletKeys.from_mnemonic(messy, "", MAINNET)
    assert restored.node_id == wallet.node_id
    assert restored.receive_address(0) == wallet.receive_address(0)


def test_passphrase_gives_another_wallet(wallet):
    other = WalletKeys.from_mnemonic(MNEMONIC, "TREZOR", MAINNET)
    assert other.node_id != wallet.node_id
    assert other.receive_address() != wallet.receive_address()


@pytest.mark.parametrize("network", list(NETWORKS.values()))
def test_every_network(network):
    keys = WalletKeys.from_mnemonic(MNEMONIC, "", network)
    assert keys.network is network
    assert keys.receive_address().startswith(network.bech32_hrp + "1q")
    assert keys.change_address().startswith(network.bech32_hrp + "1q")
    expected = ("xpub", "zpub") if network is MAINNET else ("tpub", "vpub")
    assert (keys.account_xpub()[:4], keys.account_zpub()[:4]) == expected


def test_regtest_and_testnet_share_keys_but_not_addresses():
    regtest = WalletKeys.from_mnemonic(MNEMONIC, "", REGTEST)
    testnet = WalletKeys.from_mnemonic(MNEMONIC, "", TESTNET)
    assert regtest.node_id == testnet.node_id
    assert regtest.account.pubkey(0, 0) == testnet.account.pubkey(0, 0)
    assert regtest.receive_address() != testnet.receive_address()


@pytest.mark.parametrize(
    "words,error",
    [
        (MNEMONIC.replace("about", "abuot"), UnknownWordError),
        (MNEMONIC.rsplit(" ", 1)[0], WordCountError),
        (MNEMONIC.replace("about", "abandon"), ChecksumError),
        ("", WordCountError),
    ],
)
def test_bad_words_are_rejected(words, error):
    with pytest.raises(error) as info:
        WalletKeys.from_mnemonic(words, "", MAINNET)
    assert isinstance(info.value, MnemonicError)
    assert "abandon" not in str(info.value)


def test_repr_hides_secrets(wallet):
    text = repr(wallet) + repr(wallet.account) + repr(wallet.lightning)
    assert wallet.lightning.node_private_key.hex() not in text
    assert wallet.account.private_key(0, 0).hex() not in text
    assert wallet.account_xpub() not in text and "abandon" not in text
