"""Reading and writing the tracker's tables. Writers take a connection inside a write
transaction (``ingest.store.connect.write``), so what one fetched body changes is stored
with its events, all or nothing; readers take the engine."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from ..store.runs import utc_now
from .http import Fetched, header_map
from .tables import (
    archive_table,
    http_table,
    items_table,
    log_table,
    rounds_table,
    sources_state_table,
)

# --- validators -----------------------------------------------------------------------


def validators(engine: sa.Engine, url: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(http_table).where(http_table.c.url == url)).mappings().first()
    return dict(row) if row else None


def save_validators(conn: sa.Connection, fetched: Fetched, sha: str) -> None:
    values = {
        "etag": fetched.headers.get("etag"),
        "last_modified": fetched.headers.get("last-modified"),
        "sha256": sha,
        "checked_at": utc_now(),
    }
    _upsert(conn, http_table, {"url": fetched.url}, values)


# --- archive rows ---------------------------------------------------------------------


def add_archive(
    conn: sa.Connection, fetched: Fetched, sha: str, path: str, source: str, adapter: str
) -> bool:
    """Record an archived body for its URL; False when that body was already recorded."""
    a = archive_table.c
    found = conn.execute(sa.select(a.id).where(a.sha256 == sha, a.url == fetched.url)).first()
    if found:
        return False
    conn.execute(
        archive_table.insert().values(
            sha256=sha, url=fetched.url, source=source, fetched_at=utc_now(),
            status=fetched.status, content_type=fetched.headers.get("content-type", ""),
            headers=json.dumps(header_map(fetched), ensure_ascii=False), size=fetched.size,
            path=path, adapter=adapter,
        )
    )  # fmt: skip
    return True


def archived(engine: sa.Engine, sha: str) -> dict[str, Any] | None:
    """The first archive row of a body (its path, URL, fetch time), or None."""
    with engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(archive_table)
                .where(archive_table.c.sha256 == sha)
                .order_by(archive_table.c.id)
                .limit(1)
            )
            .mappings()
            .first()
        )
    return dict(row) if row else None


def archived_many(engine: sa.Engine, shas: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    if not shas:
        return found
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(archive_table)
            .where(archive_table.c.sha256.in_(sorted(set(shas))))
            .order_by(archive_table.c.id)
        ).mappings()
        for row in rows:
            found.setdefault(row["sha256"], dict(row))
    return found


def archive_rows(engine: sa.Engine, sources: list[str] | None = None) -> list[dict[str, Any]]:
    """Every archived body that an adapter reads, oldest first."""
    query = sa.select(archive_table).where(archive_table.c.adapter != "")
    if sources:
        query = query.where(archive_table.c.source.in_(sources))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query.order_by(archive_table.c.id)).mappings()]


# --- work items -----------------------------------------------------------------------


def items(engine: sa.Engine, source: str) -> dict[str, dict[str, Any]]:
    i = items_table.c
    with engine.connect() as conn:
        rows = conn.execute(sa.select(items_table).where(i.source == source)).mappings()
        return {r["item_key"]: dict(r) for r in rows}


def add_pending(conn: sa.Connection, source: str, entries: list[tuple[str, str]]) -> int:
    """New (key, url) items as pending; keys already known are left as they are."""
    i = items_table.c
    known = {k for (k,) in conn.execute(sa.select(i.item_key).where(i.source == source)).all()}
    now = utc_now()
    rows, seen = [], set()
    for key, url in entries:
        if key in known or key in seen:
            continue
        seen.add(key)
        rows.append({"source": source, "item_key": key, "url": url, "state": "pending",
                     "attempts": 0, "first_seen": now, "updated_at": now, "error": ""})  # fmt: skip
    if rows:
        conn.execute(items_table.insert(), rows)
    return len(rows)


def set_item(
    conn: sa.Connection,
    source: str,
    key: str,
    url: str,
    state: str,
    *,
    sha: str = "",
    error: str = "",
) -> None:
    i = items_table.c
    now = utc_now()
    row = conn.execute(sa.select(i.attempts).where(i.source == source, i.item_key == key)).first()
    if row is None:
        conn.execute(items_table.insert().values(
            source=source, item_key=key, url=url, state=state, attempts=1, sha256=sha,
            first_seen=now, updated_at=now, error=error))  # fmt: skip
        return
    conn.execute(
        items_table.update()
        .where(i.source == source, i.item_key == key)
        .values(state=state, attempts=(row[0] or 0) + 1, sha256=sha or None, updated_at=now,
                error=error)
    )  # fmt: skip


# --- sources --------------------------------------------------------------------------


def source_state(engine: sa.Engine, name: str) -> dict[str, Any]:
    with engine.connect() as conn:
        row = (
            conn.execute(sa.select(sources_state_table).where(sources_state_table.c.name == name))
            .mappings()
            .first()
        )
    return dict(row) if row else {}


def cursor(engine: sa.Engine, name: str) -> dict[str, Any]:
    text = source_state(engine, name).get("cursor")
    return json.loads(text) if text else {}


def set_cursor(conn: sa.Connection, name: str, kind: str, value: dict[str, Any]) -> None:
    _upsert(conn, sources_state_table, {"name": name},
            {"kind": kind, "cursor": json.dumps(value, sort_keys=True)})  # fmt: skip


def source_outcome(conn: sa.Connection, name: str, kind: str, error: str) -> None:
    """Record a source's attempt in this round: a success, or its error."""
    now = utc_now()
    values: dict[str, Any] = {"kind": kind, "last_attempt": now}
    if error:
        values.update(last_error=error, last_error_at=now)
    else:
        values["last_success"] = now
    _upsert(conn, sources_state_table, {"name": name}, values)


