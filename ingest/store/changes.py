"""The change log: which events changed, in commit order, so that a reader holding the
events as of one revision can catch up by reading only what changed since.

``writer.apply_event_changes`` appends one row per event whose row was written, removed,
or whose sources changed, in the same transaction. Ordering: every append happens while
the store-wide writer lock is held (on PostgreSQL ``record`` takes the transaction-scoped
advisory lock itself, a no-op when ``connect.write`` already holds it; SQLite has one
writer at a time anyway), so sequence numbers are handed out in commit order and a
transaction that commits later never holds a smaller number than one already read. A
rolled-back transaction leaves a gap, which readers ignore.

The revision a reader caches by is ``(last seq, last ingest run id)``: the events change
with the first, the status line (when the store was last ingested) with the second.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import sqlalchemy as sa

from .connect import WRITER_LOCK_KEY
from .tables import changes_table, runs_table

Revision = tuple[int, int]
CHUNK = 5_000


def record(conn: sa.Connection, event_ids: Iterable[str]) -> None:
    """Append the ids (each once) to the log, inside the caller's write transaction."""
    ids = sorted(set(event_ids))
    if not ids:
        return
    if conn.dialect.name == "postgresql":
        # Held already under connect.write; taken here too so that no caller can append
        # out of commit order (advisory locks are re-entrant within a transaction).
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY})
    for first in range(0, len(ids), CHUNK):
        conn.execute(changes_table.insert(), [{"event_id": i} for i in ids[first : first + CHUNK]])


def revision(conn: sa.Connection) -> Revision:
    """(last change, last ingest run): both maxima of a primary key, so cheap."""
    seq = conn.execute(sa.select(sa.func.max(changes_table.c.seq))).scalar_one()
    run = conn.execute(sa.select(sa.func.max(runs_table.c.id))).scalar_one()
    return int(seq or 0), int(run or 0)


def changed_since(conn: sa.Connection, seq: int, until: int) -> Iterator[Sequence[str]]:
    """The ids of the events changed after ``seq`` up to ``until`` (inclusive), each once,
    in batches."""
    c = changes_table.c
    query = (
        sa.select(c.event_id)
        .where(c.seq > seq, c.seq <= until)
        .group_by(c.event_id)
        .order_by(c.event_id)
    )
    batch: list[str] = []
    for (event_id,) in conn.execute(query):
        batch.append(event_id)
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def count_since(conn: sa.Connection, seq: int, until: int) -> int:
    """How many log rows lie after ``seq`` up to ``until``: tells a reader whether
    catching up costs less than reading everything again."""
    c = changes_table.c
    query = sa.select(sa.func.count()).select_from(changes_table).where(c.seq > seq, c.seq <= until)
    return int(conn.execute(query).scalar_one())
