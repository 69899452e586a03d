"""An RSS or Atom feed. The feed is fetched conditionally; when it changed, its new
entries become work items. A feed that carries each entry's full text (``content``) is
read by the feed adapter; one that carries only summaries has each new entry's page
fetched and read by the HTML adapter (``entries: auto | feed | page`` in sources.yaml).

Items are kept in the store (``fetch_items``): an entry seen once is never fetched
again; an entry whose page failed for a passing reason stays pending and is tried again
next round (even when the feed itself answers 304); a page that is gone (404, 410) is
reported once and not asked for again.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from . import ledger
from .config import Source
from .http import Fetched
from .pages import HTML_ACCEPT, conditional, fetch_document
from .storing import RoundContext, SourceReport, log_only, store_body

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
MAX_ATTEMPTS = 5  # rounds an entry page may fail for a passing reason before it is given up
GONE = (404, 410)


def feed_entries(body: bytes) -> tuple[list[dict[str, Any]], str]:
    """(entries, problem) of a feed body: each entry's key, link and whether the feed
    carries its full text."""
    import feedparser

    parsed = feedparser.parse(body)
    entries = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = str(entry.get("link") or "").strip()
        key = str(entry.get("id") or link or entry.get("title") or f"entry{number}").strip()
        has_text = any(str(c.get("value") or "").strip() for c in entry.get("content") or [])
        entries.append({"key": key, "link": link, "full": has_text})
    problem = ""
    if not entries:
        problem = (
            f"not a readable feed ({parsed.get('bozo_exception')})"
            if parsed.get("bozo")
            else "the feed has no entries"
        )
    return entries, problem


def _site(host: str) -> str:
    """www.state.gov -> state.gov; an address or a one-label host stays as it is."""
    labels = host.lower().split(".")
    if len(labels) <= 2 or host.replace(".", "").isdigit():
        return host.lower()
    return ".".join(labels[-2:])


def same_site(link: str, feed_url: str) -> bool:
    """An entry's page is fetched only from the feed's own site: a feed cannot make the
    tracker ask other hosts (an intranet address, say) for anything."""
    parts, feed = urlsplit(link), urlsplit(feed_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or not feed.hostname:
        return False
    return _site(parts.hostname) == _site(feed.hostname)


def run_feed(ctx: RoundContext, source: Source, report: SourceReport) -> None:
    v = conditional(ctx, source.url)
    fetched = ctx.client.get(
        source.url, etag=v.get("etag"), last_modified=v.get("last_modified"),
        accept=FEED_ACCEPT, settings=source.http,
    )  # fmt: skip
    if fetched.not_modified:
        report.not_modified += 1
        log_only(ctx, source, fetched, "not_modified")
    elif not fetched.ok:
        report.errors.append(f"{source.url}: {fetched.error}")
        if fetched.body:
            store_body(ctx, source, report, fetched, adapter="", ext=".txt")
        else:
            log_only(ctx, source, fetched, "error")
    else:
        _changed_feed(ctx, source, report, fetched, v.get("sha256"))
    _pending_pages(ctx, source, report)


def _changed_feed(ctx, source, report, fetched, previous_sha) -> None:  # type: ignore[no-untyped-def]
    sha = hashlib.sha256(fetched.body or b"").hexdigest()
    if previous_sha == sha:
        log_only(ctx, source, fetched, "unchanged",
                 extra=lambda conn: ledger.save_validators(conn, fetched, sha))  # fmt: skip
        return
    entries, problem = feed_entries(fetched.body or b"")
    mode = source.entries
    if mode == "auto":
        mode = "feed" if entries and all(e["full"] for e in entries) else "page"
    if problem or mode == "feed":
        # Read by the feed adapter (which also says precisely why a feed is unreadable).
        def done(conn: sa.Connection, failed: bool) -> None:
            if not failed:
                ledger.save_validators(conn, fetched, sha)
                for e in entries:
                    ledger.set_item(conn, source.name, e["key"], e["link"], "done", sha=sha)

        store_body(ctx, source, report, fetched, adapter="feed", ext=".xml", extra=done)
        return
    links = [(e["key"], e["link"]) for e in entries if same_site(e["link"], source.url)]
    skipped = len(entries) - len(links)
    if skipped:
        report.notes.append(
            f"{source.url}: {skipped} entr(y/ies) skipped: no http(s) link on the feed's own site"
        )

    def queue(conn: sa.Connection, _failed: bool) -> None:
        ledger.save_validators(conn, fetched, sha)
        added = ledger.add_pending(conn, source.name, links)
        if added:
            ctx.say(f"{source.name}: {added} new entr{'y' if added == 1 else 'ies'}")

    # The feed itself is archived (every fetched byte is kept) but not read: its entries'
    # pages are, and reading both would count each report twice.
    store_body(ctx, source, report, fetched, adapter="", ext=".xml", extra=queue)


def _pending_pages(ctx: RoundContext, source: Source, report: SourceReport) -> None:
    pending = sorted(
        (
            i
            for i in ledger.items(ctx.store.engine, source.name).values()
            if i["state"] == "pending"
        ),
        key=lambda i: (i["first_seen"] or "", i["item_key"]),
    )
    for item in pending:

        def after(conn: sa.Connection, outcome: str, fetched: Fetched, sha: str,
                  item: dict[str, Any] = item) -> None:  # fmt: skip
            state, error = "done", ""
            if outcome == "failed":
                state, error = "failed", "the page could not be read"
            elif outcome == "error":
                error = fetched.error
                tries = int(item["attempts"] or 0) + 1
                if fetched.status in GONE:
                    state = "gone"
                    report.errors[-1] += ": the entry's page is gone; it is not asked for again"
                elif tries >= MAX_ATTEMPTS:
                    state = "failed"
                    report.errors[-1] += f" (failed in {tries} rounds; given up)"
                else:
                    state = "pending"  # tried again next round
            ledger.set_item(conn, source.name, item["item_key"], item["url"], state,
                            sha=sha, error=error)  # fmt: skip

        fetch_document(
            ctx, source, report, item["url"], adapter="html", accept=HTML_ACCEPT,
            default_ext=".html", after=after,
        )  # fmt: skip
