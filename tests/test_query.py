import pandas as pd
import pytest

from ingest.query import EventFilter, filter_events
from ingest.schema import COLUMNS, Event, validate


def frame(*events: Event) -> pd.DataFrame:
    rows = []
    for e in events:
        row = validate(e).row()
        row.update(source_count=1, first_seen="2026-01-01T00:00:00Z")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


@pytest.fixture
def df():
    return frame(
        Event("2020-03", "legal", "Charges in March", targets=("Nicolas Maduro",)),
        Event(
            "2025-08-07",
            "bounty",
            "Reward doubled",
            targets=("Nicolás Maduro",),
            amount=5e7,
            evidence="raised to $50 million",
        ),
        Event(
            "2025-02-20",
            "designation",
            "Cartels designated",
            actors=("Department of State",),
            targets=("Tren de Aragua",),
        ),
        Event("2025", "directive", "An order that year"),
    )


def titles(result):
    return sorted(result["title"])


def test_no_filter_returns_everything(df):
    assert len(filter_events(df, EventFilter())) == 4


def test_date_range_includes_events_whose_period_overlaps_it(df):
    got = filter_events(df, EventFilter("2020-03-15", "2020-03-20"))
    assert titles(got) == ["Charges in March"]
    got = filter_events(df, EventFilter("2025-08-01", "2025-08-31"))
    assert titles(got) == ["An order that year", "Reward doubled"]


def test_type_filter(df):
    assert titles(filter_events(df, EventFilter(types=("bounty", "legal")))) == [
        "Charges in March",
        "Reward doubled",
    ]


def test_entity_filter_matches_actors_and_targets_ignoring_accents(df):
    assert titles(filter_events(df, EventFilter(entities=("nicolas maduro",)))) == [
        "Charges in March",
        "Reward doubled",
    ]
    assert titles(filter_events(df, EventFilter(entities=("Department of State",)))) == [
        "Cartels designated"
    ]


def test_search_covers_title_and_evidence(df):
    assert titles(filter_events(df, EventFilter(search="$50 MILLION"))) == ["Reward doubled"]
    assert titles(filter_events(df, EventFilter(search="cartels"))) == ["Cartels designated"]


def test_filters_combine_with_and(df):
    got = filter_events(
        df, EventFilter("2025-01-01", "2025-12-31", ("bounty",), ("Nicolas Maduro",))
    )
    assert titles(got) == ["Reward doubled"]


def test_bad_filter_date_fails_early_with_a_clear_message():
    with pytest.raises(ValueError, match="not a date"):
        EventFilter(date_from="last year")


def test_filename_reflects_the_filter():
    assert EventFilter().filename() == "timeline_all.csv"
    assert (
        EventFilter("2025-01-01", "2025-12-31").filename() == "timeline_2025-01-01_2025-12-31.csv"
    )
    assert EventFilter("2025", None, ("bounty",), ("Nicolás Maduro",)).filename() == (
        "timeline_2025-01-01_end_bounty_nicolas-maduro.csv"
    )
