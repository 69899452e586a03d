"""Server time and bytes of one filter-and-draw interaction, against a naive baseline,
at 10k, 100k and 1M synthetic events; and page load to a drawn timeline in Chromium.

One interaction is what the dashboard's main callback does when a filter changes: select
the events (three event types over the last two years of data), draw the timeline at
the right level of detail, and serialize the figure to JSON. A second interaction zooms
into one week. The naive baseline does what a simple Dash timeline does: a pandas boolean
mask over the DataFrame and ``px.scatter`` of every matching row.

    python -m bench.dashboard_interaction [--sizes 10000 100000 1000000] [--browser]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

import plotly.express as px
import plotly.io as pio

from bench.report import machine, publish
from bench.synthetic_events import load_synthetic
from dashboard.data import EventCache
from dashboard.figures import level_of_detail
from ingest.query import EventFilter
from ingest.store import Store

TYPES = ("military_action", "sanction", "designation")


def _json_bytes(figure: object) -> int:
    return len(pio.to_json(figure, validate=False).encode("utf-8"))


def ours(
    cache: EventCache, flt: EventFilter, window: tuple[str, str] | None
) -> tuple[float, int, str]:
    start = time.perf_counter()
    index = cache.index()
    rows = index.select(flt)
    figure, mode, _ = level_of_detail(index, rows, window)
    size = _json_bytes(figure)
    return time.perf_counter() - start, size, mode


def naive(df, flt: EventFilter, window: tuple[str, str] | None) -> tuple[float, int, str]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    mask = (
        df["event_type"].isin(flt.types)
        & (df["date_end"] >= flt.date_from)
        & (df["date_start"] <= flt.date_to)
    )
    if window:
        mask &= (df["date_end"] >= window[0]) & (df["date_start"] <= window[1])
    shown = df[mask]
    fig = px.scatter(
        shown, x="date_start", y="event_type", color="event_type", hover_data=["title", "date"]
    )
    size = _json_bytes(fig)
    return time.perf_counter() - start, size, "points"


def measure(n: int, repeat: int, workdir: Path) -> dict[str, object]:
    db = workdir / f"synthetic_{n}.db"
    store = Store(f"sqlite:///{db}")
    if store.count_events() != n:
        load_synthetic(store, n)
    cache = EventCache(store)
    t = time.perf_counter()
    index = cache.index()
    load_seconds = time.perf_counter() - t
    last = str(index.df["date_end"].max())
    year = int(last[:4])
    flt = EventFilter(f"{year - 1}-01-01", f"{year}-12-31", TYPES)
    week = (f"{year}-06-02", f"{year}-06-08")
    df = index.df
    result: dict[str, object] = {"n": n, "index_seconds": load_seconds}
    for label, window in (("filter", None), ("zoom", week)):
        ours_runs = [ours(cache, flt, window) for _ in range(repeat)]
        naive_runs = [naive(df, flt, window) for _ in range(max(1, repeat if n < 1_000_000 else 2))]
        result[label] = {
            "ours_ms": statistics.median(r[0] for r in ours_runs) * 1000,
            "ours_kb": ours_runs[-1][1] / 1024,
            "mode": ours_runs[-1][2],
            "naive_ms": statistics.median(r[0] for r in naive_runs) * 1000,
            "naive_kb": naive_runs[-1][1] / 1024,
        }
    store.close()
    return result


def page_load_seconds(n: int, workdir: Path) -> float:
    """Navigation start to a drawn timeline, in headless Chromium, median of 3 loads."""
    import logging
    import threading

    from playwright.sync_api import sync_playwright
    from werkzeug.serving import make_server

    from dashboard.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log in the figures
    store = Store(f"sqlite:///{workdir / f'synthetic_{n}.db'}")
    if store.count_events() != n:
        load_synthetic(store, n)
    app = create_app(store)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    flags = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=flags)
        warm = browser.new_page()
        warm.goto(url)
        warm.wait_for_selector(
            "#timeline .heatmaplayer .hm, #timeline .scatterlayer .trace", timeout=120_000
        )
        warm.close()
        for _ in range(3):
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(
                "#timeline .heatmaplayer .hm, #timeline .scatterlayer .trace", timeout=60_000
            )
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    server.shutdown()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true", help="also time page load with 100k events")
    ap.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "policy-timeline-bench"
    )
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = [measure(n, args.repeat, args.workdir) for n in args.sizes]
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}. Median of {args.repeat} runs (naive at 1M: 2). "
        "Server time = select + figure + JSON; bytes = the figure's JSON.",
        "",
        "| events | interaction | ours ms | ours KB | drawn as | naive ms | naive KB | time ratio | bytes ratio |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for label in ("filter", "zoom"):
            m = r[label]  # type: ignore[index]
            lines.append(
                f"| {r['n']:,} | {'3 types, 2 years' if label == 'filter' else 'zoom to one week'} | "
                f"{m['ours_ms']:.0f} | {m['ours_kb']:.0f} | {m['mode']} | {m['naive_ms']:.0f} | "
                f"{m['naive_kb']:,.0f} | {m['naive_ms'] / m['ours_ms']:.0f}x | {m['naive_kb'] / m['ours_kb']:.0f}x |"
            )
    lines += ["", "Index build (read the store, sort, index) once per ingest: "
              + ", ".join(f"{r['n']:,}: {r['index_seconds']:.1f} s" for r in results) + "."]  # fmt: skip
    if args.browser:
        seconds = page_load_seconds(100_000, args.workdir)
        lines += [
            "",
            f"Headless Chromium, 100,000 events: page load to a drawn timeline {seconds:.2f} s (median of 3, server warm).",
        ]
    publish(lines, "dashboard", args.write)


if __name__ == "__main__":
    main()
