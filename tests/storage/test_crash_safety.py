"""Kill -9 during create, restore and password change: the wallet is old/absent or new, never broken.

Two kinds of real kills:
* at every named step of the operations (the KITE_TEST_CRASH_AT hook SIGKILLs the child);
* at random moments: a child loops the operation and the test SIGKILLs it after a random
  delay, then checks everything on disk, and starts the next round where it stopped.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.crash_child import (
    CREATE_PASSWORD,
    mnemonic_for,
    passphrase_for,
    password_for,
)
from wallet.networks import REGTEST
from wallet.storage.crashpoints import CRASH_HOOK_ENV
from wallet.storage.secrets import FAST_KDF_ENV, WrongPassword
from wallet.storage.wallet_file import DB_NAME, create_wallet, open_wallet

CREATE_STEPS = ["create:start", "create:migrated", "create:half-written", "create:committed",
                "create:synced", "create:linked"]
PASSWD_STEPS = ["passwd:start", "passwd:half-written", "passwd:before-commit",
                "passwd:committed"]
SEED = int.from_bytes(os.urandom(4), "big")


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setenv(FAST_KDF_ENV, "1")


def _env(crash_at: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env[FAST_KDF_ENV] = "1"
    env.pop(CRASH_HOOK_ENV, None)
    if crash_at:
        env[CRASH_HOOK_ENV] = crash_at
    return env


def spawn(op: str, folder: Path, start: int, count: int, crash_at: str | None = None):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash_child", op, str(folder), str(start),
         str(count)],
        cwd=ROOT, env=_env(crash_at), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish(proc: subprocess.Popen) -> tuple[int, list[int], str]:
    out, err = proc.communicate(timeout=60)
    done = [int(line.split()[1]) for line in out.splitlines() if line.startswith("done ")]
    return proc.returncode, done, err


def kill_after_random_delay(proc: subprocess.Popen, rng: random.Random, max_delay: float):
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    time.sleep(rng.uniform(0, max_delay))
    proc.send_signal(signal.SIGKILL)
    return finish(proc)


def wallet_state(folder: Path, op: str, n: int) -> str:
    """'absent' or 'complete' (asserting the wallet is whole and holds wallet n's seed).

    'absent' means no wallet file; a killed attempt may have left temporary files only.
    """
    db = folder / DB_NAME
    if not db.exists():
        leftovers = [p.name for p in folder.iterdir()] if folder.exists() else []
        assert all(name.startswith(f".{DB_NAME}.") for name in leftovers), leftovers
        return "absent+tmp" if leftovers else "absent"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with open_wallet(folder, CREATE_PASSWORD, network=REGTEST) as w:
        if op == "restore":
            assert w.read_mnemonic() == mnemonic_for(n, 24)
            assert w.read_passphrase() == passphrase_for(n)
        else:
            assert w.read_mnemonic() == mnemonic_for(n)
            assert w.read_passphrase() == ""
    return "complete"


def password_index(folder: Path, candidates: list[int]) -> int:
    """Which candidate password opens the wallet; exactly one must, and it must be whole."""
    working = []
    for k in candidates:
        try:
            with open_wallet(folder, password_for(k)) as w:
                assert w.read_mnemonic() == mnemonic_for(0)
                assert w.read_passphrase() == "secret words"
            working.append(k)
        except WrongPassword:
            pass
    assert len(working) == 1, (candidates, working)
    return working[0]


@pytest.mark.parametrize("op", ["create", "restore"])
@pytest.mark.parametrize("step", CREATE_STEPS)
def test_kill_at_each_create_step(tmp_path, op, step):
    proc = spawn(op, tmp_path, 0, 1, crash_at=step)
    rc, done, err = finish(proc)
    assert rc == -signal.SIGKILL, err
    assert done == []
    state = wallet_state(tmp_path / "0", op, 0)
    expected = {"create:start": "absent", "create:linked": "complete"}.get(step, "absent+tmp")
    assert state == expected
    if state != "complete":
        # Trying again works, and cleans up what the killed attempt left behind.
        rc, done, err = finish(spawn(op, tmp_path, 0, 1))
        assert rc == 0 and done == [0], err
        assert wallet_state(tmp_path / "0", op, 0) == "complete"
    # Opening (or re-creating) removed every temporary file of the killed attempt.
    assert sorted(p.name for p in (tmp_path / "0").iterdir()) == [DB_NAME]


def _wallet_for_passwd(folder: Path) -> None:
    create_wallet(folder, REGTEST, mnemonic_for(0), "secret words", password_for(0))


@pytest.mark.parametrize("step", PASSWD_STEPS)
def test_kill_at_each_password_change_step(tmp_path, step):
    _wallet_for_passwd(tmp_path)
    rc, done, err = finish(spawn("passwd", tmp_path, 0, 1, crash_at=step))
    assert rc == -signal.SIGKILL, err
    expected = 1 if step == "passwd:committed" else 0
    assert password_index(tmp_path, [0, 1]) == expected


@pytest.mark.parametrize("op,rounds", [("create", 8), ("restore", 8)])
def test_random_kills_during_create(tmp_path, op, rounds):
    rng = random.Random(SEED)
    start, outcomes = 0, []
    for _ in range(rounds):
        rc, done, err = kill_after_random_delay(spawn(op, tmp_path, start, 1000), rng, 0.15)
        assert rc == -signal.SIGKILL, f"seed {SEED}: {err}"
        last = done[-1] if done else start - 1
        for n in range(start, last + 1):
            assert wallet_state(tmp_path / str(n), op, n) == "complete", f"seed {SEED}"
        in_progress = last + 1
        state = wallet_state(tmp_path / str(in_progress), op, in_progress)
        outcomes.append(state)
        # If it is absent, the next round creates it again over the leftovers.
        start = in_progress if state != "complete" else in_progress + 1
    print(f"{op}: seed {SEED}, in-progress wallet after each kill: {outcomes}")


def test_random_kills_during_password_change(tmp_path):
    rng = random.Random(SEED + 1)
    _wallet_for_passwd(tmp_path)
    current = 0
    for _ in range(10):
        proc = spawn("passwd", tmp_path, current, 1000)
        rc, done, err = kill_after_random_delay(proc, rng, 0.15)
        assert rc == -signal.SIGKILL, f"seed {SEED}: {err}"
        last = done[-1] + 1 if done else current  # the password known to be in force
        current = password_index(tmp_path, [last, last + 1])
    print(f"passwd: seed {SEED}, {current} password changes survived 10 kills")


def test_random_kills_of_kite_restore(tmp_path):
    rng = random.Random(SEED + 2)
    words = mnemonic_for(7, 24)
    env = _env()
    env["KITE_PASSWORD"] = CREATE_PASSWORD
    outcomes = []
    for i in range(4):
        folder = tmp_path / str(i)
        proc = subprocess.Popen(
            [sys.executable, "-m", "wallet", "restore", "--network", "regtest", "--wallet",
             str(folder)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        proc.stdin.write(words + "\n" + passphrase_for(7) + "\n")
        proc.stdin.flush()
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        state = wallet_state(folder, "restore", 7)
        outcomes.append(state)
    print(f"kite restore: seed {SEED}, outcomes {outcomes}")
