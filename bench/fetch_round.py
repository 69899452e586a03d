"""What a tracking round costs, and how fast the archive is re-read.

1. A round over 1,000 unchanged feed items: four feeds of 250 synthetic entries each, in
   the real formats (two carry full text, as the White House's does; two only summaries
   whose entries' pages are fetched, as the State Department's), served from another
   process on 127.0.0.1. After a first round has read everything, the next rounds are
   timed: requests, bytes received, CPU of the tracker's process. The baseline, in the
   same run, is a tracker without conditional requests or item state: it downloads every
   feed and every entry page again and re-ingests them (the store finds nothing new).
2. ``reprocess`` of the White House corpus archived as fetched bodies, against the
   extraction benchmark's measure (the extractor alone over the same documents, loaded
   beforehand), in the same run.

    python -m bench.fetch_round ../shared/corpus/whitehouse [--repeat 5] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.report import machine, publish

ITEMS = 250
FEEDS = (("full-1", "full"), ("full-2", "full"), ("pages-1", "pages"), ("pages-2", "pages"))
# No event triggers: what an unchanged round costs does not depend on what the items say,
# and synthetic events on consecutive days would chain into one merge component.
_SENTENCES = (
    "Officials from {org} met on {day} to discuss port schedules for {n} minutes.",
    "The delegation toured a museum on {day} and spoke with {n} students.",
    "A spokesperson said the weather on {day} delayed {n} flights.",
)
_ORGS = ("Chile", "Peru", "Canada", "Norway", "Kenya")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _item(feed: str, i: int, base: str, full: bool) -> tuple[str, str]:
    when = datetime(2025, 1, 1, 12, tzinfo=UTC) + timedelta(days=i)
    text = " ".join(
        s.format(day=_DAYS[(i + k) % 5], n=2 + (i * 7 + k) % 40, org=_ORGS[(i + k) % 5])
        for k, s in enumerate(_SENTENCES)
    )
    link = f"{base}/{feed}/{when:%Y/%m}/item-{i}/"
    content = f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>" if full else ""
    item = (
        f"<item><title>{feed} item {i}</title><link>{link}</link>"
        f"<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0000</pubDate>"
        f'<guid isPermaLink="false">{link}</guid>'
        f"<description><![CDATA[{text[:80]} [&#8230;]]]></description>{content}</item>"
    )
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{feed} item {i}</title>'
        f'<link rel="canonical" href="{link}"><meta property="article:published_time" '
        f'content="{when:%Y-%m-%dT%H:%M:%S}+00:00"></head><body><nav><a href="/">Home</a></nav>'
        f"<main><article><h1>{feed} item {i}</h1><p>{text}</p><p>{text}</p></article></main>"
        "<footer>Released by the Office of the Spokesperson.</footer></body></html>"
    )
    return item, page


def site(base: str) -> dict[str, tuple[bytes, str]]:
    """Every path of the synthetic sites: (body, content type)."""
    paths: dict[str, tuple[bytes, str]] = {}
    for feed, kind in FEEDS:
        items = []
        for i in range(ITEMS):
            item, page = _item(feed, i, base, kind == "full")
            items.append(item)
            if kind == "pages":
                when = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=i)
                paths[f"/{feed}/{when:%Y/%m}/item-{i}/"] = (
                    page.encode(),
                    "text/html; charset=UTF-8",
                )
        rss = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{feed}</title><link>{base}</link><description></description>"
            + "".join(items)
            + "</channel></rss>"
        )
        paths[f"/{feed}/feed/"] = (rss.encode(), "application/rss+xml; charset=UTF-8")
    return paths


def _serve(port_out: Any) -> None:
    """The sites, in their own process (their CPU is not the tracker's)."""
    from tests.fetch.server import FixtureServer, Reply

    server = FixtureServer()
    for path, (body, kind) in site(server.base).items():
        server.route(path, Reply(body=body, content_type=kind))
    port_out.send(server.httpd.server_port)
    server.httpd.serve_forever()


def _config(base: str, tmp: Path):  # type: ignore[no-untyped-def]
    import yaml

    from ingest.fetch.config import load_config

    sources = [
        {"name": feed, "kind": "feed", "url": f"{base}/{feed}/feed/",
         "entries": "feed" if kind == "full" else "page"}
        for feed, kind in FEEDS
    ]  # fmt: skip
    path = tmp / "sources.yaml"
    path.write_text(yaml.safe_dump({
        "contact": "mailto:bench@example.org", "archive": str(tmp / "archive"),
        "http": {"min_interval": 0, "retries": 0}, "sources": sources,
    }))  # fmt: skip
    return load_config(path)


def _naive_round(config, store, client) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Everything downloaded and ingested again: no validators, no item state."""
    from ingest.fetch.archive import Archive
    from ingest.fetch.feeds import feed_entries
    from ingest.fetch.storing import read_archived

    archive = Archive(config.archive.parent / "naive-archive")
    requests = size = 0
    for source in config.sources:
        fetched = client.get(source.url, settings=source.http)
        requests += 1
        size += fetched.size
        bodies = [(fetched, "feed")]
        if source.entries == "page":
            bodies = []
            for entry in feed_entries(fetched.body or b"")[0]:
                page = client.get(entry["link"], settings=source.http)
                requests += 1
                size += page.size
                bodies.append((page, "html"))
        for body, adapter in bodies:
            sha, path = archive.put(body.body or b"", ".xml" if adapter == "feed" else ".html")
            read = read_archived(path, adapter, body.url, None)
            from ingest.store import RunInfo, utc_now

            store.write_events(read.events, RunInfo(str(path), sha, adapter, utc_now(), 0, 0))
    return requests, size


def round_costs(repeat: int) -> list[str]:
    from ingest.fetch.http import PoliteClient
    from ingest.fetch.rounds import run_round
    from ingest.fetch.tables import log_table
    from ingest.store import Store

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(send,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{receive.recv()}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = _config(base, Path(tmp))
            store = Store(f"sqlite:///{tmp}/bench.db")
            with PoliteClient("policy-timeline/bench", stop=None) as client:
                start = time.perf_counter()
                first = run_round(config, store, client)
                first_s = time.perf_counter() - start
                ours: list[tuple[float, float, int]] = []
                for _ in range(repeat):
                    cpu, wall = time.process_time(), time.perf_counter()
                    result = run_round(config, store, client)
                    ours.append((time.process_time() - cpu, time.perf_counter() - wall,
                                 result.requests))  # fmt: skip
                with store.engine.connect() as conn:
                    import sqlalchemy as sa

                    last = conn.execute(sa.select(sa.func.max(log_table.c.round_id))).scalar_one()
                    received = conn.execute(
                        sa.select(sa.func.coalesce(sa.func.sum(log_table.c.bytes), 0)).where(
                            log_table.c.round_id == last)).scalar_one()  # fmt: skip
                naive: list[tuple[float, float, int, int]] = []
                for _ in range(max(1, repeat // 2)):
                    cpu, wall = time.process_time(), time.perf_counter()
                    requests, size = _naive_round(config, store, client)
                    naive.append((time.process_time() - cpu, time.perf_counter() - wall,
                                  requests, size))  # fmt: skip
            store.close()
    finally:
        server.terminate()
    cpu = statistics.median(o[0] for o in ours)
    wall = statistics.median(o[1] for o in ours)
    n_cpu = statistics.median(n[0] for n in naive)
    n_wall = statistics.median(n[1] for n in naive)
    return [
        f"First round (reads everything): {first.requests} requests, {first.new} new events, "
        f"{first_s:.1f} s.",
        "",
        "| unchanged round over 1,000 items (4 feeds) | requests | requests per source | KB received | CPU s | wall s |",
        "|---|---|---|---|---|---|",
        f"| ours (conditional GET, item state) | {ours[-1][2]} | {ours[-1][2] / len(FEEDS):g} | "
        f"{received / 1024:,.1f} | {cpu:.3f} | {wall:.3f} |",
        f"| baseline (download and re-ingest everything) | {naive[-1][2]} | "
        f"{naive[-1][2] / len(FEEDS):g} | {naive[-1][3] / 1024:,.0f} | {n_cpu:.2f} | {n_wall:.2f} |",
        "",
        f"Ours against the baseline: {naive[-1][2] / ours[-1][2]:.0f}x fewer requests, "
        f"{n_cpu / cpu:.0f}x less CPU, {n_wall / wall:.0f}x less time. Median of {repeat} "
        f"rounds (baseline: {len(naive)}); CPU is the tracker process's (the server runs in "
        "another process).",
    ]


def reprocess_speed(corpus: Path, repeat: int) -> list[str]:
    from ingest.extract.events import Extractor
    from ingest.fetch import ledger
    from ingest.fetch.archive import Archive
    from ingest.fetch.http import Fetched
    from ingest.fetch.reprocess import reprocess
    from ingest.sources import markdown_document
    from ingest.store import Store, write
    from ingest.watchlist import Watchlist

    files = sorted(corpus.rglob("*.md"))
    size = sum(f.stat().st_size for f in files)
    docs = [markdown_document.load(p)[0] for p in files]
    extractor = Extractor()
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for doc in docs:
            extractor.extract(doc)
        rates.append(size / 1024 / (time.perf_counter() - start))
    extraction = statistics.median(rates)
    watchlist = Watchlist.load()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "archive")
        stored = []
        for path in files:
            body = path.read_bytes()
            sha, where = archive.put(body, ".md")
            fetched = Fetched(url=f"https://www.whitehouse.gov/corpus/{path.relative_to(corpus)}",
                              status=200, headers={"content-type": "text/markdown"}, body=body)  # fmt: skip
            stored.append((fetched, sha, str(where)))
        workers = os.cpu_count() or 1
        times: dict[int, list[float]] = {1: [], workers: []}
        summary = None
        for i in range(repeat):
            for jobs in times:  # alternated, so both see the same machine load
                store = Store(f"sqlite:///{tmp}/r{i}-{jobs}.db")
                write(store.engine, lambda conn, s=stored: [
                    ledger.add_archive(conn, f, sha, where, "whitehouse", "markdown")
                    for f, sha, where in s])  # fmt: skip
                start = time.perf_counter()
                summary = reprocess(store, watchlist=watchlist, workers=jobs)
                times[jobs].append(time.perf_counter() - start)
                store.close()
    assert summary is not None
    lines = [
        "| White House corpus as archived bodies | docs | MB | KB/s | s | vs extraction |",
        "|---|---|---|---|---|---|",
        f"| extraction alone (the extraction benchmark's measure) | {len(docs)} | "
        f"{size / 1048576:.1f} | {extraction:,.0f} | {size / 1024 / extraction:.1f} | 1.00x |",
    ]
    for jobs, runs in times.items():
        seconds = statistics.median(runs)
        rate = size / 1024 / seconds
        label = "1 process" if jobs == 1 else f"{jobs} worker processes (the default here)"
        lines.append(
            f"| `reprocess`, {label}: read, verify sha256, extract, watchlist, store | "
            f"{summary.bodies} | {summary.bytes / 1048576:.1f} | {rate:,.0f} | {seconds:.1f} | "
            f"{rate / extraction:.2f}x |"
        )
    return lines + [
        "",
        f"Median of {repeat}, each into a new store ({summary.line()}).",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="path to ../shared/corpus/whitehouse")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--write", type=Path, help="replace the fetch section of this Markdown file")
    args = ap.parse_args()
    lines = [f"Machine: {machine()}; {datetime.now():%Y-%m-%d}.", ""]
    lines += round_costs(args.repeat)
    lines += [""] + reprocess_speed(args.corpus, max(1, args.repeat // 2 + 1))
    publish(lines, "fetch", args.write)


if __name__ == "__main__":
    main()
