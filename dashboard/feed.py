"""``/feed.atom``: the events of a view as an Atom feed (RFC 4287), newest first, taking
the view's own query string (``/feed.atom?type=designation&entity=Tren+de+Aragua``), so an
analyst subscribes to exactly what they watch. Conditional GET (ETag) makes an unchanged
feed cost a feed reader nothing."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from typing import Any

import sqlalchemy as sa

from ingest.schema import EVENT_TYPE_LABELS
from ingest.store.tables import events_table

from .data import EventCache
from .state import parse_query
from .views import safe_href

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
# Characters XML 1.0 cannot hold, whatever the escaping (control characters in a source).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) and value != value:  # NaN
        return ""
    return _NOT_XML.sub("", str(value))


def _amount(event: dict[str, Any]) -> str:
    amount = event.get("amount")
    if amount is None or amount != amount:
        return ""
    return f"{float(amount):,.0f} {event.get('currency') or ''}".strip()


def atom_feed(
    events: list[dict[str, Any]],
    *,
    self_url: str,
    view_url: str,
    title: str,
    updated: dict[str, str],
    fallback_updated: str,
) -> bytes:
    """The Atom document for ``events`` (dicts in the export columns)."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text:
            element.text = _text(text)
        return element

    stamps = [updated.get(e["event_id"]) or e.get("first_seen") or "" for e in events]
    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", max([s for s in stamps if s], default=fallback_updated))
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=view_url)
    author = sub(feed, "author")
    sub(author, "name", "policy-timeline")
    sub(feed, "generator", "policy-timeline")
    for event, stamp in zip(events, stamps, strict=True):
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:policy-timeline:event:{event['event_id']}")
        kind = EVENT_TYPE_LABELS.get(event["event_type"], event["event_type"])
        sub(entry, "title", f"{event['date']} · {kind}: {event['title']}", type="text")
        sub(entry, "updated", stamp or fallback_updated)
        if event.get("first_seen"):
            sub(entry, "published", event["first_seen"])
        href = safe_href(event.get("source_url"))
        sub(entry, "link", rel="alternate", href=href or view_url)
        sub(entry, "category", term=event["event_type"], label=kind)
        lines = [f"Date: {event['date']} ({event.get('date_precision') or 'day'})"]
        if event.get("targets"):
            lines.append("Targets: " + "; ".join(event["targets"]))
        if event.get("actors"):
            lines.append("Actors: " + "; ".join(event["actors"]))
        if _amount(event):
            lines.append("Amount: " + _amount(event))
        lines.append(f"Sources: {int(event.get('source_count') or 1)}"
                     + (f" (first: {event['source_title']})" if event.get("source_title") else ""))  # fmt: skip
        if event.get("conflict"):
            lines.append("Sources disagree: " + str(event["conflict"]))
        if event.get("evidence"):
            lines.append(f"Evidence: {event['evidence']}")
        sub(entry, "summary", "\n".join(lines), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def register_feed(server: Any, cache: EventCache) -> None:
    from flask import Response, request

    @server.route("/feed.atom")
    def feed_atom() -> Response:
        query = request.query_string.decode("utf-8", "replace")
        flt = parse_query(query)[0].filter()
        # The ETag names the snapshot served, not the store: a feed read while a
        # rebuild is pending must not be remembered as the newer revision's.
        snapshot = cache.snapshot()
        revision = snapshot.revision
        etag = hashlib.sha1(f"{revision}|{query}".encode()).hexdigest()
        if request.if_none_match.contains(etag):
            response = Response(status=304)
            response.set_etag(etag)
            return response
        rows = snapshot.index.newest(snapshot.select(flt), MAX_ENTRIES)
        frame = snapshot.index.frame(rows)  # only the entries' fields are read
        newest = frame.sort_values(["first_seen", "event_id"], ascending=False)
        events = newest.to_dict("records")
        updated = _updated_at(cache, [e["event_id"] for e in events])
        run = cache.store.last_run() or {}
        base = request.host_url.rstrip("/")
        body = atom_feed(
            events,
            self_url=request.url,
            view_url=f"{base}/" + (f"?{query}" if query else ""),
            title="Policy timeline" + (f": {_describe(flt)}" if not flt.is_empty else ""),
            updated=updated,
            fallback_updated=run.get("finished_at") or "1970-01-01T00:00:00Z",
        )
        response = Response(body, status=200, content_type="application/atom+xml; charset=utf-8")
        response.set_etag(etag)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def _updated_at(cache: EventCache, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    with cache.store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(events_table.c.event_id, events_table.c.updated_at).where(
                events_table.c.event_id.in_(ids)
            )
        ).all()
    return {event_id: when for event_id, when in rows if when}


def _describe(flt: Any) -> str:
    from ingest.fetch.digest import describe

    return describe(flt)
