"""Which texts in the Python view-models look like words for people but skip the translation.

The twin of qml_strings.py for ui/models/*.py, read with `ast`. A string literal (or a
literal part of an f-string) counts as text for people by the same test as in the QML
(`looks_like_words`), after units (sat, msat, BTC, sat/vB) are taken out. It is fine when
it is an argument of `translate()`, `tr()` or `QT_TRANSLATE_NOOP()`, a docstring, a log
line, a pattern (re, strftime, startswith, replace, ...), a dict key or subscript, compared
(`==`, `in`), a URL scheme ("file:") or a file name, or on a line marked `# not-words` with the reason
(needles matched in the node's English texts, details for whoever debugs).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ui.i18n.qml_strings import looks_like_words

TRANSLATING = {"translate", "tr", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
# calls whose string arguments are code, patterns or log lines, not texts for people
NOT_SHOWN = {"debug", "info", "warning", "error", "exception", "critical", "Signal", "Slot",
             "Property", "compile", "sub", "search", "match", "fullmatch", "findall",
             "startswith", "endswith", "removeprefix", "removesuffix", "replace", "split",
             "strip", "strftime", "strptime", "toString", "value", "setValue", "can",
             "getenv"}
_UNITS = re.compile(r"\b(?:m?sats?|BTC|sat/vB|vB)\b")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:$")
_FILE = re.compile(r"^[\w./-]+\.(?:qml|png|svg|json|csv|qm|ts)$")
MARK = "# not-words"


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_words(text: str) -> bool:
    if _SCHEME.match(text) or _FILE.match(text):
        return False
    return looks_like_words(_UNITS.sub("", text))


def _exempt(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """The literal is code, not a text for people (see the module's docstring)."""
    child, parent = node, parents.get(node)
    if isinstance(parent, ast.JoinedStr):  # judge the f-string where it stands
        child, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Expr):
        return True  # a docstring or a bare string
    while parent is not None:
        if isinstance(parent, ast.Call) and child is not parent.func:
            name = _call_name(parent)
            if name in TRANSLATING or name in NOT_SHOWN:
                return True
        if isinstance(parent, ast.Compare):
            return True
        if isinstance(parent, ast.Dict) and any(child is k for k in parent.keys):
            return True
        if isinstance(parent, ast.Subscript) and child is parent.slice:
            return True
        if isinstance(parent, ast.stmt):
            return False
        child, parent = parent, parents.get(parent)
    return False


def untranslated_py(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the literals in one Python file that should be translated."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not _is_words(node.value) or _exempt(node, parents):
            continue
        if MARK in lines[node.lineno - 1] or (
                node.end_lineno and MARK in lines[node.end_lineno - 1]):
            continue
        found.append((node.lineno, node.value))
    return sorted(found)
