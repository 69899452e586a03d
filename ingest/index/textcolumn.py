"""One UTF-8 text per slot, kept as a few large byte strings ("parts"), appendable
without copying what is already stored.

A part holds the texts of some slots, NUL-separated, with each row's start and end and
the slot it belongs to. New slots go into a new part; the last two parts are merged
when the newer one has grown to a quarter of the older (like a binary counter), so a
store refreshed a thousand events at a time keeps two or three parts and re-copies each
byte O(log n) times over its life. Nothing is changed in place: a column and the column
made from it by ``with_texts`` share their parts, so a reader holding the older one is
never disturbed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SEPARATOR = b"\x00"


@dataclass(frozen=True)
class Part:
    blob: bytes  # rows joined by NUL, with a NUL after the last
    starts: np.ndarray  # int64: first byte of each row
    ends: np.ndarray  # int64: the NUL after each row
    slots: np.ndarray  # int32: the slot each row belongs to

    @classmethod
    def of(cls, slots: np.ndarray, texts: Sequence[bytes]) -> Part:
        blob = SEPARATOR.join(texts) + SEPARATOR if texts else b""
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        ends = np.cumsum(lengths)
        return cls(blob, ends - lengths, ends - 1, np.asarray(slots, dtype=np.int32))

    def __len__(self) -> int:
        return len(self.slots)

    def joined(self, other: Part) -> Part:
        shift = len(self.blob)
        return Part(
            self.blob + other.blob,
            np.concatenate([self.starts, other.starts + shift]),
            np.concatenate([self.ends, other.ends + shift]),
            np.concatenate([self.slots, other.slots]),
        )


class TextColumn:
    """Texts by slot. ``part_of[slot]`` and ``row_of[slot]`` say where a slot's text is
    (-1: the slot has none)."""

    def __init__(self, parts: tuple[Part, ...], part_of: np.ndarray, row_of: np.ndarray):
        self.parts = parts
        self.part_of = part_of
        self.row_of = row_of

    @classmethod
    def empty(cls) -> TextColumn:
        return cls((), np.empty(0, dtype=np.int16), np.empty(0, dtype=np.int32))

    @classmethod
    def of(cls, texts: Sequence[bytes], slots: np.ndarray | None = None) -> TextColumn:
        """Texts for ``slots`` (default 0..n-1)."""
        return cls.empty().with_texts(
            np.arange(len(texts)) if slots is None else np.asarray(slots), texts
        )

    @property
    def nbytes(self) -> int:
        return sum(len(p.blob) + p.starts.nbytes * 3 for p in self.parts) + self.row_of.nbytes * 2

    def text(self, slot: int) -> bytes:
        part = self.parts[self.part_of[slot]]
        row = self.row_of[slot]
        return part.blob[part.starts[row] : part.ends[row]]

    def by_slot(self) -> np.ndarray:
        """Every slot's text at once (an object array; None where a slot has none):
        whole parts split at C speed instead of a million ``text`` calls."""
        texts = np.full(len(self.part_of), None, dtype=object)
        for part in self.parts:
            rows = part.blob.split(SEPARATOR)[:-1]
            if len(rows) != len(part):  # a text holding a NUL: cut by the recorded ends
                cuts = zip(part.starts.tolist(), part.ends.tolist(), strict=True)
                rows = [part.blob[s:e] for s, e in cuts]
            column = np.empty(len(rows), dtype=object)
            column[:] = rows
            texts[part.slots] = column
        return texts

    def with_texts(self, slots: np.ndarray, texts: Sequence[bytes]) -> TextColumn:
        """A column that also holds ``texts`` for ``slots``, which must be new (a changed
        event gets a new slot: texts are never replaced)."""
        if not len(slots):
            return self
        parts = [*self.parts, Part.of(slots, texts)]
        while len(parts) > 1 and len(parts[-1]) * 4 >= len(parts[-2]):
            parts[-2:] = [parts[-2].joined(parts[-1])]
        size = max(len(self.part_of), int(np.max(slots)) + 1)
        part_of = np.full(size, -1, dtype=np.int16)
        row_of = np.full(size, -1, dtype=np.int32)
        part_of[: len(self.part_of)] = self.part_of
        row_of[: len(self.row_of)] = self.row_of
        # Only the merged or new parts are renumbered; the first ones keep their places.
        kept = 0
        while kept < min(len(parts), len(self.parts)) and parts[kept] is self.parts[kept]:
            kept += 1
        for number in range(kept, len(parts)):
            part = parts[number]
            part_of[part.slots] = number
            row_of[part.slots] = np.arange(len(part), dtype=np.int32)
        return TextColumn(tuple(parts), part_of, row_of)

    @classmethod
    def joined(cls, parts: Sequence[Part]) -> TextColumn:
        """One column of these parts' rows, as one part."""
        blob = b"".join(p.blob for p in parts)
        shifts = np.cumsum([0, *(len(p.blob) for p in parts[:-1])])
        one = Part(
            blob,
            np.concatenate([p.starts + s for p, s in zip(parts, shifts, strict=True)] or [_I64]),
            np.concatenate([p.ends + s for p, s in zip(parts, shifts, strict=True)] or [_I64]),
            np.concatenate([p.slots for p in parts] or [_I32]),
        )
        return cls((), np.empty(0, np.int16), np.empty(0, np.int32))._placed((one,))

    def remapped(self, new_slot: np.ndarray) -> TextColumn:
        """The same texts, slot ``s`` becoming ``new_slot[s]``."""
        parts = tuple(
            Part(p.blob, p.starts, p.ends, new_slot[p.slots].astype(np.int32)) for p in self.parts
        )
        return TextColumn((), np.empty(0, np.int16), np.empty(0, np.int32))._placed(parts)

    def _placed(self, parts: tuple[Part, ...]) -> TextColumn:
        size = max((int(p.slots.max()) + 1 for p in parts if len(p)), default=0)
        part_of = np.full(size, -1, dtype=np.int16)
        row_of = np.full(size, -1, dtype=np.int32)
        for number, part in enumerate(parts):
            part_of[part.slots] = number
            row_of[part.slots] = np.arange(len(part), dtype=np.int32)
        return TextColumn(parts, part_of, row_of)


_I64 = np.empty(0, dtype=np.int64)
_I32 = np.empty(0, dtype=np.int32)
