"""Typed errors of the Lightning wire layer (BOLT 1 codec, TLV, BOLT 8 transport).

Everything a peer sends us is untrusted: every decoder below `wallet.ln.wire` (and the
transport) raises a subclass of `WireError`, never a bare ValueError or IndexError, so a bad
message can close the connection or fail the channel it touched and nothing else.
"""

from __future__ import annotations

from wallet.errors import InputError
from wallet.sentence import Sentence


class WireError(InputError):
    """Bytes from the wire (or values meant for it) are malformed."""


class TlvError(WireError):
    """A TLV stream or record breaks a BOLT 1 rule (order, length, unknown even type...)."""


class UnknownMessageError(WireError):
    """A message of an unknown *even* type: the peer requires something we don't speak."""

    def __init__(self, message_type: int) -> None:
        super().__init__(Sentence("unknown even message type %1", message_type))
        self.message_type = message_type


class TransportError(WireError):
    """The BOLT 8 handshake or an encrypted message failed; the connection must be closed."""
