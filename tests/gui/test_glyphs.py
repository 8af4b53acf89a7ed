"""A BIP 353 name is shown with ₿ only where some font draws it (never as a box)."""

from __future__ import annotations

from ui.models import glyphs


def test_name_keeps_its_sign_only_where_it_can_be_drawn(qapp, monkeypatch):
    drawn = glyphs.can_draw_bitcoin_sign()
    assert glyphs.shown_name("₿alice@shop.example") == (
        "₿alice@shop.example" if drawn else "alice@shop.example")
    monkeypatch.setattr(glyphs, "can_draw_bitcoin_sign", lambda: False)
    assert glyphs.shown_name("₿alice@shop.example") == "alice@shop.example"
    monkeypatch.setattr(glyphs, "can_draw_bitcoin_sign", lambda: True)
    assert glyphs.shown_name("₿alice@shop.example") == "₿alice@shop.example"
    assert glyphs.shown_name("") == ""
