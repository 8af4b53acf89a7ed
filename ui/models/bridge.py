"""Getting results from the node's thread onto the GUI thread, and errors into sentences.

The facade calls back on its own thread (futures' done-callbacks, events). Qt objects may
only be touched on the GUI thread, so everything goes through `GuiPoster.post`, a queued
signal that runs a function on the thread the poster lives on. The GUI never waits on a
future: `when_done` attaches a callback instead.
"""

from __future__ import annotations

import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ui.i18n.wallet_sentences import said
from ui.i18n.words import QT_TRANSLATE_NOOP, translate
from ui.models.plain_errors import plain_error
from ui.models.signals import emit
from wallet.errors import KiteError

log = logging.getLogger(__name__)

GENERIC_FAILURE = QT_TRANSLATE_NOOP("Errors", "Something went wrong. Please try again.")


class GuiPoster(QObject):
    """Runs functions on the thread this object lives on (create it on the GUI thread)."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        """Safe from any thread: `fn` runs later on the GUI thread (dropped once the GUI
        is gone: a late answer from the node after the window closed has nowhere to go)."""
        try:
            emit(self._posted, fn)
        except RuntimeError:  # the Qt object was already deleted
            log.debug("dropped a callback posted after the GUI closed")

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # one broken callback must not take the GUI down
            log.exception("GUI callback failed")


def error_text(exc: BaseException) -> tuple[str, str]:
    """(a sentence for people, the technical detail) for an exception from the facade."""
    message = getattr(exc, "message", None) or (str(exc) if isinstance(exc, KiteError) else "")
    detail = getattr(exc, "detail", None) or f"{type(exc).__name__}: {exc}"
    message = said(message) if message else translate("Errors", GENERIC_FAILURE)
    message = message[0].upper() + message[1:]
    if message[-1] not in ".!?":
        message += "."
    return plain_error(message, detail)


def when_done(
    poster: GuiPoster,
    future: concurrent.futures.Future[Any],
    on_result: Callable[[Any], None],
    on_error: Callable[[str, str], None],
) -> None:
    """Call `on_result(value)` or `on_error(message, detail)` on the GUI thread, later."""

    def done(f: concurrent.futures.Future[Any]) -> None:
        try:
            value = f.result()
        except BaseException as e:  # noqa: BLE001 - every failure becomes a shown sentence
            if not isinstance(e, KiteError):
                log.warning("facade call failed: %s", type(e).__name__)
            message, detail = error_text(e)
            poster.post(lambda: on_error(message, detail))
            return
        poster.post(lambda: on_result(value))

    future.add_done_callback(done)
