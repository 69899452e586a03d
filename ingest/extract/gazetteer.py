"""The entity gazetteer (``data/entities.yaml``): canonical names, kinds, aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import bundled
from ..schema import fold
from .textnorm import fold_keep_length, strip_accents_keep_length

DEFAULT_PATH = bundled("entities.yaml")
KINDS = ("organization", "person", "agency", "country", "operation", "topic")


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    actor: bool  # usually the one acting (agencies, officials), not the one acted on


@dataclass(frozen=True)
class EntityMatch:
    entity: Entity
    start: int
    end: int


class Gazetteer:
    def __init__(self, entries: list[dict]):
        self.entities: dict[str, Entity] = {}
        loose: dict[str, Entity] = {}
        exact: dict[str, Entity] = {}
        for i, entry in enumerate(entries):
            name = str(entry.get("name") or "").strip()
            kind = str(entry.get("kind") or "organization")
            if not name or kind not in KINDS:
                raise ValueError(f"entry {i + 1}: needs a name and a kind in {', '.join(KINDS)}")
            entity = Entity(name, kind, bool(entry.get("actor", kind == "agency")))
            self.entities[fold(name)] = entity
            for alias in [name, *(entry.get("aliases") or [])]:
                alias = str(alias).strip()
                if len(alias) <= 4:
                    exact.setdefault(strip_accents_keep_length(alias), entity)
                else:
                    loose.setdefault(fold_keep_length(alias), entity)
        self._loose = loose
        self._exact = exact
        self._loose_index = _first_token_index(loose)
        self._exact_index = _first_token_index(exact)

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Gazetteer:
        import yaml

        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or []
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a list of entities")
        return cls(data)

    def canonical(self, name: str) -> str | None:
        entity = self.entities.get(fold(name)) or self._loose.get(fold_keep_length(name))
        return entity.name if entity else None

    def find(self, text: str, folded: str | None = None) -> list[EntityMatch]:
        """Entities named in ``text`` (``folded`` = fold_keep_length(text) if known).

        Aliases are looked up by their first word, then compared whole, longest first,
        with word boundaries on both sides; a match inside an earlier one is ignored.
        """
        folded = folded if folded is not None else fold_keep_length(text)
        found: list[EntityMatch] = []
        taken: list[tuple[int, int]] = []
        for index, table, haystack in (
            (self._loose_index, self._loose, folded),
            (self._exact_index, self._exact, strip_accents_keep_length(text)),
        ):
            end = 0
            for token in _TOKEN.finditer(haystack):
                start = token.start()
                if start < end or token.group() not in index:
                    continue
                for alias in index[token.group()]:
                    stop = start + len(alias)
                    if haystack.startswith(alias, start) and _bounded(haystack, start, stop):
                        if not any(start < e and s < stop for s, e in taken):
                            taken.append((start, stop))
                            found.append(EntityMatch(table[alias], start, stop))
                            end = stop
                        break
        found.sort(key=lambda e: e.start)
        return found


_TOKEN = re.compile(r"\w+")


def _bounded(text: str, start: int, stop: int) -> bool:
    """No word character or hyphen right before or right after the span."""
    before = text[start - 1] if start else " "
    after = text[stop] if stop < len(text) else " "
    return not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-")


def _first_token_index(table: dict[str, Entity]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for alias in sorted(table, key=len, reverse=True):  # longest first wins
        first = _TOKEN.search(alias)
        if first:
            index.setdefault(first.group(), []).append(alias)
    return index


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer.load(Path(path) if path else DEFAULT_PATH)
