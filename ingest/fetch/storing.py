"""Storing one fetched body: archive the bytes, read them with their adapter, and write
the events, the archive row and the tracker's bookkeeping (validators, item state,
cursor, the request log) in one transaction holding the store's writer lock. A crash
(kill -9) at any point leaves either all of it or none of it; the archived file may
stay behind alone, which is harmless (it is content-addressed, and the next round that
fetches the same bytes finds it in place).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import SourceError
from ..pipeline import read_events
from ..schema import Event
from ..sources import get_adapter
from ..store import Store, write
from ..store import writer as store_writer
from ..store.runs import RunInfo, WriteResult, insert_run, utc_now
from ..watchlist import Watchlist
from . import ledger
from .archive import Archive
from .config import Source
from .http import Fetched, PoliteClient

# What a source's own step adds to the transaction: (connection, the body could not be read).
Extra = Callable[[sa.Connection, bool], None]


@dataclass
class SourceReport:
    """What one source did in a round."""

    name: str
    requests: int = 0
    new: int = 0  # new events
    updated: int = 0
    not_modified: int = 0
    archived: int = 0  # bodies added to the archive
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped: bool = False

    def line(self) -> str:
        parts = [
            f"{self.requests} request(s)",
            f"{self.not_modified} not modified" if self.not_modified else "",
            f"{self.archived} new bod{'y' if self.archived == 1 else 'ies'} archived",
            f"events: {self.new} new, {self.updated} updated",
            f"{len(self.errors)} error(s)" if self.errors else "",
            "stopped" if self.stopped else "",
        ]
        return f"{self.name}: " + ", ".join(p for p in parts if p)


@dataclass
class RoundContext:
    store: Store
    archive: Archive
    client: PoliteClient
    watchlist: Watchlist | None  # the tracker's default; a source may turn it off
    round_id: int | None = None
    say: Callable[[str], None] = lambda _line: None


@dataclass
class Read:
    """A body read by its adapter (nothing stored yet)."""

    events: list[Event]
    errors: list[str]
    notes: list[str]
    rejected: int = 0
    failure: str = ""  # the body cannot be read at all


def read_archived(path: Path, adapter: str, url: str, watchlist: Watchlist | None) -> Read:
    """Events of an archived body, as ``ingest`` would read the file: through the adapter,
    validated, de-duplicated, filtered by the watchlist. An event without a link gets the
    URL the body was fetched from."""
    try:
        events, errors, notices = read_events(path, get_adapter(adapter))
    except SourceError as exc:
        return Read([], [], [], failure=exc.message)
    except Exception as exc:  # an adapter bug costs this body only
        return Read([], [], [], failure=f"{path}: could not be read: {type(exc).__name__}: {exc}")
    if watchlist is not None:
        events = [e for e in events if watchlist.keeps(e)]
    events = [e if e.source_url else replace(e, source_url=url) for e in events]
    return Read(
        events, [e.message for e in errors], [n.message for n in notices], rejected=len(errors)
    )


def watchlist_for(ctx: RoundContext, source: Source) -> Watchlist | None:
    return None if source.watchlist is False else ctx.watchlist


def store_body(
    ctx: RoundContext,
    source: Source,
    report: SourceReport,
    fetched: Fetched,
    *,
    adapter: str,
    ext: str,
    extra: Extra | None = None,
) -> tuple[str, Read]:
    """Archive ``fetched.body``, read it with ``adapter`` ('' stores it unread), and store
    everything in one transaction. Returns the sha256 and what was read."""
    sha, path = ctx.archive.put(fetched.body or b"", ext)
    started = utc_now()
    url = fetched.final_url or fetched.url
    read = (
        read_archived(path, adapter, url, watchlist_for(ctx, source))
        if adapter
        else Read([], [], [])
    )

    def work(conn: sa.Connection) -> tuple[WriteResult, bool]:
        added = ledger.add_archive(conn, fetched, sha, str(path), source.name, adapter)
        result = WriteResult()
        if adapter:
            message = "\n".join([read.failure] if read.failure else read.errors)
            run = RunInfo(str(path), sha, adapter, started,
                          len(read.events) + read.rejected, read.rejected, message)  # fmt: skip
            if read.failure:
                insert_run(conn, run, "failed", result)
            else:
                result = store_writer.write_events(conn, read.events, run)
        if extra:
            extra(conn, bool(read.failure))
        outcome = "error" if read.failure else "stored"
        ledger.log(conn, ctx.round_id, source.name, fetched, outcome, result.new, sha,
                   read.failure)  # fmt: skip
        return result, added

    result, added = write(ctx.store.engine, work)
    report.new += result.new
    report.updated += result.updated
    report.archived += int(added)
    report.errors += [read.failure] if read.failure else read.errors
    report.notes += read.notes
    return sha, read


def log_only(
    ctx: RoundContext,
    source: Source,
    fetched: Fetched,
    outcome: str,
    extra: Callable[[sa.Connection], Any] | None = None,
    error: str = "",
) -> None:
    """Record a request that stored no body (304, an error, the same bytes again)."""

    def work(conn: sa.Connection) -> None:
        if extra:
            extra(conn)
        ledger.log(conn, ctx.round_id, source.name, fetched, outcome, error=error)

    write(ctx.store.engine, work)
