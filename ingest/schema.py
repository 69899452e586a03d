"""The one definition of an event: columns, types, allowed values, identity.

Ingest, store, export and dashboard all read the column list from here. The export
columns (``COLUMNS``) are a contract other tools rely on: never rename or reorder them;
new columns go at the end.

This module imports nothing heavy (no pandas) so that the CLI stays fast to start.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache

# --- columns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "list", "number", "int", "date", "datetime"
    label: str  # what an analyst reads in the dashboard
    required: bool = False  # required in the curated CSV format
    help: str = ""


_COLUMN_DEFS: tuple[Column, ...] = (
    Column("event_id", "text", "Event ID", help="Deterministic id from the event's identity."),
    Column(
        "date",
        "text",
        "Date",
        True,
        "ISO 8601 at the event's precision: 2025-08-07, 2020-03, 1997.",
    ),
    Column("date_precision", "text", "Date precision", help="day, month or year."),
    Column("date_start", "date", "From", help="First day the date covers."),
    Column("date_end", "date", "To", help="Last day the date covers."),
    Column("event_type", "text", "Type", True, "One of EVENT_TYPES."),
    Column("subtype", "text", "Subtype", help="Short label: fto, sdgt, executive_order, reward..."),
    Column("title", "text", "Title", True, "One line saying what happened."),
    Column("actors", "list", "Actors", help="Who acted (canonical names)."),
    Column("targets", "list", "Targets", help="Who or what was acted on (canonical names)."),
    Column("amount", "number", "Amount", help="Plain number in currency units."),
    Column("currency", "text", "Currency", help="ISO 4217 code."),
    Column("evidence", "text", "Evidence", help="The source passage that supports the event."),
    Column("source_title", "text", "Source"),
    Column("source_url", "text", "Source URL"),
    Column("source_published", "text", "Source published"),
    Column("source_count", "int", "Sources", help="How many sources report the event."),
    Column(
        "confidence", "number", "Confidence", help="0..1; 1.0 for curated and government records."
    ),
    Column(
        "first_seen", "datetime", "First seen", help="When the store first saw the event (UTC)."
    ),
    # Added after the first contract columns; new columns only ever go at the end.
    Column(
        "conflict", "text", "Conflict", help="Why the sources of the event disagree, if they do."
    ),
    # The review layer (ingest/review/): what analysts decided about the event.
    Column(
        "review_status",
        "text",
        "Review",
        help="unreviewed, confirmed, edited (an analyst corrected a field) or rejected "
        "(not an event: hidden unless asked for).",
    ),
    Column("note", "text", "Note", help="The analysts' note on the event."),
    Column("tags", "list", "Tags", help="The analysts' tags."),
)

COLUMN_SPECS: dict[str, Column] = {c.name: c for c in _COLUMN_DEFS}
COLUMNS: tuple[str, ...] = tuple(c.name for c in _COLUMN_DEFS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in _COLUMN_DEFS if c.required)
LIST_COLUMNS: tuple[str, ...] = tuple(c.name for c in _COLUMN_DEFS if c.kind == "list")
LABELS: dict[str, str] = {c.name: c.label for c in _COLUMN_DEFS}
# Filled by the store, never taken from input files.
STORE_COLUMNS: tuple[str, ...] = (
    "source_count", "first_seen", "conflict", "review_status", "note", "tags",
)  # fmt: skip
# Who or what an event names: the columns entity filters and entity pages read.
ENTITY_COLUMNS: tuple[str, ...] = ("actors", "targets")
REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "confirmed", "edited", "rejected")
LIST_SEPARATOR = "; "

EVENT_TYPES: tuple[str, ...] = (
    "designation",
    "delisting",
    "bounty",
    "directive",
    "sanction",
    "military_action",
    "deployment",
    "legal",
    "diplomatic",
    "statement",
    "other",
)
EVENT_TYPE_LABELS: dict[str, str] = {
    "designation": "Designation",
    "delisting": "Delisting",
    "bounty": "Reward / bounty",
    "directive": "Directive / order",
    "sanction": "Sanction",
    "military_action": "Military action",
    "deployment": "Deployment",
    "legal": "Legal / court",
    "diplomatic": "Diplomatic",
    "statement": "Statement",
    "other": "Other",
}
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
# The dates the tool accepts. Every part (merging tolerances, pandas' datetime64[ns], the
# dashboard's axis) works well inside this range; a date outside it is a typo ("0202",
# "9999") and is reported as a bad value, not stored.
MIN_YEAR, MAX_YEAR = 1800, 2199
MAX_AMOUNT = 1e15  # more than any reward or sanction figure: a larger one is a typo


class ValidationError(ValueError):
    """A field value that does not fit the schema. ``field`` names the column."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


# --- dates at a precision -------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")  # ISO 8601 week: "last week" in a dated report
_YEAR = re.compile(r"^(\d{4})$")


