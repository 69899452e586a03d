"""The analyst's curated CSV: the export columns, of which date, event_type and title
are required. Exported files read back as the same events (round trip)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import RecordError, SourceError
from ..schema import (
    COLUMNS,
    REQUIRED_COLUMNS,
    STORE_COLUMNS,
    Event,
    ValidationError,
    split_list,
    validate,
)
from ..textfile import MB, read_text

NAME = "csv"
EXTENSIONS = (".csv",)
DESCRIPTION = "Curated events CSV (the export columns; date, event_type, title required)"
MAX_BYTES = 200 * MB  # larger files are refused, never read whole
MAX_CELL = 100_000  # characters; a longer cell is a bad value (its row is reported)
MAX_RECORD_LINES = 200  # a quoted cell over more lines than this is an unclosed quote
# The csv module's own limit (128 KB) would end the file at the first long cell; cells are
# checked against MAX_CELL instead, row by row. The file itself is capped by MAX_BYTES.
csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))

# Export neutralizes formula-like cells with a leading quote; reading undoes it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def sniff(head: str) -> bool:
    first_line = head.splitlines()[0] if head else ""
    header = {h.strip().lower() for h in next(csv.reader([first_line]), [])}
    return set(REQUIRED_COLUMNS) <= header


def _unescape(value: str) -> str:
    if value.startswith("'") and value[1:2] and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _number(value: str, field: str) -> float | None:
    clean = value.replace(",", "").replace("_", "").strip()
    if not clean:
        return None
    try:
        return float(clean)
    except ValueError:
        raise ValidationError(field, "is not a number") from None


def parse(source: Path | str, **_options: object) -> Iterator[Event | RecordError]:
    if isinstance(source, Path):
        name, text = str(source), read_text(source, MAX_BYTES, "curated CSV")
    else:
        name, text = "<text>", source
    # strict: a stray or unclosed quote is an error on its row, not a silent merge of rows
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise SourceError(name, "file is empty", "nothing to ingest") from None
    except csv.Error as exc:
        raise SourceError(name, f"not a readable CSV header ({exc})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SourceError(
            name,
            f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            f"the header must include {', '.join(REQUIRED_COLUMNS)}",
        )
    # Unknown columns (an analyst's notes) are ignored; store-managed ones are recomputed.
    wanted = {c: i for i, c in enumerate(header) if c in COLUMNS and c not in STORE_COLUMNS}
    # An export's rows say how they were reviewed: such a row is the store's corrected
    # event read back, not a source's word (store.rows.is_export_of).
    if "review_status" in header:
        wanted["review_status"] = header.index("review_status")

    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # the reader has moved past the bad line: go on
            if "unexpected end of data" in str(exc):
                yield RecordError(
                    name, line, "*", "", f"a quote opened on line {line} is never closed; "
                    f"lines {line} to {reader.line_num} were not read as rows",
                )  # fmt: skip
            else:
                yield RecordError(name, line, "*", "", f"malformed CSV ({exc})")
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if line - start > MAX_RECORD_LINES:
            yield RecordError(
                name, start, "*", "", f"a quoted cell runs from line {start} to line "
                f"{line - 1} (an unclosed quote?); those lines were not read as rows",
            )  # fmt: skip
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            yield RecordError(
                name, start, "*", "", f"{len(cells)} cells but the header has {len(header)} columns"
            )
            continue
        long = next((i for i, c in enumerate(cells) if len(c) > MAX_CELL), None)
        if long is not None:
            yield RecordError(
                name, start, header[long], cells[long][:60],
                f"cell of {len(cells[long]):,} characters, larger than {MAX_CELL:,}",
            )  # fmt: skip
            continue
        row = {c: _unescape(cells[i]) if i < len(cells) else "" for c, i in wanted.items()}
        try:
            amount = _number(row.get("amount", ""), "amount")
            confidence = _number(row.get("confidence", ""), "confidence")
            event = Event(
                date=row["date"],
                date_precision=row.get("date_precision", "").strip().lower(),
                event_type=row["event_type"].strip().lower(),
                subtype=row.get("subtype", ""),
                title=row["title"],
                actors=split_list(row.get("actors", "")),
                targets=split_list(row.get("targets", "")),
                amount=amount,
                currency=row.get("currency", ""),
                evidence=row.get("evidence", ""),
                source_title=row.get("source_title", "").strip(),
                source_url=row.get("source_url", "").strip(),
                source_published=row.get("source_published", "").strip(),
                confidence=1.0 if confidence is None else confidence,
                event_id=row.get("event_id", "").strip(),
                review_status=row.get("review_status", "").strip().lower(),
                adapter=NAME,
                file=name,
                line=start,
            )
            yield validate(event)
        except ValidationError as exc:
            yield RecordError(name, start, exc.field, str(row.get(exc.field, "")), exc.problem)
