"""All the keys of one wallet, from one seed: the on-chain BIP 84 account, Lightning keys and
LNURL-auth linking keys (`lnurl_auth.py`).

This is the entry point the CLI, storage and GUI use. It keeps derived keys, not the seed
words; callers that must store the phrase do so themselves (encrypted).
"""

from __future__ import annotations

from wallet.keys.bip32 import ExtendedKey
from wallet.keys.bip39 import mnemonic_to_seed, validate_mnemonic
from wallet.keys.bip84 import CHANGE, RECEIVE, Bip84Account, account_path
from wallet.keys.lightning import LightningKeys
from wallet.keys.lnurl_auth import LinkingKeys
from wallet.networks import Network


class WalletKeys:
    """The BIP 84 account 0, the Lightning keys and the LNURL-auth keys of a seed on one
    network."""

    __slots__ = ("network", "account", "lightning", "lnurl_auth")

    def __init__(self, network: Network, account: Bip84Account, lightning: LightningKeys,
                 lnurl_auth: LinkingKeys):
        self.network = network
        self.account = account
        self.lightning = lightning
        self.lnurl_auth = lnurl_auth

    @classmethod
    def from_seed(cls, seed: bytes, network: Network) -> WalletKeys:
        """Keys from a BIP 39 seed (64 bytes; any 16..64-byte BIP 32 seed works)."""
        root = ExtendedKey.from_seed(seed, network)
        account = Bip84Account(root.derive_path(account_path(network, 0)), network)
        return cls(network, account, LightningKeys(root, network), LinkingKeys(root))

    @classmethod
    def from_mnemonic(cls, mnemonic: str, passphrase: str, network: Network) -> WalletKeys:
        """Keys from seed words (validated; raises a MnemonicError subclass) and passphrase."""
        normalized = validate_mnemonic(mnemonic)
        return cls.from_seed(mnemonic_to_seed(normalized, passphrase), network)

    def __repr__(self) -> str:
        return f"WalletKeys({self.network.name}, node_id={self.node_id.hex()})"

    @property
    def node_id(self) -> bytes:
        """The Lightning node id: a 33-byte compressed public key."""
        return self.lightning.node_id

    def receive_address(self, index: int = 0) -> str:
        return self.account.address(RECEIVE, index)

    def change_address(self, index: int = 0) -> str:
        return self.account.address(CHANGE, index)

    def account_xpub(self) -> str:
        """The account's xpub (tpub on test networks), for watch-only use elsewhere."""
        return self.account.xpub()

    def account_zpub(self) -> str:
        """The account's zpub (vpub on test networks)."""
        return self.account.zpub()