class OutOfRange(ValueError):
    """A real date outside MIN_YEAR..MAX_YEAR."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to a day, an ISO week, a month or a year, with the days it covers."""

    iso: str
    precision: str
    start: Date
    end: Date

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM`` or ``YYYY``; raise ValueError otherwise."""
        return _parse_partial_date(text)

    @classmethod
    def _parse(cls, text: str) -> PartialDate:
        text = (text or "").strip()
        # Accept a full timestamp (2025-01-20T21:07:53-05:00): the calendar day is what counts.
        if len(text) > 10 and text[10] in "T ":
            text = text[:10]
        try:
            if m := _DAY.match(text):
                d = Date(int(m[1]), int(m[2]), int(m[3]))
                return cls(d.isoformat(), "day", d, d)
            if m := _MONTH.match(text):
                y, mo = int(m[1]), int(m[2])
                last = calendar.monthrange(y, mo)[1]
                return cls(f"{y:04d}-{mo:02d}", "month", Date(y, mo, 1), Date(y, mo, last))
            if m := _WEEK.match(text):
                monday = Date.fromisocalendar(int(m[1]), int(m[2]), 1)
                return cls(
                    f"{int(m[1]):04d}-W{int(m[2]):02d}", "week", monday, monday + timedelta(days=6)
                )
            if m := _YEAR.match(text):
                y = int(m[1])
                return cls(f"{y:04d}", "year", Date(y, 1, 1), Date(y, 12, 31))
        except OutOfRange:
            raise
        except ValueError as exc:  # e.g. 2025-02-30
            raise ValueError(f"{text!r} is not a real date ({exc})") from None
        raise ValueError(f"{text!r} is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www")

    def __post_init__(self) -> None:
        if not (self.start.year >= MIN_YEAR and self.end.year <= MAX_YEAR):
            raise OutOfRange(f"{self.iso!r} is outside the supported years {MIN_YEAR}-{MAX_YEAR}")

    @classmethod
    def from_date(cls, d: Date, precision: str = "day") -> PartialDate:
        if precision == "day":
            return cls.parse(d.isoformat())
        if precision == "week":
            iso = d.isocalendar()
            return cls.parse(f"{iso.year:04d}-W{iso.week:02d}")
        if precision == "month":
            return cls.parse(f"{d.year:04d}-{d.month:02d}")
        if precision == "year":
            return cls.parse(f"{d.year:04d}")
        raise ValueError(f"unknown precision {precision!r}")


# --- names ----------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive form used for matching names: 'Nicolás' -> 'nicolas'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def split_list(value: object) -> tuple[str, ...]:
    """A list column from CSV text ('a; b') or a sequence, cleaned and de-duplicated."""
    if value is None:
        return ()
    items = value.split(";") if isinstance(value, str) else [str(v) for v in value]  # type: ignore[attr-defined]
    seen: dict[str, str] = {}
    for item in items:
        clean = _SPACES.sub(" ", item).strip()
        if clean and fold(clean) not in seen:
            seen[fold(clean)] = clean
    return tuple(seen.values())


def join_list(values: tuple[str, ...] | list[str]) -> str:
    return LIST_SEPARATOR.join(values)


# Characters no database column can hold: NUL (PostgreSQL refuses it in text) and
# unpaired UTF-16 surrogates (not encodable as UTF-8). A record is never lost for one.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with NUL and unpaired surrogates replaced by U+FFFD (visibly, not dropped)."""
    if text.isascii() and "\x00" not in text:
        return text  # most text: no surrogate can be in ASCII, and no NUL is
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


