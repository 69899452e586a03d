"""Every adapter, fed mutated copies of real fixtures, yields events, bad records and notes,
or refuses the whole file with a SourceError; nothing else escapes, and what it yields can
always be stored (on SQLite, and on PostgreSQL when a test server is set).

Mutations are drawn from a seeded generator, so a failure names a reproducible case.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.errors import Notice, RecordError, SourceError
from ingest.pipeline import ingest_paths
from ingest.schema import MAX_YEAR, MIN_YEAR, Event, PartialDate, validate
from ingest.sources import get_adapter
from ingest.store import Store
from tests.conftest import FIXTURES, ROOT

DOCS = FIXTURES / "documents"
RECORDS = FIXTURES / "records"
CORPUS = {
    "csv": [FIXTURES / "curated_small.csv", ROOT / "data/curated/us_counter_cartel.csv"],
    "federal_register": [
        RECORDS / "fr_2025-02004_eo14157.json",
        RECORDS / "fr_search_fto_notices.json",
        RECORDS / "fr_records.csv",
        ROOT / "data/records/federal_register_fto_notices_2025.json",
    ],
    "fto_list": [RECORDS / "fto_list.html", ROOT / "data/records/state_fto_list_excerpt.csv"],
    "markdown": [DOCS / "executive_order.md", DOCS / "proclamation.md", DOCS / "fact_sheet.md"],
    "html": [DOCS / "article.html", DOCS / "article_jsonld.html"],
    "feed": [DOCS / "feed.rss", DOCS / "feed.atom"],
    "text": [ROOT / "data/samples/2025-08-08_us-directive-military-force-cartels.txt"],
}
MUTANTS = int(os.environ.get("POLICY_TIMELINE_FUZZ", "40"))  # per fixture
SEED = os.environ.get("POLICY_TIMELINE_FUZZ_SEED", "")  # another seed explores other cases

# Values that broke adapters before: out-of-range years, impossible days, non-finite
# numbers, NUL, unpaired surrogates, formula cells, huge cells, control characters.
NASTY = [
    "0001-01-01", "9999-12-31", "2025-13-01", "2025-02-30", "February 30, 2025", "nan", "inf",
    "-inf", "1e400", "-5", "\x00", "\ud800", "\udfff", "=HYPERLINK(\"x\")", "\u202e", "\ufeff",
    "x" * 140_000, "9" * 60, "", " ", "null", "[]", "{}", "*a " * 500, "Mr. A " * 500,
]  # fmt: skip
STRUCTURED = [None, [], {}, [1, [2]], {"a": {"b": []}}, 1e308, -1, True, "\x00", "\ud800x"]


def _byte_mutation(data: bytes, rng: random.Random) -> bytes:
    pos = rng.randrange(len(data) + 1)
    kind = rng.randrange(7)
    if kind == 0:  # flip bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 1:  # truncate
        return data[:pos]
    if kind == 2:  # delete a span
        return data[:pos] + data[pos + rng.randint(1, 400) :]
    if kind == 3:  # repeat a span
        span = data[pos : pos + rng.randint(1, 300)]
        return data[:pos] + span * rng.randint(2, 30) + data[pos:]
    if kind == 4:  # raw bytes that are not UTF-8, a BOM, NUL
        junk = rng.choice([b"\x00", b"\xff\xfe", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x80" * 3])
        return data[:pos] + junk + data[pos:]
    if kind == 5:  # a nasty value spliced in as text
        value = rng.choice(NASTY).encode("utf-8", "surrogatepass")
        return data[:pos] + value + data[pos:]
    return data[: rng.randrange(len(data) + 1)] + data  # a prefix doubled


def _json_mutation(data: bytes, rng: random.Random) -> bytes:
    """A value somewhere in the document replaced by another shape or a nasty value."""
    try:
        doc = json.loads(data)
    except ValueError:
        return _byte_mutation(data, rng)
    slots: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                slots.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                slots.append((node, i))
                walk(value)

    walk(doc)
    for _ in range(rng.randint(1, 4)):
        if not slots:
            break
        parent, key = rng.choice(slots)
        parent[key] = rng.choice(STRUCTURED + NASTY)  # type: ignore[index]
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def _cell_mutation(data: bytes, rng: random.Random) -> bytes:
    """A CSV or TSV cell replaced by a nasty value (quoted, as a spreadsheet writes it)."""
    lines = data.split(b"\n")
    if len(lines) < 2:
        return _byte_mutation(data, rng)
    i = rng.randrange(1, len(lines))
    sep = b"\t" if b"\t" in lines[0] else b","
    cells = lines[i].split(sep)
    value = rng.choice(NASTY).replace('"', '""')
    cells[rng.randrange(len(cells))] = b'"' + value.encode("utf-8", "surrogatepass") + b'"'
    lines[i] = sep.join(cells)
    return b"\n".join(lines)


_DATE_LIKE = re.compile(
    rb"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|(?:January|February|March|April|May|June|July"
    rb"|August|September|October|November|December) \d{1,2}, \d{4}"
)
IMPOSSIBLE_DATES = [
    b"2025-13-01", b"2025-02-30", b"0001-01-01", b"9999-12-31", b"February 30, 2025",
    b"2/30/2025", b"13/45/2025", b"December 32, 2025", b"January 1, 0001", b"June 5, 9999",
]  # fmt: skip


def _date_mutation(data: bytes, rng: random.Random) -> bytes:
    """A date written in the document (front matter, dateline, signing line, table cell)
    replaced by an impossible or out-of-range one."""
    found = list(_DATE_LIKE.finditer(data))
    if not found:
        return _byte_mutation(data, rng)
    m = rng.choice(found)
    return data[: m.start()] + rng.choice(IMPOSSIBLE_DATES) + data[m.end() :]


def mutants(path: Path) -> list[tuple[str, bytes]]:
    data = path.read_bytes()
    rng = random.Random(f"{SEED}{path.name}")
    structured: Callable[[bytes, random.Random], bytes] = (
        _json_mutation
        if path.suffix == ".json"
        else _cell_mutation
        if path.suffix in (".csv", ".tsv")
        else _byte_mutation
    )
    out = []
    for n in range(MUTANTS):
        mutate = (structured, _byte_mutation, _date_mutation)[n % 3]
        mutated = data
        for _ in range(rng.randint(1, 3)):
            mutated = mutate(mutated, rng)
        out.append((f"{path.name}#{n}", mutated))
    return out


def _check(item: object, case: str) -> None:
    assert isinstance(item, (Event, RecordError, Notice)), (case, item)
    if isinstance(item, Event):
        again = validate(item)  # what an adapter yields is already valid
        span = PartialDate.parse(again.date)
        assert span.start.year >= MIN_YEAR and span.end.year <= MAX_YEAR, case
    else:
        assert "\n" not in item.message, (case, item.message)  # one line each


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_mutated_real_fixtures_yield_records_or_a_source_error_only(name: str, tmp_path: Path):
    adapter = get_adapter(name)
    for fixture in CORPUS[name]:
        for case, data in mutants(fixture):
            path = tmp_path / f"mutant{fixture.suffix}"
            path.write_bytes(data)
            try:
                for item in adapter.parse(path):
                    _check(item, case)
            except SourceError as exc:
                assert "\n" not in exc.message, (case, exc.message)


STORES = ["sqlite"] + (["postgresql"] if os.environ.get("POLICY_TIMELINE_TEST_PG") else [])


@pytest.mark.parametrize("kind", STORES)
def test_whatever_an_adapter_yields_from_a_mutant_can_be_stored(kind: str, tmp_path: Path):
    if kind == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'fuzz.db'}")
    else:
        import sqlalchemy as sa

        store = Store(os.environ["POLICY_TIMELINE_TEST_PG"])
        with store.engine.begin() as conn:
            for table in ("event_entities", "event_sources", "events", "ingest_runs"):
                conn.execute(sa.text(f"DELETE FROM {table}"))
    folder = tmp_path / "mutants"
    folder.mkdir()
    for name, fixtures in CORPUS.items():
        for fixture in fixtures:
            for case, data in mutants(fixture)[:8]:
                target = folder / f"{name}-{fixture.stem}-{case.split('#')[1]}{fixture.suffix}"
                target.write_bytes(data)
    summary = ingest_paths([folder], store)
    store.close()
    for report in summary.files:
        for message in report.errors:
            assert "could not be stored" not in message, message
            assert "could not be read (" not in message, message  # an adapter bug
            assert "\n" not in message
