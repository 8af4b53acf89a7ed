"""A real `kite daemon` for lnprototest, run by the Kite runner with Kite's own virtualenv.

`python -m tests.conformance.kite_host WALLET_DIR ELECTRUM_HOST:PORT LN_PORT` creates a
regtest wallet from fixed seed words (a cheap KDF: worthless coins) if there is none, then
runs the daemon in this process: Lightning peers on 127.0.0.1:LN_PORT, the CLI's JSON-RPC on
WALLET_DIR/daemon.sock. It stops when its stdin closes (the runner exited or was killed).

The scripts know the node's secrets in advance (they sign the node's side of commitments
they build themselves and compare points byte for byte), as Core Lightning's developer
options force them: node key 1, funding key 0x10, revocation/payment/delayed/htlc
basepoint secrets 0x11..0x14, per-commitment seed FF..FF. This process, and only it, makes
Kite's `LightningKeys` give exactly those (`force_conformance_keys`): every channel gets the
same keys, which only a test may do. `python -m tests.conformance.kite_host --address`
prints the wallet's first receiving address (the runner mines a coinbase to it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from coincurve import PrivateKey

from wallet.devnet import daemon_runner
from wallet.keys import lightning
from wallet.keys.bip39 import mnemonic_to_seed
from wallet.keys.bip84 import Bip84Account
from wallet.networks import REGTEST
from wallet.storage.secrets import INSECURE_TEST_COST
from wallet.storage.wallet_file import create_wallet, wallet_exists

PASSWORD = "conformance"
# BIP 39's all-"abandon" test seed: the node's coins are regtest coins the runner mines to it
MNEMONIC = " ".join(["abandon"] * 11 + ["about"])


NODE_SECRET = (1).to_bytes(32, "big")
FUNDING_SECRET = (0x10).to_bytes(32, "big")
BASEPOINT_SECRETS = tuple((n).to_bytes(32, "big") for n in (0x11, 0x12, 0x13, 0x14))
PER_COMMITMENT_SEED = b"\xff" * 32


def _public(secret: bytes) -> bytes:
    return PrivateKey(secret).public_key.format(compressed=True)


def force_conformance_keys() -> None:
    """Make every `LightningKeys` of this process use lnprototest's fixed secrets."""
    revocation, payment, delayed, htlc = BASEPOINT_SECRETS

    def channel_keys(self: lightning.LightningKeys, index: int) -> lightning.ChannelKeys:
        return lightning.ChannelKeys(
            index=index, funding_pubkey=_public(FUNDING_SECRET),
            revocation_basepoint=_public(revocation), payment_basepoint=_public(payment),
            delayed_payment_basepoint=_public(delayed), htlc_basepoint=_public(htlc),
            funding_private_key=FUNDING_SECRET, revocation_basepoint_secret=revocation,
            payment_basepoint_secret=payment, delayed_payment_basepoint_secret=delayed,
            htlc_basepoint_secret=htlc, per_commitment_seed=PER_COMMITMENT_SEED)

    lightning.LightningKeys.channel_keys = channel_keys  # type: ignore[method-assign]
    lightning.LightningKeys.node_private_key = property(lambda self: NODE_SECRET)  # type: ignore[assignment]
    lightning.LightningKeys.node_id = property(lambda self: _public(NODE_SECRET))  # type: ignore[assignment]


def first_address() -> str:
    account = Bip84Account.from_seed(mnemonic_to_seed(MNEMONIC, ""), REGTEST)
    return account.address(0, 0)


def main(argv: list[str]) -> int:
    if argv == ["--address"]:
        print(first_address())
        return 0
    if len(argv) != 3:
        print("usage: python -m tests.conformance.kite_host WALLET_DIR HOST:PORT LN_PORT",
              file=sys.stderr)
        return 2
    wallet_dir, electrum, ln_port = Path(argv[0]), argv[1], argv[2]
    force_conformance_keys()  # first: the wallet file records the node id it derives
    if not wallet_exists(wallet_dir):
        create_wallet(wallet_dir, REGTEST, MNEMONIC, "", PASSWORD, cost=INSECURE_TEST_COST)
    os.environ["KITE_PASSWORD"] = PASSWORD
    sys.argv = [sys.argv[0], "--network", "regtest", "--wallet", str(wallet_dir), "daemon",
                "--log-level", "DEBUG", "--server", f"{electrum}:t", "--ln-port", ln_port]
    return daemon_runner.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
