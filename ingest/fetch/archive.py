"""The archive: every fetched body on disk, content-addressed.

A body is stored once at ``<root>/<sha[:2]>/<sha256><ext>``, written to a temporary file,
flushed to disk and renamed into place, so a crash (kill -9) leaves either the whole file
or none. Its URL, fetch time, status and headers are rows of ``fetch_archive`` in the
store (``ledger.add_archive``), written in the same transaction as the events read from
it: the ``file`` of every event source names the archived path, which carries the sha256.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

SHA256 = re.compile(r"^[0-9a-f]{64}$")
_IN_NAME = re.compile(r"([0-9a-f]{64})(?:\.[a-z]{1,5})?(?:#.*)?$")
_EXTENSIONS = (
    ("json", ".json"),
    ("rss", ".xml"),
    ("atom", ".xml"),
    ("xml", ".xml"),
    ("html", ".html"),
    ("markdown", ".md"),
    ("csv", ".csv"),
    ("plain", ".txt"),
)


class ArchiveError(Exception):
    """An archived body is missing or is not the bytes it was stored as."""


def extension(content_type: str, default: str = ".bin") -> str:
    """The file extension for a Content-Type ('application/rss+xml' -> '.xml')."""
    kind = (content_type or "").split(";")[0].strip().lower()
    for word, ext in _EXTENSIONS:
        if word in kind:
            return ext
    return default


def sha_in(file: str | None) -> str | None:
    """The sha256 an archived file's name carries ('.../ab/ab12...ef.xml#entry3'), or None."""
    if not file:
        return None
    m = _IN_NAME.search(file.replace("\\", "/").rsplit("/", 1)[-1])
    return m.group(1) if m else None


class Archive:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path_for(self, sha: str, ext: str) -> Path:
        return self.root / sha[:2] / f"{sha}{ext}"

    def put(self, body: bytes, ext: str) -> tuple[str, Path]:
        """Store ``body`` (once); returns its sha256 and path."""
        sha = hashlib.sha256(body).hexdigest()
        path = self.path_for(sha, ext)
        if path.exists() and path.stat().st_size == len(body):
            return sha, path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=ext)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, path


def read_verified(path: Path, sha: str, max_bytes: int) -> bytes:
    """The archived bytes, checked against their sha256 (ArchiveError otherwise)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise ArchiveError(f"{path}: the archived body is missing") from None
    if size > max_bytes:
        raise ArchiveError(f"{path}: {size:,} bytes, more than {max_bytes:,}")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        raise ArchiveError(f"{path}: the file's bytes no longer match sha256 {sha}")
    return data
