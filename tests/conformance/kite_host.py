"""A real `kite daemon` for lnprototest, run by the Kite runner with Kite's own virtualenv.

`python -m tests.conformance.kite_host WALLET_DIR ELECTRUM_HOST:PORT LN_PORT` creates a
regtest wallet from fixed seed words (a cheap KDF: worthless coins) if there is none, then
runs the daemon in this process: Lightning peers on 127.0.0.1:LN_PORT, the CLI's JSON-RPC on
WALLET_DIR/daemon.sock. It stops when its stdin closes (the runner exited or was killed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wallet.devnet import daemon_runner
from wallet.networks import REGTEST
from wallet.storage.secrets import INSECURE_TEST_COST
from wallet.storage.wallet_file import create_wallet, wallet_exists

PASSWORD = "conformance"
# BIP 39's all-"abandon" test seed: the node's coins are regtest coins the runner mines to it
MNEMONIC = " ".join(["abandon"] * 11 + ["about"])


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m tests.conformance.kite_host WALLET_DIR HOST:PORT LN_PORT",
              file=sys.stderr)
        return 2
    wallet_dir, electrum, ln_port = Path(argv[0]), argv[1], argv[2]
    if not wallet_exists(wallet_dir):
        create_wallet(wallet_dir, REGTEST, MNEMONIC, "", PASSWORD, cost=INSECURE_TEST_COST)
    os.environ["KITE_PASSWORD"] = PASSWORD
    os.environ.pop("KITE_LN_LISTEN", None)
    sys.argv = [sys.argv[0], "--network", "regtest", "--wallet", str(wallet_dir), "daemon",
                "--log-level", "DEBUG", "--server", f"{electrum}:t", "--ln-port", ln_port]
    return daemon_runner.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
