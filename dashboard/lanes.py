"""Lanes of the timeline: one per event type, or one per entity (the most frequent in
view; the rest share "Other entities"; events naming nobody go to "No entity named")."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingest.index.event_index import EventIndex
from ingest.schema import EVENT_TYPE_LABELS, EVENT_TYPES

TOP_ENTITIES = 15
OTHER = "Other entities"
NOBODY = "No entity named"


@dataclass(frozen=True)
class Lanes:
    names: list[str]  # top to bottom, as shown (plain text: escape before Plotly)
    of_row: np.ndarray  # lane number of each row given, aligned with ``rows``
    counts: list[int]  # events per lane


def lanes_for(index: EventIndex, rows: np.ndarray, mode: str = "type") -> Lanes:
    """The lanes of the rows in view and each row's lane; empty lanes are left out."""
    if mode == "entity":
        codes = index.primary_entity[rows]
        named = codes >= 0
        per_entity = np.bincount(codes[named], minlength=len(index.entity_by_code))
        # Ties go by name, never by code: codes depend on the order events arrived in,
        # and every worker must draw the same lanes.
        named_codes = np.flatnonzero(per_entity)
        by_count = np.lexsort((index.entity_name_rank[named_codes], -per_entity[named_codes]))
        top = named_codes[by_count[:TOP_ENTITIES]].tolist()
        lookup = np.full(len(index.entity_by_code) + 1, len(top), dtype=np.int64)
        lookup[top] = np.arange(len(top))
        lane = np.where(named, lookup[np.where(named, codes, -1)], len(top) + 1)
        names = [index.entity_by_code[c] for c in top] + [OTHER, NOBODY]
    else:
        lane = index.type_code[rows].astype(np.int64)
        names = [EVENT_TYPE_LABELS[t] for t in EVENT_TYPES]
    counts = np.bincount(lane, minlength=len(names))
    used = [i for i in range(len(names)) if counts[i]]
    renumber = np.zeros(len(names), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    return Lanes([names[i] for i in used], renumber[lane], [int(counts[i]) for i in used])
