"""Substring search over one folded text per event, fast enough for a million events.

Every event's text (its title and evidence, and every source's title and quote) is folded
once (case and accents, as ``schema.fold``) and stored as UTF-8 in a ``TextColumn`` (a few
large byte strings, rows separated by NUL). A search is then ``bytes.find`` over those
strings (the C substring search; UTF-8 keeps a folded needle a byte substring of the texts
that contain it), or, when the other filters left few rows, a check of those rows' slices
only. No per-query index to build, linear in the text, bounded memory (about one byte per
ASCII character). New events are appended without copying the rest (``with_texts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .index.textcolumn import TextColumn
from .schema import fold


def search_fold(text: str) -> str:
    """``schema.fold`` with a fast path for ASCII text (most of it): same result."""
    if text.isascii():
        return " ".join(text.split()).lower()
    return fold(text)


def search_bytes(text: str) -> bytes:
    """The stored form of a text: folded, NUL-free UTF-8."""
    return search_fold(text).replace("\x00", " ").encode("utf-8")


class TextIndex:
    """Folded texts by slot (rows of ``texts`` are slots 0..n-1), searchable."""

    def __init__(self, texts: Iterable[str] = (), column: TextColumn | None = None):
        self.column = column or TextColumn.of([search_bytes(t) for t in texts])

    def __len__(self) -> int:
        return int((self.column.part_of >= 0).sum())

    @property
    def nbytes(self) -> int:
        return self.column.nbytes

    def with_texts(self, slots: np.ndarray, texts: Sequence[str]) -> TextIndex:
        return TextIndex(column=self.column.with_texts(slots, [search_bytes(t) for t in texts]))

    def rows_with(self, needle: str, among: np.ndarray | None = None) -> np.ndarray:
        """Slots (ascending, or in the order of ``among``) whose text contains ``needle``
        after folding; ``among`` limits the search to those slots."""
        key = search_bytes(needle)
        if among is not None and not len(among):
            return among
        if not key:
            return np.flatnonzero(self.column.part_of >= 0) if among is None else among
        if among is not None and self._cheaper_per_row(among):
            return among[self._check(key, among)]
        hit = np.zeros(len(self.column.part_of), dtype=bool)
        for part in self.column.parts:
            hit[part.slots[self._scan(part.blob, part.ends, key)]] = True
        return np.flatnonzero(hit) if among is None else among[hit[among]]

    def _cheaper_per_row(self, among: np.ndarray) -> bool:
        # A row check costs a Python call; the scan costs the whole text once.
        total = sum(len(p.blob) for p in self.column.parts)
        average = total / max(len(self.column.part_of), 1)
        return len(among) * (average + 400) < total

    def _check(self, key: bytes, among: np.ndarray) -> np.ndarray:
        col = self.column
        parts = [(p.blob, p.starts, p.ends) for p in col.parts]
        part_of, row_of = col.part_of[among].tolist(), col.row_of[among].tolist()
        keep = np.zeros(len(among), dtype=bool)
        for i, (number, row) in enumerate(zip(part_of, row_of, strict=True)):
            if number >= 0:
                blob, starts, ends = parts[number]
                keep[i] = blob.find(key, starts[row], ends[row]) >= 0
        return keep

    @staticmethod
    def _scan(blob: bytes, ends: np.ndarray, key: bytes) -> np.ndarray:
        found: list[int] = []
        position = blob.find(key)
        while position >= 0:
            row = int(np.searchsorted(ends, position, side="left"))
            found.append(row)
            # Skip the rest of this row: a row counts once however often it matches.
            position = blob.find(key, int(ends[row]) + 1)
        return np.asarray(found, dtype=np.int64)
