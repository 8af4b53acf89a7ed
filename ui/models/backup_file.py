"""Settings' "Backup file": the encrypted channel backup written to a file the user picks,
and read back (a restored wallet's channels are then recovered: their peers asked to close).
The facade does the work off the GUI thread (`backup_export` / `backup_import`); a file that
is not this wallet's is one sentence, and nothing changes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QStandardPaths, QUrl, Signal, Slot

from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit


def default_backup_path(today: str | None = None) -> str:
    """~/Documents/kite-channels-YYYY-MM-DD.backup (the home folder when there is no
    Documents folder: the save dialog opens in a folder that exists)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return str(folder / f"kite-channels-{today or time.strftime('%Y-%m-%d')}.backup")


def local_path(where: str) -> str:
    """A path from a file dialog's URL (file://…) or from typed text; "" unless it names a
    file by its whole path (a bare name would land wherever the program was started)."""
    where = where.strip()
    path = QUrl(where).toLocalFile() if where.startswith("file:") else where
    return str(Path(path).expanduser()) if path and Path(path).expanduser().is_absolute() \
        else ""


class BackupFileModel(QObject):
    """`done` says what the last export or import did; `error` why it failed."""

    changed = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._busy = False
        self._done = ""
        self._error = ""

    @Slot(result=str)
    def defaultPath(self) -> str:  # noqa: N802
        return default_backup_path()

    @Slot(result=str)
    def defaultFileUrl(self) -> str:  # noqa: N802
        return QUrl.fromLocalFile(default_backup_path()).toString()

    @Slot(result=str)
    def defaultFolderUrl(self) -> str:  # noqa: N802
        return QUrl.fromLocalFile(str(Path(default_backup_path()).parent)).toString()

    @Slot(str)
    def exportTo(self, where: str) -> None:  # noqa: N802
        """Write the backup file at `where` (a path or a file:// URL)."""
        path = local_path(where)
        if not self._start("backup_export", path):
            return
        when_done(self._session.poster,
                  self._session.api.backup_export(path),
                  lambda r: self._set(busy=False, done=self._exported_text(r)),
                  self._failed)

    @Slot(str)
    def importFrom(self, where: str) -> None:  # noqa: N802
        """Read the backup file at `where`; its channels this wallet holds no state of are
        recovered."""
        path = local_path(where)
        if not self._start("backup_import", path):
            return
        when_done(self._session.poster,
                  self._session.api.backup_import(path),
                  lambda r: self._set(busy=False, done=self._imported_text(r)),
                  self._failed)

    def _start(self, call: str, path: str) -> bool:
        if self._busy or not self._session.can(call):
            return False
        if not path:
            self._set(done="", error=self.tr("Choose a file first."))
            return False
        self._set(busy=True, done="", error="")
        return True

    def _failed(self, message: str, detail: str) -> None:
        self._set(busy=False, error=message)

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, "_" + name, value)
        emit(self.changed)

    def _exported_text(self, r: dict[str, Any]) -> str:
        n = int(r["channels"])
        text = (self.tr("Saved the backup of 1 channel to %1.") if n == 1 else
                self.tr("Saved the backup of %2 channels to %1.").replace("%2", str(n)))
        return text.replace("%1", str(r["file"]))

    def _imported_text(self, r: dict[str, Any]) -> str:
        total, added = int(r["channels"]), len(r.get("added") or [])
        if added == 1 and total == 1:
            return self.tr("Recovering the channel in the file: its peer is asked to close, "
                           "then your funds come back on-chain.")
        if added:
            return self.tr("Recovering %2 of the %1 channels in the file: their peers are "
                           "asked to close, then your funds come back on-chain."
                           ).replace("%1", str(total)).replace("%2", str(added))
        if total:
            return self.tr("This wallet already knows every channel in the file (%1), so "
                           "nothing changed.").replace("%1", str(total))
        return self.tr("The file holds no channel, so nothing changed.")

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def done(self) -> str:
        return self._done

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error
