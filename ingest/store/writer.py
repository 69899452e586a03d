"""Writing a file's events: store each source's report, then re-merge the part of the store
those reports touch. Called inside one write transaction (``connect.write``).

Every step is a batch: reports inserted with one multi-row statement, the touched part of
the store found with range queries (one per run of overlapping date windows, not one per
report), events and their entity rows written with executemany. A file of n reports costs
O(n log n) in Python and O(n / batch) statements, however the reports relate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from ..merge import MAX_TOLERANCE, Report, candidate_pairs, cluster
from ..review import layer as review_layer
from ..review import records as review_records
from ..schema import Event
from . import changes, report_keys
from .batches import chunks
from .report_keys import LONGEST_SPAN, iso, merge_spans
from .rows import as_report, entity_rows, event_row, is_export_of, report_row
from .runs import RunInfo, WriteResult, insert_run, utc_now
from .tables import REPORT_FIELDS, entities_table, events_table, sources_table


def write_events(conn: sa.Connection, events: Sequence[Event], run: RunInfo) -> WriteResult:
    """Store validated events as source reports, re-merge the events they touch, and record
    the run. A report is the same report again when its own id or the id of the event it
    was merged into, with the same source, comes back: re-ingesting changes nothing."""
    result = WriteResult()
    now = utc_now()
    src = sources_table.c
    unique: dict[tuple[str, str], Event] = {}
    for event in events:
        unique.setdefault((event.event_id, event.source_key()), event)
    wanted = {event_id for event_id, _ in unique}
    known: dict[tuple[str, str], dict[str, Any]] = {}
    for chunk in chunks(sorted({key for _, key in unique})):
        for found in conn.execute(
            sa.select(sources_table).where(src.source_key.in_(chunk))
        ).mappings():
            prior = dict(found)
            if prior["report_id"] in wanted:
                known[(prior["report_id"], prior["source_key"])] = prior
            if prior["event_id"] in wanted:
                known.setdefault((prior["event_id"], prior["source_key"]), prior)
    shown: dict[str, dict[str, Any]] = {}  # the merged events these ids name
    for chunk in chunks(sorted(wanted)):
        for found in conn.execute(
            sa.select(events_table).where(events_table.c.event_id.in_(chunk))
        ).mappings():
            shown[found["event_id"]] = dict(found)

    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    touched: dict[int, dict[str, Any]] = {}
    for ident, event in unique.items():
        row = report_row(event, now)
        stored = known.get(ident)
        if stored is None:
            inserts.append(row)
            continue
        if stored["adapter"] != row["adapter"]:
            # The same source come back through another format (an exported CSV of a
            # Federal Register record): the original report stays as it is.
            result.unchanged += 1
            continue
        changed = {f: row[f] for f in REPORT_FIELDS if stored[f] != row[f]}
        if not changed or is_export_of(event, shown.get(event.event_id)):
            result.unchanged += 1
            continue
        updated = {**stored, **changed}
        updates.append(updated)
        touched[stored["id"]] = updated
    insert_reports(conn, inserts)
    touched.update((row["id"], row) for row in inserts)
    if updates:
        conn.execute(
            sources_table.update()
            .where(src.id == sa.bindparam("_id"))
            .values({f: sa.bindparam(f) for f in REPORT_FIELDS}),
            [{"_id": r["id"], **{f: r[f] for f in REPORT_FIELDS}} for r in updates],
        )
        report_keys.replace(conn, updates)
    if touched:
        fresh = {row["id"] for row in inserts}
        remerge(conn, touched, fresh, now, result)
    insert_run(conn, run, "partial" if run.n_rejected else "ok", result)
    return result


def insert_reports(conn: sa.Connection, rows: Sequence[dict[str, Any]]) -> None:
    """The one place report rows are inserted: each row gets its ``id``, and its merge keys
    are written beside it (``report_keys``)."""
    src = sources_table.c
    for batch in chunks(rows, 5_000):
        ids = conn.execute(
            sources_table.insert().returning(src.id, sort_by_parameter_order=True), list(batch)
        ).scalars()
        for row, new_id in zip(batch, ids, strict=True):
            row["id"] = new_id
    report_keys.add(conn, rows)


def remerge(
    conn: sa.Connection,
    touched: dict[int, dict[str, Any]],
    fresh: set[int],
    now: str,
    result: WriteResult,
) -> None:
    """Recompute the events that the touched reports belong to or now match: merged from
    their reports within the analysts' split and merge decisions, with the analysts'
    edits applied on top (``review.layer.effective``)."""
    src = sources_table.c
    known: dict[int, Report] = {}  # report of each row, built once
    component = find_component(conn, touched, known)
    old_event = {row_id: row["event_id"] for row_id, row in component.items()}
    reports = [known.get(row_id) or as_report(row) for row_id, row in component.items()]
    uids = [r.uid for r in reports]
    edits = review_records.edits_for(conn, uids)
    merged: list[tuple[dict[str, Any], list[int]]] = []
    groups = cluster(reports, review_records.constraints_for(conn, uids))
    taken: set[str] = set()
    # Most authoritative head first: when a split keeps apart two reports of one identity,
    # the first keeps the id and the other's event gets one derived from its head.
    for group in sorted(groups, key=lambda g: (reports[g[0]].authority(), reports[g[0]].uid)):
        members = [reports[i] for i in group]
        member_ids = [m.payload["id"] for m in members]  # type: ignore[index]
        applied = [e for m in members for e in edits.get(m.uid, ())]
        event = review_layer.effective(event_row(members, now), members, applied)
        if event["event_id"] in taken:
            event["event_id"] = distinct_id(event["event_id"], members[0].uid)
        taken.add(event["event_id"])
        merged.append((event, member_ids))
        ours = [i for i in member_ids if i in touched]
        if ours:
            # An event made only of this batch's new reports is new; else it changed.
            if all(i in fresh for i in member_ids):
                result.new += 1
            else:
                result.updated += 1

    moves = [
        {"_id": i, "event_id": event["event_id"]}
        for event, member_ids in merged
        for i in member_ids
        if old_event[i] != event["event_id"]
    ]
    if moves:
        conn.execute(
            sources_table.update()
            .where(src.id == sa.bindparam("_id"))
            .values(event_id=sa.bindparam("event_id")),
            moves,
        )
    new_ids = sorted(event["event_id"] for event, _ in merged)
    stored: dict[str, dict[str, Any]] = {}
    for chunk in chunks(new_ids):
        for found in conn.execute(
            sa.select(events_table).where(events_table.c.event_id.in_(chunk))
        ).mappings():
            stored[found["event_id"]] = dict(found)
    inserts, updates = [], []
    for event, _ in merged:
        before = stored.get(event["event_id"])
        if before is None:
            inserts.append(event)
            continue
        event["first_seen"] = min(event["first_seen"], before["first_seen"] or event["first_seen"])
        if any(before.get(k) != v for k, v in event.items() if k != "updated_at"):
            updates.append(event)
    gone = sorted(set(old_event.values()) - set(new_ids))
    # Events whose row stays the same but whose sources changed (a report joined, left or
    # was corrected): search reads every source's text, so readers must look again.
    sources_moved = {old_event[m["_id"]] for m in moves} | {m["event_id"] for m in moves}
    refreshed = sources_moved | {
        event["event_id"] for event, ids in merged if any(i in touched for i in ids)
    }
    apply_event_changes(conn, inserts, updates, gone, refreshed=refreshed)


def distinct_id(event_id: str, head_uid: str) -> str:
    """An id for an event whose head report shares its identity with another event's."""
    return f"{event_id[:40]}.{hashlib.sha1(head_uid.encode()).hexdigest()[:8]}"


