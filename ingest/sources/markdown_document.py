"""Markdown with YAML front matter (.md), as in the White House corpus: ``title``,
``date``/``published_time`` and ``source_url`` in the front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import Notice, RecordError, SourceError
from ..extract.documents import (
    extract_documents,
    leading_date,
    parse_published,
    read_source,
    title_from_path,
)
from ..extract.events import Document
from ..merge import GOVERNMENT_URL
from ..schema import Event

NAME = "markdown"
EXTENSIONS = (".md", ".markdown")
DESCRIPTION = "Markdown document with YAML front matter (title, date, source_url)"

_FRONT = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.S)


def sniff(head: str) -> bool:
    return True


def strip_markdown(text: str) -> str:
    text = re.sub(r"<[^>]{1,200}>", "", text)  # inline HTML such as <span ...>
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    return text.replace("\\", "")


def load(source: Path | str) -> tuple[Document, list[Notice]]:
    """The document a Markdown file holds, before extraction."""
    name, text, notices = read_source(source)
    meta: dict = {}
    m = _FRONT.match(text)
    if m:
        import yaml

        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            problem = f"front matter is not valid YAML ({str(exc).splitlines()[0]})"
            raise SourceError(name, problem) from None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end() :]
    date = parse_published(meta.get("date")) or parse_published(meta.get("published_time"))
    if date is None:
        date, text = leading_date(text)
    url = str(meta.get("source_url") or meta.get("url") or "")
    title = " ".join(str(meta.get("title") or "").split())
    if not title and isinstance(source, Path):
        title = title_from_path(source)
    document = Document(
        strip_markdown(text),
        title=title,
        url=url,
        published=date,
        file=name,
        adapter=NAME,
        government=bool(GOVERNMENT_URL.match(url)),
    )
    return document, notices


def parse(
    source: Path | str, *, published: object = None, **_: object
) -> Iterator[Event | Notice | RecordError]:
    def documents() -> Iterator[Document | Notice]:
        document, notices = load(source)
        yield from notices
        yield document

    yield from extract_documents(documents(), published)
