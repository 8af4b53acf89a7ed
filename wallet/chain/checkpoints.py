"""Checkpoints: where header trust starts, and how older headers are accepted.

A checkpoint is the last block of a retarget period (height k*2016-1): its hash and the nBits
of the period that follows. That is exactly what forward verification needs to continue from
there: the next header must link to the hash and carry those nBits; the retarget after that is
computed from the new period's own headers. The 11 timestamps for median-time-past are not
known at a checkpoint; either pass the period's last headers (`tail`, checked to hash up to the
checkpoint) or the verifier checks median-time-past once 11 new headers have arrived.

Headers below the newest checkpoint are accepted only if they chain up to a checkpoint hash
(`verify_below_checkpoint`), with each period's nBits checked against the list.

The data ships in wallet/chain/data/checkpoints_mainnet.json (scripts/gen_chain_data.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wallet.chain.headers import (
    HEADER_SIZE,
    ChainContext,
    ChainParams,
    CheckpointMismatch,
    MalformedHeader,
    chain_params,
    context_from_headers,
    hash_to_hex,
    hex_to_hash,
    verify_headers_to_anchor,
)
from wallet.sentence import Sentence

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Checkpoint:
    """A trusted period end: block `height` has `hash`; blocks height+1.. carry `bits`."""

    height: int
    hash: bytes  # internal byte order
    bits: int

    @property
    def hash_hex(self) -> str:
        return hash_to_hex(self.hash)


@cache
def load_checkpoints(network: str) -> tuple[Checkpoint, ...]:
    """The shipped checkpoints of a network, oldest first (empty when there are none)."""
    path = DATA_DIR / f"checkpoints_{network}.json"
    if not path.exists():
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    interval = chain_params(network).retarget_interval
    out = []
    for e in data["checkpoints"]:
        cp = Checkpoint(int(e["height"]), hex_to_hash(e["hash"]), int(e["bits"], 16))
        if (cp.height + 1) % interval:
            raise ValueError(Sentence("checkpoint %1 is not at the end of a retarget period", cp.height))
        out.append(cp)
    return tuple(sorted(out, key=lambda c: c.height))


def latest_checkpoint(network: str) -> Checkpoint | None:
    cps = load_checkpoints(network)
    return cps[-1] if cps else None


def known_bits(network: str) -> dict[int, int]:
    """Period index -> the nBits the checkpoint list says that period carries."""
    interval = chain_params(network).retarget_interval
    return {(cp.height + 1) // interval: cp.bits for cp in load_checkpoints(network)}


def checkpoint_context(
    cp: Checkpoint, params: ChainParams, tail: bytes = b""
) -> ChainContext:
    """The verification context right after a checkpoint.

    `tail`: optionally the last headers (up to 11) of the period, ending at the checkpoint;
    they must hash up to the checkpoint and then supply the median-time-past timestamps.
    Chainwork counts from zero at the checkpoint.
    """
    ctx = ChainContext(height=cp.height, tip_hash=cp.hash, next_retarget_bits=cp.bits)
    if not tail:
        return ctx
    if len(tail) % HEADER_SIZE or len(tail) > 11 * HEADER_SIZE:
        raise MalformedHeader("a checkpoint tail is 1 to 11 whole headers")
    first = cp.height - len(tail) // HEADER_SIZE + 1
    verify_headers_to_anchor(params, tail, first, cp.hash)
    rebuilt = context_from_headers(params, tail, first)
    return ChainContext(
        height=cp.height,
        tip_hash=cp.hash,
        bits=rebuilt.bits,
        timestamps=rebuilt.timestamps,
        next_retarget_bits=cp.bits,
        last_real_bits=rebuilt.last_real_bits,
    )


def default_anchor(network: str) -> ChainContext:
    """Where a new header store starts: the newest checkpoint, or genesis without one."""
    cp = latest_checkpoint(network)
    if cp is None:
        return ChainContext.before_genesis()
    return checkpoint_context(cp, chain_params(network))


def verify_below_checkpoint(network: str, data: bytes, first_height: int) -> ChainContext:
    """Accept old headers that end exactly at a checkpoint and chain up to its hash.

    Used when a proof needs a header older than where the store starts: fetch the headers
    from that height up to the next checkpoint and pass them here.
    """
    n, rem = divmod(len(data), HEADER_SIZE)
    if rem or n == 0:
        raise MalformedHeader(Sentence("%1 bytes is not a whole, non-empty number of headers", len(data)))
    last = first_height + n - 1
    by_height = {cp.height: cp for cp in load_checkpoints(network)}
    cp = by_height.get(last)
    if cp is None:
        raise CheckpointMismatch("headers must end at a checkpoint height", last)
    return verify_headers_to_anchor(
        chain_params(network), data, first_height, cp.hash, known_bits=known_bits(network)
    )


def checkpoint_at_or_above(network: str, height: int) -> Checkpoint | None:
    """The lowest checkpoint at or above `height` (what old headers must chain up to)."""
    for cp in load_checkpoints(network):
        if cp.height >= height:
            return cp
    return None
