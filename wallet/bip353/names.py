"""BIP 353 names: `₿user@domain` (the ₿ is optional when typed) and the DNS name that holds
its payment instructions, `user.user._bitcoin-payment.domain.`. Pure code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wallet.bip353.errors import Bip353Error

MAX_DNS_NAME = 253
_USER = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


@dataclass(frozen=True)
class Bip353Name:
    user: str
    domain: str

    @property
    def dns_name(self) -> str:
        return f"{self.user}.user._bitcoin-payment.{self.domain}."

    def __str__(self) -> str:
        return f"₿{self.user}@{self.domain}"


def parse_bip353_name(text: str) -> Bip353Name:
    """Read `₿user@domain` (lower-cased; DNS names ignore case). One sentence if malformed."""
    body = text.strip().removeprefix("₿")
    user, sep, domain = body.rpartition("@")
    domain = domain.rstrip(".").lower()
    user = user.lower()
    if not sep or not user or not domain:
        raise Bip353Error("A BIP 353 name looks like ₿name@domain.")
    if not _USER.fullmatch(user) or any(len(label) > 63 for label in user.split(".")):
        raise Bip353Error("The part of this BIP 353 name before the @ has characters a name "
                          "cannot have (only letters, digits, '-', '_' and '.').")
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        raise Bip353Error("This BIP 353 name has no valid domain after the @.")
    name = Bip353Name(user, domain)
    if len(name.dns_name) > MAX_DNS_NAME:
        raise Bip353Error("This BIP 353 name is too long for DNS.")
    return name
