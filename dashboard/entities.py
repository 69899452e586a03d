"""Entity pages: which entity a name in the URL means, names close to an unknown one,
and when a reward stopped running."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ingest.extract.gazetteer import load_gazetteer
from ingest.query import EventIndex
from ingest.schema import fold

# Events that end a reward on a person or group: caught, handed over, dead, delisted.
REWARD_ENDING_SUBTYPES = frozenset(
    {"capture", "arrest", "extradition", "surrender", "death", "killed"}
)


@dataclass(frozen=True)
class Resolution:
    name: str | None  # the canonical name as the events write it, or None if unknown
    suggestions: list[str] = field(default_factory=list)


def resolve_entity(requested: str, index: EventIndex, limit: int = 6) -> Resolution:
    """The entity ``requested`` names: itself (ignoring case and accents), else the
    gazetteer's canonical name for an alias ("Maduro" -> "Nicolas Maduro"); for an
    unknown name, the closest names that have events."""
    key = fold(requested)
    if not key:
        return Resolution(None)
    if key in index.names:
        return Resolution(index.names[key])
    canonical = load_gazetteer().canonical(requested)
    if canonical and fold(canonical) in index.names:
        return Resolution(index.names[fold(canonical)])
    close = difflib.get_close_matches(key, list(index.names), n=limit, cutoff=0.6)
    containing = sorted((k for k in index.names if key in k), key=lambda k: -index.entity_count(k))
    picked = list(dict.fromkeys([*close, *containing]))[:limit]
    return Resolution(None, [index.names[k] for k in picked])


def reward_end(df: pd.DataFrame, today: date | None = None) -> tuple[str, str]:
    """(until, ended_by): the first event after the last reward that ends it (a capture,
    arrest, extradition, death or delisting), else today with no event."""
    rewards = df[(df["event_type"] == "bounty") & df["amount"].notna()]
    if rewards.empty:
        return "", ""
    last = str(rewards["date_start"].max())
    later = df[df["date_start"] > last].sort_values("date_start")
    ending = later[
        later["subtype"].fillna("").isin(REWARD_ENDING_SUBTYPES)
        | (later["event_type"] == "delisting")
    ]
    if len(ending):
        first = ending.iloc[0]
        return str(first["date_start"]), str(first["title"])
    return (today or date.today()).isoformat(), ""
