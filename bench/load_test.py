"""A bounded load test of the served dashboard on 127.0.0.1, optionally while an ingest
runs in another process.

A fixed number of simulated analysts, for a fixed time, drive the real app over HTTP the
way the browser does: the filter callback (``POST /_dash-update-component`` with the
renderer's payload, changing the event types), a zoom (the same callback with a window),
a table block (``GET /grid-rows``, sorted) and an event's detail (its callback). The app
runs under gunicorn (``--server gunicorn --workers N``) or werkzeug. With ``--ingest``,
another process ingests curated CSV files of new events through ``policy-timeline
ingest`` one after another, and a probe asks every half second for the newest batch:
the delay from an ingest's end to its events being served is reported too.

Reports requests, errors (any answer but 200, any connection failure) and latency
percentiles per kind of request.

    python -m bench.load_test --store 100000 --users 8 --seconds 60 --ingest
        [--server gunicorn --workers 2 --threads 4] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.dash_client import DashClient, view_values
from bench.report import machine, publish

TYPES = [["sanction"], ["bounty", "legal"], ["military_action"], ["designation", "directive"], []]
WINDOWS = [["2016-03-01", "2016-03-07"], ["2019-01-01", "2019-12-31"], ["2022-06-01", "2022-08-31"]]
SORTS = [None, "title", "event_type", "amount", "date"]
MARKER = "loadtest batch"


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            if error:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.examples) < 5:
                    self.examples.append(f"{kind}: {error}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def analyst(url: str, deadline: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    client: DashClient | None = None
    ids: list[str] = []
    while time.monotonic() < deadline:
        kind = rng.choice(["filter", "zoom", "grid page", "detail"])
        started = time.perf_counter()
        try:
            if client is None:
                client = DashClient(url)
            if kind == "filter":
                answer = client.callback("timeline.figure", view_values(types=rng.choice(TYPES)),
                                         ["filter-types.value"])  # fmt: skip
            elif kind == "zoom":
                answer = client.callback("timeline.figure", view_values(window=rng.choice(WINDOWS)),
                                         ["window.data"])  # fmt: skip
            elif kind == "grid page":
                first = rng.randrange(0, 5000, 100)
                answer = client.grid_rows("?type=" + rng.choice(TYPES[0] + TYPES[1]), first, first + 100,
                                          rng.choice(SORTS))  # fmt: skip
                if answer.status == 200:
                    ids = [r["event_id"] for r in answer.json()["rows"][:20]] or ids
            else:
                if not ids:
                    continue
                answer = client.callback("detail.children", {"selected-event.data": rng.choice(ids)},
                                         ["selected-event.data"])  # fmt: skip
            error = None if answer.status == 200 else f"HTTP {answer.status}: {answer.body[:160]!r}"
            tally.add(kind, answer.seconds, error)
        except Exception as exc:  # a refused or broken connection is an error too
            tally.add(kind, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
            client = None


def write_batch(path: Path, batch: int, rows: int) -> None:
    """A curated CSV of new, distinct events (synthetic shapes, marked as load-test data)."""
    from bench.synthetic_events import synthetic_events
    from ingest.export import write_rows

    events = synthetic_events(rows, seed=1000 + batch)
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_rows(
            [dict(e.row(), event_id="", title=f"{MARKER} {batch}: {e.title}") for e in events], fh
        )


def ingest_loop(db: str, workdir: Path, deadline: float, rows: int, done: list[tuple[int, float]]) -> None:  # fmt: skip
    """Ingest one batch after another through the CLI (another process each time),
    noting when each ended."""
    cli = (
        shutil.which("policy-timeline", path=str(Path(sys.executable).parent)) or "policy-timeline"
    )
    batch = 0
    while time.monotonic() < deadline - 5:
        path = workdir / f"loadtest_batch_{batch}.csv"
        write_batch(path, batch, rows)
        subprocess.run([cli, "ingest", str(path), "--db", db, "--quiet", "--no-watchlist"],
                       check=True, capture_output=True)  # fmt: skip
        done.append((batch, time.monotonic()))
        batch += 1


def visibility_probe(url: str, deadline: float, done: list[tuple[int, float]], lags: list[float]) -> None:  # fmt: skip
    """How long after an ingest ends its events are served: ask for the newest batch."""
    client = DashClient(url)
    seen = -1
    # Batches in order; probing goes on up to 60 s after the load stops, for the last one.
    while time.monotonic() < deadline + 60 and (
        time.monotonic() < deadline or seen + 1 < len(done)
    ):
        if seen + 1 < len(done):
            batch, ended = done[seen + 1]
            answer = client.grid_rows(f"?q={MARKER.replace(' ', '+')}+{batch}%3A", 0, 1)
            if answer.status == 200 and answer.json()["count"] > 0:
                lags.append(time.monotonic() - ended)
                seen = batch
                continue
        time.sleep(0.5)


def start_server(kind: str, db: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = dict(os.environ, POLICY_TIMELINE_DB=db)
    if kind == "gunicorn":
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        cmd = [gunicorn, "-w", str(workers), "--threads", str(threads), "-b", f"127.0.0.1:{port}",
               "--timeout", "600", "dashboard.wsgi:server"]  # fmt: skip
    else:
        cmd = [sys.executable, "-m", "bench.load_test", "--serve", str(port)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def serve_werkzeug(port: int) -> None:
    import logging

    from werkzeug.serving import make_server

    from dashboard.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    make_server("127.0.0.1", port, create_app().server, threaded=True).serve_forever()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=int, default=100_000, help="synthetic events in the store")
    ap.add_argument("--users", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--ingest", action="store_true", help="ingest new events while loading")
    ap.add_argument("--batch-rows", type=int, default=200)
    ap.add_argument("--server", choices=["werkzeug", "gunicorn"], default="werkzeug")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--port", type=int, default=18650)
    ap.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "policy-timeline-bench"
    )
    ap.add_argument("--write", type=Path)
    ap.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve_werkzeug(args.serve)
        return
    if args.seconds > 3600 or args.users > 200:
        ap.error("the load test is bounded: at most 200 users for an hour")

    from bench.synthetic_events import load_synthetic
    from ingest.store import Store

    args.workdir.mkdir(parents=True, exist_ok=True)
    source = args.workdir / f"synthetic_{args.store}.db"
    db_file = args.workdir / f"loadtest_{args.store}.db"
    store = Store(f"sqlite:///{source}")
    if store.count_events() != args.store:
        load_synthetic(store, args.store)
    store.close()
    for suffix in ("", "-wal", "-shm"):  # a fresh copy: the ingests change it
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, db_file)
    db = f"sqlite:///{db_file}"
    url = f"http://127.0.0.1:{args.port}/"
    server = start_server(args.server, db, args.port, args.workers, args.threads)
    try:
        deadline_ready = time.monotonic() + 900
        while True:  # ready once the index is built
            try:
                with urllib.request.urlopen(url + "grid-rows?start=0&end=1", timeout=900) as r:
                    r.read()
                break
            except OSError:
                if time.monotonic() > deadline_ready or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.5)
        tally, done, lags = Tally(), [], []  # type: ignore[var-annotated]
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=analyst, args=(url, deadline, tally, k))
            for k in range(args.users)
        ]
        if args.ingest:
            threads.append(
                threading.Thread(
                    target=ingest_loop, args=(db, args.workdir, deadline, args.batch_rows, done)
                )
            )
            threads.append(
                threading.Thread(target=visibility_probe, args=(url, deadline, done, lags))
            )
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=60)
    report(args, tally, done, lags)


def report(args: argparse.Namespace, tally: Tally, done: list, lags: list[float]) -> None:
    every = [s for values in tally.latencies.values() for s in values]
    errors = sum(tally.errors.values())
    server = (
        f"gunicorn, {args.workers} workers x {args.threads} threads"
        if args.server == "gunicorn"
        else "werkzeug (threaded)"
    )
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}. {args.store:,} synthetic events (SQLite), "
        f"{server}, {args.users} simulated analysts for {args.seconds:.0f} s"
        + (f", while {len(done)} ingests of {args.batch_rows} new events each ran one after another "
           "in another process (`policy-timeline ingest`)." if args.ingest else "."),
        "",
        "| request | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]  # fmt: skip
    for kind, values in sorted(tally.latencies.items()):
        lines.append(
            f"| {kind} | {len(values):,} | {tally.errors.get(kind, 0)} | {statistics.median(values) * 1000:.0f} "
            f"| {percentile(values, 0.95) * 1000:.0f} | {percentile(values, 0.99) * 1000:.0f} |"
        )
    lines.append(
        f"| **all** | {len(every):,} | {errors} | {statistics.median(every) * 1000:.0f} "
        f"| {percentile(every, 0.95) * 1000:.0f} | {percentile(every, 0.99) * 1000:.0f} |"
    )
    if args.ingest:
        lines += ["", f"New events served after their ingest ended: median {statistics.median(lags):.1f} s, "
                  f"max {max(lags):.1f} s ({len(lags)} of {len(done)} batches probed)." if lags
                  else "No ingest finished in time to be probed."]  # fmt: skip
    if tally.examples:
        lines += ["", "Errors seen: " + "; ".join(tally.examples)]
    publish(lines, "load" + ("-ingest" if args.ingest else ""), args.write)
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
