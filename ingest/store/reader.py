"""Reading the store: counts, the revision readers cache by, runs, sources, all events."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..review.tables import edits_table
from ..schema import COLUMNS, LIST_COLUMNS
from .tables import events_table, runs_table, sources_table

if TYPE_CHECKING:
    import pandas as pd


def count_events(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one())


def revision(engine: sa.Engine) -> tuple[int, int]:
    """Changes whenever a file is ingested or an analyst edits: lets readers cache until
    then. (Runs and edits are only ever added, so the sum of their last ids grows with
    each.)"""
    with engine.connect() as conn:
        last_run = conn.execute(sa.select(sa.func.max(runs_table.c.id))).scalar_one()
        last_edit = conn.execute(sa.select(sa.func.max(edits_table.c.id))).scalar_one()
        count = conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one()
    return int(last_run or 0) + int(last_edit or 0), int(count)


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
    import pandas as pd

    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(*(events_table.c[name] for name in COLUMNS)).order_by(
                events_table.c.date_start, events_table.c.event_id
            )
        ).all()
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
