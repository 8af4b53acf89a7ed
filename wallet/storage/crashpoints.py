"""Test hook for crash-safety tests: die by SIGKILL at a named step of a storage operation.

When the environment variable KITE_TEST_CRASH_AT names a step (for example
"create:half-written"), the process kills itself with SIGKILL on reaching it: no cleanup,
no `finally`, exactly like a power cut of the process. Unset, this is a no-op.
"""

from __future__ import annotations

import os
import signal

CRASH_HOOK_ENV = "KITE_TEST_CRASH_AT"


def crash_point(step: str) -> None:
    target = os.environ.get(CRASH_HOOK_ENV)
    if target and target == step:
        os.kill(os.getpid(), signal.SIGKILL)
