"""Merging synthetic reports from three sources: time and peak memory from 100k to 1M.

Each real event is reported by three sources (a government record, a curated row, a news
report) with the date jitter, target noise and title wording real sources show; one in
ten is an untargeted act matched by its title. The clusters found are checked against
the truth (how many events were generated).

    python -m bench.merge_scaling [--sizes 100000 300000 1000000] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

from bench.report import machine, publish
from ingest.merge import Report, cluster, title_tokens

TYPES = ["designation", "bounty", "directive", "sanction", "military_action", "deployment", "legal"]
_VOCABULARY = """cartel terrorist organization reward sanction strike vessel boat order proclamation border
fentanyl venezuela mexico colombia network financier leader gang trafficking emergency national
security caribbean pacific navy treasury justice designation revenue oil"""
WORDS = _VOCABULARY.split()


def synthetic_reports(n_reports: int, seed: int = 11) -> tuple[list[Report], int]:
    """``n_reports`` reports of ``n_reports // 3`` events, each told by three sources."""
    rng = random.Random(seed)
    entities = [f"entity {i}" for i in range(max(50, n_reports // 30))]
    first_day = date(2019, 1, 1).toordinal()
    span_days = 8 * 365
    events = n_reports // 3
    reports: list[Report] = []
    for e in range(events):
        kind = rng.choice(TYPES)
        day = first_day + rng.randrange(span_days)
        untargeted = kind == "directive" and rng.random() < 0.5
        targets = frozenset() if untargeted else frozenset(rng.sample(entities, rng.randint(1, 3)))
        title_words = rng.sample(WORDS, 6) + [f"w{e}"]
        amount = float(rng.choice([5, 10, 15, 25, 50])) * 1e6 if kind == "bounty" else None
        tolerance = 10 if kind in ("directive", "designation") else 1
        for source, rank in (("record", 0), ("curated", 2), ("news", 3)):
            jitter = 0 if rank < 3 else rng.randint(0, tolerance)
            words = title_words if rank < 3 else title_words[:5] + [f"w{e}", "reported"]
            reports.append(
                Report(
                    report_id=f"r{e}-{source}", event_type=kind, subtype="", date="",
                    precision="day", start=day + jitter, end=day + jitter,
                    targets=targets if rank < 3 or not targets else frozenset(list(targets)[:1]),
                    title=title_tokens(" ".join(words)), amount=amount, rank=rank, source=source,
                )
            )  # fmt: skip
    rng.shuffle(reports)
    return reports, events


def run_one(size: int) -> dict[str, float]:
    reports, truth = synthetic_reports(size)
    start = time.perf_counter()
    groups = cluster(reports)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"reports": len(reports), "events_true": truth, "events_found": len(groups),
            "seconds": seconds, "peak_mb": peak_kb / 1024}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    rows = []
    for size in args.sizes:
        runs = []
        for _ in range(args.repeat if size < 1_000_000 else max(1, args.repeat - 1)):
            # A fresh process per run, so peak memory is this size's alone.
            out = subprocess.run([sys.executable, "-m", "bench.merge_scaling", "--one", str(size)],
                                 capture_output=True, text=True, check=True)  # fmt: skip
            runs.append(json.loads(out.stdout))
        runs.sort(key=lambda r: r["seconds"])
        rows.append(runs[len(runs) // 2])
    base = rows[0]
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}. Median of runs, each in a fresh process "
        "(peak memory = the process's maximum resident set, synthetic data included).",
        "",
        "| reports | events (true) | events found | merge time s | µs / report | time vs first row | size vs first row | peak MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['reports']:,} | {r['events_true']:,} | {r['events_found']:,} | {r['seconds']:.2f} | "
            f"{r['seconds'] / r['reports'] * 1e6:.1f} | {r['seconds'] / base['seconds']:.1f}x | "
            f"{r['reports'] / base['reports']:.0f}x | {r['peak_mb']:,.0f} |"
        )
    publish(lines, "merge", args.write)


if __name__ == "__main__":
    main()
