"""Kite's node: everything below the GUI. Never imports Qt."""

__version__ = "0.1.0"
