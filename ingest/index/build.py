"""Building an index from every event row at once (a worker's first read of the store,
or the CLI export's DataFrame): read in chunks, so only the compact columns and the
texts' byte strings stay in memory, then laid out in start-date order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

import numpy as np

from ..memory import release_memory
from ..store.index_rows import IndexRow
from ..textsearch import TextIndex, search_bytes
from .columns import Columns, column_arrays
from .entities import EntityIndex
from .state import IndexState, RowTexts
from .textcolumn import Part, TextColumn
from .textorder import TextOrder

CHUNK = 50_000


def _chunks(rows: Iterable[IndexRow]) -> Iterator[list[IndexRow]]:
    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def build_state(rows: Iterable[IndexRow]) -> IndexState:
    titles: dict[str, int] = {}
    sets: dict[tuple[str, ...], int] = {}
    arrays: list[dict[str, np.ndarray]] = []
    entities = EntityIndex.empty()
    search: list[Part] = []
    title_parts: list[Part] = []
    target_parts: list[Part] = []
    n = 0
    for chunk in _chunks(rows):
        arrays.append(column_arrays(chunk, titles, sets))
        texts = RowTexts.of(chunk)
        slots = np.arange(n, n + len(chunk))
        entities = entities.with_slots(n, texts.names)
        search.append(Part.of(slots, [search_bytes(t) for t in texts.search]))
        title_parts.append(Part.of(slots, texts.titles))
        target_parts.append(Part.of(slots, texts.targets))
        n += len(chunk)
    cols = _concatenated(arrays, titles, sets)
    # Each chunk's arrays and texts are let go as soon as they are copied into the whole
    # column: holding both at once was the worker's peak memory (1.1 GB at 1M events).
    arrays.clear()
    # Slots in (start day, event id) order: a date window is then one contiguous stretch.
    order = np.lexsort((cols.ids, cols.start)) if n else np.empty(0, dtype=np.int64)
    new_slot = np.empty(n, dtype=np.int64)
    new_slot[order] = np.arange(n)
    cols = cols.permuted(order)
    text = TextIndex(column=_column(search, new_slot))
    search.clear()
    release_memory()
    title_order = TextOrder.of_column(_column(title_parts, new_slot))
    title_parts.clear()
    release_memory()
    target_order = TextOrder.of_column(_column(target_parts, new_slot))
    target_parts.clear()
    return IndexState(
        cols=cols,
        entities=entities.permuted(order),
        text=text,
        titles=title_order,
        targets=target_order,
        by_start=np.arange(n, dtype=np.int32),
        start_sorted=cols.start.copy(),
        id_order=np.argsort(cols.ids, kind="stable").astype(np.int32),
        longest=cols.day_range(),
    )


def _column(parts: Sequence[Part], new_slot: np.ndarray) -> TextColumn:
    return TextColumn.joined(parts).remapped(new_slot) if parts else TextColumn.empty()


def _concatenated(
    arrays: list[dict[str, np.ndarray]], titles: dict[str, int], sets: dict[tuple[str, ...], int]
) -> Columns:
    empty = Columns.empty()
    if not arrays:
        return empty
    width = max(a["ids"].dtype.itemsize for a in arrays)
    merged = {
        name: np.concatenate([a[name].astype(f"S{width}") if name == "ids" else a[name]
                              for a in arrays])
        for name in arrays[0]
    }  # fmt: skip
    return Columns(**merged, source_titles=tuple(titles),
                   adapter_sets=tuple(sets))  # type: ignore[arg-type]  # fmt: skip
