"""A page that changes in place (the State Department's FTO list): fetched conditionally,
read by its adapter only when its bytes changed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from . import ledger
from .archive import extension
from .config import Source
from .http import Fetched
from .storing import RoundContext, SourceReport, log_only, store_body

HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def conditional(ctx: RoundContext, url: str) -> dict[str, str | None]:
    """The validators to send for ``url``: only while the body they describe is archived
    (a 304 must never leave the tracker without the bytes it stands for)."""
    v = ledger.validators(ctx.store.engine, url)
    if not v or not v.get("sha256"):
        return {}
    row = ledger.archived(ctx.store.engine, v["sha256"])
    if not row:
        return {}
    if not Path(row["path"]).exists():
        return {}
    return {"etag": v.get("etag"), "last_modified": v.get("last_modified"), "sha256": v["sha256"]}


# Called inside the transaction that records a request: (conn, outcome, fetched, sha256).
After = Callable[[sa.Connection, str, Fetched, str], None]


def fetch_document(
    ctx: RoundContext,
    source: Source,
    report: SourceReport,
    url: str,
    *,
    adapter: str,
    accept: str,
    default_ext: str,
    after: After | None = None,
) -> tuple[str, Fetched]:
    """Fetch ``url`` conditionally and store a changed body read by ``adapter``. The
    outcome is 'not_modified', 'unchanged' (the same bytes again), 'stored', 'failed'
    (stored but unreadable) or 'error' (no usable answer)."""
    v = conditional(ctx, url)
    fetched = ctx.client.get(
        url, etag=v.get("etag"), last_modified=v.get("last_modified"), accept=accept,
        settings=source.http,
    )  # fmt: skip

    def then(outcome: str, sha: str = "") -> Callable[[sa.Connection], None]:
        def run(conn: sa.Connection) -> None:
            if outcome in ("unchanged", "stored"):
                ledger.save_validators(conn, fetched, sha)
            if after:
                after(conn, outcome, fetched, sha)

        return run

    if fetched.not_modified:
        report.not_modified += 1
        log_only(
            ctx,
            source,
            fetched,
            "not_modified",
            extra=then("not_modified", str(v.get("sha256") or "")),
        )
        return "not_modified", fetched
    if not fetched.ok:
        report.errors.append(f"{url}: {fetched.error}")
        if fetched.body:  # the server's answer is kept too, unread
            store_body(ctx, source, report, fetched, adapter="", ext=".txt",
                       extra=lambda conn, _f: then("error")(conn))  # fmt: skip
        else:
            log_only(ctx, source, fetched, "error", extra=then("error"))
        return "error", fetched
    sha = hashlib.sha256(fetched.body or b"").hexdigest()
    if v.get("sha256") == sha:  # the server ignores conditional requests; nothing changed
        log_only(ctx, source, fetched, "unchanged", extra=then("unchanged", sha))
        return "unchanged", fetched
    ext = extension(fetched.headers.get("content-type", ""), default_ext)
    outcome = {"value": "stored"}

    def extra(conn: sa.Connection, failed: bool) -> None:
        # An unreadable body keeps no validators: it is asked for in full again next round.
        outcome["value"] = "failed" if failed else "stored"
        then(outcome["value"], sha)(conn)

    store_body(ctx, source, report, fetched, adapter=adapter, ext=ext, extra=extra)
    return outcome["value"], fetched


def run_page(ctx: RoundContext, source: Source, report: SourceReport) -> None:
    fetch_document(
        ctx, source, report, source.url, adapter=source.adapter, accept=HTML_ACCEPT,
        default_ext=".html",
    )  # fmt: skip
