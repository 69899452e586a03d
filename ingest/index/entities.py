"""Which events name which entities: an inverted index (entity -> slots), the spellings
each slot names (so the counts of live events per entity come from the live slots alone:
a changed event's old row counts no more), and each slot's lane entity (its first
target, else its first actor).

Entities are coded by their folded name; a code is never reused. The name shown for an
entity is the spelling most of its live events use (ties: the smallest), so every worker
shows the same one however its index was built. Nothing is changed in place:
``with_slots`` returns a new index sharing what did not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..schema import fold

_EMPTY = np.empty(0, dtype=np.int32)


@dataclass(frozen=True)
class EntityIndex:
    code_of: dict[str, int]  # folded name -> entity code
    spelling_of: dict[str, int]  # name as written -> spelling code
    spellings: list[str]  # spelling code -> name as written
    entity_of_spelling: np.ndarray  # int32: spelling code -> entity code
    postings: dict[int, np.ndarray]  # entity code -> slots, ascending (dead ones included)
    offsets: np.ndarray  # int64: slot s names spelling_codes[offsets[s]:offsets[s + 1]]
    spelling_codes: np.ndarray  # int32, one per entity per slot
    primary: np.ndarray  # int32 by slot: the lane entity's code, or -1

    @classmethod
    def empty(cls) -> EntityIndex:
        return cls({}, {}, [], _EMPTY, {}, np.zeros(1, dtype=np.int64), _EMPTY, _EMPTY)

    def with_slots(
        self, first: int, names: Sequence[tuple[Sequence[str], Sequence[str]]]
    ) -> EntityIndex:
        """Add slots ``first, first + 1, ...`` naming ``(targets, actors)`` each."""
        code_of, spelling_of = dict(self.code_of), dict(self.spelling_of)
        spellings, entity_of = list(self.spellings), self.entity_of_spelling.tolist()
        codes: list[int] = []
        lengths = np.zeros(len(names), dtype=np.int64)
        primary = np.full(len(names), -1, dtype=np.int32)
        added: dict[int, list[int]] = {}
        for i, (targets, actors) in enumerate(names):
            seen: set[int] = set()
            for name in (*targets, *actors):
                spelling = spelling_of.get(name)
                if spelling is None:
                    code = code_of.setdefault(fold(name), len(code_of))
                    spelling = spelling_of[name] = len(spellings)
                    spellings.append(name)
                    entity_of.append(code)
                code = entity_of[spelling]
                if primary[i] < 0:
                    primary[i] = code
                if code not in seen:  # an entity counts once per event
                    seen.add(code)
                    codes.append(spelling)
                    added.setdefault(code, []).append(first + i)
            lengths[i] = len(seen)
        postings = dict(self.postings)
        for code, slots in added.items():
            fresh = np.asarray(slots, dtype=np.int32)
            postings[code] = np.concatenate([postings[code], fresh]) if code in postings else fresh
        return EntityIndex(
            code_of, spelling_of, spellings, np.asarray(entity_of, dtype=np.int32), postings,
            np.concatenate([self.offsets, self.offsets[-1] + np.cumsum(lengths)]),
            np.concatenate([self.spelling_codes, np.asarray(codes, dtype=np.int32)]),
            np.concatenate([self.primary, primary]),
        )  # fmt: skip

    def permuted(self, order: np.ndarray) -> EntityIndex:
        """Slot ``i`` of the result is slot ``order[i]`` of this one."""
        lengths = np.diff(self.offsets)[order]
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        # The entries of old slot order[i], for every i, in one gather.
        first = np.repeat(self.offsets[order] - offsets[:-1], lengths)
        codes = self.spelling_codes[first + np.arange(int(offsets[-1]))]
        slots = np.repeat(np.arange(len(order), dtype=np.int32), lengths)
        entity = self.entity_of_spelling[codes]
        by_entity = np.lexsort((slots, entity))
        entity, slots = entity[by_entity], slots[by_entity]
        bounds = np.flatnonzero(np.diff(entity)) + 1
        postings = {
            int(group[0]): part
            for group, part in zip(np.split(entity, bounds), np.split(slots, bounds), strict=True)
            if len(group)
        }
        return EntityIndex(self.code_of, self.spelling_of, self.spellings,
                           self.entity_of_spelling, postings, offsets, codes,
                           self.primary[order])  # fmt: skip

    def live_counts(self, alive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(live events per entity code, live events per spelling code)."""
        per_slot = np.diff(self.offsets)
        live = np.repeat(alive[: len(per_slot)], per_slot)
        spelling = np.bincount(self.spelling_codes[live], minlength=len(self.spellings))
        entity = np.bincount(
            self.entity_of_spelling, weights=spelling, minlength=len(self.code_of)
        ).astype(np.int64)
        return entity, spelling

    def live_counts_after(
        self, counts: tuple[np.ndarray, np.ndarray], was_alive: np.ndarray, alive: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``live_counts(alive)`` from the counts of an earlier version (``was_alive``, a
        prefix of these slots): only the slots that died or were added are read."""
        old = len(was_alive)
        changed = np.concatenate(
            [np.flatnonzero(was_alive & ~alive[:old]), np.arange(old, len(alive))]
        )
        sign = np.where(changed < old, -1, 1)
        firsts = self.offsets[changed]
        lengths = self.offsets[changed + 1] - firsts
        # The spelling codes of every changed slot, and the sign of its slot for each.
        at = np.repeat(firsts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        codes, signs = self.spelling_codes[at], np.repeat(sign, lengths)
        spelling = np.zeros(len(self.spellings), dtype=np.int64)
        spelling[: len(counts[1])] = counts[1]
        spelling += np.bincount(codes, weights=signs, minlength=len(spelling)).astype(np.int64)
        entity = np.zeros(len(self.code_of), dtype=np.int64)
        entity[: len(counts[0])] = counts[0]
        entity += np.bincount(
            self.entity_of_spelling[codes], weights=signs, minlength=len(entity)
        ).astype(np.int64)
        return entity, spelling

    def shown_names(self, spelling_counts: np.ndarray) -> list[str]:
        """Entity code -> the name shown: its most used live spelling (ties: the
        smallest); an entity without live events keeps its first spelling."""
        best: list[tuple[int, str] | None] = [None] * len(self.code_of)
        for spelling, name in enumerate(self.spellings):
            code, n = int(self.entity_of_spelling[spelling]), int(spelling_counts[spelling])
            held = best[code]
            if held is None or (-n, name) < (-held[0], held[1]):
                best[code] = (n, name)
        return [b[1] if b else "" for b in best]

    def slots_naming(self, keys: Sequence[str]) -> np.ndarray:
        """Slots (live or not) of events naming any of the folded names ``keys``."""
        hits = [self.postings[self.code_of[k]] for k in keys if k in self.code_of]
        return np.concatenate(hits) if hits else _EMPTY

    @property
    def nbytes(self) -> int:
        arrays = (self.entity_of_spelling, self.offsets, self.spelling_codes, self.primary)
        return sum(a.nbytes for a in arrays) + sum(p.nbytes for p in self.postings.values())
