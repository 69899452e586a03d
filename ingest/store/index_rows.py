"""What an in-memory event index reads of the store: per event, the columns it filters,
sorts and searches on, every source's text, and the kinds of source (adapters) that
reported it. Read for all events (a full build) or for the events the change log names
(a refresh), inside one consistent read (``consistent_read``).

The display fields (evidence aside, URLs, dates as written...) are not read here: the
dashboard reads them by id for the rows it shows (``EventIndex.frame``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import sqlalchemy as sa

from .batches import chunks
from .tables import events_table, sources_table

CHUNK = 1_000  # ids per IN (...): well under both databases' parameter limits


class IndexRow(NamedTuple):
    event_id: str
    date_start: str
    date_end: str
    event_type: str
    confidence: float | None
    source_count: int | None
    conflict: str | None
    source_title: str | None
    targets: str | None  # JSON list, as stored
    actors: str | None
    amount: float | None
    first_seen: str | None
    title: str | None
    evidence: str | None
    review_status: str | None  # None on rows stored before the review layer
    source_text: str  # every other source's distinct titles and quotes, one per line
    adapters: tuple[str, ...]  # the kinds of source that reported it, sorted


_EVENT_COLUMNS = (
    "event_id", "date_start", "date_end", "event_type", "confidence", "source_count",
    "conflict", "source_title", "targets", "actors", "amount", "first_seen", "title", "evidence",
    "review_status",
)  # fmt: skip


@contextmanager
def consistent_read(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A read-only transaction that sees one state of the store throughout: the revision
    and the rows read in it belong together (SQLite: a WAL read transaction; PostgreSQL:
    REPEATABLE READ)."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _query(ids: Iterable[str] | None = None) -> sa.Select:
    e, s = events_table.c, sources_table.c
    query = (
        sa.select(
            *(e[name] for name in _EVENT_COLUMNS), s.title, s.source_title, s.evidence, s.adapter
        )  # fmt: skip
        .select_from(events_table.outerjoin(sources_table, s.event_id == e.event_id))
        .order_by(e.event_id, s.id)
    )
    if ids is not None:
        query = query.where(e.event_id.in_(list(ids)))
    return query


def _grouped(result: Iterable[sa.Row]) -> Iterator[IndexRow]:
    """One IndexRow per event from the join's rows (one per source, in event order)."""
    current: tuple[Any, ...] | None = None
    parts: dict[str, None] = {}  # insertion-ordered set
    adapters: set[str] = set()
    width = len(_EVENT_COLUMNS)
    for row in result:
        event = tuple(row[:width])
        if current is None or event[0] != current[0]:
            if current is not None:
                yield _row(current, parts, adapters)
            current, parts, adapters = event, {}, set()
        title, source_title, evidence, adapter = row[width:]
        own_title, own_evidence = event[12], event[13]
        for text in (title, source_title, evidence):
            if text and text != own_title and text != own_evidence:
                parts[text] = None
        if adapter:
            adapters.add(adapter)
    if current is not None:
        yield _row(current, parts, adapters)


def _row(event: tuple[Any, ...], parts: dict[str, None], adapters: set[str]) -> IndexRow:
    return IndexRow._make((*event, "\n".join(parts), tuple(sorted(adapters))))


def all_rows(conn: sa.Connection) -> Iterator[IndexRow]:
    """Every event, in event id order, streamed."""
    result = conn.execution_options(stream_results=True, yield_per=20_000).execute(_query())
    yield from _grouped(result)


def rows_for(conn: sa.Connection, event_ids: Iterable[str]) -> Iterator[IndexRow]:
    """The events among ``event_ids`` that exist (ids of removed events yield nothing)."""
    ids = sorted(set(event_ids))
    for chunk in chunks(ids, CHUNK):
        yield from _grouped(conn.execute(_query(chunk)))
