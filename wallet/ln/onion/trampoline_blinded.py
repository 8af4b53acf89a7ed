"""Trampoline to a blinded path (trampoline spec draft, lightning/bolts PR #836): the payer
hands its trampoline the recipient's blinded paths, each with its payinfo (record 22), and
the recipient's features (record 21), instead of a node id; the trampoline pays one path.

Pure code: the payload the payer writes and what the trampoline reads back.
"""

from __future__ import annotations

from collections.abc import Sequence

from wallet.ln.features import Features
from wallet.ln.onion.blinded_path import (
    BlindedPath,
    BlindedPayInfo,
    read_blinded_path,
    read_payinfo,
)
from wallet.ln.onion.sphinx import HopPayload, InvalidOnionPayload, OnionBuildError
from wallet.ln.wire.errors import WireError
from wallet.ln.wire.primitives import Reader
from wallet.sentence import Sentence

RECIPIENT_FEATURES = 21
RECIPIENT_BLINDED_PATHS = 22
#: a trampoline onion is small: a handful of paths is all that can fit anyway
MAX_PATHS = 8

PaidPath = tuple[BlindedPath, BlindedPayInfo]


def encode_recipient_blinded_paths(paths: Sequence[PaidPath]) -> bytes:
    if not paths or len(paths) > MAX_PATHS:
        raise OnionBuildError(Sentence("a trampoline payment names 1 to %1 blinded paths", MAX_PATHS))
    try:
        return b"".join(path.to_bytes() + info.to_bytes() for path, info in paths)
    except WireError as exc:
        raise OnionBuildError(Sentence("cannot encode blinded paths: %1", exc)) from exc


def decode_recipient_blinded_paths(data: bytes) -> tuple[PaidPath, ...]:
    """Each path with its payinfo; InvalidOnionPayload naming record 22 if malformed."""
    reader = Reader(data)
    out: list[PaidPath] = []
    try:
        while not reader.at_end():
            out.append((read_blinded_path(reader), read_payinfo(reader)))
    except WireError as exc:
        raise InvalidOnionPayload(Sentence("recipient_blinded_paths: %1", exc), RECIPIENT_BLINDED_PATHS) from None
    if not out or len(out) > MAX_PATHS:
        raise InvalidOnionPayload(Sentence("recipient_blinded_paths must hold 1 to %1 paths", MAX_PATHS),
                                  RECIPIENT_BLINDED_PATHS)
    return tuple(out)


def blinded_recipient_payload(amount_msat: int, cltv_expiry: int, paths: Sequence[PaidPath],
                              features: Features) -> HopPayload:
    """The last trampoline's payload: deliver `amount_msat` at `cltv_expiry` over one of
    `paths` (fees and CLTV delta of the path on top, paid by the trampoline's budget)."""
    return HopPayload(
        amt_to_forward=amount_msat,
        outgoing_cltv_value=cltv_expiry,
        extra={RECIPIENT_FEATURES: features.to_bytes(),
               RECIPIENT_BLINDED_PATHS: encode_recipient_blinded_paths(paths)},
    )
