"""Ingest files into the store: detect the format, parse, validate, deduplicate, write.

Policy for bad records (documented in the README): a file whose records are partly bad
is ingested without the bad records, each reported with its file, line, column and
problem; the run is recorded as ``partial``. With ``strict=True`` any bad record rolls
back the whole file. A file that cannot be read at all (missing column, not UTF-8,
empty) stores nothing. Either way the other files of the batch go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Notice, RecordError, SourceError, one_line
from .schema import Event
from .sources import Adapter, detect_format, get_adapter
from .store import RunInfo, Store, utc_now
from .textfile import check_readable
from .watchlist import Watchlist
from .workers import ordered_map

# Files that are never sources: editor backups, OS litter, the store itself.
_IGNORED_SUFFIXES = (".db", ".db-wal", ".db-shm", ".sqlite", ".pyc", "~")


@dataclass
class FileReport:
    file: str
    adapter: str = ""
    status: str = "ok"  # ok | partial | failed | skipped
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    outside_watchlist: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class IngestSummary:
    files: list[FileReport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.files)

    @property
    def files_read(self) -> int:
        return sum(1 for f in self.files if f.status != "skipped")

    @property
    def failed(self) -> bool:
        return any(f.status in ("failed", "partial") for f in self.files)

    def fields(self) -> dict[str, int]:
        """The totals, for a structured log line."""
        statuses = [f.status for f in self.files]
        return {
            "files": self.files_read, "failed": statuses.count("failed"),
            "skipped": statuses.count("skipped"), "new": self.total("new"),
            "updated": self.total("updated"), "unchanged": self.total("unchanged"),
            "rejected": self.total("rejected"),
            "outside_watchlist": self.total("outside_watchlist"),
        }  # fmt: skip

    def line(self) -> str:
        skipped = sum(1 for f in self.files if f.status == "skipped")
        failed = sum(1 for f in self.files if f.status == "failed")
        return (
            f"{self.files_read} file(s) read"
            + (f", {failed} failed" if failed else "")
            + (f", {skipped} skipped" if skipped else "")
            + f"; events: {self.total('new')} new, {self.total('updated')} updated, "
            f"{self.total('unchanged')} unchanged, {self.total('rejected')} rejected"
            + (
                f"; {self.total('outside_watchlist')} outside the watchlist left out"
                if self.total("outside_watchlist")
                else ""
            )
        )


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Everything but folders under the given paths, recursively, in a stable order;
    hidden ones skipped. FIFOs, devices and unreadable files are yielded too, so that
    ingesting them reports them by name instead of leaving them out unsaid."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if not child.is_dir() and not any(p.startswith(".") for p in rel):
                    yield child
        else:
            yield path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_events(
    path: Path, adapter: Adapter, **options: object
) -> tuple[list[Event], list[RecordError], list[Notice]]:
    """Parse a file into validated, de-duplicated events, the bad records and notices.

    Raises SourceError when the file cannot be read at all.
    """
    events: dict[tuple[str, str], Event] = {}
    errors: list[RecordError] = []
    notices: list[Notice] = []
    for item in adapter.parse(path, **options):
        if isinstance(item, RecordError):
            errors.append(item)
        elif isinstance(item, Notice):
            notices.append(item)
        else:
            # The same event from the same source twice in one file is one report.
            events.setdefault((item.event_id, item.source_key()), item)
    return list(events.values()), errors, notices


@dataclass
class FileRead:
    """What reading one file gave, before anything is stored: made in a worker process
    under ``--jobs``, stored by the one writing process (``store_read``)."""

    report: FileReport
    sha: str = ""
    started: str = ""
    events: list[Event] = field(default_factory=list)
    action: str = "none"  # none | write | failed_run


def read_file(
    path: Path,
    adapter: Adapter | str | None = None,
    *,
    strict: bool = False,
    watchlist: Watchlist | None = None,
    **options: object,
) -> FileRead:
    """Check, detect, hash, parse, validate and filter one file (``adapter``: one, or the
    name of one, to force). Never touches the store."""
    report = FileReport(file=str(path))
    if path.name.endswith(_IGNORED_SUFFIXES):
        report.status = "skipped"
        return FileRead(report)
    try:
        check_readable(path)
    except SourceError as exc:
        report.status = "failed"
        report.errors.append(exc.message)
        return FileRead(report)
    if isinstance(adapter, str):
        adapter = get_adapter(adapter)
    adapter = adapter or detect_format(path)
    if adapter is None:
        report.status = "skipped"
        report.errors.append(
            f"{path}: not a known source format (skipped); see `policy-timeline formats`"
        )
        return FileRead(report)
    report.adapter = adapter.NAME
    started = utc_now()
    sha = ""
    try:
        sha = _sha256(path)
        events, errors, notices = read_events(path, adapter, **options)
    except OSError as exc:  # the file vanished or became unreadable meanwhile
        report.status = "failed"
        report.errors.append(f"{path}: cannot be read ({exc.strerror or exc})")
        return FileRead(report)
    except SourceError as exc:
        report.status = "failed"
        report.errors.append(exc.message)
        return FileRead(report, sha, started, action="failed_run")
    except Exception as exc:  # an adapter bug must not stop the batch or lose the others
        report.status = "failed"
        report.errors.append(f"{path}: could not be read ({one_line(exc)}); please report this")
        return FileRead(report, sha, started, action="failed_run")
    report.notes.extend(n.message for n in notices)
    if watchlist is not None:
        kept = [e for e in events if watchlist.keeps(e)]
        report.outside_watchlist = len(events) - len(kept)
        events = kept
    report.read = len(events) + len(errors)
    report.rejected = len(errors)
    report.errors.extend(e.message for e in errors)
    if errors and strict:
        report.status = "failed"
        report.errors.append(f"{path}: {len(errors)} bad record(s); file rolled back (--strict)")
        report.rejected = report.read
        return FileRead(report, sha, started, action="failed_run")
    report.status = "partial" if errors else "ok"
    return FileRead(report, sha, started, events, action="write")


def store_read(read: FileRead, store: Store) -> FileReport:
    """Store what ``read_file`` gave: the events and the run in one transaction, or the
    record of a failed run."""
    report = read.report
    if read.action == "write":
        try:
            result = store.write_events(read.events, _run_info(report, read.sha, read.started))
        except Exception as exc:  # the transaction rolled back: say so, go on
            report.status = "failed"
            report.errors.append(
                f"{report.file}: could not be stored, nothing from it was kept "
                f"({one_line(exc)}); ingest the file again"
            )
            return report
        report.new, report.updated, report.unchanged = result.new, result.updated, result.unchanged
    elif read.action == "failed_run":
        try:
            store.record_failed_run(_run_info(report, read.sha, read.started))
        except Exception as exc:  # the run log is a record, not the data: say so, go on
            report.notes.append(f"{report.file}: the failed run was not logged ({one_line(exc)})")
    return report


def ingest_file(
    path: Path,
    store: Store,
    adapter: Adapter | None = None,
    *,
    strict: bool = False,
    watchlist: Watchlist | None = None,
    **options: object,
) -> FileReport:
    read = read_file(path, adapter, strict=strict, watchlist=watchlist, **options)
    return store_read(read, store)


def _run_info(report: FileReport, sha: str, started: str) -> RunInfo:
    """The ingest_runs row for a file, from what its report says so far."""
    return RunInfo(
        report.file, sha, report.adapter, started, report.read, report.rejected,
        "\n".join(report.errors),
    )  # fmt: skip


def _read_job(job: tuple[Path, str | None, bool, Watchlist | None, dict[str, object]]) -> FileRead:
    path, format, strict, watchlist, options = job
    return read_file(path, format, strict=strict, watchlist=watchlist, **options)


def ingest_paths(
    paths: Iterable[Path],
    store: Store,
    *,
    format: str | None = None,
    strict: bool = False,
    watchlist: Watchlist | None = None,
    on_file: Callable[[FileReport], None] | None = None,
    jobs: int = 1,
    **options: object,
) -> IngestSummary:
    """Ingest every file under ``paths``. ``format`` forces one adapter for all files;
    ``watchlist`` keeps only events naming a listed entity (curated rows always stay).
    With ``jobs`` > 1, files are read in that many worker processes and stored here, in
    the same order as with one: the same events and ids."""
    if format:
        get_adapter(format)  # an unknown name fails here, before any worker starts
    summary = IngestSummary()
    work = ((path, format, strict, watchlist, options) for path in iter_files(paths))
    for read in ordered_map(_read_job, work, jobs):
        report = store_read(read, store)
        summary.files.append(report)
        if on_file:
            on_file(report)
    return summary
