"""The review queue: the events that need a person (low confidence, a single news
source, sources that disagree, a source new since the last review, a later source
against a correction), newest source first, then least certain.

Read from the store, not from a dashboard snapshot, so an event confirmed a moment ago
has left it. The order is an index (``ix_events_queue``): a page costs its own rows.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..store.tables import events_table

QUEUE_COLUMNS = (
    "event_id", "date", "date_precision", "event_type", "title", "confidence", "source_count",
    "conflict", "review_status", "review_reasons", "last_source_at",
)  # fmt: skip
MAX_PAGE = 200


def review_queue(engine: sa.Engine, offset: int = 0, limit: int = 50) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """One page of the queue in its order, and how many events it holds."""
    e = events_table.c
    offset, limit = max(0, int(offset)), min(max(1, int(limit)), MAX_PAGE)
    query = (
        sa.select(*(e[c] for c in QUEUE_COLUMNS))
        .where(e.in_queue == 1)
        .order_by(e.last_source_at.desc(), e.confidence, e.event_id)
        .offset(offset)
        .limit(limit)
    )
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        total = conn.execute(
            sa.select(sa.func.count()).select_from(events_table).where(e.in_queue == 1)
        ).scalar_one()
    return rows, int(total)
