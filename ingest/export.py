"""CSV export in the contract columns: RFC 4180, UTF-8, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .schema import COLUMN_SPECS, COLUMNS, LIST_COLUMNS, join_list

if TYPE_CHECKING:
    import pandas as pd

# OWASP CSV injection: a spreadsheet runs a cell starting with these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
_TEXT_KINDS = ("text", "list", "date", "datetime")


def neutralize(value: str) -> str:
    """Prefix a formula-like cell with ``'`` so a spreadsheet shows it as text."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell(name: str, value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if name in LIST_COLUMNS:
        value = join_list(list(value))
    elif isinstance(value, float) and value.is_integer() and name == "amount":
        value = int(value)  # 50000000, not 50000000.0
    text = str(value)
    return neutralize(text) if COLUMN_SPECS[name].kind in _TEXT_KINDS else text


def write_csv(df: pd.DataFrame, out: io.TextIOBase | Any) -> int:
    """Write ``df`` to a text stream in the contract columns; return the row count."""
    return _write(df[list(COLUMNS)].itertuples(index=False, name=None), out)


def write_rows(rows: list[dict[str, Any]], out: io.TextIOBase | Any) -> int:
    """The same CSV from plain dicts (the extract command has no DataFrame)."""
    return _write(([r.get(c) for c in COLUMNS] for r in rows), out)


def _write(rows: Any, out: io.TextIOBase | Any) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(n, v) for n, v in zip(COLUMNS, row, strict=True)])
        count += 1
    return count


def to_csv(df: pd.DataFrame) -> str:
    buffer = io.StringIO(newline="")
    write_csv(df, buffer)
    return buffer.getvalue()


def iter_csv(df: pd.DataFrame, chunk_rows: int = 5_000) -> Iterator[str]:
    """The same CSV in pieces of ``chunk_rows`` rows (the header first): a large export
    streams from its first rows instead of being built whole in memory."""
    return iter_csv_frames(
        df.iloc[first : first + chunk_rows] for first in range(0, len(df), chunk_rows)
    )


def iter_csv_frames(frames: Iterable[pd.DataFrame]) -> Iterator[str]:
    """The CSV of these DataFrames one after another (the header first), a piece each:
    the rows can be read from the store a chunk at a time while the answer streams."""
    header = io.StringIO(newline="")
    csv.writer(header, lineterminator="\r\n").writerow(COLUMNS)
    yield header.getvalue()
    for df in frames:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in df[list(COLUMNS)].itertuples(index=False, name=None):
            writer.writerow([_cell(n, v) for n, v in zip(COLUMNS, row, strict=True)])
        yield buffer.getvalue()
