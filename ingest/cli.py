"""The ``policy-timeline`` command line.

Heavy modules (pandas, SQLAlchemy, Dash, Plotly) are imported inside the commands that
need them, so ``policy-timeline --help`` answers at once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from . import __version__
from .review.commands import users_option

DB_HELP = (
    "Database URL (sqlite:///path.db or postgresql+psycopg://user:pass@host/db). "
    "Default: $POLICY_TIMELINE_DB, else the SQLite file data/timeline.db."
)


def db_option(func):  # type: ignore[no-untyped-def]
    return click.option("--db", "db_url", envvar="POLICY_TIMELINE_DB", metavar="URL", help=DB_HELP)(
        func
    )


def published_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--published",
        metavar="YYYY-MM-DD",
        callback=lambda c, p, v: _date_option(v),
        help="Publication date for documents that carry none (resolves 'on Thursday').",
    )(func)


def _open_store(db_url: str | None, cache_mb: int | None = None):  # type: ignore[no-untyped-def]
    from .errors import one_line
    from .store import DEFAULT_CACHE_MB, Store, default_url, mask_url

    try:
        return Store(db_url, cache_mb or DEFAULT_CACHE_MB)
    except Exception as exc:  # a bad URL or an unreachable server: say so, no traceback
        shown = mask_url(db_url or default_url())
        raise click.ClickException(
            f"cannot open database {shown}: {one_line(exc).replace(db_url or '', shown)}"
        ) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policy-timeline")
def main() -> None:
    """Ingest dated policy events (designations, rewards, directives, sanctions, military
    actions...) from government records and articles into one store; browse them in a
    dashboard; export them as CSV."""
    from . import logs

    try:
        logs.configure()
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format", "fmt", metavar="NAME", help="Read every file with this adapter (see `formats`)."
)
@click.option("--strict", is_flag=True, help="Roll back a whole file when any record in it is bad.")
@published_option
@click.option(
    "--watchlist",
    "watchlist_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Keep only events naming an entity of this file (a gazetteer YAML or one name "
    "per line). Default: the gazetteer data/entities.yaml.",
)
@click.option("--no-watchlist", is_flag=True, help="Keep every event, whatever entities it names.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Read and extract files in N worker processes (the store is written by one, in "
    "the same order: the same events and ids). Default: one per core.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print errors and the summary.")
@db_option
def ingest(
    paths: tuple[Path, ...],
    fmt: str | None,
    strict: bool,
    published: str | None,
    watchlist_path: Path | None,
    no_watchlist: bool,
    jobs: int | None,
    quiet: bool,
    db_url: str | None,
) -> None:
    """Ingest files or folders (recursively) into the store.

    Bad records are reported with file, line and column and left out; the rest of the
    file is stored (use --strict to reject the file instead). Re-ingesting a file
    changes nothing. Exit status is 1 when any file or record was rejected.

    By default only events that name an entity of the gazetteer are kept (the curated
    CSV is always kept whole); --watchlist FILE follows other entities, --no-watchlist
    keeps everything.
    """
    from . import logs
    from .pipeline import ingest_paths, iter_files
    from .sources import ADAPTERS
    from .watchlist import Watchlist
    from .workers import default_jobs

    if watchlist_path and no_watchlist:
        raise click.UsageError("--watchlist and --no-watchlist exclude each other")
    try:
        watchlist = None if no_watchlist else Watchlist.load(watchlist_path)
    except (OSError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="--watchlist") from None

    if fmt and fmt not in ADAPTERS:
        raise click.BadParameter(
            f"unknown format {fmt!r}; known: {', '.join(ADAPTERS)}", param_hint="--format"
        )
    store = _open_store(db_url)
    started = time.monotonic()
    files = list(iter_files(paths))
    show_bar = not quiet and len(files) > 1 and sys.stderr.isatty()
    with (
        click.progressbar(length=len(files), label="Ingesting", file=sys.stderr, show_pos=True)
        if show_bar
        else _NoBar() as bar
    ):

        def on_file(report):  # type: ignore[no-untyped-def]
            bar.update(1)
            for message in report.errors:
                if report.status == "skipped" and quiet:
                    continue
                click.echo(
                    ("note: " if report.status == "skipped" else "error: ") + message, err=True
                )
            if not quiet:
                for message in report.notes:
                    click.echo("note: " + message, err=True)

        summary = ingest_paths(
            files,
            store,
            format=fmt,
            strict=strict,
            watchlist=watchlist,
            on_file=on_file,
            jobs=min(jobs or default_jobs(), max(1, len(files))),  # no pool for one file
            published=published,
        )
    click.echo(summary.line())
    logs.event("ingest", store=store.display_url, jobs=jobs or default_jobs(),
               seconds=round(time.monotonic() - started, 3), **summary.fields())  # fmt: skip
    if summary.failed:
        sys.exit(1)


def _date_option(value: str | None) -> str | None:
    if not value:
        return None
    from .schema import PartialDate

    try:
        parsed = PartialDate.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if parsed.precision != "day":
        raise click.BadParameter(f"{value!r} must be a full date, YYYY-MM-DD")
    return parsed.iso


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@published_option
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--source-format",
    "fmt",
    metavar="NAME",
    help="Read the file with this adapter (see `formats`).",
)
@click.option(
    "--explain",
    is_flag=True,
    help="For each event: the words that made it, the date and the rule that gave it, where "
    "each target came from; then every mention that was not an event, and why.",
)
def extract(
    file: Path, published: str | None, out_format: str, fmt: str | None, explain: bool
) -> None:
    """Print the events found in FILE (export columns, header first); the store is not touched.

    With --explain, print why each event was found (and why other mentions were not)
    instead; --format json gives the same as data."""
    from .errors import SourceError, one_line
    from .pipeline import read_events
    from .sources import detect_format, get_adapter

    try:
        adapter = get_adapter(fmt) if fmt else detect_format(file)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--source-format") from None
    if adapter is None:
        raise click.ClickException(
            f"{file}: not a known source format; see `policy-timeline formats`"
        )
    explanations: list = []
    options: dict[str, object] = {"published": published}
    if explain:
        options["explanations"] = explanations
    try:
        events, errors, notices = read_events(file, adapter, **options)
    except SourceError as exc:
        raise click.ClickException(exc.message) from None
    except Exception as exc:  # an adapter bug: one line, never a traceback
        raise click.ClickException(
            f"{file}: could not be read ({one_line(exc)}); please report this"
        ) from None
    for error in errors:
        click.echo("error: " + error.message, err=True)
    for notice in notices:
        click.echo("note: " + notice.message, err=True)
    if explain:
        _print_explanations(file, adapter.NAME, explanations, events, out_format)
        if errors:
            sys.exit(1)
        return
    rows = [{**e.row(), "source_count": 1, "first_seen": ""} for e in events]
    rows.sort(key=lambda r: (r["date_start"], r["event_type"]))
    if out_format == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        from .export import write_rows

        write_rows(rows, sys.stdout)
    if errors:
        sys.exit(1)


def _print_explanations(
    file: Path, adapter: str, explanations: list, events: list, out_format: str
) -> None:
    from .extract.explain import as_data, as_text

    if out_format == "json":
        import json

        data = [{"document": doc.file or doc.title, **as_data(x)} for doc, x in explanations]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    if not explanations:  # records and curated rows: the fields are the event
        click.echo(
            f"{file}: {len(events)} event(s) read from the {adapter} format's fields; "
            "nothing was inferred from prose, so there is nothing to explain"
        )
        return
    for doc, explanation in explanations:
        click.echo(as_text(explanation, doc.file or doc.title or str(file)))


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def update(self, _n: int) -> None:
        return None


@main.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file to write ('-' for standard output).",
)
@click.option(
    "--from", "date_from", metavar="DATE", help="Events on or after (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option(
    "--to", "date_to", metavar="DATE", help="Events on or before (YYYY, YYYY-MM or YYYY-MM-DD)."
)
@click.option(
    "--type", "types", multiple=True, metavar="TYPE", help="Event type; repeat for several."
)
@click.option(
    "--entity",
    "entities",
    multiple=True,
    metavar="NAME",
    help="Actor or target; repeat for several.",
)
@click.option("--search", default="", metavar="TEXT", help="Text in the title or evidence.")
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, help="Lowest confidence kept."
)
@click.option("--corroborated", is_flag=True, help="Only events with two or more sources.")
@click.option("--conflicts", is_flag=True, help="Only events whose sources disagree.")
@click.option(
    "--source", "sources", multiple=True, metavar="TITLE", help="Source title; repeat for several."
)
@click.option(
    "--include-rejected",
    is_flag=True,
    help="Also write events analysts rejected (not events); left out by default.",
)
@click.option(
    "--reviewed-only", is_flag=True, help="Only events an analyst confirmed or corrected."
)
@db_option
def export(
    out: Path,
    date_from: str | None,
    date_to: str | None,
    types: tuple[str, ...],
    entities: tuple[str, ...],
    search: str,
    min_confidence: float,
    corroborated: bool,
    conflicts: bool,
    sources: tuple[str, ...],
    include_rejected: bool,
    reviewed_only: bool,
    db_url: str | None,
) -> None:
    """Write the events matching the filters as CSV (the contract columns), with the
    analysts' corrections applied; rejected events are left out unless asked for."""
    from .export import write_csv
    from .query import EventFilter, filter_events
    from .schema import EVENT_TYPES

    for t in types:
        if t not in EVENT_TYPES:
            raise click.BadParameter(
                f"{t!r} is not one of: {', '.join(EVENT_TYPES)}", param_hint="--type"
            )
    try:
        flt = EventFilter(
            date_from,
            date_to,
            types,
            entities,
            search,
            min_confidence,
            corroborated,
            conflicts,
            sources,
            review_statuses(include_rejected, reviewed_only),
        )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--from/--to") from None
    df = filter_events(_open_store(db_url).load_events(), flt)
    if str(out) == "-":
        count = write_csv(df, sys.stdout)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            count = write_csv(df, fh)
        click.echo(f"{count} event(s) written to {out}", err=True)


