"""The payment instructions inside a BIP 353 TXT record set: exactly one record whose text
(its strings joined) starts with `bitcoin:`; other records are ignored. Pure code."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import unquote

from wallet.bip353.errors import Bip353Error, NameNotPublished
from wallet.sentence import Sentence

#: more than any real instruction (an offer with a few paths and an address)
MAX_URI_CHARS = 4000


def bitcoin_uri(records: Sequence[Sequence[bytes]], name: str) -> str:
    """The one `bitcoin:` URI among TXT records (each a list of strings)."""
    found = []
    for strings in records:
        raw = b"".join(strings)
        if raw[:8].lower() != b"bitcoin:":
            continue
        if len(raw) > MAX_URI_CHARS:
            raise Bip353Error(Sentence("The payment instructions of %1 are too long to be real.", name))
        try:
            found.append(raw.decode("ascii"))
        except UnicodeDecodeError:
            raise Bip353Error(Sentence("The payment instructions of %1 are not plain text.", name)) from None
    if not found:
        raise NameNotPublished(Sentence("%1 publishes no bitcoin: payment instructions.", name))
    if len(found) > 1:
        raise Bip353Error(Sentence("%1 publishes several sets of payment instructions, so Kite cannot tell which is meant.", name))
    return found[0]


def lightning_in_uri(uri: str, name: str) -> str:
    """What Kite pays of a name's URI: the whole URI when it carries an offer (`lno=`), else
    its BOLT 11 invoice (`lightning=`); a URI with only an on-chain address is refused here
    (sending on-chain is `kite send`'s job, with its fee shown)."""
    _, _, query = uri.partition("?")
    keys = {}
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        keys.setdefault(key.lower(), value)
    if "lno" in keys:
        return uri
    if keys.get("lightning"):
        return unquote(keys["lightning"])
    raise Bip353Error(Sentence("%1 gives only an on-chain address: send to it with kite send.", name))
