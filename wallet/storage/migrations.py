"""The wallet database schema, as an ordered list of forward-only migrations.

A database records in `schema_version` every migration applied to it. Opening a database
applies the missing ones in order, each in its own transaction, so an interrupted upgrade
resumes cleanly. Migrations are never edited once released: to change the schema, APPEND a
new `Migration` with the next version number (headers, UTXOs, channels and payments each
arrive this way). A migration is a tuple of SQL statements, or a function for data moves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...] = ()
    function: Callable[[sqlite3.Connection], None] | None = field(default=None, compare=False)

    def apply(self, conn: sqlite3.Connection) -> None:
        """Run the migration on a connection that is inside a transaction."""
        # Statements one by one: executescript() would COMMIT the open transaction.
        for sql in self.statements:
            conn.execute(sql)
        if self.function is not None:
            self.function(conn)


# Versions given to branches still in flight: their numbers are kept free here, and
# `Database.migrate` applies every migration not yet applied, so one that lands later
# under a lower number still runs on a database that already has a higher one.
# Remove a number from this set when its migration lands.
RESERVED_VERSIONS: frozenset[int] = frozenset()


def check_migrations(migrations: list[Migration], reserved: frozenset[int] | None = None
                     ) -> None:
    """Versions must be 1, 2, 3, ... with no gap or repeat, but for the reserved numbers
    (default `RESERVED_VERSIONS`; a programming error otherwise)."""
    reserved = RESERVED_VERSIONS if reserved is None else reserved
    expected = 1
    for m in migrations:
        while expected in reserved and m.version != expected:
            expected += 1
        if m.version != expected:
            raise AssertionError(
                f"migration list out of order: expected version {expected}, found {m.version}"
            )
        expected += 1


WALLET_V1 = Migration(
    1,
    "wallet metadata and encrypted secrets",
    (
        # Non-secret facts readable without the password (network, node id, xpub...).
        """CREATE TABLE wallet_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        # How to turn the password into the key that unwraps the data key. One row.
        """CREATE TABLE kdf (
            id                 INTEGER PRIMARY KEY CHECK (id = 1),
            algorithm          TEXT NOT NULL,
            salt               BLOB NOT NULL,
            n                  INTEGER NOT NULL,
            r                  INTEGER NOT NULL,
            p                  INTEGER NOT NULL,
            cipher             TEXT NOT NULL,
            key_nonce          BLOB NOT NULL,
            wrapped_key        BLOB NOT NULL,
            password_protected INTEGER NOT NULL CHECK (password_protected IN (0, 1)),
            changed_at         INTEGER NOT NULL
        )""",
        # Secrets encrypted with the data key (AEAD; the record name is authenticated).
        """CREATE TABLE secrets (
            name       TEXT PRIMARY KEY,
            nonce      BLOB NOT NULL,
            ciphertext BLOB NOT NULL
        )""",
    ),
)

CHAIN_V2 = Migration(
    2,
    "on-chain wallet transactions, used addresses, banned servers",
    (
        """CREATE TABLE wallet_txs (
            txid      TEXT PRIMARY KEY,
            raw       BLOB NOT NULL,
            height    INTEGER NOT NULL,
            timestamp INTEGER
        )""",
        """CREATE TABLE used_addresses (
            change INTEGER NOT NULL CHECK (change IN (0, 1)),
            idx    INTEGER NOT NULL CHECK (idx >= 0),
            PRIMARY KEY (change, idx)
        )""",
        """CREATE TABLE banned_servers (
            server    TEXT PRIMARY KEY,
            reason    TEXT NOT NULL,
            banned_at INTEGER NOT NULL
        )""",
    ),
)

