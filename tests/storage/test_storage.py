"""Database layer: connection settings, transactions and forward migrations."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from wallet.storage import migrations
from wallet.storage.database import (
    Database,
    DatabaseCorrupted,
    SchemaTooNew,
    StorageError,
)
from wallet.storage.migrations import MIGRATIONS, Migration, check_migrations


def _table_names(db: Database) -> set[str]:
    return {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_connection_settings(tmp_path):
    with Database(tmp_path / "w.sqlite") as db:
        assert db.query_one("PRAGMA journal_mode")[0] == "wal"
        assert db.query_one("PRAGMA synchronous")[0] == 2  # FULL
        assert db.query_one("PRAGMA foreign_keys")[0] == 1


def test_fresh_database_has_every_migration(tmp_path):
    with Database(tmp_path / "w.sqlite") as db:
        assert db.schema_version == MIGRATIONS[-1].version
        versions = [r[0] for r in db.query("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [m.version for m in MIGRATIONS]
        assert {"wallet_meta", "kdf", "secrets", "schema_version"} <= _table_names(db)


def test_appended_migrations_apply_in_order_on_reopen(tmp_path):
    path = tmp_path / "w.sqlite"
    base = list(MIGRATIONS)
    with Database(path, migrations=base) as db:
        assert db.schema_version == base[-1].version
    order: list[int] = []

    def record(conn: sqlite3.Connection, n: int) -> None:
        order.append(n)
        conn.execute("INSERT INTO things (n) VALUES (?)", (n,))

    extra = [
        Migration(base[-1].version + 1, "things", ("CREATE TABLE things (n INTEGER)",),
                  lambda c: record(c, 1)),
        Migration(base[-1].version + 2, "more things", (), lambda c: record(c, 2)),
    ]
    with Database(path, migrations=base + extra) as db:
        assert db.schema_version == base[-1].version + 2
        assert order == [1, 2]
        assert [r[0] for r in db.query("SELECT n FROM things")] == [1, 2]
    # Reopening applies nothing twice.
    with Database(path, migrations=base + extra) as db:
        assert order == [1, 2]
        assert db.migrate(base + extra) == 0


def test_failing_migration_rolls_back_only_itself(tmp_path):
    path = tmp_path / "w.sqlite"
    base = list(MIGRATIONS)
    good = Migration(base[-1].version + 1, "good", ("CREATE TABLE good (x)",))

    def explode(conn: sqlite3.Connection) -> None:
        raise RuntimeError("boom")

    bad = Migration(base[-1].version + 2, "bad", ("CREATE TABLE half (x)",), explode)
    with pytest.raises(RuntimeError):
        Database(path, migrations=base + [good, bad])
    with Database(path, migrations=base + [good]) as db:
        assert db.schema_version == base[-1].version + 1
        tables = _table_names(db)
        assert "good" in tables and "half" not in tables


def test_database_newer_than_code_is_refused(tmp_path):
    path = tmp_path / "w.sqlite"
    newer = list(MIGRATIONS) + [Migration(MIGRATIONS[-1].version + 1, "future", ("CREATE TABLE f (x)",))]
    Database(path, migrations=newer).close()
    with pytest.raises(SchemaTooNew, match="newer"):
        Database(path)


def test_migration_list_must_be_contiguous():
    check_migrations(MIGRATIONS)
    with pytest.raises(AssertionError):
        check_migrations([Migration(1, "a"), Migration(3, "c")])
    with pytest.raises(AssertionError):
        check_migrations([Migration(2, "b")])


def test_reserved_numbers_may_be_skipped_and_land_later(tmp_path, monkeypatch):
    """A number given to a branch in flight is kept free; when its migration lands under
    that lower number, a database that already has the higher ones still gets it."""
    check_migrations([Migration(1, "a"), Migration(3, "c")], reserved=frozenset({2}))
    with pytest.raises(AssertionError):  # only the reserved number may be missing
        check_migrations([Migration(1, "a"), Migration(4, "d")], reserved=frozenset({2}))
    path = tmp_path / "w.sqlite"
    top = MIGRATIONS[-1].version
    early = list(MIGRATIONS) + [Migration(top + 2, "later", ("CREATE TABLE later (x)",))]
    monkeypatch.setattr(migrations, "RESERVED_VERSIONS",
                        migrations.RESERVED_VERSIONS | {top + 1})
    with Database(path, migrations=early) as db:
        assert db.schema_version == top + 2
    # on this branch the gap is reserved; the migration that lands in it runs on reopen
    landed = list(MIGRATIONS) + [Migration(top + 1, "landed", ("CREATE TABLE landed (x)",)),
                                 early[-1]]
    with Database(path, migrations=landed) as db:
        assert {"landed", "later"} <= _table_names(db)
        assert db.migrate(landed) == 0


def test_transaction_commits_and_rolls_back(tmp_path):
    with Database(tmp_path / "w.sqlite") as db:
        with db.transaction():
            db.execute("INSERT INTO wallet_meta (key, value) VALUES ('a', '1')")
        with pytest.raises(ZeroDivisionError), db.transaction():
            db.execute("INSERT INTO wallet_meta (key, value) VALUES ('b', '2')")
            1 / 0  # noqa: B018
        assert db.query("SELECT key FROM wallet_meta ORDER BY key") == [("a",)]
        assert not db.in_transaction


def test_nested_transaction_is_a_savepoint(tmp_path):
    with Database(tmp_path / "w.sqlite") as db:
        with db.transaction():
            db.execute("INSERT INTO wallet_meta (key, value) VALUES ('outer', '1')")
            with pytest.raises(KeyError), db.transaction():
                db.execute("INSERT INTO wallet_meta (key, value) VALUES ('inner', '2')")
                raise KeyError("x")
            with db.transaction():
                db.execute("INSERT INTO wallet_meta (key, value) VALUES ('inner2', '3')")
        keys = [r[0] for r in db.query("SELECT key FROM wallet_meta ORDER BY key")]
        assert keys == ["inner2", "outer"]


def test_committed_data_visible_to_another_connection(tmp_path):
    path = tmp_path / "w.sqlite"
    with Database(path) as db:
        with db.transaction():
            db.execute("INSERT INTO wallet_meta (key, value) VALUES ('k', 'v')")
        with Database(path) as other:
            assert other.query("SELECT value FROM wallet_meta") == [("v",)]


def test_writes_outside_a_transaction_are_refused(tmp_path):
    with Database(tmp_path / "w.sqlite") as db:
        with pytest.raises(StorageError, match="transaction"):
            db.execute("INSERT INTO wallet_meta (key, value) VALUES ('a', '1')")
        assert db.query("SELECT * FROM wallet_meta") == []


def test_foreign_keys_are_enforced(tmp_path):
    extra = [
        Migration(MIGRATIONS[-1].version + 1, "fk", (
            "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
            "CREATE TABLE child (pid INTEGER NOT NULL REFERENCES parent(id))",
        )),
    ]
    db = Database(tmp_path / "w.sqlite", migrations=list(MIGRATIONS) + extra)
    with pytest.raises(sqlite3.IntegrityError), db.transaction():
        db.execute("INSERT INTO child (pid) VALUES (42)")
    db.close()


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "w.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseCorrupted, match="not a readable Kite database"):
        Database(path)


def test_missing_file_not_created_when_asked(tmp_path):
    with pytest.raises(StorageError, match="no database"):
        Database(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


def test_usable_from_another_thread(tmp_path):
    db = Database(tmp_path / "w.sqlite")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with db.transaction():
                db.execute("INSERT INTO wallet_meta (key, value) VALUES ('t', 'x')")
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert not errors
    assert db.query("SELECT key FROM wallet_meta") == [("t",)]
    db.close()


def test_broken_migration_names_itself(tmp_path):
    bad = Migration(MIGRATIONS[-1].version + 1, "broken sql", ("CREATE TABLE (",))
    with pytest.raises(StorageError, match=r"migration \d+ \(broken sql\) failed"):
        Database(tmp_path / "w.sqlite", migrations=list(MIGRATIONS) + [bad])
    with Database(tmp_path / "w.sqlite") as db:
        assert db.schema_version == MIGRATIONS[-1].version
