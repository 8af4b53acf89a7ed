"""`emit(signal, *args)`: emit a Qt signal from Python without corrupting `True`.

PySide6 6.12.0's `SignalInstance.emit()` returns `True` without taking a reference to it,
so every emit steals one reference from the `True` singleton. On Python 3.11 (where `True`
is not immortal) a long-running GUI would eventually free `True` and abort ("bool_dealloc:
deallocating True or False"). We probe for the bug once at import and, only if present,
give back the stolen reference after each emit. Harmless where the bug is fixed.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    rounds = 16
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    return before - sys.getrefcount(True) == rounds


EMIT_STEALS_REFERENCE = _emit_steals_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, repairing PySide's reference count of the result if needed."""
    result = signal.emit(*args)
    if EMIT_STEALS_REFERENCE and isinstance(result, bool):
        _incref(result)
