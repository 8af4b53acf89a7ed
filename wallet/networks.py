"""Chain parameters of the networks Kite speaks, as plain data.

Only facts that several layers need live here (names, address and invoice prefixes, BIP32
version bytes, BIP44 coin types, genesis hashes). Layer-specific defaults (servers,
checkpoints, trampoline nodes) live with the layer that uses them.
"""

from __future__ import annotations

from dataclasses import dataclass

from wallet.errors import InputError


@dataclass(frozen=True)
class Network:
    name: str
    bech32_hrp: str  # segwit address prefix (BIP 173)
    invoice_hrp: str  # BOLT 11 currency prefix
    coin_type: int  # BIP 44 coin type: 0 mainnet, 1 every test network
    xprv: bytes  # BIP 32 version bytes (standard)
    xpub: bytes
    zprv: bytes  # SLIP-132 version bytes for BIP 84 (native segwit)
    zpub: bytes
    wif_prefix: int
    genesis_hash: str  # display (reversed) hex
    default_electrum_port: int


_MAIN_VERSIONS = dict(
    xprv=bytes.fromhex("0488ade4"),
    xpub=bytes.fromhex("0488b21e"),
    zprv=bytes.fromhex("04b2430c"),
    zpub=bytes.fromhex("04b24746"),
)
_TEST_VERSIONS = dict(
    xprv=bytes.fromhex("04358394"),
    xpub=bytes.fromhex("043587cf"),
    zprv=bytes.fromhex("045f18bc"),
    zpub=bytes.fromhex("045f1cf6"),
)

MAINNET = Network(
    "mainnet", "bc", "bc", 0, **_MAIN_VERSIONS, wif_prefix=0x80,
    genesis_hash="000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
    default_electrum_port=50002,
)
TESTNET = Network(
    "testnet", "tb", "tb", 1, **_TEST_VERSIONS, wif_prefix=0xEF,
    genesis_hash="000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943",
    default_electrum_port=51002,
)
# BIP 94; its genesis header (in the BIP) hashes to this and meets its own proof of work.
# Invoices and addresses share testnet's prefixes ("tb"): a `lntb` invoice decodes as
# testnet, and `pays_on` compares prefixes, not networks.
TESTNET4 = Network(
    "testnet4", "tb", "tb", 1, **_TEST_VERSIONS, wif_prefix=0xEF,
    genesis_hash="00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
    default_electrum_port=51002,
)
SIGNET = Network(
    "signet", "tb", "tbs", 1, **_TEST_VERSIONS, wif_prefix=0xEF,
    genesis_hash="00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6",
    default_electrum_port=60602,
)
REGTEST = Network(
    "regtest", "bcrt", "bcrt", 1, **_TEST_VERSIONS, wif_prefix=0xEF,
    genesis_hash="0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
    default_electrum_port=50001,
)

NETWORKS: dict[str, Network] = {
    n.name: n for n in (MAINNET, TESTNET, TESTNET4, SIGNET, REGTEST)
}


def pays_on(invoice_network: Network, network: Network) -> bool:
    """Whether an invoice decoded as `invoice_network` can be paid by a wallet on `network`:
    the BOLT 11 prefix is all an invoice says (testnet and testnet4 share `lntb`)."""
    return invoice_network.invoice_hrp == network.invoice_hrp


class UnknownNetwork(InputError):
    pass


def get_network(name: str) -> Network:
    """Look a network up by name; a clear error for anything else."""
    try:
        return NETWORKS[name]
    except KeyError:
        raise UnknownNetwork(
            f"unknown network {name!r}; expected one of: {', '.join(NETWORKS)}"
        ) from None
