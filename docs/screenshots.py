"""Regenerate the README's screenshots: python -m docs.screenshots (needs /usr/bin/chromium)."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from bench.synthetic_events import load_synthetic
from dashboard.app import create_app
from ingest.pipeline import ingest_paths
from ingest.store import Store

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def serve(store: Store) -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, create_app(store).server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    bundled = Store(f"sqlite:///{tmp / 'bundled.db'}")
    ingest_paths([ROOT / "data" / "curated", ROOT / "data" / "records", ROOT / "data" / "samples"], bundled)
    large = Store(f"sqlite:///{tmp / 'large.db'}")
    load_synthetic(large, 50_000)
    url, server = serve(bundled)
    large_url, large_server = serve(large)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "?from=2025-01-01")
        page.wait_for_selector("#timeline .scatterlayer .trace")
        page.locator("#grid .ag-row", has_text="$50M").first.click()
        page.wait_for_selector("#detail .sources a")
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / "dashboard.png"), full_page=True)
        page.goto(url + "entity/" + quote("Nicolas Maduro", safe=""))
        page.wait_for_selector("#reward-chart .js-plotly-plot")
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / "entity-page.png"), full_page=True)
        page.goto(large_url)
        page.wait_for_selector("#timeline .heatmaplayer")
        page.wait_for_timeout(800)
        page.screenshot(path=str(ROOT / "docs" / "dashboard-counts.png"), full_page=True)
        browser.close()
    server.shutdown()  # type: ignore[attr-defined]
    large_server.shutdown()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
