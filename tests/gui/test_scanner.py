"""Camera scanning: without a camera (the headless tests) the Scan button is hidden and the
scan page says so; frames from a camera are decoded with zxing-cpp and the first QR code
found goes to the Send page's confirmation."""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame

from tests.gui.conftest import click, find_item, settle, shoot
from tests.gui.facade_double import shop_invoice
from tests.gui.test_lightning_flows import _open
from ui.models.scanner import ScannerModel


def _frame(text: str | None) -> QVideoFrame:
    image = QImage(320, 320, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    if text is not None:
        buffer = io.BytesIO()
        segno.make(text, error="m").save(buffer, kind="png", scale=4)
        image.loadFromData(buffer.getvalue())
    return QVideoFrame(image)


def test_frames_are_decoded_first_qr_wins(qtbot):
    scanner = ScannerModel()
    seen: list[str] = []
    scanner.found.connect(seen.append)
    scanner._frame(_frame(None))  # nothing to read yet
    assert seen == []
    scanner._last = 0.0
    invoice = shop_invoice(2_100)
    scanner._frame(_frame(invoice))
    assert seen == [invoice]
    scanner._frame(_frame("bitcoin:x"))  # within the frame interval: not decoded
    assert seen == [invoice]


def test_no_camera_scan_page_says_so_and_a_scan_fills_send(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        scanner = gui.engine.rootContext().contextProperty("scanner")
        assert scanner.hasCamera is False  # offscreen: no camera
        click(qtbot, gui, "sendButton")
        assert not find_item(gui, "scanButton").isVisible()
        gui.session.show_page("ScanPage.qml")  # what the button would open
        settle(qtbot, gui)
        assert gui.current_page() == "scanPage"
        assert scanner.error == "No camera is available."
        shoot(qtbot, gui, "44-scan-no-camera")

        invoice = shop_invoice(2_100, "Scanned coffee")
        scanner._last = 0.0
        scanner._frame(_frame(invoice))
        qtbot.waitUntil(lambda: gui.current_page() == "sendPage")
        assert gui.send.stage == "confirm" and gui.send.description == "Scanned coffee"
    finally:
        gui.close()
