"""BIP 84: every field of the official vector, test networks, and watch-only accounts."""

from __future__ import annotations

import pytest

from tests.conftest import load_vector
from wallet.bech32 import decode_segwit_address
from wallet.hashes import hash160
from wallet.keys.base58 import b58check_decode
from wallet.keys.bip32 import ExtendedKey, ExtendedKeyError, parse_path
from wallet.keys.bip39 import mnemonic_to_seed
from wallet.keys.bip84 import Bip84Account, WatchOnlyError, account_path, wif
from wallet.networks import MAINNET, NETWORKS, REGTEST, SIGNET, TESTNET

DATA = load_vector("bip84.json")
SEED = mnemonic_to_seed(DATA["mnemonic"])
ADDRESSES = [pytest.param(a, id=a["path"]) for a in DATA["addresses"]]


def change_and_index(path: str) -> tuple[int, int]:
    _, indexes = parse_path(path)
    return indexes[-2], indexes[-1]


@pytest.fixture(scope="module")
def account() -> Bip84Account:
    return Bip84Account.from_seed(SEED, MAINNET)


def test_version_bytes_match_networks():
    versions = DATA["version_bytes"]
    assert MAINNET.zpub.hex() == versions["zpub"]
    assert MAINNET.zprv.hex() == versions["zprv"]
    for net in (TESTNET, SIGNET, REGTEST):
        assert net.zpub.hex() == versions["vpub"]
        assert net.zprv.hex() == versions["vprv"]


def test_root_keys():
    root = ExtendedKey.from_seed(SEED, MAINNET)
    assert root.serialize("z") == DATA["rootpriv"]
    assert root.neuter().serialize("z") == DATA["rootpub"]
    assert ExtendedKey.parse(DATA["rootpub"]) == (root.neuter(), MAINNET, "z")


def test_account_keys(account):
    assert account_path(MAINNET, 0) == DATA["account"]["path"]
    assert account.account_key.serialize("z") == DATA["account"]["xpriv"]
    assert account.zpub() == DATA["account"]["xpub"]
    # The standard form carries the same key under xpub version bytes.
    assert b58check_decode(account.xpub())[4:] == b58check_decode(account.zpub())[4:]
    assert account.xpub().startswith("xpub")


@pytest.mark.parametrize("case", ADDRESSES)
def test_address_fields(account, case):
    change, index = change_and_index(case["path"])
    assert account.address(change, index) == case["address"]
    assert account.pubkey(change, index).hex() == case["pubkey"]
    assert account.private_key_wif(change, index) == case["privkey"]
    assert wif(account.private_key(change, index), MAINNET) == case["privkey"]
    assert len(account.private_key(change, index)) == 32
    script = account.script_pubkey(change, index)
    assert script == b"\x00\x14" + hash160(bytes.fromhex(case["pubkey"]))
    assert decode_segwit_address("bc", case["address"]) == (0, script[2:])


@pytest.mark.parametrize("case", ADDRESSES)
@pytest.mark.parametrize("public", ["xpub", "zpub"])
def test_watch_only_gives_same_addresses(account, case, public):
    watch = Bip84Account.watch_only(getattr(account, public)())
    assert watch.is_watch_only and watch.network is MAINNET
    change, index = change_and_index(case["path"])
    assert watch.address(change, index) == case["address"]
    assert watch.zpub() == DATA["account"]["xpub"]
    with pytest.raises(WatchOnlyError):
        watch.private_key(change, index)


def test_watch_only_rejects_private_and_wrong_depth(account):
    with pytest.raises(ExtendedKeyError, match="public key"):
        Bip84Account.watch_only(DATA["account"]["xpriv"])
    with pytest.raises(ExtendedKeyError, match="depth"):
        Bip84Account.watch_only(DATA["rootpub"])
    with pytest.raises(ExtendedKeyError):
        Bip84Account.watch_only("zpub-not-a-key")
    with pytest.raises(ExtendedKeyError, match="not regtest"):
        Bip84Account.watch_only(account.zpub(), REGTEST)


@pytest.mark.parametrize("network", [TESTNET, SIGNET, REGTEST])
def test_test_networks(network):
    acct = Bip84Account.from_seed(SEED, network)
    assert account_path(network, 0) == "m/84'/1'/0'"
    assert acct.address(0, 0).startswith(network.bech32_hrp + "1q")
    assert acct.xpub().startswith("tpub") and acct.zpub().startswith("vpub")
    assert acct.private_key_wif(0, 0)[0] == "c"
    # Same key material on every test network, only the address prefix differs.
    testnet = Bip84Account.from_seed(SEED, TESTNET)
    assert acct.pubkey(0, 0) == testnet.pubkey(0, 0)
    watch = Bip84Account.watch_only(acct.zpub(), network)
    assert watch.network is network and watch.address(1, 5) == acct.address(1, 5)


def test_networks_and_accounts_differ():
    mainnet = Bip84Account.from_seed(SEED, MAINNET)
    testnet = Bip84Account.from_seed(SEED, TESTNET)
    second = Bip84Account.from_seed(SEED, MAINNET, account=1)
    assert len({mainnet.pubkey(0, 0), testnet.pubkey(0, 0), second.pubkey(0, 0)}) == 3
    assert second.account_key.child_number == 0x80000001


def test_receive_and_change_chains_differ(account):
    addresses = {account.address(c, i) for c in (0, 1) for i in range(5)}
    assert len(addresses) == 10


@pytest.mark.parametrize("change,index", [(2, 0), (-1, 0), (0, -1), (0, 2**31), (0, "1")])
def test_bad_change_or_index(account, change, index):
    with pytest.raises(ExtendedKeyError):
        account.address(change, index)


@pytest.mark.parametrize("number", [-1, 2**31, "0"])
def test_bad_account_number(number):
    with pytest.raises(ExtendedKeyError):
        Bip84Account.from_seed(SEED, MAINNET, account=number)  # type: ignore[arg-type]


def test_repr_hides_keys(account):
    text = repr(account)
    assert DATA["account"]["xpriv"] not in text and account.zpub() not in text
    assert account.account_key.private_key.hex() not in text


def test_every_network_has_bip84_parameters():
    for net in NETWORKS.values():
        assert Bip84Account.from_seed(SEED, net).address(0, 0)
