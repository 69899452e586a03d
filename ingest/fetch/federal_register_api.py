"""A Federal Register API query (``/api/v1/documents.json``): terms, agencies, document
types and a publication date from the last fetch, followed across pages by the
``next_page_url`` each page gives; every page is read by the Federal Register adapter.

The cursor (``fetch_sources.cursor``) holds ``since`` (the query's
``conditions[publication_date][gte]``), ``newest`` (the latest publication date seen) and,
while a walk over the pages is not complete, ``next`` (the page to go on with). The query
keeps its URL while nothing new comes, so it is sent conditionally and answered 304; when
a round brings documents published after ``newest``, the next query starts at the
previous ``newest`` (documents published that day are read again: re-ingesting them is a
no-op), so the window stays short without ever skipping a day.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import sqlalchemy as sa

from . import ledger
from .archive import ArchiveError, read_verified
from .config import Source
from .http import Fetched
from .pages import conditional
from .storing import RoundContext, SourceReport, log_only, store_body

JSON_ACCEPT = "application/json"
# What the adapter reads (the API leaves most of these out unless asked).
FIELDS = (
    "abstract", "agencies", "citation", "document_number", "effective_on",
    "executive_order_number", "html_url", "president", "proclamation_number",
    "publication_date", "signing_date", "subtype", "title", "type",
)  # fmt: skip


def query_url(source: Source, since: str) -> str:
    params: list[tuple[str, str]] = []
    if source.term:
        params.append(("conditions[term]", source.term))
    params += [("conditions[agencies][]", a) for a in source.agencies]
    params += [("conditions[type][]", t) for t in source.types]
    if since:
        params.append(("conditions[publication_date][gte]", since))
    params += [("fields[]", f) for f in FIELDS]
    params += [("order", "newest"), ("per_page", str(source.per_page))]
    return f"{source.url}?{urlencode(params)}"


def _next_page(source: Source, data: Any) -> tuple[str | None, str]:
    """The next page's URL, or None; and a problem when the response names one that is
    not on the API's own host (never followed)."""
    url = data.get("next_page_url") if isinstance(data, dict) else None
    if not url:
        return None, ""
    ours, theirs = urlsplit(source.url), urlsplit(str(url))
    if (theirs.scheme, theirs.netloc) != (ours.scheme, ours.netloc) or not theirs.path.startswith(
        "/api/v1/documents"
    ):
        return None, f"next_page_url {str(url)[:120]!r} is not on {ours.netloc}; not followed"
    return str(url), ""


def _newest(data: Any) -> str:
    results = data.get("results") if isinstance(data, dict) else None
    dates = [
        str(r.get("publication_date") or "")
        for r in results or []
        if isinstance(r, dict) and r.get("publication_date")
    ]
    return max(dates, default="")


def run_federal_register(ctx: RoundContext, source: Source, report: SourceReport) -> None:
    engine = ctx.store.engine
    state = ledger.cursor(engine, source.name)
    since = state.get("since") or source.since
    walking = bool(state.get("next"))
    walk_newest = state.get("walk_newest", "") if walking else ""
    url: str | None = query_url(source, since)
    pages = 0
    while url:
        if pages == source.max_pages:
            report.notes.append(
                f"{source.name}: stopped after {pages} pages (max_pages); the next round goes on"
            )
            break
        pages += 1
        v = conditional(ctx, url)
        fetched = ctx.client.get(url, etag=v.get("etag"), last_modified=v.get("last_modified"),
                                 accept=JSON_ACCEPT, settings=source.http)  # fmt: skip
        if fetched.not_modified:
            report.not_modified += 1
            if pages == 1 and not walking:
                log_only(ctx, source, fetched, "not_modified")
                return  # the first page is as it was: nothing new
            known = str(v.get("sha256") or "")
            row = ledger.archived(engine, known)
            try:
                if row is None:
                    raise ArchiveError(f"no archived body {known}")
                data = json.loads(read_verified(Path(row["path"]), known, 1 << 30))
            except (ArchiveError, ValueError) as exc:
                report.errors.append(f"{url}: 304, but the archived page cannot be read: {exc}")
                log_only(ctx, source, fetched, "error")
                return
            next_url, problem = _next_page(source, data)
            walk_newest = max(walk_newest, _newest(data))
            cursor = _cursor(state, since, next_url, walk_newest)

            def keep(conn: sa.Connection, c: dict[str, Any] = cursor) -> None:
                ledger.set_cursor(conn, source.name, source.kind, c)

            log_only(ctx, source, fetched, "not_modified", extra=keep)
        elif not fetched.ok:
            report.errors.append(f"{url}: {fetched.error}")
            if fetched.body:
                store_body(ctx, source, report, fetched, adapter="", ext=".txt")
            else:
                log_only(ctx, source, fetched, "error")
            return
        else:
            sha = hashlib.sha256(fetched.body or b"").hexdigest()
            try:
                data = json.loads(fetched.body or b"")
            except ValueError:
                data = None  # the adapter reports precisely what is wrong with it
            next_url, problem = _next_page(source, data)
            walk_newest = max(walk_newest, _newest(data))
            cursor = _cursor(state, since, next_url, walk_newest)

            def extra(conn: sa.Connection, failed: bool, fetched: Fetched = fetched,
                      sha: str = sha, cursor: dict[str, Any] = cursor) -> None:  # fmt: skip
                if not failed:
                    ledger.save_validators(conn, fetched, sha)
                    ledger.set_cursor(conn, source.name, source.kind, cursor)

            if v.get("sha256") == sha:
                log_only(ctx, source, fetched, "unchanged", extra=lambda conn: extra(conn, False))
            else:
                _, read = store_body(ctx, source, report, fetched, adapter="federal_register",
                                     ext=".json", extra=extra)  # fmt: skip
                if read.failure:
                    return  # the cursor stays: the page is asked for again next round
        if problem:
            report.errors.append(f"{url}: {problem}")
        url = next_url


def _cursor(
    state: dict[str, Any], since: str, next_url: str | None, walk_newest: str
) -> dict[str, Any]:
    """The cursor after a page: mid-walk it remembers where to go on; after the last page
    it moves the window when the walk brought documents newer than any seen before."""
    newest = state.get("newest", "")
    if next_url:
        return {"since": since, "newest": newest, "next": next_url, "walk_newest": walk_newest}
    if walk_newest > newest:
        since = newest or since
        newest = walk_newest
    return {"since": since, "newest": newest}
