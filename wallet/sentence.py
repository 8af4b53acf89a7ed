"""An error sentence that a window can say in another language, without wallet/ knowing Qt.

`Sentence("amount %1 is below the minimum %2", a, b)` is the English text itself (a `str`:
the CLI, logs and `str(error)` see English), and it keeps its template and values. A window
translates the template whole (word order differs between languages) and fills the values;
a value may itself be a Sentence (an error wrapped in another), translated the same way.
The daemon's JSON-RPC error replies carry `to_json()` so an attached window can too.
`ui/i18n/wallet_sentences.py` lists every template raised on the window's paths.
"""

from __future__ import annotations

import re
from typing import Any

_PLACEHOLDER = re.compile(r"%(\d+)")
MAX_TEMPLATE = 1000  # characters of a template read back from a reply
MAX_VALUES = 16  # values of one sentence read back from a reply
MAX_VALUE = 2000  # characters of one value read back
MAX_DEPTH = 4  # sentences within sentences read back


def fill(template: str, values: tuple[object, ...] | list[object]) -> str:
    """`template` with %1, %2, ... replaced by `values` in one pass (a value's own %1 stays)."""
    def put(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 1 <= number <= len(values) else match.group(0)
    return _PLACEHOLDER.sub(put, template)


class Sentence(str):
    """English text (the str) + `template` and `values` (str or Sentence) for translating."""

    template: str
    values: tuple[str, ...]

    def __new__(cls, template: str, *values: object) -> Sentence:
        kept = tuple(v if isinstance(v, Sentence) else str(v) for v in values)
        obj = super().__new__(cls, fill(template, kept))
        obj.template = template
        obj.values = kept
        return obj

    def __str__(self) -> str:  # str(error) keeps the Sentence: str(e) passes it along
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Sentence, (self.template, *self.values))

    def to_json(self) -> dict[str, Any]:
        """The template and values as JSON data (nested sentences as objects)."""
        return {"template": self.template,
                "values": [v.to_json() if isinstance(v, Sentence) else str(v)
                           for v in self.values]}

    @classmethod
    def from_json(cls, data: Any, depth: int = 0) -> Sentence | None:
        """The sentence `to_json` gave, or None for anything else (capped: the reply of a
        daemon is read like any other input)."""
        if depth > MAX_DEPTH or not isinstance(data, dict):
            return None
        template, values = data.get("template"), data.get("values")
        if not isinstance(template, str) or len(template) > MAX_TEMPLATE:
            return None
        if not isinstance(values, list) or len(values) > MAX_VALUES:
            return None
        kept: list[object] = []
        for v in values:
            if isinstance(v, str) and len(v) <= MAX_VALUE:
                kept.append(v)
            elif (inner := cls.from_json(v, depth + 1)) is not None:
                kept.append(inner)
            else:
                return None
        return cls(template, *kept)


def template(text: str) -> str:
    """`text`, marked as a template chosen here and filled elsewhere (`Sentence(chosen, v)`),
    so that ui/i18n/error_sources.py lists it: each case its own whole sentence, never an
    English word passed in as a value."""
    return text


def sentence_of(error: BaseException) -> Sentence | None:
    """The Sentence an error was raised with, if it was."""
    text = error.args[0] if error.args else None
    return text if isinstance(text, Sentence) else None
