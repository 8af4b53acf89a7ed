"""Send accepts BIP 353 names (issue 15): the node resolves the name over DNSSEC before
anything is shown; the confirmation names the ₿name and says its proof checked, and the offer
shown is exactly the one paid (with the name in the request). A `₿` name is only ever BIP 353;
a bare user@domain is tried as BIP 353 first and becomes a Lightning address (the LNURL
page) only when it publishes nothing. A lying resolver stops at one sentence."""

from __future__ import annotations

import pytest

from tests.gui.conftest import click, find_item, settle, type_text
from tests.gui.shots import shoot_sizes
from tests.gui.test_lightning_flows import _open
from tests.gui.test_send_offer import _offer
from ui.models.glyphs import shown_name
from wallet.bip353.errors import Bip353Error, NameUnanswered

ADDRESS = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"


def _enter(qtbot, gui, text):
    click(qtbot, gui, "sendButton")
    type_text(qtbot, gui, "sendInput", text)
    click(qtbot, gui, "sendContinueButton")


@pytest.mark.parametrize("typed", ["₿alice@shop.example", " alice@Shop.Example "])
def test_a_name_resolves_to_its_offer_shown_and_paid(qtbot, tmp_path, typed):
    gui, api = _open(qtbot, tmp_path)
    offer = _offer(amount=5_000_000, description="A scarf", issuer="Shop", quantity_max=3)
    api.names["₿alice@shop.example"] = f"bitcoin:?lno={offer}"
    api.delay = 0.3  # the lookup takes a moment: the page says what it is doing
    try:
        _enter(qtbot, gui, typed)
        assert gui.send.resolving == "₿alice@shop.example"
        assert find_item(gui, "resolvingRow").isVisible()
        assert not find_item(gui, "sendContinueButton").property("enabled")
        qtbot.waitUntil(lambda: gui.send.stage == "confirm", timeout=5000)
        api.delay = 0
        assert api.resolved == ["₿alice@shop.example"]  # looked up once, by its ₿ form
        assert gui.send.bip353Name == "₿alice@shop.example"
        assert find_item(gui, "nameRow").property("value") == shown_name("₿alice@shop.example")
        assert find_item(gui, "dnssecLabel").isVisible()
        assert (gui.send.recipient, gui.send.description) == ("Shop", "A scarf")
        type_text(qtbot, gui, "quantityField", "2")
        assert find_item(gui, "confirmAmount").property("text") == "10\u202f000 sat"
        if typed.startswith("₿"):
            shoot_sizes(qtbot, gui, "15c-send-bip353-confirm")
        click(qtbot, gui, "confirmSendButton")
        qtbot.waitUntil(lambda: gui.send.stage == "done", timeout=5000)
        # exactly the offer shown (not a second lookup), with the name for the issuer
        assert api.resolved == ["₿alice@shop.example"]
        assert api.offers_paid == [(offer, 10_000, 100)]
        assert api.offer_extras == [{"quantity": 2, "note": None,
                                     "bip353_name": "₿alice@shop.example"}]
    finally:
        gui.close()


