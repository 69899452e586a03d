"""Running the tracker's commands and reading what they stored, for the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner, Result

from ingest.cli import main
from ingest.fetch.tables import archive_table, items_table, log_table
from ingest.store import Store
from ingest.store.tables import events_table, sources_table


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def fetch(sources: Path, db: str, *names: str) -> Result:
    return run("fetch", "--sources", str(sources), "--db", db, *names)


def count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def counts(store: Store) -> dict[str, int]:
    return {
        "events": count(store, events_table),
        "reports": count(store, sources_table),
        "archive": count(store, archive_table),
    }


def rows(store: Store, table: sa.Table, **where: Any) -> list[dict[str, Any]]:
    query = sa.select(table)
    for key, value in where.items():
        query = query.where(table.c[key] == value)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def log(store: Store, **where: Any) -> list[dict[str, Any]]:
    return rows(store, log_table, **where)


def items(store: Store, source: str) -> dict[str, str]:
    return {r["url"]: r["state"] for r in rows(store, items_table, source=source)}


def archive_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
