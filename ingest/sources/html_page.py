"""HTML pages (.html, .htm): the main text (navigation, ads and footers dropped by
trafilatura) and the publication date from the page's metadata (article:published_time,
Open Graph, JSON-LD datePublished, <time>: htmldate reads them all)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Notice, RecordError, SourceError
from ..extract.documents import (
    MAX_BYTES as DOCUMENT_MAX_BYTES,
)
from ..extract.documents import (
    extract_documents,
    leading_date,
    parse_published,
    read_source,
    title_from_path,
)
from ..extract.events import Document, Explanation
from ..merge import GOVERNMENT_URL
from ..schema import Event

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")
DESCRIPTION = "HTML article or government page; main text and metadata publication date"
MAX_BYTES = DOCUMENT_MAX_BYTES

_HTML = re.compile(r"<(?:!doctype html|html|head|body|article|main|div|p)\b", re.IGNORECASE)


def sniff(head: str) -> bool:
    return bool(_HTML.search(head))


def page_document(html: str, name: str, fallback_title: str = "") -> Document:
    import trafilatura
    from htmldate import find_date

    text = (
        trafilatura.extract(
            html,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            # no deduplicate=True: its cache is process-wide, so a second read of the
            # same page would lose paragraphs and re-ingesting would not be a no-op
        )
        or ""
    )
    # A page whose "main text" is a few menu words has no article: say so, do not guess.
    if len(re.findall(r"[^\W\d_]{2,}", text)) < 8:
        raise SourceError(
            name, "no article text found in the HTML page", "is it a navigation or index page?"
        )
    text = text.replace("\n", "\n\n")  # trafilatura puts one block per line: keep headlines apart
    meta = trafilatura.extract_metadata(html)
    url = (getattr(meta, "url", None) or "") if meta else ""
    title = (getattr(meta, "title", None) or "") if meta else ""
    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd markup; a page without a date is still a page
        found = None
    published = parse_published(found)
    if published is None:
        published, text = leading_date(text)
    return Document(
        text,
        title=" ".join(title.split()) or fallback_title,
        url=url,
        published=published,
        file=name,
        adapter=NAME,
        government=bool(GOVERNMENT_URL.match(url)),
    )


def parse(
    source: Path | str,
    *,
    published: object = None,
    explanations: list[tuple[Document, Explanation]] | None = None,
    **_: object,
) -> Iterator[Event | Notice | RecordError]:
    def documents() -> Iterator[Document | Notice]:
        name, html, notices = read_source(source)
        yield from notices
        yield page_document(html, name, title_from_path(source) if isinstance(source, Path) else "")

    yield from extract_documents(documents(), published, explanations)
