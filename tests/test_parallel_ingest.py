"""``ingest --jobs N``: files are read in worker processes and stored by one, in the same
order, so the store ends up the same as with one job: the same events, ids and reports."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from ingest.cli import main
from ingest.pipeline import ingest_paths
from ingest.store import Store
from ingest.store.tables import sources_table
from ingest.watchlist import Watchlist
from ingest.workers import ordered_map
from tests.conftest import CURATED, FIXTURES, SHARED

CORPUS = SHARED / "corpus" / "whitehouse"
ROOT = Path(__file__).resolve().parent.parent


def _square(x: int) -> int:
    return x * x


def test_results_come_back_in_the_items_order_from_workers():
    assert list(ordered_map(_square, range(200), workers=2, chunk=3, ahead=2)) == [
        x * x for x in range(200)
    ]
    assert list(ordered_map(_square, iter(range(5)), workers=1)) == [0, 1, 4, 9, 16]


def mixed_folder(tmp_path: Path) -> Path:
    """Curated rows, government records, documents (text, Markdown, HTML, feeds) and bad
    files: every path a file can take through ingest."""
    folder = tmp_path / "mixed"
    shutil.copytree(FIXTURES / "documents", folder / "documents")
    shutil.copytree(FIXTURES / "records", folder / "records")
    shutil.copy(CURATED, folder / "curated.csv")
    for name in ("curated_small.csv", "curated_bad_rows.csv", "empty.csv", "formula_injection.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(ROOT / "data" / "samples" / "2025-08-08_us-directive-military-force-cartels.txt",
                folder / "sample.txt")  # fmt: skip
    return folder


def state(store: Store) -> tuple[list, list]:
    """The events (without the time they were first seen) and every source report."""
    events = store.load_events().drop(columns=["first_seen"])
    with store.engine.connect() as conn:
        reports = conn.execute(
            sa.select(sources_table.c.event_id, sources_table.c.report_id,
                      sources_table.c.source_key, sources_table.c.evidence)
            .order_by(sources_table.c.report_id, sources_table.c.source_key)
        ).all()  # fmt: skip
    return events.to_dict("records"), [tuple(r) for r in reports]


def test_two_jobs_store_the_same_events_and_ids_as_one(tmp_path):
    folder = mixed_folder(tmp_path)
    results = []
    for jobs in (1, 2):
        store = Store(f"sqlite:///{tmp_path / f'jobs{jobs}.db'}")
        summary = ingest_paths([folder], store, watchlist=Watchlist.load(), jobs=jobs)
        lines = [(f.file, f.status, f.new, f.updated, f.errors, f.notes) for f in summary.files]
        results.append((summary.line(), lines, state(store)))
        store.close()
    assert results[0] == results[1]
    assert "failed" in results[0][0] and len(results[0][2][0]) > 30  # bad files among them


def test_the_cli_reads_in_workers_and_rejects_zero_jobs(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    folder = mixed_folder(tmp_path)
    result = runner.invoke(main, ["ingest", str(folder / "documents"), "--jobs", "2", "--db", db])
    assert "file(s) read" in result.output and "Traceback" not in result.output
    bad = runner.invoke(main, ["ingest", str(folder), "--jobs", "0", "--db", db])
    assert bad.exit_code == 2 and "--jobs" in bad.output


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"needs the White House corpus at {CORPUS}")
def test_the_white_house_corpus_exports_the_same_with_two_jobs_as_with_one(tmp_path):
    runner = CliRunner()
    exports = []
    for jobs in (1, 2):
        db = f"sqlite:///{tmp_path / f'wh{jobs}.db'}"
        result = runner.invoke(main, ["ingest", str(CORPUS), "--jobs", str(jobs), "-q", "--db", db])
        assert "file(s) read" in result.output, result.output
        out = tmp_path / f"wh{jobs}.csv"
        assert runner.invoke(main, ["export", "--out", str(out), "--db", db]).exit_code == 0
        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        exports.append([{k: v for k, v in row.items() if k != "first_seen"} for row in rows])
    assert exports[0] == exports[1] and len(exports[0]) > 40
