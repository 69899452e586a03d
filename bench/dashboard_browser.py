"""What an analyst waits for, measured in headless Chromium from action to updated page,
against the previous dashboard (a git revision, default ``main``) in the same run.

Each app is served by werkzeug in its own process over the same synthetic store, warm
(its index built) before anything is timed. Measured, median of ``--repeat``:

- page load: from asking for the page to the first painted frame that shows the drawn timeline and the
  count, in a new browser profile (nothing cached) and again in the same profile (a
  returning analyst: scripts cached); and, returning, to the first frame that also shows
  the filters and the table's rows (the whole page). Frames are seen from inside the page
  (a requestAnimationFrame check runs just before each frame is painted), so the time is
  when the page showed it, not when the test driver's next poll got a turn on a busy
  main thread (that added 0.3-0.5 s: the driver waited for the table to render);
- filter by type / by entity: option clicked to the new count shown;
- first text search: Enter pressed to the new count (a search no request made before);
- sort: a column header clicked to the table's first row showing the sorted order;
- zoom to one week: the relayout to points drawn for that week.

    python -m bench.dashboard_browser [--sizes 100000 1000000] [--baseline main]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench.report import machine, publish

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
DRAWN = "#timeline .heatmaplayer .hm, #timeline .scatterlayer .trace"
# Before each painted frame: the wall-clock time (ms) of the first frame showing the drawn
# timeline with its count, and of the first also showing the filters and table rows.
PAINTED = """
window.__painted = {};
(function () {
  const has = (s) => !!document.querySelector(s);
  function frame() {
    const now = performance.timeOrigin + performance.now(), p = window.__painted;
    const count = document.querySelector('#count');
    const timeline = has('DRAWN') && !!count && /of/.test(count.textContent || '');
    if (timeline && !p.timeline) { p.timeline = now; }
    if (timeline && has('#filter-types') && has('#grid .ag-center-cols-container .ag-row')) { p.page = now; }
    if (!p.page) { requestAnimationFrame(frame); }
  }
  requestAnimationFrame(frame);
})();
""".replace("DRAWN", DRAWN)
SERVE = """
import logging, sys
from werkzeug.serving import make_server
from dashboard.app import create_app
from ingest.store import Store
logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = make_server("127.0.0.1", int(sys.argv[2]), create_app(Store(sys.argv[1])).server, threaded=True)
print("ready", flush=True)
server.serve_forever()
"""
SORT_COLUMNS = ("date", "event_type", "title", "targets", "amount", "source_count")


def serve(root: Path, db: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.Popen([sys.executable, "-c", SERVE, db, str(port)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc


def wait_http(url: str, timeout: float = 600) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as r:
                r.read()
            return
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


def timed(action: Callable[[], None], until: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    until()
    return time.perf_counter() - start


def count_changes(page, before: str, timeout: int = 120_000) -> Callable[[], None]:
    return lambda: page.wait_for_function(
        "t => { const c = document.querySelector('#count'); return c && c.innerText && c.innerText !== t; }",
        arg=before, timeout=timeout,
    )  # fmt: skip


def measure_app(browser, url: str, repeat: int, entity: str, search_words: list[str]) -> dict[str, float]:  # fmt: skip
    results: dict[str, list[float]] = {}

    def record(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    def loaded(page) -> Callable[[], None]:
        return lambda: (page.wait_for_selector(DRAWN, state="attached", timeout=180_000),
                        page.wait_for_function("() => /of/.test((document.querySelector('#count')||{}).innerText||'')",
                                               timeout=180_000))  # fmt: skip

    def load(page) -> dict[str, float]:
        """Seconds from asking for the page to the frames PAINTED records."""
        start = time.time() * 1000
        page.goto(url)
        page.wait_for_function("() => !!window.__painted.page", timeout=180_000)
        painted = page.evaluate("() => window.__painted")
        return {k: (v - start) / 1000 for k, v in painted.items()}

    for i in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(PAINTED)
        page = context.new_page()
        record("page load, new profile", load(page)["timeline"])
        returning = load(page)
        record("page load, returning", returning["timeline"])
        record("page load, returning: filters and table too", returning["page"])
        page.wait_for_timeout(500)  # let the first render's follow-up requests finish

        before = page.inner_text("#count")
        page.click("#filter-types")
        option = page.locator(".dash-dropdown-option, .Select-option", has_text="Sanction").first
        record("filter by type", timed(option.click, count_changes(page, before)))
        page.keyboard.press("Escape")

        page.goto(url)
        loaded(page)()
        page.wait_for_timeout(500)
        before = page.inner_text("#count")
        page.click("#filter-entities")
        page.keyboard.type(entity)
        option = page.locator(".dash-dropdown-option, .Select-option", has_text=entity).first
        option.wait_for(timeout=60_000)
        record("filter by entity", timed(option.click, count_changes(page, before)))
        page.keyboard.press("Escape")

        page.goto(url)
        loaded(page)()
        page.wait_for_timeout(500)
        before = page.inner_text("#count")
        page.fill("#filter-search", search_words[i % len(search_words)])
        record("first text search", timed(lambda: page.press("#filter-search", "Enter"),  # noqa: B023
                                          count_changes(page, before)))  # fmt: skip

        page.goto(url)
        loaded(page)()
        page.wait_for_timeout(500)
        for column in SORT_COLUMNS:
            header = f"#grid .ag-header-cell[col-id={column}] .ag-header-cell-label"
            first = "#grid .ag-center-cols-container .ag-row[row-index='0']"
            page.wait_for_selector(first, timeout=60_000)

            def sorted_block(response, column=column) -> bool:  # type: ignore[no-untyped-def]
                # This app asks /grid-rows?...&sort=; the previous one a Dash callback.
                body = response.request.post_data or ""
                return (f"sort={column}" in response.url) or (
                    "getRowsRequest" in body and f'"colId":"{column}"' in body.replace(" ", "")
                )

            start = time.perf_counter()
            with page.expect_response(sorted_block, timeout=120_000):
                page.click(header)
            page.wait_for_function(
                """sel => { const r = document.querySelector(sel);
                            return r && !r.querySelector('.ag-loading') && r.innerText.trim(); }""",
                arg=first, timeout=120_000,
            )  # fmt: skip
            record("sort a column (median of 6)", time.perf_counter() - start)

        page.goto(url + "?x0=2020-06-01&x1=2020-06-21")
        loaded(page)()
        page.wait_for_timeout(500)

        def zoom() -> None:
            page.evaluate("""() => Plotly.relayout(document.querySelector('#timeline .js-plotly-plot'),
                                                   {'xaxis.range': ['2020-06-08', '2020-06-15']})""")  # noqa: B023

        def points() -> None:
            page.wait_for_function(  # noqa: B023
                """() => { const gd = document.querySelector('#timeline .js-plotly-plot');
                           return gd && gd.layout && gd.layout.xaxis && String(gd.layout.xaxis.range[0]).startsWith('2020-06-08')
                                  && document.querySelectorAll('#timeline .scatterlayer .points path').length > 0; }""",
                timeout=120_000,
            )

        try:
            record("zoom to one week: points drawn", timed(zoom, points))
        except Exception:  # the baseline may keep counts there: recorded as not reached
            record("zoom to one week: points drawn", float("nan"))
        context.close()
    return {name: statistics.median(values) for name, values in results.items()}


def baseline_tree(revision: str, workdir: Path) -> Path:
    root = workdir / f"baseline-{revision.replace('/', '_')}"
    if not root.exists():
        root.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", revision, "dashboard", "ingest", "data/entities.yaml"],
                                 check=True, capture_output=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    return root


def main() -> None:
    from playwright.sync_api import sync_playwright

    from bench.synthetic_events import load_synthetic
    from ingest.store import Store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--baseline", default="main", help="git revision of the previous dashboard ('' for none)"
    )
    ap.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "policy-timeline-bench"
    )
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    ours = Path(__file__).resolve().parent.parent
    apps = [("this branch", ours)]
    if args.baseline:
        apps.append((f"baseline ({args.baseline})", baseline_tree(args.baseline, args.workdir)))
    table: dict[tuple[int, str], dict[str, float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=FLAGS)
        for n in args.sizes:
            db = f"sqlite:///{args.workdir / f'synthetic_{n}.db'}"
            store = Store(db)
            if store.count_events() != n:
                load_synthetic(store, n)
            store.close()
            for label, root in apps:
                port = 18700 + len(table)
                proc = serve(root, db, port)
                url = f"http://127.0.0.1:{port}/"
                try:
                    wait_http(url + "grid-rows?start=0&end=1" if root == ours else url)
                    if root != ours:  # the previous app builds its index on the first page
                        warm = browser.new_page()
                        warm.goto(url)
                        warm.wait_for_selector(DRAWN, state="attached", timeout=600_000)
                        warm.close()
                    repeat = args.repeat if root == ours else 1
                    table[(n, label)] = measure_app(
                        browser, url, repeat, "Nicolas Maduro",
                        ["item 12345", "item 54321", "item 77777"],
                    )  # fmt: skip
                finally:
                    proc.terminate()
                    proc.wait(timeout=30)
        browser.close()
    metrics = list(next(iter(table.values())))
    header = "| events | measure | " + " | ".join(label for label, _ in apps) + " | ratio |"
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}. Headless Chromium (Debian), werkzeug, "
        f"SQLite; median of {args.repeat} runs (baseline: 1 run). Seconds from action to updated page.",
        "",
        header,
        "|" + "---|" * (3 + len(apps)),
    ]
    for n in args.sizes:
        for metric in metrics:
            values = [table[(n, label)].get(metric, float("nan")) for label, _ in apps]
            cells = " | ".join("not reached" if v != v else f"{v:.2f}" for v in values)
            ratio = (
                f"{values[1] / values[0]:.1f}x"
                if len(values) > 1 and values[1] == values[1]
                else "—"
            )
            lines.append(f"| {n:,} | {metric} | {cells} | {ratio} |")
    publish(lines, "dashboard-browser", args.write)


if __name__ == "__main__":
    main()
