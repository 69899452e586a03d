from dash import html

from dashboard.figures import amount_label, date_label
from dashboard.grid import grid_rows
from dashboard.views import count_text, detail_panel, safe_href
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


def test_labels_are_for_people():
    assert date_label("2020-03", "month") == "Mar 2020"
    assert date_label("1997", "year") == "1997"
    assert date_label("2025-W31", "week") == "week of 2025-07-28"
    assert amount_label(15_000_000.0, "USD") == "$15M"
    rows = grid_rows(frame(Event("2025-08-07", "military_action", "Strike", targets=("A", "B"))))
    assert rows[0]["event_type"] == "Military action" and rows[0]["targets"] == "A; B"
    assert rows[0]["confidence"] == 1.0 and rows[0]["source_count"] == 1
    assert count_text(1, 1) == "1 of 1 event" and count_text(3, 1200) == "3 of 1,200 events"


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
