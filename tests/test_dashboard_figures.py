"""The timeline a person reads: lanes, colours, legend, labels, axis, level of detail."""

import numpy as np
import pandas as pd

from dashboard.axis import DAY_MS, fitted_window, xaxis_layout
from dashboard.figures import LABELS_MAX, POINTS_MAX, level_of_detail
from dashboard.palette import BACKGROUND, PALETTE, contrast
from ingest.query import EventFilter, EventIndex
from ingest.schema import Event
from tests.test_query import frame


def figure_of(df, **kw):
    index = EventIndex(df)
    return level_of_detail(index, index.select(EventFilter()), **kw)


def markers(view):
    return [t for t in view.figure["data"] if t.get("mode", "").startswith("markers")]


def test_one_lane_per_event_type_with_its_colour_and_a_legend_with_counts():
    df = frame(
        Event("2025-08-07", "bounty", "A", amount=5e7, targets=("Nicolas Maduro",)),
        Event("2025-02-20", "designation", "B", targets=("X",)),
        Event("2025-02-21", "designation", "C", targets=("Y",)),
    )
    view = figure_of(df)
    assert view.mode == "points"
    names = {t["name"] for t in markers(view)}
    assert names == {"Reward / bounty (1)", "Designation (2)"}
    assert view.figure["layout"]["showlegend"] is True
    bounty = next(t for t in markers(view) if t["name"].startswith("Reward"))
    assert bounty["marker"]["color"] == PALETTE["bounty"]
    assert bounty["customdata"][0][1] == "2025-08-07" and bounty["customdata"][0][4] == "$50M"
    assert view.figure["layout"]["yaxis"]["ticktext"] == ["Designation", "Reward / bounty"]


def test_every_type_colour_stands_out_from_the_background():
    assert all(contrast(c, BACKGROUND) >= 3 for c in PALETTE.values()), PALETTE
    assert len(set(PALETTE.values())) == len(PALETTE)


def test_month_precision_events_are_drawn_as_a_span_over_the_month():
    view = figure_of(frame(Event("2020-03", "legal", "Charges"), Event("2020-04-02", "legal", "B")))
    span = next(t for t in view.figure["data"] if t["mode"] == "lines")
    assert span["x"][:2] == ["2020-03-01", "2020-04-01"]  # to the end of the 31st
    point = next(t for t in markers(view) if t["customdata"][0][1] == "Mar 2020")
    assert point["x"][0].startswith("2020-03-16")


def test_lanes_by_entity_hold_only_entities():
    df = frame(
        Event("2020-03", "legal", "Charges", targets=("Nicolas Maduro",)),
        Event("2025-08-07", "bounty", "Reward", targets=("Nicolas Maduro",), amount=5e7),
        Event("2025-02-20", "designation", "FTO", targets=("Tren de Aragua",)),
    )
    view = figure_of(df, lanes="entity")
    assert view.figure["layout"]["yaxis"]["ticktext"] == ["Nicolas Maduro", "Tren de Aragua"]
    span = next(t for t in view.figure["data"] if t["mode"] == "lines")
    assert span["y"][:2] == [0, 0]  # the month span sits in its entity's lane, not a type lane


def test_names_and_titles_are_drawn_as_text_never_as_markup():
    evil = '<a href="//e.x">X</a>'
    df = frame(Event("2025-01-01", "statement", 'He said "no" <b>now</b>', targets=(evil,)))
    view = figure_of(df, lanes="entity")
    ticktext = view.figure["layout"]["yaxis"]["ticktext"][0]
    assert ticktext == '&lt;a href="//e.x"&gt;X&lt;/a&gt;'
    point = markers(view)[0]
    assert point["customdata"][0][2] == 'He said "no" &lt;b&gt;now&lt;/b&gt;'  # no &quot;
    assert "<b>" not in point["text"][0]


def test_few_events_in_view_carry_their_title_and_amount():
    df = frame(Event("2025-08-07", "bounty", "US doubles reward for Maduro", amount=5e7))
    point = markers(figure_of(df))[0]
    assert point["mode"] == "markers+text"
    assert point["text"] == ["US doubles reward for Maduro · $50M"]
    many = frame(*[Event(f"2025-08-{d:02d}", "legal", f"T{d}") for d in range(1, LABELS_MAX + 2)])
    assert markers(figure_of(many))[0]["mode"] == "markers"


def test_the_axis_never_falls_below_a_day():
    week = xaxis_layout(20307, 20313)  # a 7-day window
    assert week["dtick"] == DAY_MS and week["range"] == ["2025-08-07", "2025-08-14"]
    one_day = xaxis_layout(20307, 20307)
    assert one_day["range"] == ["2025-08-07", "2025-08-08"] and one_day["dtick"] == DAY_MS
    month = xaxis_layout(20307, 20307 + 40)
    assert month["dtick"] >= DAY_MS
    assert all(stop["value"].startswith("%b %d") for stop in week["tickformatstops"])


