"""Opening a store: the engine, its SQLite settings, the schema, and write transactions
that are safe when several processes write at once.

Writers are serialized: every write transaction first takes one store-wide lock
(``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on PostgreSQL). Merging
a file recomputes the part of the store its reports touch; two writers computing that part
from the same snapshot would each write a merge the other never saw (an act stored as two
events, a report pointing at no event). Reading, parsing and extracting a file happen
before the lock is taken, so concurrent ingests still overlap in everything but the
write; readers are never blocked (SQLite WAL, PostgreSQL MVCC). docs/benchmarks.md
measures what the lock costs against sequential ingests.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from .tables import metadata

DEFAULT_DB_PATH = Path("data") / "timeline.db"
ENV_VAR = "POLICY_TIMELINE_DB"
# pg_advisory_xact_lock key shared by every writer of a policy-timeline database ("polt").
WRITER_LOCK_KEY = 0x706F6C74
SQLITE_BUSY_MS = 30_000  # how long one attempt waits for another writer's transaction
WRITE_ATTEMPTS = 10  # attempts before a write is reported as failed (about 5 minutes)
_WRITE_OPTION = "policy_timeline_write"

T = TypeVar("T")


class StoreBusy(RuntimeError):
    """Another writer held the store for longer than the write could wait."""


def default_url() -> str:
    """``$POLICY_TIMELINE_DB`` if set, else the SQLite file ``data/timeline.db`` under the
    current directory."""
    return os.environ.get(ENV_VAR) or f"sqlite:///{DEFAULT_DB_PATH.resolve()}"


def mask_url(url: str) -> str:
    """The URL with its password hidden, for messages: secrets are never printed."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can read: show no part that could be a secret
        return url.split("@")[-1] if "@" in url else url


# Each SQLite connection's page cache: an ingest into a large file keeps its indexes in
# memory. A dashboard worker asks for less (dashboard.app.SERVING_CACHE_MB).
DEFAULT_CACHE_MB = 64


def _sqlite_connect(dbapi_connection: Any, _record: Any, cache_mb: int = DEFAULT_CACHE_MB) -> None:
    # SQLAlchemy, not the sqlite3 module, starts transactions (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout first: switching a new file to WAL needs a lock another process
    # opening the same new file may hold.
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster than FULL
    cursor.execute(f"PRAGMA cache_size={-1024 * cache_mb}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _switch_to_wal(cursor: Any) -> None:
    """Put the file in WAL mode (it stays so). Switching needs an exclusive lock, and
    SQLite answers "database is locked" at once, without its busy wait, when another
    connection holds a lock on a file not yet in WAL mode: two processes opening one new
    store at the same moment. So the switch is tried again until the busy timeout."""
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_MS / 1000
    delay = 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _retryable(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay * random.uniform(0.5, 1.5))  # two openers must not keep colliding
            delay = min(delay * 2, 0.5)


def _sqlite_begin(conn: sa.Connection) -> None:
    # A write takes the write lock when it begins: a transaction that reads first and then
    # writes would fail at once with "database is locked" if another writer got in between.
    writing = conn.get_execution_options().get(_WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def create_engine(url: str, cache_mb: int = DEFAULT_CACHE_MB) -> sa.Engine:
    """An engine for ``url``; ``cache_mb``: each SQLite connection's page cache."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", partial(_sqlite_connect, cache_mb=cache_mb))
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _retryable(exc: BaseException) -> bool:
    """A conflict with another writer that a new attempt resolves (never a bad value)."""
    orig = getattr(exc, "orig", None)
    text = str(orig or exc).lower()
    if "database is locked" in text or "database table is locked" in text:
        return True
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    # serialization_failure, deadlock_detected, lock_not_available
    return sqlstate in ("40001", "40P01", "55P03")


def write(engine: sa.Engine, work: Callable[[sa.Connection], T]) -> T:
    """Run ``work`` in one transaction that holds the store's writer lock, retrying when
    another writer is in the way. Raises StoreBusy after WRITE_ATTEMPTS tries."""
    writer = engine.execution_options(**{_WRITE_OPTION: True})
    delay = 0.05
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with writer.begin() as conn:
                if engine.dialect.name == "postgresql":
                    conn.execute(
                        sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY}
                    )
                return work(conn)
        except (sa.exc.OperationalError, sa.exc.DBAPIError) as exc:
            if not _retryable(exc):
                raise
            if attempt == WRITE_ATTEMPTS:
                raise StoreBusy(
                    f"another process kept the store busy for too long ({attempt} attempts)"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
    raise AssertionError("unreachable")  # pragma: no cover


def ensure_schema(engine: sa.Engine) -> None:
    """Create missing tables, columns and indexes. Cheap when all exist (one inspection);
    otherwise done under the writer lock, so processes opening a new store at once do not
    race on CREATE TABLE."""
    if not _missing(sa.inspect(engine)):
        return

    def create(conn: sa.Connection) -> None:
        metadata.create_all(conn)  # checks first: a table another process made is kept
        inspector = sa.inspect(conn)
        added = _missing(inspector, columns_only=True)
        for table, column in added:
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))
        if any(t.name == "events" and c.name == "review_status" for t, c in added):
            # A store from before the review layer: its events get their review columns
            # in the same transaction, so none is ever left without them.
            from ..review.upgrade import fill_review_columns

            fill_review_columns(conn)
        existing = {
            index["name"] for table in metadata.sorted_tables
            for index in inspector.get_indexes(table.name)
        }  # fmt: skip
        for table in metadata.sorted_tables:
            for index in table.indexes:
                if index.name not in existing:
                    index.create(conn)

    write(engine, create)


def _missing(inspector: Any, columns_only: bool = False) -> list[Any]:
    """Tables (or, with columns_only, (table, column) pairs) the database lacks. Columns
    are only ever added at the end of a table, so an older store is upgraded in place."""
    names = set(inspector.get_table_names())
    missing: list[Any] = []
    for table in metadata.sorted_tables:
        if table.name not in names:
            if not columns_only:
                missing.append(table)
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        missing += [(table, c) for c in table.columns if c.name not in have]
        if not columns_only:
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            missing += [i for i in table.indexes if i.name not in indexes]
    return missing
