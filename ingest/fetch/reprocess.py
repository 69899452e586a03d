"""Re-reading the archive when the extractor improves, without fetching again: every
archived body an adapter reads goes through it again and into the store. Reading and
extraction happen outside the writer lock; writes go in batches of files, one
transaction each (reprocessing is idempotent, so a crash only costs the batch)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..store import Store, write
from ..store import writer as store_writer
from ..store.runs import RunInfo, WriteResult, insert_run, utc_now
from ..watchlist import Watchlist
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


def reprocess(
    store: Store,
    *,
    config: TrackerConfig | None = None,
    names: list[str] | None = None,
    watchlist: Watchlist | None = None,
    say: Callable[[str], None] = lambda _line: None,
) -> ReprocessSummary:
    summary = ReprocessSummary()
    off = {s.name for s in config.sources if s.watchlist is False} if config else set()
    rows = ledger.archive_rows(store.engine, names)
    seen: set[str] = set()
    batch: list[tuple[dict, Read, str]] = []  # type: ignore[type-arg]
    size = 0
    for row in rows:
        if row["sha256"] in seen:  # the same bytes under another URL: read once
            continue
        seen.add(row["sha256"])
        path = Path(row["path"])
        started = utc_now()
        try:
            data = read_verified(path, row["sha256"], MAX_BYTES)
        except ArchiveError as exc:
            summary.errors.append(str(exc))
            say(f"error: {exc}")
            continue
        read = read_archived(path, row["adapter"], row["url"],
                             None if row["source"] in off else watchlist)  # fmt: skip
        batch.append((row, read, started))
        summary.bodies += 1
        summary.bytes += len(data)
        size += len(data)
        if read.failure:
            summary.errors.append(read.failure)
            say(f"error: {read.failure}")
        if size >= BATCH_BYTES:
            _write(store, batch, summary)
            batch, size = [], 0
    if batch:
        _write(store, batch, summary)
    return summary


def _write(store: Store, batch: list, summary: ReprocessSummary) -> None:  # type: ignore[type-arg]
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
