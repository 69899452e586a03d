"""Markdown with YAML front matter (.md), as in the White House corpus: ``title``,
``date``/``published_time`` and ``source_url`` in the front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
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

NAME = "markdown"
EXTENSIONS = (".md", ".markdown")
DESCRIPTION = "Markdown document with YAML front matter (title, date, source_url)"
MAX_BYTES = DOCUMENT_MAX_BYTES

_FRONT = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.S)


def sniff(head: str) -> bool:
    return True


# Every pattern is bounded or anchored so that stripping stays linear on hostile text
# ("*a " or "[" repeated a million times): link texts and targets up to 500 characters,
# emphasis within one line and 500 characters, quote marks at a line's start only.
_INLINE_HTML = re.compile(r"<[^<>\n]{1,200}>")
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,500}\)")
_LINK = re.compile(r"(?<!\\)\[([^\[\]\n]{1,500})\]\([^()\n]{0,500}\)")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]*", re.M)
# One pattern per marker, its content free of that marker: "*a *a *a" fails at the next
# star instead of scanning on (constant work per star).
_EMPHASIS = [
    re.compile(rf"{before}{re.escape(m)}(?=[^\s{c}])([^{c}\n]{{1,500}}?)(?<=[^\s{c}]){re.escape(m)}{after}")
    for m, c, before, after in (
        ("**", r"\*", "", ""), ("__", "_", r"(?<!\w)", r"(?!\w)"),
        ("*", r"\*", "", ""), ("_", "_", r"(?<!\w)", r"(?!\w)"),
    )
]  # fmt: skip
_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)


def strip_markdown(text: str) -> str:
    text = _INLINE_HTML.sub("", text)  # inline HTML such as <span ...>
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)  # links keep their text
    text = _HEADING.sub("", text)
    for emphasis in _EMPHASIS:
        text = emphasis.sub(r"\1", text)
    text = _QUOTE.sub("", text)
    return text.replace("\\", "")


@lru_cache(maxsize=1)
def _front_matter_loader() -> type:
    """PyYAML's safe loader, except that dates stay text: its own date reading raises on
    "2025-13-01" before we can tell that one value apart from the whole front matter."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        pass

    FrontMatterLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return FrontMatterLoader


def _scalar(value: object) -> str:
    """A front-matter value as text when it is a single value; lists and mappings (which a
    YAML alias can make exponentially large when written out) count as absent."""
    if value is None or isinstance(value, (list, dict, set, tuple)):
        return ""
    return str(value)


def _published(value: object) -> date | None:
    """A front-matter date; an impossible one ("2025-13-01") counts as absent."""
    if isinstance(value, (date, datetime)):
        return parse_published(value)
    text = _scalar(value).strip()
    if not text:
        return None
    try:
        return parse_published(text)
    except (ValueError, OverflowError):
        return None


def load(source: Path | str) -> tuple[Document, list[Notice]]:
    """The document a Markdown file holds, before extraction."""
    name, text, notices = read_source(source)
    meta: dict = {}
    m = _FRONT.match(text)
    if m:
        import yaml

        try:
            loaded = yaml.load(m.group(1), Loader=_front_matter_loader())  # noqa: S506 (safe)
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
            problem = f"front matter is not valid YAML ({str(exc).splitlines()[0]})"
            raise SourceError(name, problem) from None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end() :]
    date = _published(meta.get("date")) or _published(meta.get("published_time"))
    if date is None:
        date, text = leading_date(text)
    url = _scalar(meta.get("source_url")) or _scalar(meta.get("url"))
    title = " ".join(_scalar(meta.get("title")).split())
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
    source: Path | str,
    *,
    published: object = None,
    explanations: list[tuple[Document, Explanation]] | None = None,
    **_: object,
) -> Iterator[Event | Notice | RecordError]:
    def documents() -> Iterator[Document | Notice]:
        document, notices = load(source)
        yield from notices
        yield document

    yield from extract_documents(documents(), published, explanations)
