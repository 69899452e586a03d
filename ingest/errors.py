"""Errors that name the file, the record and the problem, in one line each."""

from __future__ import annotations

from dataclasses import dataclass


class SourceError(Exception):
    """The whole file cannot be read (missing column, not UTF-8, truncated JSON...).

    Nothing from the file is stored.
    """

    def __init__(self, file: str, problem: str, hint: str = ""):
        self.file = file
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.file}: {self.problem}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class RecordError:
    """One bad record (row, entry, item) of a file that is otherwise readable.

    Adapters yield these instead of raising, so the pipeline can report every bad
    record of a file, not just the first.
    """

    file: str
    line: int | None
    field: str
    value: str
    problem: str

    @property
    def message(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        value = f" (value {shown!r})" if self.value else ""
        return f"{where}: column {self.field!r}{value}: {self.problem}"


@dataclass(frozen=True)
class Notice:
    """Something the analyst should know about a file that is not an error: a document
    with no publication date, a feed entry skipped, lines decoded as Windows-1252."""

    file: str
    text: str

    @property
    def message(self) -> str:
        return self.text if self.text.startswith(self.file) else f"{self.file}: {self.text}"


def one_line(exc: BaseException) -> str:
    """An exception as one line an analyst can read: the database driver's own message
    without the SQL statement, its parameters or a link; never a traceback."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    inner = orig if isinstance(orig, BaseException) else exc
    lines = [line.strip() for line in str(inner).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__
