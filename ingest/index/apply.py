"""Bringing an index up to date with what changed in the store: the rows of new and
changed events, and the ids of removed ones.

The old slot of every changed or removed event dies: it leaves both orders (so no date
window, id lookup or count finds it) and the live-slot mask (so no entity posting, text
match or sort finds it among the rows a query keeps). New versions are appended as new
slots and inserted into the orders. The cost is O(n) array copies plus O(k log n) for k
changed events — no sort of the million others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from ..store.index_rows import IndexRow
from .columns import Columns
from .state import IndexState, RowTexts


def live_slot(state: IndexState, event_id: str) -> int | None:
    """The slot of the live version of an event, if the index holds it."""
    return live_slots(state, [event_id])[0]


def live_slots(state: IndexState, event_ids: Sequence[str]) -> list[int | None]:
    """``live_slot`` of each id, the binary searches done in one call."""
    ids, order, alive = state.cols.ids, state.id_order, state.cols.alive
    keys = [i.encode("ascii", "replace") for i in event_ids]
    if not keys:
        return []
    found: list[int | None] = []
    starts = np.searchsorted(ids, np.array(keys, dtype=ids.dtype), sorter=order).tolist()
    for key, at in zip(keys, starts, strict=True):
        slot = None
        while at < len(order) and ids[order[at]] == key:  # its old versions, then the live one
            if alive[order[at]]:
                slot = int(order[at])
                break
            at += 1
        found.append(slot)
    return found


def applied(state: IndexState, rows: Sequence[IndexRow], gone: Iterable[str]) -> IndexState:
    """``state`` with ``rows`` (new or changed events, each once) and without ``gone``."""
    changed = [r.event_id for r in rows] + list(gone)
    dead = np.array(sorted(s for s in live_slots(state, changed) if s is not None), dtype=np.int64)
    cols = state.cols.killed(dead)
    by_start, start_sorted = state.by_start, state.start_sorted
    id_order = state.id_order
    if len(dead):
        at = np.array([_by_start_position(state, int(s)) for s in dead], dtype=np.int64)
        by_start, start_sorted = np.delete(by_start, at), np.delete(start_sorted, at)
    if not rows:
        return _with(state, cols, by_start, start_sorted, id_order)

    first = len(cols)
    ordered = sorted(rows, key=lambda r: (r.date_start, r.event_id))
    cols = cols.appended(ordered)
    slots = np.arange(first, first + len(ordered), dtype=np.int32)
    ids, start = cols.ids, cols.start
    # The start order: after the slots that start earlier, among those that start the
    # same day by event id.
    positions = np.empty(len(slots), dtype=np.int64)
    for i, slot in enumerate(slots.tolist()):
        lo = int(np.searchsorted(start_sorted, start[slot], side="left"))
        hi = int(np.searchsorted(start_sorted, start[slot], side="right"))
        positions[i] = lo + int(np.searchsorted(ids[by_start[lo:hi]], ids[slot]))
    by_start = np.insert(by_start, positions, slots)
    start_sorted = np.insert(start_sorted, positions, start[slots])
    by_id = slots[np.argsort(ids[slots], kind="stable")]
    at = np.searchsorted(ids[:first], ids[by_id], side="right", sorter=id_order)
    id_order = np.insert(id_order, at, by_id)
    texts = RowTexts.of(ordered)
    return IndexState(
        cols=cols,
        entities=state.entities.with_slots(first, texts.names),
        text=state.text.with_texts(slots, texts.search),
        titles=state.titles.with_texts(slots, texts.titles),
        targets=state.targets.with_texts(slots, texts.targets),
        by_start=by_start.astype(np.int32),
        start_sorted=start_sorted.astype(np.int32),
        id_order=id_order.astype(np.int32),
        longest=max(state.longest, int((cols.end[slots] - start[slots]).max())),
    )


def _by_start_position(state: IndexState, slot: int) -> int:
    day = state.cols.start[slot]
    lo = int(np.searchsorted(state.start_sorted, day, side="left"))
    hi = int(np.searchsorted(state.start_sorted, day, side="right"))
    found = np.flatnonzero(state.by_start[lo:hi] == slot)
    if not len(found):
        raise AssertionError(f"slot {slot} is live but not in the start order")
    return lo + int(found[0])


def _with(
    state: IndexState, cols: Columns, by_start: np.ndarray, start_sorted: np.ndarray,
    id_order: np.ndarray,
) -> IndexState:  # fmt: skip
    return replace(state, cols=cols, by_start=by_start, start_sorted=start_sorted,
                   id_order=id_order)  # fmt: skip
