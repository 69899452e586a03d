"""Does the edit layer keep the dashboard within its bars (at most 150 ms of server time and
1 MB of figure per interaction) at 1M events? The same filter-and-draw interactions as
``bench/dashboard_interaction.py``, on a store with analysts' actions applied against the
same without them, in one run.

The full run loads the synthetic store, measures it, then makes ``--edits`` analysts'
actions through the real path (``ingest.review.actions``: an edit row, then the event's
re-merge through ``store.writer``), and measures again. The actions are a mix an
analyst's day gives: dates corrected (some to a coarser precision), events rejected (the
index then hides them by default: every interaction filters them out), confirmed,
retyped, annotated with a note and tags. An event merged away by an earlier correction
is skipped, as the dashboard would ask to reload it.

``--store URL`` measures a store that already holds edits instead: as stored, against an
index of the same rows with every review status cleared (what an interaction costs
without the edit layer's filtering), in the same run.

    python -m bench.review_edits [--events 1000000] [--edits 10000] [--write docs/benchmarks.md]
    python -m bench.review_edits --store sqlite:///path.db [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from bench.dashboard_interaction import TYPES, ours
from bench.report import machine, publish
from bench.synthetic_events import load_synthetic
from dashboard.data import EventCache
from ingest.query import EventFilter, EventIndex
from ingest.review import actions
from ingest.review.actions import ReviewError
from ingest.review.tables import edits_table
from ingest.schema import EVENT_TYPES, PartialDate
from ingest.store import Store
from ingest.store.tables import events_table

MIX = (("date", 35), ("reject", 20), ("confirm", 25), ("type", 10), ("note", 10))
LABELS = {"all": "no filter (default view)", "filter": "3 types, 2 years",
          "zoom": "zoom to one week"}  # fmt: skip


class FixedIndex:
    """A cache that always answers one index (the baseline built from a changed frame)."""

    def __init__(self, index: EventIndex):
        self._snapshot = SimpleNamespace(index=index)

    def snapshot(self) -> Any:
        return self._snapshot


def interactions(cache: Any, repeat: int, year: int) -> dict[str, Any]:
    """Medians of ``repeat`` runs of each interaction (after one run left out: the first
    draws warm Plotly up). ``year``: the last year of the data as loaded, so every
    measurement asks for the same window even when a corrected date moved an event."""
    out: dict[str, Any] = {}
    flt = EventFilter(f"{year - 1}-01-01", f"{year}-12-31", TYPES)
    views = {"all": (EventFilter(), None), "filter": (flt, None),
             "zoom": (flt, (f"{year}-06-02", f"{year}-06-08"))}  # fmt: skip
    for key, (view, window) in views.items():
        ours(cache, view, window)
        runs = [ours(cache, view, window) for _ in range(repeat)]
        out[key] = {"ms": statistics.median(r[0] for r in runs) * 1000,
                    "kb": runs[-1][1] / 1024, "mode": runs[-1][2]}  # fmt: skip
    return out


def built(store: Store) -> tuple[EventCache, float]:
    cache = EventCache(store)
    t = time.perf_counter()
    cache.snapshot()
    return cache, time.perf_counter() - t


def one_action(store: Store, event: dict[str, Any], kind: str, rng: random.Random) -> None:
    event_id = str(event["event_id"])
    if kind == "reject":
        actions.set_status(store.engine, event_id, "rejected", "bench", "not an event")
    elif kind == "confirm":
        actions.set_status(store.engine, event_id, "confirmed", "bench")
    elif kind == "date":
        span = PartialDate.parse(str(event["date"]))
        moved = span.start.toordinal() + rng.randint(1, 20)
        day = datetime.fromordinal(moved).date().isoformat()
        date = day[:7] if rng.random() < 0.2 else day  # some to month precision
        actions.edit_fields(store.engine, event_id, {"date": date}, {}, "bench", "corrected")
    elif kind == "type":
        other = rng.choice([t for t in EVENT_TYPES if t != event["event_type"]])
        actions.edit_fields(store.engine, event_id, {"event_type": other}, {}, "bench")
    else:
        actions.edit_fields(
            store.engine, event_id, {"note": "Checked against the notice", "tags": "checked"},
            {}, "bench",
        )  # fmt: skip


def apply_edits(store: Store, count: int, seed: int = 11) -> tuple[list[float], int]:
    """``count`` actions on distinct events chosen at random: the seconds each took, and
    how many were skipped (the event was merged away by an earlier correction)."""
    rng = random.Random(seed)
    df = store.load_events()
    chosen = df.iloc[sorted(rng.sample(range(len(df)), count))][["event_id", "date", "event_type"]]
    kinds = [k for k, w in MIX for _ in range(w)]
    seconds, skipped = [], 0
    for event in chosen.to_dict("records"):
        t = time.perf_counter()
        try:
            one_action(store, event, rng.choice(kinds), rng)
        except ReviewError:
            skipped += 1
            continue
        seconds.append(time.perf_counter() - t)
    return seconds, skipped


def table(first: dict[str, Any], second: dict[str, Any], heads: tuple[str, str]) -> list[str]:
    lines = [
        f"| interaction | {heads[0]} ms | KB | {heads[1]} ms | KB | drawn as | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label in LABELS.items():
        b, a = first[key], second[key]
        lines.append(
            f"| {label} | {b['ms']:.0f} | {b['kb']:.0f} | {a['ms']:.0f} | {a['kb']:.0f} | "
            f"{a['mode']} | {a['ms'] / b['ms']:.2f}x |"
        )
    return lines


def within_bars(result: dict[str, Any]) -> str:
    ok = all(result[k]["ms"] <= 150 and result[k]["kb"] <= 1024 for k in LABELS)
    return "yes" if ok else "NO"


def existing(url: str, repeat: int) -> list[str]:
    store = Store(url)
    with store.engine.connect() as conn:
        statuses = dict(
            conn.execute(
                sa.select(events_table.c.review_status, sa.func.count()).group_by(
                    events_table.c.review_status
                )
            ).all()
        )
        edits = conn.execute(sa.select(sa.func.count()).select_from(edits_table)).scalar_one()
    cache, index_s = built(store)
    index = cache.snapshot().index
    as_loaded = index.df.loc[index.df["review_status"] != "edited", "date_end"]
    year = int(str(as_loaded.max())[:4])  # a corrected date may have moved past the data
    stored = interactions(cache, repeat, year)
    plain = index.df.copy()
    plain["review_status"] = "unreviewed"
    baseline = interactions(FixedIndex(EventIndex(plain)), repeat, year)
    store.close()
    total = sum(statuses.values())
    return [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d %H:%M}, other sessions sharing the "
        f"cores. {total:,} events in SQLite with {edits:,} edit rows applied "
        f"({statuses.get('edited', 0):,} edited, {statuses.get('confirmed', 0):,} confirmed, "
        f"{statuses.get('rejected', 0):,} rejected); median of {repeat} runs. Server time = "
        "select + figure + JSON; KB = the figure's JSON.",
        "",
        *table(baseline, stored, ("review statuses cleared", "edits applied")),
        "",
        f"Within the bars (at most 150 ms and 1 MB) with the edits applied: "
        f"{within_bars(stored)}. Index build (read the store, sort, index): {index_s:.1f} s.",
    ]


def full(events: int, edits: int, repeat: int, workdir: Path) -> list[str]:
    store = Store(f"sqlite:///{workdir / f'review_{events}.db'}")
    t = time.perf_counter()
    load_synthetic(store, events)
    load_s = time.perf_counter() - t
    cache, before_s = built(store)
    year = int(str(cache.snapshot().index.df["date_end"].max())[:4])
    before = interactions(cache, repeat, year)
    del cache
    t = time.perf_counter()
    seconds, skipped = apply_edits(store, edits)
    edits_s = time.perf_counter() - t
    cache, after_s = built(store)
    after = interactions(cache, repeat, year)
    rejected = len(cache.snapshot().index.df) - len(cache.snapshot().index.shown_by_default)
    store.close()
    seconds.sort()
    return [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d %H:%M}, other sessions sharing the "
        f"cores. {events:,} synthetic events in SQLite; median of {repeat} runs. "
        "Server time = select + figure + JSON; KB = the figure's JSON.",
        "",
        *table(before, after, ("without edits", f"with {len(seconds):,} actions")),
        "",
        f"Within the bars (at most 150 ms and 1 MB) with the edits applied: {within_bars(after)}. "
        f"Rejected events hidden by default: {rejected:,}. Index build: {before_s:.1f} s "
        f"without edits, {after_s:.1f} s with them.",
        f"The {len(seconds):,} actions ({skipped} skipped: merged away by an earlier "
        f"correction), each one write transaction with its re-merge: {edits_s:.0f} s in all; "
        f"per action median {statistics.median(seconds) * 1000:.0f} ms, 95th percentile "
        f"{seconds[int(len(seconds) * 0.95)] * 1000:.0f} ms (bulk load: {load_s:.0f} s).",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--edits", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--store", help="Measure this store's edits as they are (no load, no edits).")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.mkdtemp(prefix="review-bench-")))
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    if args.store:
        lines = existing(args.store, args.repeat)
    else:
        args.workdir.mkdir(parents=True, exist_ok=True)
        lines = full(args.events, args.edits, args.repeat, args.workdir)
    publish(lines, "review", args.write)


if __name__ == "__main__":
    main()
