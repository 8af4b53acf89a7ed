"""The Servers page's model: the Electrum servers, what happened with each, the user's changes.

Rows come from the facade's `servers()` and are asked again on every "servers" event (a
state changed). Add, remove and pick are saved by the node, which then reconnects; a typing
mistake comes back as one sentence for `error` and nothing changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.words import QT_TRANSLATE_NOOP, fill, translate
from ui.models.bridge import when_done
from ui.models.session import Session
from ui.models.signals import emit

STATE_WORDS = {
    "connected": QT_TRANSLATE_NOOP("Servers", "Connected"),
    "answered": QT_TRANSLATE_NOOP("Servers", "Answers"),
    "failed": QT_TRANSLATE_NOOP("Servers", "Did not answer"),
    "banned": QT_TRANSLATE_NOOP("Servers", "Dropped: sent false data or a refused certificate"),
    "untried": QT_TRANSLATE_NOOP("Servers", "Not tried yet"),
}
MAX_TRIED_NAMED = 4  # hosts named on Home when none answers
# why a connection failed, in words, from the client's technical reason (first match)
# (the needles are the system's English error texts, matched, never shown)
REASON_WORDS = (
    (("certificate",), QT_TRANSLATE_NOOP("Servers", "its certificate was refused")),
    (("Errno 111", "refused"), QT_TRANSLATE_NOOP("Servers", "it refused the connection")),  # not-words: needles
    (("Name or service not known",  # not-words: needle
      "Temporary failure in name resolution",  # not-words: needle
      "nodename", "getaddrinfo", "Errno -2", "Errno -3"),  # not-words: needles
     QT_TRANSLATE_NOOP("Servers", "its name was not found (no internet?)")),
    (("timed out", "timeout", "Timeout"), QT_TRANSLATE_NOOP("Servers", "it did not answer in time")),  # not-words: needles
    (("Network is unreachable", "Errno 101"),  # not-words: needles
     QT_TRANSLATE_NOOP("Servers", "the network is unreachable (no internet?)")),
)


def reason_words(reason: str) -> str:
    """A few plain words for a failure reason ("" when none fits)."""
    for needles, words in REASON_WORDS:
        if any(n in reason for n in needles):
            return translate("Servers", words)
    return ""


def _state_text(state: str, reason: str) -> str:
    """"Did not answer: it did not answer in time" (the state, and why when known)."""
    words = translate("Servers", STATE_WORDS[state]) if state in STATE_WORDS else state
    why = reason_words(reason) if state == "failed" else ""
    return fill(translate("Servers", "%1: %2"), words, why) if why else words


class ServersModel(QObject):
    changed = Signal()
    added = Signal()  # a server was added: the page clears its fields

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[dict[str, Any]] = []
        self._automatic = True
        self._error = ""
        self._busy = False
        session.eventReceived.connect(self._on_event)
        session.opened.connect(self.refresh)

    def _on_event(self, kind: str, _data: dict[str, Any]) -> None:
        if kind == "servers":
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._session.can("servers") and self._session.state == "open":
            when_done(self._session.poster, self._session.api.servers(), self._set_rows,
                      lambda _m, _d: None)

    def _set_rows(self, data: dict[str, Any]) -> None:
        self._rows = [dict(row) for row in data.get("servers", [])]
        self._automatic = bool(data.get("automatic", True))
        emit(self.changed)

    def _run(self, future: Any, after: Any = None) -> None:
        self._busy, self._error = True, ""
        emit(self.changed)

        def ok(data: dict[str, Any]) -> None:
            self._busy = False
            self._set_rows(data)
            if after is not None:
                after()

        def failed(message: str, _detail: str) -> None:
            self._busy, self._error = False, message
            emit(self.changed)

        when_done(self._session.poster, future, ok, failed)

    @Slot(str, str)
    def add(self, server: str, fingerprint: str) -> None:
        if self._session.can("add_server") and not self._busy:
            self._run(self._session.api.add_server(server, fingerprint),
                      lambda: emit(self.added))

    @Slot(str)
    def remove(self, server: str) -> None:
        if self._session.can("remove_server") and not self._busy:
            self._run(self._session.api.remove_server(server))

    @Slot(str)
    def choose(self, server: str) -> None:
        """Use this server alone ("" = automatic)."""
        if self._session.can("choose_server") and not self._busy:
            self._run(self._session.api.choose_server(server))

    @Slot()
    def clearError(self) -> None:  # noqa: N802
        if self._error:
            self._error = ""
            emit(self.changed)

    @Property("QVariantList", notify=changed)
    def rows(self) -> list[dict[str, Any]]:
        """[{server, host, stateText, reason, state, added, chosen}] for the page."""
        out = []
        for row in self._rows:
            server = str(row.get("server") or "")
            host, port, proto = (server.split(":") + ["", "", ""])[:3]
            state = str(row.get("state") or "untried")
            out.append({
                "server": server, "host": host,
                "port": f"{port} · " + ("TLS" if proto == "s"
                                         else translate("Servers", "no TLS")),
                "state": state,
                "stateText": _state_text(state, str(row.get("reason") or "")),
                "reason": str(row.get("reason") or ""),
                "added": bool(row.get("added")), "chosen": bool(row.get("chosen")),
            })
        return out

    @Property(bool, notify=changed)
    def automatic(self) -> bool:
        return self._automatic

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Property(bool, notify=changed)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed)
    def triedText(self) -> str:
        """Which servers were tried without an answer, for Home ("" when none was)."""
        hosts = [str(r.get("server") or "").split(":")[0] for r in self._rows
                 if r.get("state") in ("failed", "banned")]
        if not hosts:
            return ""
        named = ", ".join(hosts[:MAX_TRIED_NAMED])
        more = len(hosts) - MAX_TRIED_NAMED
        if more > 0:
            return fill(translate("Servers", "Tried %1 and %2 more."), named, more)
        return fill(translate("Servers", "Tried %1."), named)
