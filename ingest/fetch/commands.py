"""The tracker's commands: ``fetch``, ``watch``, ``sources``, ``reprocess``, ``digest``.
Registered on the main CLI by ``register(main)``; heavy modules (httpx, SQLAlchemy,
pandas) are imported inside the commands."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

DB_HELP = "Database URL (default: $POLICY_TIMELINE_DB, else the SQLite file data/timeline.db)."
SOURCES_HELP = (
    "The sources file (default: $POLICY_TIMELINE_SOURCES, else the bundled data/sources.yaml)."
)


def _sources_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--sources",
        "sources_path",
        envvar="POLICY_TIMELINE_SOURCES",
        type=click.Path(dir_okay=False, path_type=Path),
        help=SOURCES_HELP,
    )(func)


def _config(path: Path | None, *, fetching: bool = False):  # type: ignore[no-untyped-def]
    from .config import ConfigError, check_contact, load_config

    try:
        config = load_config(path)
        if fetching:
            check_contact(config)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    return config


def _watchlist(config, no_watchlist: bool):  # type: ignore[no-untyped-def]
    from ..watchlist import Watchlist

    return None if no_watchlist or not config.watchlist else Watchlist.load()


def _client(config, stop: threading.Event):  # type: ignore[no-untyped-def]
    from .. import __version__
    from .http import PoliteClient

    return PoliteClient(config.user_agent(__version__), stop=stop)


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Ctrl-C (or SIGTERM, as systemd sends) asks the round to stop between requests; a
    second Ctrl-C aborts at once."""

    def handler(signum: int, _frame: Any) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        click.echo("stopping after the current request (Ctrl-C again to abort)", err=True)

    previous = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: no signal handling, the caller stops us
        pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _say(quiet: bool):  # type: ignore[no-untyped-def]
    def say(line: str) -> None:
        if line.startswith("error: "):
            click.echo(line, err=True)
        elif not quiet or line.startswith("round "):
            click.echo(line)

    return say


def _names_option(func):  # type: ignore[no-untyped-def]
    return click.argument("names", nargs=-1, metavar="[NAME]...")(func)


def db_option(func):  # type: ignore[no-untyped-def]
    # Not ingest.cli's own: this module is imported while ingest.cli is being imported
    # (also as __main__, under `python -m ingest.cli`).
    return click.option("--db", "db_url", envvar="POLICY_TIMELINE_DB", metavar="URL", help=DB_HELP)(
        func
    )


def _common(func):  # type: ignore[no-untyped-def]
    func = click.option("-q", "--quiet", is_flag=True, help="Only errors and the round line.")(func)
    func = click.option(
        "--no-watchlist", is_flag=True, help="Keep every event, whatever entities it names."
    )(func)
    return db_option(_sources_option(_names_option(func)))


@click.command()
@_common
def fetch(
    names: tuple[str, ...], sources_path: Path | None, db_url: str | None, no_watchlist: bool,
    quiet: bool,
) -> None:  # fmt: skip
    """Run one round: fetch every source (or the NAMEs given) and ingest what is new.

    Conditional requests make an unchanged source cost one request and nothing else.
    Exit status is 1 when any source or item failed (the others are still done).
    """
    from ..cli import _open_store
    from .config import ConfigError
    from .rounds import run_round

    config = _config(sources_path, fetching=True)
    store = _open_store(db_url)
    stop = threading.Event()
    with stop_on_signals(stop), _client(config, stop) as client:
        try:
            result = run_round(config, store, client, names,
                               watchlist=_watchlist(config, no_watchlist), say=_say(quiet))  # fmt: skip
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
    if result.errors:
        sys.exit(1)


