"""Cutting id lists and rows into batches for ``IN (...)`` queries and multi-row inserts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

CHUNK = 500  # ids per IN (...) query: well under SQLite's and PostgreSQL's parameter limits


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
