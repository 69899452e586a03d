"""Re-reading the archive when the extractor improves, without fetching again: every
archived body an adapter reads goes through it again and into the store.

Reading, checking and extracting run in worker processes (one per core by default), in
order, while this process writes what they return in batches of files, one transaction
each under the writer lock (reprocessing is idempotent, so a crash only costs the batch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import Store, write
from ..store import writer as store_writer
from ..store.runs import RunInfo, WriteResult, insert_run, utc_now
from ..watchlist import Watchlist
from ..workers import default_jobs, ordered_map
from . import ledger
from .archive import ArchiveError, read_verified
from .config import TrackerConfig
from .storing import Read, read_archived

BATCH_BYTES = 4 * 1024 * 1024  # write after about this much text has been read
MAX_BYTES = 1 << 30


@dataclass
class ReprocessSummary:
    bodies: int = 0
    bytes: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.bodies} archived bod{'y' if self.bodies == 1 else 'ies'} re-read; events: "
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged"
            + (f"; {len(self.errors)} error(s)" if self.errors else "")
        )


def _read(job: tuple[str, str, str, str, Watchlist | None]) -> tuple[int, Read | str]:
    """In a worker: (bytes, what the adapter read) of one archived body, or (0, the error)."""
    path, sha, adapter, url, watchlist = job
    try:
        size = len(read_verified(Path(path), sha, MAX_BYTES))
    except ArchiveError as exc:
        return 0, str(exc)
    return size, read_archived(Path(path), adapter, url, watchlist)


def _results(jobs: list[Any], workers: int) -> Iterator[tuple[int, Read | str]]:
    if len(jobs) < 2 * workers:  # a pool costs more than it saves
        workers = 1
    return ordered_map(_read, jobs, workers)


def reprocess(
    store: Store,
    *,
    config: TrackerConfig | None = None,
    names: list[str] | None = None,
    watchlist: Watchlist | None = None,
    workers: int | None = None,
    say: Callable[[str], None] = lambda _line: None,
) -> ReprocessSummary:
    summary = ReprocessSummary()
    off = {s.name for s in config.sources if s.watchlist is False} if config else set()
    rows, seen = [], set()
    for row in ledger.archive_rows(store.engine, names):
        if row["sha256"] not in seen:  # the same bytes under another URL: read once
            seen.add(row["sha256"])
            rows.append(row)
    jobs = [
        (row["path"], row["sha256"], row["adapter"], row["url"],
         None if row["source"] in off else watchlist)
        for row in rows
    ]  # fmt: skip
    batch: list[tuple[dict[str, Any], Read, str]] = []
    size = 0
    for row, (n_bytes, read) in zip(rows, _results(jobs, workers or default_jobs()), strict=True):
        if isinstance(read, str):
            summary.errors.append(read)
            say(f"error: {read}")
            continue
        batch.append((row, read, utc_now()))
        summary.bodies += 1
        summary.bytes += n_bytes
        size += n_bytes
        if read.failure:
            summary.errors.append(read.failure)
            say(f"error: {read.failure}")
        if size >= BATCH_BYTES:
            _write(store, batch, summary)
            batch, size = [], 0
    if batch:
        _write(store, batch, summary)
    return summary


def _write(
    store: Store, batch: list[tuple[dict[str, Any], Read, str]], summary: ReprocessSummary
) -> None:
    def work(conn) -> list[WriteResult]:  # type: ignore[no-untyped-def]
        results = []
        for row, read, started in batch:
            run = RunInfo(row["path"], row["sha256"], row["adapter"], started,
                          len(read.events) + read.rejected, read.rejected,
                          "\n".join([read.failure] if read.failure else read.errors))  # fmt: skip
            if read.failure:
                insert_run(conn, run, "failed", WriteResult())
                continue
            results.append(store_writer.write_events(conn, read.events, run))
        return results

    for result in write(store.engine, work):
        summary.new += result.new
        summary.updated += result.updated
        summary.unchanged += result.unchanged
