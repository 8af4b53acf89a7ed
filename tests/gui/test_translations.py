"""Translations: every text for people in the QML goes through qsTr, the shipped German
translation covers every one of them (lupdate finds nothing new, nothing unfinished), and
the window shows it. Screenshots in German at phone and desktop sizes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.gui.conftest import SCREENSHOTS, click, find_item, open_new_wallet, settle
from ui.i18n import translations
from ui.i18n.qml_strings import untranslated

QML = sorted((ROOT / "ui" / "qml").glob("*.qml"))
#: models whose texts go through tr()/translate() (the others are English still)
TRANSLATED_PY = [ROOT / "ui" / "models" / name
                 for name in ("fiat.py", "history_tools.py", "fee_choice.py", "backup_file.py")]
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def test_every_visible_string_in_the_qml_is_translatable():
    missing = [f"{p.name}:{line}: {text!r}" for p in QML for line, text in untranslated(p)]
    assert missing == [], "wrap these in qsTr():\n" + "\n".join(missing)


def test_the_check_finds_what_it_should(tmp_path):
    page = tmp_path / "Page.qml"
    page.write_text('Label { text: "Hello world" }\n'
                    'Label { text: qsTr("Hello world") }\n'
                    'Label { text: ok ? "Done" : qsTr("Not done") }\n'
                    'Label { visible: status === "Failed"; objectName: "Big Label" }\n'
                    'Label { text: unit === "btc" ? "BTC" : "sat"; font.family: "Noto Sans" }\n'
                    'Label { text: "+ " + x + " pending" }\n')
    assert untranslated(page) == [(1, "Hello world"), (3, "Done"), (6, " pending")]


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).iter("message"))


def test_the_german_translation_is_complete(tmp_path):
    shipped = ROOT / "resources" / "translations" / "kite_de.ts"
    copy = tmp_path / "kite_de.ts"
    shutil.copy(shipped, copy)
    done = subprocess.run([str(LUPDATE), *map(str, QML + TRANSLATED_PY), "-ts", str(copy)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    problems = []
    for m in _messages(copy):
        source, tr = m.find("source").text, m.find("translation")
        kind = tr.get("type")
        if kind in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip():
            problems.append(f"{kind or 'empty'}: {source!r}")
        elif source.count("%1") != (tr.text or "").count("%1"):
            problems.append(f"placeholder lost: {source!r}")
    assert problems == [], "update resources/translations/kite_de.ts:\n" + "\n".join(problems)
    assert len(_messages(copy)) == len(_messages(shipped))


def test_a_missing_qm_is_compiled_from_its_source(tmp_path, monkeypatch):
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(ROOT / "resources" / "translations" / "kite_de.ts", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    qm = translations.compiled("de", folder)
    assert qm is not None and qm.stat().st_size > 1000
    assert translations.compiled("xx", folder) is None
    assert "de" in translations.available_languages(folder)


@pytest.mark.parametrize("size", [(400, 800), (1200, 900)])
def test_the_window_in_german(qtbot, make_gui, monkeypatch, size):
    monkeypatch.setenv("KITE_LANG", "de")
    gui = make_gui()
    gui.window.resize(*size)
    tag = f"{size[0]}x{size[1]}"
    try:
        settle(qtbot, gui)
        assert find_item(gui, "createButton").property("text") == "Neue Wallet erstellen"
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"98-welcome-de-{tag}.png")
        open_new_wallet(qtbot, gui)
        click(qtbot, gui, "settingsButton")
        settle(qtbot, gui)
        assert find_item(gui, "showSeedButton").property("text") == "Wiederherstellungswörter zeigen…"
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"99-settings-de-{tag}.png")
    finally:
        monkeypatch.setenv("KITE_LANG", "en")
        translations.install(gui.app, "en")
