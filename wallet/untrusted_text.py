"""Text from a counterparty (a server's or a peer's error message), made safe to show or log.

Such text may be megabytes long, hold terminal escape sequences or newlines that forge log
lines. `quote_untrusted` keeps at most `limit` characters and escapes everything outside
printable ASCII, so one line of log stays one line.
"""

from __future__ import annotations

DEFAULT_LIMIT = 200


def quote_untrusted(text: object, limit: int = DEFAULT_LIMIT) -> str:
    """`text` escaped (repr-style, without quotes) and cut to `limit` characters + '…'."""
    s = text if isinstance(text, str) else str(text)[: limit * 4]
    cut = len(s) > limit
    s = s[:limit]
    escaped = s.encode("ascii", "backslashreplace").decode("ascii")
    out = "".join(c if " " <= c <= "~" else repr(c)[1:-1] for c in escaped)
    return out + ("…" if cut else "")
