"""The common error of the BOLT 3 transaction code, so callers can catch one class.

Each module raises its own subclass (`ChannelKeyError`, `ShachainError`, `SignatureError`,
`CommitmentError`); the channel state machine can catch `ChannelTxError` for all of them.
"""

from __future__ import annotations

from wallet.errors import InputError


class ChannelTxError(InputError):
    """A key, secret, signature or commitment description given to BOLT 3 code is bad."""
