"""`kite gui --check-qml`: compile every page of the interface and report what fails.

Pages are loaded by the StackView only when the user opens them, so a window that starts
fine can still miss a Qt Quick module (Dialogs, Multimedia, a Controls style) that a later
page imports. This compiles each QML file once, which resolves all its imports and types,
without creating windows or a wallet: the check an installed bundle or package runs.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine

from ui.app import QML_DIR, _application, prepare_qt


def check_qml() -> dict[str, list[str]]:
    """{file name: its errors} for every page that does not compile (empty: all do)."""
    prepare_qt()
    _application(["kite"])
    engine = QQmlEngine()
    failures: dict[str, list[str]] = {}
    for path in sorted(QML_DIR.glob("*.qml")):
        component = QQmlComponent(engine, QUrl.fromLocalFile(str(path)))
        if component.isError():
            failures[path.name] = [e.toString() for e in component.errors()]
    return failures


def main() -> int:
    """Print one line per page (ok / the errors); exit code 1 when any page fails."""
    pages = sorted(p.name for p in QML_DIR.glob("*.qml"))
    if not pages:
        print(f"kite: no QML pages found in {QML_DIR}", file=sys.stderr)
        return 1
    failures = check_qml()
    for name in pages:
        print(f"{name}: " + ("; ".join(failures[name]) if name in failures else "ok"))
    print(f"{len(pages) - len(failures)} of {len(pages)} pages load")
    return 1 if failures else 0
