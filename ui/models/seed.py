"""The seed words again (Settings, after the password), the backup check, and Home's
reminder until the backup has been checked (`wallet/storage/backup_state.py`).

The words live in this model only while the Seed page shows them (`hide` drops them).
"""

from __future__ import annotations

import secrets
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit

CHECK_COUNT = 3


class SeedModel(QObject):
    changed = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._words: list[str] = []
        self._passphrase = ""
        self._positions: list[int] = []
        self._error = ""
        self._busy = False
        self._checked = True  # until the wallet says otherwise: no reminder
        self._due = False
        session.opened.connect(self.refresh)

    # --- the reminder --------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        if self._session.can("backup_status"):
            when_done(self._session.poster, self._session.api.backup_status(),
                      self._set_status, lambda message, detail: None)

    def _set_status(self, status: dict[str, Any]) -> None:
        self._checked, self._due = bool(status["checked"]), bool(status["due"])
        emit(self.changed)

    @Slot()
    def later(self) -> None:
        """"Later": hide the reminder until the next one is due."""
        self._due = False
        emit(self.changed)
        if self._session.can("snooze_backup_reminder"):
            when_done(self._session.poster, self._session.api.snooze_backup_reminder(),
                      lambda _: None, lambda message, detail: None)

    # --- showing the words ---------------------------------------------------------------

    @Slot(str)
    def reveal(self, password: str) -> None:
        if self._busy or not self._session.can("reveal_seed"):
            return
        self._busy, self._error = True, ""
        emit(self.changed)

        def shown(result: dict[str, Any]) -> None:
            self._words, self._passphrase = list(result["words"]), str(result["passphrase"])
            rng = secrets.SystemRandom()
            self._positions = sorted(rng.sample(range(1, len(self._words) + 1), CHECK_COUNT))
            self._busy = False
            emit(self.changed)

        def refused(message: str, detail: str) -> None:
            self._busy, self._error = False, message
            emit(self.changed)

        when_done(self._session.poster, self._session.api.reveal_seed(password), shown, refused)

    @Slot()
    def hide(self) -> None:
        """Forget the words (the page closed)."""
        self._words, self._passphrase, self._positions, self._error = [], "", [], ""
        emit(self.changed)

    @Slot(list, result=bool)
    def checkAll(self, answers: list[str]) -> bool:  # noqa: N802
        """The answers for `checkPositions`, in order. Right: the backup is checked."""
        if not self._positions or len(answers) != len(self._positions):
            return False
        right = all(str(a).strip().lower() == self._words[p - 1]
                    for p, a in zip(self._positions, answers, strict=True))
        if right and self._session.can("backup_checked"):
            when_done(self._session.poster, self._session.api.backup_checked(),
                      lambda _: self._set_status({"checked": True, "due": False}),
                      lambda message, detail: None)
        return right

    @Property(list, notify=changed)
    def words(self) -> list[str]:
        return list(self._words)

    @Property(str, notify=changed)
    def passphrase(self) -> str:
        return self._passphrase

    @Property(list, notify=changed)
    def checkPositions(self) -> list[int]:  # noqa: N802
        return list(self._positions)

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(bool, notify=changed)
    def checked(self) -> bool:
        return self._checked

    @Property(bool, notify=changed)
    def reminderDue(self) -> bool:  # noqa: N802
        return self._due and not self._checked
