"""The typed error of BIP 353 resolution: one sentence naming what went wrong."""

from __future__ import annotations

from wallet.errors import InputError


class Bip353Error(InputError):
    """A BIP 353 name is malformed, or its DNS answer cannot be trusted or used."""


class NoInstructions(Bip353Error):
    """No payment instructions came back for the name: it publishes none, or DNS never
    answered about it. A plain user@domain may then be a Lightning address instead. A name
    whose answer is there but fails the DNSSEC checks is a Bip353Error, never this."""


class NameNotPublished(NoInstructions):
    """The name publishes no payment instructions (no such name, no TXT record, no
    `bitcoin:` URI)."""


class NameUnanswered(NoInstructions):
    """DNS gave no answer about the name itself: the resolver timed out, could not be
    reached, or failed (SERVFAIL). Once the name's answer is in, a failure to fetch its
    proof is a plain Bip353Error (something was published that could not be checked)."""