CHANNELS_V3 = Migration(
    3,
    "Lightning channels (state machine snapshots), channel key counter, direct payments",
    (
        # One row per channel, keyed by its key index (stable from creation; the channel id
        # changes from the temporary one at funding). `state` is codec.state_to_bytes.
        """CREATE TABLE channels (
            key_index    INTEGER PRIMARY KEY CHECK (key_index >= 0),
            channel_id   BLOB NOT NULL,
            peer_node_id BLOB NOT NULL,
            peer_address TEXT,
            state        BLOB NOT NULL,
            updated_at   INTEGER NOT NULL
        )""",
        # The next channel key index: only ever grows, so an index is never reused.
        """CREATE TABLE channel_key_counter (
            id         INTEGER PRIMARY KEY CHECK (id = 0),
            next_index INTEGER NOT NULL CHECK (next_index >= 0)
        )""",
        """CREATE TABLE ln_payments (
            payment_hash   BLOB PRIMARY KEY,
            direction      TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            amount_msat    INTEGER,
            preimage       BLOB,
            payment_secret BLOB,
            invoice        TEXT,
            status         TEXT NOT NULL,
            created_at     INTEGER NOT NULL,
            updated_at     INTEGER NOT NULL
        )""",
    ),
)

HTLC_LOG_V4 = Migration(
    4,
    "Per-channel HTLC log (for justice against a revoked commitment of the peer)",
    (
        # Every HTLC that was in a commitment of the peer we signed, with the range of the
        # peer's commitment numbers it was in: enough to rebuild the HTLC outputs of any
        # revoked commitment they may publish. Written in the same transaction as the
        # channel state (ChannelStore.save). `offered` is from our side: 1 = we offered it.
        """CREATE TABLE ln_htlc_log (
            key_index    INTEGER NOT NULL,
            offered      INTEGER NOT NULL CHECK (offered IN (0, 1)),
            htlc_id      INTEGER NOT NULL CHECK (htlc_id >= 0),
            amount_msat  INTEGER NOT NULL CHECK (amount_msat >= 0),
            payment_hash BLOB NOT NULL,
            cltv_expiry  INTEGER NOT NULL,
            first_remote INTEGER NOT NULL,
            last_remote  INTEGER NOT NULL,
            PRIMARY KEY (key_index, offered, htlc_id)
        )""",
    ),
)

PAYMENTS_V5 = Migration(
    5,
    "Payment log: fee, description, failure reason, timestamps; outgoing HTLCs (parts, forwards)",
    (
        "ALTER TABLE ln_payments ADD COLUMN fee_msat INTEGER",
        "ALTER TABLE ln_payments ADD COLUMN description TEXT",
        "ALTER TABLE ln_payments ADD COLUMN failure TEXT",
        "ALTER TABLE ln_payments ADD COLUMN payee BLOB",
        "ALTER TABLE ln_payments ADD COLUMN completed_at INTEGER",
        # Every HTLC we offered (a payment's part, or a forward), written before its
        # update_add_htlc leaves; its outcome (and preimage) written as soon as it is known.
        # (key_index, htlc_id) is unique among pending rows only: an id of an HTLC that was
        # never committed is handed out again by the channel.
        """CREATE TABLE ln_htlcs_out (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            key_index    INTEGER NOT NULL,
            htlc_id      INTEGER NOT NULL,
            payment_hash BLOB NOT NULL,
            amount_msat  INTEGER NOT NULL,
            cltv_expiry  INTEGER NOT NULL,
            purpose      TEXT NOT NULL,
            status       TEXT NOT NULL CHECK (status IN ('pending', 'settled', 'failed')),
            preimage     BLOB,
            failure      TEXT,
            fee_msat     INTEGER,
            created_at   INTEGER NOT NULL,
            updated_at   INTEGER NOT NULL
        )""",
        "CREATE UNIQUE INDEX ln_htlcs_out_pending ON ln_htlcs_out (key_index, htlc_id) "
        "WHERE status = 'pending'",
        "CREATE INDEX ln_htlcs_out_hash ON ln_htlcs_out (payment_hash)",
    ),
)

