"""What the user does with the history besides looking at it: a note on one payment
(Payment detail page) and the whole history written to a file (Export page)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, QStandardPaths, QUrl, Signal, Slot

from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit

FORMATS = ("csv", "json")


def default_export_path(fmt: str, today: str | None = None) -> str:
    """~/Documents/kite-history-YYYY-MM-DD.csv (the home folder when there is no Documents)."""
    folder = (QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
              or str(Path.home()))
    day = today or time.strftime("%Y-%m-%d")
    return str(Path(folder) / f"kite-history-{day}.{fmt}")


class HistoryTools(QObject):
    """`noteSaved(ref, note)` after a note is stored; `exported`/`exportError` after an export."""

    changed = Signal()
    noteSaved = Signal(str, str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._busy = False
        self._note_error = ""
        self._export_error = ""
        self._exported = ""

    # --- notes ---------------------------------------------------------------------------

    @Slot(str, str)
    def saveNote(self, ref: str, text: str) -> None:  # noqa: N802
        """Store the note on a txid or payment hash (empty: remove it)."""
        if not self._session.can("set_label") or self._busy:
            return
        self._set(busy=True, note_error="")

        def saved(result: dict[str, Any]) -> None:
            self._set(busy=False)
            emit(self.noteSaved, str(result["ref"]), str(result["note"]))

        when_done(self._session.poster, self._session.api.set_label(ref, text), saved,
                  lambda message, detail: self._set(busy=False, note_error=message))

    # --- export --------------------------------------------------------------------------

    @Slot(str, result=str)
    def defaultPath(self, fmt: str) -> str:  # noqa: N802
        return default_export_path(fmt if fmt in FORMATS else "csv")

    @Slot(QUrl, result=str)
    def localPath(self, url: QUrl) -> str:  # noqa: N802
        """The path of a file dialog's URL."""
        return url.toLocalFile()

    @Slot(str, str)
    def exportTo(self, fmt: str, where: str) -> None:  # noqa: N802
        """Write the history as `fmt` to `where` (a path, or a file:// URL from a dialog)."""
        if not self._session.can("export_history") or self._busy:
            return
        path = QUrl(where).toLocalFile() if where.startswith("file:") else where.strip()
        if not path:
            self._set(export_error=self.tr("Choose where to save the file."), exported="")
            return
        path = str(Path(path).expanduser())
        self._set(busy=True, export_error="", exported="")
        when_done(self._session.poster, self._session.api.export_history(fmt, path),
                  lambda r: self._set(busy=False, exported=self._saved_text(r)),
                  lambda message, detail: self._set(busy=False, export_error=message))

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self, "_" + name, value)
        emit(self.changed)

    def _saved_text(self, result: dict[str, Any]) -> str:
        rows = int(result["rows"])
        text = self.tr("Saved 1 payment to %1") if rows == 1 else \
            self.tr("Saved %2 payments to %1").replace("%2", str(rows))
        return text.replace("%1", str(result["path"]))

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def noteError(self) -> str:  # noqa: N802
        return self._note_error

    @Property(str, notify=changed)
    def exportError(self) -> str:  # noqa: N802
        return self._export_error

    @Property(str, notify=changed)
    def exported(self) -> str:
        return self._exported


