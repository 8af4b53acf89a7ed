"""The user's notes ("labels") on transactions and payments, in the `labels` table.

A note is the user's own words about a movement of money ("rent", "Alice's birthday"),
kept in the wallet file beside the history, shown in the history and exported with it.
One note per on-chain transaction (by txid) or Lightning payment (by payment hash); an
empty note deletes it. `check_note` refuses, with one sentence, what could not be shown
on one line: control characters, and more than `MAX_NOTE_LENGTH` characters.
"""

from __future__ import annotations

import time
import unicodedata

from wallet.errors import InputError
from wallet.sentence import Sentence
from wallet.storage.database import Database

MAX_NOTE_LENGTH = 500
KINDS = ("tx", "payment")


def check_note(text: object) -> str:
    """The note as stored (surrounding spaces removed), or InputError saying what is wrong."""
    if not isinstance(text, str):
        raise InputError("a note must be text")
    if len(text) > 4 * MAX_NOTE_LENGTH:  # refused before any scan of a flood
        raise InputError(Sentence("a note is at most %1 characters long", MAX_NOTE_LENGTH))
    text = text.strip()
    if len(text) > MAX_NOTE_LENGTH:
        raise InputError(Sentence("a note is at most %1 characters long (this one has %2)", MAX_NOTE_LENGTH, len(text)))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        raise InputError("a note is one line of text: no line breaks or control characters")
    return text


def check_ref(ref: object) -> str:
    """A txid or payment hash: 64 hexadecimal characters, lowercased."""
    if not isinstance(ref, str) or len(ref) != 64:
        raise InputError("a transaction id or payment hash is 64 hexadecimal characters")
    try:
        bytes.fromhex(ref)
    except ValueError:
        raise InputError("a transaction id or payment hash is 64 hexadecimal characters") from None
    return ref.lower()


class LabelStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def set(self, kind: str, ref: str, text: str) -> str:
        """Store (or, for an empty text, delete) the note on `ref`; the note as stored."""
        if kind not in KINDS:
            raise ValueError(Sentence("unknown label kind %1", repr(kind)))
        ref, text = check_ref(ref), check_note(text)
        with self.db.transaction():
            if text:
                self.db.execute(
                    "INSERT OR REPLACE INTO labels (ref, kind, text, updated_at) "
                    "VALUES (?, ?, ?, ?)", (ref, kind, text, int(time.time())))
            else:
                self.db.execute("DELETE FROM labels WHERE kind = ? AND ref = ?", (kind, ref))
        return text

    def all(self, kind: str) -> dict[str, str]:
        """{txid or payment hash: note} of one kind."""
        return dict(self.db.query("SELECT ref, text FROM labels WHERE kind = ?", (kind,)))
