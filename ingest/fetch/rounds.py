"""A round: every selected source fetched once, each on its own, so one failing source
never stops the others; ``watch`` runs rounds until stopped."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..store import Store, write
from ..watchlist import Watchlist
from . import ledger
from .archive import Archive
from .config import Source, TrackerConfig
from .federal_register_api import run_federal_register
from .feeds import run_feed
from .http import PoliteClient, Stopped
from .pages import run_page
from .storing import RoundContext, SourceReport

RUNNERS: dict[str, Callable[[RoundContext, Source, SourceReport], None]] = {
    "federal_register": run_federal_register,
    "feed": run_feed,
    "page": run_page,
}


@dataclass
class RoundResult:
    round_id: int
    sources: list[SourceReport] = field(default_factory=list)
    stopped: bool = False

    @property
    def new(self) -> int:
        return sum(s.new for s in self.sources)

    @property
    def requests(self) -> int:
        return sum(s.requests for s in self.sources)

    @property
    def errors(self) -> list[str]:
        return [e for s in self.sources for e in s.errors]

    def line(self) -> str:
        return (
            f"round {self.round_id}: {len(self.sources)} source(s), {self.requests} request(s), "
            f"{self.new} new event(s), {len(self.errors)} error(s)"
            + ("; stopped" if self.stopped else "")
        )


def run_round(
    config: TrackerConfig,
    store: Store,
    client: PoliteClient,
    names: tuple[str, ...] | list[str] = (),
    *,
    watchlist: Watchlist | None = None,
    say: Callable[[str], None] = lambda _line: None,
) -> RoundResult:
    sources = config.select(names)
    round_id = write(store.engine, lambda conn: ledger.start_round(conn, [s.name for s in sources]))
    ctx = RoundContext(store, Archive(config.archive), client, watchlist, round_id, say)
    result = RoundResult(round_id)
    for source in sources:
        report = SourceReport(source.name)
        before = client.requests
        try:
            RUNNERS[source.kind](ctx, source, report)
        except Stopped:
            report.stopped = True
        except Exception as exc:  # a bug or a broken store costs this source only
            report.errors.append(f"{source.name}: unexpected {type(exc).__name__}: {exc}")
        report.requests = client.requests - before
        result.sources.append(report)
        error = report.errors[0] if report.errors else ""
        if len(report.errors) > 1:
            error += f" (and {len(report.errors) - 1} more)"

        def outcome(conn: sa.Connection, s: Source = source, e: str = error) -> None:
            ledger.source_outcome(conn, s.name, s.kind, e)

        write(store.engine, outcome)
        say(report.line())
        for message in report.errors:
            say(f"error: {message}")
        for message in report.notes:
            say(f"note: {message}")
        if report.stopped:
            result.stopped = True
            break
    status = "stopped" if result.stopped else "errors" if result.errors else "ok"
    write(store.engine, lambda conn: ledger.finish_round(
        conn, round_id, status, result.requests, result.new, len(result.errors)))  # fmt: skip
    say(result.line())
    return result


def watch(
    config: TrackerConfig,
    store: Store,
    client: PoliteClient,
    every: float,
    *,
    names: tuple[str, ...] | list[str] = (),
    rounds: int | None = None,
    watchlist: Watchlist | None = None,
    say: Callable[[str], None] = lambda _line: None,
) -> list[RoundResult]:
    """A round every ``every`` seconds (start to start; a round that takes longer is
    followed at once) until ``client.stop`` is set, or ``rounds`` rounds ran."""
    stop: threading.Event = client.stop
    results: list[RoundResult] = []
    while not stop.is_set():
        started = time.monotonic()
        results.append(run_round(config, store, client, names, watchlist=watchlist, say=say))
        if results[-1].stopped or (rounds and len(results) >= rounds):
            break
        if stop.wait(max(0.0, every - (time.monotonic() - started))):
            break
    return results
