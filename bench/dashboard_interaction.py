"""Server time and bytes of one filter-and-draw interaction, against a naive baseline,
at 10k, 100k and 1M synthetic events (what the browser waits for: dashboard_browser.py).

One interaction is what the dashboard's main callback does when a filter changes: select
the events (three event types over the last two years of data), draw the timeline at
the right level of detail, and serialize the figure to JSON. A second interaction zooms
into one week. The naive baseline does what a simple Dash timeline does: a pandas boolean
mask over the DataFrame and ``px.scatter`` of every matching row.

    python -m bench.dashboard_interaction [--sizes 10000 100000 1000000]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
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
    snapshot = cache.snapshot()
    flt = replace(flt, date_from=window[0], date_to=window[1]) if window else flt
    rows = snapshot.index.select(flt)  # not the snapshot's cache: a fresh selection each run
    view = level_of_detail(snapshot.index, rows, window)
    size = _json_bytes(view.figure)
    return time.perf_counter() - start, size, view.mode


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
    index = cache.snapshot().index
    load_seconds = time.perf_counter() - t
    last = str(np.datetime64(int(index.end[index.state.by_start].max()), "D"))
    year = int(last[:4])
    flt = EventFilter(f"{year - 1}-01-01", f"{year}-12-31", TYPES)
    week = (f"{year}-06-02", f"{year}-06-08")
    df = store.load_events()  # the naive baseline's DataFrame of every event
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
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
    publish(lines, "dashboard", args.write)


if __name__ == "__main__":
    main()
