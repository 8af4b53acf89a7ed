"""Whether this computer can draw the bitcoin sign ₿ (U+20BF): BIP 353 names are shown with
it where a font has it, and without it (as "alice@example.com") where it would be a box."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

BITCOIN_SIGN = "₿"


@cache
def can_draw_bitcoin_sign() -> bool:
    """Some installed font has ₿ (Qt falls back to it); asked once per run."""
    for family in QFontDatabase.families():
        raw = QRawFont.fromFont(QFont(family))
        if raw.isValid() and raw.supportsCharacter(ord(BITCOIN_SIGN)):
            return True
    return False


def shown_name(name: str) -> str:
    """A "₿user@domain" name as it can be drawn here."""
    return name if can_draw_bitcoin_sign() else name.removeprefix(BITCOIN_SIGN)
