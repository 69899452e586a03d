"""The store's tables, built from the one schema (``ingest/schema.py``).

``events`` holds one row per merged event in the export columns plus bookkeeping;
``event_sources`` every source's report of an event; ``event_entities`` the actors and
targets, one row each, for indexed entity filters; ``event_changes`` the log of which
events changed, in commit order, for readers that refresh incrementally; ``ingest_runs``
one row per file read.
Lists are kept as JSON text and no dialect-specific type is used, so the same tables work
on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ..schema import COLUMN_SPECS

_SQL_TYPES: dict[str, Any] = {
    "text": sa.Text,
    "list": sa.Text,  # JSON array as text: portable across SQLite and PostgreSQL
    "number": sa.Float,
    "int": sa.Integer,
    "date": sa.String(10),
    "datetime": sa.String(20),
}

metadata = sa.MetaData()

events_table = sa.Table(
    "events",
    metadata,
    *(
        sa.Column(
            c.name,
            _SQL_TYPES[c.kind],
            primary_key=c.name == "event_id",
            nullable=c.kind in ("number", "list")
            or c.name not in ("event_id", "date", "event_type"),
        )
        for c in COLUMN_SPECS.values()
    ),
    sa.Column("primary_source", sa.String(32)),  # source_key of the source shown on the row
    sa.Column("updated_at", sa.String(20)),
    # The review layer's bookkeeping (ingest/review/layer.py): when an analyst last acted
    # on the event, when its newest source arrived, and whether (and why) it is in the
    # review queue.
    sa.Column("reviewed_at", sa.String(20)),
    sa.Column("last_source_at", sa.String(20)),
    sa.Column("review_reasons", sa.Text),
    sa.Column("in_queue", sa.Integer),
    sa.Index("ix_events_date_start", "date_start"),
    sa.Index("ix_events_type_date", "event_type", "date_start"),
    sa.Index("ix_events_first_seen", "first_seen"),
)
# The review queue in its order (newest source first, then least certain), read a page
# at a time without sorting the queue.
sa.Index(
    "ix_events_queue",
    events_table.c.in_queue,
    events_table.c.last_source_at.desc(),
    events_table.c.confidence,
    events_table.c.event_id,
)

# One row per source report of an event: what that source said, with its own date,
# evidence and authority. Events are recomputed from these when sources arrive.
sources_table = sa.Table(
    "event_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, nullable=False),  # the merged event it belongs to
    sa.Column("report_id", sa.Text, nullable=False),  # the id its own identity gives
    sa.Column("source_key", sa.String(32), nullable=False),
    sa.Column("adapter", sa.Text),
    sa.Column("file", sa.Text),
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("subtype", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("actors", sa.Text),
    sa.Column("targets", sa.Text),
    sa.Column("amount", sa.Float),
    sa.Column("currency", sa.String(3)),
    sa.Column("source_title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("source_published", sa.String(32)),
    sa.Column("source_date", sa.String(10)),  # the event date as this source gave it
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("evidence", sa.Text),
    sa.Column("confidence", sa.Float),
    sa.Column("doc_key", sa.Text),  # a document number shared by the records of one act
    sa.Column("rank", sa.Integer),  # authority: 0 government record ... 3 news
    sa.Column("first_seen", sa.String(20)),
    sa.UniqueConstraint("report_id", "source_key", name="uq_report_source"),
    sa.Index("ix_sources_event", "event_id"),
    sa.Index("ix_sources_type_date", "event_type", "date_start"),
    sa.Index("ix_sources_key", "doc_key"),
    sa.Index("ix_sources_source_key", "source_key"),
)

entities_table = sa.Table(
    "event_entities",
    metadata,
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Column("role", sa.String(8), primary_key=True),  # actor | target
    sa.Column("entity", sa.Text, primary_key=True),
    sa.Column("entity_folded", sa.Text, nullable=False),
    sa.Index("ix_entities_folded", "entity_folded"),
)

# One row per event whose row (or whose sources) changed, appended in the transaction that
# changed it (writer.apply_event_changes). ``seq`` only grows, and every writer appends
# while holding the store-wide writer lock, so a transaction that commits later always has
# the larger numbers: a reader that has seen everything up to ``seq`` N reads what came
# after with ``seq > N`` and never skips a change that committed late.
changes_table = sa.Table(
    "event_changes",
    metadata,
    # BIGINT on PostgreSQL; INTEGER on SQLite, where only that makes it the rowid.
    sa.Column(
        "seq",
        sa.BigInteger().with_variant(sa.Integer, "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    sa.Column("event_id", sa.Text, nullable=False),
    sqlite_autoincrement=True,  # never reuse a number, even after the last rows are deleted
)

# The keys that can make a stored report match another (``merge.candidate_pairs``): each
# target name ("t:<folded name>") and, for a report without a strong target, each title
# word ("w:<word>"), with the report's dates. An ingest into a large store asks this table
# for the few reports sharing a key with its new ones in their date windows, instead of
# reading every report of the type in those windows (``report_keys.py``).
report_keys_table = sa.Table(
    "report_keys",
    metadata,
    sa.Column("source_id", sa.Integer, nullable=False),  # event_sources.id
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("date_start", sa.String(10), nullable=False),
    sa.Column("date_end", sa.String(10), nullable=False),
    sa.Index("ix_report_keys_lookup", "event_type", "key", "date_start"),
    sa.Index("ix_report_keys_source", "source_id"),
)
# Which gazetteer the word keys were computed with (whether a report has a strong target
# depends on it): a store whose keys came from another is re-keyed before its next merge.
report_keys_state_table = sa.Table(
    "report_keys_state",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

runs_table = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("adapter", sa.Text),
    sa.Column("started_at", sa.String(20)),
    sa.Column("finished_at", sa.String(20)),
    sa.Column("status", sa.String(16)),  # ok | partial | failed
    sa.Column("n_read", sa.Integer),
    sa.Column("n_new", sa.Integer),
    sa.Column("n_updated", sa.Integer),
    sa.Column("n_unchanged", sa.Integer),
    sa.Column("n_rejected", sa.Integer),
    sa.Column("message", sa.Text),
)

# Report fields that, when a source re-sends them changed, count as an update.
REPORT_FIELDS = (
    "event_type", "subtype", "title", "actors", "targets", "amount", "currency", "source_title",
    "source_url", "source_published", "source_date", "date_precision", "date_start", "date_end",
    "evidence", "confidence", "doc_key", "rank",
)  # fmt: skip
from ..fetch import tables as _fetch_tables  # noqa: E402,F401  (the tracker's tables)
from ..review import tables as _review_tables  # noqa: E402,F401  (edits, links, sign-ins)
