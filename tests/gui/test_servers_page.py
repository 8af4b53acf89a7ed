"""The Servers page through the real QML, over a real node: states, add/remove/pick, a bad
entry's sentence, persistence, reconnection; Home names the servers tried when none answers."""

from __future__ import annotations

import json

import pytest
from PySide6.QtQml import QQmlEngine, QQmlExpression

from tests.gui.conftest import (
    PASSWORD,
    click,
    find_item,
    open_new_wallet,
    type_text,
)
from tests.gui.shots import shoot_sizes
from tests.support.electrum_thread import ElectrumThread
from ui.models.servers import reason_words
from ui.models.wallet_model import WalletModel
from wallet.chain import servers as chain_servers
from wallet.chain.electrum_client import ServerAddress
from wallet.chain.server_choice import CHOICE_NAME
from wallet.networks import MAINNET

DEAD = "127.0.0.1:1:t"  # nothing listens on port 1


@pytest.fixture
def quick_offline(monkeypatch, tmp_path):
    """No devnet of this machine is seen; "no server answers" is said after 0.3 s."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(WalletModel, "OFFLINE_GRACE_MS", 300)


@pytest.fixture
def electrum():
    server = ElectrumThread().start()
    yield server
    server.stop()


def _state(gui, host: str) -> str:
    rows = {r["host"]: r for r in gui.servers.rows}
    return rows[host]["state"] if host in rows else ""


def _shots(qtbot, gui, name: str) -> None:
    """Both sizes, light and dark (the theme switched as Settings does)."""
    for theme in ("light", "dark"):
        gui.settings.theme = theme
        shoot_sizes(qtbot, gui, name)
    gui.settings.theme = "light"


def _plain(item) -> bool:
    """The label's textFormat is Text.PlainText (asked of the QML engine)."""
    context = QQmlEngine.contextForObject(item)
    value, failed = QQmlExpression(context, item, "textFormat === Text.PlainText").evaluate()
    return bool(value) and not failed


def _focused(gui) -> str:
    item = gui.window.activeFocusItem()
    while item is not None and not item.objectName():
        item = item.parentItem()
    return item.objectName() if item is not None else ""


