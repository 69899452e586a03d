"""Small builders for the review tests: reports from named sources, ingested as a file
would be, and a store on SQLite or (when POLICY_TIMELINE_TEST_PG is set) PostgreSQL."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import sqlalchemy as sa

from ingest.schema import Event, validate
from ingest.store import RunInfo, Store, metadata, utc_now

PG_URL = os.environ.get("POLICY_TIMELINE_TEST_PG")


def fresh_store(kind: str, tmp_path: Any) -> Store:
    """An empty store: a new SQLite file, or the test PostgreSQL database emptied."""
    if kind == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'review.db'}")
    assert PG_URL
    engine = sa.create_engine(PG_URL)
    metadata.drop_all(engine)
    engine.dispose()
    return Store(PG_URL)


def report(
    date: str,
    title: str,
    source: str,
    *,
    kind: str = "bounty",
    targets: tuple[str, ...] = ("Nicolas Maduro",),
    amount: float | None = None,
    confidence: float = 0.7,
    adapter: str = "feed",
    subtype: str = "",
    evidence: str = "",
) -> Event:
    """One source's report: a news feed entry unless ``adapter`` says otherwise."""
    return validate(
        Event(
            date=date, event_type=kind, title=title, subtype=subtype, targets=targets,
            actors=("Department of State",), amount=amount,
            evidence=evidence or f"{source} reports: {title}.", source_title=source,
            source_url=f"https://news.example.org/{hashlib.sha1(f'{source}|{title}'.encode()).hexdigest()[:10]}",
            confidence=confidence, adapter=adapter, file=f"{source}.xml",
        )
    )  # fmt: skip


def ingest(store: Store, *events: Event, name: str = "batch") -> Any:
    return store.write_events(
        list(events), RunInfo(name, "0" * 64, "feed", utc_now(), len(events), 0)
    )


def events(store: Store) -> list[dict[str, Any]]:
    """Every event row (all columns), ordered by date then id."""
    from ingest.store.tables import events_table

    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(events_table).order_by(events_table.c.date_start, events_table.c.event_id)
        ).mappings()
        return [dict(r) for r in rows]


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def sources_of(store: Store, event_id: str) -> list[dict[str, Any]]:
    return store.sources_for(event_id)
