"""The view's state and its query string, so a view can be shared and Back restores it:
``?from=2025-01-01&to=2025-12-31&type=bounty&entity=Nicolas+Maduro&x0=...&x1=...``
(``review=rejected`` lists the events analysts rejected, which are hidden otherwise).

One state drives everything: the zoom window is part of the filter (``filter()``), so
the count, the table, the CSV, the chart and the link all show the same events.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

from ingest.query import EventFilter
from ingest.schema import EVENT_TYPES, REVIEW_STATUSES, PartialDate

LANES = ("type", "entity")
_EVENT_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-")


@dataclass(frozen=True)
class ViewState(EventFilter):
    """The shared filter plus what only the dashboard's view has."""

    lanes: str = "type"
    window: tuple[str, str] | None = None  # the zoomed days, ISO, inclusive
    new_since: str | None = None
    event: str | None = None  # the selected event

    def zoom(self) -> tuple[str, str] | None:
        """The window, clipped to the date range; None when it does not overlap the range
        (a zoom left from before the dates changed is dropped, not an empty view)."""
        if not self.window:
            return None
        x0 = max(self.date_from or self.window[0], self.window[0])
        x1 = min(self.date_to or self.window[1], self.window[1])
        return (x0, x1) if x0 <= x1 else None

    def filter(self) -> EventFilter:
        """The events the view shows: the filters and, when zoomed, the window."""
        base = {f.name: getattr(self, f.name) for f in fields(EventFilter)}
        zoom = self.zoom()
        if zoom:
            base["date_from"], base["date_to"] = zoom
        return EventFilter(**base)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value).iso
    except ValueError:
        return None  # a mistyped date in a shared link is dropped, not an error page


def ordered(a: str | None, b: str | None) -> tuple[str | None, str | None, bool]:
    """(from, to, swapped): a reversed pair is put in order and says so."""
    if a and b and PartialDate.parse(a).start > PartialDate.parse(b).end:
        return b, a, True
    return a, b, False


def reversed_note(a: str, b: str) -> str:
    return f"From was after To: showing {b} to {a} instead."


def _event_id(value: str | None) -> str | None:
    if value and len(value) <= 64 and set(value) <= _EVENT_ID_CHARS:
        return value
    return None


def parse_query(search: str | None) -> tuple[ViewState, list[str]]:
    """The state a query string describes, and notes on what was corrected. Unknown or
    malformed values are ignored; a reversed date range or window is put in order."""
    q = parse_qs((search or "").lstrip("?")[:8000], keep_blank_values=False)
    notes: list[str] = []

    def one(key: str) -> str | None:
        return q[key][0] if key in q else None

    try:
        confidence = min(max(float(one("confidence") or 0), 0.0), 1.0)
    except ValueError:
        confidence = 0.0
    date_from, date_to, swapped = ordered(_date(one("from")), _date(one("to")))
    if swapped and date_from and date_to:
        notes.append(reversed_note(date_to, date_from))
    window = None
    x0, x1, _ = ordered(_date(one("x0")), _date(one("x1")))
    if x0 and x1:
        window = (PartialDate.parse(x0).start.isoformat(), PartialDate.parse(x1).end.isoformat())
    lanes = one("lanes") or "type"
    state = ViewState(
        date_from=date_from,
        date_to=date_to,
        types=tuple(t for t in q.get("type", []) if t in EVENT_TYPES),
        entities=tuple(q.get("entity", [])[:50]),
        search=(one("q") or "")[:200],
        min_confidence=confidence,
        corroborated=one("corroborated") == "1",
        conflicts_only=one("conflicts") == "1",
        sources=tuple(q.get("source", [])[:50]),
        review=tuple(r for r in q.get("review", []) if r in REVIEW_STATUSES),
        lanes=lanes if lanes in LANES else "type",
        window=window,
        new_since=_date(one("new_since")),
        event=_event_id(one("event")),
    )
    return state, notes


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
    pairs += [("review", r) for r in state.review]
    if state.lanes != "type":
        pairs.append(("lanes", state.lanes))
    if state.window:
        pairs += [("x0", state.window[0]), ("x1", state.window[1])]
    if state.new_since:
        pairs.append(("new_since", state.new_since))
    if state.event:
        pairs.append(("event", state.event))
    return "?" + urlencode(pairs) if pairs else ""


def without_event(state: ViewState) -> ViewState:
    return replace(state, event=None)
