"""``policy-timeline ingest --jobs 2`` against ``--jobs 1`` on a folder of documents (the
White House corpus): wall time, each into a new SQLite store, the two alternated so a
change in the machine's load falls on both; and whether the two exports are the same.

    python -m bench.parallel_ingest ../shared/corpus/whitehouse [--repeat 2]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.report import machine, publish


def run(cli: str, corpus: Path, jobs: int, workdir: Path, k: int) -> tuple[float, list]:
    """Seconds for one ingest, and its export (without the time events were first seen)."""
    db = f"sqlite:///{workdir / f'jobs{jobs}_{k}.db'}"
    started = time.perf_counter()
    subprocess.run(
        [cli, "ingest", str(corpus), "--jobs", str(jobs), "--quiet", "--db", db],
        capture_output=True,
        check=False,
    )  # fmt: skip  (exit 1: some file failed)
    seconds = time.perf_counter() - started
    out = workdir / f"jobs{jobs}_{k}.csv"
    subprocess.run([cli, "export", "--out", str(out), "--db", db], capture_output=True, check=True)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # first_seen is the ingest's own clock; every other column must match.
    return seconds, [{k: v for k, v in r.items() if k != "first_seen"} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    cli = shutil.which("policy-timeline", path=str(Path(sys.executable).parent))
    assert cli, "policy-timeline is not installed in this environment"
    files = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    load = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="parallel-ingest-"))
    times: dict[int, list[float]] = {1: [], 2: []}
    exports: dict[int, list] = {}
    for k in range(args.repeat):
        for jobs in (1, 2) if k % 2 == 0 else (2, 1):
            seconds, export = run(cli, args.corpus, jobs, workdir, k)
            times[jobs].append(seconds)
            exports[jobs] = export
    shutil.rmtree(workdir)
    one, two = statistics.median(times[1]), statistics.median(times[2])
    rows = len(exports[1])
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}; load average at start "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}. {args.corpus.name}: {files:,} files, "
        f"{rows} events exported. Median of {args.repeat} (runs alternated).",
        "",
        "| `ingest` | wall s | runs (s) | speed-up |",
        "|---|---|---|---|",
        f"| `--jobs 1` | {one:.1f} | {', '.join(f'{s:.1f}' for s in times[1])} | 1.00x |",
        f"| `--jobs 2` | {two:.1f} | {', '.join(f'{s:.1f}' for s in times[2])} | {one / two:.2f}x |",
        "",
        "Same export with both: " + ("yes" if exports[1] == exports[2] else "NO") + ".",
    ]
    publish(lines, "parallel-ingest", args.write)


if __name__ == "__main__":
    main()
