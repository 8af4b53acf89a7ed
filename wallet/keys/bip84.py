"""BIP 84 accounts: native segwit (P2WPKH) receive and change addresses.

An account lives at m/84'/coin'/account' (coin 0 on mainnet, 1 on every test network); its
receive chain is .../0/i and its change chain .../1/i. A watch-only account is built from the
account's xpub/zpub and can show addresses but not sign.
"""

from __future__ import annotations

from wallet.bech32 import encode_segwit_address
from wallet.errors import KiteError
from wallet.hashes import hash160
from wallet.keys.base58 import b58check_encode
from wallet.keys.bip32 import HARDENED, ExtendedKey, ExtendedKeyError
from wallet.networks import Network

PURPOSE = 84
RECEIVE = 0
CHANGE = 1
ACCOUNT_DEPTH = 3


class WatchOnlyError(KiteError):
    """A watch-only account was asked for a private key."""


def account_path(network: Network, account: int = 0) -> str:
    """The BIP 84 path of an account: m/84'/coin'/account'."""
    return f"m/{PURPOSE}'/{network.coin_type}'/{account}'"


def p2wpkh_script(pubkey: bytes) -> bytes:
    """OP_0 <20-byte HASH160 of the compressed public key>."""
    return b"\x00\x14" + hash160(pubkey)


def wif(private_key: bytes, network: Network) -> str:
    """Wallet Import Format of a private key for a compressed public key."""
    return b58check_encode(bytes([network.wif_prefix]) + private_key + b"\x01")


class Bip84Account:
    """One BIP 84 account; holds the account's extended key (private, or public if watch-only)."""

    __slots__ = ("network", "account_key", "_chains")

    def __init__(self, account_key: ExtendedKey, network: Network):
        if account_key.depth != ACCOUNT_DEPTH:
            raise ExtendedKeyError(
                f"a BIP 84 account key has depth {ACCOUNT_DEPTH} (m/84'/coin'/account'), "
                f"this key has depth {account_key.depth}"
            )
        self.network = network
        self.account_key = account_key
        # The two chains are derived once: every address then needs only one derivation.
        self._chains = (account_key.derive(RECEIVE), account_key.derive(CHANGE))

    @classmethod
    def from_seed(cls, seed: bytes, network: Network, account: int = 0) -> Bip84Account:
        if not isinstance(account, int) or not 0 <= account < HARDENED:
            raise ExtendedKeyError("the account number must be between 0 and 2^31 - 1")
        root = ExtendedKey.from_seed(seed, network)
        return cls(root.derive_path(account_path(network, account)), network)

    @classmethod
    def watch_only(cls, text: str, network: Network | None = None) -> Bip84Account:
        """A watch-only account from its xpub/zpub (tpub/vpub on test networks).

        Pass `network` for signet or regtest: their keys look the same as testnet's.
        """
        key, net, _kind = ExtendedKey.parse(text, network)
        if key.is_private:
            raise ExtendedKeyError(
                "a watch-only account needs the public key (xpub/zpub), not a private one"
            )
        return cls(key, net)

    @property
    def is_watch_only(self) -> bool:
        return not self.account_key.is_private

    def __repr__(self) -> str:
        kind = "watch-only" if self.is_watch_only else "spending"
        return (
            f"Bip84Account({self.network.name}, {kind}, "
            f"fingerprint={self.account_key.fingerprint.hex()})"
        )

    def _key(self, change: int, index: int) -> ExtendedKey:
        if change not in (RECEIVE, CHANGE) or isinstance(change, bool):
            raise ExtendedKeyError("change must be 0 (receive) or 1 (change)")
        if not isinstance(index, int) or not 0 <= index < HARDENED:
            raise ExtendedKeyError("an address index must be between 0 and 2^31 - 1")
        return self._chains[change].derive(index)

    def pubkey(self, change: int, index: int) -> bytes:
        """The 33-byte compressed public key at .../change/index."""
        return self._key(change, index).public_key

    def script_pubkey(self, change: int, index: int) -> bytes:
        return p2wpkh_script(self.pubkey(change, index))

    def address(self, change: int, index: int) -> str:
        """The bech32 P2WPKH address at .../change/index."""
        program = hash160(self.pubkey(change, index))
        return encode_segwit_address(self.network.bech32_hrp, 0, program)

    def private_key(self, change: int, index: int) -> bytes:
        """The 32-byte private key at .../change/index (not on a watch-only account)."""
        if self.is_watch_only:
            raise WatchOnlyError("this account is watch-only: it holds no private keys")
        return self._key(change, index).private_key

    def private_key_wif(self, change: int, index: int) -> str:
        return wif(self.private_key(change, index), self.network)

    def xpub(self) -> str:
        """The account's public key in the standard form (xpub, tpub on test networks)."""
        return self.account_key.neuter().serialize("x")

    def zpub(self) -> str:
        """The account's public key in the SLIP-132 BIP 84 form (zpub, vpub on test networks)."""
        return self.account_key.neuter().serialize("z")
