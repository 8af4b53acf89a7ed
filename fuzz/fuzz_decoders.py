"""Long local fuzzing of Kite's decoders: mutate valid inputs for a while, report cases/s.

    .venv/bin/python fuzz/fuzz_decoders.py --seconds 600            # every target
    .venv/bin/python fuzz/fuzz_decoders.py --target invoice --seconds 3600 --seed 7

Each target feeds mutated text (bit flips, insertions, deletions, duplicated slices,
truncations, case changes, long repeats) to one decoder; the decoder's own typed error is
the expected outcome for garbage. Anything else (another exception, or for the RPC target
a reply that is not one JSON line) is a finding: printed and saved under fuzz/findings/.
Runs are bounded by --seconds per target; the figures (cases/s, the slowest case) are
printed, never asserted. The CI runs the same decoders through tests/test_*properties.py.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wallet.bech32 import Bech32Error, decode_bech32, decode_segwit_address  # noqa: E402
from wallet.daemon.rpc import RpcServer  # noqa: E402
from wallet.errors import InputError  # noqa: E402
from wallet.keys.base58 import Base58Error, b58check_decode  # noqa: E402
from wallet.ln.bolt11.invoice import InvoiceError, decode_invoice  # noqa: E402
from wallet.networks import MAINNET, REGTEST  # noqa: E402
from wallet.onchain.addresses import address_to_script  # noqa: E402
from wallet.payment_request import PaymentRequestError, parse_payment_text  # noqa: E402

SHARED = Path(os.environ.get("KITE_SHARED", ROOT.parent / "shared"))
FINDINGS = ROOT / "fuzz" / "findings"


def _invoices() -> list[str]:
    path = SHARED / "vectors" / "bolt11_invoices.json"
    try:
        return [v["invoice"] for v in json.loads(path.read_text())["valid"]]
    except (OSError, ValueError, KeyError):
        return ["lnbc1qqqqqqqqqqqqqqqq"]


ADDRESSES = [
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080",
]
XPUB = ("xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8Y"
        "tGqsefD265TMg7usUDFdp6W1EGMcet8")


def _uris() -> list[str]:
    inv = _invoices()
    return [f"bitcoin:{ADDRESSES[4]}?amount=0.0001&label=shop&message=caf%C3%A9",
            f"bitcoin:{ADDRESSES[4]}?lightning={inv[0]}", f"lightning:{inv[0]}", ADDRESSES[4]]


def mutate(rng: random.Random, text: str) -> str:
    """One to four random edits of `text`."""
    s = list(text)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randrange(len(s) + 1)
        if op == 0 and s:  # flip a bit of one character
            i = min(pos, len(s) - 1)
            s[i] = chr((ord(s[i]) ^ (1 << rng.randrange(7))) or 32)
        elif op == 1:  # insert a character from an interesting set
            s.insert(pos, rng.choice("qpzry9x8gf2tvdw0s3jn54khce6mua7l1:?&=% \n\x00é\u202e"))
        elif op == 2 and s:
            del s[pos:pos + rng.randint(1, 8)]
        elif op == 3 and s:  # duplicate a slice, sometimes many times
            a = rng.randrange(len(s))
            piece = s[a:a + rng.randint(1, 40)]
            s[pos:pos] = piece * rng.choice((1, 2, 10, 1000))
        elif op == 4:
            s = s[:pos]
        elif op == 5:
            s = list("".join(s).upper() if rng.random() < 0.5 else "".join(s).lower())
        elif op == 6 and s:  # swap two characters
            i, j = rng.randrange(len(s)), rng.randrange(len(s))
            s[i], s[j] = s[j], s[i]
        else:
            s[pos:pos] = list(rng.choice(["%", "%ff", "=", "&", "?", "lightning=", "amount=",
                                          "req-"]))
    return "".join(s)


def _rpc_target() -> Callable[[str], None]:
    async def echo(text: str = "", n: int = 0) -> dict:
        return {"text": text, "n": n}

    server = RpcServer(Path("/nonexistent"), {"echo": echo, "getinfo": echo})
    loop = asyncio.new_event_loop()

    def run(text: str) -> None:
        line = loop.run_until_complete(server._answer(text.encode("utf-8", "surrogatepass")))
        reply = json.loads(line)
        if not line.endswith(b"\n") or line.count(b"\n") != 1:
            raise AssertionError("reply is not one line")
        if ("error" in reply) == ("result" in reply):
            raise AssertionError(f"reply has neither or both of error/result: {reply}")

    return run


RPC_SEEDS = ['{"id": 1, "method": "echo", "params": {"text": "hi", "n": 3}}',
             '{"id": "a", "method": "getinfo"}', '[{"id": 1}]', '{"method": ["echo"]}']

TARGETS: dict[str, tuple[Callable[[], list[str]], Callable[[], Callable[[str], object]], tuple]] = {
    "bech32": (lambda: ADDRESSES + _invoices(), lambda: decode_bech32, (Bech32Error,)),
    "segwit": (lambda: ADDRESSES, lambda: lambda t: decode_segwit_address("bc", t), (Bech32Error,)),
    "base58": (lambda: [XPUB, ADDRESSES[2], ADDRESSES[3]], lambda: b58check_decode, (Base58Error,)),
    "address": (lambda: ADDRESSES, lambda: lambda t: address_to_script(t, MAINNET), (InputError,)),
    "payment_text": (_uris, lambda: lambda t: parse_payment_text(t, REGTEST), (PaymentRequestError,)),
    "invoice": (_invoices, lambda: decode_invoice, (InvoiceError,)),
    "rpc": (lambda: RPC_SEEDS, _rpc_target, ()),
}


def fuzz(name: str, seconds: float, rng: random.Random) -> tuple[int, int]:
    seeds_of, target_of, expected = TARGETS[name]
    seeds, target = seeds_of(), target_of()
    cases = findings = 0
    slowest = (0.0, "")
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        text = mutate(rng, rng.choice(seeds))
        t0 = time.perf_counter()
        try:
            target(text)
        except expected:
            pass
        except Exception as e:  # a finding: anything but the typed error
            findings += 1
            _save(name, text, e)
        took = time.perf_counter() - t0
        if took > slowest[0]:
            slowest = (took, text)
        cases += 1
    elapsed = time.monotonic() - start
    print(f"{name:13} {cases:9,} cases  {cases / elapsed:9,.0f} cases/s  findings {findings}  "
          f"slowest {slowest[0] * 1000:.1f} ms ({len(slowest[1]):,} chars)", flush=True)
    return cases, findings


def _save(name: str, text: str, error: Exception) -> None:
    FINDINGS.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    path = FINDINGS / f"{name}-{digest}.json"
    path.write_text(json.dumps({"target": name, "input": text, "error": repr(error)[:2000]}))
    print(f"  finding in {name}: {type(error).__name__}: {str(error)[:200]} -> {path}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    parser.add_argument("--seconds", type=float, default=30.0, help="per target")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"seed {seed}")
    rng = random.Random(seed)
    names = list(TARGETS) if args.target == "all" else [args.target]
    total = sum(fuzz(n, args.seconds, rng)[1] for n in names)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
