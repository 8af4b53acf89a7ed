"""Emitting signals through `ui.models.signals.emit` leaves `True`'s reference count alone
(PySide6 6.12.0's own `emit()` steals one reference per call)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui.models.signals import emit


class _Thing(QObject):
    plain = Signal()
    with_text = Signal(str)


def test_emit_keeps_true_alive():
    thing = _Thing()
    seen: list[str] = []
    thing.with_text.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(1000):
        emit(thing.plain)
        emit(thing.with_text, "x")
    # Unrepaired, 2000 emits would take 2000 references; allow a little unrelated noise.
    assert abs(sys.getrefcount(True) - before) < 20
    assert len(seen) == 1000
