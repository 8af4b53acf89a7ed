"""Electrum protocol script hashes and address status hashes (protocol-basics)."""

from __future__ import annotations

import hashlib


def script_to_scripthash(script_pubkey: bytes) -> str:
    """The key Electrum servers index outputs by: SHA-256 of the script, reversed, hex."""
    return hashlib.sha256(script_pubkey).digest()[::-1].hex()


def status_hash(history: list[tuple[str, int]]) -> str | None:
    """Status of an address from its history [(txid hex, height)], None when empty.

    Confirmed transactions come first in block order as the server lists them, then mempool
    ones (height 0, or -1 for those with unconfirmed inputs).
    """
    if not history:
        return None
    text = "".join(f"{txid}:{height:d}:" for txid, height in history)
    return hashlib.sha256(text.encode("ascii")).hexdigest()
