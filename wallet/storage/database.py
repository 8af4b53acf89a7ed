"""One SQLite database per wallet: connection settings, transactions, schema migrations.

Every layer that persists something goes through `Database`. The connection is opened in
SQLite's autocommit mode and transactions are explicit (`with db.transaction(): ...`), so a
step is either fully on disk or not at all. The journal is WAL with synchronous=FULL: a
committed transaction survives a crash or power loss ("persist before you promise").

The module is synchronous on purpose: the node calls it from its own loop thread, and the
calls are short. A re-entrant lock serialises use of the one connection across threads.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wallet.errors import KiteError
from wallet.sentence import Sentence
from wallet.storage.migrations import MIGRATIONS, Migration, check_migrations

log = logging.getLogger(__name__)


class StorageError(KiteError):
    """The database could not be opened, read or written."""


class DatabaseCorrupted(StorageError):
    """The file is not a Kite database, or its contents are inconsistent."""


class SchemaTooNew(StorageError):
    """The database was written by a newer Kite that knows migrations we do not."""


_SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  INTEGER NOT NULL
)
"""


class Database:
    """A wallet's SQLite database: explicit transactions and forward-only migrations.

    `Database(path)` opens (or creates) the file, applies the connection settings and
    every pending migration, each in its own transaction. Use `transaction()` for writes;
    `execute()`/`query()` run single statements (inside the current transaction if any).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        migrations: list[Migration] | None = None,
        journal_mode: str = "WAL",
        create: bool = True,
    ) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StorageError(Sentence("no database at %1", self.path))
        self._lock = threading.RLock()
        self._depth = 0  # nesting depth of transaction(); >0 means BEGIN is active
        try:
            # isolation_level=None: no implicit BEGIN/COMMIT from the sqlite3 module.
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=30.0
            )
        except sqlite3.Error as e:
            raise StorageError(Sentence("cannot open database %1: %2", self.path, e)) from None
        try:
            self._configure(journal_mode)
            self.migrate(MIGRATIONS if migrations is None else migrations)
        except sqlite3.DatabaseError as e:
            self._conn.close()
            raise DatabaseCorrupted(
                Sentence("%1 is not a readable Kite database (%2)", self.path, e)
            ) from None
        except BaseException:
            self._conn.close()
            raise

    # -- connection ---------------------------------------------------------------------

    def _configure(self, journal_mode: str) -> None:
        c = self._conn
        c.execute("PRAGMA foreign_keys = ON")
        mode = c.execute(f"PRAGMA journal_mode = {journal_mode}").fetchone()[0]
        if str(mode).lower() != journal_mode.lower():
            raise StorageError(Sentence("cannot set journal_mode=%1 on %2 (got %3)", journal_mode, self.path, mode))
        c.execute("PRAGMA synchronous = FULL")
        if c.execute("PRAGMA foreign_keys").fetchone()[0] != 1:
            raise StorageError("this SQLite build cannot enforce foreign keys")

    def close(self) -> None:
        with self._lock:
            if self._depth:
                raise StorageError("cannot close the database inside a transaction")
            self._conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """A write transaction (BEGIN IMMEDIATE); nested calls become savepoints.

        Leaving the block normally commits (durably: synchronous=FULL); an exception rolls
        back everything done inside the block and propagates.
        """
        with self._lock:
            if self._depth == 0:
                try:
                    self._conn.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as e:
                    raise StorageError(Sentence("cannot start a transaction on %1: %2", self.path, e)) from None
                begin, commit, rollback = None, "COMMIT", "ROLLBACK"
            else:
                name = f"sp{self._depth}"
                begin = f"SAVEPOINT {name}"
                commit = f"RELEASE {name}"
                rollback = f"ROLLBACK TO {name}; RELEASE {name}"
                self._conn.execute(begin)
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                try:
                    for stmt in rollback.split("; "):
                        self._conn.execute(stmt)
                except sqlite3.Error:  # pragma: no cover - the connection is already broken
                    log.exception("rollback failed on %s", self.path)
                raise
            else:
                self._depth -= 1
                try:
                    self._conn.execute(commit)
                except sqlite3.Error as e:
                    if self._depth == 0 and self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise StorageError(Sentence("cannot commit to %1: %2", self.path, e)) from None

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # -- statements ---------------------------------------------------------------------

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        """Run one statement; writes outside `transaction()` are refused."""
        with self._lock:
            if not self._depth and _is_write(sql):
                raise StorageError("writes must happen inside db.transaction()")
            return self._conn.execute(sql, params)

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        """All rows of a read query."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: tuple | dict = ()) -> tuple | None:
        """The first row of a read query, or None."""
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    # -- migrations ---------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self.query_one("SELECT MAX(version) FROM schema_version")
        return int(row[0]) if row and row[0] is not None else 0

    def _applied_versions(self) -> set[int]:
        return {int(v) for (v,) in self.query("SELECT version FROM schema_version")}

    def migrate(self, migrations: list[Migration]) -> int:
        """Apply every migration the database has not had yet, in order, one transaction each
        (one that lands under a reserved lower number runs after higher ones: see
        `migrations.RESERVED_VERSIONS`).

        Returns how many were applied. A database newer than the code is refused rather
        than guessed at.
        """
        check_migrations(migrations)
        with self._lock:
            self._conn.execute(_SCHEMA_VERSION_TABLE)
            current = self.schema_version
            latest = migrations[-1].version if migrations else 0
            if current > latest:
                raise SchemaTooNew(
                    Sentence("%1 has schema version %2, newer than this Kite understands (%3); upgrade Kite", self.path, current, latest)
                )
            applied = 0
            for m in migrations:
                if m.version in self._applied_versions():
                    continue
                with self.transaction():
                    # Re-check under the write lock: another process may have migrated.
                    if m.version in self._applied_versions():
                        continue
                    try:
                        m.apply(self._conn)
                    except sqlite3.Error as e:
                        raise StorageError(
                            Sentence("migration %1 (%2) failed on %3: %4", m.version, m.description, self.path, e)
                        ) from None
                    self._conn.execute(
                        "INSERT INTO schema_version (version, description, applied_at) "
                        "VALUES (?, ?, ?)",
                        (m.version, m.description, int(time.time())),
                    )
                log.info("applied migration %d (%s) to %s", m.version, m.description, self.path)
                applied += 1
            return applied

    def raw(self) -> sqlite3.Connection:
        """The underlying connection, for code that needs sqlite3 features directly."""
        return self._conn

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"


_WRITE_VERBS = {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"}


def _is_write(sql: str) -> bool:
    words = sql.split(None, 1)
    return bool(words) and words[0].upper() in _WRITE_VERBS


def row_dict(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    """A row as a dict keyed by column name (usable as a row_factory)."""
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}
