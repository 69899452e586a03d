"""Reading the store: counts, the revision readers cache by, runs, sources, all events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..schema import COLUMNS, LIST_COLUMNS
from . import changes
from .batches import chunks
from .changes import Revision
from .tables import events_table, runs_table, sources_table

if TYPE_CHECKING:
    import pandas as pd

_BY_ID_CHUNK = 1_000  # ids per IN (...): well under both databases' parameter limits


def count_events(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one())


def revision(engine: sa.Engine) -> Revision:
    """(last change to the events, last ingest run): changes whenever an event changes or
    a file is read, and costs two primary-key lookups, so readers may ask on every
    request. See ``changes``."""
    with engine.connect() as conn:
        return changes.revision(conn)


def last_run(engine: sa.Engine) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = (
            conn.execute(sa.select(runs_table).order_by(runs_table.c.id.desc()).limit(1))
            .mappings()
            .first()
        )
    return dict(row) if row else None


def runs(engine: sa.Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [
            dict(r)
            for r in conn.execute(sa.select(runs_table).order_by(runs_table.c.id)).mappings()
        ]


def source_counts(engine: sa.Engine) -> list[tuple[str, int]]:
    """Events per kind of source (adapter), most first."""
    src = sources_table.c
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(src.adapter, sa.func.count(sa.distinct(src.event_id)))
            .group_by(src.adapter)
            .order_by(sa.func.count(sa.distinct(src.event_id)).desc())
        ).all()
    return [(str(a or ""), int(n)) for a, n in rows]


def sources_for(engine: sa.Engine, event_id: str) -> list[dict[str, Any]]:
    """Every report of the event, most authoritative first, then in arrival order."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(sources_table)
            .where(sources_table.c.event_id == event_id)
            .order_by(sources_table.c.rank, sources_table.c.id)
        ).mappings()
        return [dict(r) for r in rows]


def _cached_list(text: str | None, cache: dict[str, list[str]]) -> list[str]:
    if not text:
        return []
    value = cache.get(text)
    if value is None:
        value = cache[text] = json.loads(text)
    return value


def load_events(engine: sa.Engine) -> pd.DataFrame:
    """All events as a DataFrame in the export columns; list columns hold lists."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(*(events_table.c[name] for name in COLUMNS)).order_by(
                events_table.c.date_start, events_table.c.event_id
            )
        ).all()
    return events_frame(rows)


def events_by_id(engine: sa.Engine, event_ids: Sequence[str]) -> pd.DataFrame:
    """The events with these ids that exist, in the order given (a removed event is left
    out), as ``load_events`` gives them."""
    found: dict[str, Any] = {}
    wanted = list(dict.fromkeys(event_ids))
    with engine.connect() as conn:
        for chunk in chunks(wanted, _BY_ID_CHUNK):
            query = sa.select(*(events_table.c[name] for name in COLUMNS)).where(
                events_table.c.event_id.in_(chunk)
            )
            found.update((row[0], row) for row in conn.execute(query))
    return events_frame([found[i] for i in wanted if i in found])


def events_frame(rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """Rows of the export columns (list columns as stored JSON) as a DataFrame."""
    import pandas as pd

    # Column by column: several times faster than pandas reading a million row tuples.
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in COLUMNS]
    data: dict[str, Any] = dict(zip(COLUMNS, columns, strict=True))
    # The same lists recur ('["United States"]'): parse each text once. Rows share these
    # list objects, so nothing may mutate a cell in place.
    parsed: dict[str, list[str]] = {}
    for name in LIST_COLUMNS:
        data[name] = [_cached_list(v, parsed) for v in data[name]]
    df = pd.DataFrame({name: list(values) for name, values in data.items()}, columns=list(COLUMNS))
    df["amount"] = pd.to_numeric(df["amount"], errors="coerce").astype("Float64")
    df["source_count"] = df["source_count"].astype("int64")
    df["confidence"] = df["confidence"].astype("float64")
    return df
