"""The user's server list: what a person types is checked with one sentence, and kept."""

from __future__ import annotations

import pytest

from wallet.chain.electrum_client import ServerAddress
from wallet.chain.server_choice import (
    CHOICE_NAME,
    MAX_ADDED,
    BadServerEntry,
    ServerChoice,
    load_choice,
    parse_fingerprint,
    parse_server_text,
    save_choice,
    with_added,
    with_chosen,
    with_removed,
)

KNOWN = [ServerAddress("electrum.example.org", 50002, True)]
PIN = "ab" * 32


@pytest.mark.parametrize("text, words", [
    ("", "Type a server as HOST:PORT"),
    ("electrum.example.org", "Write the server as HOST:PORT"),
    ("a:b:c:d", "Write the server as HOST:PORT"),
    ("ex ample.org:50002", "is not a host name"),
    ("-bad.org:50002", "is not a host name"),
    ("a" * 64 + ".org:50002", "is not a host name"),
    ("host.org:0", "The port must be a number from 1 to 65535"),
    ("host.org:65536", "The port must be a number from 1 to 65535"),
    ("host.org:5000x", "The port must be a number from 1 to 65535"),
    ("host.org:-1", "The port must be a number from 1 to 65535"),
    ("host.org:50002:x", "add :s for TLS or :t for plain TCP"),
    ("h" * 400 + ":1", "at most 300 characters"),
])
def test_bad_server_text_gets_one_sentence(text, words):
    with pytest.raises(BadServerEntry) as e:
        parse_server_text(text)
    message = str(e.value)
    assert words in message
    assert message.endswith(".") and message.count(". ") == 0  # one sentence


def test_good_server_text():
    assert parse_server_text(" node.example.org:50002 ") == ServerAddress("node.example.org", 50002, True)
    assert parse_server_text("192.0.2.7:50001:t") == ServerAddress("192.0.2.7", 50001, False)


@pytest.mark.parametrize("text, server, words", [
    ("ab" * 31, "h.org:1:s", "64 hexadecimal characters"),
    ("zz" * 32, "h.org:1:s", "64 hexadecimal characters"),
    (PIN, "h.org:1:t", "only applies to a TLS server"),
    ("a" * 400, "h.org:1:s", "at most 300 characters"),
])
def test_bad_fingerprint_gets_one_sentence(text, server, words):
    with pytest.raises(BadServerEntry, match=words):
        parse_fingerprint(text, parse_server_text(server))


def test_fingerprint_with_colons_and_capitals():
    colons = ":".join(PIN.upper()[i:i + 2] for i in range(0, 64, 2))
    assert parse_fingerprint(colons, parse_server_text("h.org:1")) == PIN
    assert parse_fingerprint("  ", parse_server_text("h.org:1")) is None


def test_add_remove_choose_and_their_refusals(tmp_path):
    choice, server, pin = with_added(ServerChoice(), KNOWN, "mine.example.net:50002", PIN)
    assert server == ServerAddress("mine.example.net", 50002, True) and pin == PIN
    assert choice.added == ("mine.example.net:50002:s",)
    known = KNOWN + [server]
    with pytest.raises(BadServerEntry, match="already in the list"):
        with_added(choice, known, "mine.example.net:50002:s")
    with pytest.raises(BadServerEntry, match="already in the list"):
        with_added(choice, known, "electrum.example.org:50002:t")  # same host and port
    with pytest.raises(BadServerEntry, match="Only servers you added"):
        with_removed(choice, "electrum.example.org:50002")
    with pytest.raises(BadServerEntry, match="not in the list"):
        with_chosen(choice, known, "other.example.org:50002")
    chosen = with_chosen(choice, known, "mine.example.net:50002")
    assert chosen.chosen == "mine.example.net:50002:s"
    assert with_chosen(chosen, known, "").chosen is None
    removed = with_removed(chosen, "mine.example.net:50002:s")
    assert removed == ServerChoice()  # removing the chosen one goes back to automatic
    full = ServerChoice(tuple(f"h{i}.org:1:s" for i in range(MAX_ADDED)))
    with pytest.raises(BadServerEntry, match=f"At most {MAX_ADDED}"):
        with_added(full, [], "one-more.org:1")


def test_choice_is_kept_and_a_bad_file_is_no_choice(tmp_path):
    choice = ServerChoice(("a.example.org:50002:s", "192.0.2.1:50001:t"), "192.0.2.1:50001:t")
    save_choice(tmp_path, choice)
    assert load_choice(tmp_path) == choice
    (tmp_path / CHOICE_NAME).write_text('{"added": ["bad host:1"], "chosen": null}')
    assert load_choice(tmp_path) == ServerChoice()
    (tmp_path / CHOICE_NAME).write_text("not json")
    assert load_choice(tmp_path) == ServerChoice()
    (tmp_path / CHOICE_NAME).write_bytes(b"[" * 100_000)  # oversized
    assert load_choice(tmp_path) == ServerChoice()
