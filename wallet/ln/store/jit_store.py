"""JIT channels bought (LSPS2) in SQLite (`lsps2_purchases`, migration 10): an invoice's
purchase is stored before the invoice is handed out, so that after a restart the wallet
still accepts its LSP's zero-conf channel and the HTLC short by the agreed fee. Rows a day
past their offer's `valid_until` are dropped when loaded (the LSP no longer honours them).
"""

from __future__ import annotations

import json
import time

from wallet.lsp import lsps2
from wallet.storage.database import Database

KEEP_AFTER_VALID_UNTIL = 86_400


class JitStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, payment_hash: bytes, jit: lsps2.JitChannel) -> None:
        record = {"lsp": jit.lsp_node_id.hex(), "scid": jit.jit_channel_scid,
                  "cltv": jit.lsp_cltv_expiry_delta, "trusts": jit.client_trusts_lsp,
                  "params": jit.params.raw, "size": jit.payment_size_msat,
                  "fee": jit.opening_fee_msat}
        with self.db.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO lsps2_purchases (payment_hash, record, valid_until) "
                "VALUES (?, ?, ?)",
                (payment_hash, json.dumps(record), int(jit.params.valid_until.timestamp())))

    def load(self) -> dict[bytes, lsps2.JitChannel]:
        """The purchases still worth keeping (older ones are deleted); a row that no longer
        parses is skipped (its invoice then cannot be paid: refused, nothing lost)."""
        cutoff = int(time.time()) - KEEP_AFTER_VALID_UNTIL
        with self.db.transaction():
            self.db.execute("DELETE FROM lsps2_purchases WHERE valid_until < ?", (cutoff,))
        out: dict[bytes, lsps2.JitChannel] = {}
        for payment_hash, text, _ in self.db.query(
                "SELECT payment_hash, record, valid_until FROM lsps2_purchases"):
            try:
                r = json.loads(text)
                params = lsps2.OpeningFeeParams.from_json(r["params"])
                out[bytes(payment_hash)] = lsps2.JitChannel(
                    bytes.fromhex(r["lsp"]), int(r["scid"]), int(r["cltv"]), bool(r["trusts"]),
                    params, r["size"], r["fee"])
            except (ValueError, KeyError, TypeError, lsps2.Lsps2Error):
                continue
        return out
