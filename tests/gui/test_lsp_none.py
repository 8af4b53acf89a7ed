"""Settings' LSP choice "None" (issue 16): no channel is ever bought; an amount beyond the
channels' inbound room is refused over Lightning on the Receive page, saying why (no LSP
chosen) and what to do (choose one, or have it paid on-chain), while the on-chain request
stays. The choice reaches the node as `--lsp-peer none` at the next open, and Receive keeps
to it at once, even while the running node still has the LSP chosen before."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from tests.gui.conftest import PASSWORD, click, find_item, scroll_into_view, settle, type_text
from tests.gui.shots import shoot_sizes
from tests.gui.test_language_setting import _sticking_out
from tests.gui.test_money_correct import _home
from tests.gui.test_receive_jit import _qr, _receive
from wallet.payment_request import parse_payment_text


def _stored(tmp_path, key: str):
    return QSettings(str(tmp_path / "gui-light.ini"), QSettings.Format.IniFormat).value(key)


def _refused_with_why(qtbot, gui, api) -> str:
    """Receive 21 000 sat with 5 000 sat of inbound room: the reason on screen."""
    _receive(qtbot, gui, "21000")
    reason = find_item(gui, "lightningReason")
    qtbot.waitUntil(reason.isVisible, timeout=5000)
    text = str(reason.property("text"))
    assert not find_item(gui, "jitOfferCard").isVisible()
    assert api.jit_asked == [] and api.jit_bought == []
    assert (21_000, "") not in api.invoices and gui.receive.invoice == ""
    request = parse_payment_text(_qr(qtbot, gui), gui.session.api.network)
    assert request.amount_sat == 21_000 and request.invoice is None  # on-chain only
    return text


def test_lsp_none_refuses_what_needs_a_channel_and_says_why_and_what_to_do(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=5_000)
    api.pushed_receivable = 5_000
    api.lsp_fee_msat = 2_000_000  # the running node has an LSP (automatic) that sells
    try:
        click(qtbot, gui, "settingsButton")
        assert find_item(gui, "lspAuto").property("checked")
        assert not find_item(gui, "lspNone").property("checked")
        click(qtbot, gui, "lspNone")
        assert gui.settings.lspNone and gui.settings.lspPeer == ""
        assert _stored(tmp_path, "lightning/lsp_peer") == "none"
        assert gui.settings.lsp_peer_option() == "none"
        assert find_item(gui, "lspNone").property("checked")
        assert not find_item(gui, "lspAuto").property("checked")
        assert not find_item(gui, "lspCustom").property("checked")
        assert not find_item(gui, "lspField").property("enabled")
        note = find_item(gui, "lspNoneNote")
        assert "No channel is ever bought" in note.property("text")
        scroll_into_view(qtbot, gui, find_item(gui, "lspNone"))
        shoot_sizes(qtbot, gui, "16g-settings-lsp-none")
        assert _sticking_out(gui) == [], "\n".join(_sticking_out(gui))

        # the node still runs with its LSP: Receive keeps to "None" all the same
        assert api.lsp_peer is None
        click(qtbot, gui, "backButton")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=5000)
        text = _refused_with_why(qtbot, gui, api)
        assert text.startswith("This payment cannot be received over Lightning")
        assert "at most 5\u202f000 sat" in text
        assert "you chose no liquidity provider (LSP) in Settings" in text
        assert "choose an LSP in Settings, or have it paid on-chain" in text
        settle(qtbot, gui)
        shoot_sizes(qtbot, gui, "16h-receive-lsp-none")

        # at the next open the node is told (`--lsp-peer none`) and has no LSP either
        gui.session.unlock(PASSWORD)
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
        assert api.lsp_peer == "none"
        assert "no LSP" in api.receive_quote(21_000).result(timeout=5)["warning"]
        assert _refused_with_why(qtbot, gui, api) == text
        # an amount that fits: a plain invoice, nothing bought
        type_text(qtbot, gui, "receiveAmount", "2000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        assert api.invoices[-1] == (2_000, "") and api.jit_bought == []
    finally:
        gui.close()


def test_lsp_none_is_kept_and_left_for_automatic_or_a_chosen_node(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        gui.settings.lspNone = True
        click(qtbot, gui, "settingsButton")
        assert find_item(gui, "lspNone").property("checked")
        click(qtbot, gui, "lspAuto")
        assert not gui.settings.lspNone and gui.settings.lsp_peer_option() is None
        assert _stored(tmp_path, "lightning/lsp_peer") == ""
        gui.settings.lspNone = True
        peer = "03" + "ef" * 32 + "@lsp.example.com:9735"
        gui.settings.lspPeer = peer  # a node typed: no longer "None"
        assert not gui.settings.lspNone and gui.settings.lsp_peer_option() == peer
        assert _stored(tmp_path, "lightning/lsp_peer") == peer
        gui.settings.lspNone = True
        assert gui.settings.lspPeer == "" and gui.settings.lsp_peer_option() == "none"
    finally:
        gui.close()

    # a new window reads "None" back from the file
    from ui.models.settings import SettingsModel
    settings = SettingsModel(QSettings(str(tmp_path / "gui-light.ini"),
                                       QSettings.Format.IniFormat))
    assert settings.lspNone and settings.lspPeer == "" and settings.lsp_peer_option() == "none"



def test_lsp_none_in_german(qtbot, tmp_path, monkeypatch):
    """The choice and Receive's sentence through the real QML in German. Screenshots."""
    from tests.gui.conftest import SCREENSHOTS
    from ui.i18n import translations

    monkeypatch.setenv("KITE_LANG", "de")
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=5_000)
    api.pushed_receivable = 5_000
    api.lsp_fee_msat = 2_000_000
    try:
        click(qtbot, gui, "settingsButton")
        click(qtbot, gui, "lspNone")
        assert find_item(gui, "lspNone").property("text") == "Keiner"
        assert find_item(gui, "lspNoneNote").property("text").startswith(
            "Es wird nie ein Kanal gekauft")
        assert not find_item(gui, "lspAuto").property("checked")
        scroll_into_view(qtbot, gui, find_item(gui, "lspNone"))
        settle(qtbot, gui)
        qtbot.wait(300)  # the radio buttons' transition
        assert gui.screenshot(SCREENSHOTS / "16i-settings-lsp-none-de-400x800.png")
        click(qtbot, gui, "backButton")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=5000)
        text = _refused_with_why(qtbot, gui, api)
        assert text.startswith("Diese Zahlung kann nicht über Lightning empfangen werden")
        assert "keinen Liquiditätsanbieter (LSP) gewählt" in text
        assert "wählen Sie in den Einstellungen einen LSP" in text
        settle(qtbot, gui)
        assert gui.screenshot(SCREENSHOTS / "16j-receive-lsp-none-de-400x800.png")
    finally:
        gui.close()
        monkeypatch.setenv("KITE_LANG", "en")
        translations.install(gui.app, "en")
