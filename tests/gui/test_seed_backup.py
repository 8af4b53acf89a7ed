"""Seed words and their backup through the real QML over the real facade (a real wallet
file, a node with no server): the passphrase chosen at creation is the one stored, the
words are shown again only for the password, Home reminds until the backup is checked,
"Later" waits, and the check ends the reminders for good. Screenshots at phone and
desktop sizes."""

from __future__ import annotations

import pytest

from tests.gui.conftest import (
    PASSWORD,
    SCREENSHOTS,
    click,
    find_item,
    settle,
    type_text,
)
from tests.gui.test_notes_export import reveal
from wallet.api import WalletApi
from wallet.networks import REGTEST
from wallet.storage.backup_state import REMIND_EVERY

WORDS = ("legal winner thank year wave sausage worth useful legal winner thank yellow")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setenv("KITE_INSECURE_FAST_KDF", "1")


def _unchecked_wallet(tmp_path, passphrase: str = ""):
    """A wallet made as `kite create` makes it: the words shown once, never checked."""
    folder = tmp_path / "existing"
    api = WalletApi(folder, REGTEST)
    try:
        api.create(WORDS, passphrase, PASSWORD).result(timeout=60)
    finally:
        api.shutdown()
    return folder


def _unlock(qtbot, gui) -> None:
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    settle(qtbot, gui)


def _visible(gui, name: str) -> bool:
    try:
        return find_item(gui, name).isVisible()
    except LookupError:
        return False


def test_create_with_a_passphrase_stores_it_and_needs_no_reminder(qtbot, make_gui):
    gui = make_gui()
    click(qtbot, gui, "createButton")
    click(qtbot, gui, "passphraseToggle")
    assert find_item(gui, "passphraseWarning").isVisible()
    type_text(qtbot, gui, "passphraseField", "kite string")
    type_text(qtbot, gui, "passphraseAgainField", "kite strinG")
    assert find_item(gui, "passphraseProblem").isVisible()
    assert not find_item(gui, "wordsWrittenButton").property("enabled")
    type_text(qtbot, gui, "passphraseAgainField", "kite string")
    click(qtbot, gui, "wordsWrittenButton")
    for i, p in enumerate(gui.onboarding.checkPositions):
        type_text(qtbot, gui, f"checkField{i}", gui.onboarding.words[p - 1])
    click(qtbot, gui, "checkContinueButton")
    type_text(qtbot, gui, "passwordField", PASSWORD)
    type_text(qtbot, gui, "confirmField", PASSWORD)
    click(qtbot, gui, "createWalletButton")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    api = gui.session.api
    assert api.reveal_seed(PASSWORD).result(timeout=30)["passphrase"] == "kite string"
    assert api.backup_status().result(timeout=10)["checked"]
    settle(qtbot, gui)
    assert not _visible(gui, "backupReminder")


def test_seed_words_only_after_the_password(qtbot, make_gui, tmp_path):
    gui = make_gui(wallet_dir=_unchecked_wallet(tmp_path, "extra"))
    _unlock(qtbot, gui)
    click(qtbot, gui, "settingsButton")
    reveal(qtbot, gui, "showSeedButton")
    click(qtbot, gui, "showSeedButton")
    assert gui.current_page() == "seedPage"
    assert not _visible(gui, "shownWord1")
    type_text(qtbot, gui, "seedPasswordField", "wrong password")
    click(qtbot, gui, "revealSeedButton")
    qtbot.waitUntil(lambda: gui.seed.error != "", timeout=30_000)
    assert "password" in gui.seed.error.lower() and gui.seed.words == []
    type_text(qtbot, gui, "seedPasswordField", PASSWORD)
    click(qtbot, gui, "revealSeedButton")
    qtbot.waitUntil(lambda: gui.seed.words != [], timeout=30_000)
    settle(qtbot, gui)
    assert [find_item(gui, f"shownWord{i}").property("text") for i in range(1, 13)] == WORDS.split()
    assert find_item(gui, "shownPassphrase").property("value") == "extra"
    click(qtbot, gui, "backButton")  # leaving the page forgets the words
    assert gui.seed.words == [] and gui.seed.passphrase == ""


def test_the_reminder_until_the_backup_is_checked(qtbot, make_gui, tmp_path, monkeypatch):
    folder = _unchecked_wallet(tmp_path)
    gui = make_gui(wallet_dir=folder)
    _unlock(qtbot, gui)
    qtbot.waitUntil(lambda: _visible(gui, "backupReminder"), timeout=10_000)
    click(qtbot, gui, "backupLaterButton")
    assert not _visible(gui, "backupReminder")
    status = gui.session.api.backup_status().result(timeout=10)
    assert not status["checked"] and not status["due"]  # "Later" is remembered
    # after REMIND_EVERY the reminder is due again
    import wallet.storage.backup_state as backup_state

    real_time = backup_state.time.time
    monkeypatch.setattr(backup_state.time, "time", lambda: real_time() + REMIND_EVERY + 1)
    gui.seed.refresh()
    qtbot.waitUntil(lambda: _visible(gui, "backupReminder"), timeout=10_000)
    monkeypatch.undo()

    click(qtbot, gui, "backupNowButton")
    type_text(qtbot, gui, "seedPasswordField", PASSWORD)
    click(qtbot, gui, "revealSeedButton")
    qtbot.waitUntil(lambda: gui.seed.words != [], timeout=30_000)
    click(qtbot, gui, "startCheckButton")
    positions = gui.seed.checkPositions
    for i in range(len(positions)):
        type_text(qtbot, gui, f"seedCheckField{i}", "abandon")
    click(qtbot, gui, "seedCheckButton")
    assert _visible(gui, "seedCheckError") and not gui.seed.checked
    for i, p in enumerate(positions):
        type_text(qtbot, gui, f"seedCheckField{i}", " " + WORDS.split()[p - 1].upper())
    click(qtbot, gui, "seedCheckButton")
    qtbot.waitUntil(lambda: gui.seed.checked, timeout=10_000)
    assert _visible(gui, "seedCheckDone")
    click(qtbot, gui, "seedDoneButton")
    assert gui.current_page() == "homePage"  # back where the reminder was
    assert gui.session.api.backup_status().result(timeout=10)["checked"]
    assert not _visible(gui, "backupReminder")


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_seed_screenshots(qtbot, make_gui, tmp_path, theme, size):
    gui = make_gui(theme=theme, wallet_dir=_unchecked_wallet(tmp_path, "extra"))
    gui.window.resize(*size)
    tag = f"{size[0]}x{size[1]}-{theme}"

    def shot(name: str) -> None:
        settle(qtbot, gui)
        qtbot.wait(100)
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"{name}-{tag}.png")

    _unlock(qtbot, gui)
    qtbot.waitUntil(lambda: _visible(gui, "backupReminder"), timeout=10_000)
    shot("80-home-backup-reminder")
    click(qtbot, gui, "backupNowButton")
    shot("81-seed-password")
    type_text(qtbot, gui, "seedPasswordField", PASSWORD)
    click(qtbot, gui, "revealSeedButton")
    qtbot.waitUntil(lambda: gui.seed.words != [], timeout=30_000)
    shot("82-seed-words")
    click(qtbot, gui, "startCheckButton")
    shot("83-seed-check")
    gui.session.show_page("WelcomePage.qml")
    click(qtbot, gui, "createButton")
    click(qtbot, gui, "passphraseToggle")
    type_text(qtbot, gui, "passphraseField", "kite string")
    type_text(qtbot, gui, "passphraseAgainField", "kite strin")
    shot("84-create-passphrase")
