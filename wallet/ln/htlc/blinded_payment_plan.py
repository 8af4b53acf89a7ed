"""Paying a BOLT 12 invoice over its blinded paths: the onions and amounts of one attempt.

Straight over a path whose introduction node is our channel peer (in parts over several of
our channels and paths when the invoice has basic_mpp), or through a trampoline
peer that pays one of the paths for us (trampoline spec draft, record 22). The recipient's
final CLTV is the tip plus `CLTV_MARGIN`; each path's payinfo adds its fee and CLTV delta
(the recipient's own minimum is inside it); a trampoline gets the largest path fee and delta
on top of its fee level, so whichever path it picks is paid. Pure code.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from wallet.ln.features import Features
from wallet.ln.htlc.payment_plan import (
    CLTV_MARGIN,
    CannotSplit,
    FeeLevel,
    PartOnion,
    TrampolineAttempt,
    check_expiry,
)
from wallet.ln.onion.blinded_path import BlindedPath, BlindedPayInfo
from wallet.ln.onion.blinded_payment import amount_at_introduction, blinded_payment_hops
from wallet.ln.onion.sphinx import build_onion, payloads_size
from wallet.ln.onion.trampoline_blinded import MAX_PATHS, blinded_recipient_payload
from wallet.sentence import Sentence

PaidPath = tuple[BlindedPath, BlindedPayInfo]


def recipient_cltv(tip_height: int) -> int:
    return tip_height + CLTV_MARGIN


def direct_part(path: BlindedPath, info: BlindedPayInfo, amount_msat: int, payment_hash: bytes,
                tip_height: int, session_key: bytes | None = None, *,
                total_msat: int | None = None) -> PartOnion:
    """One HTLC to the path's introduction node (our peer) crossing the whole path; a part
    of a payment of `total_msat` (basic_mpp: the recipient gathers the parts) when given."""
    final = recipient_cltv(tip_height)
    total = amount_msat if total_msat is None else total_msat
    node_ids, payloads = blinded_payment_hops(path, amount_msat, final, total)
    htlc_msat, htlc_cltv = amount_at_introduction(info, amount_msat, final)
    check_expiry(htlc_cltv, tip_height, "this payment over the invoice's blinded path")
    built = build_onion(node_ids, [p.encode() for p in payloads], session_key or os.urandom(32),
                        payment_hash)
    return PartOnion(htlc_msat, htlc_cltv, built.packet, built.shared_secrets,
                     route=tuple(node_ids))


def direct_parts(paths: dict[int, PaidPath], split: Sequence[tuple[int, int]],
                 total_msat: int, payment_hash: bytes,
                 tip_height: int) -> list[tuple[int, PartOnion, int]]:
    """The parts of a payment split over our channels (`split`: key_index, amount to
    deliver), each crossing the path `paths[key_index]` that starts at that channel's peer
    and paying that path's fee on its own amount: (key_index, onion, fee) per part."""
    parts = []
    for key, part_msat in split:
        path, info = paths[key]
        if not info.htlc_minimum_msat <= part_msat <= info.htlc_maximum_msat:
            raise CannotSplit(Sentence("a part of %1 msat is outside what the blinded path "
                                       "carries (%2 to %3 msat)", part_msat,
                                       info.htlc_minimum_msat, info.htlc_maximum_msat))
        onion = direct_part(path, info, part_msat, payment_hash, tip_height,
                            total_msat=total_msat)
        parts.append((key, onion, onion.amount_msat - part_msat))
    return parts


def trampoline_attempt(paths: Sequence[PaidPath], features: Features, amount_msat: int,
                       trampoline_node: bytes, level: FeeLevel, payment_hash: bytes,
                       tip_height: int, session_key: bytes | None = None) -> TrampolineAttempt:
    """The inner onion for `trampoline_node`, naming (up to MAX_PATHS of) the paths."""
    paths = list(paths)[:MAX_PATHS]
    final = recipient_cltv(tip_height)
    inner = blinded_recipient_payload(amount_msat, final, paths, features).encode()
    built = build_onion([trampoline_node], [inner], session_key or os.urandom(32), payment_hash,
                        payloads_size([inner]))
    path_fee = max(info.fee_msat(amount_msat) for _, info in paths)
    path_cltv = max(info.cltv_expiry_delta for _, info in paths)
    cltv = check_expiry(final + path_cltv + level.cltv_expiry_delta, tip_height,
                        "this payment through a trampoline")
    return TrampolineAttempt(trampoline_node, level, amount_msat,
                             level.fee_msat(amount_msat) + path_fee, cltv, built.packet,
                             built.shared_secrets, os.urandom(32), (trampoline_node,))
