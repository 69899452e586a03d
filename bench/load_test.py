"""A bounded load test of the served dashboard on 127.0.0.1, optionally while an ingest
runs in another process.

A fixed number of simulated analysts, for a fixed time, drive the real app over HTTP the
way the browser does: the filter callback (``POST /_dash-update-component`` with the
renderer's payload, changing the event types), a zoom (the same callback with a window),
a table block (``GET /grid-rows``, sorted) and an event's detail (its callback). The app
runs under gunicorn (``--server gunicorn --workers N``: the team server's command,
``dashboard.gunicorn_conf``) or werkzeug. With ``--ingest``, another process ingests
curated CSV files of new events through ``policy-timeline ingest`` one after another
(``--ingests`` of them, ``--batch-rows`` events each), and two probes measure when they
are served: one asks the app for the newest batch every half second; the other asks
``/healthz`` every 50 ms and notes, for each worker (its pid), when the revision its index
shows first reached the store's revision after the ingest.

Reports requests, errors (any answer but 200, any connection failure), latency
percentiles per kind of request, and each gunicorn worker's resident memory.

    python -m bench.load_test --store 100000 --users 8 --seconds 60 --ingest
        [--server gunicorn --workers 2 --threads 4] [--db URL] [--ingests 1 --batch-rows 1000]
        [--think 1 3]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import http.client
import json
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


def analyst(
    url: str, deadline: float, tally: Tally, seed: int, think: tuple[float, float] = (0.0, 0.0)
) -> None:
    """One simulated analyst: an action, then ``think`` seconds (uniform in the range)
    reading what it showed; with (0, 0) the next request follows the answer at once."""
    rng = random.Random(seed)
    client: DashClient | None = None
    ids: list[str] = []
    while time.monotonic() < deadline:
        if think[1] > 0:
            time.sleep(min(rng.uniform(*think), max(0.0, deadline - time.monotonic())))
            if time.monotonic() >= deadline:
                break
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


@dataclass
class Ingests:
    """The ingests run during the test: (batch, when it ended, the store's revision then)."""

    done: list[tuple[int, float, int]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)  # no more to come


def ingest_loop(db: str, workdir: Path, deadline: float, rows: int, count: int, ingests: Ingests) -> None:  # fmt: skip
    """Ingest one batch after another through the CLI (another process each time),
    noting when each ended and the store's revision then; the first starts 10 s in."""
    cli = (
        shutil.which("policy-timeline", path=str(Path(sys.executable).parent)) or "policy-timeline"
    )
    try:
        _ingest_batches(cli, db, workdir, deadline, rows, count, ingests)
    finally:
        ingests.finished.set()


def _ingest_batches(cli: str, db: str, workdir: Path, deadline: float, rows: int, count: int, ingests: Ingests) -> None:  # fmt: skip
    from ingest.store import Store

    store = Store(db)
    first = int(time.time())  # batch numbers new to a store reused between runs
    paths = []
    for k in range(count):
        paths.append(workdir / f"loadtest_batch_{first + k}.csv")
        write_batch(paths[-1], first + k, rows)
    time.sleep(10)  # the load first, then the ingest in the middle of it
    for k, path in enumerate(paths):
        if time.monotonic() > deadline - 5:
            break
        started = time.monotonic()
        subprocess.run([cli, "ingest", str(path), "--db", db, "--quiet", "--no-watchlist",
                        "--jobs", "1"], check=True, capture_output=True)  # fmt: skip
        ended = time.monotonic()
        ingests.seconds.append(ended - started)
        ingests.done.append((first + k, ended, store.revision()[0]))
    store.close()


def visibility_probe(url: str, deadline: float, ingests: Ingests, lags: list[float]) -> None:
    """How long after an ingest ends its events are served: ask for the newest batch."""
    client = DashClient(url)
    seen = 0
    # Batches in order; probing goes on up to 60 s after the load stops, for the last one.
    while time.monotonic() < deadline + 600 and (
        time.monotonic() < deadline or not ingests.finished.is_set() or seen < len(ingests.done)
    ):
        if seen < len(ingests.done):
            batch, ended, _ = ingests.done[seen]
            try:
                answer = client.grid_rows(f"?q={MARKER.replace(' ', '+')}+{batch}%3A", 0, 1)
            except (OSError, http.client.HTTPException):  # the analysts' tally counts errors
                time.sleep(0.5)
                continue
            if answer.status == 200 and answer.json()["count"] > 0:
                lags.append(time.monotonic() - ended)
                seen += 1
                continue
        time.sleep(0.5)


def health(url: str, fresh: bool = False) -> dict | None:
    try:
        with urllib.request.urlopen(
            url + "healthz" + ("?fresh=1" if fresh else ""), timeout=30
        ) as answer:
            return json.loads(answer.read())  # type: ignore[no-any-return]
    except OSError:
        return None


def worker_probe(url: str, deadline: float, ingests: Ingests, caught_up: dict[tuple[int, int], float]) -> None:  # fmt: skip
    """For each ingest and each worker (pid): seconds from the ingest's end to the first
    /healthz?fresh=1 answer of that worker (which catches up first, as any request does)
    whose index shows the store's revision after it. Each probe is a new connection, so
    the workers take turns answering."""
    while (
        time.monotonic() < deadline + 5
        or (time.monotonic() < deadline + 600 and not ingests.finished.is_set())
        or (ingests.done and time.monotonic() < ingests.done[-1][1] + 15)
    ):
        body = health(url, fresh=True)
        now = time.monotonic()
        if body and body.get("index"):
            for batch, ended, seq in list(ingests.done):
                key = (batch, body["pid"])
                if key not in caught_up and body["index"][0] >= seq:
                    caught_up[key] = now - ended
        time.sleep(0.05)


def worker_memory(server: subprocess.Popen) -> dict[int, tuple[float, float]]:
    """Each gunicorn worker's resident and peak resident memory, in MB."""
    out = {}
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    for pid in map(int, children):
        fields = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        )
        out[pid] = (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)
    return out


