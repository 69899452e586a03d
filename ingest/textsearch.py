"""Substring search over one folded text per event, fast enough for a million events.

Every event's text (its title and evidence, and every source's title and quote) is folded
once (case and accents, as ``schema.fold``) and stored in one UTF-8 byte string, rows
separated by NUL. A search is then ``bytes.find`` over that string (the C substring
search; UTF-8 keeps a folded needle a byte substring of the texts that contain it), or,
when the other filters left few rows, a check of those rows' slices only. No per-query
index to build, linear in the text, bounded memory (about one byte per ASCII character).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .schema import fold

_SEPARATOR = b"\x00"


def search_fold(text: str) -> str:
    """``schema.fold`` with a fast path for ASCII text (most of it): same result."""
    if text.isascii():
        return " ".join(text.split()).lower()
    return fold(text)


class TextIndex:
    def __init__(self, texts: Iterable[str]):
        parts = [search_fold(t).replace("\x00", " ").encode("utf-8") for t in texts]
        self.blob = _SEPARATOR.join(parts) + _SEPARATOR
        lengths = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
        ends = np.cumsum(lengths)
        self.starts = ends - lengths
        self.ends = ends - 1  # position of each row's separator
        self.size = len(parts)

    def __len__(self) -> int:
        return self.size

    def rows_with(self, needle: str, among: np.ndarray | None = None) -> np.ndarray:
        """Row numbers (ascending, or in the order of ``among``) whose text contains
        ``needle`` after folding; ``among`` limits the search to those rows."""
        key = search_fold(needle).replace("\x00", " ").encode("utf-8")
        if among is not None and not len(among):
            return among
        if not key:
            return np.arange(self.size) if among is None else among
        if among is not None and self._cheaper_per_row(among):
            blob, starts, ends = self.blob, self.starts, self.ends
            keep = np.fromiter(
                (blob.find(key, starts[r], ends[r]) >= 0 for r in among.tolist()),
                dtype=bool,
                count=len(among),
            )
            return among[keep]
        hits = self._scan(key)
        if among is None:
            return hits
        return among[np.isin(among, hits, assume_unique=True)]

    def _cheaper_per_row(self, among: np.ndarray) -> bool:
        # A row check costs a Python call; the scan costs the whole text once.
        average = len(self.blob) / max(self.size, 1)
        return len(among) * (average + 400) < len(self.blob)

    def _scan(self, key: bytes) -> np.ndarray:
        blob, ends = self.blob, self.ends
        found: list[int] = []
        position = blob.find(key)
        while position >= 0:
            row = int(np.searchsorted(ends, position, side="left"))
            found.append(row)
            # Skip the rest of this row: a row counts once however often it matches.
            position = blob.find(key, int(ends[row]) + 1)
        return np.asarray(found, dtype=np.int64)
