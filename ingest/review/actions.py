"""What an analyst does to an event, each as one write transaction holding the store's
writer lock (``store.write``): record the action in ``review_edits`` (and, for a split or
merge, its constraints in ``review_links``), then recompute the event and its neighbours
with ``store.writer.remerge``, which writes the effective rows through
``apply_event_changes`` exactly as an ingest does. Nothing here writes ``events`` itself.

An edit names the values the analyst saw (``base``): when another analyst changed one of
those fields meanwhile, nothing is written and ``EditConflict`` says what the field holds
now, so no one's change is lost to a form opened before it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ..schema import Event, ValidationError, validate
from ..store.connect import write
from ..store.rows import as_report, report_row
from ..store.runs import WriteResult, utc_now
from ..store.tables import events_table, sources_table
from .layer import (
    ADD,
    EDIT_FIELDS,
    FIELD_LABELS,
    MAX_REASON,
    MERGE,
    SPLIT,
    STATUS,
    Edit,
    clean,
    field_value,
    latest_edits,
    shown,
    uid,
)
from .records import edits_for
from .tables import edits_table, links_table

MANUAL_ADAPTER = "manual"  # the adapter name of events added by hand
MAX_SOURCES_PER_ACTION = 500  # an event's sources a split or merge handles at once


class ReviewError(ValueError):
    """An action that cannot be done as asked; the message says why and what to do."""


class EditConflict(ReviewError):
    """A field changed since the analyst's form was filled: nothing was saved."""


@dataclass(frozen=True)
class Outcome:
    event_id: str  # the event the action leaves selected
    message: str
    other_event_id: str = ""  # a split's new event


def _reason(reason: str | None) -> str:
    text = " ".join((reason or "").split())
    if len(text) > MAX_REASON:
        raise ReviewError(f"the reason has {len(text):,} characters; at most {MAX_REASON}")
    return text


def _event(conn: sa.Connection, event_id: str) -> dict[str, Any]:
    row = (
        conn.execute(sa.select(events_table).where(events_table.c.event_id == event_id))
        .mappings()
        .first()
    )
    if row is None:
        raise ReviewError(
            f"event {event_id} is no longer in the store (merged or split meanwhile): "
            "reload the page and select it again"
        )
    return dict(row)


def _members(conn: sa.Connection, event_id: str) -> list[dict[str, Any]]:
    """The event's reports, most authoritative first (its head speaks for it)."""
    rows = [
        dict(r)
        for r in conn.execute(
            sa.select(sources_table).where(sources_table.c.event_id == event_id)
        ).mappings()
    ]
    if len(rows) > MAX_SOURCES_PER_ACTION:
        raise ReviewError(
            f"event {event_id} has {len(rows):,} sources, more than one action handles "
            f"({MAX_SOURCES_PER_ACTION})"
        )
    reports = sorted((as_report(r) for r in rows), key=lambda r: (r.authority(), r.uid))
    return [r.payload for r in reports]  # type: ignore[misc]


def _uid(row: Mapping[str, Any]) -> str:
    return uid(row["report_id"], row["source_key"])


def _edit_row(
    event_id: str, anchor: Mapping[str, Any], field: str, old: Any, new: Any, revert: bool,
    editor: str, at: str, reason: str,
) -> dict[str, Any]:  # fmt: skip
    return {
        "event_id": event_id,
        "anchor_report": anchor["report_id"],
        "anchor_source": anchor["source_key"],
        "field": field,
        "old_value": json.dumps(old, ensure_ascii=False),
        "new_value": None if revert else json.dumps(new, ensure_ascii=False),
        "editor": editor,
        "at": at,
        "reason": reason,
    }


def _insert_edits(conn: sa.Connection, rows: list[dict[str, Any]]) -> list[int]:
    ids = conn.execute(
        edits_table.insert().returning(edits_table.c.id, sort_by_parameter_order=True), rows
    ).scalars()
    return list(ids)


def _recompute(
    conn: sa.Connection, rows: Sequence[dict[str, Any]], fresh: frozenset[int] = frozenset()
) -> None:
    from ..store.writer import remerge

    remerge(conn, {r["id"]: r for r in rows}, set(fresh), utc_now(), WriteResult())


def _event_of(conn: sa.Connection, source_row_id: int) -> str:
    return str(
        conn.execute(
            sa.select(sources_table.c.event_id).where(sources_table.c.id == source_row_id)
        ).scalar_one()
    )


