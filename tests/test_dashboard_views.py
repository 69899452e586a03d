from dash import html

from dashboard.figures import PALETTE, amount_label, date_label, timeline_figure
from dashboard.views import detail_panel, grid_rows, safe_href
from ingest.schema import Event
from tests.test_query import frame


def find_all(component, kind):
    found = [component] if isinstance(component, kind) else []
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += find_all(child, kind)
    elif children is not None and not isinstance(children, str):
        found += find_all(children, kind)
    return found


def test_timeline_has_one_lane_per_event_type_with_its_colour():
    df = frame(
        Event("2025-08-07", "bounty", "A", amount=5e7, targets=("Nicolas Maduro",)),
        Event("2025-02-20", "designation", "B"),
        Event("2025-02-21", "designation", "C"),
    )
    fig = timeline_figure(df)
    points = [t for t in fig.data if t.mode == "markers"]
    assert {t.name for t in points} == {"Reward / bounty", "Designation"}
    bounty = next(t for t in points if t.name == "Reward / bounty")
    assert bounty.marker.color == PALETTE["bounty"]
    assert bounty.customdata[0][1] == "2025-08-07" and bounty.customdata[0][4] == "$50M"


def test_month_precision_events_are_drawn_as_a_span_over_the_month():
    fig = timeline_figure(frame(Event("2020-03", "legal", "Charges")))
    span = next(t for t in fig.data if t.mode == "lines")
    assert str(span.x[0])[:10] == "2020-03-01" and str(span.x[1])[:10] == "2020-03-31"
    point = next(t for t in fig.data if t.mode == "markers")
    assert str(point.x[0])[:10] == "2020-03-16" and point.customdata[0][1] == "Mar 2020"


def test_hover_text_from_sources_is_escaped():
    fig = timeline_figure(frame(Event("2025-01-01", "statement", "<script>alert(1)</script>")))
    assert fig.data[0].customdata[0][2] == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_empty_result_says_so():
    fig = timeline_figure(frame())
    assert fig.layout.annotations[0].text == "No events match the filters"


def test_labels_are_for_people():
    assert date_label("2020-03", "month") == "Mar 2020"
    assert date_label("1997", "year") == "1997"
    assert date_label("2025-W31", "week") == "week of 2025-07-28"
    assert amount_label(15_000_000.0, "USD") == "$15M"
    rows = grid_rows(frame(Event("2025-08-07", "military_action", "Strike", targets=("A", "B"))))
    assert rows[0]["event_type"] == "Military action" and rows[0]["targets"] == "A; B"


def test_only_http_links_become_links():
    assert safe_href("https://example.org/x") == "https://example.org/x"
    assert safe_href("javascript:alert(1)") is None
    assert safe_href(" JAVASCRIPT:alert(1)") is None
    assert safe_href("data:text/html,hi") is None


def test_detail_panel_shows_every_field_and_each_source_with_a_safe_link():
    event = (
        frame(Event("2025-08-07", "bounty", "Reward", amount=5e7, targets=("Nicolas Maduro",)))
        .iloc[0]
        .to_dict()
    )
    sources = [
        {
            "source_title": "Good",
            "source_url": "https://example.org/a",
            "evidence": "Quote A",
            "source_published": "2025-08-08",
            "source_date": "2025-08-07",
        },
        {"source_title": "Bad", "source_url": "javascript:alert(1)", "evidence": "Quote B"},
    ]
    panel = detail_panel(event, sources)
    links = find_all(panel, html.A)
    assert len(links) == 1
    assert links[0].href == "https://example.org/a"
    assert links[0].target == "_blank" and links[0].rel == "noopener noreferrer"
    quotes = [b.children for b in find_all(panel, html.Blockquote)]
    assert quotes == ["Quote A", "Quote B"]
    labels = [d.children for d in find_all(panel, html.Dt)]
    assert {"Date", "Type", "Targets", "Amount", "Sources", "Confidence", "First seen"} <= set(
        labels
    )


def test_the_wsgi_entry_point_serves_the_app():
    import importlib

    wsgi = importlib.import_module("dashboard.wsgi")
    response = wsgi.server.test_client().get("/")
    assert response.status_code == 200
    assert b"_dash-config" in response.data  # Dash's page, configured for this app


def test_events_first_seen_after_the_new_since_date_are_marked():
    df = frame(
        Event("2025-08-07", "bounty", "A", targets=("X",)),
        Event("2025-08-08", "bounty", "B", targets=("Y",)),
    )
    df["first_seen"] = ["2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"]
    fig = timeline_figure(df, new_since="2026-02-01")
    points = next(t for t in fig.data if t.mode == "markers")
    assert list(points.marker.line.color) == ["#fff", "#E69F00"]
    rows = grid_rows(df, new_since="2026-02-01")
    assert [r["new"] for r in rows] == [False, True]
    assert timeline_figure(df).data[0].marker.line.color == "#fff"  # one value when all agree
