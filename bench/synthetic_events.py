"""Synthetic events for benchmarks and large-store tests: realistic shapes (types, dates,
precisions, entities, titles, amounts, sources), no claim to be facts. Never bundled."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ingest.schema import EVENT_TYPES, Event, validate
from ingest.store import RunInfo, Store, utc_now

_ORGS = ["Tren de Aragua", "MS-13", "Sinaloa Cartel", "Cartel de Jalisco Nueva Generacion", "Cartel del Golfo",
         "Cartel de los Soles", "Clan del Golfo", "Barrio 18", "Los Choneros", "Los Lobos"]  # fmt: skip
_PEOPLE = [
    "Nicolas Maduro",
    "Diosdado Cabello",
    "Vladimir Padrino Lopez",
    "Nemesio Oseguera Cervantes",
]
_SOURCES = [f"Wire service {i}" for i in range(40)] + ["Federal Register", "whitehouse.gov"]
_VERBS = {
    "designation": "designated as a terrorist organization", "delisting": "removed from the terrorist list",
    "bounty": "reward raised", "directive": "order signed on", "sanction": "sanctioned",
    "military_action": "strike against", "deployment": "forces deployed near", "legal": "indicted",
    "diplomatic": "ambassador recalled over", "statement": "statement on", "other": "development on",
}  # fmt: skip


def synthetic_events(
    n: int, seed: int = 5, first: date = date(2015, 1, 1), years: int = 12
) -> list[Event]:
    rng = random.Random(seed)
    entities = _ORGS + _PEOPLE + [f"Group {i}" for i in range(max(20, n // 100))]
    weights = [3, 1, 2, 3, 3, 2, 2, 2, 1, 1, 1]
    events = []
    for i in range(n):
        kind = rng.choices(EVENT_TYPES, weights)[0]
        day = first + timedelta(days=rng.randrange(years * 365))
        precision = rng.choices(["day", "month", "year"], [90, 8, 2])[0]
        when = (
            day.isoformat()
            if precision == "day"
            else day.isoformat()[:7]
            if precision == "month"
            else str(day.year)
        )
        targets = tuple(rng.sample(entities, rng.randint(1, 2)))
        amount = float(rng.choice([1, 5, 10, 15, 25, 50]) * 1_000_000) if kind == "bounty" else None
        source = rng.choice(_SOURCES)
        events.append(
            validate(
                Event(
                    date=when, event_type=kind, subtype="", title=f"{targets[0]}: {_VERBS[kind]} (item {i})",
                    actors=("United States",), targets=targets, amount=amount,
                    evidence=f"Synthetic report {i} about {', '.join(targets)}.", source_title=source,
                    source_url=f"https://example.org/{i}", source_published=day.isoformat(),
                    confidence=rng.choice([0.6, 0.7, 0.85, 0.9, 1.0]), adapter="synthetic", key=f"syn-{i}",
                )
            )
        )  # fmt: skip
    return events


def load_synthetic(store: Store, n: int, seed: int = 5) -> int:
    run = RunInfo(f"synthetic:{n}", "", "synthetic", utc_now(), n, 0)
    return store.bulk_load(synthetic_events(n, seed), run)
