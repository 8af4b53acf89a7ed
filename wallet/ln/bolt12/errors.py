"""The typed error of the BOLT 12 codec: one sentence saying what is wrong."""

from __future__ import annotations

from wallet.errors import InputError


class Bolt12Error(InputError):
    """An offer, invoice request, invoice or invoice error is malformed or unacceptable."""