# --- fields -----------------------------------------------------------------------------


def edit_fields(
    engine: sa.Engine,
    event_id: str,
    changes: Mapping[str, Any],
    base: Mapping[str, Any],
    editor: str,
    reason: str = "",
) -> Outcome:
    """Set fields of the event to new values (each cleaned by ``layer.clean``). ``base``
    holds the values the analyst's form showed: a field that differs from it now was
    changed by someone else meanwhile (EditConflict, nothing saved)."""
    reason = _reason(reason)
    cleaned: dict[str, Any] = {}
    for field, value in changes.items():
        try:
            cleaned[field] = clean(field, value)
        except ValidationError as exc:
            raise ReviewError(f"{FIELD_LABELS.get(exc.field, exc.field)} {exc.problem}") from None

    def work(conn: sa.Connection) -> Outcome:
        event = _event(conn, event_id)
        members = _members(conn, event_id)
        head, now = members[0], utc_now()
        rows, conflicts = [], []
        for field, new in cleaned.items():
            current = field_value(event, field)
            if new == current:
                continue
            if field in base and base[field] != current:
                conflicts.append(f"{FIELD_LABELS[field]} is now {shown(field, current) or 'empty'}")
                continue
            rows.append(_edit_row(event_id, head, field, current, new, False, editor, now, reason))
        if conflicts:
            raise EditConflict(
                "Not saved: another editor changed this event meanwhile ("
                + "; ".join(conflicts)
                + "). The form now shows the current values: apply your change again."
            )
        if not rows:
            return Outcome(event_id, "Nothing to save: the form holds the event's values.")
        _insert_edits(conn, rows)
        _recompute(conn, members)
        names = ", ".join(FIELD_LABELS[r["field"]] for r in rows)
        return Outcome(_event_of(conn, head["id"]), f"Saved: {names}.")

    return write(engine, work)


def _applicable(conn: sa.Connection, members: list[dict[str, Any]]) -> list[Edit]:
    found = edits_for(conn, [_uid(m) for m in members])
    return sorted((e for edits in found.values() for e in edits), key=lambda e: e.id)


def undo(engine: sa.Engine, edit_id: int, editor: str, reason: str = "") -> Outcome:
    """Undo an edit that is in effect by a later edit giving the field the value it had
    before (or back to its sources when no edit came before). The undone edit stays in
    the history."""
    reason = _reason(reason)

    def work(conn: sa.Connection) -> Outcome:
        row = (
            conn.execute(sa.select(edits_table).where(edits_table.c.id == edit_id))
            .mappings()
            .first()
        )
        if row is None:
            raise ReviewError(f"there is no edit {edit_id}")
        target = Edit.from_row(dict(row))
        if target.field not in EDIT_FIELDS and target.field != STATUS:
            raise ReviewError(f"a {FIELD_LABELS[target.field]} is undone by the opposite action")
        anchor_row = conn.execute(
            sa.select(sources_table).where(
                sources_table.c.report_id == row["anchor_report"],
                sources_table.c.source_key == row["anchor_source"],
            )
        ).mappings().first()  # fmt: skip
        if anchor_row is None:
            raise ReviewError(f"edit {edit_id} follows a report that is no longer stored")
        event_id = anchor_row["event_id"]
        event, members = _event(conn, event_id), _members(conn, event_id)
        stream = [e for e in _applicable(conn, members) if e.field == target.field]
        if latest_edits(stream).get(target.field) != target:
            raise ReviewError(
                f"a later edit of the {FIELD_LABELS[target.field]} is in effect: undo that one"
            )
        before = [e for e in stream if e.id < target.id]
        previous = before[-1] if before else None
        revert = previous is None or previous.reverts
        new = None if revert else previous.new  # type: ignore[union-attr]
        current = (
            event.get("review_status")
            if target.field == STATUS
            else field_value(event, target.field)
        )
        now = utc_now()
        _insert_edits(conn, [_edit_row(event_id, members[0], target.field, current, new, revert,
                                       editor, now, reason or f"undo of edit {edit_id}")])  # fmt: skip
        _recompute(conn, members)
        return Outcome(_event_of(conn, members[0]["id"]), f"Undone: {FIELD_LABELS[target.field]}.")

    return write(engine, work)


