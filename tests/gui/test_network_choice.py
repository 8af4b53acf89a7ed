"""Onboarding's "advanced" network choice creates the wallet on the chosen network."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from tests.gui.conftest import PASSWORD
from ui.app import build_gui
from wallet.api import WalletApi
from wallet.networks import MAINNET
from wallet.storage import wallet_file


def test_choose_testnet_then_create(qtbot, tmp_path):
    def factory(network):
        return WalletApi(tmp_path / network.name / "default_wallet", network)

    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    gui = build_gui(factory, MAINNET, settings=settings)
    try:
        qtbot.waitExposed(gui.window)
        assert gui.session.network == "mainnet" and not gui.session.networkFixed
        gui.session.setNetwork("testnet")
        assert gui.session.network == "testnet"
        assert gui.window.property("title") == "Kite (testnet)"
        gui.onboarding.generate()
        gui.onboarding.create(PASSWORD, "")
        qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
        folder = tmp_path / "testnet" / "default_wallet"
        assert wallet_file.read_wallet_info(folder).network.name == "testnet"
        assert not wallet_file.wallet_exists(tmp_path / "mainnet" / "default_wallet")
        gui.session.setNetwork("signet")  # ignored once a wallet is open
        assert gui.session.network == "testnet"
    finally:
        gui.close()
