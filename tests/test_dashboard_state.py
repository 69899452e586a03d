"""URL state, the event index, level of detail and the entity page, without a browser."""

import pandas as pd
import pytest
from dash import dcc

from bench.synthetic_events import synthetic_events
from dashboard.figures import POINTS_MAX, bucket_for, level_of_detail, reward_figure
from dashboard.state import ViewState, build_query, parse_query
from dashboard.views import entity_page
from ingest.query import EventFilter, EventIndex
from ingest.schema import COLUMNS
from tests.test_query import frame


def test_query_string_round_trips_the_view_state():
    state = ViewState(date_from="2025-01-01", date_to="2025-12-31", types=("bounty",),
                      entities=("Nicolas Maduro",), search="reward", min_confidence=0.8,
                      corroborated=True, conflicts_only=True, sources=("Federal Register",),
                      lanes="entity", window=("2025-06-01", "2025-06-30"), new_since="2025-11-01")  # fmt: skip
    query = build_query(state)
    assert query.startswith("?from=2025-01-01&to=2025-12-31&type=bounty&entity=Nicolas+Maduro")
    assert parse_query(query) == state


def test_malformed_shared_links_are_ignored_not_errors():
    state = parse_query(
        "?from=yesterday&type=bombing&type=legal&confidence=high&lanes=x&x0=2025-01-01"
    )
    assert state == ViewState(types=("legal",))
    assert build_query(ViewState()) == ""


def synthetic_frame(n: int) -> pd.DataFrame:
    rows = []
    for e in synthetic_events(n, seed=3):
        row = e.row()
        row.update(source_count=1 + (hash(e.event_id) % 3 == 0), first_seen="2026-01-01T00:00:00Z",
                   conflict="amounts differ" if e.amount and e.amount > 40e6 else "")  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def reference(df: pd.DataFrame, flt: EventFilter) -> set[str]:
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
        if flt.search and fold(flt.search) not in fold(f"{r.title}\n{r.evidence}"):
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
        EventFilter(min_confidence=0.9, corroborated=True),
        EventFilter(conflicts_only=True, sources=("Wire service 1", "Federal Register")),
        EventFilter("2018", "2021", ("sanction",), ("Tren de Aragua",), "sanctioned", 0.7),
    ],
)
def test_index_selects_exactly_what_the_filter_says(flt):
    df = synthetic_frame(3000)
    index = EventIndex(df)
    rows = index.select(flt)
    assert set(index.frame(rows)["event_id"]) == reference(df, flt)
    assert list(index.start[rows]) == sorted(index.start[rows])  # date order


def test_many_events_in_view_are_drawn_as_counts_and_few_as_points():
    df = synthetic_frame(POINTS_MAX * 3)
    index = EventIndex(df)
    rows = index.select(EventFilter())
    figure, mode, n = level_of_detail(index, rows)
    assert mode == "counts" and n == len(df)
    assert figure["data"][0]["type"] == "heatmap"
    assert sum(map(sum, figure["data"][0]["z"])) == len(df)  # every event counted once
    assert len(str(figure)) < 60_000  # a few kilobytes however many events
    first = str(index.df["date_start"].iloc[len(df) // 2])
    figure, mode, n = level_of_detail(index, rows, (first, first))
    assert mode == "points" and 0 < n <= POINTS_MAX
    assert figure["layout"]["xaxis"]["range"] == [first, first]


def test_bucket_follows_the_window():
    assert (bucket_for(30), bucket_for(400), bucket_for(3000)) == ("day", "week", "month")


def test_entity_page_shows_the_reward_steps():
    from ingest.schema import Event

    df = frame(Event("2020-03-26", "bounty", "15M", targets=("Nicolas Maduro",), amount=15e6),
               Event("2025-01-10", "bounty", "25M", targets=("Nicolas Maduro",), amount=25e6),
               Event("2025-08-07", "bounty", "50M", targets=("Nicolas Maduro",), amount=50e6),
               Event("2026-01-05", "legal", "Arraigned", targets=("Nicolas Maduro",)))  # fmt: skip
    fig = reward_figure(df)
    assert list(fig.data[0].x) == ["2020-03-26", "2025-01-10", "2025-08-07"]
    assert list(fig.data[0].y) == [15e6, 25e6, 50e6] and fig.data[0].line.shape == "hv"
    page = entity_page("Nicolas Maduro", df, "/?entity=Nicolas+Maduro")
    graphs = [c for c in page.children if c is not None and getattr(c, "children", None)
              and any(isinstance(x, dcc.Graph) for x in c.children)]  # fmt: skip
    assert graphs
    table = next(c for c in page.children if getattr(c, "className", "") == "entity-events")
    assert len(table.children[1].children) == 4  # every event of the entity is listed
