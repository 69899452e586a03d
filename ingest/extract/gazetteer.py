"""The entity gazetteer (``data/entities.yaml``): canonical names, kinds, aliases."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import bundled
from ..schema import fold
from .textnorm import fold_keep_length, one_of, strip_accents_keep_length

DEFAULT_PATH = bundled("entities.yaml")
KINDS = ("organization", "person", "agency", "country", "operation", "topic")


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str
    actor: bool  # usually the one acting (agencies, officials), not the one acted on
    spouse: str = ""  # a person's spouse, by canonical name: "his wife" in a report of them


@dataclass(frozen=True, slots=True)
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
            actor = bool(entry.get("actor", kind == "agency"))
            entity = Entity(name, kind, actor, str(entry.get("spouse") or "").strip())
            self.entities[fold(name)] = entity
            for alias in [name, *(entry.get("aliases") or [])]:
                alias = str(alias).strip()
                if len(alias) <= 4:
                    exact.setdefault(strip_accents_keep_length(alias), entity)
                else:
                    loose.setdefault(fold_keep_length(alias), entity)
        for entity in self.entities.values():
            if entity.spouse and fold(entity.spouse) not in self.entities:
                raise ValueError(
                    f"{entity.name}: spouse {entity.spouse!r} is not an entry of the gazetteer;"
                    " give the spouse's canonical name"
                )
        self._loose = loose
        self._exact = exact
        self._loose_index = _first_token_index(loose)
        self._exact_index = _first_token_index(exact)
        # The exact (short, case-kept) aliases start with a dozen first words: finding them
        # with one expression is several times faster than a Python loop over every word.
        # Longest first; a match counts only where a word starts (checked in ``find``).
        firsts = sorted(self._exact_index, key=len, reverse=True)
        alternatives = "|".join(map(re.escape, firsts)) or "(?!)"  # none: matches nothing
        self._exact_firsts = re.compile("(?:" + alternatives + r")(?!\w)")
        # The loose aliases' first words (a hundred): one scan of the folded text with a
        # tree of their letters, instead of a Python loop over its every word. Their keys
        # are whole words (``\w+``), so the word boundaries make a match one word.
        words = one_of(sorted(self._loose_index)) or "(?!)"  # none: matches nothing
        self._loose_firsts = re.compile(rf"\b{words}\b")

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
        exact = strip_accents_keep_length(text)
        for index, table, haystack, firsts in (
            (self._loose_index, self._loose, folded, _words(self._loose_firsts, folded)),
            (self._exact_index, self._exact, exact, _starting(self._exact_firsts, exact)),
        ):
            end = 0
            for start, word in firsts:
                if start < end:
                    continue
                for alias in index[word]:
                    stop = start + len(alias)
                    if haystack.startswith(alias, start) and _bounded(haystack, start, stop):
                        if not any(start < e and s < stop for s, e in taken):
                            taken.append((start, stop))
                            found.append(EntityMatch(table[alias], start, stop))
                            end = stop
                        break
        found.sort(key=lambda e: e.start)
        return found

    def find_in_list(self, text: str, found: list[EntityMatch]) -> list[EntityMatch]:
        """``found`` and the cartels a list names by their head noun once: "the Sinaloa
        cartel, Jalisco New Generation, Gulf, Northeast and Carteles Unidos", "los carteles de
        Sinaloa, Jalisco Nueva Generación, Golfo y Unidos" (each item read as "Gulf Cartel",
        "Cartel del Golfo", "Carteles Unidos" when the gazetteer knows that name)."""
        # Every head noun has "rtel" in it: most texts name no cartel and need no scan.
        head = _CARTEL_LIST.search(text) if "rtel" in text else None
        if head is None:
            return found
        taken = [(m.start, m.end) for m in found]
        more = []
        pos = head.end()
        while (item := _LIST_ITEM.match(text, pos)) is not None:
            pos = item.end()
            name = item.group(1)
            start, stop = item.start(1), item.end(1)
            if any(a < stop and start < b for a, b in taken):
                continue
            for form in (f"{name} Cartel", f"Cartel de {name}", f"Cartel del {name}",
                         f"Carteles {name}"):  # fmt: skip
                canonical = self.canonical(form)
                if canonical is not None:
                    more.append(EntityMatch(self.entities[fold(canonical)], start, stop))
                    break
        return sorted(found + more, key=lambda m: m.start) if more else found


# Where a list of cartels names its head noun once, and its items after it: capitalized
# words up to a comma, "and"/"y", or the end of the list.
_CARTEL_LIST = re.compile(r"\b(?:[Cc]artels?|[Cc][aá]rteles)\b(?:\s+de)?\s*,?\s+(?=[A-ZÁÉÍÓÚ])")
_LIST_ITEM = re.compile(
    r"(?:\s*,\s*|\s+(?:and|y)\s+|\s*)((?:[A-ZÁÉÍÓÚ][\w’'-]*)(?:\s+[A-ZÁÉÍÓÚ][\w’'-]*){0,3})"
)


_TOKEN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _words(firsts: re.Pattern[str], haystack: str) -> Iterator[tuple[int, str]]:
    """(start, word) of each word of ``haystack`` that ``firsts`` finds."""
    for m in firsts.finditer(haystack):
        yield m.start(), m.group()


def _starting(firsts: re.Pattern[str], haystack: str) -> Iterator[tuple[int, str]]:
    """The same for an index searched by ``firsts``: its keys where a word starts. A match
    inside a word is skipped; it ends where that word ends, so it hides no word start."""
    for m in firsts.finditer(haystack):
        start = m.start()
        if not (start and _WORD_CHAR.match(haystack, start - 1)):
            yield start, m.group()


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
