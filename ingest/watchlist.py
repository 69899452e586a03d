"""The watchlist: the entities a timeline follows. Ingest keeps only the events read from
prose (articles, pages, feeds, documents) that name one of them, so that 2,700 White House
documents give the counter-cartel timeline and not every tariff order. Records (the
Federal Register, the State Department's FTO list) and the analyst's curated rows are
kept whole: a government record of a kind the tool tracks is never noise."""

from __future__ import annotations

from pathlib import Path

from .schema import Event, fold

# Adapters whose events are never filtered: the analyst's curated rows and the records.
EXEMPT_ADAPTERS = frozenset({"csv", "federal_register", "fto_list"})


class Watchlist:
    def __init__(self, names: list[str], source: str = ""):
        self.names = sorted(set(names))
        self.source = source
        self._folded = {fold(n) for n in names}

    @classmethod
    def load(cls, path: Path | None = None) -> Watchlist:
        """A gazetteer YAML (every canonical name in it) or a text file of names, one per
        line (# starts a comment); names written as aliases count as their entity."""
        from .extract.gazetteer import DEFAULT_PATH, Gazetteer, load_gazetteer

        path = path or DEFAULT_PATH
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in (".yaml", ".yml"):
            # The subjects a timeline follows, not the agencies and officials that act
            # on them (every act names the United States).
            gazetteer = Gazetteer.load(path)
            return cls([e.name for e in gazetteer.entities.values() if not e.actor], str(path))
        gazetteer = load_gazetteer()
        names = []
        for line in text.splitlines():
            name = line.split("#", 1)[0].strip()
            if name:
                names.append(gazetteer.canonical(name) or name)
        if not names:
            raise ValueError(f"{path}: no names in the watchlist")
        return cls(names, str(path))

    def keeps(self, event: Event) -> bool:
        if event.adapter in EXEMPT_ADAPTERS:
            return True
        return any(fold(n) in self._folded for n in (*event.actors, *event.targets))
