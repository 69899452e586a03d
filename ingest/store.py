"""The event store: SQLAlchemy Core over SQLite (default) or PostgreSQL.

Tables:
- ``events``: one row per event, the export columns plus bookkeeping;
- ``event_sources``: every source that reported an event, with its own evidence and date;
- ``event_entities``: actors and targets, one row each, so entity filters use an index;
- ``ingest_runs``: one row per file ingested (sha256, adapter, counts, status, times).

Only portable SQL is used (no ON CONFLICT, JSON kept as text) so the same code runs on
both databases. One file is written in one transaction.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from .schema import COLUMN_SPECS, COLUMNS, LIST_COLUMNS, STORE_COLUMNS, Event, fold

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DB_PATH = Path("data") / "timeline.db"
ENV_VAR = "POLICY_TIMELINE_DB"
_CHUNK = 500  # ids per IN (...) query: well under SQLite's and PostgreSQL's parameter limits


def default_url() -> str:
    """``$POLICY_TIMELINE_DB`` if set, else the SQLite file ``data/timeline.db`` under the
    current directory."""
    return os.environ.get(ENV_VAR) or f"sqlite:///{DEFAULT_DB_PATH.resolve()}"


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- tables ---------------------------------------------------------------------------

_SQL_TYPES: dict[str, Any] = {
    "text": sa.Text,
    "list": sa.Text,  # JSON array as text: portable across SQLite and PostgreSQL
    "number": sa.Float,
    "int": sa.Integer,
    "date": sa.String(10),
    "datetime": sa.String(20),
}

metadata = sa.MetaData()

events_table = sa.Table(
    "events",
    metadata,
    *(
        sa.Column(
            c.name,
            _SQL_TYPES[c.kind],
            primary_key=c.name == "event_id",
            nullable=c.kind in ("number", "list")
            or c.name not in ("event_id", "date", "event_type"),
        )
        for c in COLUMN_SPECS.values()
    ),
    sa.Column("primary_source", sa.String(32)),  # source_key of the source shown on the row
    sa.Column("updated_at", sa.String(20)),
    sa.Index("ix_events_date_start", "date_start"),
    sa.Index("ix_events_type_date", "event_type", "date_start"),
    sa.Index("ix_events_first_seen", "first_seen"),
)

sources_table = sa.Table(
    "event_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.event_id"), nullable=False),
    sa.Column("source_key", sa.String(32), nullable=False),
    sa.Column("adapter", sa.Text),
    sa.Column("file", sa.Text),
    sa.Column("source_title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("source_published", sa.String(32)),
    sa.Column("source_date", sa.String(10)),  # the event date as this source gave it
    sa.Column("evidence", sa.Text),
    sa.Column("first_seen", sa.String(20)),
    sa.UniqueConstraint("event_id", "source_key", name="uq_event_source"),
)

entities_table = sa.Table(
    "event_entities",
    metadata,
    sa.Column("event_id", sa.Text, sa.ForeignKey("events.event_id"), primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),  # actor | target
    sa.Column("entity", sa.Text, primary_key=True),
    sa.Column("entity_folded", sa.Text, nullable=False),
    sa.Index("ix_entities_folded", "entity_folded"),
)

runs_table = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("adapter", sa.Text),
    sa.Column("started_at", sa.String(20)),
    sa.Column("finished_at", sa.String(20)),
    sa.Column("status", sa.String(16)),  # ok | partial | failed
    sa.Column("n_read", sa.Integer),
    sa.Column("n_new", sa.Integer),
    sa.Column("n_updated", sa.Integer),
    sa.Column("n_unchanged", sa.Integer),
    sa.Column("n_rejected", sa.Integer),
    sa.Column("message", sa.Text),
)

# Event fields that, when a source re-sends them changed, count as an update.
_CONTENT_FIELDS = tuple(c for c in COLUMNS if c not in ("event_id", *STORE_COLUMNS))


@dataclass
class WriteResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class RunInfo:
    file: str
    sha256: str
    adapter: str
    started_at: str
    n_read: int
    n_rejected: int
    message: str = ""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")  # wait for a concurrent writer, do not fail
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster than FULL
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _to_db(event: Event, now: str, source_count: int, first_seen: str) -> dict[str, Any]:
    row = event.row()
    for name in LIST_COLUMNS:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    row.update(source_count=source_count, first_seen=first_seen, updated_at=now)
    row["primary_source"] = event.source_key()
    return row


def _source_row(event: Event, now: str) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "source_key": event.source_key(),
        "adapter": event.adapter,
        "file": event.file,
        "source_title": event.source_title,
        "source_url": event.source_url,
        "source_published": event.source_published,
        "source_date": event.date,
        "evidence": event.evidence,
        "first_seen": now,
    }


def _entity_rows(event: Event) -> list[dict[str, Any]]:
    rows = [
        {"event_id": event.event_id, "role": role, "entity": name, "entity_folded": fold(name)}
        for role, names in (("actor", event.actors), ("target", event.targets))
        for name in names
    ]
    # The same name as actor and target is legal; the primary key covers role.
    return rows


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Store:
    """An open event store. Create with ``Store(url)``; tables are created if missing."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        if self.url.startswith("sqlite:///") and ":memory:" not in self.url:
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = sa.create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # --- writing ------------------------------------------------------------------

    def write_events(self, events: Sequence[Event], run: RunInfo) -> WriteResult:
        """Upsert validated events (with ids) and record the run, in one transaction."""
        result = WriteResult()
        now = utc_now()
        ids = sorted({e.event_id for e in events})
        with self.engine.begin() as conn:
            existing: dict[str, dict[str, Any]] = {}
            known_sources: set[tuple[str, str]] = set()
            for chunk in _chunks(ids):
                for found in conn.execute(
                    sa.select(events_table).where(events_table.c.event_id.in_(chunk))
                ).mappings():
                    existing[found["event_id"]] = dict(found)
                for ev_id, key in conn.execute(
                    sa.select(sources_table.c.event_id, sources_table.c.source_key).where(
                        sources_table.c.event_id.in_(chunk)
                    )
                ):
                    known_sources.add((ev_id, key))

            new_events, new_sources, new_entities = [], [], []
            pending: set[str] = set()  # ids inserted by this batch (rows not written yet)
            for event in events:
                key = event.source_key()
                stored = existing.get(event.event_id)
                if event.event_id in pending:
                    # The same event twice in one file: one event, its sources merged.
                    if (event.event_id, key) not in known_sources:
                        new_sources.append(_source_row(event, now))
                        known_sources.add((event.event_id, key))
                        existing[event.event_id]["source_count"] += 1
                    continue
                if stored is None:
                    row = _to_db(event, now, 1, now)
                    new_events.append(row)
                    new_sources.append(_source_row(event, now))
                    new_entities.extend(_entity_rows(event))
                    existing[event.event_id] = row
                    pending.add(event.event_id)
                    known_sources.add((event.event_id, key))
                    result.new += 1
                elif (event.event_id, key) not in known_sources:
                    conn.execute(sources_table.insert(), [_source_row(event, now)])
                    known_sources.add((event.event_id, key))
                    stored["source_count"] = (stored["source_count"] or 0) + 1
                    conn.execute(
                        events_table.update()
                        .where(events_table.c.event_id == event.event_id)
                        .values(source_count=stored["source_count"], updated_at=now)
                    )
                    result.updated += 1
                elif stored["primary_source"] == key and self._changed(stored, event):
                    row = _to_db(event, now, stored["source_count"], stored["first_seen"])
                    conn.execute(
                        events_table.update()
                        .where(events_table.c.event_id == event.event_id)
                        .values(**row)
                    )
                    self._update_source(conn, event)
                    conn.execute(
                        entities_table.delete().where(entities_table.c.event_id == event.event_id)
                    )
                    if ents := _entity_rows(event):
                        conn.execute(entities_table.insert(), ents)
                    existing[event.event_id] = row
                    result.updated += 1
                elif self._update_source(conn, event):
                    result.updated += 1  # a secondary source re-sent with new evidence or date
                else:
                    result.unchanged += 1
            if new_events:
                conn.execute(events_table.insert(), new_events)
                conn.execute(sources_table.insert(), new_sources)
                if new_entities:
                    conn.execute(entities_table.insert(), new_entities)
            status = "partial" if run.n_rejected else "ok"
            self._insert_run(conn, run, status, result)
        return result

    def record_failed_run(self, run: RunInfo) -> None:
        with self.engine.begin() as conn:
            self._insert_run(conn, run, "failed", WriteResult())

    @staticmethod
    def _changed(stored: dict[str, Any], event: Event) -> bool:
        incoming = _to_db(event, "", 0, "")
        return any(stored.get(f) != incoming[f] for f in _CONTENT_FIELDS)

    @staticmethod
    def _update_source(conn: sa.Connection, event: Event) -> bool:
        """Refresh one source's evidence and dates; True if anything changed."""
        src = sources_table.c
        where = sa.and_(src.event_id == event.event_id, src.source_key == event.source_key())
        current = conn.execute(
            sa.select(src.evidence, src.source_date, src.source_published, src.source_title).where(
                where
            )
        ).one()
        wanted = (event.evidence, event.date, event.source_published, event.source_title)
        if tuple(current) == wanted:
            return False
        conn.execute(
            sources_table.update()
            .where(where)
            .values(
                evidence=event.evidence,
                source_date=event.date,
                source_published=event.source_published,
                source_title=event.source_title,
            )
        )
        return True

    @staticmethod
    def _insert_run(conn: sa.Connection, run: RunInfo, status: str, result: WriteResult) -> None:
        conn.execute(
            runs_table.insert().values(
                file=run.file,
                sha256=run.sha256,
                adapter=run.adapter,
                started_at=run.started_at,
                finished_at=utc_now(),
                status=status,
                n_read=run.n_read,
                n_new=result.new,
                n_updated=result.updated,
                n_unchanged=result.unchanged,
                n_rejected=run.n_rejected,
                message=run.message,
            )
        )

    # --- reading ------------------------------------------------------------------

    def count_events(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one()
            )

    def revision(self) -> tuple[int, int]:
        """Changes whenever a file is ingested: lets readers cache until then."""
        with self.engine.connect() as conn:
            last_run = conn.execute(sa.select(sa.func.max(runs_table.c.id))).scalar_one()
            count = conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one()
        return int(last_run or 0), int(count)

    def last_run(self) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(sa.select(runs_table).order_by(runs_table.c.id.desc()).limit(1))
                .mappings()
                .first()
            )
        return dict(row) if row else None

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [
                dict(r)
                for r in conn.execute(sa.select(runs_table).order_by(runs_table.c.id)).mappings()
            ]

    def sources_for(self, event_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(sources_table)
                .where(sources_table.c.event_id == event_id)
                .order_by(sources_table.c.id)
            ).mappings()
            return [dict(r) for r in rows]

    def load_events(self) -> pd.DataFrame:
        """All events as a DataFrame in the export columns; list columns hold lists."""
        import pandas as pd

        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(*(events_table.c[name] for name in COLUMNS)).order_by(
                    events_table.c.date_start, events_table.c.event_id
                )
            ).all()
        df = pd.DataFrame(rows, columns=list(COLUMNS))
        for name in LIST_COLUMNS:
            df[name] = [json.loads(v) if v else [] for v in df[name]]
        df["amount"] = pd.to_numeric(df["amount"], errors="coerce").astype("Float64")
        df["source_count"] = df["source_count"].astype("int64")
        df["confidence"] = df["confidence"].astype("float64")
        return df
