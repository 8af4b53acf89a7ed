"""Error sentences a window can translate: `wallet/sentence.py` (English text + template and
values, across the daemon's socket too), and the check that every error raised on the
window's paths says a fixed text or a Sentence, all of them listed for lupdate."""

from __future__ import annotations

import asyncio
import json
import pickle
import re
import tempfile
from pathlib import Path

import pytest

from ui.i18n import error_sources
from wallet.daemon import rpc
from wallet.errors import InputError, KiteError
from wallet.sentence import MAX_DEPTH, MAX_VALUES, Sentence, fill, sentence_of


def test_a_sentence_is_its_english_text_and_keeps_template_and_values():
    s = Sentence("amount %1 is below the minimum %2", 5, "10 sat")
    assert s == "amount 5 is below the minimum 10 sat" and isinstance(s, str)
    assert (s.template, s.values) == ("amount %1 is below the minimum %2", ("5", "10 sat"))
    error = InputError(s)
    assert str(error) == s and sentence_of(error) is s
    assert sentence_of(InputError(str(error))) == s  # str(e) passes the Sentence along
    assert isinstance(str(error), Sentence)
    assert pickle.loads(pickle.dumps(s)).template == s.template


def test_an_error_inside_a_sentence_stays_a_sentence():
    inner = InputError(Sentence("no wallet at %1", "/tmp/w"))
    outer = Sentence("cannot read %1: %2", "f.bin", inner)
    assert outer == "cannot read f.bin: no wallet at /tmp/w"
    assert isinstance(outer.values[1], Sentence) and outer.values[1].template == "no wallet at %1"
    assert Sentence("%1", "x").values == ("x",)


def test_fill_is_one_pass():
    assert fill("%1 and %2", ["%2", "b"]) == "%2 and b"
    assert fill("%1 of %10", ["a"]) == "a of %10"  # no value 10: left as written
    assert fill("100% sure", []) == "100% sure"


def test_json_round_trip_and_caps():
    s = Sentence("cannot read %1: %2", "f", Sentence("no wallet at %1", "/w"))
    back = Sentence.from_json(json.loads(json.dumps(s.to_json())))
    assert back == s and back.values[1].template == "no wallet at %1"
    assert Sentence.from_json(None) is None
    assert Sentence.from_json({"template": 5, "values": []}) is None
    assert Sentence.from_json({"template": "x"}) is None
    assert Sentence.from_json({"template": "x" * 1001, "values": []}) is None
    assert Sentence.from_json({"template": "%1", "values": ["v"] * (MAX_VALUES + 1)}) is None
    assert Sentence.from_json({"template": "%1", "values": [5]}) is None
    assert Sentence.from_json({"template": "%1", "values": ["x" * 2001]}) is None
    deep: dict = {"template": "x", "values": []}
    for _ in range(MAX_DEPTH + 1):
        deep = {"template": "%1", "values": [deep]}
    assert Sentence.from_json(deep) is None


def test_the_daemons_error_reply_carries_the_sentence():
    """An attached window gets the template and values over the daemon's socket."""
    async def fails(**_):
        raise InputError(Sentence("the description is over %1 characters", 639))

    async def plain(**_):
        raise KiteError("the wallet is not open")

    async def run():
        with tempfile.TemporaryDirectory(dir="/tmp") as folder:
            server = rpc.RpcServer(Path(folder) / "s", {"fails": fails, "plain": plain})
            await server.start()
            try:
                with pytest.raises(rpc.DaemonInputError) as first:
                    await rpc.request_async(server.path, "fails", {})
                with pytest.raises(rpc.DaemonError) as second:
                    await rpc.request_async(server.path, "plain", {})
            finally:
                await server.close()
        return first.value, second.value

    first, second = asyncio.run(run())
    assert str(first) == "the description is over 639 characters"
    assert sentence_of(first).template == "the description is over %1 characters"
    assert sentence_of(first).values == ("639",)
    assert str(second) == "the wallet is not open" and sentence_of(second) is None


def test_a_reply_whose_sentence_does_not_say_its_message_is_read_as_the_message():
    lying = {"id": 1, "error": {"code": 1, "message": "something else",
                                "sentence": {"template": "the wallet is %1", "values": ["ok"]}}}
    with pytest.raises(rpc.DaemonError) as e:
        rpc._result(json.dumps(lying).encode())
    assert str(e.value) == "something else" and sentence_of(e.value) is None
    broken = {"id": 1, "error": {"code": 2, "message": "x", "sentence": {"template": []}}}
    with pytest.raises(rpc.DaemonInputError) as e:
        rpc._result(json.dumps(broken).encode())
    assert str(e.value) == "x" and sentence_of(e.value) is None


