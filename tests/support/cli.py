"""Running the `kite` command as a user does, and waiting for a condition."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time


def kite(env, *args, stdin=None, check=True):
    r = subprocess.run([sys.executable, "-m", "wallet", *args], input=stdin, capture_output=True,
                       text=True, env=env, timeout=120)
    if check and r.returncode != 0:
        raise AssertionError(f"kite {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r



def wait_for(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.3)




async def until(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)
