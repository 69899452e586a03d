"""What an analyst asked to see (``EventFilter``), in one place for the CLI export, the
dashboard, the feed and the digest; ``day_number``, the day arithmetic every index uses."""

from __future__ import annotations

from dataclasses import dataclass

from .schema import REVIEW_STATUSES, PartialDate, fold


@dataclass(frozen=True)
class EventFilter:
    """What an analyst asked to see. Empty fields do not filter.

    Dates are inclusive and compared with each event's span, so a month-precision
    event ("2025-03") is in a window that overlaps March 2025.
    """

    date_from: str | None = None
    date_to: str | None = None
    types: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    search: str = ""
    min_confidence: float = 0.0
    corroborated: bool = False  # at least two sources
    conflicts_only: bool = False
    sources: tuple[str, ...] = ()  # source titles
    review: tuple[str, ...] = ()  # review statuses shown; none given: all but rejected

    def __post_init__(self) -> None:
        # Normalize early so a bad date fails here with a clear message, not deep in pandas.
        if self.date_from:
            object.__setattr__(
                self, "date_from", PartialDate.parse(self.date_from).start.isoformat()
            )
        if self.date_to:
            object.__setattr__(self, "date_to", PartialDate.parse(self.date_to).end.isoformat())
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(
                f"the date range is reversed: from {self.date_from} is after to "
                f"{self.date_to}; swap the two dates"
            )
        object.__setattr__(self, "types", tuple(t for t in self.types if t))
        object.__setattr__(self, "entities", tuple(e for e in self.entities if e))
        object.__setattr__(self, "search", (self.search or "").strip())
        object.__setattr__(self, "sources", tuple(s for s in self.sources if s))
        object.__setattr__(self, "review", tuple(r for r in REVIEW_STATUSES if r in self.review))

    @property
    def is_empty(self) -> bool:
        return not (
            self.date_from or self.date_to or self.types or self.entities or self.search
            or self.min_confidence or self.corroborated or self.conflicts_only or self.sources
            or self.review
        )  # fmt: skip

    def filename(self, prefix: str = "timeline") -> str:
        """A file name that says what the export holds: timeline_2025-01-01_2025-12-31_bounty.csv"""
        if self.is_empty:
            return f"{prefix}_all.csv"
        parts = [prefix]
        if self.date_from or self.date_to:
            parts += [self.date_from or "start", self.date_to or "end"]
        parts += sorted(self.types)
        parts += [_slug(e) for e in self.entities]
        if self.search:
            parts.append("search-" + _slug(self.search))
        parts += ["source-" + _slug(s) for s in self.sources]
        if self.min_confidence:
            parts.append(f"confidence-{self.min_confidence:g}")
        if self.corroborated:
            parts.append("corroborated")
        if self.conflicts_only:
            parts.append("conflicts")
        parts += self.review
        name = "_".join(p for p in parts if p)
        return name[:150] + ".csv"


def _slug(text: str) -> str:
    folded = fold(text)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())[:40]


def day_number(iso: str) -> int:
    """Days since 1970-01-01 for an ISO date (or a partial one: its first day)."""
    return PartialDate.parse(iso).start.toordinal() - 719163
