"""A fetched event's archived source: the route ``/archive/<sha256>`` serves the exact
bytes the tracker fetched, always as plain text (never rendered as HTML, never sniffed),
and the detail panel links each source whose file is in the archive."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from dash import html
from dash.development.base_component import Component

from ingest.fetch import ledger
from ingest.fetch.archive import SHA256, ArchiveError, read_verified, sha_in
from ingest.store import Store

MAX_BYTES = 50 * 1024 * 1024
_CHARSET = re.compile(r"charset=\"?([A-Za-z0-9._-]{1,40})", re.IGNORECASE)


def charset_of(content_type: str | None) -> str:
    """The charset a stored Content-Type names, if Python knows it; else utf-8."""
    m = _CHARSET.search(content_type or "")
    if m:
        try:
            codecs.lookup(m.group(1))
            return m.group(1).lower()
        except LookupError:
            pass
    return "utf-8"


def with_archived_copies(store: Store, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sources, each with ``archived_sha`` and ``archived_at`` when its file is an
    archived body."""
    shas = {i: sha_in(s.get("file")) for i, s in enumerate(sources)}
    found = ledger.archived_many(store.engine, [s for s in shas.values() if s])
    out = []
    for i, source in enumerate(sources):
        row = found.get(shas[i] or "")
        out.append(
            {**source, "archived_sha": row["sha256"], "archived_at": row["fetched_at"]}
            if row
            else source
        )
    return out


def archived_link(source: dict[str, Any]) -> Component | None:
    """'archived copy (fetched <time>)' for a source read from an archived body."""
    sha = source.get("archived_sha")
    if not sha or not SHA256.match(str(sha)):
        return None
    when = str(source.get("archived_at") or "").replace("T", " ").replace("Z", " UTC")
    return html.A(
        f"archived copy (fetched {when})",
        href=f"/archive/{sha}",
        target="_blank",
        rel="noopener noreferrer",
        className="archived-copy",
    )


def register_archive(server: Any, store: Store) -> None:
    from flask import Response, abort

    @server.route("/archive/<sha>")
    def archived_body(sha: str) -> Response:
        if not SHA256.match(sha):
            abort(404)
        row = ledger.archived(store.engine, sha)
        if row is None:
            abort(404)
        try:
            data = read_verified(Path(row["path"]), sha, MAX_BYTES)
        except ArchiveError as exc:
            return Response(f"{exc}\n", status=410, mimetype="text/plain")
        response = Response(data, status=200)
        response.headers["Content-Type"] = f"text/plain; charset={charset_of(row['content_type'])}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Disposition"] = f'inline; filename="{sha}.txt"'
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; sandbox; frame-ancestors 'none'"
        )
        response.headers["Cache-Control"] = "private, max-age=86400, immutable"
        return response
