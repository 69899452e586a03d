"""Ingesting a curated CSV of distinct rows: time per row from 1,000 to 100,000 rows.

Each size is ingested with `ingest_paths` (the CLI's path: parse, validate, store the
reports, find the part of the store they touch, merge, write) into a new database. Rows
are distinct events: 2,000 groups, each event of a group 11 days after the previous one
(beyond every merge tolerance), six event types.

    python -m bench.csv_ingest_scaling [--sizes 1000,10000,100000] [--pg URL]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.report import fresh_url, machine, publish
from ingest.pipeline import ingest_paths
from ingest.store import Store

TYPES = ("designation", "sanction", "bounty", "military_action", "legal", "deployment")
WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
]


def write_rows(path: Path, n: int) -> None:
    start = date(2012, 1, 2)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["date", "event_type", "title", "targets", "amount", "source_url"])
        for i in range(n):
            group, step = i % 2000, i // 2000
            kind = TYPES[group % len(TYPES)]
            day = start + timedelta(days=step * 11 + group % 7)
            title = f"{WORDS[i % 13]} {WORDS[(i // 13) % 13]} action {i}"
            amount = 1_000_000 * (1 + i % 50) if kind == "bounty" else ""
            out.writerow([day.isoformat(), kind, title, f"Group {group}", amount,
                          f"https://example.org/curated/{i}"])  # fmt: skip


def measure(sizes: list[int], pg: str | None, repeat: int) -> list[tuple[str, int, float]]:
    results = []
    kinds = ["sqlite"] + (["postgresql"] if pg else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in sizes:
            path = folder / f"rows{n}.csv"
            write_rows(path, n)
            for kind in kinds:
                times = []
                for _ in range(repeat if n < 50_000 else 1):
                    store = Store(fresh_url(kind, folder / f"scale{n}.db", pg))
                    started = time.perf_counter()
                    summary = ingest_paths([path], store)
                    times.append(time.perf_counter() - started)
                    assert summary.total("new") == n, summary.line()
                    store.close()
                    if kind == "sqlite":
                        (folder / f"scale{n}.db").unlink()
                results.append((kind, n, statistics.median(times)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000,100000")
    parser.add_argument("--pg", help="also measure this PostgreSQL database (emptied first)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    results = measure([int(s) for s in args.sizes.split(",")], args.pg, args.repeat)
    lines = [
        f"Machine: {machine()}; {date.today().isoformat()}. Median of {args.repeat} runs "
        "(1 run at 50,000 rows and more), each into a new database.",
        "",
        "| database | rows | ingest s | µs / row | time per row vs 1,000 rows |",
        "|---|---|---|---|---|",
    ]
    first: dict[str, float] = {}
    for kind, n, seconds in results:
        per_row = seconds / n * 1e6
        first.setdefault(kind, per_row)
        lines.append(
            f"| {kind} | {n:,} | {seconds:.2f} | {per_row:.0f} | {per_row / first[kind]:.2f}x |"
        )
    publish(lines, "csv-scaling", args.write)


if __name__ == "__main__":
    main()