@click.command()
@click.option(
    "--every", required=True, metavar="DURATION",
    help="Time between the start of one round and the next: 45s, 30m, 6h, 1d.",
)  # fmt: skip
@click.option("--rounds", type=click.IntRange(1), help="Stop after this many rounds.")
@_common
def watch(
    every: str, rounds: int | None, names: tuple[str, ...], sources_path: Path | None,
    db_url: str | None, no_watchlist: bool, quiet: bool,
) -> None:  # fmt: skip
    """Run rounds until stopped (Ctrl-C or SIGTERM end it cleanly between requests).

    Suitable for a systemd service or a container; the dashboard shows new events
    without a restart.
    """
    from ..cli import _open_store
    from .config import ConfigError, parse_duration
    from .rounds import watch as watch_rounds

    try:
        seconds = parse_duration(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None
    config = _config(sources_path, fetching=True)
    try:
        config.select(names)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    store = _open_store(db_url)
    stop = threading.Event()
    say = _say(quiet)
    say(f"watching {len(config.select(names))} source(s) every {every}; Ctrl-C stops")
    with stop_on_signals(stop), _client(config, stop) as client:
        results = watch_rounds(config, store, client, seconds, names=names, rounds=rounds,
                               watchlist=_watchlist(config, no_watchlist), say=say)  # fmt: skip
    click.echo(f"stopped after {len(results)} round(s)" if stop.is_set() else
               f"done: {len(results)} round(s)")  # fmt: skip


@click.command("sources")
@_sources_option
@db_option
def sources_command(sources_path: Path | None, db_url: str | None) -> None:
    """Show each source: its last success, its last error and its cursor."""
    import json

    from ..cli import _open_store
    from . import ledger

    config = _config(sources_path)
    store = _open_store(db_url)
    states = ledger.all_source_states(store.engine)
    counts = ledger.item_counts(store.engine)
    listed = [(s.name, s.kind, s.url) for s in config.sources]
    listed += [(n, st.get("kind") or "?", "(not in the sources file)")
               for n, st in sorted(states.items()) if n not in {s.name for s in config.sources}]  # fmt: skip
    for name, kind, url in listed:
        st = states.get(name, {})
        click.echo(f"{name} ({kind}) {url}")
        click.echo(f"  last success: {st.get('last_success') or 'never'}")
        if st.get("last_error"):
            click.echo(f"  last error:   {st.get('last_error_at')} {st['last_error']}")
        else:
            click.echo("  last error:   none")
        cursor = json.loads(st["cursor"]) if st.get("cursor") else {}
        shown = ", ".join(f"{k} {v}" for k, v in sorted(cursor.items()) if v) or "none"
        click.echo(f"  cursor:       {shown}")
        states_n = {state: n for (src, state), n in counts.items() if src == name}
        if states_n:
            click.echo(
                "  items:        " + ", ".join(f"{n} {s}" for s, n in sorted(states_n.items()))
            )


@click.command()
@_names_option
@_sources_option
@click.option("--no-watchlist", is_flag=True, help="Keep every event, whatever entities it names.")
@click.option("--jobs", type=click.IntRange(1), help="Worker processes (default: one per core).")
@db_option
def reprocess(
    names: tuple[str, ...],
    sources_path: Path | None,
    no_watchlist: bool,
    jobs: int | None,
    db_url: str | None,
) -> None:
    """Re-read every archived body (of the NAMEd sources) with the current adapters and
    extractor, without fetching again. New and changed events are stored; reports the
    extractor no longer finds are kept."""
    from ..cli import _open_store
    from .reprocess import reprocess as run

    config = _config(sources_path)
    store = _open_store(db_url)
    summary = run(store, config=config, names=list(names) or None,
                  watchlist=_watchlist(config, no_watchlist), workers=jobs,
                  say=lambda line: click.echo(line, err=True))  # fmt: skip
    click.echo(summary.line())
    if summary.errors:
        sys.exit(1)


@click.command()
@click.option("--since", required=True, metavar="DATE",
              help="Events first seen or changed on or after this day (YYYY-MM-DD, UTC).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")  # fmt: skip
@click.option("--from", "date_from", metavar="DATE", help="Events on or after (by event date).")
@click.option("--to", "date_to", metavar="DATE", help="Events on or before (by event date).")
@click.option("--type", "types", multiple=True, metavar="TYPE", help="Event type; repeat.")
@click.option(
    "--entity", "entities", multiple=True, metavar="NAME", help="Actor or target; repeat."
)
@click.option("--search", default="", metavar="TEXT", help="Text in the title or evidence.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0)
@click.option("--corroborated", is_flag=True, help="Only events with two or more sources.")
@click.option("--conflicts", is_flag=True, help="Only events whose sources disagree.")
@click.option("--source", "sources", multiple=True, metavar="TITLE", help="Source title; repeat.")
@db_option
def digest(
    since: str, fmt: str, out: Path | None, date_from: str | None, date_to: str | None,
    types: tuple[str, ...], entities: tuple[str, ...], search: str, min_confidence: float,
    corroborated: bool, conflicts: bool, sources: tuple[str, ...], db_url: str | None,
) -> None:  # fmt: skip
    """Write a brief of the events new or changed since a date, grouped by type, each with
    its sources (Markdown or HTML, e.g. for a morning e-mail)."""
    from ..cli import _date_option, _open_store
    from ..query import EventFilter
    from ..schema import EVENT_TYPES
    from .digest import collect, render_html, render_markdown

    day = _date_option(since)
    for t in types:
        if t not in EVENT_TYPES:
            raise click.BadParameter(f"{t!r} is not one of: {', '.join(EVENT_TYPES)}",
                                     param_hint="--type")  # fmt: skip
    try:
        flt = EventFilter(date_from, date_to, types, entities, search, min_confidence,
                          corroborated, conflicts, sources)  # fmt: skip
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--from/--to") from None
    assert day is not None
    items = collect(_open_store(db_url), day, flt)
    text = (render_html if fmt == "html" else render_markdown)(items, day, flt)
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"{len(items)} event(s) written to {out}", err=True)
    else:
        click.echo(text, nl=False)


def register(main: click.Group) -> None:
    for command in (fetch, watch, sources_command, reprocess, digest):
        main.add_command(command)
