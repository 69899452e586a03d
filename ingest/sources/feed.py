"""RSS and Atom feeds (.xml, .rss, .atom): each entry is a document with its own title,
link and publication date. Entries with no text are skipped with a note."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date as Date
from pathlib import Path

from ..errors import Notice, RecordError, SourceError
from ..extract.documents import MAX_BYTES as DOCUMENT_MAX_BYTES
from ..extract.documents import extract_documents, parse_published, read_source
from ..extract.events import Document, Explanation
from ..schema import Event

NAME = "feed"
EXTENSIONS = (".xml", ".rss", ".atom", ".rdf")
DESCRIPTION = "RSS or Atom feed; every entry is an article with its own date and link"
MAX_BYTES = DOCUMENT_MAX_BYTES

_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def sniff(head: str) -> bool:
    return bool(_FEED.search(head))


def _text(html: str) -> str:
    if "<" not in html:
        return html
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html).text_content()
    except Exception:  # lxml rejects some fragments; tags stripped by hand then
        return re.sub(r"<[^>]+>", " ", html)


def _entry_date(entry) -> Date | None:  # type: ignore[no-untyped-def]
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                day = parse_published(Date(value.tm_year, value.tm_mon, value.tm_mday))
            except (ValueError, AttributeError, TypeError, OverflowError):
                continue
            if day is not None:
                return day
    return None


def parse(
    source: Path | str,
    *,
    published: object = None,
    explanations: list[tuple[Document, Explanation]] | None = None,
    **_: object,
) -> Iterator[Event | Notice | RecordError]:
    def documents() -> Iterator[Document | Notice | RecordError]:
        import feedparser

        name, text, notices = read_source(source)
        yield from notices
        feed = feedparser.parse(text)
        if not feed.entries:
            problem = (
                f"not a readable feed ({feed.get('bozo_exception')})"
                if feed.get("bozo")
                else "feed has no entries"
            )
            raise SourceError(name, problem)
        if feed.get("bozo"):
            yield Notice(
                name,
                f"feed is not well-formed XML ({feed.get('bozo_exception')}); read what could be read",
            )
        for number, entry in enumerate(feed.entries, start=1):
            title = " ".join(str(entry.get("title") or "").split())
            body = ""
            if entry.get("content"):
                body = " ".join(_text(c.get("value", "")) for c in entry["content"])
            body = body or _text(str(entry.get("summary") or entry.get("description") or ""))
            if not (title or body.strip()):
                yield RecordError(
                    name, None, f"entry {number}", "", "entry has neither a title nor text"
                )
                continue
            when = _entry_date(entry)
            if when is None:
                yield Notice(
                    name,
                    f"entry {number} ({title[:60]!r}) has no date; relative dates in it stay unresolved",
                )
            yield Document(
                f"{title}.\n\n{body}"
                if title and not title.endswith((".", "!", "?"))
                else f"{title}\n\n{body}",
                title=title,
                url=str(entry.get("link") or ""),
                published=when,
                file=f"{name}#entry{number}",
                adapter=NAME,
            )

    yield from extract_documents(documents(), published, explanations)
