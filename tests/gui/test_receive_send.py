"""Receive shows QR codes that decode to exactly what is shown (the BIP 21 unified request by
default, the Lightning invoice, the address); bad Send input changes nothing."""

from __future__ import annotations

import segno
import zxingcpp
from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QImage

from tests.gui.conftest import (
    click,
    find_item,
    open_new_wallet,
    regtest_addresses,
    settle,
    type_text,
)
from wallet.api import lightning_balance
from wallet.ln.bolt11.invoice import decode_invoice
from wallet.lnurl import receive_room
from wallet.payment_request import make_bip21


def _qr_text_on_screen(qtbot, gui) -> str:
    """Decode the QR code as rendered in the window (not the model's string)."""
    settle(qtbot, gui)
    qtbot.wait(150)
    item = find_item(gui, "qrImage")
    assert item.isVisible()
    rect = item.mapRectToScene(QRectF(0, 0, item.width(), item.height())).toRect()
    shot = gui.window.grabWindow().copy(rect)
    found = zxingcpp.read_barcodes(shot.convertToFormat(QImage.Format.Format_Grayscale8))
    assert len(found) == 1
    return found[0].text


def _show_receive(qtbot, gui, monkeypatch) -> str:
    """Open a new wallet and its Receive page; the address the node gave. The node's
    Lightning figures say its channels can take 1 BTC in (a new wallet has none, and then
    the request leaves Lightning out: see test_money_correct)."""
    open_new_wallet(qtbot, gui)
    room = dict(lightning_balance([]), lightning_receivable=100_000_000)
    gui.session.api._service.view._lightning = lambda: dict(room)
    # and the node's own check before an invoice (receive_quote / invoice) agrees
    monkeypatch.setattr(receive_room, "receivable_msat", lambda _rows: 100_000_000_000)
    gui.wallet.refresh()
    qtbot.waitUntil(lambda: gui.wallet.receivable() == 100_000_000)
    click(qtbot, gui, "receiveButton")
    assert gui.current_page() == "receivePage"
    qtbot.waitUntil(lambda: gui.receive.address != "", timeout=20_000)
    address = gui.receive.address
    assert address.startswith("bcrt1q")
    return address


def _wait_invoice(qtbot, gui, amount_msat, description: str) -> str:
    """The invoice the node made for this amount and description (after the typing pause)."""
    qtbot.waitUntil(lambda: gui.receive.invoice != "", timeout=10_000)
    invoice = gui.receive.invoice
    decoded = decode_invoice(invoice)
    assert (decoded.amount_msat, decoded.description) == (amount_msat, description)
    assert decoded.payee.hex() == gui.session.nodeId
    return invoice


def test_receive_qr_decodes_to_the_uri_the_invoice_and_the_address(qtbot, make_gui, monkeypatch):
    gui = make_gui()
    address = _show_receive(qtbot, gui, monkeypatch)
    invoice = _wait_invoice(qtbot, gui, None, "")
    unified = make_bip21(address, lightning=invoice)
    assert find_item(gui, "receiveText").property("text") == unified
    assert _qr_text_on_screen(qtbot, gui) == unified  # the default view

    type_text(qtbot, gui, "receiveAmount", "12345")
    type_text(qtbot, gui, "receiveDescription", "Coffee & cake")
    assert "lightning=" not in gui.receive.uri  # the old invoice is never shown with the new amount
    invoice = _wait_invoice(qtbot, gui, 12_345_000, "Coffee & cake")
    expected = make_bip21(address, 12345, message="Coffee & cake", lightning=invoice)
    assert gui.receive.uri == expected
    assert find_item(gui, "receiveText").property("text") == expected
    assert _qr_text_on_screen(qtbot, gui) == expected

    find_item(gui, "receiveTabs").setProperty("currentIndex", 1)
    assert _qr_text_on_screen(qtbot, gui) == invoice  # exactly the invoice
    find_item(gui, "receiveTabs").setProperty("currentIndex", 2)
    assert _qr_text_on_screen(qtbot, gui) == address

    click(qtbot, gui, "copyButton")
    assert QGuiApplication.clipboard().text() == address


def test_receive_bad_amount_is_explained(qtbot, make_gui, monkeypatch):
    gui = make_gui()
    _show_receive(qtbot, gui, monkeypatch)
    type_text(qtbot, gui, "receiveAmount", "500")
    qtbot.waitUntil(lambda: "amount=0.000005" in gui.receive.uri)
    type_text(qtbot, gui, "receiveAmount", "500.5.3")
    assert gui.receive.amountError
    assert gui.receive.uri == "" and gui.receive.invoice == ""  # no request for 500 sat
    settle(qtbot, gui)
    assert not find_item(gui, "qrImage").isVisible()
    assert "Correct the amount" in find_item(gui, "receiveEmptyText").property("text")


