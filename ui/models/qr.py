"""QR codes for QML: `image://qr/<percent-encoded text>` renders the text with segno."""

from __future__ import annotations

import io
from urllib.parse import quote, unquote

import segno
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

BORDER = 4  # quiet-zone modules, as the QR standard asks


def qr_image(text: str, pixels: int = 600) -> QImage:
    """Dark modules on white (readable on any theme), about `pixels` wide, crisp edges."""
    code = segno.make(text, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=BORDER)[0]
    scale = max(1, pixels // modules)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=BORDER, dark="#000000", light="#ffffff")
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image


def qr_source(text: str) -> str:
    """The QML image source for `text` (empty when there is nothing to show)."""
    return f"image://qr/{quote(text, safe='')}" if text else ""


def save_qr_png(text: str, path: str, pixels: int = 800) -> None:
    if not qr_image(text, pixels).save(path, "PNG"):
        raise OSError(f"could not write {path}")  # not-words: shown in a translated sentence


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requested: QSize) -> QImage:  # noqa: A002,N802
        text = unquote(id)
        pixels = max(requested.width(), requested.height(), 0) or 600
        image = qr_image(text, pixels) if text else QImage(1, 1, QImage.Format.Format_RGB32)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