FORWARDS_V6 = Migration(
    6,
    "Trampoline forwards: each incoming HTLC we relay, and how it was answered",
    (
        # One row per incoming HTLC held by the forwarder, written when it arrives (before
        # any outgoing HTLC for it leaves). Its outgoing HTLCs are the 'forward' rows of
        # ln_htlcs_out with the same payment hash. `shared_secret`/`trampoline_secret` are
        # the incoming onion's (ECDH with our node key for this packet only): they encrypt
        # the failure for the payer after a restart. `answer` is the error packet sent back.
        """CREATE TABLE ln_forwards (
            key_index         INTEGER NOT NULL,
            htlc_id           INTEGER NOT NULL CHECK (htlc_id >= 0),
            payment_hash      BLOB NOT NULL,
            amount_msat       INTEGER NOT NULL,
            cltv_expiry       INTEGER NOT NULL,
            shared_secret     BLOB NOT NULL,
            trampoline_secret BLOB NOT NULL,
            dialect           TEXT NOT NULL,
            next_node_id      BLOB NOT NULL,
            status            TEXT NOT NULL
                              CHECK (status IN ('held', 'forwarding', 'settled', 'failed')),
            preimage          BLOB,
            answer            BLOB,
            fee_msat          INTEGER,
            why               TEXT,
            created_at        INTEGER NOT NULL,
            updated_at        INTEGER NOT NULL,
            PRIMARY KEY (key_index, htlc_id)
        )""",
        "CREATE INDEX ln_forwards_hash ON ln_forwards (payment_hash)",
    ),
)

HTLC_SECRETS_V7 = Migration(
    7,
    "The onion secrets of each HTLC we send, to read its failure after a restart",
    (
        # The shared secrets (32 bytes each, concatenated) of the onion built for the HTLC,
        # and of its trampoline onion if any: without them a failure that arrives after a
        # restart cannot be decrypted (who failed, and why). Per-onion values (ECDH with a
        # random session key), as the preimages beside them: no key of ours.
        "ALTER TABLE ln_htlcs_out ADD COLUMN shared_secrets BLOB",
        "ALTER TABLE ln_htlcs_out ADD COLUMN trampoline_secrets BLOB",
    ),
)

RECOVERY_V8 = Migration(
    8,
    "Channels found after a restore (recovery records, backup files) and their recovery",
    (
        # One row per channel whose state we lost, found by its funding transaction's
        # recovery record (or a backup file): what it takes to ask the peer to close it and
        # to sweep our to_remote. Public data only: the keys come from the seed.
        """CREATE TABLE ln_recovered (
            key_index            INTEGER PRIMARY KEY,
            peer_node_id         BLOB NOT NULL,
            funding_txid         BLOB NOT NULL,
            funding_output_index INTEGER NOT NULL,
            funding_sat          INTEGER NOT NULL,
            funding_script       BLOB NOT NULL,
            peer_address         TEXT,
            status               TEXT NOT NULL CHECK (status IN
                                 ('found', 'close_requested', 'closing', 'swept', 'nothing')),
            sweep_txid           BLOB,
            updated_at           INTEGER NOT NULL
        )""",
    ),
)

LABELS_V9 = Migration(
    9,
    "The user's notes on transactions and payments",
    (
        # One note per on-chain transaction (txid) or Lightning payment (payment hash), both
        # 64 lowercase hex characters; `kind` says which. Deleting a note deletes its row.
        """CREATE TABLE labels (
            ref        TEXT NOT NULL CHECK (length(ref) = 64),
            kind       TEXT NOT NULL CHECK (kind IN ('tx', 'payment')),
            text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (kind, ref)
        )""",
    ),
)

JIT_V10 = Migration(
    10,
    "JIT channels bought from an LSP (LSPS2), by the payment hash of their invoice",
    (
        # What the LSP's HTLC must match after a restart: the LSP, the JIT scid, the fee
        # offer (verbatim) and the fee agreed. Public terms only, no key.
        """CREATE TABLE lsps2_purchases (
            payment_hash BLOB PRIMARY KEY,
            record       TEXT NOT NULL,
            valid_until  INTEGER NOT NULL
        )""",
    ),
)

