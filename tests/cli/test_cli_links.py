"""`kite LINK`, `kite` alone and `kite gui LINK`: which words are links, when the window
opens, and that the link reaches it. The window itself is replaced by a recorder."""

from __future__ import annotations

import os

import pytest

import ui.app
from wallet.cli import main
from wallet.cli.gui_command import split_link
from wallet.payment_request import is_payment_link

ADDRESS_LINK = "bitcoin:bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080?amount=0.001"
INVOICE_LINK = "lightning:lnbcrt1pvjluezpp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypq"


@pytest.mark.parametrize("text, expected", [
    ("bitcoin:bc1qxyz", True), ("BITCOIN:BC1QXYZ", True), ("lightning:lnbc1", True),
    ("Lightning:LNBC1", True), ("bitcoin", False), ("http://bitcoin:8332", False),
    ("javascript:alert(1)", False), ("lnbc1...", False), ("", False), (":bitcoin", False),
    ("lnurlp://shop.example/.well-known/lnurlp/coffee", True), ("LNURLW://x.example/w", True),
    ("keyauth://x.example/login?tag=login&k1=00", True), ("lnurlc://x.example/c", False),
])
def test_is_payment_link(text, expected):
    assert is_payment_link(text) is expected


@pytest.mark.parametrize("argv, rest, link", [
    ([ADDRESS_LINK], [], ADDRESS_LINK),
    (["--network", "regtest", INVOICE_LINK], ["--network", "regtest"], INVOICE_LINK),
    (["--wallet", "/w", "--network=regtest", ADDRESS_LINK], ["--wallet", "/w", "--network=regtest"],
     ADDRESS_LINK),
    # a command's own argument is never taken for the window's link
    (["pay", INVOICE_LINK], ["pay", INVOICE_LINK], None),
    (["send", ADDRESS_LINK, "1000"], ["send", ADDRESS_LINK, "1000"], None),
    # an option's value, even one that looks like a link, stays the option's
    (["--wallet", "bitcoin:x", "info"], ["--wallet", "bitcoin:x", "info"], None),
    (["--", ADDRESS_LINK], ["--", ADDRESS_LINK], None),
    ([], [], None),
])
def test_split_link_takes_only_the_command_place(argv, rest, link):
    assert split_link(list(argv)) == (rest, link)


@pytest.fixture
def window_calls(monkeypatch):
    """Replace the window by a recorder of its arguments."""
    calls: list[dict] = []

    def fake_main(argv, **kwargs):
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(ui.app, "main", fake_main)
    return calls


@pytest.fixture
def no_desktop(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


def test_kite_alone_without_a_desktop_prints_help(no_desktop, window_calls, capsys):
    assert main([]) == 0
    assert "COMMAND" in capsys.readouterr().out
    assert window_calls == []


def test_kite_alone_on_a_desktop_opens_the_window(monkeypatch, window_calls):
    monkeypatch.setenv("DISPLAY", ":0")
    assert main([]) == 0
    assert window_calls == [dict(wallet_dir=None, network=None, screenshot=None, quit_after=None,
                                 server=None, link=None)]


def test_kite_link_opens_the_window_with_it(no_desktop, window_calls):
    assert main(["--network", "regtest", ADDRESS_LINK]) == 0
    assert window_calls[0]["link"] == ADDRESS_LINK
    assert window_calls[0]["network"] == "regtest"


def test_kite_gui_link(no_desktop, window_calls):
    assert main(["gui", INVOICE_LINK, "--quit-after", "1"]) == 0
    assert window_calls[0]["link"] == INVOICE_LINK and window_calls[0]["quit_after"] == 1.0


def test_kite_gui_refuses_what_is_not_a_link(no_desktop, window_calls, capsys):
    assert main(["gui", "javascript:alert(1)"]) == 1
    assert "not a bitcoin: or lightning: link" in capsys.readouterr().err
    assert window_calls == []


def test_headless_screenshot_without_any_display_goes_offscreen(monkeypatch, window_calls):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--screenshot", "x.png"]) == 0
    assert window_calls[0]["screenshot"] == "x.png"
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"


def test_window_without_any_display_is_one_sentence(monkeypatch, window_calls, capsys):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert main([ADDRESS_LINK]) == 1
    assert "no display" in capsys.readouterr().err
    assert window_calls == []
