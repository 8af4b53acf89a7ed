"""The errors of LNURL and Lightning addresses: one sentence for people, the technical why
in `.detail`.

`LnurlError` is bad input (what the user typed, or what a service answered: exit code 2);
`ServiceRefused` is a service's own `{"status": "ERROR"}` answer, its reason quoted;
`ServiceUnreachable` is an operational failure (no answer, timeout, TLS: exit code 1).
"""

from __future__ import annotations

import unicodedata

from wallet.errors import InputError, KiteError
from wallet.sentence import Sentence

MAX_REASON_CHARS = 300  # of a service's own words shown to the user


def printable(text: str, limit: int) -> str:
    """`text` without control or formatting characters (terminal escapes, bidi overrides,
    newlines become spaces), cut to `limit` characters with an ellipsis."""
    cleaned = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c
                      for c in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


class LnurlError(InputError):
    """Text that is not a usable LNURL / Lightning address, or a service's answer that Kite
    refuses. The message is a sentence for people."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ServiceRefused(LnurlError):
    """The service answered `{"status": "ERROR", "reason": ...}`."""

    def __init__(self, service: str, reason: str) -> None:
        self.reason = printable(reason, MAX_REASON_CHARS) if isinstance(reason, str) else ""
        said = (Sentence("The service %1 refused: \"%2\".", service, self.reason) if self.reason
                else Sentence("The service %1 refused without giving a reason.", service))
        super().__init__(said, "status ERROR")


class ServiceUnreachable(KiteError):
    """No usable answer came back: connection refused, DNS, TLS, timeout."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
