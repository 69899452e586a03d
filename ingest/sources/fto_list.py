"""The State Department's list of Foreign Terrorist Organizations, as the page publishes
it (an HTML table with "Date Designated" and "Name", and the table of delisted
organizations with their removal dates) or a CSV/TSV copy of it.

Organizations designated on the same day are one designation event (one act, many
targets); each removal is a delisting event. Names are mapped to canonical names through
the gazetteer ("Cartel de Jalisco Nueva Generacion (CJNG)" -> the gazetteer's name).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ..errors import Notice, RecordError, SourceError
from ..extract.gazetteer import load_gazetteer
from ..schema import Event, ValidationError, validate
from ..textfile import MB, read_text

NAME = "fto_list"
EXTENSIONS = (".html", ".htm", ".csv", ".tsv")
DESCRIPTION = "State Department FTO list (HTML table or CSV/TSV with Date Designated, Name)"
MAX_BYTES = 20 * MB  # larger files are refused, never read whole
PAGE_URL = "https://www.state.gov/foreign-terrorist-organizations/"

_DESIGNATED = ("date designated", "designated", "date of designation")
_REMOVED = ("date removed", "date delisted", "removed", "delisted", "date revoked", "revoked")


def sniff(head: str) -> bool:
    return "date designated" in head.lower()


def canonical_name(raw: str) -> str:
    """'Cartel de Jalisco Nueva Generacion (CJNG)' -> the gazetteer's canonical name, trying
    the name without its parenthesis, then the parenthesis itself (an acronym)."""
    gazetteer = load_gazetteer()
    clean = " ".join(raw.split())
    base = re.sub(r"\s*\([^)]*\)", "", clean).strip()
    inner = re.findall(r"\(([^)]*)\)", clean)
    for candidate in (clean, base, *inner):
        name = gazetteer.canonical(candidate) if candidate else None
        if name:
            return name
    return base or clean


def _date(value: str) -> str:
    """M/D/YYYY (the list's format) or ISO, as an ISO date; ValueError otherwise."""
    value = value.strip()
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%B %d, %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date like 2/20/2025")


def _tables(text: str, name: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    if re.search(r"<table\b", text, re.IGNORECASE):
        from lxml import html as lxml_html

        try:
            doc = lxml_html.fromstring(text)
        except Exception as exc:  # lxml's errors vary with the damage
            raise SourceError(name, f"not readable HTML ({exc})") from None
        tables = []
        for table in doc.iter("table"):
            rows = [
                [" ".join(c.text_content().split()) for c in tr.iter("th", "td")]
                for tr in table.iter("tr")
            ]
            tables.append([r for r in rows if any(r)])
        return tables
    first_line = text.lstrip().split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first_line else "excel"
    return [[row for row in csv.reader(io.StringIO(text, newline=""), dialect=dialect) if any(row)]]


def _page_url(text: str) -> str:
    m = re.search(
        r'<link[^>]+rel="canonical"[^>]+href="([^"]+)"|property="og:url"[^>]+content="([^"]+)"',
        text,
    )
    return (m.group(1) or m.group(2)) if m else PAGE_URL


def parse(source: Path | str, **_: object) -> Iterator[Event | RecordError | Notice]:
    name, text = (
        (str(source), read_text(source, MAX_BYTES, "FTO list"))
        if isinstance(source, Path)
        else ("<text>", source)
    )
    url = _page_url(text) if "<" in text[:2000] else PAGE_URL
    found_table = False
    for table in _tables(text, name):
        if not table:
            continue
        header = [h.strip().lower() for h in table[0]]
        if "name" not in header:
            continue
        date_col = next((header.index(h) for h in _REMOVED if h in header), None)
        kind = "delisting"
        if date_col is None:
            date_col = next((header.index(h) for h in _DESIGNATED if h in header), None)
            kind = "designation"
        if date_col is None:
            continue
        found_table = True
        name_col = header.index("name")
        extra = [h for h in header if h not in ("name", *_DESIGNATED, *_REMOVED)]
        if extra:
            yield Notice(name, f"column(s) {', '.join(repr(e) for e in extra)} ignored")
        by_date: dict[str, list[tuple[int, str]]] = {}
        for line, row in enumerate(table[1:], start=2):
            cells = row + [""] * (len(header) - len(row))
            raw_name, raw_date = cells[name_col].strip(), cells[date_col].strip()
            where = f"{kind} table row {line}"
            if not raw_name:
                yield RecordError(name, line, "Name", "", f"{where}: the name is empty")
                continue
            try:
                day = _date(raw_date)
            except ValueError as exc:
                yield RecordError(name, line, header[date_col].title(), raw_date, f"{where}: {exc}")
                continue
            by_date.setdefault(day, []).append((line, raw_name))
        for day, rows in sorted(by_date.items()):
            targets = tuple(dict.fromkeys(canonical_name(raw) for _, raw in rows))
            if kind == "designation":
                verb = (
                    "designated a Foreign Terrorist Organization"
                    if len(targets) == 1
                    else "designated Foreign Terrorist Organizations"
                )
            else:
                verb = "removed from the list of Foreign Terrorist Organizations"
            shown = ", ".join(raw for _, raw in rows)
            try:
                yield validate(
                    Event(
                        date=day, event_type=kind, subtype="fto",
                        title=f"{'; '.join(targets)} {verb}" if len(targets) <= 3 else f"{len(targets)} organizations {verb}",
                        actors=("Department of State",), targets=targets,
                        evidence=f"State Department FTO list: {shown} — {'designated' if kind == 'designation' else 'removed'} {day}.",
                        source_title="Foreign Terrorist Organizations (State Department list)",
                        source_url=url, confidence=1.0, adapter=NAME, file=name, line=rows[0][0],
                    )
                )  # fmt: skip
            except ValidationError as exc:
                yield RecordError(name, rows[0][0], exc.field, day, exc.problem)
    if not found_table:
        raise SourceError(name, "no table with 'Date Designated' and 'Name' columns",
                          "is this the State Department FTO list?")  # fmt: skip
