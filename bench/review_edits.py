"""Does the edit layer keep the dashboard within its bars (at most 150 ms of server time and
1 MB of figure per interaction) at 1M events? The same filter-and-draw interactions as
``bench/dashboard_interaction.py`` on one store, first as loaded, then after 10,000
analysts' actions made through the real path (``ingest.review.actions``: an edit row,
then the event's re-merge through ``store.writer``), in one run.

The actions are a mix an analyst's day gives: dates corrected (some to a coarser
precision), events rejected (the index then hides them by default: the interaction
filters them out on every call), confirmed, retyped, annotated with a note and tags.

    python -m bench.review_edits [--events 1000000] [--edits 10000]
        [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.dashboard_interaction import TYPES, ours
from bench.report import machine, publish
from bench.synthetic_events import load_synthetic
from dashboard.data import EventCache
from ingest.query import EventFilter
from ingest.review import actions
from ingest.schema import EVENT_TYPES, PartialDate
from ingest.store import Store

MIX = (("date", 35), ("reject", 20), ("confirm", 25), ("type", 10), ("note", 10))


def interactions(store: Store, repeat: int, year: int) -> dict[str, Any]:
    """Index build once, then medians of ``repeat`` filter-and-draw runs (after one run
    left out: the first draws warm Plotly up), on a fresh cache. ``year``: the last year
    of the data as loaded, so both measurements ask for the same window even when a
    corrected date moved an event into the next year."""
    cache = EventCache(store)
    t = time.perf_counter()
    index = cache.snapshot().index
    out: dict[str, Any] = {"index_s": time.perf_counter() - t}
    flt = EventFilter(f"{year - 1}-01-01", f"{year}-12-31", TYPES)
    out["rejected_rows"] = int(len(index.df) - len(index.shown_by_default))
    for label, window in (("filter", None), ("zoom", (f"{year}-06-02", f"{year}-06-08"))):
        ours(cache, flt, window)
        runs = [ours(cache, flt, window) for _ in range(repeat)]
        out[label] = {
            "ms": statistics.median(r[0] for r in runs) * 1000,
            "kb": runs[-1][1] / 1024,
            "mode": runs[-1][2],
        }
    # The default view (no filter) also has to leave the rejected events out.
    ours(cache, EventFilter(), None)
    runs = [ours(cache, EventFilter(), None) for _ in range(repeat)]
    out["all"] = {"ms": statistics.median(r[0] for r in runs) * 1000, "kb": runs[-1][1] / 1024,
                  "mode": runs[-1][2]}  # fmt: skip
    return out


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


def apply_edits(store: Store, count: int, seed: int = 11) -> list[float]:
    """``count`` actions on distinct events chosen at random; the seconds each took."""
    rng = random.Random(seed)
    df = store.load_events()
    chosen = df.iloc[sorted(rng.sample(range(len(df)), count))][["event_id", "date", "event_type"]]
    kinds = [k for k, w in MIX for _ in range(w)]
    seconds = []
    for event in chosen.to_dict("records"):
        t = time.perf_counter()
        one_action(store, event, rng.choice(kinds), rng)
        seconds.append(time.perf_counter() - t)
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--edits", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.mkdtemp(prefix="review-bench-")))
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    store = Store(f"sqlite:///{args.workdir / f'review_{args.events}.db'}")
    t = time.perf_counter()
    load_synthetic(store, args.events)
    load_s = time.perf_counter() - t
    year = int(str(store.load_events()["date_end"].max())[:4])
    before = interactions(store, args.repeat, year)
    t = time.perf_counter()
    seconds = apply_edits(store, args.edits)
    edits_s = time.perf_counter() - t
    after = interactions(store, args.repeat, year)
    store.close()
    bars = all(
        r[k]["ms"] <= 150 and r[k]["kb"] <= 1024
        for r in (after,)
        for k in ("filter", "zoom", "all")
    )
    seconds.sort()
    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d %H:%M}, other sessions sharing the "
        f"cores. {args.events:,} synthetic events in SQLite; median of {args.repeat} runs. "
        "Server time = select + figure + JSON; KB = the figure's JSON.",
        "",
        f"| interaction | without edits ms | KB | with {args.edits:,} edits ms | KB | drawn as | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    labels = {"all": "no filter (default view)", "filter": "3 types, 2 years",
              "zoom": "zoom to one week"}  # fmt: skip
    for key, label in labels.items():
        b, a = before[key], after[key]
        lines.append(
            f"| {label} | {b['ms']:.0f} | {b['kb']:.0f} | {a['ms']:.0f} | {a['kb']:.0f} | "
            f"{a['mode']} | {a['ms'] / b['ms']:.2f}x |"
        )
    lines += [
        "",
        f"Within the bars (at most 150 ms and 1 MB) with the edits applied: {'yes' if bars else 'NO'}. "
        f"Rejected events hidden by default: {after['rejected_rows']:,}. Index build (read the "
        f"store, sort, index): {before['index_s']:.1f} s without edits, {after['index_s']:.1f} s "
        "with them.",
        f"The {args.edits:,} actions, each one write transaction with its re-merge: "
        f"{edits_s:.0f} s in all; per action median {statistics.median(seconds) * 1000:.0f} ms, "
        f"95th percentile {seconds[int(len(seconds) * 0.95)] * 1000:.0f} ms "
        f"(bulk load of the {args.events:,} events: {load_s:.0f} s).",
    ]
    publish(lines, "review", args.write)


if __name__ == "__main__":
    main()