PEER_STORAGE_V11 = Migration(
    11,
    "BOLT 1 peer storage: the blob each peer with a channel keeps with us, and ours",
    (
        # Provider: the latest blob of each peer (encrypted by the peer; opaque to us), at
        # most 65531 bytes, given back at each connection before channel_reestablish.
        """CREATE TABLE ln_peer_storage (
            peer_node_id BLOB PRIMARY KEY,
            blob         BLOB NOT NULL CHECK (length(blob) <= 65531),
            updated_at   INTEGER NOT NULL
        )""",
        # Client: the sequence number of the last blob we sent (it only grows), and the
        # highest one a peer gave back (a blob newer than ours: another wallet, same seed).
        """CREATE TABLE ln_peer_storage_ours (
            id        INTEGER PRIMARY KEY CHECK (id = 0),
            sent_seq  INTEGER NOT NULL,
            seen_seq  INTEGER NOT NULL
        )""",
    ),
)

LSPS2_SALES_V12 = Migration(
    12,
    "JIT channels an LSP sold (LSPS2): what it promised, to whom, under which scid",
    (
        # Written before the lsps2.buy answer leaves, so that an LSP restart still honours
        # the scid until valid_until. `state`: sold (waiting for its HTLC), opening (an HTLC
        # came, the channel open is under way), used (forwarded; kept until valid_until so
        # the scid is never sold or honoured twice). `key_index`: the channel opened for it.
        """CREATE TABLE lsps2_sales (
            scid        INTEGER PRIMARY KEY,
            client_id   BLOB NOT NULL CHECK (length(client_id) = 33),
            record      TEXT NOT NULL,
            valid_until INTEGER NOT NULL,
            state       TEXT NOT NULL CHECK (state IN ('sold', 'opening', 'used')),
            key_index   INTEGER
        )""",
        "CREATE INDEX lsps2_sales_client ON lsps2_sales (client_id)",
    ),
)

FIAT_RATES_V14 = Migration(
    14,
    "Exchange rates seen, with their time, for the fiat value of history entries",
    (
        # The price of 1 BTC in `currency` (decimal text, exact) as fetched at `fetched_at`
        # (Unix seconds) from `source`; `storage/rate_store.py` keeps one per currency every
        # few minutes at most. Public prices, nothing secret.
        """CREATE TABLE fiat_rates (
            currency   TEXT NOT NULL CHECK (length(currency) = 3),
            fetched_at INTEGER NOT NULL,
            price      TEXT NOT NULL CHECK (length(price) BETWEEN 1 AND 40),
            source     TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 40),
            PRIMARY KEY (currency, fetched_at)
        )""",
    ),
)

# Append new migrations at the end; never reorder or edit released ones.
RECOVERY_RESUMED_V13 = Migration(
    13,
    "A recovered channel can end resumed (its state came back from the peer's blob)",
    (
        # SQLite cannot change a CHECK: the table is made again with 'resumed' allowed.
        """CREATE TABLE ln_recovered_v13 (
            key_index            INTEGER PRIMARY KEY,
            peer_node_id         BLOB NOT NULL,
            funding_txid         BLOB NOT NULL,
            funding_output_index INTEGER NOT NULL,
            funding_sat          INTEGER NOT NULL,
            funding_script       BLOB NOT NULL,
            peer_address         TEXT,
            status               TEXT NOT NULL CHECK (status IN
                                 ('found', 'close_requested', 'closing', 'swept', 'nothing',
                                  'resumed')),
            sweep_txid           BLOB,
            updated_at           INTEGER NOT NULL
        )""",
        """INSERT INTO ln_recovered_v13 (key_index, peer_node_id, funding_txid,
               funding_output_index, funding_sat, funding_script, peer_address, status,
               sweep_txid, updated_at)
           SELECT key_index, peer_node_id, funding_txid, funding_output_index, funding_sat,
               funding_script, peer_address, status, sweep_txid, updated_at
           FROM ln_recovered""",
        "DROP TABLE ln_recovered",
        "ALTER TABLE ln_recovered_v13 RENAME TO ln_recovered",
    ),
)

