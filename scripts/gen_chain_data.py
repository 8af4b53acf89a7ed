#!/usr/bin/env python3
"""Generate wallet/chain/data/*.json (checkpoints, default servers and trampolines).

Product code ships these files; tests check them against the shared fixtures they come from.
Inputs (in the shared fixtures directory, $KITE_SHARED/fixtures or ../shared/fixtures):
  network_facts.json          Electrum's newest mainnet checkpoint, servers, trampoline nodes
  mainnet_retarget_pairs.json the headers at k*2016-1 and k*2016 (older checkpoints)
and, in this repository, scripts/chain_facts/electrum_test_servers.json (the test networks'
Electrum servers, with their source). The test networks ship no checkpoints: their headers
are verified from genesis (no header data here to check a checkpoint against).

Every checkpoint is checked before it is written: each pair must link (prev(H) = hash(H-1))
and meet its proof of work, and Electrum's target must be a valid compact nBits.

Usage: .venv/bin/python scripts/gen_chain_data.py [--fixtures DIR] [--check]
  --check  exit 1 if the files on disk differ from what would be generated.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wallet.chain.headers import (  # noqa: E402
    MAINNET_PARAMS,
    Header,
    bits_from_target,
    checked_target,
    target_from_bits,
)
from wallet.networks import NETWORKS  # noqa: E402

DATA = ROOT / "wallet" / "chain" / "data"
TEST_SERVERS = ROOT / "scripts" / "chain_facts" / "electrum_test_servers.json"
INTERVAL = MAINNET_PARAMS.retarget_interval


def default_fixtures() -> Path:
    shared = Path(os.environ.get("KITE_SHARED", ROOT.parent / "shared"))
    return shared / "fixtures"


def build_checkpoints(facts: dict, pairs: dict) -> dict:
    headers = {int(h): Header.from_hex(raw) for h, raw in pairs["headers"].items()}
    entries = []
    for h in sorted(headers):
        if h == 0 or h % INTERVAL:
            continue
        last, first = headers.get(h - 1), headers[h]
        if last is None:
            raise SystemExit(f"retarget pairs: header {h - 1} missing")
        if first.prev_hash != last.hash:
            raise SystemExit(f"retarget pairs: {h} does not link to {h - 1}")
        for height, hdr in ((h - 1, last), (h, first)):
            target = checked_target(hdr.bits, MAINNET_PARAMS.pow_limit, height)
            if int.from_bytes(hdr.hash, "little") > target:
                raise SystemExit(f"retarget pairs: {height} fails its proof of work")
        entries.append({"height": h - 1, "hash": last.hash_hex, "bits": f"{first.bits:#010x}"})

    cp = facts["electrum_mainnet_checkpoints"]
    height = (cp["last_index"] + 1) * INTERVAL - 1
    bits = bits_from_target(int(cp["last_target"]))
    if target_from_bits(bits)[0] != int(cp["last_target"]):
        raise SystemExit("Electrum's last target is not an exact compact value")
    checked_target(bits, MAINNET_PARAMS.pow_limit, height)
    if entries and height <= entries[-1]["height"]:
        raise SystemExit("Electrum's checkpoint is not newer than the retarget pairs")
    entries.append({"height": height, "hash": cp["last_hash"], "bits": f"{bits:#010x}"})

    return {
        "network": "mainnet",
        "generated_by": "scripts/gen_chain_data.py",
        "semantics": (
            "height = k*2016-1, the last block of a retarget period; hash = its block hash "
            "(display hex); bits = the nBits every block of the next period (height+1 .. "
            "height+2016) carries. Verification can start right after a checkpoint."
        ),
        "sources": [pairs["source"], cp["source"]],
        "checkpoints": entries,
    }


def build_network_defaults(facts: dict, test_servers: dict) -> dict:
    trampolines = facts["electrum_trampoline_nodes"]
    servers = facts["electrum_mainnet_servers"]
    per_network = {"mainnet": servers["servers"]} | {
        name: entry["servers"] for name, entry in test_servers.items() if isinstance(entry, dict)}
    test_sources = [entry["source"] for entry in test_servers.values() if isinstance(entry, dict)]
    out: dict = {
        "generated_by": "scripts/gen_chain_data.py",
        "sources": [servers["source"], trampolines["source"], *test_sources],
        "note": (
            "electrum_servers: host, tcp and ssl ports (null = not offered). trampolines: "
            "node_id, host, port. Networks without entries have no public defaults (regtest: "
            "the devnet provides its own)."
        ),
        "networks": {},
    }
    for name in NETWORKS:
        out["networks"][name] = {
            "electrum_servers": [
                {"host": s["host"], "tcp": s["tcp"], "ssl": s["ssl"]}
                for s in per_network.get(name, [])
            ],
            "trampolines": [
                {"name": t["name"], "node_id": t["node_id"], "host": t["host"], "port": t["port"]}
                for t in trampolines.get(name, [])
            ],
        }
    return out


def render(obj: dict) -> str:
    return json.dumps(obj, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", type=Path, default=default_fixtures())
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    facts = json.loads((args.fixtures / "network_facts.json").read_text(encoding="utf-8"))
    pairs = json.loads((args.fixtures / "mainnet_retarget_pairs.json").read_text(encoding="utf-8"))
    files = {
        DATA / "checkpoints_mainnet.json": render(build_checkpoints(facts, pairs)),
        DATA / "network_defaults.json": render(build_network_defaults(
            facts, json.loads(TEST_SERVERS.read_text(encoding="utf-8")))),
    }
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for p in stale:
            print(f"out of date: {p.relative_to(ROOT)}")
        return 1 if stale else 0
    DATA.mkdir(parents=True, exist_ok=True)
    for p, text in files.items():
        p.write_text(text, encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
