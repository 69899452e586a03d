"""The review layer's tables, on the store's shared metadata so ``Store()`` creates them
(and adds them to an existing store) with the rest.

``review_edits`` is the edit layer and the audit trail in one: every analyst action is a
row (event, field, old value, new value, editor, time, reason), never an overwrite of a
source. An edit follows a *report* (its anchor: ``anchor_report`` and ``anchor_source``,
the unique key of an ``event_sources`` row), not an event id: when a re-merge gives the
event another id (a more authoritative source arrived), the edit still finds its event.

``review_links`` holds the split and merge decisions as constraints between two reports
(``must``: one event; ``cannot``: never one event) that every re-merge respects. A later
decision that contradicts one deactivates it (``active`` = 0) rather than deleting it.

``review_signin_failures`` counts failed sign-ins, so the rate limit holds across the
processes of a server.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..store.tables import metadata

edits_table = sa.Table(
    "review_edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.Text, nullable=False),  # the event's id when the edit was made
    sa.Column("anchor_report", sa.Text, nullable=False),
    sa.Column("anchor_source", sa.String(32), nullable=False),
    sa.Column("field", sa.String(16), nullable=False),
    sa.Column("old_value", sa.Text),  # JSON
    sa.Column("new_value", sa.Text),  # JSON; NULL: the field follows its sources again
    sa.Column("editor", sa.Text, nullable=False),
    sa.Column("at", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Index("ix_review_edits_anchor", "anchor_report"),
    sa.Index("ix_review_edits_event", "event_id"),
)

links_table = sa.Table(
    "review_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(8), nullable=False),  # must | cannot
    sa.Column("a_report", sa.Text, nullable=False),
    sa.Column("a_source", sa.String(32), nullable=False),
    sa.Column("b_report", sa.Text, nullable=False),
    sa.Column("b_source", sa.String(32), nullable=False),
    sa.Column("edit_id", sa.Integer),  # the split or merge that made it
    sa.Column("active", sa.Integer, nullable=False),
    sa.Index("ix_review_links_a", "a_report"),
    sa.Index("ix_review_links_b", "b_report"),
)

signin_failures_table = sa.Table(
    "review_signin_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("remote", sa.Text, nullable=False),
    sa.Column("at", sa.String(20), nullable=False),
    sa.Index("ix_review_signin_at", "at"),
)
