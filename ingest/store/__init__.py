"""The event store: SQLAlchemy Core over SQLite (default) or PostgreSQL.

One package, a module per job: ``tables`` (the tables, from the one schema), ``connect``
(engines, schema creation, write transactions safe under concurrent writers), ``writer``
(storing reports and re-merging the events they touch), ``reader`` (what the dashboard and
the CLI read), ``rows`` (conversions), ``runs`` (the record of each file read). ``Store``
ties them to one open database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..schema import Event
from . import reader, writer
from .connect import (
    DEFAULT_CACHE_MB,
    DEFAULT_DB_PATH,
    ENV_VAR,
    StoreBusy,
    create_engine,
    default_url,
    ensure_schema,
    mask_url,
    write,
)
from .runs import RunInfo, WriteResult, insert_run, utc_now
from .tables import entities_table, events_table, metadata, runs_table, sources_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_DB_PATH", "ENV_VAR", "RunInfo", "Store", "StoreBusy", "WriteResult", "default_url",
    "entities_table", "events_table", "mask_url", "metadata", "runs_table", "sources_table",
    "utc_now",
]  # fmt: skip


class Store:
    """An open event store. Create with ``Store(url)``; tables are created if missing.
    ``cache_mb``: each SQLite connection's page cache (``connect.create_engine``)."""

    def __init__(self, url: str | None = None, cache_mb: int = DEFAULT_CACHE_MB):
        self.url = url or default_url()
        self.engine = create_engine(self.url, cache_mb)
        ensure_schema(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def display_url(self) -> str:
        return mask_url(self.url)

    # --- writing: each call is one transaction holding the writer lock ------------

    def write_events(self, events: Sequence[Event], run: RunInfo) -> WriteResult:
        return write(self.engine, lambda conn: writer.write_events(conn, events, run))

    def bulk_load(self, events: Sequence[Event], run: RunInfo, batch: int = 20_000) -> int:
        return write(self.engine, lambda conn: writer.bulk_load(conn, events, run, batch))

    def record_failed_run(self, run: RunInfo) -> None:
        write(self.engine, lambda conn: self._insert_run(conn, run, "failed", WriteResult()))

    @staticmethod
    def _insert_run(conn: sa.Connection, run: RunInfo, status: str, result: WriteResult) -> None:
        insert_run(conn, run, status, result)

    # --- reading ------------------------------------------------------------------

    def count_events(self) -> int:
        return reader.count_events(self.engine)

    def revision(self) -> tuple[int, int]:
        return reader.revision(self.engine)

    def last_run(self) -> dict[str, Any] | None:
        return reader.last_run(self.engine)

    def runs(self) -> list[dict[str, Any]]:
        return reader.runs(self.engine)

    def source_counts(self) -> list[tuple[str, int]]:
        return reader.source_counts(self.engine)

    def sources_for(self, event_id: str) -> list[dict[str, Any]]:
        return reader.sources_for(self.engine, event_id)

    def load_events(self) -> pd.DataFrame:
        return reader.load_events(self.engine)
