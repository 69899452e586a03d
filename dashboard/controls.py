"""The filter controls and the view state they describe, both ways: which control props
make up the state (one list, used by every callback that reads or writes them)."""

from __future__ import annotations

from typing import Any

from .data import Snapshot
from .state import ViewState, ordered, reversed_note

FILTERS = [
    ("filter-dates", "start_date"),
    ("filter-dates", "end_date"),
    ("filter-types", "value"),
    ("filter-entities", "value"),
    ("search-text", "data"),  # what the search box says once typing pauses (timeline.js)
    ("filter-confidence", "value"),
    ("filter-flags", "value"),
    ("filter-sources", "value"),
    ("filter-lanes", "value"),
    ("filter-new-since", "date"),
    ("filter-review", "value"),
]
ENTITY_OPTIONS = 100  # entities offered before typing; typing searches them all


def view_state(values: list[Any], window: Any, event: str | None = None) -> tuple[ViewState, list[str]]:  # fmt: skip
    """The state the controls describe, and notes on what was corrected."""
    start, end, types, entities, search, confidence, flags, sources, lanes, new_since, review = (
        values
    )
    flags = flags or []
    date_from, date_to, swapped = ordered(start[:10] if start else None, end[:10] if end else None)
    notes = [reversed_note(date_to, date_from)] if swapped and date_from and date_to else []
    state = ViewState(
        date_from=date_from,
        date_to=date_to,
        types=tuple(types or ()),
        entities=tuple(entities or ()),
        search=(search or "")[:200],
        min_confidence=float(confidence or 0),
        corroborated="corroborated" in flags,
        conflicts_only="conflicts" in flags,
        sources=tuple(sources or ()),
        review=tuple(review or ()),
        lanes=lanes or "type",
        window=tuple(window) if window else None,  # type: ignore[arg-type]
        new_since=new_since[:10] if new_since else None,
        event=event,
    )
    return state, notes


def control_values(state: ViewState) -> list[Any]:
    """The filter controls' values for a state (the inverse of ``view_state``)."""
    flags = [f for f, on in (("corroborated", state.corroborated), ("conflicts", state.conflicts_only)) if on]  # fmt: skip
    return [state.date_from, state.date_to, list(state.types), list(state.entities), state.search,
            state.min_confidence, flags, list(state.sources), state.lanes, state.new_since,
            list(state.review)]  # fmt: skip


def entity_options(snapshot: Snapshot, typed: str, chosen: list[str]) -> list[dict[str, str]]:
    """The chosen entities, then the most frequent (or those containing what was typed),
    with their counts: a few kilobytes even with ten thousand entities."""
    needle = typed.casefold().strip()
    picked = [n for n, _ in snapshot.entity_counts() if needle in n.casefold()][:ENTITY_OPTIONS]
    counts = dict(snapshot.entity_counts())
    names = list(dict.fromkeys([*chosen, *picked]))
    return [{"label": f"{n} ({counts.get(n, 0):,})", "value": n} for n in names]