def review_statuses(include_rejected: bool, reviewed_only: bool) -> tuple[str, ...]:
    """The review statuses an export keeps; () is the default: all but rejected."""
    from .schema import REVIEW_STATUSES

    if reviewed_only:
        return ("confirmed", "edited", "rejected") if include_rejected else ("confirmed", "edited")
    return REVIEW_STATUSES if include_rejected else ()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8050, show_default=True, type=int, help="Port to listen on.")
@click.option("--debug", is_flag=True, help="Dash debug mode (reloads on code changes).")
@users_option
@db_option
def serve(host: str, port: int, debug: bool, users_file: Path | None, db_url: str | None) -> None:
    """Serve the dashboard (reads the store; new ingests show on the next interaction).

    Anyone who reaches it reads; editing needs a signed-in editor (`policy-timeline users
    add NAME`), except on 127.0.0.1 with no editor configured, where the local user edits."""
    from dashboard.app import SERVING_CACHE_MB, create_app
    from ingest.review.editors import Editors

    store = _open_store(db_url, SERVING_CACHE_MB)
    editors = Editors(users_file)
    click.echo(
        f"Serving {store.count_events()} events from {store.display_url} on http://{host}:{port}/"
    )
    create_app(store, host=host, editors=editors).run(host=host, port=port, debug=debug)


@main.command()
def formats() -> None:
    """List the source formats ingest can read."""
    from .sources import ADAPTERS

    for adapter in ADAPTERS.values():
        cap = f"≤{adapter.MAX_BYTES // (1024 * 1024)} MB"
        click.echo(
            f"{adapter.NAME:<17} {' '.join(adapter.EXTENSIONS):<20} {cap:<8} {adapter.DESCRIPTION}"
        )


from .fetch.commands import register as _register_tracker  # noqa: E402
from .review.commands import register as _register_review  # noqa: E402

_register_tracker(main)  # fetch, watch, sources, reprocess, digest (ingest/fetch/)
_register_review(main)  # users (ingest/review/)

if __name__ == "__main__":  # pragma: no cover
    main()
