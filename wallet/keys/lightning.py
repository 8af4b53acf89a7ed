"""Lightning node and channel keys, derived from the wallet seed so the seed restores them.

Derivation layout (every step hardened; `coin` is BIP 44's coin type: 0 on mainnet, 1 on
every test network)::

    m/9735'/coin'/0'/0'                 node key: its public key is the node id
    m/9735'/coin'/1'/channel'/family'   the keys of channel number `channel`
    m/9735'/coin'/2'/0'                 recovery secret (channel recovery, below)

9735 is the Lightning port number, used here as a BIP 43 purpose of Kite's own. This layout
is not LND's (m/1017'/...), so these keys are not interchangeable with another wallet's.
The seed's other keys: BIP 84 on-chain accounts (`bip84.py`, m/84'/coin'/account') and
LNURL-auth linking keys (`lnurl_auth.py`, LUD-05: m/138'/0 hashes the domain, m/138'/a/b/c/d
signs for it).

Channel key families, as BOLT 3 names them (`family'` above):

    0  funding key          signs the 2-of-2 funding output
    1  revocation basepoint we combine it with the peer's per-commitment point; once the
                            peer reveals the per-commitment secret we can punish a revoked
                            commitment they broadcast
    2  payment basepoint    the peer pays our to_remote output to it
    3  delayed payment base our own to_local output, spendable after the CSV delay
    4  htlc basepoint       signs our side of HTLC outputs
    5  per-commitment seed  32 bytes feeding the shachain (BOLT 3) that produces our
                            per-commitment secrets, one per commitment number

Recovery keys. The 32-byte secret of m/9735'/coin'/2'/0' is never used as a signing key; three
symmetric keys come from it, each SHA-256(tag || secret):

    tag b"kite/recovery-record/v1"   encrypts the recovery record (ChaCha20-Poly1305) that every
                                     funding transaction we make carries in an OP_RETURN output
                                     (`wallet/ln/recovery/record.py`)
    tag b"kite/backup-file/v1"       encrypts the channel backup file (`kite backup export`)
    tag b"kite/peer-storage/v1"      encrypts the blob our peers keep for us (BOLT 1 peer
                                     storage, `wallet/ln/recovery/peer_backup.py`)

With the seed alone a restored wallet finds its funding transactions in its own on-chain
history, opens their records and learns each channel's peer and channel number, hence every
channel key above (our to_remote output pays the channel's payment basepoint).

Channel numbers are assigned by the wallet, one per channel, never reused; restoring the seed
and counting channels up from 0 gives back the same node id and the same channel keys.
Because every step is hardened, the secrets of one channel (say, handed to a watchtower or
leaked) reveal nothing about another channel's keys or about the node key.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from wallet.hashes import sha256
from wallet.keys.bip32 import HARDENED, ExtendedKey, ExtendedKeyError
from wallet.networks import Network

PURPOSE = 9735
NODE_BRANCH = 0
CHANNEL_BRANCH = 1
RECOVERY_BRANCH = 2
RECORD_KEY_TAG = b"kite/recovery-record/v1"
BACKUP_KEY_TAG = b"kite/backup-file/v1"
PEER_STORAGE_KEY_TAG = b"kite/peer-storage/v1"


class KeyFamily(IntEnum):
    FUNDING = 0
    REVOCATION_BASE = 1
    PAYMENT_BASE = 2
    DELAYED_PAYMENT_BASE = 3
    HTLC_BASE = 4
    PER_COMMITMENT_SEED = 5


def lightning_root_path(network: Network) -> str:
    return f"m/{PURPOSE}'/{network.coin_type}'"


def node_key_path(network: Network) -> str:
    return f"{lightning_root_path(network)}/{NODE_BRANCH}'/0'"


def recovery_key_path(network: Network) -> str:
    return f"{lightning_root_path(network)}/{RECOVERY_BRANCH}'/0'"


def channel_key_path(network: Network, channel: int, family: KeyFamily) -> str:
    return f"{lightning_root_path(network)}/{CHANNEL_BRANCH}'/{channel}'/{int(family)}'"


@dataclass(frozen=True, repr=False)
class ChannelKeys:
    """Our keys for one channel: secrets (hidden from repr) and the points we announce."""

    index: int
    funding_pubkey: bytes
    revocation_basepoint: bytes
    payment_basepoint: bytes
    delayed_payment_basepoint: bytes
    htlc_basepoint: bytes
    funding_private_key: bytes
    revocation_basepoint_secret: bytes
    payment_basepoint_secret: bytes
    delayed_payment_basepoint_secret: bytes
    htlc_basepoint_secret: bytes
    per_commitment_seed: bytes

    def __repr__(self) -> str:  # public points too are left out: they identify the channel
        return f"ChannelKeys(index={self.index})"


class LightningKeys:
    """The node key and the per-channel key families of one seed."""

    __slots__ = ("network", "_channels_root", "_node_key", "_recovery_secret")

    def __init__(self, root: ExtendedKey, network: Network):
        """`root` is the BIP 32 master key of the seed."""
        if not root.is_private or root.depth != 0:
            raise ExtendedKeyError("Lightning keys need the private master key of the seed")
        self.network = network
        base = root.derive_path(lightning_root_path(network))
        self._node_key = base.derive(NODE_BRANCH + HARDENED).derive(HARDENED)
        self._channels_root = base.derive(CHANNEL_BRANCH + HARDENED)
        self._recovery_secret = base.derive(RECOVERY_BRANCH + HARDENED).derive(HARDENED).private_key

    @classmethod
    def from_seed(cls, seed: bytes, network: Network) -> LightningKeys:
        return cls(ExtendedKey.from_seed(seed, network), network)

    def __repr__(self) -> str:
        return f"LightningKeys({self.network.name}, node_id={self.node_id.hex()})"

    @property
    def node_private_key(self) -> bytes:
        """32-byte secret of the node key (signs node announcements, BOLT 8 static key)."""
        return self._node_key.private_key

    @property
    def node_id(self) -> bytes:
        """33-byte compressed public node key."""
        return self._node_key.public_key

    @property
    def record_key(self) -> bytes:
        """32-byte key of the recovery records in our funding transactions."""
        return sha256(RECORD_KEY_TAG + self._recovery_secret)

    @property
    def backup_key(self) -> bytes:
        """32-byte key of the channel backup file."""
        return sha256(BACKUP_KEY_TAG + self._recovery_secret)

    @property
    def peer_storage_key(self) -> bytes:
        """32-byte key of the blob our peers store for us (BOLT 1 peer storage)."""
        return sha256(PEER_STORAGE_KEY_TAG + self._recovery_secret)

    def channel_keys(self, index: int) -> ChannelKeys:
        """The keys of channel number `index` (0 .. 2^31 - 1)."""
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < HARDENED:
            raise ExtendedKeyError("a channel index must be between 0 and 2^31 - 1")
        channel = self._channels_root.derive(index + HARDENED)
        keys = {f: channel.derive(int(f) + HARDENED) for f in KeyFamily}
        return ChannelKeys(
            index=index,
            funding_pubkey=keys[KeyFamily.FUNDING].public_key,
            revocation_basepoint=keys[KeyFamily.REVOCATION_BASE].public_key,
            payment_basepoint=keys[KeyFamily.PAYMENT_BASE].public_key,
            delayed_payment_basepoint=keys[KeyFamily.DELAYED_PAYMENT_BASE].public_key,
            htlc_basepoint=keys[KeyFamily.HTLC_BASE].public_key,
            funding_private_key=keys[KeyFamily.FUNDING].private_key,
            revocation_basepoint_secret=keys[KeyFamily.REVOCATION_BASE].private_key,
            payment_basepoint_secret=keys[KeyFamily.PAYMENT_BASE].private_key,
            delayed_payment_basepoint_secret=keys[KeyFamily.DELAYED_PAYMENT_BASE].private_key,
            htlc_basepoint_secret=keys[KeyFamily.HTLC_BASE].private_key,
            per_commitment_seed=keys[KeyFamily.PER_COMMITMENT_SEED].private_key,
        )
