"""The record of each file read: one ``ingest_runs`` row with its hash, counts and status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from .tables import runs_table


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class WriteResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class RunInfo:
    file: str
    sha256: str
    adapter: str
    started_at: str
    n_read: int
    n_rejected: int
    message: str = ""


def insert_run(conn: sa.Connection, run: RunInfo, status: str, result: WriteResult) -> None:
    # Values as parameters of the one cached statement: ``insert().values(...)`` made a new
    # statement per file, and building it was half of what storing a file with no events
    # cost (an ingest of a folder writes one run per file).
    conn.execute(
        runs_table.insert(),
        {
            "file": run.file,
            "sha256": run.sha256,
            "adapter": run.adapter,
            "started_at": run.started_at,
            "finished_at": utc_now(),
            "status": status,
            "n_read": run.n_read,
            "n_new": result.new,
            "n_updated": result.updated,
            "n_unchanged": result.unchanged,
            "n_rejected": run.n_rejected,
            "message": run.message,
        },
    )
