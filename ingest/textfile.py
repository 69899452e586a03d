"""Reading source files as text, with errors that say where the bytes went wrong."""

from __future__ import annotations

from pathlib import Path

from .errors import SourceError


def read_text(path: Path) -> str:
    """The file decoded as UTF-8 (a byte-order mark is dropped).

    Raises SourceError for an empty file or bytes that are not UTF-8, naming the line.
    """
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(str(path), "file is empty", "nothing to ingest")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            str(path),
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}",
            "re-save the file as UTF-8",
        ) from None


def head(path: Path, size: int = 65536) -> str:
    """The first bytes of a file as text, for format sniffing; never raises on bad bytes."""
    with path.open("rb") as fh:
        return fh.read(size).decode("utf-8", errors="replace").lstrip("\ufeff")
