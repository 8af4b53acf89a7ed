"""Every text entry is capped before any decoding work, and the decoders are linear: a very
long invoice, address, Base58 string, pasted text or CLI argument is refused with one
sentence (no timing is asserted: the cap is shown to apply before decoding, and the
bech32 regrouping is shown to keep a bounded accumulator)."""

from __future__ import annotations

import pytest

import wallet.ln.bolt11.invoice as invoice_module
from wallet.bech32 import Bech32Error, convertbits, decode_segwit_address
from wallet.cli import MAX_ARG_LENGTH, main
from wallet.keys.base58 import MAX_LENGTH, Base58Error, b58decode, b58encode
from wallet.ln.bolt11.invoice import MAX_INVOICE_LENGTH, InvoiceError, decode_invoice, tagged_fields
from wallet.networks import MAINNET, REGTEST
from wallet.onchain.addresses import AddressError, address_to_script
from wallet.payment_request import PaymentRequestError, parse_payment_text

HUGE = 300_000


class _Spy(int):
    """An input value that records the size of the accumulator it is OR-ed into."""

    widest = 0

    def __ror__(self, acc: int) -> int:
        _Spy.widest = max(_Spy.widest, acc.bit_length())
        return int(acc) | int(self)


@pytest.mark.parametrize("frombits,tobits", [(5, 8), (8, 5)])
def test_convertbits_keeps_its_accumulator_bounded(frombits, tobits):
    _Spy.widest = 0
    data = [_Spy(v % (1 << frombits)) for v in range(20_000)]
    out = convertbits(data, frombits, tobits)
    assert len(out) == -(-20_000 * frombits // tobits)
    assert _Spy.widest <= 2 * frombits + tobits  # not 100,000 bits: linear work
    assert convertbits(convertbits(out, tobits, frombits, pad=False), frombits, tobits) == out


def test_convertbits_still_checks_padding():
    with pytest.raises(Bech32Error, match="padding"):
        convertbits([31, 31], 5, 8, pad=False)


@pytest.fixture
def no_decoding(monkeypatch):
    """Any bech32 decoding fails the test: the cap must come first."""

    def forbidden(*a, **k):
        raise AssertionError("decoded a text that is over the cap")

    monkeypatch.setattr(invoice_module, "decode_bech32", forbidden)


@pytest.mark.parametrize("text", ["lnbc1" + "q" * HUGE, "lightning:lnbc1" + "p" * MAX_INVOICE_LENGTH,
                                  " " * (MAX_INVOICE_LENGTH + 1)])
def test_a_long_invoice_is_refused_before_decoding(no_decoding, text):
    with pytest.raises(InvoiceError) as e:
        decode_invoice(text)
    assert str(e.value) == (f"This invoice is {len(text):,} characters long; Kite reads "
                            f"invoices of at most {MAX_INVOICE_LENGTH:,} characters.")
    with pytest.raises(InvoiceError, match="at most 7,000 characters"):
        tagged_fields(text)


def test_an_invoice_just_under_the_cap_is_decoded_not_refused_for_length():
    with pytest.raises(InvoiceError) as e:
        decode_invoice("lnbc1" + "q" * (MAX_INVOICE_LENGTH - 5))
    assert "characters long" not in str(e.value)  # reached the decoder (bad checksum)


def test_a_long_base58_text_is_refused_before_arithmetic():
    payload = bytes(range(1, 83))  # an extended key is 82 bytes with its checksum
    assert len(b58encode(payload)) <= MAX_LENGTH
    assert b58decode(b58encode(payload)) == payload
    for text in ("1" * (MAX_LENGTH + 1), "z" * HUGE):
        with pytest.raises(Base58Error, match=f"too long for Base58 text \\(at most {MAX_LENGTH}\\)"):
            b58decode(text)


@pytest.mark.parametrize("text", ["bc1" + "q" * HUGE, "1" * HUGE, " " * HUGE + "bc1q",
                                  "bc1q" + "q" * 87])
def test_a_long_address_is_refused(text):
    with pytest.raises(AddressError, match="too long for an address"):
        address_to_script(text, MAINNET)
    if len(text.strip()) > 90:
        with pytest.raises(Bech32Error, match="too long"):
            decode_segwit_address("bc", text.strip())


@pytest.mark.parametrize("text", ["x" * HUGE, "bitcoin:" + "q" * HUGE,
                                  "lightning:lnbc1" + "q" * HUGE])
def test_a_long_paste_is_refused_with_one_sentence(no_decoding, text):
    with pytest.raises(PaymentRequestError) as e:
        parse_payment_text(text, REGTEST)
    assert e.value.message == "This text is too long to be a Bitcoin address or a Lightning invoice."


def test_a_long_cli_argument_is_refused(capsys):
    code = main(["decode", "lnbc1" + "q" * MAX_ARG_LENGTH])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"kite: an argument of {MAX_ARG_LENGTH + 5:,} characters is too long "
        f"(at most {MAX_ARG_LENGTH:,})")
    # under the argument cap, over the invoice cap: the invoice's own sentence
    assert main(["decode", "lnbc1" + "q" * MAX_INVOICE_LENGTH]) == 2
    assert "Kite reads invoices of at most" in capsys.readouterr().err