def test_a_name_with_only_an_address_is_an_onchain_send_naming_it(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    api.names["₿bob@shop.example"] = f"bitcoin:{ADDRESS}?amount=0.0001"
    try:
        _enter(qtbot, gui, "₿bob@shop.example")
        qtbot.waitUntil(lambda: gui.send.stage == "confirm", timeout=5000)
        assert not gui.send.lightning and gui.send.recipient == ADDRESS
        assert gui.send.amountSat == 10_000 and gui.send.bip353Name == "₿bob@shop.example"
        assert find_item(gui, "dnssecLabel").isVisible()
    finally:
        gui.close()


def test_a_lying_resolver_gets_one_sentence_and_nothing_is_paid(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    api.names["₿alice@shop.example"] = Bip353Error(  # dnssec_chain's sentence for a forgery
        "The DNSSEC signature on TXT for alice.user._bitcoin-payment.shop.example. is not "
        "valid (forged, expired or not yet valid).")
    try:
        _enter(qtbot, gui, "alice@shop.example")  # bare: still no Lightning-address fallback
        qtbot.waitUntil(lambda: gui.send.error != "", timeout=5000)
        assert gui.send.error.startswith("The DNSSEC signature on TXT for alice.")
        assert gui.send.error.endswith("is not valid (forged, expired or not yet valid).")
        assert gui.send.stage == "input" and gui.current_page() == "sendPage"
        assert api.offers_paid == [] and api.paid == []
        assert find_item(gui, "sendError").isVisible()
        shoot_sizes(qtbot, gui, "15d-send-bip353-lying-resolver")
    finally:
        gui.close()


def test_a_bare_unpublished_name_is_a_lightning_address(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        _enter(qtbot, gui, "carol@wallet.example")  # api.names has none: NameNotPublished
        qtbot.waitUntil(lambda: gui.current_page() == "lnurlPage", timeout=5000)
        assert api.resolved == ["₿carol@wallet.example"] and gui.send.error == ""
    finally:
        gui.close()


@pytest.mark.parametrize("bare", [True, False])
def test_a_name_dns_never_answered_about_falls_back_only_when_bare(qtbot, tmp_path, bare):
    """A timeout (NameUnanswered) is no answer: a bare user@domain goes on as a Lightning
    address; a ₿name stops with the sentence (it is only ever BIP 353)."""
    gui, api = _open(qtbot, tmp_path)
    api.names["₿dave@wallet.example"] = NameUnanswered(
        "DNS did not answer about ₿dave@wallet.example in time.")
    try:
        _enter(qtbot, gui, "dave@wallet.example" if bare else "₿dave@wallet.example")
        if bare:
            qtbot.waitUntil(lambda: gui.current_page() == "lnurlPage", timeout=5000)
            assert gui.send.error == ""
        else:
            qtbot.waitUntil(lambda: gui.send.error != "", timeout=5000)
            assert "in time" in gui.send.error and gui.current_page() == "sendPage"
        assert api.resolved == ["₿dave@wallet.example"] and api.offers_paid == []
    finally:
        gui.close()


def test_a_b_prefixed_unpublished_name_is_never_a_lightning_address(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    try:
        _enter(qtbot, gui, "₿carol@wallet.example")
        qtbot.waitUntil(lambda: gui.send.error != "", timeout=5000)
        assert "does not exist" in gui.send.error
        assert gui.current_page() == "sendPage" and gui.send.stage == "input"
    finally:
        gui.close()


@pytest.mark.parametrize("text", ["₿", "₿alice@", "₿al ice@shop.example", "₿a@localhost"])
def test_a_malformed_b_name_is_refused_without_asking_dns(qtbot, tmp_path, text):
    gui, api = _open(qtbot, tmp_path)
    try:
        assert not gui.send.parse(text)
        assert gui.send.error and api.resolved == []
    finally:
        gui.close()


def test_going_back_while_a_name_resolves_drops_its_answer(qtbot, tmp_path):
    gui, api = _open(qtbot, tmp_path)
    api.names["₿alice@shop.example"] = f"bitcoin:?lno={_offer(amount=1_000_000, description='x')}"
    api.delay = 0.3
    try:
        _enter(qtbot, gui, "₿alice@shop.example")
        gui.send.reset()
        qtbot.wait(600)
        settle(qtbot, gui)
        assert gui.send.stage == "input" and gui.send.resolving == ""
        assert gui.send.bip353Name == ""
    finally:
        gui.close()


@pytest.mark.parametrize("answer", [
    {"name": "₿mallory@evil.example", "dnssec": True},  # the answer for another name
    {"name": "₿alice@shop.example", "dnssec": False},  # not proven
    {"name": "₿alice@shop.example"},
])
def test_an_answer_not_proven_for_this_name_is_not_used(qtbot, tmp_path, monkeypatch, answer):
    gui, api = _open(qtbot, tmp_path)
    uri = f"bitcoin:?lno={_offer(amount=1_000_000, description='x')}"
    monkeypatch.setattr(api, "resolve_name", lambda name: api._answer(answer | {"uri": uri}))
    try:
        _enter(qtbot, gui, "₿alice@shop.example")
        qtbot.waitUntil(lambda: gui.send.error != "", timeout=5000)
        assert "was not proven" in gui.send.error and gui.send.stage == "input"
        assert gui.send.bip353Name == ""
    finally:
        gui.close()