def test_the_first_view_fits_where_the_events_are_and_points_at_an_outlier():
    days = [9770] + list(range(18300, 20500, 40))  # one 1996 event, then 2020..2026
    start = np.array(days)
    fit = fitted_window(start, start)
    assert fit.before == 1 and fit.earliest == 9770 and fit.x0 > 18000
    df = frame(Event("1997-10-08", "designation", "Old", targets=("Hamas",)),
               *[Event(f"202{y}-0{m}-01", "legal", f"E{y}{m}") for y in range(0, 6) for m in (1, 5, 9)])  # fmt: skip
    view = figure_of(df)
    notes = [a["text"] for a in view.figure["layout"]["annotations"]]
    assert any("1 earlier event (from 1997)" in n for n in notes)
    assert view.figure["layout"]["xaxis"]["range"][0] > "2019"


def test_a_lone_group_of_events_is_not_an_outlier():
    start = np.array([100, 101, 102, 5000, 5001, 5002, 5003])
    fit = fitted_window(start, start)
    assert fit.before == 0 and fit.after == 0


def test_month_and_year_events_never_keep_a_short_window_in_counts():
    # As at a million events: thousands of year/month events overlap any 3 days.
    events = [Event("2025", "sanction", f"Y{i}", targets=(f"G{i}",)) for i in range(2500)]
    events += [Event("2025-08", "legal", f"M{i}", targets=(f"G{i}",)) for i in range(400)]
    events += [Event("2025-08-0" + str(d), "bounty", f"D{d}", amount=1e6) for d in range(5, 8)]
    index = EventIndex(frame(*events))
    rows = index.select(EventFilter("2025-08-05", "2025-08-07"))
    view = level_of_detail(index, rows, ("2025-08-05", "2025-08-07"))
    assert view.mode == "points" and view.in_view == len(events)
    day_points = [t for t in markers(view) if t["name"].startswith("Reward")]
    assert len(day_points[0]["x"]) == 3  # the three day events are points
    band = [t for t in view.figure["data"] if t.get("legendgroup") == "long"]
    texts = sorted(t["hovertemplate"].split(" events")[0] for t in band)
    assert texts == ["2,500", "400"]  # one band per lane, saying how many it stands for


def test_many_events_in_view_are_drawn_as_counts_and_few_as_points():
    from tests.test_dashboard_state import synthetic_frame

    df = synthetic_frame(POINTS_MAX * 3)
    index = EventIndex(df)
    rows = index.select(EventFilter())
    view = level_of_detail(index, rows)
    assert view.mode == "counts" and view.in_view == len(df)
    heat = view.figure["data"][0]
    assert heat["type"] == "heatmap"
    total = sum(v for row in heat["z"] for v in row if v)
    inside = (index.end >= 0) & (index.start <= 10**6)
    assert abs(total - inside.sum()) < 0.001 * len(df)  # every event once (cells rounded)
    assert len(str(view.figure)) < 120_000  # kilobytes however many events
    first = str(df["date_start"].sort_values().iloc[len(df) // 2])
    zoomed = level_of_detail(index, index.select(EventFilter(first, first)), (first, first))
    assert zoomed.mode == "points" and 0 < zoomed.in_view <= POINTS_MAX


def test_empty_result_says_so():
    index = EventIndex(frame())
    view = level_of_detail(index, index.select(EventFilter()))
    assert view.figure["layout"]["annotations"][0]["text"] == "No events match the filters"


def test_events_first_seen_after_the_new_since_date_are_ringed():
    df = frame(
        Event("2025-08-07", "bounty", "A", targets=("X",)),
        Event("2025-08-08", "bounty", "B", targets=("Y",)),
    )
    df["first_seen"] = ["2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"]  # fmt: skip
    point = markers(figure_of(df, new_since="2026-02-01"))[0]
    assert point["marker"]["line"]["color"] == ["#ffffff", "#B35900"]
    assert [c[5] for c in point["customdata"]] == [0, 1]
    assert markers(figure_of(df))[0]["marker"]["line"]["color"] == "#ffffff"
    ringed = markers(figure_of(df, selected_id=df["event_id"][0]))[0]
    assert ringed["marker"]["line"]["color"][0] == "#000000"


def test_counts_lanes_say_how_many_events_each_holds():
    from tests.test_dashboard_state import synthetic_frame

    df = synthetic_frame(POINTS_MAX * 2)
    view = figure_of(df, lanes="entity")
    labels = view.figure["layout"]["yaxis"]["ticktext"]
    assert view.mode == "counts" and len(labels) <= 17
    assert all(lbl.rsplit("(", 1)[1].rstrip(")").replace(",", "").isdigit() for lbl in labels)
    assert not any(lbl.startswith(("Designation", "Sanction")) for lbl in labels)
    assert isinstance(pd.Series(labels), pd.Series)
