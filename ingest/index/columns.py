"""The compact columns of an event index: one numpy array per field, one entry per slot,
strings kept once in small dictionaries (source titles, sets of adapters) and referred
to by code.

A slot is one version of one event. A new or changed event gets a new slot at the end
(``appended``); the slot of its old version, or of a removed event, is marked dead
(``killed``). Arrays are never changed in place once an index uses them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from ..schema import EVENT_TYPES, REVIEW_STATUSES
from ..store.index_rows import IndexRow

TYPE_CODE = {t: i for i, t in enumerate(EVENT_TYPES)}
STATUS_CODE = {s: i for i, s in enumerate(REVIEW_STATUSES)}  # unknown: unreviewed (0)
REJECTED = STATUS_CODE["rejected"]
NO_TIME = np.iinfo(np.int64).min  # first_seen unknown


@dataclass(frozen=True)
class Columns:
    ids: np.ndarray  # bytes ('S<width>')
    start: np.ndarray  # int32: first day (days since 1970-01-01)
    end: np.ndarray  # int32: last day
    type_code: np.ndarray  # int8: index in EVENT_TYPES, -1 for another
    confidence: np.ndarray  # float64
    source_count: np.ndarray  # int32
    has_conflict: np.ndarray  # bool
    amount: np.ndarray  # float64, NaN when none
    first_seen: np.ndarray  # int64: seconds since 1970, NO_TIME when unknown
    source_code: np.ndarray  # int32: index in source_titles
    adapter_code: np.ndarray  # int16: index in adapter_sets
    status_code: np.ndarray  # int8: index in REVIEW_STATUSES
    alive: np.ndarray  # bool: the slot is the current version of a stored event
    source_titles: tuple[str, ...]
    adapter_sets: tuple[tuple[str, ...], ...]

    @classmethod
    def empty(cls) -> Columns:
        arrays = {
            f.name: np.empty(0, dtype=_DTYPES[f.name]) for f in fields(cls) if f.name in _DTYPES
        }
        return cls(**arrays, source_titles=(), adapter_sets=())  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def nbytes(self) -> int:
        return sum(getattr(self, name).nbytes for name in _DTYPES)

    def appended(self, rows: Sequence[IndexRow]) -> Columns:
        """These rows as new live slots after the last one."""
        if not rows:
            return self
        titles = {t: i for i, t in enumerate(self.source_titles)}
        sets = {s: i for i, s in enumerate(self.adapter_sets)}
        new = column_arrays(rows, titles, sets)
        ids = _widen(self.ids, new.pop("ids"))
        merged = {name: np.concatenate([getattr(self, name), value]) for name, value in new.items()}
        return Columns(ids=ids, **merged, source_titles=tuple(titles),
                       adapter_sets=tuple(sets))  # type: ignore[arg-type]  # fmt: skip

    def killed(self, slots: np.ndarray) -> Columns:
        if not len(slots):
            return self
        alive = self.alive.copy()
        alive[slots] = False
        return replace(self, alive=alive)

    def permuted(self, order: np.ndarray) -> Columns:
        """Slot ``i`` of the result is slot ``order[i]`` of this one."""
        return replace(self, **{name: getattr(self, name)[order] for name in _DTYPES})

    def day_range(self) -> int:
        """The longest span, in days, of any slot (0 when empty)."""
        return int((self.end - self.start).max()) if len(self) else 0


_DTYPES = {
    "ids": "S1", "start": np.int32, "end": np.int32, "type_code": np.int8,
    "confidence": np.float64, "source_count": np.int32, "has_conflict": bool,
    "amount": np.float64, "first_seen": np.int64, "source_code": np.int32,
    "adapter_code": np.int16, "status_code": np.int8, "alive": bool,
}  # fmt: skip


def _widen(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    width = max(old.dtype.itemsize, new.dtype.itemsize, 1)
    if old.dtype.itemsize != width:  # a longer id than any so far: rare, worth the copy
        old = old.astype(f"S{width}")
    return np.concatenate([old, new.astype(f"S{width}")])


def _days(values: list[str]) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]").astype(np.int64).astype(np.int32)


def _seconds(values: list[str | None]) -> np.ndarray:
    try:
        stamps = np.array([v.rstrip("Z") if v else "NaT" for v in values], dtype="datetime64[s]")
    except ValueError:  # a hand-made value: read one by one, unknown when unreadable
        return np.array([_one_second(v) for v in values], dtype=np.int64)
    seconds = stamps.astype(np.int64)
    seconds[np.isnat(stamps)] = NO_TIME
    return seconds


def _one_second(value: str | None) -> int:
    try:
        return int(np.datetime64(value.rstrip("Z"), "s").astype(np.int64)) if value else NO_TIME
    except ValueError:
        return NO_TIME


def _number(value: Any) -> float:
    if value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def column_arrays(
    rows: Sequence[IndexRow], titles: dict[str, int], sets: dict[tuple[str, ...], int]
) -> dict[str, np.ndarray]:
    n = len(rows)
    return {
        "ids": np.array([r.event_id.encode("ascii", "replace") for r in rows], dtype=bytes),
        "start": _days([r.date_start for r in rows]),
        "end": _days([r.date_end for r in rows]),
        "type_code": np.fromiter((TYPE_CODE.get(r.event_type, -1) for r in rows), np.int8, n),
        "confidence": np.fromiter((_number(r.confidence) for r in rows), np.float64, n),
        "source_count": np.fromiter((int(r.source_count or 0) for r in rows), np.int32, n),
        "has_conflict": np.fromiter((bool(r.conflict) for r in rows), bool, n),
        "amount": np.fromiter((_number(r.amount) for r in rows), np.float64, n),
        "first_seen": _seconds([r.first_seen for r in rows]),
        "source_code": np.fromiter(
            (titles.setdefault(r.source_title or "", len(titles)) for r in rows), np.int32, n
        ),
        "adapter_code": np.fromiter(
            (sets.setdefault(r.adapters, len(sets)) for r in rows), np.int16, n
        ),
        "status_code": np.fromiter(
            (STATUS_CODE.get(r.review_status or "", 0) for r in rows), np.int8, n
        ),
        "alive": np.ones(n, dtype=bool),
    }


def names(value: object, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """A list column's names, from stored JSON text (each distinct text parsed once) or a
    list."""
    if not value:
        return ()
    if isinstance(value, str):
        found = cache.get(value)
        if found is None:
            found = cache[value] = tuple(json.loads(value))
        return found
    return tuple(value)  # type: ignore[call-overload,arg-type]
