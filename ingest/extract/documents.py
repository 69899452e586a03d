"""Reading documents (text, Markdown, HTML, feeds) for the extractor: decoding with clear
errors, publication dates from leading date lines, and the shared adapter loop."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date as Date
from pathlib import Path

from ..errors import Notice, RecordError, SourceError
from ..schema import MAX_YEAR, MIN_YEAR, Event, PartialDate
from ..textfile import MB, read_bytes
from .events import Document, Explanation, Extractor

MAX_BYTES = 20 * MB  # a document larger than this is not an article
_DATE_LINE = re.compile(
    r"^[ \t\r\n]{0,200}(?:(?:date|published|fecha|publicado)[ \t]{0,20}[:=]?[ \t]{0,20})?"
    r"(\d{4}-\d{2}-\d{2})(?:T[\d:.+\-]{0,40}Z?)?\s",
    re.IGNORECASE,
)


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, list[Notice]]:
    """The file as text. Binary files and oversized files raise SourceError; lines that
    are not UTF-8 are decoded as Windows-1252 with a notice, so nothing is lost."""
    data = read_bytes(path, max_bytes, "document")
    if not data.strip():
        raise SourceError(str(path), "file is empty", "nothing to ingest")
    if _looks_binary(data[:8192]):
        raise SourceError(
            str(path), "binary file, not text", "convert it to text, HTML or PDF text first"
        )
    try:
        return _visible(data.decode("utf-8-sig")), []
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
    return _visible("".join(lines).lstrip("\ufeff")), [notice]


_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def _looks_binary(sample: bytes) -> bool:
    """A known binary signature, NUL bytes in more than 1% of the sample (UTF-16 text),
    or control characters in more than 5% (images, archives, random bytes). One stray NUL
    in a text file does not make it binary."""
    if sample.startswith(_BINARY_SIGNATURES) or sample.count(b"\x00") > len(sample) // 100:
        return True
    return len(sample) - len(sample.translate(None, _CONTROL)) > len(sample) // 20


def _visible(text: str) -> str:
    """NUL characters shown as U+FFFD: parsers and databases refuse them in text."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


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


_ISO_SHAPE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?!\d)")


def parse_published(value: object) -> Date | None:
    """--published and metadata values: a date, a datetime, or an ISO string. None when
    there is none, or it is not a real date within the supported years."""
    if value is None or value == "":
        return None
    if isinstance(value, Date):
        day = value if type(value) is Date else value.date()  # type: ignore[attr-defined]
        return day if MIN_YEAR <= day.year <= MAX_YEAR else None
    text = str(value).strip()[:200]  # metadata, not a document: a date is short
    try:
        return PartialDate.parse(text[:10]).start
    except ValueError:
        if _ISO_SHAPE.match(text):
            return None  # "2025-13-01" is no date; dateparser would read it as 13 January
    # Metadata in other forms ("Mon, 15 Sep 2025 18:00:00 GMT", "15 de septiembre de 2025").
    import dateparser

    try:
        parsed = dateparser.parse(
            text, languages=["en", "es"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
        )
    except (ValueError, OverflowError):
        return None
    return parse_published(parsed.date()) if parsed else None


def title_from_path(path: Path) -> str:
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[_-]", "", path.stem)
    return re.sub(r"[_-]+", " ", stem).strip().capitalize() or path.name


def extract_documents(
    documents: Iterator[Document | Notice | RecordError],
    published: object = None,
    explanations: list[tuple[Document, Explanation]] | None = None,
) -> Iterator[Event | Notice | RecordError]:
    """The adapter loop: run the extractor over each document, pass notices through.
    With ``explanations``, each document's Explanation is appended to it (--explain)."""
    extractor = Extractor()
    forced = parse_published(published)
    for doc in documents:
        if not isinstance(doc, Document):
            yield doc
            continue
        if forced is not None:
            doc.published = forced
        explanation = extractor.explain(doc)
        if explanations is not None:
            explanations.append((doc, explanation))
        for event, _frame in explanation.events:
            yield event
        for note in doc.notes:
            yield Notice(doc.file, note)
