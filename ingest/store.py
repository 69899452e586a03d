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
from datetime import UTC, datetime, timedelta
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from .merge import (
    MAX_TOLERANCE,
    Report,
    authority_rank,
    cluster,
    conflicts,
    same_event,
    strong_names,
    title_tokens,
)
from .schema import COLUMN_SPECS, COLUMNS, LIST_COLUMNS, Event, fold

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

# One row per source report of an event: what that source said, with its own date,
# evidence and authority. Events are recomputed from these when sources arrive.
sources_table = sa.Table(
    "event_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, nullable=False),  # the merged event it belongs to
    sa.Column("report_id", sa.Text, nullable=False),  # the id its own identity gives
    sa.Column("source_key", sa.String(32), nullable=False),
    sa.Column("adapter", sa.Text),
    sa.Column("file", sa.Text),
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("subtype", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("actors", sa.Text),
    sa.Column("targets", sa.Text),
    sa.Column("amount", sa.Float),
    sa.Column("currency", sa.String(3)),
    sa.Column("source_title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("source_published", sa.String(32)),
    sa.Column("source_date", sa.String(10)),  # the event date as this source gave it
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("evidence", sa.Text),
    sa.Column("confidence", sa.Float),
    sa.Column("doc_key", sa.Text),  # a document number shared by the records of one act
    sa.Column("rank", sa.Integer),  # authority: 0 government record ... 3 news
    sa.Column("first_seen", sa.String(20)),
    sa.UniqueConstraint("report_id", "source_key", name="uq_report_source"),
    sa.Index("ix_sources_event", "event_id"),
    sa.Index("ix_sources_type_date", "event_type", "date_start"),
    sa.Index("ix_sources_key", "doc_key"),
)

entities_table = sa.Table(
    "event_entities",
    metadata,
    sa.Column("event_id", sa.Text, primary_key=True),
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

# Report fields that, when a source re-sends them changed, count as an update.
_REPORT_FIELDS = (
    "event_type", "subtype", "title", "actors", "targets", "amount", "currency", "source_title",
    "source_url", "source_published", "source_date", "date_precision", "date_start", "date_end",
    "evidence", "confidence", "doc_key", "rank",
)  # fmt: skip


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


def _report_row(event: Event, now: str) -> dict[str, Any]:
    row = event.row()
    return {
        "event_id": event.event_id,
        "report_id": event.event_id,
        "source_key": event.source_key(),
        "adapter": event.adapter,
        "file": event.file,
        "event_type": event.event_type,
        "subtype": event.subtype,
        "title": event.title,
        "actors": json.dumps(list(event.actors), ensure_ascii=False),
        "targets": json.dumps(list(event.targets), ensure_ascii=False),
        "amount": event.amount,
        "currency": event.currency,
        "source_title": event.source_title,
        "source_url": event.source_url,
        "source_published": event.source_published,
        "source_date": row["date"],
        "date_precision": row["date_precision"],
        "date_start": row["date_start"],
        "date_end": row["date_end"],
        "evidence": event.evidence,
        "confidence": event.confidence,
        # Only document numbers ("doc:eo-14157") join reports whatever their dates; a
        # title key tells same-day acts apart but recurs every year for annual notices.
        "doc_key": event.key if event.key.startswith("doc:") else "",
        "rank": authority_rank(event.adapter, event.source_url, event.confidence),
        "first_seen": now,
    }


def _as_report(row: dict[str, Any]) -> Report:
    targets = strong_names(json.loads(row["targets"] or "[]"))
    return Report(
        report_id=row["report_id"],
        event_type=row["event_type"],
        subtype=row["subtype"] or "",
        date=row["source_date"],
        precision=row["date_precision"],
        start=Date.fromisoformat(row["date_start"]).toordinal(),
        end=Date.fromisoformat(row["date_end"]).toordinal(),
        targets=frozenset(fold(t) for t in targets),
        # A news report's words are its whole sentence, not only the shortened title.
        title=title_tokens(
            f"{row['title'] or ''} {row['evidence'] or ''}"
            if row["rank"] == 3
            else row["title"] or ""
        ),
        key=row["doc_key"] or "",
        amount=row["amount"],
        rank=row["rank"] if row["rank"] is not None else 3,
        confidence=row["confidence"] if row["confidence"] is not None else 1.0,
        source=row["source_title"] or row["source_url"] or row["file"] or "",
        payload=row,
    )


def _event_row(members: list[Report], now: str) -> dict[str, Any]:
    """The merged event: the most authoritative report speaks for it; the lists gather
    every source's names; counts and first sight cover all of them."""
    top = members[0].payload
    assert isinstance(top, dict)
    rows = [m.payload for m in members]
    names: dict[str, list[str]] = {"actors": [], "targets": []}
    for row in rows:
        for column, bucket in names.items():
            for name in json.loads(row["targets" if column == "targets" else "actors"] or "[]"):  # type: ignore[index]
                if fold(name) not in {fold(n) for n in bucket}:
                    bucket.append(name)
    amount = top["amount"]
    if amount is None:
        amount = next((r["amount"] for r in rows if r["amount"] is not None), None)  # type: ignore[index]
    return {
        "event_id": top["report_id"],
        "date": top["source_date"],
        "date_precision": top["date_precision"],
        "date_start": top["date_start"],
        "date_end": top["date_end"],
        "event_type": top["event_type"],
        "subtype": top["subtype"],
        "title": top["title"],
        "actors": json.dumps(names["actors"], ensure_ascii=False),
        "targets": json.dumps(names["targets"], ensure_ascii=False),
        "amount": amount,
        "currency": top["currency"] or next((r["currency"] for r in rows if r["currency"]), ""),  # type: ignore[index]
        "evidence": top["evidence"],
        "source_title": top["source_title"],
        "source_url": top["source_url"],
        "source_published": top["source_published"],
        "source_count": len({r["source_key"] for r in rows}),  # type: ignore[index]
        "confidence": max(float(r["confidence"] or 0) for r in rows),  # type: ignore[index]
        "first_seen": min(r["first_seen"] for r in rows),  # type: ignore[index]
        "conflict": conflicts(members),
        "primary_source": top["source_key"],
        "updated_at": now,
    }


def _is_export_of(event: Event, shown: dict[str, Any] | None) -> bool:
    """True when ``event`` is the merged event exactly as the store shows it (a row of an
    export read back): nothing new to learn from it."""
    if shown is None:
        return False
    row = event.row()
    for name in LIST_COLUMNS:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    return all(shown.get(k) == v for k, v in row.items() if k != "confidence") and (
        abs(float(shown.get("confidence") or 0) - event.confidence) < 1e-9
    )


def _cached_list(text: str | None, cache: dict[str, list[str]]) -> list[str]:
    if not text:
        return []
    value = cache.get(text)
    if value is None:
        value = cache[text] = json.loads(text)
    return value


def _entity_rows(event: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"event_id": event["event_id"], "role": role, "entity": name, "entity_folded": fold(name)}
        for role, column in (("actor", "actors"), ("target", "targets"))
        for name in json.loads(event[column])
    ]


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
        """Store validated events as source reports, re-merge the events they touch, and
        record the run, all in one transaction.

        A report is the same report again when its own id or the id of the event it was
        merged into, with the same source, comes back: re-ingesting changes nothing.
        """
        result = WriteResult()
        now = utc_now()
        src = sources_table.c
        with self.engine.begin() as conn:
            ids = sorted({e.event_id for e in events})
            keys = sorted({e.source_key() for e in events})
            known: dict[tuple[str, str], dict[str, Any]] = {}
            for chunk in _chunks(keys):
                for found in conn.execute(
                    sa.select(sources_table).where(src.source_key.in_(chunk))
                ).mappings():
                    stored_row = dict(found)
                    known[(stored_row["report_id"], stored_row["source_key"])] = stored_row
                    known.setdefault((stored_row["event_id"], stored_row["source_key"]), stored_row)
            wanted = set(ids)
            known = {k: v for k, v in known.items() if k[0] in wanted}
            shown: dict[str, dict[str, Any]] = {}  # the merged events these ids name
            for chunk in _chunks(ids):
                for found in conn.execute(
                    sa.select(events_table).where(events_table.c.event_id.in_(chunk))
                ).mappings():
                    shown[found["event_id"]] = dict(found)

            touched: dict[int, dict[str, Any]] = {}  # report row id -> row
            fresh: set[int] = set()
            seen: set[tuple[str, str]] = set()
            for event in events:
                ident = (event.event_id, event.source_key())
                if ident in seen:
                    continue
                seen.add(ident)
                row = _report_row(event, now)
                stored = known.get(ident)
                if stored is None:
                    inserted = conn.execute(sources_table.insert().values(**row))
                    row["id"] = inserted.inserted_primary_key[0]  # type: ignore[index]
                    touched[row["id"]] = row
                    fresh.add(row["id"])
                    continue
                if stored["adapter"] != row["adapter"]:
                    # The same source come back through another format (an exported CSV
                    # of a Federal Register record): the original report stays as it is.
                    result.unchanged += 1
                    continue
                changed = {f: row[f] for f in _REPORT_FIELDS if stored[f] != row[f]}
                if not changed or _is_export_of(event, shown.get(event.event_id)):
                    result.unchanged += 1
                    continue
                conn.execute(sources_table.update().where(src.id == stored["id"]).values(**changed))
                touched[stored["id"]] = {**stored, **changed}
            if touched:
                self._remerge(conn, touched, fresh, now, result)
            status = "partial" if run.n_rejected else "ok"
            self._insert_run(conn, run, status, result)
        return result

    def _remerge(
        self,
        conn: sa.Connection,
        touched: dict[int, dict[str, Any]],
        fresh: set[int],
        now: str,
        result: WriteResult,
    ) -> None:
        """Recompute the events that the touched reports belong to or now match."""
        src = sources_table.c
        component = self._component(conn, touched)
        old_ids = {row["event_id"] for row in component.values()}
        reports = [_as_report(row) for row in component.values()]
        new_ids: set[str] = set()
        for group in cluster(reports):
            members = [reports[i] for i in group]
            event = _event_row(members, now)
            new_ids.add(event["event_id"])
            member_ids = [m.payload["id"] for m in members]  # type: ignore[index]
            for chunk in _chunks(member_ids):
                conn.execute(
                    sources_table.update()
                    .where(src.id.in_(chunk), src.event_id != event["event_id"])
                    .values(event_id=event["event_id"])
                )
            existing = conn.execute(
                sa.select(events_table.c.first_seen).where(
                    events_table.c.event_id == event["event_id"]
                )
            ).first()
            if existing is not None:
                event["first_seen"] = min(event["first_seen"], existing[0])
                conn.execute(
                    events_table.update()
                    .where(events_table.c.event_id == event["event_id"])
                    .values(**event)
                )
            else:
                conn.execute(events_table.insert().values(**event))
            conn.execute(
                entities_table.delete().where(entities_table.c.event_id == event["event_id"])
            )
            if ents := _entity_rows(event):
                conn.execute(entities_table.insert(), ents)
            ours = [m.payload["id"] for m in members if m.payload["id"] in touched]  # type: ignore[index]
            if ours:
                # An event made only of this batch's new reports is new; else it changed.
                if all(i in fresh for i in member_ids):
                    result.new += 1
                else:
                    result.updated += 1
        for chunk in _chunks(sorted(old_ids - new_ids)):
            conn.execute(entities_table.delete().where(entities_table.c.event_id.in_(chunk)))
            conn.execute(events_table.delete().where(events_table.c.event_id.in_(chunk)))

    def _component(
        self, conn: sa.Connection, touched: dict[int, dict[str, Any]]
    ) -> dict[int, dict[str, Any]]:
        """The touched reports, everything merged with them before, and everything that
        matches them now, transitively: the part of the store whose events may change."""
        src = sources_table.c
        component: dict[int, dict[str, Any]] = {}
        frontier = list(touched.values())
        for row in frontier:
            component[row["id"]] = row
        mates_done: set[str] = set()
        while frontier:
            found: list[dict[str, Any]] = []
            for row in frontier:
                if row["event_id"] not in mates_done:
                    mates_done.add(row["event_id"])
                    mates = conn.execute(
                        sa.select(sources_table).where(src.event_id == row["event_id"])
                    )
                    found += [dict(m) for m in mates.mappings() if m["id"] not in component]
                report = _as_report(row)
                lo = (
                    Date.fromordinal(report.start) - timedelta(days=MAX_TOLERANCE + 366)
                ).isoformat()
                hi = (Date.fromordinal(report.end) + timedelta(days=MAX_TOLERANCE)).isoformat()
                near = sa.and_(
                    src.event_type == row["event_type"], src.date_start >= lo, src.date_start <= hi
                )
                query = sa.select(sources_table).where(
                    sa.or_(near, src.doc_key == row["doc_key"]) if row["doc_key"] else near
                )
                for candidate in conn.execute(query).mappings():
                    if candidate["id"] not in component and same_event(
                        report, _as_report(dict(candidate))
                    ):
                        found.append(dict(candidate))
            frontier = []
            for row in found:
                if row["id"] not in component:
                    component[row["id"]] = row
                    frontier.append(row)
        return component

    def bulk_load(self, events: Sequence[Event], run: RunInfo, batch: int = 20_000) -> int:
        """Insert events already known to be distinct (each its own event, one source),
        without the merge pass: for loading large generated or restored data sets fast.
        Returns the number of events written."""
        now = utc_now()
        with self.engine.begin() as conn:
            for i in range(0, len(events), batch):
                chunk = events[i : i + batch]
                reports = [_report_row(e, now) for e in chunk]
                conn.execute(sources_table.insert(), reports)
                rows = [_event_row([_as_report({**report, "id": None})], now) for report in reports]
                conn.execute(events_table.insert(), rows)
                if entities := [ent for r in rows for ent in _entity_rows(r)]:
                    conn.execute(entities_table.insert(), entities)
            result = WriteResult(new=len(events))
            self._insert_run(conn, run, "ok", result)
        return len(events)

    def record_failed_run(self, run: RunInfo) -> None:
        with self.engine.begin() as conn:
            self._insert_run(conn, run, "failed", WriteResult())

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

    def source_counts(self) -> list[tuple[str, int]]:
        """Events per kind of source (adapter), most first."""
        src = sources_table.c
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(src.adapter, sa.func.count(sa.distinct(src.event_id)))
                .group_by(src.adapter)
                .order_by(sa.func.count(sa.distinct(src.event_id)).desc())
            ).all()
        return [(str(a or ""), int(n)) for a, n in rows]

    def sources_for(self, event_id: str) -> list[dict[str, Any]]:
        """Every report of the event, most authoritative first, then in arrival order."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(sources_table)
                .where(sources_table.c.event_id == event_id)
                .order_by(sources_table.c.rank, sources_table.c.id)
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
        # Column by column: several times faster than pandas reading a million row tuples.
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in COLUMNS]
        data: dict[str, Any] = dict(zip(COLUMNS, columns, strict=True))
        # The same lists recur ('["United States"]'): parse each text once. Rows share
        # these list objects, so nothing may mutate a cell in place.
        parsed: dict[str, list[str]] = {}
        for name in LIST_COLUMNS:
            data[name] = [_cached_list(v, parsed) for v in data[name]]
        df = pd.DataFrame(
            {name: list(values) for name, values in data.items()}, columns=list(COLUMNS)
        )
        df["amount"] = pd.to_numeric(df["amount"], errors="coerce").astype("Float64")
        df["source_count"] = df["source_count"].astype("int64")
        df["confidence"] = df["confidence"].astype("float64")
        return df
