"""The chain lnprototest scripts expect, served by the devnet's bcoin and ElectrumX.

Run by the Kite runner (tests/conformance/kite_runner.py) with Kite's own virtualenv:
`python -m tests.conformance.chain_host DIR`. It starts an empty regtest chain with CSV and
segwit buried at genesis (as Bitcoin Core's regtest, which the scripts were written for),
writes DIR/chain.json (the node's RPC address and credentials, the Electrum server's
address), and keeps both running until its stdin closes. Blocks are added by the runner
over the node's RPC: lnprototest's own block 1 first, then what the scripts ask for.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from wallet.devnet.stack import Devnet


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.conformance.chain_host DIR", file=sys.stderr)
        return 2
    directory = Path(argv[0])
    with Devnet(directory / "devnet", initial_blocks=0, buried_deployments=True) as devnet:
        host, port = devnet.electrum_address
        state = {"rpc_host": devnet.node.host, "rpc_port": devnet.node.port,
                 "rpc_user": devnet.node.user, "rpc_password": devnet.node.password,
                 "electrum_host": host, "electrum_port": port}
        tmp = directory / "chain.json.tmp"
        tmp.write_text(json.dumps(state))
        os.replace(tmp, directory / "chain.json")
        sys.stdin.buffer.read()  # until the runner closes our stdin (or dies)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