def apply_event_changes(
    conn: sa.Connection,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    gone: Sequence[str],
    *,
    refreshed: Iterable[str] = (),
) -> None:
    """The one place event rows are written: new rows, changed rows (whole rows, keyed by
    ``event_id``), and removed ids, with their entity rows kept in step. Anything that
    changes what an event shows goes through here, so readers that follow the store's
    changes see every one: each id written or removed (and each in ``refreshed``, events
    whose rows are unchanged but whose sources changed) is appended to the change log in
    the same transaction (``changes.record``)."""
    written = [e["event_id"] for e in inserts + updates]
    changes.record(conn, [*written, *gone, *refreshed])
    for chunk in chunks(sorted(written)):
        conn.execute(entities_table.delete().where(entities_table.c.event_id.in_(chunk)))
    if inserts:
        conn.execute(events_table.insert(), inserts)
    if updates:
        columns = [c for c in updates[0] if c != "event_id"]
        conn.execute(
            events_table.update()
            .where(events_table.c.event_id == sa.bindparam("_event_id"))
            .values({c: sa.bindparam(c) for c in columns}),
            [{"_event_id": e["event_id"], **{c: e[c] for c in columns}} for e in updates],
        )
    if entities := [ent for e in inserts + updates for ent in entity_rows(e)]:
        conn.execute(entities_table.insert(), entities)
    for chunk in chunks(sorted(gone)):
        conn.execute(entities_table.delete().where(entities_table.c.event_id.in_(chunk)))
        conn.execute(events_table.delete().where(events_table.c.event_id.in_(chunk)))


