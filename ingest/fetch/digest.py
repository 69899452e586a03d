"""The morning brief: events new or changed since a date, grouped by type, each with its
sources, as Markdown or HTML. Every text from a source is escaped, so nothing in a title
or a quote becomes a link, a heading or markup; links are made only for http(s) URLs."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import sqlalchemy as sa

from ..query import EventFilter, filter_events
from ..schema import EVENT_TYPE_LABELS, EVENT_TYPES
from ..store import Store
from ..store.batches import chunks
from ..store.tables import events_table, sources_table

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class DigestItem:
    event: dict[str, Any]
    status: str  # new | changed
    sources: list[dict[str, Any]]
    new_sources: int  # sources first seen since the date


def collect(store: Store, since: str, flt: EventFilter | None = None) -> list[DigestItem]:
    """Events (matching ``flt``) first seen or changed on or after ``since`` (a date or a
    UTC timestamp), newest first within each type, types in the schema's order."""
    df = filter_events(store.load_events(), flt)
    if df.empty:
        return []
    ids = df["event_id"].tolist()
    updated: dict[str, str] = {}
    sources: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(ids)):
            for event_id, when in conn.execute(
                sa.select(events_table.c.event_id, events_table.c.updated_at).where(
                    events_table.c.event_id.in_(chunk)
                )
            ).all():
                updated[event_id] = when or ""
    items = []
    wanted: dict[str, tuple[dict[str, Any], str]] = {}
    for row in df.to_dict("records"):
        first = str(row.get("first_seen") or "")
        if first >= since:
            wanted[row["event_id"]] = (row, "new")
        elif updated.get(row["event_id"], "") >= since:
            wanted[row["event_id"]] = (row, "changed")
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(wanted)):
            for s in conn.execute(
                sa.select(sources_table)
                .where(sources_table.c.event_id.in_(chunk))
                .order_by(sources_table.c.rank, sources_table.c.id)
            ).mappings():
                sources.setdefault(s["event_id"], []).append(dict(s))
    for event_id, (row, status) in wanted.items():
        mine = sources.get(event_id, [])
        fresh = sum(1 for s in mine if str(s.get("first_seen") or "") >= since)
        items.append(DigestItem(row, status, mine, fresh))
    order = {t: i for i, t in enumerate(EVENT_TYPES)}
    items.sort(key=lambda i: (order.get(i.event["event_type"], 99), _neg(i.event["date_start"])))
    return items


def _neg(iso: str) -> str:
    """Sorts ISO dates newest first inside an ascending sort."""
    return "".join(chr(0x7F - ord(c)) for c in iso)


def _clean(text: Any) -> str:
    return _CONTROL.sub("", " ".join(str(text or "").split()))


def md(text: Any) -> str:
    """Source text as Markdown that shows it literally (no links, emphasis or HTML)."""
    return html.escape(_MD_SPECIAL.sub(r"\\\1", _clean(text)), quote=False)


