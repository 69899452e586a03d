"""Reading the review layer for a set of reports: the edits anchored on them and the
split/merge constraints between them. Called by every re-merge (``store.writer``), in
batches of report ids, inside the write transaction."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from ..merge import Constraints
from ..store.batches import chunks
from .layer import Edit, uid
from .tables import edits_table, links_table


def _report_ids(uids: Iterable[str]) -> list[str]:
    return sorted({u.split("|", 1)[0] for u in uids})


def edits_for(conn: sa.Connection, uids: Iterable[str]) -> dict[str, list[Edit]]:
    """Edits anchored on each of ``uids`` (report uids), oldest first."""
    wanted = set(uids)
    found: dict[str, list[Edit]] = {}
    ids = _report_ids(wanted)
    e = edits_table.c
    for chunk in chunks(ids):
        query = sa.select(edits_table).where(e.anchor_report.in_(chunk)).order_by(e.id)
        for row in conn.execute(query).mappings():
            edit = Edit.from_row(dict(row))
            if edit.anchor in wanted:
                found.setdefault(edit.anchor, []).append(edit)
    return found


def constraints_for(conn: sa.Connection, uids: Iterable[str]) -> Constraints:
    """The active split and merge decisions that name any of ``uids``."""
    wanted = set(uids)
    ids = _report_ids(wanted)
    must: set[tuple[str, str]] = set()
    cannot: set[tuple[str, str]] = set()
    c = links_table.c
    for chunk in chunks(ids):
        query = sa.select(links_table).where(
            c.active == 1, sa.or_(c.a_report.in_(chunk), c.b_report.in_(chunk))
        )
        for row in conn.execute(query).mappings():
            a, b = uid(row["a_report"], row["a_source"]), uid(row["b_report"], row["b_source"])
            if a in wanted or b in wanted:
                (must if row["kind"] == "must" else cannot).add((min(a, b), max(a, b)))
    return Constraints(frozenset(must), frozenset(cannot))
