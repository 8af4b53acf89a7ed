"""SQLite storage: one database per wallet, migrations, secrets encrypted at rest.

Modules:

* `database`   `Database`: WAL + synchronous=FULL + foreign keys, `with db.transaction():`
               (BEGIN IMMEDIATE, nested blocks are savepoints), forward migrations.
* `migrations` the ordered `MIGRATIONS` list; later layers APPEND their tables there.
* `secrets`    scrypt-derived key wraps a random data key; ChaCha20-Poly1305 records.
* `wallet_file` `create_wallet` (atomic: temp file, fsync, hard link), `open_wallet`,
               `change_password`, `read_wallet_info` (public facts, no password needed).
* `crashpoints` the KITE_TEST_CRASH_AT hook used by the crash-safety tests.
"""
