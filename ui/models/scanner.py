"""Scanning a QR code with a camera (QtMultimedia), only when one exists.

QtMultimedia is imported on first use: it is not needed to start the app, and on machines
without its system libraries (or without a camera, like the headless tests) `hasCamera` is
simply false and the Scan button stays hidden. Frames from the camera are decoded with
zxing-cpp (a few per second); the first QR code found ends the scan.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ui.i18n.words import fill, translate
from ui.models.send import decode_qr
from ui.models.signals import emit

log = logging.getLogger(__name__)
FRAME_INTERVAL = 0.25  # seconds between decoded frames


def _multimedia() -> Any | None:
    try:
        from PySide6 import QtMultimedia
    except ImportError as e:  # missing system libraries (PulseAudio, GStreamer/FFmpeg)
        log.info("no camera support: %s", e)
        return None
    return QtMultimedia


class ScannerModel(QObject):
    found = Signal(str)  # the text of the QR code seen
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._has_camera: bool | None = None
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None
        self._last = 0.0
        self._error = ""

    @Property(bool, constant=True)
    def hasCamera(self) -> bool:  # noqa: N802
        if self._has_camera is None:
            mm = _multimedia()
            self._has_camera = bool(mm is not None and mm.QMediaDevices.videoInputs())
        return self._has_camera

    @Property(str, notify=changed)
    def error(self) -> str:
        return self._error

    @Slot(QObject)
    def start(self, sink: QObject) -> None:
        """Show the default camera in `sink` (a VideoOutput's videoSink) and decode it."""
        mm = _multimedia()
        if mm is None or not self.hasCamera or not isinstance(sink, mm.QVideoSink):
            self._error = translate("Scanner", "No camera is available.")
            emit(self.changed)
            return
        self.stop()
        self._camera = mm.QCamera(mm.QMediaDevices.defaultVideoInput())
        self._session = mm.QMediaCaptureSession()
        self._session.setCamera(self._camera)
        self._session.setVideoSink(sink)
        self._sink = sink
        sink.videoFrameChanged.connect(self._frame)
        self._camera.errorOccurred.connect(self._camera_error)
        self._camera.start()

    def _camera_error(self, _code: Any, text: str) -> None:
        self._error = fill(translate("Scanner", "The camera failed: %1"), text)
        emit(self.changed)

    def _frame(self, frame: Any) -> None:
        now = time.monotonic()
        if now - self._last < FRAME_INTERVAL or not frame.isValid():
            return
        self._last = now
        text = decode_qr(frame.toImage())
        if text:
            self.stop()
            emit(self.found, text)

    @Slot()
    def stop(self) -> None:
        if self._sink is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._sink.videoFrameChanged.disconnect(self._frame)
        if self._camera is not None:
            self._camera.stop()
        self._camera = self._session = self._sink = None
