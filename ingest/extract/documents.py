"""Reading documents (text, Markdown, HTML, feeds) for the extractor: decoding with clear
errors, publication dates from leading date lines, and the shared adapter loop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date as Date
from pathlib import Path

from ..errors import Notice, RecordError, SourceError
from ..schema import Event, PartialDate
from .events import Document, Extractor

MAX_BYTES = 20 * 1024 * 1024
_DATE_LINE = re.compile(
    r"^\s*(?:date|published|fecha|publicado)?\s*[:=]?\s*(\d{4}-\d{2}-\d{2})(?:T[\d:.+\-]*Z?)?\s+",
    re.IGNORECASE,
)


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, list[Notice]]:
    """The file as text. Binary files and oversized files raise SourceError; lines that
    are not UTF-8 are decoded as Windows-1252 with a notice, so nothing is lost."""
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(
            str(path),
            f"too large for a document ({size / 1048576:.0f} MB > {max_bytes / 1048576:.0f} MB)",
            "split it into separate articles",
        )
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(str(path), "file is empty", "nothing to ingest")
    if b"\x00" in data[:8192]:
        raise SourceError(
            str(path), "binary file, not text", "convert it to text, HTML or PDF text first"
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    lines, bad = [], 0
    for raw in data.splitlines(keepends=True):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            bad += 1
    notice = Notice(str(path), f"{bad} line(s) were not UTF-8 and were read as Windows-1252")
    return "".join(lines).lstrip("\ufeff"), [notice]


def read_source(source: Path | str) -> tuple[str, str, list[Notice]]:
    """(name, text, notices) for an adapter's ``source``: a file to read, or the text."""
    if isinstance(source, Path):
        text, notices = read_document(source)
        return str(source), text, notices
    return "<text>", source, []


def leading_date(text: str) -> tuple[Date | None, str]:
    """A date line at the very start ("date 2025-08-08 ..."): the date and the rest."""
    m = _DATE_LINE.match(text)
    if not m:
        return None, text
    try:
        return PartialDate.parse(m.group(1)).start, text[m.end() :]
    except ValueError:
        return None, text


def parse_published(value: object) -> Date | None:
    """--published and metadata values: a date, a datetime, or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, Date):
        return value if type(value) is Date else value.date()  # type: ignore[attr-defined]
    text = str(value).strip()
    try:
        return PartialDate.parse(text[:10]).start
    except ValueError:
        pass
    # Metadata in other forms ("Mon, 15 Sep 2025 18:00:00 GMT", "15 de septiembre de 2025").
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en", "es"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None


def title_from_path(path: Path) -> str:
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[_-]", "", path.stem)
    return re.sub(r"[_-]+", " ", stem).strip().capitalize() or path.name


def extract_documents(
    documents: Iterator[Document | Notice | RecordError], published: object = None
) -> Iterator[Event | Notice | RecordError]:
    """The adapter loop: run the extractor over each document, pass notices through."""
    extractor = Extractor()
    forced = parse_published(published)
    for doc in documents:
        if not isinstance(doc, Document):
            yield doc
            continue
        if forced is not None:
            doc.published = forced
        yield from extractor.extract(doc)
        for note in doc.notes:
            yield Notice(doc.file, note)