# --- status -----------------------------------------------------------------------------


def set_status(
    engine: sa.Engine, event_id: str, status: str | None, editor: str, reason: str = ""
) -> Outcome:
    """Confirm (``"confirmed"``), reject (``"rejected"``: not an event, hidden by default)
    or restore (``None``: neither) the event. Confirming again is recorded too: it says
    the analyst has seen the sources that came since."""
    if status not in ("confirmed", "rejected", None):
        raise ReviewError(f"{status!r} is not a decision: confirmed, rejected or none")
    reason = _reason(reason)

    def work(conn: sa.Connection) -> Outcome:
        event, members = _event(conn, event_id), _members(conn, event_id)
        _insert_edits(conn, [_edit_row(event_id, members[0], STATUS, event.get("review_status"),
                                       status, status is None, editor, utc_now(), reason)])  # fmt: skip
        _recompute(conn, members)
        word = {"confirmed": "Confirmed", "rejected": "Rejected", None: "Restored"}[status]
        return Outcome(_event_of(conn, members[0]["id"]), f"{word}.")

    return write(engine, work)


# --- split and merge --------------------------------------------------------------------


def _links(kind: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]], edit_id: int) -> list[dict[str, Any]]:  # fmt: skip
    return [
        {"kind": kind, "a_report": a["report_id"], "a_source": a["source_key"],
         "b_report": b["report_id"], "b_source": b["source_key"], "edit_id": edit_id, "active": 1}
        for a, b in pairs
    ]  # fmt: skip


def _deactivate(conn: sa.Connection, kind: str, side_a: set[str], side_b: set[str]) -> None:
    """Turn off the active ``kind`` links between a report of ``side_a`` and one of
    ``side_b``: a later decision overrides an earlier one."""
    c = links_table.c
    reports = sorted({u.split("|", 1)[0] for u in side_a | side_b})
    stale = []
    for link in conn.execute(
        sa.select(links_table).where(c.kind == kind, c.active == 1, c.a_report.in_(reports))
    ).mappings():
        a, b = uid(link["a_report"], link["a_source"]), uid(link["b_report"], link["b_source"])
        if (a in side_a and b in side_b) or (a in side_b and b in side_a):
            stale.append(link["id"])
    if stale:
        conn.execute(links_table.update().where(c.id.in_(stale)).values(active=0))


def split(
    engine: sa.Engine, event_id: str, moved: Sequence[int], editor: str, reason: str = ""
) -> Outcome:
    """Move the sources ``moved`` (``event_sources`` row ids) out of the event into an
    event of their own. From then on no re-merge joins a moved source with one that
    stayed (cannot-link), and each side stays whole (must-link to its head). The event
    keeps its edits: those that followed a moved source now follow the head that stays."""
    reason = _reason(reason)

    def work(conn: sa.Connection) -> Outcome:
        members = _members(conn, event_id)
        ids = {m["id"] for m in members}
        unknown = sorted(set(moved) - ids)
        if unknown:
            raise ReviewError(
                f"source {unknown[0]} is not a source of event {event_id} any more: reload it"
            )
        going = [m for m in members if m["id"] in set(moved)]
        staying = [m for m in members if m["id"] not in set(moved)]
        if not going or not staying:
            raise ReviewError("tick the sources that go: at least one, and not all of them")
        head, new_head, now = staying[0], going[0], utc_now()
        going_uids = [_uid(m) for m in going]
        edit_ids = _insert_edits(conn, [
            _edit_row(event_id, head, SPLIT, [_uid(m) for m in members], {"moved": going_uids},
                      False, editor, now, reason),
            _edit_row(event_id, new_head, SPLIT, [_uid(m) for m in members], {"moved": going_uids},
                      False, editor, now, reason),
        ])  # fmt: skip
        _deactivate(conn, "must", {_uid(m) for m in staying}, set(going_uids))
        links = _links("cannot", [(a, b) for a in staying for b in going], edit_ids[0])
        links += _links("must", [(head, m) for m in staying[1:]], edit_ids[0])
        links += _links("must", [(new_head, m) for m in going[1:]], edit_ids[0])
        conn.execute(links_table.insert(), links)
        c = edits_table.c
        for m in going:  # the event keeps its edits
            conn.execute(
                edits_table.update()
                .where(c.anchor_report == m["report_id"], c.anchor_source == m["source_key"],
                       c.field.in_([*EDIT_FIELDS, STATUS]))
                .values(anchor_report=head["report_id"], anchor_source=head["source_key"])
            )  # fmt: skip
        _recompute(conn, members)
        kept, new = _event_of(conn, head["id"]), _event_of(conn, new_head["id"])
        return Outcome(kept, f"Split: {len(going)} source(s) moved to event {new}.", new)

    return write(engine, work)


