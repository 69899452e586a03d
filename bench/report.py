"""Writing benchmark figures: the machine they were measured on, and the section of
docs/benchmarks.md that holds them (between <!-- bench:NAME --> markers)."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def replace_section(path: Path, name: str, body: str) -> None:
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    content = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{start}\n{body}\n{end}"
    if start in content and end in content:
        content = content[: content.index(start)] + block + content[content.index(end) + len(end) :]
    else:
        content = content.rstrip() + ("\n\n" if content else "") + block + "\n"
    path.write_text(content, encoding="utf-8")


def publish(lines: list[str], section: str, path: Path | None) -> None:
    """Print the figures and, if asked, write them into their section of ``path``."""
    text = "\n".join(lines)
    print(text)
    if path:
        replace_section(path, section, text)


def fresh_url(kind: str, sqlite_file: Path, pg: str | None) -> str:
    """A store to measure into: a new SQLite file, or the PostgreSQL database emptied (every
    table of the schema: events, sources, the change log, runs, edits)."""
    if kind == "sqlite":
        return f"sqlite:///{sqlite_file}"
    from ingest.store import Store
    from ingest.store.tables import metadata

    store = Store(pg)
    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):  # children before the rows they name
            conn.execute(table.delete())
    store.close()
    return pg  # type: ignore[return-value]
