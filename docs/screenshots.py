"""Regenerate the README's screenshots (needs /usr/bin/chromium):

    python -m docs.screenshots [dashboard entity-page dashboard-counts review-queue]
        [--corpus ../shared/corpus/whitehouse]

Without names, all of them. The review queue is shown on the bundled data plus the fact
sheets of a few months of the White House corpus (real, public-domain documents read by
the extractor: events that need a person)."""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from bench.synthetic_events import load_synthetic
from dashboard.app import create_app
from ingest.pipeline import ingest_paths
from ingest.review.editors import Editors
from ingest.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ("dashboard", "entity-page", "dashboard-counts", "review-queue")
CORPUS = ROOT.parent / "shared" / "corpus" / "whitehouse"
QUEUE_MONTHS = ("2025-01", "2025-02", "2025-03", "2025-08", "2025-09", "2025-10")
BUNDLED = [ROOT / "data" / "curated", ROOT / "data" / "records", ROOT / "data" / "samples"]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def serve(store: Store, tmp: Path) -> tuple[str, object]:
    """The dashboard on 127.0.0.1 with no editor configured: the local user edits."""
    app = create_app(store, host="127.0.0.1", editors=Editors(tmp / "editors.txt"))
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def review_queue(browser: object, tmp: Path, corpus: Path) -> None:
    sheets = [corpus / "fact-sheets" / month for month in QUEUE_MONTHS]
    missing = [str(d) for d in sheets if not d.is_dir()]
    if missing:
        raise SystemExit(
            f"no fact sheets at {missing[0]}: pass --corpus DIR (the White House corpus)"
        )
    store = Store(f"sqlite:///{tmp / 'queue.db'}")
    ingest_paths([*BUNDLED, *sheets], store)
    url, server = serve(store, tmp)
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page.goto(url + "review")
    page.wait_for_selector("#queue-current-panel h3")
    page.wait_for_timeout(800)
    page.screenshot(path=str(ROOT / "docs" / "review-queue.png"), full_page=True)
    server.shutdown()  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser(description="Regenerate the README's screenshots.")
    ap.add_argument("names", nargs="*", metavar="NAME", help=", ".join(SHOTS))
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="The White House corpus.")
    args = ap.parse_args()
    unknown = sorted(set(args.names) - set(SHOTS))
    if unknown:
        ap.error(f"no screenshot named {unknown[0]!r}; names: {', '.join(SHOTS)}")
    wanted = set(args.names or SHOTS)
    tmp = Path(tempfile.mkdtemp())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=FLAGS)
        if wanted & {"dashboard", "entity-page"}:
            bundled = Store(f"sqlite:///{tmp / 'bundled.db'}")
            ingest_paths(BUNDLED, bundled)
            url, server = serve(bundled, tmp)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            if "dashboard" in wanted:
                page.goto(url + "?from=2025-01-01")
                page.wait_for_selector("#timeline .scatterlayer .trace")
                page.locator("#grid .ag-row", has_text="$50M").first.click()
                page.wait_for_selector("#detail .sources a")
                page.wait_for_timeout(800)
                page.screenshot(path=str(ROOT / "docs" / "dashboard.png"), full_page=True)
            if "entity-page" in wanted:
                page.goto(url + "entity/" + quote("Nicolas Maduro", safe=""))
                page.wait_for_selector("#reward-chart .js-plotly-plot")
                page.wait_for_timeout(800)
                page.screenshot(path=str(ROOT / "docs" / "entity-page.png"), full_page=True)
            server.shutdown()  # type: ignore[attr-defined]
        if "dashboard-counts" in wanted:
            large = Store(f"sqlite:///{tmp / 'large.db'}")
            load_synthetic(large, 50_000)
            large_url, large_server = serve(large, tmp)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(large_url)
            page.wait_for_selector("#timeline .heatmaplayer")
            page.wait_for_timeout(800)
            page.screenshot(path=str(ROOT / "docs" / "dashboard-counts.png"), full_page=True)
            large_server.shutdown()  # type: ignore[attr-defined]
        if "review-queue" in wanted:
            review_queue(browser, tmp, args.corpus)
        browser.close()


if __name__ == "__main__":
    main()
