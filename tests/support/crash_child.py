"""A child process for the crash-safety tests: loops one storage operation until killed.

Usage: python -m tests.support.crash_child OPERATION FOLDER START COUNT

* create  FOLDER/N for N = START..: a new wallet from the seed words `mnemonic_for(N)`.
* restore like create, with 24 words and the BIP 39 passphrase `passphrase_for(N)`.
* passwd  change FOLDER's password from `password_for(N)` to `password_for(N + 1)`.

It prints "ready" once imported, then "done N" after each operation returns, so the parent
knows what certainly completed. The parent SIGKILLs it at a random moment (or the
KITE_TEST_CRASH_AT hook does at a named step) and checks what is left on disk.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from wallet.keys.bip39 import entropy_to_mnemonic
from wallet.networks import REGTEST
from wallet.storage.wallet_file import change_password, create_wallet

CREATE_PASSWORD = "crash test password"


def mnemonic_for(n: int, words: int = 12) -> str:
    entropy = hashlib.sha256(f"crash-test-{n}".encode()).digest()[: words * 4 // 3]
    return entropy_to_mnemonic(entropy)


def passphrase_for(n: int) -> str:
    return f"passphrase {n}"


def password_for(n: int) -> str:
    return f"password-{n}"


def main(argv: list[str]) -> int:
    operation, folder, start, count = argv[0], Path(argv[1]), int(argv[2]), int(argv[3])
    print("ready", flush=True)
    for n in range(start, start + count):
        if operation == "create":
            create_wallet(folder / str(n), REGTEST, mnemonic_for(n), "", CREATE_PASSWORD)
        elif operation == "restore":
            create_wallet(folder / str(n), REGTEST, mnemonic_for(n, 24), passphrase_for(n),
                          CREATE_PASSWORD)
        elif operation == "passwd":
            change_password(folder, password_for(n), password_for(n + 1))
        else:
            raise SystemExit(f"unknown operation {operation}")
        print(f"done {n}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