def merge(
    engine: sa.Engine, event_id: str, other_id: str, editor: str, reason: str = ""
) -> Outcome:
    """Make ``other_id`` and ``event_id`` one event: every source of both must stay
    together from then on (must-link), whatever later re-merges find; earlier splits
    between them are overridden."""
    reason = _reason(reason)
    if other_id == event_id:
        raise ReviewError("choose another event to merge with: an event is already one with itself")

    def work(conn: sa.Connection) -> Outcome:
        _event(conn, event_id)
        _event(conn, other_id)
        ours, theirs = _members(conn, event_id), _members(conn, other_id)
        both = ours + theirs
        if len(both) > MAX_SOURCES_PER_ACTION:
            raise ReviewError(
                f"the two events have {len(both):,} sources; at most {MAX_SOURCES_PER_ACTION}"
            )
        head, now = ours[0], utc_now()
        detail = {"with": other_id}
        edit_ids = _insert_edits(conn, [
            _edit_row(event_id, head, MERGE, event_id, detail, False, editor, now, reason),
            _edit_row(other_id, theirs[0], MERGE, other_id, {"with": event_id}, False, editor, now, reason),
        ])  # fmt: skip
        everyone = {_uid(m) for m in both}
        _deactivate(conn, "cannot", everyone, everyone)
        conn.execute(
            links_table.insert(), _links("must", [(head, m) for m in both[1:]], edit_ids[0])
        )
        _recompute(conn, both)
        merged = _event_of(conn, head["id"])
        return Outcome(merged, f"Merged {other_id} into this event ({merged}).")

    return write(engine, work)


# --- adding by hand ---------------------------------------------------------------------


def add_event(
    engine: sa.Engine,
    fields: Mapping[str, Any],
    source_url: str,
    evidence: str,
    editor: str,
    source_title: str = "",
) -> Outcome:
    """Add an event an analyst found, with the source that says so (an http(s) URL and
    the quote). It is stored as a report of its own (adapter ``manual``) and merged like
    any other, so a machine report of the same event joins it."""
    url = (source_url or "").strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) > 2_000:
        raise ReviewError("the source URL must be an http(s) address of at most 2,000 characters")
    quote = (evidence or "").strip()
    if not quote:
        raise ReviewError(
            "the quote is empty: paste the sentence of the source that tells the event"
        )
    try:
        values = {f: clean(f, fields.get(f)) for f in ("date", "event_type", "title", "targets", "actors", "amount")}  # fmt: skip
        event = validate(
            Event(
                date=values["date"], event_type=values["event_type"], title=values["title"],
                targets=tuple(values["targets"]), actors=tuple(values["actors"]),
                amount=values["amount"], evidence=quote[:20_000],
                source_title=(source_title or "").strip()[:500], source_url=url, confidence=1.0,
                adapter=MANUAL_ADAPTER, file=f"added by {editor}",
            )
        )  # fmt: skip
    except ValidationError as exc:
        raise ReviewError(f"{FIELD_LABELS.get(exc.field, exc.field)} {exc.problem}") from None

    def work(conn: sa.Connection) -> Outcome:
        now = utc_now()
        row = report_row(event, now)
        s = sources_table.c
        existing = conn.execute(
            sa.select(s.event_id).where(s.report_id == row["report_id"], s.source_key == row["source_key"])
        ).scalar()  # fmt: skip
        if existing is not None:
            raise ReviewError(f"this source already reports that event: {existing}")
        from ..store.writer import insert_reports  # the writer imports this package

        insert_reports(conn, [row])
        _insert_edits(conn, [_edit_row(event.event_id, row, ADD, None, {"source_url": url},
                                       False, editor, now, "")])  # fmt: skip
        _recompute(conn, [row], frozenset({row["id"]}))
        added = _event_of(conn, row["id"])
        return Outcome(added, f"Added event {added}.")

    return write(engine, work)