def start_server(kind: str, db: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    env = dict(os.environ, POLICY_TIMELINE_DB=db)
    if kind == "gunicorn":  # the team server's command (the Dockerfile's CMD)
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        cmd = [gunicorn, "-c", "python:dashboard.gunicorn_conf", "dashboard.wsgi:server"]
        env.update(POLICY_TIMELINE_BIND=f"127.0.0.1:{port}", POLICY_TIMELINE_WORKERS=str(workers),
                   POLICY_TIMELINE_THREADS=str(threads), POLICY_TIMELINE_TIMEOUT="600")  # fmt: skip
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
    ap.add_argument("--think", type=float, nargs=2, default=(0.0, 0.0), metavar=("MIN", "MAX"),
                    help="seconds each analyst spends reading between actions (default: none, "
                    "requests back to back: the server's saturation)")  # fmt: skip
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--ingest", action="store_true", help="ingest new events while loading")
    ap.add_argument("--batch-rows", type=int, default=200)
    ap.add_argument("--ingests", type=int, default=1000, help="at most this many ingests")
    ap.add_argument("--db", help="serve this store (ingests add to it) instead of a copy "
                    "of the synthetic SQLite one")  # fmt: skip
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
    if args.db:
        db = args.db
        store = Store(db)
        args.store = store.count_events()
        store.close()
    else:
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
    args.kind = "PostgreSQL" if db.startswith("postgresql") else "SQLite"
    args.load = os.getloadavg()
    url = f"http://127.0.0.1:{args.port}/"
    server = start_server(args.server, db, args.port, args.workers, args.threads)
    memory: dict[int, tuple[float, float]] = {}
    try:
        deadline_ready = time.monotonic() + 1800
        ready: set[int] = set()
        wanted = args.workers if args.server == "gunicorn" else 1
        while len(ready) < wanted:  # ready once every worker's index is built
            body = health(url)
            if body and body.get("status") == "ok":
                ready.add(body["pid"])
                continue
            if time.monotonic() > deadline_ready or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.5)
        tally, ingests, lags = Tally(), Ingests(), []  # type: ignore[var-annotated]
        caught_up: dict[tuple[int, int], float] = {}
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=analyst, args=(url, deadline, tally, k, tuple(args.think)))
            for k in range(args.users)
        ]
        if args.ingest:
            threads += [
                threading.Thread(target=ingest_loop, args=(db, args.workdir, deadline,
                                                           args.batch_rows, args.ingests, ingests)),
                threading.Thread(target=visibility_probe, args=(url, deadline, ingests, lags)),
                threading.Thread(target=worker_probe, args=(url, deadline, ingests, caught_up)),
            ]  # fmt: skip
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if args.server == "gunicorn":
            memory = worker_memory(server)
    finally:
        server.terminate()
        server.wait(timeout=60)
    report(args, tally, ingests, lags, caught_up, memory)


def report(
    args: argparse.Namespace, tally: Tally, ingests: Ingests, lags: list[float],
    caught_up: dict[tuple[int, int], float], memory: dict[int, tuple[float, float]],
) -> None:  # fmt: skip
    done = ingests.done
    every = [s for values in tally.latencies.values() for s in values]
    errors = sum(tally.errors.values())
    server = (
        f"gunicorn, {args.workers} workers x {args.threads} threads"
        if args.server == "gunicorn"
        else "werkzeug (threaded)"
    )
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}; load average at start "
        f"{args.load[0]:.1f} / {args.load[1]:.1f} / {args.load[2]:.1f}. {args.store:,} synthetic "
        f"events ({args.kind}), {server}, {args.users} simulated analysts for {args.seconds:.0f} s"
        + (f" (each reads {args.think[0]:g} to {args.think[1]:g} s between actions)"
           if args.think[1] > 0 else " (requests back to back)")
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
        if ingests.seconds:
            lines.append(f"Each ingest took {', '.join(f'{s:.1f}' for s in ingests.seconds)} s.")
        for batch, _, _ in done:
            per_worker = sorted((pid, s) for (b, pid), s in caught_up.items() if b == batch)
            lines.append(
                f"Batch {batch}: each worker's index at the store's revision after the ingest "
                "ended (first /healthz answer showing it): "
                + (", ".join(f"pid {pid} {s:.2f} s" for pid, s in per_worker) or "not seen")
                + "."
            )
    if memory:
        lines.append("Resident memory per worker at the end (peak): " + ", ".join(
            f"pid {pid} {rss:.0f} MB ({peak:.0f} MB)" for pid, (rss, peak) in sorted(memory.items())
        ) + ".")  # fmt: skip
    if tally.examples:
        lines += ["", "Errors seen: " + "; ".join(tally.examples)]
    section = "load" + ("-ingest" if args.ingest else "")
    section += "" if args.kind == "SQLite" else f"-{args.kind.lower()}"
    section += "" if args.think[1] > 0 else "-back-to-back"
    publish(lines, section, args.write)
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
