"""Kite's icon (resources/icons/kite.svg) rendered as PNGs in the hicolor theme's sizes, with
Qt's own SVG renderer (no other tool needed to build the package)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_png(svg: Path, size: int, target: Path) -> None:
    """Draw `svg` into a transparent size x size PNG at `target`."""
    if QGuiApplication.instance() is None:
        QGuiApplication._kite_icons = QGuiApplication(["kite-icons"])  # keep it alive
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")
