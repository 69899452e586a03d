"""Source adapters: one module per input format, all registered here.

Every adapter module provides:

- ``NAME``: the format name used by ``--format``;
- ``EXTENSIONS``: file name endings it reads (lower case, with the dot);
- ``DESCRIPTION``: one line for ``policy-timeline formats``;
- ``MAX_BYTES``: the largest file it reads (larger ones are refused before reading);
- ``sniff(head: str) -> bool``: True when the start of a file looks like this format;
- ``parse(source, **options) -> Iterator[Event | RecordError | Notice]``: ``source`` is a
  ``Path`` (read the file) or a ``str`` (the content itself). Bad records are yielded as
  ``RecordError`` so the rest of the file still parses; things worth telling that are
  not errors (no publication date) as ``Notice``; a file that cannot be read at all
  raises ``SourceError``. Document adapters take ``published=`` (``--published``).

To add a format: write ``ingest/sources/<name>.py`` with the six names above, add it to
``_MODULES`` below, and add a fixture and a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Protocol

from ..errors import Notice, RecordError
from ..schema import Event
from ..textfile import head
from . import (
    curated_csv,
    federal_register,
    feed,
    fto_list,
    html_page,
    markdown_document,
    text_document,
)


class Adapter(Protocol):
    NAME: str
    EXTENSIONS: tuple[str, ...]
    DESCRIPTION: str
    MAX_BYTES: int

    def sniff(self, head: str) -> bool: ...

    def parse(
        self, source: Path | str, **options: object
    ) -> Iterator[Event | RecordError | Notice]: ...


# Order matters for detection: more specific formats before general ones.
_MODULES: tuple[ModuleType, ...] = (
    federal_register,
    fto_list,
    curated_csv,
    markdown_document,
    feed,
    html_page,
    text_document,
)
ADAPTERS: dict[str, Adapter] = {m.NAME: m for m in _MODULES}  # type: ignore[misc]


def get_adapter(name: str) -> Adapter:
    try:
        return ADAPTERS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; known formats: {', '.join(ADAPTERS)}") from None


def detect_format(path: Path) -> Adapter | None:
    """The adapter for a file, from its extension and, among candidates, its content."""
    name = path.name.lower()
    candidates = [a for a in ADAPTERS.values() if name.endswith(a.EXTENSIONS)]
    if not candidates:
        return None
    text = head(path)
    for adapter in candidates:
        if adapter.sniff(text):
            return adapter
    # No content match: the most general adapter for the extension (listed last) will
    # say precisely what is wrong.
    return candidates[-1]
