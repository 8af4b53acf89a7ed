"""The typed error of BIP 353 resolution: one sentence naming what went wrong."""

from __future__ import annotations

from wallet.errors import InputError


class Bip353Error(InputError):
    """A BIP 353 name is malformed, or its DNS answer cannot be trusted or used."""
