"""Onboarding in the real window: create (with the word check) and restore, on disk."""

from __future__ import annotations

from tests.conftest import load_vector
from tests.gui.conftest import PASSWORD, click, find_item, settle, type_text
from wallet.storage import wallet_file


def _wait_home(qtbot, gui):
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    settle(qtbot, gui)


def test_create_wallet_with_word_check(qtbot, make_gui, tmp_path):
    gui = make_gui()
    assert gui.current_page() == "welcomePage"
    click(qtbot, gui, "createButton")
    assert gui.current_page() == "createWordsPage"
    sentence = find_item(gui, "seedWordsSentence").property("text")
    assert "while \"Recoverable channels\" is on" in sentence and "backup file" in sentence
    assert "only way" not in sentence  # they are not, for a channel opened with it off
    words = gui.onboarding.words
    assert len(words) == 12
    assert [find_item(gui, f"seedWord{i + 1}").property("text") for i in range(12)] == words

    click(qtbot, gui, "wordsWrittenButton")
    assert gui.current_page() == "checkWordsPage"
    positions = gui.onboarding.checkPositions
    assert len(positions) == 3 and len(set(positions)) == 3

    # One wrong word: refused with a sentence, and we stay on the page.
    wrong = [words[p - 1] for p in positions]
    wrong[1] = "zoo" if wrong[1] != "zoo" else "abandon"
    for i, word in enumerate(wrong):
        type_text(qtbot, gui, f"checkField{i}", word)
    click(qtbot, gui, "checkContinueButton")
    assert gui.current_page() == "checkWordsPage"
    error = find_item(gui, "checkError")
    assert error.isVisible() and "does not match" in error.property("message")

    # The right words (any case, stray spaces) are accepted.
    for i, p in enumerate(positions):
        type_text(qtbot, gui, f"checkField{i}", f" {words[p - 1].upper()} ")
    click(qtbot, gui, "checkContinueButton")
    assert gui.current_page() == "passwordPage"

    # Mismatched passwords are refused before anything is written.
    type_text(qtbot, gui, "passwordField", PASSWORD)
    type_text(qtbot, gui, "confirmField", PASSWORD + "x")
    click(qtbot, gui, "createWalletButton")
    assert gui.current_page() == "passwordPage"
    assert find_item(gui, "passwordProblem").isVisible()
    assert not wallet_file.wallet_exists(tmp_path / "wallet")

    type_text(qtbot, gui, "confirmField", PASSWORD)
    click(qtbot, gui, "createWalletButton")
    _wait_home(qtbot, gui)
    assert wallet_file.wallet_exists(tmp_path / "wallet")
    info = wallet_file.read_wallet_info(tmp_path / "wallet")
    assert info.network.name == "regtest"
    assert gui.onboarding.words == []  # the words are not kept once the wallet exists
    with wallet_file.open_wallet(tmp_path / "wallet", PASSWORD) as w:
        assert w.read_mnemonic() == " ".join(words)


def test_restore_wrong_word_bad_checksum_then_right(qtbot, make_gui, tmp_path):
    vector = load_vector("bip84.json")
    mnemonic = vector["mnemonic"]
    words = mnemonic.split()
    gui = make_gui()
    click(qtbot, gui, "restoreButton")
    assert gui.current_page() == "restorePage"
    error = find_item(gui, "restoreError")

    # A word being typed is not an error yet: it gets suggestions instead.
    type_text(qtbot, gui, "restoreWords", "aband")
    assert not error.isVisible()
    assert "abandon" in gui.onboarding.restoreSuggestions

    # An unknown word, once finished, is named with its position and suggestions.
    typo = " ".join(words[:2] + ["abandonn"] + words[3:]) + " "
    type_text(qtbot, gui, "restoreWords", typo)
    assert error.isVisible()
    assert "Word 3" in error.property("message") and "abandon" in error.property("message")
    assert not find_item(gui, "restoreContinueButton").property("enabled")

    # Valid words with a bad checksum.
    swapped = " ".join(words[:-1] + ["abandon"])
    type_text(qtbot, gui, "restoreWords", swapped)
    assert error.isVisible() and "not a correct seed" in error.property("message")
    assert not find_item(gui, "restoreContinueButton").property("enabled")

    # The right words, typed with completion of the last one.
    type_text(qtbot, gui, "restoreWords", " ".join(words[:-1]) + " " + words[-1][:3])
    completed = gui.onboarding.completeWord(find_item(gui, "restoreWords").property("text"),
                                            words[-1])
    type_text(qtbot, gui, "restoreWords", completed)
    assert not error.isVisible()
    assert gui.onboarding.restoreValid
    assert "valid" in find_item(gui, "restoreStatus").property("text")
    click(qtbot, gui, "restoreContinueButton")
    assert gui.current_page() == "passwordPage"
    type_text(qtbot, gui, "passwordField", PASSWORD)
    type_text(qtbot, gui, "confirmField", PASSWORD)
    click(qtbot, gui, "createWalletButton")
    _wait_home(qtbot, gui)

    # The restored wallet holds exactly the vector's words.
    assert wallet_file.read_wallet_info(tmp_path / "wallet").network.name == "regtest"
    with wallet_file.open_wallet(tmp_path / "wallet", PASSWORD) as w:
        assert w.read_mnemonic() == mnemonic
        assert w.read_passphrase() == ""


def test_restore_chip_replaces_the_word_the_error_names(qtbot, make_gui):
    words = load_vector("bip84.json")["mnemonic"].split()
    gui = make_gui()
    click(qtbot, gui, "restoreButton")
    typo = words[:]
    typo[1] = "abandn"  # word 2 is wrong; the text ends in a finished word
    type_text(qtbot, gui, "restoreWords", " ".join(typo))
    assert "Word 2" in find_item(gui, "restoreError").property("message")
    assert gui.onboarding.restoreSuggestions[0] == "abandon"
    click(qtbot, gui, "suggestionChip0")
    text = find_item(gui, "restoreWords").property("text")
    assert text.split() == words  # word 2 fixed, word 12 untouched
    assert gui.onboarding.restoreValid

    # Suggestions for a word being typed still complete that word.
    type_text(qtbot, gui, "restoreWords", " ".join(words[:-1]) + " " + words[-1][:3])
    click(qtbot, gui, "suggestionChip0")
    assert find_item(gui, "restoreWords").property("text").split()[-1].startswith(words[-1][:3])
