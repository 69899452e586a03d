"""The view's state in the URL query string, so a view can be shared:
``?from=2025-01-01&to=2025-12-31&type=bounty&entity=Nicolas+Maduro``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from urllib.parse import parse_qs, urlencode

from ingest.query import EventFilter
from ingest.schema import EVENT_TYPES, PartialDate

LANES = ("type", "entity")


@dataclass(frozen=True)
class ViewState(EventFilter):
    """The shared filter plus what only the dashboard's view has."""

    lanes: str = "type"
    window: tuple[str, str] | None = None  # the zoomed x range, ISO dates
    new_since: str | None = None

    def filter(self) -> EventFilter:
        return EventFilter(**{f.name: getattr(self, f.name) for f in fields(EventFilter)})


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value).iso
    except ValueError:
        return None  # a mistyped date in a shared link is dropped, not an error page


def parse_query(search: str | None) -> ViewState:
    """The state a query string describes; unknown or malformed values are ignored."""
    q = parse_qs((search or "").lstrip("?"), keep_blank_values=False)

    def one(key: str) -> str | None:
        return q[key][0] if key in q else None

    try:
        confidence = min(max(float(one("confidence") or 0), 0.0), 1.0)
    except ValueError:
        confidence = 0.0
    window = None
    if one("x0") and one("x1"):
        x0, x1 = _date(one("x0")), _date(one("x1"))
        window = (x0, x1) if x0 and x1 else None
    lanes = one("lanes") or "type"
    return ViewState(
        date_from=_date(one("from")),
        date_to=_date(one("to")),
        types=tuple(t for t in q.get("type", []) if t in EVENT_TYPES),
        entities=tuple(q.get("entity", [])),
        search=one("q") or "",
        min_confidence=confidence,
        corroborated=one("corroborated") == "1",
        conflicts_only=one("conflicts") == "1",
        sources=tuple(q.get("source", [])),
        lanes=lanes if lanes in LANES else "type",
        window=window,
        new_since=_date(one("new_since")),
    )


def build_query(state: ViewState) -> str:
    """The query string for a state (empty values left out), starting with '?' or ''."""
    pairs: list[tuple[str, str]] = []
    if state.date_from:
        pairs.append(("from", state.date_from))
    if state.date_to:
        pairs.append(("to", state.date_to))
    pairs += [("type", t) for t in state.types]
    pairs += [("entity", e) for e in state.entities]
    if state.search:
        pairs.append(("q", state.search))
    if state.min_confidence:
        pairs.append(("confidence", f"{state.min_confidence:g}"))
    if state.corroborated:
        pairs.append(("corroborated", "1"))
    if state.conflicts_only:
        pairs.append(("conflicts", "1"))
    pairs += [("source", s) for s in state.sources]
    if state.lanes != "type":
        pairs.append(("lanes", state.lanes))
    if state.window:
        pairs += [("x0", state.window[0]), ("x1", state.window[1])]
    if state.new_since:
        pairs.append(("new_since", state.new_since))
    return "?" + urlencode(pairs) if pairs else ""