LSPS1_ORDERS_V15 = Migration(
    15,
    "Channels an LSP sold in advance (LSPS1 orders): terms, payment, state",
    (
        # Written before the lsps1.create_order answer leaves; every state change is written
        # before it is acted on (the payment held before the open, the channel before the
        # preimage). `record`: the order as answered (JSON). `payment_hash`: its invoice's.
        """CREATE TABLE lsps1_orders (
            order_id      TEXT PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 64),
            client_id     BLOB NOT NULL CHECK (length(client_id) = 33),
            payment_hash  BLOB NOT NULL UNIQUE CHECK (length(payment_hash) = 32),
            record        TEXT NOT NULL,
            order_state   TEXT NOT NULL CHECK (order_state IN ('CREATED', 'COMPLETED',
                                                               'FAILED')),
            payment_state TEXT NOT NULL,
            expires_at    INTEGER NOT NULL,
            key_index     INTEGER
        )""",
        "CREATE INDEX lsps1_orders_client ON lsps1_orders (client_id, order_state)",
    ),
)

FUNDING_INPUTS_V16 = Migration(
    16,
    "The inputs of each channel funding transaction seen, to prove a double spend later",
    (
        # `funding_txid` (internal byte order) spent these outpoints: `inputs` is 36 bytes
        # each (txid, u32 big-endian output index). Kept so that a funding that leaves the
        # chain while the process is down can still be proven double-spent after a restart
        # (`chain/script_watch.py`). Public chain data, nothing secret.
        """CREATE TABLE ln_funding_inputs (
            funding_txid BLOB PRIMARY KEY CHECK (length(funding_txid) = 32),
            inputs       BLOB NOT NULL CHECK (length(inputs) % 36 = 0
                                              AND length(inputs) BETWEEN 36 AND 360000),
            seen_at      INTEGER NOT NULL
        )""",
    ),
)

LSPS1_BOUGHT_V17 = Migration(
    17,
    "Channels this wallet ordered in advance from an LSP (LSPS1, client side)",
    (
        # Written once the LSP's create_order answer is checked, before it is shown: so that
        # `lsp_order_pay` finds the order after a restart. `record`: the order as first
        # answered (JSON, every later answer is compared with it); `payment_hash`: its
        # invoice's, to ask the payment log whether it was paid already.
        """CREATE TABLE lsps1_bought (
            order_id       TEXT PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 64),
            lsp_id         BLOB NOT NULL CHECK (length(lsp_id) = 33),
            payment_hash   BLOB NOT NULL CHECK (length(payment_hash) = 32),
            record         TEXT NOT NULL,
            refund_address TEXT,
            created_at     INTEGER NOT NULL
        )""",
    ),
)

LSPS1_ONCHAIN_V18 = Migration(
    18,
    "LSPS1 orders paid on-chain (LSP side): each order's address, the coins seen, refunds",
    (
        # The address reserved for an order (from the LSP's own wallet), written with the
        # order before the create_order answer leaves; the client's refund address.
        """CREATE TABLE lsps1_onchain (
            order_id       TEXT PRIMARY KEY REFERENCES lsps1_orders (order_id),
            address        TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 100),
            script         BLOB NOT NULL UNIQUE CHECK (length(script) BETWEEN 1 AND 100),
            refund_address TEXT NOT NULL CHECK (length(refund_address) BETWEEN 1 AND 100)
        )""",
        # Coins seen paying an order's address ("txid:vout"): first seen (Unix seconds),
        # confirmation height (0: unconfirmed), whether counted for the order's payment.
        """CREATE TABLE lsps1_onchain_coins (
            outpoint   TEXT PRIMARY KEY CHECK (length(outpoint) BETWEEN 66 AND 75),
            order_id   TEXT NOT NULL REFERENCES lsps1_onchain (order_id),
            value_sat  INTEGER NOT NULL CHECK (value_sat > 0),
            first_seen INTEGER NOT NULL,
            height     INTEGER NOT NULL,
            credited   INTEGER NOT NULL DEFAULT 0 CHECK (credited IN (0, 1))
        )""",
        "CREATE INDEX lsps1_onchain_coins_order ON lsps1_onchain_coins (order_id)",
        # A refund: recorded (amount, address) before its transaction is built, the signed
        # transaction stored before it is broadcast; 'dust' when too small to make.
        """CREATE TABLE lsps1_refunds (
            refund_id  INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id   TEXT NOT NULL REFERENCES lsps1_onchain (order_id),
            address    TEXT NOT NULL,
            amount_sat INTEGER NOT NULL,
            state      TEXT NOT NULL CHECK (state IN ('recorded', 'signed', 'broadcast',
                                                      'dust')),
            raw        BLOB,
            txid       TEXT CHECK (txid IS NULL OR length(txid) = 64),
            created_at INTEGER NOT NULL
        )""",
        # The coins each refund covers: a coin is refunded once (its outpoint is the key).
        """CREATE TABLE lsps1_refund_coins (
            outpoint  TEXT PRIMARY KEY REFERENCES lsps1_onchain_coins (outpoint),
            refund_id INTEGER NOT NULL REFERENCES lsps1_refunds (refund_id)
        )""",
    ),
)