def find_component(
    conn: sa.Connection, touched: dict[int, dict[str, Any]], reports: dict[int, Report]
) -> dict[int, dict[str, Any]]:
    """The touched reports, everything merged with them before, and everything that
    matches them now, transitively: the part of the store whose events may change.
    ``reports`` is filled with the merge report of each row it reads.

    Each round reads, in batches, the old event mates of the newest members, the reports
    sharing their document numbers, the reports sharing a key (a target or a title word)
    with those that have strong targets, within the tolerance of their dates
    (``report_keys``), and for those without, every report of the same type whose period
    comes within the tolerance of theirs (overlapping windows read as one range); the
    reports among those that match a new member join, and the next round starts from them.
    """
    src = sources_table.c
    report_keys.ensure_current(conn)  # a store keyed with another gazetteer, or never
    component: dict[int, dict[str, Any]] = dict(touched)
    pool: dict[int, dict[str, Any]] = {}  # read but not (yet) matched
    events_read: set[str] = set()
    keys_read: set[str] = set()
    covered: dict[str, list[tuple[int, int]]] = {}  # type -> day ranges already read
    frontier = list(touched.values())

    def report(row: dict[str, Any]) -> Report:
        if row["id"] not in reports:
            reports[row["id"]] = as_report(row)
        return reports[row["id"]]

    while frontier:
        mates: list[dict[str, Any]] = []
        event_ids = sorted({r["event_id"] for r in frontier} - events_read)
        events_read.update(event_ids)
        for chunk in chunks(event_ids):
            mates += [dict(m) for m in conn.execute(
                sa.select(sources_table).where(src.event_id.in_(chunk))).mappings()]  # fmt: skip
        doc_keys = sorted({r["doc_key"] for r in frontier if r["doc_key"]} - keys_read)
        keys_read.update(doc_keys)
        for chunk in chunks(doc_keys):
            for m in conn.execute(
                sa.select(sources_table).where(src.doc_key.in_(chunk))
            ).mappings():
                pool.setdefault(m["id"], dict(m))
        targeted = [report(r) for r in frontier if report(r).targets]
        for row in report_keys.matching_rows(conn, targeted, set(pool) | set(component)):
            pool.setdefault(row["id"], row)
        untargeted = [r for r in frontier if not report(r).targets]
        for event_type, lo, hi in _new_ranges(untargeted, report, covered):
            query = sa.select(sources_table).where(
                src.event_type == event_type,
                src.date_start >= iso(lo - LONGEST_SPAN),
                src.date_start <= iso(hi),
                src.date_end >= iso(lo),
            )
            for m in conn.execute(query).mappings():
                pool.setdefault(m["id"], dict(m))
        found = {m["id"]: m for m in mates if m["id"] not in component}
        candidates = [row for row_id, row in pool.items() if row_id not in component]
        if candidates:
            probes = [report(r) for r in frontier]
            others = [report(r) for r in candidates]
            for i, j in candidate_pairs(probes + others):
                if (i < len(probes)) != (j < len(probes)):
                    row = candidates[max(i, j) - len(probes)]
                    found.setdefault(row["id"], row)
        frontier = []
        for row_id, row in found.items():
            if row_id not in component:
                component[row_id] = row
                frontier.append(row)
                pool.pop(row_id, None)
    return component


def _new_ranges(
    rows: list[dict[str, Any]], report: Any, covered: dict[str, list[tuple[int, int]]]
) -> list[tuple[str, int, int]]:
    """Date windows (as day numbers) around ``rows``, per event type, merged where they
    overlap and left out where an earlier round already read them."""
    windows: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        r = report(row)
        windows.setdefault(r.event_type, []).append(
            (r.start - MAX_TOLERANCE, r.end + MAX_TOLERANCE)
        )
    ranges = []
    for event_type, spans in windows.items():
        done = covered.setdefault(event_type, [])
        for lo, hi in merge_spans(spans):
            if any(a <= lo and hi <= b for a, b in done):
                continue
            ranges.append((event_type, lo, hi))
            done.append((lo, hi))
    return ranges


def bulk_load(conn: sa.Connection, events: Sequence[Event], run: RunInfo, batch: int) -> int:
    """Insert events already known to be distinct (each its own event, one source),
    without the merge pass: for loading large generated or restored data sets fast."""
    now = utc_now()
    report_keys.ensure_current(conn)
    for i in range(0, len(events), batch):
        chunk = events[i : i + batch]
        reports = [report_row(e, now) for e in chunk]
        insert_reports(conn, reports)
        rows = []
        for r in reports:
            report = as_report({**r, "id": None})
            rows.append(review_layer.effective(event_row([report], now), [report], []))
        apply_event_changes(conn, rows, [], [])
    insert_run(conn, run, "ok", WriteResult(new=len(events)))
    return len(events)
