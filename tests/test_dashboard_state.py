"""The view state: one state drives the count, table, CSV, chart and link."""

import pandas as pd
import pytest

from bench.synthetic_events import synthetic_events
from dashboard.controls import control_values, view_state
from dashboard.state import ViewState, build_query, parse_query
from ingest.query import EventFilter, EventIndex
from ingest.schema import COLUMNS


def test_query_string_round_trips_the_view_state():
    state = ViewState(date_from="2025-01-01", date_to="2025-12-31", types=("bounty",),
                      entities=("Nicolas Maduro",), search="reward", min_confidence=0.8,
                      corroborated=True, conflicts_only=True, sources=("Federal Register",),
                      lanes="entity", window=("2025-06-01", "2025-06-30"), new_since="2025-11-01",
                      event="ev_0123456789abcdef")  # fmt: skip
    query = build_query(state)
    assert query.startswith("?from=2025-01-01&to=2025-12-31&type=bounty&entity=Nicolas+Maduro")
    assert parse_query(query) == (state, [])


def test_malformed_shared_links_are_ignored_not_errors():
    state, notes = parse_query(
        "?from=yesterday&type=bombing&type=legal&confidence=high&lanes=x&x0=2025-01-01"
        "&event=<script>"
    )
    assert state == ViewState(types=("legal",)) and notes == []
    assert build_query(ViewState()) == ""


def test_the_zoom_window_is_part_of_the_filter():
    state = ViewState(types=("bounty",), window=("2025-08-01", "2025-09-30"))
    assert state.filter() == EventFilter("2025-08-01", "2025-09-30", ("bounty",))
    # Inside a date range, the window narrows it; the range still bounds the window.
    state = ViewState(
        date_from="2025-09-01", date_to="2025-12-31", window=("2025-08-01", "2025-09-30")
    )
    assert (state.filter().date_from, state.filter().date_to) == ("2025-09-01", "2025-09-30")


def test_a_window_outside_the_date_range_is_dropped_not_an_empty_view():
    state = ViewState(
        date_from="2020-01-01", date_to="2020-12-31", window=("2025-08-01", "2025-09-30")
    )
    assert state.zoom() is None
    assert state.filter() == EventFilter("2020-01-01", "2020-12-31")


def test_a_reversed_date_range_in_a_link_is_put_in_order_with_a_note():
    state, notes = parse_query("?from=2025-12-31&to=2025-01-01&x0=2025-06-30&x1=2025-06-01")
    assert (state.date_from, state.date_to) == ("2025-01-01", "2025-12-31")
    assert state.window == ("2025-06-01", "2025-06-30")
    assert notes == ["From was after To: showing 2025-01-01 to 2025-12-31 instead."]


def test_reversed_dates_in_the_controls_are_put_in_order_with_a_note():
    values = ["2025-12-31", "2025-01-01", [], [], "", 0, [], [], "type", None, []]
    state, notes = view_state(values, None)
    assert (state.date_from, state.date_to) == ("2025-01-01", "2025-12-31")
    assert notes and "From was after To" in notes[0]


def test_the_filter_refuses_a_reversed_range_with_a_message():
    with pytest.raises(ValueError, match="reversed: from 2025-12-31 is after to 2025-01-01"):
        EventFilter("2025-12-31", "2025-01-01")


def test_controls_and_state_are_inverse():
    state = ViewState(date_from="2025-01-01", types=("legal",), entities=("MS-13",), search="x",
                      min_confidence=0.5, corroborated=True, lanes="entity", new_since="2026-01-01")  # fmt: skip
    assert view_state(control_values(state), None)[0] == state


def synthetic_frame(n: int, seed: int = 3) -> pd.DataFrame:
    rows = []
    for e in synthetic_events(n, seed=seed):
        row = e.row()
        row.update(source_count=1 + (hash(e.event_id) % 3 == 0), first_seen="2026-01-01T00:00:00Z",
                   conflict="amounts differ" if e.amount and e.amount > 40e6 else "")  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def reference(df: pd.DataFrame, flt: EventFilter, extra: dict[str, str] | None = None) -> set[str]:
    """A plain row-by-row reading of the filter, to check the index against."""
    from ingest.schema import fold

    keep = set()
    for r in df.itertuples(index=False):
        if flt.date_from and r.date_end < flt.date_from:
            continue
        if flt.date_to and r.date_start > flt.date_to:
            continue
        if flt.types and r.event_type not in flt.types:
            continue
        names = {fold(n) for n in [*r.actors, *r.targets]}
        if flt.entities and not names & {fold(e) for e in flt.entities}:
            continue
        text = f"{r.title}\n{r.evidence}\n{(extra or {}).get(r.event_id, '')}"
        if flt.search and fold(flt.search) not in fold(text):
            continue
        if r.confidence < flt.min_confidence or (flt.corroborated and r.source_count < 2):
            continue
        if (flt.conflicts_only and not r.conflict) or (
            flt.sources and r.source_title not in flt.sources
        ):
            continue
        keep.add(r.event_id)
    return keep


@pytest.mark.parametrize(
    "flt",
    [
        EventFilter(),
        EventFilter("2020-01-01", "2020-06-30"),
        EventFilter("2019-05", None, ("bounty", "legal")),
        EventFilter(entities=("Nicolas Maduro", "Group 3")),
        EventFilter(search="item 12"),
        EventFilter(search="  ITEM   12 "),
        EventFilter(search="wire service 7"),
        EventFilter(min_confidence=0.9, corroborated=True),
        EventFilter(conflicts_only=True, sources=("Wire service 1", "Federal Register")),
        EventFilter("2018", "2021", ("sanction",), ("Tren de Aragua",), "sanctioned", 0.7),
        EventFilter("2018", "2018-02", search="report"),
    ],
)
def test_index_selects_exactly_what_the_filter_says(flt):
    df = synthetic_frame(3000)
    extra = {eid: f"Wire service {i % 9} quoted" for i, eid in enumerate(df["event_id"][::5])}
    index = EventIndex(df, extra)
    rows = index.select(flt)
    assert set(index.frame(rows)["event_id"]) == reference(df, flt, extra)
    assert list(index.start[rows]) == sorted(index.start[rows])  # date order
