"""Finding, by index, the stored reports that can match new ones.

``merge.candidate_pairs`` only ever pairs two reports that share a document key, a strong
target, or (when one of them has no strong target) a title word. The ``report_keys``
table holds those keys for every stored report with its dates, so an ingest asks the
database for the reports that share a key with its new ones within their date windows:
a few rows per new report, where reading every report of the type in those windows read
most of a large store (1,000 new reports spread over the years of a 1M store read 68%).

Reports without a strong target can match a targeted report through any title word, and
targeted reports' words are not keyed (that would key every title word of the store):
for those few the writer keeps reading the type's reports in their windows.

Whether a name is strong depends on the gazetteer, so the table records which gazetteer
its word keys came from and is rebuilt under the writer lock when that changes (also the
upgrade of a store made before this table).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import date as Date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from ..merge import MAX_TOLERANCE, Report, strong_names
from ..schema import fold
from .batches import chunks
from .rows import report_words
from .tables import report_keys_state_table, report_keys_table, sources_table

BATCH = 5_000
TERMS_PER_QUERY = 200  # (type, key, window) terms OR-ed in one indexed query
# A year-precision report starts up to a year before a date it covers.
LONGEST_SPAN = 366
_STATE = "gazetteer"


def iso(day: int) -> str:
    return Date.fromordinal(day).isoformat()


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Day ranges merged where they overlap or touch."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def keys_of(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The key rows of one stored report row (which has its ``id``). Every target name is
    keyed, weak ones too, so target keys never depend on the gazetteer."""
    names = json.loads(row["targets"] or "[]")
    keys = {f"t:{fold(n)}" for n in names}
    if not strong_names(names):
        keys |= {f"w:{w}" for w in report_words(row)}
    return [
        {"source_id": row["id"], "event_type": row["event_type"], "key": key,
         "date_start": row["date_start"], "date_end": row["date_end"]}
        for key in sorted(keys)
    ]  # fmt: skip


def add(conn: sa.Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Key newly inserted report rows."""
    for batch in chunks([k for row in rows for k in keys_of(row)], BATCH):
        conn.execute(report_keys_table.insert(), list(batch))


def replace(conn: sa.Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Re-key report rows whose fields changed."""
    for chunk in chunks(sorted(row["id"] for row in rows)):
        conn.execute(report_keys_table.delete().where(report_keys_table.c.source_id.in_(chunk)))
    add(conn, rows)


@lru_cache(maxsize=1)
def gazetteer_fingerprint() -> str:
    """What the word keys depend on: which names of the gazetteer are not strong."""
    from ..extract.gazetteer import load_gazetteer

    weak = sorted(name for name in load_gazetteer().entities if not strong_names([name]))
    return hashlib.sha256("\n".join(weak).encode()).hexdigest()


def ensure_current(conn: sa.Connection) -> None:
    """Build the keys of every stored report when they are missing or were computed with
    another gazetteer. Runs inside the caller's write transaction (writer lock held)."""
    state = report_keys_state_table.c
    wanted = gazetteer_fingerprint()
    have = conn.execute(sa.select(state.value).where(state.name == _STATE)).scalar()
    if have == wanted:
        return
    conn.execute(report_keys_table.delete())
    s = sources_table.c
    columns = [s.id, s.event_type, s.targets, s.title, s.evidence, s.rank, s.date_start, s.date_end]
    after = -1
    while True:
        rows = [
            dict(r)
            for r in conn.execute(
                sa.select(*columns).where(s.id > after).order_by(s.id).limit(BATCH)
            ).mappings()
        ]
        if not rows:
            break
        add(conn, rows)
        after = rows[-1]["id"]
    conn.execute(report_keys_state_table.delete().where(state.name == _STATE))
    conn.execute(report_keys_state_table.insert(), {"name": _STATE, "value": wanted})


def matching_rows(
    conn: sa.Connection, probes: Sequence[Report], known: set[int]
) -> list[dict[str, Any]]:
    """Stored report rows (not in ``known``) that share a target or, for rows without a
    strong target, a title word with a targeted probe and come within the tolerance of its
    dates: the same window ``merge`` compares in."""
    windows: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for r in probes:
        span = (r.start - MAX_TOLERANCE, r.end + MAX_TOLERANCE)
        for key in [f"t:{t}" for t in r.targets] + [f"w:{w}" for w in r.title]:
            windows.setdefault((r.event_type, key), []).append(span)
    terms = [
        (event_type, key, lo, hi)
        for (event_type, key), spans in sorted(windows.items())
        for lo, hi in merge_spans(spans)
    ]
    k = report_keys_table.c
    found: set[int] = set()
    for batch in chunks(terms, TERMS_PER_QUERY):
        # Each term is an index range of (event_type, key, date_start); OR-ed, the
        # databases read them as a union of ranges.
        match = sa.or_(
            *(
                sa.and_(k.event_type == event_type, k.key == key,
                        k.date_start >= iso(lo - LONGEST_SPAN), k.date_start <= iso(hi),
                        k.date_end >= iso(lo))
                for event_type, key, lo, hi in batch
            )
        )  # fmt: skip
        found.update(conn.execute(sa.select(k.source_id).where(match)).scalars())
    rows: list[dict[str, Any]] = []
    for chunk in chunks(sorted(found - known)):
        rows += [
            dict(m)
            for m in conn.execute(
                sa.select(sources_table).where(sources_table.c.id.in_(chunk))
            ).mappings()
        ]
    return rows
