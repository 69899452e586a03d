"""The tracker's tables, on the store's shared metadata so ``Store()`` creates them (and
adds them to an existing store) with the rest.

``fetch_archive`` one row per archived body and URL (sha256, path, time, status, headers);
``fetch_http`` the validators of each URL (ETag, Last-Modified) and the sha256 of the body
they belong to; ``fetch_items`` the work items of each source (a feed entry's page, a
Federal Register page) and their state; ``fetch_sources`` each source's last success,
last error and cursor; ``fetch_rounds`` and ``fetch_log`` every round and every request.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..store.tables import metadata

archive_table = sa.Table(
    "fetch_archive",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("fetched_at", sa.String(20)),
    sa.Column("status", sa.Integer),
    sa.Column("content_type", sa.Text),
    sa.Column("headers", sa.Text),  # JSON object
    sa.Column("size", sa.Integer),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("adapter", sa.Text),  # the adapter that reads it; '' when not read
    sa.UniqueConstraint("sha256", "url", name="uq_fetch_archive_sha_url"),
    sa.Index("ix_fetch_archive_sha", "sha256"),
    sa.Index("ix_fetch_archive_source", "source"),
)

http_table = sa.Table(
    "fetch_http",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("sha256", sa.String(64)),  # the body these validators describe
    sa.Column("checked_at", sa.String(20)),
)

items_table = sa.Table(
    "fetch_items",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("item_key", sa.Text, primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("state", sa.String(10)),  # pending | done | gone | failed
    sa.Column("attempts", sa.Integer),
    sa.Column("sha256", sa.String(64)),
    sa.Column("first_seen", sa.String(20)),
    sa.Column("updated_at", sa.String(20)),
    sa.Column("error", sa.Text),
    sa.Index("ix_fetch_items_state", "source", "state"),
)

sources_state_table = sa.Table(
    "fetch_sources",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("kind", sa.Text),
    sa.Column("last_attempt", sa.String(20)),
    sa.Column("last_success", sa.String(20)),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.String(20)),
    sa.Column("cursor", sa.Text),  # JSON: what the next round starts from
)

rounds_table = sa.Table(
    "fetch_rounds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.String(20)),
    sa.Column("finished_at", sa.String(20)),
    sa.Column("status", sa.String(10)),  # running | ok | errors | stopped
    sa.Column("sources", sa.Text),  # names, comma-separated
    sa.Column("requests", sa.Integer),
    sa.Column("new_events", sa.Integer),
    sa.Column("errors", sa.Integer),
)

log_table = sa.Table(
    "fetch_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("round_id", sa.Integer),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("fetched_at", sa.String(20)),
    sa.Column("status", sa.Integer),  # HTTP status; NULL when no answer came
    sa.Column("outcome", sa.String(16)),  # stored | unchanged | not_modified | error
    sa.Column("bytes", sa.Integer),
    sa.Column("new_items", sa.Integer),  # new events stored from this response
    sa.Column("attempts", sa.Integer),
    sa.Column("sha256", sa.String(64)),
    sa.Column("error", sa.Text),
    sa.Index("ix_fetch_log_round", "round_id"),
    sa.Index("ix_fetch_log_source", "source"),
)