def _show_send(qtbot, gui) -> None:
    open_new_wallet(qtbot, gui)
    click(qtbot, gui, "sendButton")
    assert gui.current_page() == "sendPage"


def test_invalid_paste_shows_error_and_changes_nothing(qtbot, make_gui):
    gui = make_gui()
    _show_send(qtbot, gui)
    type_text(qtbot, gui, "sendInput", "this is not a payment")
    click(qtbot, gui, "sendContinueButton")
    error = find_item(gui, "sendError")
    assert error.isVisible()
    assert "does not look like" in error.property("message")
    assert gui.send.stage == "input" and gui.send.recipient == ""

    # A mainnet address on a regtest wallet: told so, in words.
    mainnet = regtest_addresses()[0].replace("bcrt1", "bc1")  # not valid; just a wrong prefix
    type_text(qtbot, gui, "sendInput", mainnet)
    click(qtbot, gui, "sendContinueButton")
    assert gui.send.stage == "input" and error.property("message")

    # The clipboard holding garbage: same.
    QGuiApplication.clipboard().setText("lnbc1garbage")
    click(qtbot, gui, "pasteButton")
    assert gui.send.stage == "input"
    assert "Lightning invoice is not valid" in error.property("message")
    assert gui.send.errorDetail  # the technical reason is one tap away

    # A valid address moves on to the confirmation ...
    address = regtest_addresses()[1]
    type_text(qtbot, gui, "sendInput", address)
    click(qtbot, gui, "sendContinueButton")
    assert gui.send.stage == "confirm" and gui.send.recipient == address
    assert gui.send.amountEditable
    # ... and a bad string afterwards leaves that confirmation exactly as it was.
    assert not gui.send.parse("bitcoin:" + address + "?amount=abc")
    assert gui.send.stage == "confirm" and gui.send.recipient == address
    assert gui.send.amountSat == 0
    assert "amount" in gui.send.error


def test_send_from_qr_image_file_and_clipboard_image(qtbot, make_gui, tmp_path):
    gui = make_gui()
    _show_send(qtbot, gui)
    address = regtest_addresses()[0]
    uri = make_bip21(address, 50_000, label="Shop")
    path = tmp_path / "qr.png"
    segno.make(uri).save(str(path), scale=6)
    assert gui.send.openImage(str(path))
    settle(qtbot, gui)
    assert gui.send.stage == "confirm"
    assert (gui.send.recipient, gui.send.amountSat) == (address, 50_000)
    assert not gui.send.amountEditable
    assert find_item(gui, "confirmAmount").isVisible()

    gui.send.reset()
    blank = tmp_path / "blank.png"
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    image.save(str(blank))
    assert not gui.send.openImage(str(blank))
    assert "No QR code" in gui.send.error and gui.send.stage == "input"

    QGuiApplication.clipboard().setImage(QImage(str(path)))
    click(qtbot, gui, "pasteButton")
    assert gui.send.stage == "confirm" and gui.send.recipient == address


def test_expired_lightning_invoice_shows_why_it_cannot_be_paid(qtbot, make_gui):
    from tests.conftest import load_vector
    from wallet.networks import MAINNET

    case = next(v for v in load_vector("bolt11_invoices.json")["valid"]
                if v["decoded"]["currency"] == "bc" and v["decoded"].get("amount_msat"))
    gui = make_gui(network=MAINNET)
    _show_send(qtbot, gui)
    type_text(qtbot, gui, "sendInput", "lightning:" + case["invoice"])
    click(qtbot, gui, "sendContinueButton")
    assert gui.send.stage == "confirm" and gui.send.lightning
    assert gui.send.amountSat * 1000 >= case["decoded"]["amount_msat"]
    assert gui.send.recipient == case["decoded"]["payee_pubkey"]
    assert not gui.send.canSend
    reason = find_item(gui, "cannotSendReason")
    assert reason.isVisible() and "expired" in reason.property("text")
    from tests.gui.conftest import shoot

    shoot(qtbot, gui, "26-send-lightning-invoice")


def test_receive_save_image_writes_a_decodable_png(qtbot, make_gui, tmp_path, monkeypatch):
    gui = make_gui()
    address = _show_receive(qtbot, gui, monkeypatch)
    type_text(qtbot, gui, "receiveAmount", "0")
    assert gui.receive.amountError  # zero is not an amount to ask for
    type_text(qtbot, gui, "receiveAmount", "777")
    invoice = _wait_invoice(qtbot, gui, 777_000, "")
    target = tmp_path / "out" / "request"
    target.parent.mkdir()
    assert gui.receive.saveImage(gui.receive.uri, target.as_uri())
    image = QImage(str(target) + ".png")
    found = zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))
    assert [b.text for b in found] == [make_bip21(address, 777, lightning=invoice)]
    assert not gui.receive.saveImage(gui.receive.uri, str(tmp_path / "missing" / "x.png"))
    assert gui.receive.saveError.startswith("The image could not be saved there")
