"""The one error of BOLT 11 code: an invoice that cannot be read, checked or made."""

from __future__ import annotations

from wallet.errors import InputError


class InvoiceError(InputError):
    """A Lightning invoice is malformed, unsupported, or its signature is wrong."""
