"""Translations: every text for people in the QML goes through qsTr, and every one the
Python view-models make goes through translate(); the shipped German translation covers
every one of them (lupdate finds nothing new, nothing unfinished), and the window shows
it. Screenshots in German at phone and desktop sizes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.gui.conftest import SCREENSHOTS, click, find_item, open_new_wallet, settle
from ui import demo_app
from ui.i18n import translations, wallet_sentences
from ui.i18n.py_strings import untranslated_py
from ui.i18n.qml_strings import untranslated
from ui.models.demo import SETUP_STEPS
from wallet.chain import node as chain_node
from wallet.daemon import recovery_setting
from wallet.devnet import demo_wallet

QML = sorted((ROOT / "ui" / "qml").glob("*.qml"))
#: the view-models: every text they make for people goes through translate()/tr()
TRANSLATED_PY = [*sorted((ROOT / "ui" / "models").glob("*.py")),
                 ROOT / "ui" / "i18n" / "wallet_sentences.py"]
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def test_every_visible_string_in_the_qml_is_translatable():
    missing = [f"{p.name}:{line}: {text!r}" for p in QML for line, text in untranslated(p)]
    assert missing == [], "wrap these in qsTr():\n" + "\n".join(missing)


def test_every_visible_string_made_in_python_is_translatable():
    missing = [f"{p.name}:{line}: {text!r}" for p in TRANSLATED_PY
               for line, text in untranslated_py(p)]
    assert missing == [], ('wrap these in translate("Context", ...) from ui.i18n.words '
                           "(or mark a line that is not for people `# not-words: why`):\n"
                           + "\n".join(missing))


def test_the_wallet_sentences_shown_are_the_wallets():
    """Each wallet sentence the window translates is, word for word, the wallet's own."""
    assert wallet_sentences.SOURCES == (recovery_setting.COST, recovery_setting.ON_MEANS,
                                        recovery_setting.OFF_MEANS,
                                        recovery_setting.SEED_WORDS_RESTORE,
                                        chain_node.NO_SERVER_MESSAGE)
    assert wallet_sentences.shown("not one of them") == "not one of them"


def test_the_demo_steps_shown_are_the_ones_said():
    said = "\n".join(Path(demo_app.__file__).read_text(encoding="utf-8").splitlines()
                     + Path(demo_wallet.__file__).read_text(encoding="utf-8").splitlines())
    assert all(f'"{step}"' in said for step in SETUP_STEPS)


def test_the_python_check_finds_what_it_should(tmp_path):
    model = tmp_path / "model.py"
    model.write_text(
        '"""A docstring is not shown."""\n'
        'from ui.i18n.words import QT_TRANSLATE_NOOP, fill, translate\n'
        'WORDS = {"paid": QT_TRANSLATE_NOOP("M", "Complete"), "Big Key": 1}\n'
        'def text(n, status, log):\n'
        '    log.warning("Not for people %s", n)\n'
        '    if status == "Failed" or "Errno 111" in status:\n'
        '        return "Not sent"\n'
        '    a = fill(translate("M", "Paid %1"), n) + f"Paid {n} sat"\n'
        '    b = f"{n} sat" + " BTC" + "file:" + "SendPage.qml"\n'
        '    c = "Needle text"  # not-words: matched, never shown\n'
        '    return a + b + c + fill(translate("M", "%1 or %2"), n, " or more")\n')
    assert untranslated_py(model) == [(7, "Not sent"), (8, "Paid "), (11, " or more")]


def test_the_check_finds_what_it_should(tmp_path):
    page = tmp_path / "Page.qml"
    page.write_text('Label { text: "Hello world" }\n'
                    'Label { text: qsTr("Hello world") }\n'
                    'Label { text: ok ? "Done" : qsTr("Not done") }\n'
                    'Label { visible: status === "Failed"; objectName: "Big Label" }\n'
                    'Label { text: unit === "btc" ? "BTC" : "sat"; font.family: "Noto Sans" }\n'
                    'Label { text: "+ " + x + " pending" }\n'
                    'Label { visible: t === qsTranslate("Channels", "Channel opening") }\n')
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
        # texts made in Python, not only the QML's: the connection line on Home
        assert gui.wallet.syncText == "Nicht verbunden · versucht, einen Server zu erreichen"
        # and a fixed sentence of the wallet's, through plain_errors
        qtbot.waitUntil(lambda: gui.session.error.startswith("Kite erreicht"), timeout=10_000)
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"98-home-de-{tag}.png")
        click(qtbot, gui, "settingsButton")
        settle(qtbot, gui)
        assert find_item(gui, "showSeedButton").property("text") == "Wiederherstellungswörter zeigen…"
        assert gui.screenshot(SCREENSHOTS / "issue17" / f"99-settings-de-{tag}.png")
    finally:
        monkeypatch.setenv("KITE_LANG", "en")
        translations.install(gui.app, "en")


