"""Settings' liquidity provider (issue 16): the LSP (automatic, or a NODEID@HOST:PORT the
user types, checked, handed to the node at the next open) and the channel fee Receive
accepts without asking. A fee within it makes the JIT invoice at once, asking the node for
at most the setting (so an LSP that charges more is refused); a fee above it is asked
about as before."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from tests.gui.conftest import PASSWORD, click, find_item, scroll_into_view, settle
from tests.gui.shots import shoot_sizes
from tests.gui.test_language_setting import _sticking_out
from tests.gui.test_money_correct import _home
from tests.gui.test_receive_jit import _qr, _receive, _value
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.payment_request import parse_payment_text

LSP = "03" + "ef" * 32 + "@lsp.example.com:9735"


def _stored(tmp_path, key: str):
    return QSettings(str(tmp_path / "gui-light.ini"), QSettings.Format.IniFormat).value(key)


def _edit(qtbot, gui, name: str, text: str) -> None:
    """Type into a field and leave it (editingFinished), as a user does."""
    field = find_item(gui, name)
    scroll_into_view(qtbot, gui, field)
    field.forceActiveFocus()
    field.setProperty("text", text)
    field.editingFinished.emit()
    settle(qtbot, gui)


def test_the_lsp_and_the_fee_limit_are_checked_kept_and_used_at_the_next_open(
        qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path)
    try:
        assert api.lsp_peer is None  # automatic: the node's default (the trampoline)
        click(qtbot, gui, "settingsButton")
        assert find_item(gui, "lspAuto").property("checked")
        assert not find_item(gui, "lspField").property("enabled")
        assert gui.settings.lspAutoFeeSat == 0  # always ask, by default
        assert "0: Receive always asks" in find_item(gui, "lspAutoFeeNote").property("text")
        assert "next time the wallet opens" in find_item(gui, "lspNote").property("text")

        click(qtbot, gui, "lspCustom")
        assert find_item(gui, "lspField").property("enabled")
        _edit(qtbot, gui, "lspField", "03abc@lsp.example.com")  # not a node id, no port
        error = find_item(gui, "lspError")
        assert error.isVisible()
        assert error.property("text") == ("Type the LSP as NODEID@HOST:PORT: its node id (66 "
                                          "hexadecimal characters), @, then its address and "
                                          "port.")
        assert gui.settings.lspPeer == "" and not _stored(tmp_path, "lightning/lsp_peer")
        assert find_item(gui, "lspField").property("text") == "03abc@lsp.example.com"
        shoot_sizes(qtbot, gui, "16d-settings-lsp-refused")
        assert _sticking_out(gui) == [], "\n".join(_sticking_out(gui))

        _edit(qtbot, gui, "lspField", LSP)
        assert not find_item(gui, "lspError").isVisible()
        assert gui.settings.lspPeer == LSP and _stored(tmp_path, "lightning/lsp_peer") == LSP
        _edit(qtbot, gui, "lspAutoFeeField", "3000")
        assert gui.settings.lspAutoFeeSat == 3000
        assert int(_stored(tmp_path, "lightning/lsp_auto_fee_sat")) == 3000
        assert "at most this, and asks above it" in find_item(
            gui, "lspAutoFeeNote").property("text")
        _edit(qtbot, gui, "lspAutoFeeField", "-5")  # refused by the field: nothing kept
        assert gui.settings.lspAutoFeeSat == 3000
        _edit(qtbot, gui, "lspAutoFeeField", "3000")
        scroll_into_view(qtbot, gui, find_item(gui, "lspAutoFeeNote"))
        shoot_sizes(qtbot, gui, "16e-settings-lsp-chosen")
        assert _sticking_out(gui) == [], "\n".join(_sticking_out(gui))
        click(qtbot, gui, "lspAuto")  # back to automatic: nothing typed is kept
        assert gui.settings.lspPeer == "" and _stored(tmp_path, "lightning/lsp_peer") == ""
        assert find_item(gui, "lspField").property("text") == ""
        assert gui.settings.lsp_peer_option() is None
        click(qtbot, gui, "lspCustom")
        _edit(qtbot, gui, "lspField", LSP)
        # not the running node's: the facade gets it when the wallet opens next
        assert api.lsp_peer is None
        gui.session.unlock(PASSWORD)
        assert api.lsp_peer == LSP
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
    finally:
        gui.close()


def test_a_fee_within_the_setting_is_bought_at_once_with_the_setting_as_its_cap(
        qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=5_000)
    api.pushed_receivable = 5_000
    api.lsp_fee_msat = 2_500_500  # 2 501 sat rounded up
    gui.settings.lspAutoFeeSat = 3_000
    try:
        _receive(qtbot, gui, "50000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        # never asked: the card never showed, the invoice was asked for at most the setting
        assert not find_item(gui, "jitOfferCard").isVisible()
        assert api.jit_asked == [(50_000, 3_000)] and api.jit_bought == [(50_000, 3_000)]
        assert decode_invoice(gui.receive.invoice).amount_msat == 50_000_000
        # the money in plain numbers: what the payer pays, the fee, what arrives
        said = find_item(gui, "jitBoughtText").property("text")
        assert "pays 50\u202f000 sat" in said and "costs 2\u202f500.500 sat" in said
        assert "receive 47\u202f499.500 sat" in said
        note = find_item(gui, "jitBoughtNote")
        assert note.isVisible() and "up to 3\u202f000 sat" in note.property("text")
        request = parse_payment_text(_qr(qtbot, gui), gui.session.api.network)
        assert request.amount_sat == 50_000 and request.invoice_text == gui.receive.invoice
        shoot_sizes(qtbot, gui, "16f-receive-jit-without-asking")
    finally:
        gui.close()


def test_a_fee_above_the_setting_is_asked_about_as_before(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=0)
    api.pushed_receivable = 0
    api.lsp_fee_msat = 2_500_500  # 2 501 sat rounded up: one above the setting
    gui.settings.lspAutoFeeSat = 2_500
    try:
        _receive(qtbot, gui, "50000")
        qtbot.waitUntil(find_item(gui, "jitOfferCard").isVisible, timeout=5000)
        assert api.jit_asked == [] and gui.receive.invoice == ""
        assert gui.receive.jitBoughtNote == ""
        click(qtbot, gui, "jitConfirmButton")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        assert api.jit_asked == [(50_000, 2_501)]  # the fee accepted, not the setting
        assert not find_item(gui, "jitBoughtNote").isVisible()  # the user was asked
    finally:
        gui.close()


def test_an_lsp_charging_more_than_the_setting_is_refused_and_the_user_asked(
        qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=0)
    api.pushed_receivable = 0
    api.lsp_fee_msat = 2_000_000  # quoted 2 000 sat...
    api.lsp_buy_fee_msat = 3_000_001  # ...and asks 3 000.001 sat when the channel is bought
    gui.settings.lspAutoFeeSat = 3_000
    try:
        _receive(qtbot, gui, "40000")
        card = find_item(gui, "jitOfferCard")
        qtbot.waitUntil(card.isVisible, timeout=5000)
        # asked for at most the setting, never more: the node refused the dearer channel
        assert api.jit_asked == [(40_000, 3_000)] and api.jit_bought == []
        assert gui.receive.invoice == "" and find_item(gui, "jitError").isVisible()
        assert _value(gui, "jitFee") == "2\u202f000 sat"  # the quoted price, asked about
    finally:
        gui.close()


def test_a_fee_risen_within_the_setting_shows_what_was_really_paid(qtbot, tmp_path):
    gui, api = _home(qtbot, tmp_path, lightning=0, lightning_receivable=0)
    api.pushed_receivable = 0
    api.lsp_fee_msat = 2_000_000
    api.lsp_buy_fee_msat = 2_800_000  # dearer at buying, still within the 3 000 sat accepted
    gui.settings.lspAutoFeeSat = 3_000
    try:
        _receive(qtbot, gui, "40000")
        qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=5000)
        said = find_item(gui, "jitBoughtText").property("text")
        assert "costs 2\u202f800 sat" in said and "receive 37\u202f200 sat" in said
        assert api.jit_bought == [(40_000, 3_000)]
    finally:
        gui.close()


def test_a_window_attached_to_the_daemon_says_the_daemon_keeps_its_own_lsp(
        qtbot, tmp_path, monkeypatch):
    gui, api = _home(qtbot, tmp_path)
    try:
        click(qtbot, gui, "settingsButton")
        assert not find_item(gui, "lspDaemonNote").isVisible()
        # the facade found the wallet's daemon running at the next open
        monkeypatch.setattr(type(api), "attached", property(lambda _self: True))
        gui.session.unlock(PASSWORD)
        qtbot.waitUntil(lambda: gui.session.attached, timeout=10_000)
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
        click(qtbot, gui, "settingsButton")
        note = find_item(gui, "lspDaemonNote")
        assert note.isVisible() and "--lsp-peer" in note.property("text")
        assert _sticking_out(gui) == [], "\n".join(_sticking_out(gui))
    finally:
        gui.close()


def test_a_known_lsp_is_a_suggestion_that_fills_the_choice(qtbot, tmp_path):
    """The shipped list of known LSPs (mainnet) under "A node I choose": nothing chosen by
    itself; a click fills the field and keeps that LSP like a typed one. A network without
    known LSPs shows no suggestion."""
    from wallet.api import known_lsps

    gui, api = _home(qtbot, tmp_path)
    try:
        click(qtbot, gui, "settingsButton")
        assert not find_item(gui, "lspKnownNote").isVisible()  # the test world: none
        shipped = known_lsps("mainnet")
        gui.settings.set_known_lsps(shipped)
        settle(qtbot, gui)
        assert find_item(gui, "lspAuto").property("checked")  # a suggestion chooses nothing
        assert gui.settings.lspPeer == ""
        note = find_item(gui, "lspKnownNote")
        assert note.isVisible() and "none required" in note.property("text")
        first = find_item(gui, "lspKnown0")
        assert first.property("text") == shipped[0]["name"]
        scroll_into_view(qtbot, gui, first)
        assert _sticking_out(gui) == [], "\n".join(_sticking_out(gui))
        click(qtbot, gui, "lspKnown0")
        assert gui.settings.lspPeer == shipped[0]["peer"]
        assert _stored(tmp_path, "lightning/lsp_peer") == shipped[0]["peer"]
        assert find_item(gui, "lspCustom").property("checked")
        assert find_item(gui, "lspField").property("text") == shipped[0]["peer"]
        assert not find_item(gui, "lspError").isVisible()
    finally:
        gui.close()
