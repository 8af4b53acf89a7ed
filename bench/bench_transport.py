"""BOLT 8 transport throughput: encrypt + decrypt of 1 KB messages, and handshakes.

Each run: one side encrypts N messages of 1,024 bytes, the other decrypts them (crossing
key rotations every 500 messages). Prints the median of 5 runs in messages/s and MB/s, plus
full handshakes/s (acts one to three, both sides).

Run: .venv/bin/python bench/bench_transport.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coincurve import PrivateKey  # noqa: E402

from wallet.ln.transport import InitiatorHandshake, ResponderHandshake, Transport  # noqa: E402

RUNS = 5
MESSAGES = 20_000
MESSAGE_SIZE = 1024
HANDSHAKES = 300


def handshake() -> tuple[Transport, Transport]:
    responder_key = os.urandom(32)
    initiator = InitiatorHandshake(os.urandom(32), PrivateKey(responder_key).public_key.format())
    responder = ResponderHandshake(responder_key)
    act_two = responder.process_act_one(initiator.act_one())
    act_three, alice = initiator.process_act_two(act_two)
    return alice, responder.process_act_three(act_three)


def one_run() -> float:
    alice, bob = handshake()
    payload = os.urandom(MESSAGE_SIZE)
    start = time.perf_counter()
    for _ in range(MESSAGES):
        bob.receive_data(alice.encrypt_message(payload))
        if bob.next_message() is None:
            raise RuntimeError("message lost")
    return MESSAGES / (time.perf_counter() - start)


def handshake_rate() -> float:
    start = time.perf_counter()
    for _ in range(HANDSHAKES):
        handshake()
    return HANDSHAKES / (time.perf_counter() - start)


def main() -> None:
    rate = statistics.median(one_run() for _ in range(RUNS))
    print(f"transport encrypt+decrypt, {MESSAGE_SIZE}-byte messages: {rate:,.0f} messages/s "
          f"({rate * MESSAGE_SIZE / 1e6:.1f} MB/s), median of {RUNS} runs of {MESSAGES:,}")
    hs = statistics.median(handshake_rate() for _ in range(RUNS))
    print(f"handshakes (both sides, three acts): {hs:,.0f}/s, median of {RUNS} runs")


if __name__ == "__main__":
    main()
