"""A web worker's view of a large store: how long it takes to show an ingest of 1,000 new
events (catching up with the change log) against reading the store whole (what a worker
did before), its resident memory, and filter-and-draw on that index.

One process plays the worker: it reads the store whole once (timed: the baseline), then
``--rounds`` times another process ingests a curated CSV of ``--batch`` new events with
``policy-timeline ingest`` and the worker's next ``EventCache.snapshot()`` (what a request
calls) is timed until it holds them; each round checks that a search finds all of them.
Resident memory (VmRSS) is read from /proc after the whole read and after the rounds;
filter-and-draw is the dashboard benchmark's interaction (select, figure, JSON).

    python -m bench.team_refresh --db sqlite:////tmp/policy-timeline-bench/synthetic_1000000.db
        [--batch 1000] [--rounds 3] [--label SQLite] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from bench.dashboard_interaction import TYPES, ours
from bench.load_test import MARKER, write_batch
from bench.report import machine, publish
from dashboard.data import EventCache
from ingest.query import EventFilter
from ingest.store import Store
from ingest.store.tables import events_table, sources_table


def memory_mb() -> tuple[float, float]:
    """(resident now, peak resident) of this process, in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def sql_counts(store: Store, flt: EventFilter) -> tuple[float, int]:
    """The other way measured: the filter's per-day counts by type computed by the
    database (indexed columns, GROUP BY) on every interaction. Seconds, buckets."""
    e = events_table.c
    query = (
        sa.select(e.date_start, e.event_type, sa.func.count())
        .where(
            e.event_type.in_(flt.types), e.date_end >= flt.date_from, e.date_start <= flt.date_to
        )  # fmt: skip
        .group_by(e.date_start, e.event_type)
    )
    started = time.perf_counter()
    with store.engine.connect() as conn:
        buckets = len(conn.execute(query).all())
    return time.perf_counter() - started, buckets


def stored(store: Store, marker: str) -> int:
    """Events of the store with a source whose title carries the batch's marker."""
    s = sources_table.c
    query = sa.select(sa.func.count(sa.distinct(s.event_id))).where(s.title.like(f"{marker}%"))
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def ingest(db: str, path: Path) -> float:
    cli = shutil.which("policy-timeline", path=str(Path(sys.executable).parent))
    started = time.perf_counter()
    subprocess.run([cli or "policy-timeline", "ingest", str(path), "--db", db, "--quiet",
                    "--no-watchlist", "--jobs", "1"], check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--label", default="")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=5, help="filter-and-draw runs")
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    load = os.getloadavg()
    store = Store(args.db)
    n = store.count_events()
    rss_start, _ = memory_mb()
    cache = EventCache(store, wait_seconds=3600)  # a request would wait at most 2 s
    started = time.perf_counter()
    first = cache.snapshot()
    whole = time.perf_counter() - started
    rss_built, peak_built = memory_mb()

    end = int(first.index.end[first.index.state.by_start].max())
    del first  # as in a worker, only the cache holds the version it serves
    year = int(str(np.datetime64(end, "D"))[:4])
    flt = EventFilter(f"{year - 1}-01-01", f"{year}-12-31", TYPES)
    draws = {label: [ours(cache, flt, window) for _ in range(args.repeat)]
             for label, window in (("filter", None), ("zoom", (f"{year}-06-02", f"{year}-06-08")))}  # fmt: skip

    in_sql = [sql_counts(store, flt) for _ in range(args.repeat)]
    workdir = Path(tempfile.mkdtemp(prefix="team-refresh-"))
    refresh, ingests = [], []
    seed = int(time.time())  # new events every run: the store is reused between runs
    for r in range(args.rounds):
        batch = seed * 10 + r
        path = workdir / f"batch_{batch}.csv"
        write_batch(path, batch, args.batch)
        ingests.append(ingest(args.db, path))
        started = time.perf_counter()
        fresh = cache.snapshot()
        refresh.append(time.perf_counter() - started)
        found = fresh.index.select(EventFilter(search=f"{MARKER} {batch}:"))
        in_store = stored(store, f"{MARKER} {batch}:")
        assert len(found) == in_store > 0.9 * args.batch, (len(found), in_store)
        assert len(fresh) == store.count_events()
        nbytes = fresh.index.nbytes
        del fresh, found
    # The worker hands freed memory back once the new version is served, in its index
    # thread: read the resident size after that thread is done.
    for thread in [t for t in threading.enumerate() if t.name == "index"]:
        thread.join(timeout=30)
    rss_after, peak = memory_mb()
    shutil.rmtree(workdir)
    store.close()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f}"

    label = args.label or store.display_url.split(":", 1)[0]
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}; load average at start "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min). {label}, "
        f"{n:,} events.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| read the store whole (before: every worker after every ingest) | {whole:.1f} s |",
        f"| catch up after an ingest of {args.batch:,} new events (median of {args.rounds}: "
        + ", ".join(f"{s * 1000:.0f}" for s in refresh) + f" ms) | {ms(refresh)} ms |",
        f"| ratio: whole read / catch-up | {whole / statistics.median(refresh):.0f}x |",
        f"| the ingest itself (another process, `--jobs 1`) | {statistics.median(ingests):.1f} s |",
        f"| resident memory: after imports / index read / after the rounds (peak) | "
        f"{rss_start:.0f} / {rss_built:.0f} / {rss_after:.0f} MB ({peak:.0f} MB; "
        f"peak during the read {peak_built:.0f} MB) |",
        f"| index arrays and texts (`EventIndex.nbytes`) | {nbytes / 2**20:.0f} MB |",
    ]  # fmt: skip
    for name, runs in draws.items():
        what = "3 types, 2 years" if name == "filter" else "zoom to one week"
        lines.append(
            f"| filter-and-draw, {what} (median of {args.repeat}: select, figure, JSON) | "
            f"{ms([r[0] for r in runs])} ms, {runs[-1][1] / 1024:.0f} KB ({runs[-1][2]}) |"
        )
    lines.append(
        f"| the same filter's per-day counts by type computed by the database instead "
        f"(GROUP BY over indexed columns, median of {args.repeat}; no figure, no JSON) | "
        f"{ms([r[0] for r in in_sql])} ms ({in_sql[-1][1]:,} buckets) |"
    )
    publish(lines, f"team-refresh-{label.lower()}", args.write)


if __name__ == "__main__":
    main()
