"""Giving the events of a store made before the review layer their review columns: no
edits exist yet, so each is unreviewed, with the queue's reasons computed from its own
row and its sources. Runs once, inside the transaction that adds the columns
(``store.connect.ensure_schema``); rows are written through
``store.writer.apply_event_changes`` like every other change of an event."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..merge import Report
from ..store.tables import events_table, sources_table
from .layer import queue_reasons

BATCH = 5_000


def fill_review_columns(conn: sa.Connection) -> int:
    """Fill the review columns of every event that lacks them; the number filled."""
    from ..store.batches import chunks
    from ..store.writer import apply_event_changes

    e, s = events_table.c, sources_table.c
    filled, after = 0, ""
    while True:
        rows = [
            dict(r)
            for r in conn.execute(
                sa.select(events_table)
                .where(e.review_status.is_(None), e.event_id > after)
                .order_by(e.event_id)
                .limit(BATCH)
            ).mappings()
        ]
        if not rows:
            return filled
        after = rows[-1]["event_id"]
        newest: dict[str, str] = {}
        rank: dict[str, int] = {}
        for chunk in chunks([r["event_id"] for r in rows]):
            query = (
                sa.select(
                    s.event_id, sa.func.max(s.first_seen), sa.func.min(sa.func.coalesce(s.rank, 3))
                )
                .where(s.event_id.in_(chunk))
                .group_by(s.event_id)
            )
            for event_id, last_seen, best in conn.execute(query):
                newest[event_id], rank[event_id] = last_seen, int(best)
        updates = [
            _filled(row, newest.get(row["event_id"]), rank.get(row["event_id"], 3)) for row in rows
        ]
        apply_event_changes(conn, [], updates, [])
        filled += len(updates)


def _filled(row: dict[str, Any], last_source_at: str | None, best_rank: int) -> dict[str, Any]:
    head = Report("", "", "", "", "", 0, 0, frozenset(), frozenset(), rank=best_rank)
    reasons = queue_reasons(row, "unreviewed", [head], False, None, last_source_at)
    return {
        **row,
        "review_status": "unreviewed",
        "note": "",
        "tags": "[]",
        "reviewed_at": None,
        "last_source_at": last_source_at or row.get("first_seen"),
        "review_reasons": "; ".join(reasons),
        "in_queue": int(bool(reasons)),
    }
