"""BOLT 12 invoice errors: the recipient's (or payer's) explanation, shown quoted."""

from __future__ import annotations

from wallet.ln.bolt12.errors import Bolt12Error
from wallet.ln.bolt12.fields import INVOICE_ERROR, decode_stream, encode_records, stream_bytes
from wallet.ln.bolt12.message import Bolt12Message

MAX_ERROR_TEXT = 1000


class InvoiceError(Bolt12Message):
    @classmethod
    def from_bytes(cls, data: bytes) -> InvoiceError:
        records, values = decode_stream(INVOICE_ERROR, data)
        if "error" not in values:
            raise Bolt12Error("the invoice error carries no explanation")
        if "suggested_value" in values and "erroneous_field" not in values:
            raise Bolt12Error("the invoice error suggests a value for no field")
        return cls(records, values)

    @classmethod
    def build(cls, error: str, erroneous_field: int | None = None,
              suggested_value: bytes | None = None) -> InvoiceError:
        values = {"error": error[:MAX_ERROR_TEXT], "erroneous_field": erroneous_field,
                  "suggested_value": suggested_value}
        return cls.from_bytes(stream_bytes(encode_records(INVOICE_ERROR, values)))

    @property
    def text(self) -> str:
        return self.values["error"]

    @property
    def erroneous_field(self) -> int | None:
        return self.get("erroneous_field")
