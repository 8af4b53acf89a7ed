"""The user's notes: one line, capped, refused with a sentence, deleted by an empty text."""

from __future__ import annotations

import pytest

from wallet.errors import InputError
from wallet.storage.database import Database
from wallet.storage.label_store import MAX_NOTE_LENGTH, LabelStore, check_note, check_ref
from wallet.storage.migrations import MIGRATIONS

TXID = "ab" * 32


@pytest.fixture
def store(tmp_path):
    db = Database(tmp_path / "w.sqlite")
    db.migrate(MIGRATIONS)
    yield LabelStore(db)
    db.close()


def test_set_replace_and_delete(store):
    assert store.set("tx", TXID.upper(), "  rent for May  ") == "rent for May"
    assert store.all("tx") == {TXID: "rent for May"}
    assert store.all("payment") == {}
    store.set("tx", TXID, "rent for June")
    assert store.all("tx") == {TXID: "rent for June"}
    store.set("payment", TXID, "coffee")  # the same hex under the other kind is separate
    assert store.set("tx", TXID, "   ") == ""
    assert store.all("tx") == {} and store.all("payment") == {TXID: "coffee"}


def test_notes_survive_reopening(tmp_path):
    with Database(tmp_path / "w.sqlite") as db:
        db.migrate(MIGRATIONS)
        LabelStore(db).set("payment", TXID, "naïve café €5 🎁")
    with Database(tmp_path / "w.sqlite") as db:
        db.migrate(MIGRATIONS)
        assert LabelStore(db).all("payment") == {TXID: "naïve café €5 🎁"}


@pytest.mark.parametrize("text, words", [
    ("a\nb", "one line"), ("a\rb", "one line"), ("a\x00b", "control"), ("a\u202eb", "control"),
    ("a\u2028b", "one line"), ("x" * (MAX_NOTE_LENGTH + 1), "at most 500"),
    ("x" * 10_000_000, "at most 500"), (42, "must be text"), (None, "must be text"),
])
def test_bad_notes_are_refused_with_a_sentence(store, text, words):
    with pytest.raises(InputError, match=words):
        check_note(text)
    with pytest.raises(InputError):
        store.set("tx", TXID, text)
    assert store.all("tx") == {}


@pytest.mark.parametrize("ref", ["ab" * 31, "ab" * 33, "zz" * 32, "", None, 7, "ab" * 31 + "g1"])
def test_bad_refs_are_refused(store, ref):
    with pytest.raises(InputError, match="64 hexadecimal"):
        check_ref(ref)
    with pytest.raises(InputError):
        store.set("tx", ref, "x")


def test_the_longest_note_fits(store):
    note = "é" * MAX_NOTE_LENGTH
    assert store.set("tx", TXID, note) == note
