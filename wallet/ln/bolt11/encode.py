"""BOLT 11: sign and encode an `Invoice` with the payee's node key (the decoder and its checks
are in invoice.py). Pure."""

from __future__ import annotations

from dataclasses import replace

from coincurve import PrivateKey

from wallet.bech32 import (
    CHARSET,
    encode_bech32,
)
from wallet.ln.bolt11.groups import bytes_to_groups, int_to_groups, signing_hash
from wallet.ln.bolt11.invoice import (
    DEFAULT_EXPIRY,
    DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA,
    KNOWN_FEATURES,
    MAX_FIELD_GROUPS,
    TAG_DESCRIPTION,
    TAG_DESCRIPTION_HASH,
    TAG_EXPIRY,
    TAG_FALLBACK,
    TAG_FEATURES,
    TAG_METADATA,
    TAG_MIN_FINAL_CLTV,
    TAG_PAYEE,
    TAG_PAYMENT_HASH,
    TAG_PAYMENT_SECRET,
    TAG_ROUTE,
    TIMESTAMP_GROUPS,
    Invoice,
    InvoiceError,
    decode_invoice,
    format_amount,
)


def _field(tag: str, groups: list[int]) -> list[int]:
    if len(groups) > MAX_FIELD_GROUPS:
        raise InvoiceError(
            f"field '{tag}' needs {len(groups)} characters, at most {MAX_FIELD_GROUPS} fit"
        )
    return [CHARSET.index(tag), len(groups) >> 5, len(groups) & 31] + groups


def encode_invoice(invoice: Invoice, private_key: bytes, *, include_payee: bool = False) -> str:
    """Sign `invoice` with the payee's node key and encode it (lower case).

    Fields go in a fixed order (s, p, d or h, m, x, c, f..., r..., 9, n); `x` and `c` are
    left out when they hold the defaults, `9` when no feature bit is set, `n` unless
    `include_payee`. Ignored fields of a decoded invoice are not written back.
    """
    try:
        key = PrivateKey(private_key)
    except (ValueError, TypeError):
        raise InvoiceError("the signing key is not a valid secp256k1 private key") from None
    if key.public_key.format(compressed=True) != invoice.payee:
        raise InvoiceError("the signing key does not belong to the invoice's payee")

    groups = int_to_groups(invoice.timestamp, TIMESTAMP_GROUPS)
    groups += _field(TAG_PAYMENT_SECRET, bytes_to_groups(invoice.payment_secret))
    groups += _field(TAG_PAYMENT_HASH, bytes_to_groups(invoice.payment_hash))
    if invoice.description is not None:
        groups += _field(TAG_DESCRIPTION, bytes_to_groups(invoice.description.encode("utf-8")))
    else:
        assert invoice.description_hash is not None
        groups += _field(TAG_DESCRIPTION_HASH, bytes_to_groups(invoice.description_hash))
    if invoice.metadata is not None:
        groups += _field(TAG_METADATA, bytes_to_groups(invoice.metadata))
    if invoice.expiry != DEFAULT_EXPIRY:
        groups += _field(TAG_EXPIRY, int_to_groups(invoice.expiry))
    if invoice.min_final_cltv_expiry_delta != DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA:
        groups += _field(TAG_MIN_FINAL_CLTV, int_to_groups(invoice.min_final_cltv_expiry_delta))
    for fallback in invoice.fallbacks:
        groups += _field(TAG_FALLBACK, [fallback.version] + bytes_to_groups(fallback.program))
    for route in invoice.route_hints:
        groups += _field(TAG_ROUTE, bytes_to_groups(b"".join(h.to_bytes() for h in route)))
    if invoice.features:
        groups += _field(TAG_FEATURES, int_to_groups(sum(1 << b for b in invoice.features)))
    if include_payee:
        groups += _field(TAG_PAYEE, bytes_to_groups(invoice.payee))

    hrp = "ln" + invoice.network.invoice_hrp
    if invoice.amount_msat is not None:
        hrp += format_amount(invoice.amount_msat)
    signature = key.sign_recoverable(signing_hash(hrp, groups), hasher=None)
    text = encode_bech32(hrp, groups + bytes_to_groups(signature))
    # Never hand out an invoice that does not read back as what was asked for.
    again = decode_invoice(text, known_features=KNOWN_FEATURES | invoice.features)
    if again != replace(invoice, ignored_fields=()):
        raise InvoiceError("the encoded invoice does not decode to the same invoice")
    return text
