"""The typed error of BIP 353 resolution: one sentence naming what went wrong."""

from __future__ import annotations

from wallet.errors import InputError


class Bip353Error(InputError):
    """A BIP 353 name is malformed, or its DNS answer cannot be trusted or used."""


class NameNotPublished(Bip353Error):
    """The name publishes no payment instructions (no such name, no TXT record, no
    `bitcoin:` URI): a plain user@domain may then be a Lightning address instead. A name
    whose answer is there but fails the DNSSEC checks is a Bip353Error, never this."""