def http_url(url: Any) -> str | None:
    url = _clean(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?&=#%+,;@!~*'$")


def _when(event: dict[str, Any]) -> str:
    return str(event.get("date") or "")


def _amount(event: dict[str, Any]) -> str:
    amount = event.get("amount")
    if amount is None:
        return ""
    try:
        value = float(amount)
    except (TypeError, ValueError):
        return ""
    if value != value:  # NaN: no amount
        return ""
    return f"{value:,.0f} {event.get('currency') or ''}".strip()


def _heading(since: str, flt: EventFilter | None, items: list[DigestItem]) -> tuple[str, str]:
    new = sum(1 for i in items if i.status == "new")
    changed = len(items) - new
    title = f"Policy timeline: new and changed since {since}"
    parts = [f"{new} new event(s), {changed} changed"]
    if flt is not None and not flt.is_empty:
        parts.append("filters: " + describe(flt))
    return title, "; ".join(parts) + "."


def describe(flt: EventFilter) -> str:
    """The filter in words: 'type designation; entity Tren de Aragua; from 2025-01-01'."""
    parts = []
    if flt.date_from:
        parts.append(f"from {flt.date_from}")
    if flt.date_to:
        parts.append(f"to {flt.date_to}")
    parts += [f"type {t}" for t in flt.types]
    parts += [f"entity {e}" for e in flt.entities]
    parts += [f"source {s}" for s in flt.sources]
    if flt.search:
        parts.append(f"text {flt.search!r}")
    if flt.min_confidence:
        parts.append(f"confidence at least {flt.min_confidence:g}")
    if flt.corroborated:
        parts.append("corroborated")
    if flt.conflicts_only:
        parts.append("sources disagree")
    return "; ".join(parts)


def render_markdown(items: list[DigestItem], since: str, flt: EventFilter | None = None) -> str:
    title, summary = _heading(since, flt, items)
    lines = [f"# {title}", "", summary, ""]
    current = None
    for item in items:
        e = item.event
        if e["event_type"] != current:
            current = e["event_type"]
            count = sum(1 for i in items if i.event["event_type"] == current)
            lines += [f"## {md(EVENT_TYPE_LABELS.get(current, current))} ({count})", ""]
        status = "new" if item.status == "new" else (
            f"changed: {item.new_sources} new source(s)" if item.new_sources else "changed"
        )  # fmt: skip
        details = [md(_when(e)), md(e.get("title")), f"*{status}*"]
        lines.append(f"- **{details[0]}** {details[1]} ({details[2]})")
        extra = []
        if e.get("targets"):
            extra.append("targets: " + md("; ".join(e["targets"])))
        if _amount(e):
            extra.append("amount: " + md(_amount(e)))
        if e.get("conflict"):
            extra.append("sources disagree: " + md(e["conflict"]))
        if extra:
            lines.append("  " + " · ".join(extra))
        for s in item.sources:
            name = md(s.get("source_title") or s.get("source_url") or "(untitled source)")
            url = http_url(s.get("source_url"))
            label = f"[{name}](<{url}>)" if url else name
            facts = [f"gives {md(s.get('source_date'))}"]
            if s.get("source_published"):
                facts.append(f"published {md(s['source_published'])}")
            if str(s.get("first_seen") or "") >= since:
                facts.append("new source")
            lines.append(f"  - {label} ({', '.join(facts)})")
            if s.get("evidence"):
                lines.append(f"    > {md(s['evidence'])}")
        lines.append("")
    if not items:
        lines.append("Nothing new.")
    return "\n".join(lines).rstrip() + "\n"


def _h(text: Any) -> str:
    return html.escape(_clean(text))


def render_html(items: list[DigestItem], since: str, flt: EventFilter | None = None) -> str:
    title, summary = _heading(since, flt, items)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_h(title)}</title></head><body>",
        f"<h1>{_h(title)}</h1>",
        f"<p>{_h(summary)}</p>",
    ]
    current = None
    for item in items:
        e = item.event
        if e["event_type"] != current:
            if current is not None:
                out.append("</ul>")
            current = e["event_type"]
            count = sum(1 for i in items if i.event["event_type"] == current)
            out += [f"<h2>{_h(EVENT_TYPE_LABELS.get(current, current))} ({count})</h2>", "<ul>"]
        status = "new" if item.status == "new" else (
            f"changed: {item.new_sources} new source(s)" if item.new_sources else "changed"
        )  # fmt: skip
        facts = []
        if e.get("targets"):
            facts.append("targets: " + _h("; ".join(e["targets"])))
        if _amount(e):
            facts.append("amount: " + _h(_amount(e)))
        if e.get("conflict"):
            facts.append("sources disagree: " + _h(e["conflict"]))
        out.append(
            f'<li class="event {item.status}"><strong>{_h(_when(e))}</strong> {_h(e.get("title"))} '
            f"<em>({_h(status)})</em>" + (f"<br>{' · '.join(facts)}" if facts else "") + "<ul>"
        )
        for s in item.sources:
            name = _h(s.get("source_title") or s.get("source_url") or "(untitled source)")
            url = http_url(s.get("source_url"))
            label = (
                f'<a href="{html.escape(url)}" rel="noopener noreferrer">{name}</a>'
                if url
                else name
            )
            notes = [f"gives {_h(s.get('source_date'))}"]
            if s.get("source_published"):
                notes.append(f"published {_h(s['source_published'])}")
            if str(s.get("first_seen") or "") >= since:
                notes.append("new source")
            quote_html = (
                f"<blockquote>{_h(s['evidence'])}</blockquote>" if s.get("evidence") else ""
            )
            out.append(f"<li>{label} ({', '.join(notes)}){quote_html}</li>")
        out.append("</ul></li>")
    if current is not None:
        out.append("</ul>")
    if not items:
        out.append("<p>Nothing new.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