LSPS1_BOUGHT_ONCHAIN_V19 = Migration(
    19,
    "Orders bought in advance paid on-chain: the payment transaction kept before it leaves",
    (
        # `lsps1_bought` remade: `payment_hash` may be absent (an order the LSP offers to be
        # paid on-chain only); `onchain_txid`/`onchain_raw`: our payment of the order,
        # written BEFORE it is broadcast, so that a restart (or a second call) broadcasts
        # that same transaction again and never builds a new one; `expires_at` (unix): the
        # latest expiry of the order's ways to pay, so that orders never paid are deleted
        # a day after it. Rows copied read it from the kept answer.
        """CREATE TABLE lsps1_bought_v19 (
            order_id       TEXT PRIMARY KEY CHECK (length(order_id) BETWEEN 1 AND 64),
            lsp_id         BLOB NOT NULL CHECK (length(lsp_id) = 33),
            payment_hash   BLOB CHECK (payment_hash IS NULL OR length(payment_hash) = 32),
            record         TEXT NOT NULL,
            refund_address TEXT,
            created_at     INTEGER NOT NULL,
            expires_at     INTEGER NOT NULL,
            onchain_txid   TEXT CHECK (onchain_txid IS NULL OR length(onchain_txid) = 64),
            onchain_raw    BLOB,
            onchain_at     INTEGER,
            CHECK ((onchain_txid IS NULL) = (onchain_raw IS NULL))
        )""",
        """INSERT INTO lsps1_bought_v19 (order_id, lsp_id, payment_hash, record, refund_address,
                                         created_at, expires_at)
           SELECT order_id, lsp_id, payment_hash, record, refund_address, created_at,
                  max(created_at,
                      coalesce(CAST(strftime('%s', json_extract(record,
                               '$.payment.bolt11.expires_at')) AS INTEGER), 0),
                      coalesce(CAST(strftime('%s', json_extract(record,
                               '$.payment.onchain.expires_at')) AS INTEGER), 0))
           FROM lsps1_bought""",
        "DROP TABLE lsps1_bought",
        "ALTER TABLE lsps1_bought_v19 RENAME TO lsps1_bought",
        "CREATE INDEX lsps1_bought_expiry ON lsps1_bought (expires_at) "
        "WHERE onchain_txid IS NULL",
    ),
)

MIGRATIONS: list[Migration] = [
    WALLET_V1,
    CHAIN_V2,
    CHANNELS_V3,
    HTLC_LOG_V4,
    PAYMENTS_V5,
    FORWARDS_V6,
    HTLC_SECRETS_V7,
    RECOVERY_V8,
    LABELS_V9,
    JIT_V10,
    PEER_STORAGE_V11,
    LSPS2_SALES_V12,
    RECOVERY_RESUMED_V13,
    FIAT_RATES_V14,
    LSPS1_ORDERS_V15,
    FUNDING_INPUTS_V16,
    LSPS1_BOUGHT_V17,
    LSPS1_ONCHAIN_V18,
    LSPS1_BOUGHT_ONCHAIN_V19,
]
