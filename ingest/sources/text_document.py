"""Plain-text articles (.txt). The publication date comes from a leading date line
("date 2025-08-08 ...") or from --published; the title from the file name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import Notice, RecordError
from ..extract.documents import MAX_BYTES as DOCUMENT_MAX_BYTES
from ..extract.documents import extract_documents, leading_date, read_source, title_from_path
from ..extract.events import Document, Explanation
from ..schema import Event

NAME = "text"
EXTENSIONS = (".txt", ".text")
DESCRIPTION = "Plain-text article; leading 'date YYYY-MM-DD' line or --published dates it"
MAX_BYTES = DOCUMENT_MAX_BYTES


def sniff(head: str) -> bool:
    return True


def parse(
    source: Path | str,
    *,
    published: object = None,
    explanations: list[tuple[Document, Explanation]] | None = None,
    **_: object,
) -> Iterator[Event | Notice | RecordError]:
    def documents() -> Iterator[Document | Notice]:
        name, text, notices = read_source(source)
        yield from notices
        title = title_from_path(source) if isinstance(source, Path) else ""
        date, body = leading_date(text)
        yield Document(body, title=title, published=date, file=name, adapter=NAME)

    yield from extract_documents(documents(), published, explanations)