def test_servers_page_add_pick_remove_persist(qtbot, make_gui, tmp_path, quick_offline, electrum):
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    gui.window.requestActivate()
    click(qtbot, gui, "settingsButton")
    click(qtbot, gui, "serversButton")
    assert gui.current_page() == "serversPage"
    assert _focused(gui) == "serverField"  # type or paste a server at once
    assert find_item(gui, "noServersText").isVisible()  # regtest without a devnet: none

    # each mistake: one sentence, nothing added
    for text, pin, words in [
        ("ex ample:50002", "", "“ex ample” is not a host name"),
        ("node.example.org:99999", "", "The port must be a number from 1 to 65535"),
        ("node.example.org", "", "Write the server as HOST:PORT"),
        ("node.example.org:50002", "12:34", "64 hexadecimal characters"),
        ("node.example.org:50001:t", "ab" * 32, "only applies to a TLS server"),
    ]:
        type_text(qtbot, gui, "serverField", text)
        type_text(qtbot, gui, "fingerprintField", pin)
        click(qtbot, gui, "addServerButton")
        qtbot.waitUntil(lambda: gui.servers.error != "", timeout=5000)
        assert words in gui.servers.error and gui.servers.error.endswith(".")
        assert find_item(gui, "serverError").isVisible()
        assert gui.servers.rows == []
    assert not (tmp_path / "wallet" / CHOICE_NAME).exists()

    # a server that does not answer: tried, failed, and Home says so
    type_text(qtbot, gui, "fingerprintField", "")
    type_text(qtbot, gui, "serverField", DEAD)
    click(qtbot, gui, "addServerButton")
    qtbot.waitUntil(lambda: _state(gui, "127.0.0.1") == "failed", timeout=20_000)
    assert find_item(gui, "serverField").property("text") == ""  # cleared once added
    assert find_item(gui, "serverState_" + DEAD).property("text") == (
        "Did not answer: it refused the connection")
    reason = find_item(gui, "serverReason_" + DEAD)
    assert "cannot connect" in reason.property("text")
    assert _plain(reason)  # a server's words are never read as markup
    _shots(qtbot, gui, "servers-failed")
    click(qtbot, gui, "backButton")
    click(qtbot, gui, "backButton")
    qtbot.waitUntil(lambda: gui.wallet.offlineProblem, timeout=10_000)
    assert find_item(gui, "triedServersText").property("text") == "Tried 127.0.0.1."
    assert "No server answers" in find_item(gui, "syncText").property("text")

    # a working one: added, connected, picked alone; the dead one removed
    click(qtbot, gui, "homeServersButton")
    assert gui.current_page() == "serversPage"
    type_text(qtbot, gui, "serverField", electrum.address)
    click(qtbot, gui, "addServerButton")
    qtbot.waitUntil(lambda: gui.wallet.connected and gui.wallet.synced, timeout=30_000)
    assert len(gui.servers.rows) == 2
    row = [r for r in gui.servers.rows if r["server"] == electrum.address][0]
    qtbot.waitUntil(lambda: [r for r in gui.servers.rows
                             if r["server"] == electrum.address][0]["state"] == "connected",
                    timeout=10_000)
    assert row["added"] and not row["chosen"] and gui.servers.automatic
    assert {r["server"] for r in gui.servers.rows} == {DEAD, electrum.address}
    click(qtbot, gui, "automaticServer")  # already automatic: nothing happens
    # pick the working server alone (the radio of its row), then remove the dead one
    click(qtbot, gui, "chooseServer_" + electrum.address)
    qtbot.waitUntil(lambda: not gui.servers.automatic, timeout=10_000)
    stored = json.loads((tmp_path / "wallet" / CHOICE_NAME).read_text())
    assert stored == {"added": [DEAD, electrum.address], "chosen": electrum.address}
    qtbot.waitUntil(lambda: gui.wallet.connected, timeout=20_000)  # reconnected to it
    click(qtbot, gui, "removeServer_" + DEAD)
    qtbot.waitUntil(lambda: len(gui.servers.rows) == 1, timeout=10_000)
    assert json.loads((tmp_path / "wallet" / CHOICE_NAME).read_text())["added"] == [electrum.address]
    _shots(qtbot, gui, "servers-connected")
    gui.close()

    # kept between runs: the next window connects to the picked server
    gui = make_gui()
    gui.session.unlock(PASSWORD)
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=60_000)
    qtbot.waitUntil(lambda: gui.wallet.connected, timeout=30_000)
    assert gui.wallet.server == electrum.address
    qtbot.waitUntil(lambda: len(gui.servers.rows) == 1, timeout=10_000)
    assert gui.servers.rows[0]["chosen"]



def test_mainnet_without_an_answering_server_says_so_and_names_them(
        qtbot, make_gui, quick_offline, monkeypatch):
    """The shipped servers all unreachable (as without internet): Home says it in words,
    names the servers tried, and offers the Servers page."""
    dead = [ServerAddress("127.0.0.1", 1, False), ServerAddress("127.0.0.2", 1, False)]
    monkeypatch.setattr(chain_servers, "default_servers", lambda network: list(dead))
    gui = make_gui(network=MAINNET)
    open_new_wallet(qtbot, gui)
    qtbot.waitUntil(lambda: gui.wallet.offlineProblem, timeout=10_000)
    qtbot.waitUntil(lambda: find_item(gui, "triedServersText").property("text")
                    == "Tried 127.0.0.1, 127.0.0.2.", timeout=20_000)
    assert find_item(gui, "syncText").property("text") == (
        "No server answers: check the internet connection. Kite keeps trying.")
    assert find_item(gui, "balanceText").property("text") == "Not synced yet"
    assert find_item(gui, "homeServersButton").isVisible()
    _shots(qtbot, gui, "home-mainnet-no-server")
    click(qtbot, gui, "homeServersButton")
    assert gui.current_page() == "serversPage"
    assert {r["stateText"] for r in gui.servers.rows} == {
        "Did not answer: it refused the connection"}


@pytest.mark.parametrize("reason, words", [
    ("cannot connect to h:1:t: [Errno 111] Connect call failed ('h', 1)",
     "it refused the connection"),
    ("cannot connect to h:1:s: [Errno -2] Name or service not known", "its name was not found"),
    ("h:1:s timed out", "it did not answer in time"),
    ("h:1:s's TLS certificate is refused: self-signed", "its certificate was refused"),
    ("something new", ""),
])
def test_failure_reasons_in_words(reason, words):
    assert reason_words(reason).startswith(words)
