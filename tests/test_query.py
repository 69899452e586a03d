import pandas as pd
import pytest

from ingest.query import EventFilter, filter_events
from ingest.schema import COLUMNS, Event, validate


def frame(*events: Event) -> pd.DataFrame:
    rows = []
    for e in events:
        row = validate(e).row()
        # What the store fills in for an event nobody reviewed yet.
        row.update(source_count=1, first_seen="2026-01-01T00:00:00Z",
                   review_status="unreviewed", tags=[])  # fmt: skip
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


def test_search_covers_every_sources_title_and_quote(df):
    from ingest.query import EventIndex

    event_id = df.loc[df["title"] == "Cartels designated", "event_id"].iloc[0]
    index = EventIndex(df, {event_id: "Reuters\nA spokesman called the listing overdue."})
    assert titles(index.frame(index.select(EventFilter(search="listing overdue")))) == [
        "Cartels designated"
    ]
    assert titles(index.frame(index.select(EventFilter(search="reuters")))) == [
        "Cartels designated"
    ]


def test_text_search_finds_each_row_once_whether_scanning_or_checking_few_rows():
    import numpy as np

    from ingest.schema import fold
    from ingest.textsearch import TextIndex, search_fold

    texts = ["Nicolás Maduro  reward", "strike strike strike", "", "MADURO", "x\x00maduro"]
    index = TextIndex(texts)
    assert list(index.rows_with("maduro")) == [0, 3, 4]
    assert list(index.rows_with("strike")) == [1]  # once, however often it matches
    assert list(index.rows_with("MADURO", among=np.array([3, 1]))) == [3]
    assert list(index.rows_with("nicolas maduro")) == [0]  # accents and spaces folded
    assert list(index.rows_with("", among=np.array([2]))) == [2]
    for text in ("  Ñandú\tcafé ", "ASCII  text\n", "Straße"):
        assert search_fold(text) == fold(text)


def test_the_file_name_says_every_filter_of_the_export():
    name = EventFilter(
        "2025", "2025", ("bounty",), sources=("Federal Register",), min_confidence=0.8
    ).filename()
    assert (
        name == "timeline_2025-01-01_2025-12-31_bounty_source-federal-register_confidence-0.8.csv"
    )
