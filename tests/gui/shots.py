"""Screenshots of the current page at a phone size and a desktop size."""

from __future__ import annotations

from tests.gui.conftest import SCREENSHOTS, settle

SIZES = ((400, 800), (1200, 900))


def shoot_sizes(qtbot, gui, name: str) -> None:
    """`<name>-400x800-<theme>.png` and `<name>-1200x900-<theme>.png`; back to 400×800."""
    for size in SIZES:
        gui.window.resize(*size)
        settle(qtbot, gui)
        qtbot.wait(150)
        path = SCREENSHOTS / f"{name}-{size[0]}x{size[1]}-{gui.settings.theme}.png"
        assert gui.screenshot(path), f"could not write {path}"
    gui.window.resize(*SIZES[0])
    settle(qtbot, gui)
