"""Sort keys for a text column that new rows join without re-sorting the rest.

Each slot gets an int64 key; equal texts have equal keys and the keys order the slots as
their texts compare (case-folded UTF-8 bytes, which compare as the code points do). The
first build numbers the distinct texts with wide gaps (``GAP``); a new text takes a key
between its neighbours', found by binary search over the slots in key order, so adding a
thousand events costs a thousand searches and one array insert, not a sort of a million
strings. Only when a gap is used up are the keys renumbered from the order (rare: a gap
of 2**32 takes 32 insertions at one place, or three batches of a thousand new texts
that sort together; a renumbering reads every text once, in whole parts).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np

from .textcolumn import TextColumn

# Keys stay below 2**63 for up to 2**31 distinct texts.
GAP = 1 << 32


class TextOrder:
    def __init__(self, texts: TextColumn, keys: np.ndarray, order: np.ndarray):
        self.texts = texts  # by slot
        self.keys = keys  # int64 by slot
        self.order = order  # int32: every slot with a text, in key order

    @classmethod
    def build(cls, texts: Sequence[bytes]) -> TextOrder:
        """Keys for slots 0..n-1 with these texts."""
        return cls.of_column(TextColumn.of(texts))

    @classmethod
    def of_column(cls, column: TextColumn) -> TextOrder:
        """Keys for the slots of ``column`` (every slot 0..n-1 holds a text)."""
        n = len(column.part_of)
        if not n:
            return cls(column, np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int32))
        _distinct, inverse = np.unique(column.by_slot(), return_inverse=True)
        keys = (inverse.astype(np.int64) + 1) * GAP
        return cls(column, keys, np.argsort(keys, kind="stable").astype(np.int32))

    @property
    def nbytes(self) -> int:
        return self.texts.nbytes + self.keys.nbytes + self.order.nbytes

    def with_texts(self, slots: np.ndarray, texts: Sequence[bytes]) -> TextOrder:
        """Keys for new ``slots`` (beyond every slot so far) with these texts."""
        if not len(slots):
            return self
        slots = np.asarray(slots, dtype=np.int64)
        column = self.texts.with_texts(slots, texts)
        keys = np.zeros(max(len(self.keys), int(slots.max()) + 1), dtype=np.int64)
        keys[: len(self.keys)] = self.keys
        order, old_keys, text_of = self.order, self.keys, self.texts.text
        # Where each distinct new text goes among the old ones (before ``order[at]``), and
        # its key if it is one of theirs already (then it goes after the slots of that key).
        gaps: dict[int, list[bytes]] = {}  # position -> new distinct texts, ascending
        key_of: dict[bytes, int] = {}
        place: dict[bytes, int] = {}
        sorted_keys = old_keys[order]
        for text in sorted(set(texts)):
            at = bisect_left(order, text, key=lambda slot: text_of(int(slot)))
            if at < len(order) and text_of(int(order[at])) == text:
                key_of[text] = int(sorted_keys[at])
                place[text] = int(np.searchsorted(sorted_keys, key_of[text], side="right"))
            else:
                gaps.setdefault(at, []).append(text)
                place[text] = at
        roomy = True
        for at, new in gaps.items():
            low = int(sorted_keys[at - 1]) if at else 0
            high = int(sorted_keys[at]) if at < len(order) else low + (len(new) + 1) * GAP
            step = (high - low) // (len(new) + 1)
            roomy &= step > 0
            for j, text in enumerate(new, start=1):
                key_of[text] = low + j * step
        keys[slots] = np.fromiter((key_of[t] for t in texts), dtype=np.int64, count=len(texts))
        by_place = sorted(range(len(texts)), key=lambda i: (place[texts[i]], texts[i]))
        positions = np.fromiter((place[texts[i]] for i in by_place), np.int64, len(texts))
        merged = np.insert(order, positions, slots[by_place]).astype(np.int32)
        result = TextOrder(column, keys, merged)
        return result if roomy else result.renumbered()

    def renumbered(self) -> TextOrder:
        """Keys renumbered from the order, with full gaps again."""
        keys = np.zeros_like(self.keys)
        ordered = self.texts.by_slot()[self.order]
        if len(ordered):
            starts = np.ones(len(ordered), dtype=np.int64)  # 1 where a new text begins
            starts[1:] = ordered[1:] != ordered[:-1]
            keys[self.order] = np.cumsum(starts) * GAP
        return TextOrder(self.texts, keys, self.order)
