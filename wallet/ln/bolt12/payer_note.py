"""The payer note of a BOLT 12 invoice we keep (`invreq_payer_note`, which the invoice
repeats from its request), made safe to show: the payer wrote it, so control and format
characters are dropped (no terminal escapes, no right-to-left tricks), whitespace runs are
one space, and it is cut at `MAX_PAYER_NOTE` bytes. Pure."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.invoice import decode_invoice
from wallet.ln.bolt12.invoice_request import MAX_PAYER_NOTE


def shown_note(text: str) -> str:
    """`text` without control/format characters, spaces collapsed, at most MAX_PAYER_NOTE
    bytes of UTF-8 (cut at a character boundary)."""
    kept = "".join(" " if ch.isspace() else ch for ch in text
                   if ch.isspace() or unicodedata.category(ch)[0] != "C")
    kept = " ".join(kept.split())
    cut = kept.encode()[:MAX_PAYER_NOTE].decode("utf-8", errors="ignore")
    return cut


@lru_cache(maxsize=4096)
def payer_note_of(invoice_text: str | None) -> str | None:
    """The shown payer note of an `lni1…` invoice, None when it has none (or is no BOLT 12
    invoice, or an unreadable one). Remembered: reading one takes ~0.4 ms, and every
    listing of the history asks again for each BOLT 12 payment."""
    if not invoice_text or not invoice_text.startswith("lni1"):
        return None
    try:
        note = decode_invoice(invoice_text).get("invreq_payer_note")
    except (Bolt12Error, ValueError):
        return None
    if not isinstance(note, str):
        return None
    return shown_note(note) or None
