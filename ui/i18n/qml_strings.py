"""Which texts in the QML look like words for people but do not go through qsTr.

Used by the test that keeps every visible string translatable. A string literal counts
as text for people when it has a letter and either a space, a capital first letter or
final punctuation, and it is not compared (`=== "Failed"`), not an argument to qsTr/
qsTranslate, and not the value of a property naming an object, colour, font or file, and not on a line
that names pages or files.
"""

from __future__ import annotations

import re
from pathlib import Path

_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SKIP_LINE = re.compile(r"^\s*(import |//)|window\.show\(|\.qml\"|console\.|iconsDir|"
                        r"Qt\.resolvedUrl|inputMask|regularExpression")
# a literal that is the value of one of these is a name, a colour, a font, a file
_NOT_TEXT_BEFORE = re.compile(r"(objectName|color|[cC]olor|family|source|name|state|"
                              r"defaultSuffix|currentPage)\s*:\s*$")
_COMPARED_BEFORE = re.compile(r"(===|!==|==|!=|\bcase)\s*$")
_COMPARED_AFTER = re.compile(r"^\s*(===|!==|==|!=)")
_TRANSLATED_BEFORE = re.compile(r"(qsTr|qsTranslate\([^,]*,|qsTranslate)\s*\(?\s*$")


def looks_like_words(text: str) -> bool:
    if not re.search(r"[A-Za-z]", text):
        return False
    if text.upper() == text and " " not in text and len(text) <= 4:
        return False  # units and codes: BTC, EUR, sat/vB are universal
    return " " in text or text[:1].isupper() or text.rstrip()[-1:] in ".…:?!"


def untranslated(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the literals in one QML file that should be in qsTr()."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _SKIP_LINE.search(line):
            continue
        for match in _LITERAL.finditer(line):
            text = match.group(1)
            before, after = line[:match.start()], line[match.end():]
            if not looks_like_words(text):
                continue
            if _COMPARED_BEFORE.search(before) or _COMPARED_AFTER.search(after):
                continue
            if _TRANSLATED_BEFORE.search(before) or _NOT_TEXT_BEFORE.search(before):
                continue
            found.append((number, text))
    return found
