"""The channel manager's errors, in a module of their own so that the shell's other parts
(the JIT forwarder) can tell an open the peer refused from one it interrupted without
importing the manager (only the composition root wires it)."""

from __future__ import annotations

from wallet.errors import KiteError


class ChannelManagerError(KiteError):
    """A channel operation could not be carried out; the message says why."""


class OpenInterrupted(ChannelManagerError):
    """The peer went away (or stalled) before the channel was funded: nothing was refused,
    an open may be tried again once it is back."""


class OpenRefused(ChannelManagerError):
    """The open ended for good: the peer answered it with an error, or it could not be
    funded."""
