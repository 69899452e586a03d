"""Reading source files as text, with errors that say where the bytes went wrong."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import SourceError

MB = 1024 * 1024


def check_readable(path: Path) -> int:
    """The size of a regular file that can be opened for reading; SourceError otherwise.

    FIFOs, devices and sockets are refused by name before anything opens them (reading a
    FIFO would wait for a writer forever; a device may never end)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise SourceError(str(path), "no such file (or a broken link)") from None
    except OSError as exc:
        raise SourceError(str(path), f"cannot be examined ({exc.strerror})") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise SourceError(str(path), "is a folder", "pass folders to ingest, not to extract")
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
        )  # fmt: skip
        raise SourceError(str(path), f"is {kind}, not a file", "only regular files are read")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise SourceError(
            str(path), f"cannot be read ({exc.strerror})", "check its permissions"
        ) from None
    return info.st_size


def read_bytes(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """At most ``max_bytes`` of a regular file; SourceError when it is larger, so that no
    read is unbounded."""
    size = check_readable(path)
    if size > max_bytes:
        raise SourceError(
            str(path),
            f"too large for a {what} ({size / MB:.1f} MB > {max_bytes / MB:.0f} MB)",
            "split it into smaller files",
        )
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while we read it
        raise SourceError(str(path), f"too large for a {what} (over {max_bytes / MB:.0f} MB)")
    return data


def read_text(path: Path, max_bytes: int = 256 * MB, what: str = "file") -> str:
    """The file decoded as UTF-8 (a byte-order mark is dropped).

    Raises SourceError for an empty or oversized file, or bytes that are not UTF-8, naming
    the line.
    """
    data = read_bytes(path, max_bytes, what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            str(path),
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line}",
            "re-save the file as UTF-8",
        ) from None
    if not text.strip():  # nothing, or only a byte-order mark and blanks
        raise SourceError(str(path), "file is empty", "nothing to ingest")
    return text


def head(path: Path, size: int = 65536) -> str:
    """The first bytes of a file as text, for format sniffing; never raises on bad bytes
    (an unreadable file gives '', and reading it properly then says why)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        with path.open("rb") as fh:
            return fh.read(size).decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError:
        return ""
