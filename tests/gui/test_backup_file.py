"""Settings' "Backup file" through the real QML and the real facade (a real node, no server):
Export… writes the encrypted file where the save dialog says; Import… of another wallet's
file, a damaged one or garbage shows one sentence and changes nothing; Import… of this
wallet's file with a channel it holds no state of starts that channel's recovery, which
Home then says in plain words. Screenshots at 400×800 and 1200×900."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QUrl

from tests.gui.conftest import click, find_item, open_new_wallet, scroll_into_view, settle
from tests.gui.shots import shoot_sizes
from wallet.keys.lightning import LightningKeys
from wallet.ln.recovery import backup_file
from wallet.ln.recovery.backup_file import BackedUpChannel, Backup
from wallet.ln.recovery.scan import FoundChannel
from wallet.networks import REGTEST

PEER = bytes.fromhex("02" + "5a" * 32)


def _channel(key_index: int = 4) -> BackedUpChannel:
    found = FoundChannel(PEER, key_index, os.urandom(32), 0, 300_000,
                         b"\x00\x20" + os.urandom(32))
    return BackedUpChannel(found, None, "anchors")  # no address: nothing is dialled


def _keys(gui) -> LightningKeys:
    return gui.session.api._service.wallet.keys.lightning


def _recovered(gui) -> list:
    return gui.session.api._service.ln.node.recovery.list()


def _settings_backup(qtbot, gui) -> None:
    gui.session.show_page("SettingsPage.qml")
    qtbot.waitUntil(lambda: gui.current_page() == "settingsPage", timeout=5000)
    settle(qtbot, gui)
    scroll_into_view(qtbot, gui, find_item(gui, "backupImportButton"))


def _choose(dialog: QObject, path: Path) -> None:
    """What the user does in the file dialog (opened in `path`'s folder): pick the file in
    the dialog (Qt Quick's own, non-native here: a popup of the window), accept."""
    [impl] = [o for o in gui_window(dialog).findChildren(QObject)
              if o.metaObject().className().startswith("FileDialog_QMLTYPE")
              and o.property("opened")]
    impl.setProperty("selectedFile", QUrl.fromLocalFile(str(path)))
    dialog.accept()


def gui_window(item: QObject) -> QObject:
    while item.parent() is not None:
        item = item.parent()
    return item


def _import(qtbot, gui, path: Path) -> None:
    click(qtbot, gui, "backupImportButton")
    dialog = gui.window.findChild(QObject, "backupImportDialog")
    _choose(dialog, path)
    qtbot.waitUntil(lambda: not gui.backup_file.busy and
                    bool(gui.backup_file.done or gui.backup_file.error), timeout=10_000)
    settle(qtbot, gui)


def _error(gui) -> str:
    label = find_item(gui, "backupFileError")
    return str(label.property("text")) if label.isVisible() else ""


def test_export_then_bad_files_change_nothing_then_import_recovers(qtbot, make_gui, tmp_path,
                                                                   monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    tmp_path = home / "Documents"  # where the dialogs open: the user's files are there
    gui = make_gui()
    open_new_wallet(qtbot, gui)
    keys = _keys(gui)
    _settings_backup(qtbot, gui)

    # Export…: the save dialog proposes a name; the file is this wallet's, encrypted
    click(qtbot, gui, "backupExportButton")
    dialog = gui.window.findChild(QObject, "backupExportDialog")
    target = Path(QUrl(dialog.property("selectedFile")).toLocalFile())
    assert target == tmp_path / f"kite-channels-{time.strftime('%Y-%m-%d')}.backup"
    dialog.accept()
    qtbot.waitUntil(lambda: target.exists() and not gui.backup_file.busy, timeout=10_000)
    settle(qtbot, gui)
    assert find_item(gui, "backupFileDone").property("text") == (
        f"Saved the backup of 0 channels to {target}.")
    assert target.stat().st_mode & 0o777 == 0o600
    data = target.read_bytes()
    assert b"network" not in data  # the contents are encrypted
    assert backup_file.decode(data, keys.node_id, keys.backup_key, "regtest").channels == ()

    # another wallet's file, an altered one, garbage: one sentence each, nothing recovered
    other = LightningKeys.from_seed(os.urandom(64), REGTEST)  # another wallet's seed
    theirs = tmp_path / "theirs.backup"
    theirs.write_bytes(backup_file.encode(Backup("regtest", int(time.time()), (_channel(),)),
                                          other.node_id, other.backup_key))
    altered = tmp_path / "altered.backup"
    mine = bytearray(backup_file.encode(Backup("regtest", int(time.time()), (_channel(),)),
                                        keys.node_id, keys.backup_key))
    mine[-3] ^= 1
    altered.write_bytes(bytes(mine))
    garbage = tmp_path / "photo.jpg"
    garbage.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(500))
    expected = {
        theirs: "This backup file belongs to another wallet, not to this one.",
        altered: "This backup file is damaged or was altered (or truncated): it does not "
                 "check with this wallet's key.",
        garbage: "This is not a Kite channel backup file.",
    }
    for path, sentence in expected.items():
        _import(qtbot, gui, path)
        assert _error(gui) == sentence
        assert not find_item(gui, "backupFileDone").isVisible()
        assert _recovered(gui) == []
    shoot_sizes(qtbot, gui, "settings-backup-file-error")

    # this wallet's file with a channel it lost: recovered, and Home says so
    good = tmp_path / "good.backup"
    good.write_bytes(backup_file.encode(Backup("regtest", int(time.time()), (_channel(7),)),
                                        keys.node_id, keys.backup_key))
    _import(qtbot, gui, good)
    assert _error(gui) == ""
    assert find_item(gui, "backupFileDone").property("text") == (
        "Recovering the channel in the file: its peer is asked to close, then your funds "
        "come back on-chain.")
    assert [rc.channel.key_index for rc in _recovered(gui)] == [7]
    shoot_sizes(qtbot, gui, "settings-backup-file")
    for name in ("backupFileText", "backupFileDone"):  # wrapped inside the page at 400 px
        label = find_item(gui, name)
        assert label.mapToScene(QPointF(label.width(), 0)).x() <= gui.window.width() - 20
    _import(qtbot, gui, good)  # again: nothing new
    assert find_item(gui, "backupFileDone").property("text") == (
        "This wallet already knows every channel in the file (1), so nothing changed.")

    gui.session.show_page("home")
    qtbot.waitUntil(lambda: gui.current_page() == "homePage", timeout=5000)
    qtbot.waitUntil(lambda: find_item(gui, "recoveryText").isVisible(), timeout=10_000)
    assert find_item(gui, "recoveryText").property("text") == (
        "Recovering 1 channel: waiting for the peer to close")


def test_only_a_whole_path_is_used(tmp_path):
    """A dialog's file:// URL or a typed absolute path; a bare name (which would be written
    wherever Kite was started) is no choice at all."""
    from ui.models.backup_file import local_path

    assert local_path(QUrl.fromLocalFile(str(tmp_path / "a b.backup")).toString()) == str(
        tmp_path / "a b.backup")
    assert local_path(f"  {tmp_path}/x.backup ") == f"{tmp_path}/x.backup"
    assert local_path(".backup") == "" and local_path("x.backup") == "" and local_path("") == ""
    assert local_path("~/k.backup") == str(Path.home() / "k.backup")
