"""One version of an event index: its columns, entity index, search text, text sort keys
and the two orders every query starts from. Built whole (``build.build_state``) or from
the previous version plus what changed (``apply.applied``); never changed in place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..store.index_rows import IndexRow
from ..textsearch import TextIndex
from .columns import Columns, names
from .entities import EntityIndex
from .textorder import TextOrder


@dataclass(frozen=True)
class IndexState:
    cols: Columns
    entities: EntityIndex
    text: TextIndex  # folded title, evidence and every source's text, for search
    titles: TextOrder  # sort keys of the case-folded titles
    targets: TextOrder  # sort keys of the case-folded "; "-joined targets
    by_start: np.ndarray  # int32: the live slots by (start day, event id)
    start_sorted: np.ndarray  # int32: start day of each slot in by_start
    id_order: np.ndarray  # int32: every slot by event id (old versions before the live one)
    longest: int  # the longest span of any slot, in days

    def __len__(self) -> int:
        return len(self.by_start)

    @property
    def dead(self) -> int:
        return len(self.cols) - len(self.by_start)

    @property
    def nbytes(self) -> int:
        parts = (self.cols, self.entities, self.text, self.titles, self.targets)
        orders = (self.by_start, self.start_sorted, self.id_order)
        return sum(p.nbytes for p in parts) + sum(o.nbytes for o in orders)


@dataclass(frozen=True)
class RowTexts:
    """What an index keeps as text for one event row."""

    names: list[tuple[tuple[str, ...], tuple[str, ...]]]  # (targets, actors) per row
    search: list[str]
    titles: list[bytes]
    targets: list[bytes]

    @classmethod
    def of(cls, rows: Sequence[IndexRow]) -> RowTexts:
        cache: dict[str, tuple[str, ...]] = {}
        listed = [(names(r.targets, cache), names(r.actors, cache)) for r in rows]
        return cls(
            listed,
            ["\n".join(t for t in (r.title, r.evidence, r.source_text) if t) for r in rows],
            [(r.title or "").casefold().encode("utf-8") for r in rows],
            ["; ".join(t).casefold().encode("utf-8") for t, _ in listed],
        )
