"""What the store-wide writer lock costs: the White House corpus ingested as two halves one
after the other, then as two processes at once, on SQLite and PostgreSQL.

Each process records, for every file it writes, how long it waited for the writer lock
and how long it held it. The stores both runs leave are compared (they must be equal).

    python -m bench.concurrent_ingest ../shared/corpus/whitehouse [--pg URL]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.report import fresh_url, machine, publish


def _ingest(url: str, files: list[str], out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """One ingest process: the CLI's path, with the write transaction timed."""
    import sqlalchemy as sa

    from ingest.pipeline import ingest_paths
    from ingest.store import Store, connect
    from ingest.watchlist import Watchlist

    waited = held = 0.0
    original = connect.write

    def timed_write(engine: sa.Engine, work):  # type: ignore[no-untyped-def]
        nonlocal waited, held
        called = time.perf_counter()
        entered: list[float] = []

        def timed_work(conn: sa.Connection):  # type: ignore[no-untyped-def]
            entered.append(time.perf_counter())
            return work(conn)

        result = original(engine, timed_work)
        done = time.perf_counter()
        waited += entered[-1] - called
        held += done - entered[-1]
        return result

    connect.write = timed_write  # type: ignore[assignment]
    import ingest.store as store_module

    store_module.write = timed_write  # type: ignore[assignment]
    store = Store(url)
    ingest_paths([Path(f) for f in files], store, watchlist=Watchlist.load())
    store.close()
    out.put((waited, held))


def _run(url: str, halves: list[list[str]], together: bool) -> tuple[float, float, float]:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    started = time.perf_counter()
    procs = [multiprocessing.Process(target=_ingest, args=(url, h, queue)) for h in halves]
    if together:
        for p in procs:
            p.start()
        for p in procs:
            p.join()
    else:
        for p in procs:
            p.start()
            p.join()
    wall = time.perf_counter() - started
    failed = [p.exitcode for p in procs if p.exitcode != 0]
    if failed:  # its numbers never come: say so instead of waiting on the queue for ever
        raise SystemExit(f"an ingest process failed (exit codes {failed}); see its traceback above")
    stats = [queue.get() for _ in halves]
    return wall, sum(w for w, _ in stats), sum(h for _, h in stats)


def _snapshot(url: str) -> list[tuple]:  # type: ignore[type-arg]
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT event_id, date, event_type, source_count, targets FROM events")
        )
        result = sorted(tuple(r) for r in rows)
    engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pg", help="also measure this PostgreSQL database (emptied first)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.md"))
    halves = [files[0::2], files[1::2]]
    kinds = ["sqlite"] + (["postgresql"] if args.pg else [])
    lines = [
        f"Machine: {machine()}; {date.today().isoformat()}. {len(files)} documents in two "
        f"halves; median of {args.repeat} runs each; every run into an empty store.",
        "",
        "| database | run | wall s | waiting for the lock s | holding the lock s | same store |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = 0
        for kind in kinds:
            reference = None
            for together in (False, True):
                runs = []
                for _ in range(args.repeat):
                    n += 1
                    url = fresh_url(kind, folder / f"run{n}.db", args.pg)
                    runs.append(_run(url, halves, together))
                    snap = _snapshot(url)
                    reference = reference or snap
                    same = snap == reference
                wall, waited, held = (statistics.median(r[i] for r in runs) for i in range(3))
                label = "two processes at once" if together else "one after the other"
                lines.append(
                    f"| {kind} | {label} | {wall:.1f} | {waited:.1f} | {held:.1f} "
                    f"| {'yes' if same else 'NO'} |"
                )
    publish(lines, "concurrent-ingest", args.write)


if __name__ == "__main__":
    main()