def test_the_nodes_error_sentences_are_shown_in_german(qapp):
    """A wallet error raised as a Sentence (wallet/sentence.py) is translated whole, its
    values filled in, a wrapped one too; a fixed one by its text; the same after the
    daemon's socket (an attached window); the history's channel labels too."""
    from ui.models.bridge import error_text
    from ui.models.history import HistoryModel
    from wallet.daemon import rpc
    from wallet.errors import InputError, KiteError
    from wallet.sentence import Sentence

    assert translations.install(qapp, "de") == "de"
    try:
        sent = InputError(Sentence("not enough funds: %1 sat plus fees needed, %2 sat spendable",
                                   1500, 700))
        assert error_text(sent)[0] == ("Nicht genug Guthaben: 1500 sat plus Gebühren nötig, "
                                       "700 sat verfügbar.")
        wrapped = KiteError(Sentence("the channel could not be opened: %1",
                                     InputError(Sentence("amount %1 sat is below the dust limit",
                                                         200))))
        assert error_text(wrapped)[0] == ("Der Kanal konnte nicht geöffnet werden: der Betrag "
                                          "von 200 sat liegt unter der Staubgrenze.")
        assert error_text(KiteError("this invoice has expired"))[0] == "Diese Rechnung ist abgelaufen."
        # plain English text (a failure reason read back from the payment log, an old
        # daemon's reply): matched against the templates, values and nested ones kept
        from ui.i18n.wallet_sentences import said
        assert said("the channel could not be opened: amount 200 sat is below the dust "
                    "limit") == ("der Kanal konnte nicht geöffnet werden: der Betrag von "
                                 "200 sat liegt unter der Staubgrenze")
        assert said("this invoice is for testnet, not regtest") == (
            "diese Rechnung ist für testnet, nicht für regtest")
        assert said("Something only a peer says: 42") == "Something only a peer says: 42"
        assert said("x: y") == "x: y"  # "%1: %2" has too few fixed words to be guessed
        # a node event's error (in-process or from the daemon's event log): by its text
        from ui.models.plain_errors import plain_error
        assert plain_error("A server sent false data and was dropped.")[0] == (
            "Ein Server hat falsche Daten geschickt und wurde verworfen.")
        reply = {"id": 1, "error": {"code": 2, "message": str(sent), "sentence": sent.args[0].to_json()}}
        with pytest.raises(rpc.DaemonInputError) as attached:
            rpc._result(json.dumps(reply).encode())
        assert error_text(attached.value)[0] == error_text(sent)[0]
        # English stays English where there is no translation: the CLI's words
        assert str(sent) == "not enough funds: 1500 sat plus fees needed, 700 sat spendable"
        history = HistoryModel()
        history.set_items([{"kind": "onchain", "txid": "aa" * 32, "height": 5, "timestamp": 1,
                            "delta_sat": -1000, "label": "Channel opened"}])
        row = history.get(0)
        assert (row["label"], row["labelText"]) == ("Channel opened", "Kanal geöffnet")
    finally:
        translations.install(qapp, "en")
    assert error_text(sent)[0] == "Not enough funds: 1500 sat plus fees needed, 700 sat spendable."


def test_a_wallet_error_on_send_in_german(qtbot, make_gui, monkeypatch):
    """A wallet sentence with values (wallet/payment_request.py: the address's network and
    the wallet's) shown on Send in German, through the real QML. Screenshot."""
    from tests.gui.conftest import type_text

    monkeypatch.setenv("KITE_LANG", "de")
    gui = make_gui()
    gui.window.resize(400, 800)
    try:
        settle(qtbot, gui)
        open_new_wallet(qtbot, gui)
        click(qtbot, gui, "sendButton")
        type_text(qtbot, gui, "sendInput", "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx")
        click(qtbot, gui, "sendContinueButton")
        error = find_item(gui, "sendError")
        assert error.isVisible()
        message = error.property("message")
        assert message.startswith("Das ist eine ") and message.endswith(
            "-Adresse, aber Ihre Wallet ist auf regtest."), message
        assert gui.screenshot(SCREENSHOTS / "issue17" / "99-send-error-de-400x800.png")
    finally:
        monkeypatch.setenv("KITE_LANG", "en")
        translations.install(gui.app, "en")


