"""The language setting on Settings: system default, English, or the shipped German; kept
in the settings file; shown at the next start, with a sentence saying so. The Settings page
fits a 400 px wide window in both languages (nothing sticks out on the right).
Screenshots at phone and desktop sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtQuick import QQuickItem

from tests.gui.conftest import (
    SCREENSHOTS,
    click,
    find_item,
    open_new_wallet,
    scroll_into_view,
    settle,
)
from ui.i18n import translations

SIZES = [(400, 800), (1200, 900)]


def _sticking_out(gui) -> list[str]:
    """Visible items of the Settings page whose right edge is past the window's."""
    page = find_item(gui, "settingsPage")
    limit = gui.window.width() + 0.5
    out, pending = [], [page]
    while pending:
        item = pending.pop()
        if not item.isVisible() or item.opacity() == 0:
            continue
        if item.metaObject().className().startswith("RoundedElevationEffect"):
            continue  # a Material button's shadow: drawn past its control by design
        right = item.mapToScene(QPointF(item.width(), 0)).x()
        if right > limit and item.width() > 0:
            chain, up = [], item.parentItem()
            while up is not None and len(chain) < 4:  # name where it sits, to find it
                chain.append(up.objectName() or str(up.property("text") or "")
                             or up.metaObject().className())
                up = up.parentItem()
            out.append(f"{item.metaObject().className()} {item.objectName()!r} "
                       f"{item.property('text')!r} ends at {right:.0f} (in {' < '.join(chain)})")
        pending.extend(c for c in item.childItems() if isinstance(c, QQuickItem))
    return out


def _shoot_fee_row(qtbot, gui, name):
    """The Lightning fee row (it used to push the page past 400 px), scrolled into view."""
    scroll_into_view(qtbot, gui, find_item(gui, "maxFeeFloorField"))
    settle(qtbot, gui)
    assert gui.screenshot(SCREENSHOTS / "issue17" / name)


def _settings_page(qtbot, gui, size):
    gui.window.resize(*size)
    click(qtbot, gui, "settingsButton")
    settle(qtbot, gui)


@pytest.fixture
def no_lang_env(monkeypatch):
    """$KITE_LANG unset (it would win over the setting); English again afterwards."""
    monkeypatch.delenv("KITE_LANG", raising=False)
    yield
    monkeypatch.setenv("KITE_LANG", "en")


@pytest.mark.parametrize("size", SIZES)
def test_choosing_a_language_is_kept_and_shown_at_the_next_start(
        qtbot, make_gui, tmp_path, no_lang_env, size):
    tag = f"{size[0]}x{size[1]}"
    gui = make_gui()
    try:
        open_new_wallet(qtbot, gui)
        _settings_page(qtbot, gui, size)
        shown = translations.shown_language(translations.SYSTEM)
        names = [name for _code, name in gui.settings.languages]
        assert [code for code, _n in gui.settings.languages] == ["system", "en", "de"]
        assert names[1:] == ["English", "Deutsch"]  # each in its own words
        click(qtbot, gui, "language_en")
        assert gui.settings.language == "en"
        assert (find_item(gui, "languageNote").property("text") == "") == (shown == "en")
        click(qtbot, gui, "language_de")
        note = find_item(gui, "languageNote")
        assert note.isVisible() and note.property("text") == (
            "Kite shows the new language when it next starts.")
        stored = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
        assert stored.value("display/language") == "de"
        qtbot.wait(300)  # the radio buttons' animation
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"96-language-choice-{tag}.png")
        assert _sticking_out(gui) == [], "\n".join(_sticking_out(gui))
        _shoot_fee_row(qtbot, gui, f"95-settings-fee-row-en-{tag}.png")
        # a wrong value in the file is read as "follow the system"
        gui.settings.language = "xx"
        assert gui.settings.language == "de"
    finally:
        gui.close()

    # the next start (same settings file, a fresh wallet folder): German, and no note
    again = make_gui(wallet_dir=tmp_path / "second")
    try:
        assert find_item(again, "createButton").property("text") == "Neue Wallet erstellen"
        assert again.settings.language == "de" and again.settings.languageNote == ""
        open_new_wallet(qtbot, again)
        _settings_page(qtbot, again, size)
        assert find_item(again, "showSeedButton").property("text") == (
            "Wiederherstellungswörter zeigen…")
        # the view-models' texts too, not only the QML's
        assert again.wallet.syncText.startswith("Nicht verbunden")
        scroll_into_view(qtbot, again, find_item(again, "backupImportButton"))
        settle(qtbot, again)
        assert again.screenshot(SCREENSHOTS / "issue17" / f"98b-settings-backup-de-{tag}.png")
        assert _sticking_out(again) == [], "\n".join(_sticking_out(again))
        _shoot_fee_row(qtbot, again, f"95-settings-fee-row-de-{tag}.png")
        click(qtbot, again, "language_de")  # scrolls the section into view
        qtbot.wait(300)
        assert again.screenshot(SCREENSHOTS / "issue17" / f"97-settings-language-de-{tag}.png")
    finally:
        translations.install(again.app, "en")


def test_kite_lang_wins_and_the_page_says_so(qtbot, make_gui):
    gui = make_gui()  # the tests run with KITE_LANG=en
    open_new_wallet(qtbot, gui)
    click(qtbot, gui, "settingsButton")
    click(qtbot, gui, "language_de")
    assert find_item(gui, "languageNote").property("text") == (
        "The KITE_LANG environment variable chooses the language while it is set.")