def all_source_states(engine: sa.Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sources_state_table)).mappings()
        return {r["name"]: dict(r) for r in rows}


def item_counts(engine: sa.Engine) -> dict[tuple[str, str], int]:
    i = items_table.c
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(i.source, i.state, sa.func.count()).group_by(i.source, i.state)
        ).all()
    return {(s, st): int(n) for s, st, n in rows}


# --- rounds and the request log -------------------------------------------------------


def start_round(conn: sa.Connection, names: list[str]) -> int:
    result = conn.execute(
        rounds_table.insert()
        .values(started_at=utc_now(), status="running", sources=",".join(names), requests=0,
                new_events=0, errors=0)
        .returning(rounds_table.c.id)
    )  # fmt: skip
    return int(result.scalar_one())


def finish_round(
    conn: sa.Connection, round_id: int, status: str, requests: int, new: int, errors: int
) -> None:
    conn.execute(
        rounds_table.update()
        .where(rounds_table.c.id == round_id)
        .values(finished_at=utc_now(), status=status, requests=requests, new_events=new,
                errors=errors)
    )  # fmt: skip


def log(
    conn: sa.Connection,
    round_id: int | None,
    source: str,
    fetched: Fetched,
    outcome: str,
    new_items: int = 0,
    sha: str = "",
    error: str = "",
) -> None:
    conn.execute(
        log_table.insert().values(
            round_id=round_id, source=source, url=fetched.url, fetched_at=utc_now(),
            status=fetched.status, outcome=outcome, bytes=fetched.size, new_items=new_items,
            attempts=fetched.attempts, sha256=sha or None, error=error or fetched.error,
        )
    )  # fmt: skip


def _upsert(
    conn: sa.Connection, table: sa.Table, key: dict[str, Any], values: dict[str, Any]
) -> None:
    """Insert or update by primary key; portable, and safe under the store's writer lock."""
    where = [table.c[k] == v for k, v in key.items()]
    if conn.execute(sa.select(*(table.c[k] for k in key)).where(*where)).first():
        conn.execute(table.update().where(*where).values(**values))
    else:
        conn.execute(table.insert().values(**key, **values))
