"""Texts the Python view-models make, through Qt's translation like the QML's qsTr().

Call `translate("Context", "Fixed text with %1")` with literal arguments so that
pyside6-lupdate finds them (it reads `translate(` and `QT_TRANSLATE_NOOP(` calls), then
`fill()` the placeholders: a sentence is translated whole, never glued from pieces,
because word order differs between languages. Tables of texts made at import time (before
the translator is installed) hold `QT_TRANSLATE_NOOP` marks and are translated when shown,
with `translate(context, table[key])`.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["QT_TRANSLATE_NOOP", "fill", "translate"]


def translate(context: str, text: str) -> str:
    """`text` in the installed language (itself when there is no translation for it)."""
    return QCoreApplication.translate(context, text)


def fill(text: str, *values: object) -> str:
    """`text` with %1, %2, ... replaced by `values` (highest first, so %1 never eats %10)."""
    for number in range(len(values), 0, -1):
        text = text.replace(f"%{number}", str(values[number - 1]))
    return text
