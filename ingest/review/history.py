"""What the detail panel reads straight from the store (never from a snapshot that may
be a moment old): the event as it is now, its history (sources and edits in time order),
and the events an analyst may want to merge it with."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from ..schema import COLUMNS, LIST_COLUMNS, fold
from ..store.tables import events_table, sources_table
from .layer import EDIT_FIELDS, FIELD_LABELS, STATUS, latest_edits, shown, uid
from .records import edits_for

NEARBY_DAYS = 45
_BOOKKEEPING = ("reviewed_at", "last_source_at", "review_reasons", "in_queue", "primary_source")


@dataclass(frozen=True)
class Entry:
    """One line of an event's history."""

    at: str
    kind: str  # "source" | "edit"
    text: str
    who: str = ""
    reason: str = ""
    edit_id: int | None = None
    undoable: bool = False  # an edit in effect, which a later edit can undo


def current_event(engine: sa.Engine, event_id: str) -> dict[str, Any] | None:
    """The event row now (export columns, lists as lists, and the review bookkeeping)."""
    e = events_table.c
    with engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(*(e[c] for c in (*COLUMNS, *_BOOKKEEPING))).where(e.event_id == event_id)
            )
            .mappings()
            .first()
        )
    if row is None:
        return None
    event = dict(row)
    for name in LIST_COLUMNS:
        event[name] = json.loads(event[name] or "[]")
    event["review_status"] = event["review_status"] or "unreviewed"
    return event


def _edit_text(field: str, old: Any, new: Any, reverts: bool) -> str:
    label = FIELD_LABELS.get(field, field)
    if field == STATUS:
        return {None: "restored (neither confirmed nor rejected)", "confirmed": "confirmed",
                "rejected": "rejected: not an event"}[None if reverts else new]  # fmt: skip
    if field == "split":
        return f"split: {len(new['moved'])} source(s) moved to an event of their own"
    if field == "merge":
        return f"merged with event {new['with']}"
    if field == "add":
        return f"added by hand from {new['source_url']}"
    if reverts:
        return f"{label}: back to what the sources say (was {shown(field, old) or 'empty'})"
    return f"{label}: {shown(field, old) or 'empty'} → {shown(field, new) or 'empty'}"


def event_history(engine: sa.Engine, event_id: str) -> list[Entry]:
    """Every source's arrival and every edit of the event, oldest first."""
    with engine.connect() as conn:
        sources = [
            dict(r)
            for r in conn.execute(
                sa.select(sources_table).where(sources_table.c.event_id == event_id)
            ).mappings()
        ]
        found = edits_for(conn, [uid(s["report_id"], s["source_key"]) for s in sources])
    edits = sorted((e for group in found.values() for e in group), key=lambda e: e.id)
    in_effect = {e.id for e in latest_edits(edits).values()}
    entries = [
        Entry(
            s["first_seen"] or "",
            "source",
            f"source: {s['source_title'] or s['source_url'] or s['file'] or 'unnamed'}"
            f" (gives {s['source_date']})",
        )
        for s in sources
    ]
    entries += [
        Entry(
            e.at, "edit", _edit_text(e.field, e.old, e.new, e.reverts), e.editor, e.reason, e.id,
            e.id in in_effect and (e.field in EDIT_FIELDS or e.field == STATUS),
        )
        for e in edits
    ]  # fmt: skip
    return sorted(entries, key=lambda x: (x.at, x.kind != "source", x.edit_id or 0))


def nearby_events(engine: sa.Engine, event: dict[str, Any], limit: int = 20) -> list[dict[str, Any]]:  # fmt: skip
    """Events an analyst may merge ``event`` with: those within NEARBY_DAYS of it, the
    ones naming the same targets and the closest in time first."""
    start = Date.fromisoformat(event["date_start"])
    lo, hi = (start - timedelta(days=NEARBY_DAYS)).isoformat(), (start + timedelta(days=NEARBY_DAYS)).isoformat()  # fmt: skip
    e = events_table.c
    query = (
        sa.select(e.event_id, e.date, e.event_type, e.title, e.targets, e.date_start)
        .where(e.date_start >= lo, e.date_start <= hi, e.event_id != event["event_id"])
        .limit(2_000)
    )
    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    ours = {fold(t) for t in event.get("targets") or []}

    def rank(r: dict[str, Any]) -> tuple[int, int, str]:
        shared = bool(ours & {fold(t) for t in json.loads(r["targets"] or "[]")})
        gap = abs((Date.fromisoformat(r["date_start"]) - start).days)
        return (0 if shared else 1, gap, r["event_id"])

    return sorted(rows, key=rank)[:limit]
