"""Error sentences for people: protocol codes, node ids and server addresses moved out.

The node's messages are written for logs and the CLI ("…(unknown_next_peer), from our peer
02ae…", "to_self_delay 5000 is unreasonably large", "127.0.0.1:40825:t"). On screen the
sentence keeps its meaning without the codes; the original text goes to Details, where
it helps whoever debugs, and Details is left empty when it would only repeat the message.

The node's sentences are English (wallet/ never imports Qt, and the CLI and logs use the
same words), so the words put in place of its codes are English too: translating them
alone would leave a sentence in two languages. What this module says by itself ("Something
went wrong.") goes through the translation, and so does a whole sentence of the wallet's
that `ui/i18n/wallet_sentences.py` lists.
"""

from __future__ import annotations

import re

from ui.i18n.wallet_sentences import said, shown
from ui.i18n.words import translate

# BOLT field names a message may carry, as English words for the English node sentence
# (anything else snake_case is dropped)
FIELD_WORDS = {
    "to_self_delay": "the waiting time before a closed channel's funds come back",  # not-words (see above)
    "channel_reserve_satoshis": "the channel reserve",  # not-words (see above)
    "dust_limit_satoshis": "the smallest amount a channel carries",  # not-words (see above)
    "max_accepted_htlcs": "how many payments a channel carries at once",  # not-words (see above)
    "htlc_minimum_msat": "the smallest payment a channel carries",  # not-words (see above)
    "max_htlc_value_in_flight_msat": "how much a channel carries at once",  # not-words (see above)
    "feerate_per_kw": "the fee rate",  # not-words (see above)
    "funding_satoshis": "the channel size",  # not-words (see above)
    "minimum_depth": "the number of confirmations asked for",  # not-words (see above)
}

_CODE_IN_BRACKETS = re.compile(r"\s*\((?:[a-z0-9]+_)+[a-z0-9]+\)")
_WHO = re.compile(r"\b(our peer|the recipient|node|peer)\s+(?:0[23])?[0-9a-f]{8,}\b")
_HEX = re.compile(r"\b(?:0x)?[0-9a-f]{16,}\b")
_SERVER = re.compile(r"\b(?:[a-z0-9-]+\.)*[a-z0-9-]+:\d{2,5}(?::[st])?\b", re.IGNORECASE)
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_TYPE_PREFIX = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*(?:Error|Exception|Failed|Failure|"
                          r"Unavailable|Misbehaved|Refused|Expired|Error\w*)?:\s*")

WHO_WORDS = {"our peer": "our channel partner", "the recipient": "the recipient",  # not-words (see above)
             "node": "a node on the way", "peer": "a peer"}  # not-words (see above)


def _sentence(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()
    return norm(a) == norm(b)


def plain_error(message: str, detail: str = "") -> tuple[str, str]:
    """(the message as a plain sentence, the detail: the original text when it changed,
    else `detail` unless it only repeats the message)."""
    if not message:
        return "", detail
    message = said(message)  # a wallet error listed for translation: in the language shown
    text = _CODE_IN_BRACKETS.sub("", message)
    text = _WHO.sub(lambda m: WHO_WORDS[m.group(1)], text)
    for field, words in FIELD_WORDS.items():
        text = re.sub(rf"\b{field}\b(?:\s+\d+)?", words, text)
    text = _SERVER.sub("a server", text)  # not-words (see above)
    text = _HEX.sub("", text)
    text = _SNAKE.sub("", text)
    text = _sentence(text) or translate("Errors", "Something went wrong.")
    changed = not _same(text, message)
    text = shown(text)  # one of the wallet's fixed sentences: in the language shown
    extra = detail
    if extra and (_same(extra, message) or _same(_TYPE_PREFIX.sub("", extra), message)
                  or _same(extra, text)):
        extra = ""
    if changed:
        extra = message if not extra or extra in message else f"{message}\n{extra}"
    return text, extra
