"""What free-text search reads beyond an event's own row: every source's title and quote.

An event shows the title and evidence of its most authoritative report; the other
reports (a news story quoting the act, the curated row's note) are only in
``event_sources``. Search must find an event by any of them.
"""

from __future__ import annotations

import sqlalchemy as sa

from .tables import events_table, sources_table


def source_text(engine: sa.Engine) -> dict[str, str]:
    """Event id -> the distinct titles, source titles and quotes of all its reports that
    the event's own title and evidence do not already hold, one per line. Events whose
    reports add nothing are left out. One streamed query, in event order."""
    c, e = sources_table.c, events_table.c
    query = (
        sa.select(c.event_id, c.title, c.source_title, c.evidence, e.title, e.evidence)
        .join(events_table, e.event_id == c.event_id)
        .order_by(c.event_id, c.id)
    )
    texts: dict[str, str] = {}
    current: str | None = None
    parts: dict[str, None] = {}  # insertion-ordered set
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=20_000).execute(query)
        for event_id, title, source_title, evidence, own_title, own_evidence in result:
            if event_id != current:
                if parts and current is not None:
                    texts[current] = "\n".join(parts)
                current, parts = event_id, {}
            for text in (title, source_title, evidence):
                if text and text != own_title and text != own_evidence:
                    parts[text] = None
        if parts and current is not None:
            texts[current] = "\n".join(parts)
    return texts