def test_every_stored_payment_failure_reason_is_said_in_german(qapp):
    """The payment log keeps failure reasons as English text; read back, each one (every
    BOLT 4 code, from each kind of sender; our own HTLC failures; a restart's) is matched
    to its templates and said in German exactly as the Sentence it was made as."""
    from ui.i18n.wallet_sentences import said
    from wallet.ln.htlc import payment_plan as plan
    from wallet.ln.onion.failures import FailureCode
    from wallet.ln.shell import htlc_switch
    from wallet.sentence import Sentence

    node = "02" + "ab" * 7
    reasons = [plan.failure_reason(code) for code in FailureCode]
    reasons += [plan.failure_reason(0x1234), plan.failure_reason(None)]
    made = [Sentence(template, reason, node) for reason in reasons
            for template in ("%1, from the recipient %2", "%1, from our peer %2",
                             "%1, from node %2")]
    made += [Sentence("%1, from an unknown node", r) for r in reasons]
    made += [Sentence("our peer could not read the onion: %1", r) for r in reasons]
    whys = [Sentence(htlc_switch.NEVER_COMMITTED), Sentence("the HTLC timed out on chain"),
            Sentence("an error packet we cannot read"), Sentence("an empty failure"),
            Sentence("a failure nobody on the route signed"), Sentence("no part was sent"),
            Sentence("our peer could not read the onion (%1)", "invalid_onion_hmac"),
            Sentence("cannot send: %1", Sentence("the peer is not connected"))]
    made += whys + [Sentence("interrupted by a restart; %1", w) for w in whys]
    made += [Sentence("payment failed: %1", m) for m in made]
    assert translations.install(qapp, "de") == "de"
    try:
        wrong = []
        for sentence in made:
            plain = sentence.encode().decode()  # as read back from the log: a plain str
            assert not isinstance(plain, Sentence)
            german = said(sentence)
            if said(plain) != german or german == str(sentence):
                wrong.append(f"{plain!r}: {said(plain)!r} != {german!r}")
        assert wrong == [], "\n".join(wrong)
        assert said(reasons[0].encode().decode() + ", from our peer " + node) == (
            "ein Knoten auf der Route konnte seine Anweisungen nicht lesen (invalid_realm), "
            "von unserer Gegenstelle " + node)
    finally:
        translations.install(qapp, "en")


def test_a_malformed_pasted_offer_is_said_in_german_to_the_last_word(qapp):
    """A decoder's error (BOLT 12 fields, TLV, primitives: wallet/ modules under Send's
    paste) is a Sentence all the way down: what it names ("the offer") and why are German
    too, no protocol noun left as an English word."""
    import coincurve

    from ui.i18n.wallet_sentences import said
    from ui.models.bridge import error_text
    from wallet.ln.bolt12.errors import Bolt12Error
    from wallet.ln.bolt12.offer import decode_offer
    from wallet.ln.bolt12.string_format import encode_bolt12
    from wallet.ln.wire.tlv import encode_tlv_stream

    issuer = coincurve.PrivateKey(bytes([0x41] * 32)).public_key.format()

    def pasted(records: dict[int, bytes]) -> Bolt12Error:
        with pytest.raises(Bolt12Error) as e:
            decode_offer(encode_bolt12("lno", encode_tlv_stream(records)))
        return e.value

    assert translations.install(qapp, "de") == "de"
    try:
        unknown = pasted({10: b"tea", 22: issuer, 1_000_000_002: b""})
        assert str(unknown) == "the offer holds unknown even field 1000000002"
        assert error_text(unknown)[0] == (
            "Das Angebot enthält das unbekannte gerade Feld 1000000002.")
        padded = pasted({8: b"\x00\x05", 10: b"tea", 22: issuer})
        assert said(padded.args[0]) == (
            "das Angebot hat ein fehlerhaftes Feld offer_amount: tu64: Die Kodierung ist "
            "nicht minimal (führendes Null-Byte)")
        # on screen the field's protocol name goes to Details (models/plain_errors.py)
        shown, detail = error_text(padded)
        assert shown.startswith("Das Angebot hat ein fehlerhaftes Feld: ") and "offer_amount" in detail
        zero = pasted({8: b"", 10: b"tea", 22: issuer})
        assert error_text(zero)[0] == "Das Angebot verlangt einen Betrag von null."
    finally:
        translations.install(qapp, "en")