def test_every_error_on_the_windows_paths_is_translatable():
    glued = [f"{p.relative_to(error_sources.ROOT)}:{line}: {text}"
             for p in error_sources.gui_paths() for line, text in error_sources.untranslatable(p)]
    assert glued == [], ("raise these as Sentence(\"... %1 ...\", value) from wallet.sentence, "
                         "then run `python -m ui.i18n.error_sources`:\n" + "\n".join(glued))


def test_no_sentence_on_the_windows_paths_gets_an_english_word_as_a_value():
    """A value is a number, a name or a sentence of its own: "no channel %1 %2" with
    "matches" would leave that word English in a German sentence."""
    given = [f"{p.relative_to(error_sources.ROOT)}:{line}: {text}"
             for p in error_sources.gui_paths()
             for line, text in error_sources.english_values(p) + error_sources.words_passed_in(p)]
    assert given == [], ("say each case as its own template (template(\"...\") from "
                         "wallet.sentence when a caller chooses it):\n" + "\n".join(given))


def test_the_word_checks_find_what_they_should(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        'from wallet.sentence import Sentence, template\n'
        'def f(x, found):\n'
        '    raise ValueError(Sentence("no channel %1 %2", "matches" if found else "x", x))\n'
        'def g(x):\n'
        '    raise ValueError(Sentence("%1 at %2", format(x, ","), ", ".join(["ab", "cd"])))\n'
        'def h(value, what):\n'
        '    raise ValueError(Sentence("%1 must be positive", what))\n'
        'def k(value, said):\n'
        '    raise ValueError(Sentence(said, value))\n'
        'h(1, "the amount")\n'
        'h(2, "server.version")\n'
        'h(3, Sentence("the amount of %1", 5))\n'
        'k(4, template("the amount %1 is not whole"))\n')
    assert [line for line, _ in error_sources.english_values(module)] == [3]
    assert [line for line, _ in error_sources.words_passed_in(module)] == [10]
    assert "the amount %1 is not whole" in error_sources.templates([module])


def test_the_listed_wallet_sentences_are_current():
    """ui/i18n/wallet_sentences.py lists every template (lupdate reads it from there)."""
    text = error_sources.SENTENCES_FILE.read_text(encoding="utf-8")
    expected = error_sources.block(error_sources.templates(error_sources.gui_paths()))
    assert error_sources.current_block(text) == expected, (
        "run `python -m ui.i18n.error_sources`, then lupdate and translate")


def test_no_template_has_a_placeholder_glued_to_a_digit():
    templates = error_sources.templates(error_sources.gui_paths())
    assert len(templates) > 300
    assert [t for t in templates if re.search(r"%\d\d", t)] == []


def test_the_check_finds_what_it_should(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        'from wallet.sentence import Sentence\n'
        'def f(x, e):\n'
        '    if x == 1:\n'
        '        raise ValueError(f"bad {x}")\n'
        '    if x == 2:\n'
        '        raise ValueError("fixed text")\n'
        '    if x == 3:\n'
        '        raise ValueError(Sentence("bad %1", x))\n'
        '    if x == 4:\n'
        '        raise ValueError("bad " + str(x))\n'
        '    if x == 5:\n'
        '        raise ValueError("bad {}".format(x))\n'
        '    if x == 6:\n'
        '        raise ValueError("bad %s" % x)\n'
        '    if x == 7:\n'
        '        raise ValueError(str(e)) from e\n'
        '    if x == 8:\n'
        '        raise ValueError(f"bad {x}" if e else "either")\n'
        '    late = KeyError(f"made {x} to raise later")\n'
        '    raise ValueError(f"no values" if e else "or this")\n'
        'GONE = "The node went away."\n'
        'def g(emit):\n'
        '    emit("error", {"message": "A server lied.", "detail": "x"})\n'
        '    emit("error", {"message": GONE})\n')
    assert [line for line, _ in error_sources.untranslatable(module)] == [4, 10, 12, 14, 18, 19]
    assert sorted(error_sources.templates([module])) == [
        "A server lied.", "The node went away.", "bad %1", "either", "fixed text", "no values",
        "or this"]