# --- the event ------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One dated event as an adapter reports it, before the store adds counts and ids.

    ``key`` disambiguates events that date, type and targets do not (two executive
    orders signed the same day): adapters set it to a title or a document number. A key
    of the form ``doc:...`` (``doc:eo-14157``) is a document number: reports that share
    it are one event whatever dates they give. It is part of the identity but not an
    export column.
    """

    date: str
    event_type: str
    title: str
    date_precision: str = ""
    subtype: str = ""
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    amount: float | None = None
    currency: str = ""
    evidence: str = ""
    source_title: str = ""
    source_url: str = ""
    source_published: str = ""
    confidence: float = 1.0
    key: str = ""
    event_id: str = ""
    adapter: str = ""
    file: str = ""
    line: int | None = field(default=None, compare=False)
    # What a row of an export says about its review (``review_status``): such a row shows
    # the store's corrected event, not what a source said (see store.writer.write_events).
    review_status: str = field(default="", compare=False)

    @property
    def span(self) -> PartialDate:
        return PartialDate.parse(self.date)

    def identity(self) -> str:
        """The text the event id is a hash of: normalized date, type, subtype, targets,
        and the key (or the title when there are no targets to tell events apart)."""
        targets = sorted(fold(t) for t in self.targets)
        disambiguator = fold(self.key) if self.key else ("" if targets else fold(self.title))
        return "|".join(
            [self.date, self.event_type, fold(self.subtype), ";".join(targets), disambiguator]
        )

    def computed_id(self) -> str:
        return "ev_" + hashlib.sha1(self.identity().encode("utf-8")).hexdigest()[:16]

    def with_id(self) -> Event:
        return self if self.event_id else replace(self, event_id=self.computed_id())

    def source_key(self) -> str:
        """Identifies one source's report of the event, so re-ingesting it is a no-op."""
        where = self.source_url or self.source_title or self.file
        return hashlib.sha1(f"{where}|{fold(self.evidence)}".encode()).hexdigest()[:16]

    def row(self) -> dict[str, object]:
        """The export columns this event fills (store columns excluded)."""
        span = self.span
        return {
            "event_id": self.with_id().event_id,
            "date": span.iso,
            "date_precision": span.precision,
            "date_start": span.start.isoformat(),
            "date_end": span.end.isoformat(),
            "event_type": self.event_type,
            "subtype": self.subtype,
            "title": self.title,
            "actors": list(self.actors),
            "targets": list(self.targets),
            "amount": self.amount,
            "currency": self.currency,
            "evidence": self.evidence,
            "source_title": self.source_title,
            "source_url": self.source_url,
            "source_published": self.source_published,
            "confidence": self.confidence,
        }


@lru_cache(maxsize=65536)
def _parse_partial_date(text: str) -> PartialDate:
    # Dates repeat (every event is validated, every report re-read on merge): parse once.
    # PartialDate is frozen, so a cached one can be shared.
    return PartialDate._parse(text)


_EVENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_SPACES = re.compile(r"\s+")


def _copy_with(event: Event, **changes: object) -> Event:
    """``dataclasses.replace(event, **changes)`` without its loop over the 20 fields and
    the frozen __init__ (Event has no __post_init__): every extracted event is validated."""
    copy = object.__new__(type(event))
    vars(copy).update(vars(event), **changes)
    return copy


_CURRENCY = re.compile(r"^[A-Z]{3}$")


def validate(event: Event) -> Event:
    """Check an event against the schema and return it normalized (with its id).

    Raises ValidationError naming the first bad field.
    """
    if not event.title.strip():
        raise ValidationError("title", "is empty")
    try:
        span = PartialDate.parse(event.date)
    except ValueError as exc:
        raise ValidationError("date", str(exc)) from None
    if event.date_precision and event.date_precision != span.precision:
        raise ValidationError(
            "date_precision",
            f"{event.date_precision!r} does not match date {event.date!r} "
            f"(a {span.precision} date)",
        )
    if event.event_type not in EVENT_TYPES:
        raise ValidationError(
            "event_type", f"{event.event_type!r} is not one of: {', '.join(EVENT_TYPES)}"
        )
    if not 0.0 <= event.confidence <= 1.0:
        raise ValidationError("confidence", f"{event.confidence} is outside 0..1")
    if event.amount is not None:
        if not math.isfinite(event.amount) or event.amount > MAX_AMOUNT:
            raise ValidationError("amount", f"{event.amount} is not a finite amount below 10^15")
        if event.amount < 0:
            raise ValidationError("amount", f"{event.amount} is negative")
    currency = event.currency.strip().upper()
    if currency and not _CURRENCY.match(currency):
        raise ValidationError("currency", f"{event.currency!r} is not an ISO 4217 code like USD")
    if event.amount is not None and not currency:
        currency = "USD"  # amounts in the sources this tool reads are US rewards and sanctions
    if event.event_id and not _EVENT_ID.match(event.event_id):
        raise ValidationError("event_id", f"{event.event_id!r} has characters an id cannot have")
    if event.review_status and event.review_status not in REVIEW_STATUSES:
        raise ValidationError(
            "review_status",
            f"{event.review_status!r} is not one of: {', '.join(REVIEW_STATUSES)}",
        )
    if event.source_published:
        try:
            PartialDate.parse(event.source_published)
        except ValueError as exc:
            raise ValidationError("source_published", str(exc)) from None
    normalized = _copy_with(
        event,
        date=span.iso,
        date_precision=span.precision,
        title=storable(_SPACES.sub(" ", event.title).strip()),
        subtype=storable(event.subtype.strip().lower().replace(" ", "_").replace("-", "_")),
        actors=tuple(storable(a) for a in split_list(event.actors)),
        targets=tuple(storable(t) for t in split_list(event.targets)),
        currency=currency,
        evidence=storable(event.evidence.strip()),
        file=storable(event.file),
        source_title=storable(event.source_title),
        source_url=storable(event.source_url),
        key=storable(event.key),
    )
    if not normalized.event_id:
        # Set on the new instance before anyone else sees it: one copy, not two.
        object.__setattr__(normalized, "event_id", normalized.computed_id())
    return normalized
