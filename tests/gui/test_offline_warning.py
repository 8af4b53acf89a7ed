"""The punishment-window warning through the real QML: once the node has caught up, Home
and Channels show the node's sentence when the app was closed for half the window or more
on a channel with our money; nothing otherwise. The warning itself is the pure rule's
(`punishment_window.offline_warning`); the facade's other calls are the scripted double."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from tests.gui.conftest import PASSWORD, click, find_item, settle
from tests.gui.facade_double import ScriptedApi
from tests.gui.shots import shoot_sizes
from ui.app import build_gui
from wallet.ln.channel.anchor_reserve import ReserveCheck, notice
from wallet.ln.channel.punishment_window import ChannelAtStake, offline_warning
from wallet.networks import REGTEST

TIP = 800_600


class WarningApi(ScriptedApi):
    last_seen: int | None = 800_000
    at_stake = [ChannelAtStake(1, 1008, 250_000)]
    reserve = ReserveCheck(20_000, 20_000)

    def anchor_reserve(self):
        return self._answer(self.reserve.to_dict() | {"notice": notice(self.reserve)})

    def offline_warning(self):
        warning = offline_warning(self.last_seen, TIP, self.at_stake)
        self.asked = getattr(self, "asked", 0) + 1
        return self._answer(None if warning is None else warning.to_dict())


def open_gui(qtbot, tmp_path, last_seen: int | None):
    folder = tmp_path / "wallet"
    apis: list[WarningApi] = []

    def factory(network):
        api = WarningApi(folder, network)
        api.last_seen = last_seen
        apis.append(api)
        return api

    seed = ScriptedApi(folder, REGTEST)
    seed.create(ScriptedApi.generate_mnemonic(), "", PASSWORD).result(timeout=60)
    seed.shutdown()
    settings = QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)
    settings.setValue("display/theme", "light")
    gui = build_gui(factory, REGTEST, network_fixed=True, settings=settings)
    qtbot.waitExposed(gui.window)
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=10_000)
    settle(qtbot, gui)
    return gui, apis[0]


def caught_up(qtbot, gui, api: Any) -> None:
    api.push("sync", height=TIP, server_height=TIP, server="127.0.0.1:1:t", connected=True)
    qtbot.waitUntil(lambda: gui.wallet.synced and getattr(api, "asked", 0) > 0, timeout=5000)
    settle(qtbot, gui)


def test_home_and_channels_warn_after_a_long_absence(qtbot, tmp_path):
    gui, api = open_gui(qtbot, tmp_path, last_seen=800_000)
    try:
        assert not find_item(gui, "offlineWarning").isVisible()  # not before the chain caught up
        caught_up(qtbot, gui, api)
        sentence = offline_warning(800_000, TIP, api.at_stake).message
        qtbot.waitUntil(lambda: find_item(gui, "offlineWarning").isVisible(), timeout=5000)
        box = find_item(gui, "offlineWarning")
        assert box.property("message") == sentence
        assert "Kite was closed for 600 blocks (about 4 days)" in sentence
        shoot_sizes(qtbot, gui, "home-offline-warning")
        click(qtbot, gui, "channelsButton")
        assert find_item(gui, "channelsOfflineWarning").isVisible()
        assert find_item(gui, "channelsOfflineWarning").property("message") == sentence
        shoot_sizes(qtbot, gui, "channels-offline-warning")
        click(qtbot, gui, "backButton")
        gui.wallet.dismissOfflineWarning()  # the ✕ on Home: read, gone for this run
        settle(qtbot, gui)
        assert not find_item(gui, "offlineWarning").isVisible()
    finally:
        gui.close()


def test_no_warning_after_a_short_absence(qtbot, tmp_path):
    gui, api = open_gui(qtbot, tmp_path, last_seen=TIP - 100)
    try:
        caught_up(qtbot, gui, api)
        qtbot.wait(200)
        assert gui.wallet.offlineWarning == ""
        assert not find_item(gui, "offlineWarning").isVisible()
        click(qtbot, gui, "channelsButton")
        assert not find_item(gui, "channelsOfflineWarning").isVisible()
    finally:
        gui.close()


def test_channels_say_when_the_anchor_reserve_is_short(qtbot, tmp_path):
    gui, api = open_gui(qtbot, tmp_path, last_seen=TIP - 100)
    try:
        caught_up(qtbot, gui, api)
        click(qtbot, gui, "channelsButton")
        assert not find_item(gui, "channelsReserveWarning").isVisible()  # reserve kept
        api.reserve = ReserveCheck(20_000, 12_500)  # coins spent: 7,500 sat short
        api.push("balance", confirmed=12_500, unconfirmed=0, immature=0, lightning=0)
        qtbot.waitUntil(lambda: find_item(gui, "channelsReserveWarning").isVisible(), timeout=5000)
        sat = gui.settings.formatSat
        assert find_item(gui, "channelsReserveWarning").property("message") == (
            f"The on-chain reserve is short by {sat(7500)}: anchor channels need {sat(20_000)} "
            f"of confirmed coins to pay the fees of a force close, and the wallet has "
            f"{sat(12_500)}.")
        assert sat(7500).endswith(" sat")
        gui.settings.unit = "btc"  # in the user's unit
        qtbot.waitUntil(lambda: "0.00007500 BTC" in str(
            find_item(gui, "channelsReserveWarning").property("message")), timeout=5000)
        gui.settings.unit = "sat"
        shoot_sizes(qtbot, gui, "channels-reserve-short")
        api.reserve = ReserveCheck(0, 12_500)  # no anchor channel left: nothing to keep
        api.push("channel", key_index=1)
        qtbot.waitUntil(lambda: not find_item(gui, "channelsReserveWarning").isVisible(),
                        timeout=5000)
    finally:
        gui.close()
