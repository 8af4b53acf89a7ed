"""The channel machine's errors: a peer that broke a BOLT 2 rule (the channel is failed) and
a command that cannot be carried out now (nothing changes)."""

from __future__ import annotations

from typing import Any

from wallet.errors import InputError
from wallet.ln.wire import messages as m


class ChannelProtocolError(InputError):
    """The peer broke a BOLT 2 rule: the channel must be failed (an `error` is sent)."""


class ChannelCommandError(InputError):
    """A command cannot be carried out in the channel's current state (nothing changed)."""


def require(condition: bool, message: str) -> None:
    """Raise `ChannelProtocolError(message)` unless `condition` holds."""
    if not condition:
        raise ChannelProtocolError(message)


def unexpected(state: Any, event: Any) -> InputError:
    name = getattr(event, "NAME", type(event).__name__)
    what = f"unexpected {name} in state {type(state).__name__}"
    if isinstance(event, m.Message):
        return ChannelProtocolError(what)
    return ChannelCommandError(what)
