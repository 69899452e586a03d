"""Federal Register API records: JSON (one document, or a search response
``{"count": ..., "results": [...]}``) and the API's CSV output.

- Presidential documents become ``directive`` events dated by ``signing_date``, subtype
  from ``subtype`` ("Executive Order" -> ``executive_order``), keyed by the executive
  order or proclamation number so every copy of the act merges into one event.
- State Department notices that designate (or revoke the designation of) a Foreign
  Terrorist Organization or a Specially Designated Global Terrorist become
  ``designation`` / ``delisting`` events dated by ``effective_on``, else by publication
  (designations take effect on publication), with the designated organizations as
  targets.
- OFAC notices become ``sanction`` events.
Other records (rules, unrelated notices) are not events of this timeline: they are
counted in one note, not reported one by one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Notice, RecordError, SourceError
from ..extract.gazetteer import load_gazetteer
from ..schema import Event, ValidationError, validate
from ..textfile import MB, read_text

NAME = "federal_register"
EXTENSIONS = (".json", ".csv")
DESCRIPTION = "Federal Register API JSON (document or search results) or CSV export"
MAX_BYTES = 100 * MB  # larger files are refused, never read whole

KNOWN_TYPES = ("Presidential Document", "Notice", "Rule", "Proposed Rule", "Uncategorized Document")
_SUBTYPES = {
    "executive order": "executive_order",
    "proclamation": "proclamation",
    "memorandum": "memorandum",
    "determination": "determination",
    "notice": "notice",
    "presidential order": "directive",
}
_FTO = re.compile(r"foreign terrorist organi[sz]ation", re.IGNORECASE)
_SDGT = re.compile(r"specially designated global terrorist", re.IGNORECASE)
_REVOKE = re.compile(r"\b(?:revocation|revoking|revoked|amendment)\b", re.IGNORECASE)
_OFAC = re.compile(r"\bOFAC\b|Foreign Assets Control", re.IGNORECASE)
_DESIGNATED_NAMES = re.compile(
    r"Designations? of (?P<names>.+?)(?:,? (?:as|and its aliases) (?:a |an )?(?:Foreign|Specially)|$)"
)


def sniff(head: str) -> bool:
    stripped = head.lstrip()
    if stripped.startswith(("{", "[")):
        return '"document_number"' in head or '"results"' in head
    first = stripped.splitlines()[0] if stripped else ""
    return "document_number" in first


class WrongShape(Exception):
    """A record field holding a list, an object or another value where text belongs."""

    def __init__(self, field: str, value: object, expected: str):
        super().__init__(field)
        self.field = field
        self.value = value
        self.expected = expected


def _text(record: dict[str, Any], field: str) -> str:
    """A field as text: strings and numbers as written, missing or null as ''."""
    value = record.get(field)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise WrongShape(field, value, "text")
    return str(value)


def _agencies(record: dict[str, Any]) -> list[str]:
    value = record.get("agencies")
    if value is not None and not isinstance(value, list):
        raise WrongShape("agencies", value, "a list of agencies")
    names = []
    for agency in value or []:
        if isinstance(agency, dict):
            names.append(_text(agency, "name") or _text(agency, "raw_name"))
        elif isinstance(agency, str):
            names.append(agency)
        else:
            raise WrongShape("agencies", agency, "an agency object or name")
    if not names and _text(record, "agency_names"):
        names = re.split(r"\s*[;|]\s*", _text(record, "agency_names"))
    return [n for n in names if n]


def _named(text: str) -> list[str]:
    """The gazetteer entities a record names, except the agencies and officials acting."""
    return [m.entity.name for m in load_gazetteer().find(text) if not m.entity.actor]


def _designated(title: str, text: str) -> list[str]:
    """The organizations a notice designates: gazetteer names first, else the names the
    title lists ("Designations of A, B, and C")."""
    gazetteer = load_gazetteer()
    found = [m.entity.name for m in gazetteer.find(text) if m.entity.kind == "organization"]
    if found:
        return list(dict.fromkeys(found))
    m = _DESIGNATED_NAMES.search(title)
    if not m:
        return []
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", m["names"])
    return [gazetteer.canonical(p.strip()) or p.strip() for p in parts if p.strip()]


def record_event(record: dict[str, Any], name: str, where: str) -> Event | RecordError | None:
    """One record as an event; a RecordError names what is missing; None when the
    record is not an event this timeline follows."""

    def bad(field: str, problem: str, value: object = "") -> RecordError:
        return RecordError(name, None, f"{where} {field}", str(value or ""), problem)

    number = _text(record, "document_number").strip()
    if not number:
        return bad("document_number", "is missing; every Federal Register record has one")
    where_doc = f"{where} ({number})"
    kind = _text(record, "type")
    if kind not in KNOWN_TYPES:
        return RecordError(name, None, f"{where_doc} type", str(kind or ""),
                           f"unknown type; expected one of: {', '.join(KNOWN_TYPES)}")  # fmt: skip
    title = " ".join(_text(record, "title").split())
    abstract = " ".join(_text(record, "abstract").split())
    published = _text(record, "publication_date")
    url = _text(record, "html_url") or f"https://www.federalregister.gov/d/{number}"
    citation = _text(record, "citation")
    agencies = _agencies(record)
    where_said = "; ".join(p for p in (citation, f"FR Doc {number}") if p)

    def missing_date(what: str) -> RecordError:
        return RecordError(
            name, None, f"{where_doc} publication_date", "", f"is missing; cannot date {what}"
        )

    if kind == "Presidential Document":
        if not title:
            return RecordError(
                name, None, f"{where_doc} title", "", "is missing; cannot tell which act this is"
            )
        signed = _text(record, "signing_date")
        if not signed:
            return RecordError(name, None, f"{where_doc} signing_date", "",
                               "is missing; a presidential document is dated by its signing")  # fmt: skip
        subtype = _SUBTYPES.get(_text(record, "subtype").strip().lower(), "directive")
        eo = _text(record, "executive_order_number").strip()
        proc = _text(record, "proclamation_number").strip()
        key = f"doc:eo-{eo}" if eo else f"doc:proclamation-{proc}" if proc else f"doc:fr-{number}"
        label = f"Executive Order {eo}: {title}" if eo else title
        president = (
            _text(record["president"], "name")
            if isinstance(record.get("president"), dict)
            else _text(record, "president")
        )
        gazetteer = load_gazetteer()
        targets = _named(f"{title} {abstract}")
        event = Event(
            date=str(signed), event_type="directive", subtype=subtype, title=label,
            actors=tuple(filter(None, [gazetteer.canonical(president) or president] if president else [])),
            targets=tuple(dict.fromkeys(targets)),
            evidence=abstract or f"{label}. Signed {signed}; published {published} ({where_said}).",
            key=key,
        )  # fmt: skip
    elif (
        kind == "Notice" and not (title or abstract) and any("state" in a.lower() for a in agencies)
    ):
        # A State Department notice may well be a designation: say it cannot be read.
        return RecordError(name, None, f"{where_doc} title", "",
                           "is missing (and so is the abstract); cannot tell what the notice designates")  # fmt: skip
    elif (
        kind == "Notice"
        and (_FTO.search(title + abstract) or _SDGT.search(title + abstract))
        and any("state" in a.lower() for a in agencies)
    ):
        when = _text(record, "effective_on") or published
        if not when:
            return missing_date("the designation")
        targets = _designated(title, f"{title} {abstract}")
        if not targets:
            return RecordError(
                name, None, f"{where_doc} title", title, "names no organization this tool can read"
            )
        revoked = bool(_REVOKE.search(title))
        event = Event(
            date=str(when), event_type="delisting" if revoked else "designation",
            subtype="fto" if _FTO.search(title + abstract) else "sdgt", title=title,
            actors=("Department of State",), targets=tuple(targets),
            evidence=abstract or f"{title}. Effective {when} ({where_said}).", key=f"doc:fr-{number}",
        )  # fmt: skip
    elif kind == "Notice" and (
        _OFAC.search(title + abstract) or any(_OFAC.search(a) for a in agencies)
    ):
        when = _text(record, "effective_on") or published
        if not when:
            return missing_date("the sanction")
        targets = _named(f"{title} {abstract}")
        event = Event(
            date=str(when), event_type="sanction", subtype="ofac", title=title or f"OFAC notice {number}",
            actors=("Department of the Treasury",), targets=tuple(dict.fromkeys(targets)),
            evidence=abstract or f"{title}. ({where_said}).", key=f"doc:fr-{number}",
        )  # fmt: skip
    else:
        return None
    event = replace(
        event,
        source_title=f"Federal Register: {title}"
        if title
        else f"Federal Register document {number}",
        source_url=url,
        source_published=published,
        confidence=1.0,
        adapter=NAME,
        file=name,
    )
    try:
        return validate(event)
    except ValidationError as exc:
        return RecordError(
            name, None, f"{where_doc} {exc.field}", str(getattr(event, exc.field, "")), exc.problem
        )


def _records(text: str, name: str) -> list[dict[str, Any]]:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(name, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                              "is the file truncated?") from None  # fmt: skip
        if isinstance(data, dict) and "results" in data:
            data = data["results"] or []
        elif isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise SourceError(name, "expected a document, a list of documents or a search response")
        return data
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows:
        raise SourceError(name, "no records in the CSV")
    return [{k.strip(): v for k, v in row.items() if k} for row in rows]


def parse(source: Path | str, **_: object) -> Iterator[Event | RecordError | Notice]:
    name, text = (
        (str(source), read_text(source, MAX_BYTES, "Federal Register file"))
        if isinstance(source, Path)
        else ("<text>", source)
    )
    skipped = 0
    for number, record in enumerate(_records(text, name), start=1):
        if not isinstance(record, dict):
            yield RecordError(name, None, f"record {number}", "", "is not an object")
            continue
        try:
            result = record_event(record, name, f"record {number}")
        except WrongShape as exc:
            shown = json.dumps(exc.value, ensure_ascii=False)[:60]
            where = f"record {number} {exc.field}"
            kind = type(exc.value).__name__
            yield RecordError(name, None, where, shown, f"is {kind} where {exc.expected} belongs")
            continue
        if result is None:
            skipped += 1
        else:
            yield result
    if skipped:
        yield Notice(
            name,
            f"{skipped} record(s) are neither presidential documents nor designation or OFAC notices; skipped",
        )
