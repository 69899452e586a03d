import csv
import shutil
from pathlib import Path

from ingest.export import to_csv
from ingest.pipeline import ingest_paths
from ingest.schema import COLUMNS
from ingest.store import Store
from tests.conftest import CURATED


def test_ingesting_the_same_file_twice_changes_nothing(store: Store, fixtures: Path):
    first = ingest_paths([fixtures / "curated_small.csv"], store)
    assert (first.total("new"), first.total("rejected")) == (3, 0)
    before = store.load_events()
    second = ingest_paths([fixtures / "curated_small.csv"], store)
    assert (second.total("new"), second.total("updated"), second.total("unchanged")) == (0, 0, 3)
    assert store.load_events().equals(before)


def test_bad_rows_are_left_out_and_reported_the_good_rows_stored(store: Store, fixtures: Path):
    summary = ingest_paths([fixtures / "curated_bad_rows.csv"], store)
    (report,) = summary.files
    assert report.status == "partial"
    assert (report.new, report.rejected) == (5, 2)
    assert any(":7:" in e and "2025-13-45" in e for e in report.errors)
    assert store.count_events() == 5
    assert summary.failed  # so the CLI exits non-zero
    run = store.last_run()
    assert run["status"] == "partial" and run["n_rejected"] == 2 and "2025-13-45" in run["message"]


def test_strict_mode_rolls_back_the_whole_file(store: Store, fixtures: Path):
    summary = ingest_paths([fixtures / "curated_bad_rows.csv"], store, strict=True)
    assert summary.files[0].status == "failed"
    assert store.count_events() == 0
    assert store.last_run()["status"] == "failed"


def test_file_errors_store_nothing_and_the_batch_goes_on(
    store: Store, fixtures: Path, tmp_path: Path
):
    for name in (
        "curated_missing_column.csv",
        "curated_latin1.csv",
        "empty.csv",
        "curated_small.csv",
    ):
        shutil.copy(fixtures / name, tmp_path / name)
    summary = ingest_paths([tmp_path], store)
    status = {Path(f.file).name: f.status for f in summary.files if f.status != "skipped"}
    assert status == {
        "curated_missing_column.csv": "failed",
        "curated_latin1.csv": "failed",
        "empty.csv": "failed",
        "curated_small.csv": "ok",
    }
    assert store.count_events() == 3
    messages = [m for f in summary.files for m in f.errors]
    assert any("curated_missing_column.csv" in m and "event_type" in m for m in messages)
    assert any("curated_latin1.csv" in m and "UTF-8" in m for m in messages)
    assert any("empty.csv" in m and "empty" in m for m in messages)


def test_a_folder_of_unrelated_files_is_skipped_with_a_note(store: Store, fixtures: Path):
    summary = ingest_paths([fixtures / "unrelated"], store)
    assert {f.status for f in summary.files} == {"skipped"}
    assert all("not a known source format" in f.errors[0] for f in summary.files)
    assert not summary.failed and store.count_events() == 0


def test_an_edited_row_updates_its_event(store: Store, tmp_path: Path, fixtures: Path):
    path = tmp_path / "events.csv"
    shutil.copy(fixtures / "curated_small.csv", path)
    ingest_paths([path], store)
    path.write_text(
        path.read_text().replace("Reward doubled to $50 million", "Reward raised to $50M")
    )
    summary = ingest_paths([path], store)
    assert (summary.total("new"), summary.total("updated"), summary.total("unchanged")) == (0, 1, 2)
    assert "Reward raised to $50M" in set(store.load_events()["title"])


def test_a_second_source_for_the_same_event_is_kept_and_counted(store: Store, tmp_path: Path):
    header = "date,event_type,title,targets,source_title,source_url,evidence\n"
    (tmp_path / "a.csv").write_text(
        header + "2025-08-07,bounty,Reward,Nicolas Maduro,A,https://a.example,Quote A\n"
    )
    (tmp_path / "b.csv").write_text(
        header + "2025-08-07,bounty,Reward,Nicolas Maduro,B,https://b.example,Quote B\n"
    )
    ingest_paths([tmp_path / "a.csv", tmp_path / "b.csv"], store)
    (event,) = store.load_events().to_dict("records")
    assert event["source_count"] == 2
    sources = store.sources_for(event["event_id"])
    assert [s["evidence"] for s in sources] == ["Quote A", "Quote B"]


def test_export_then_reingest_gives_the_same_events(store: Store, tmp_path: Path):
    ingest_paths([CURATED], store)
    exported = tmp_path / "export.csv"
    exported.write_text(to_csv(store.load_events()), encoding="utf-8", newline="")
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    summary = ingest_paths([exported], other)
    assert summary.total("rejected") == 0
    compare = [c for c in COLUMNS if c != "first_seen"]
    a = store.load_events()[compare].reset_index(drop=True)
    b = other.load_events()[compare].reset_index(drop=True)
    assert a.equals(b)
    # Into the same store it is a no-op.
    again = ingest_paths([exported], store)
    assert again.total("new") == 0 and again.total("updated") == 0


def test_bundled_dataset_is_real_sourced_and_spans_2020_to_2026(store: Store):
    rows = list(csv.DictReader(CURATED.open(encoding="utf-8")))
    assert len(rows) >= 25
    for row in rows:
        assert row["source_title"] and row["source_url"].startswith("https://"), row["title"]
        assert row["source_published"], row["title"]
    years = {r["date"][:4] for r in rows}
    assert min(years) == "2020" and max(years) == "2026"
    types = {r["event_type"] for r in rows}
    assert {"designation", "bounty", "directive", "sanction", "military_action", "legal"} <= types
    summary = ingest_paths([CURATED], store)
    assert summary.total("rejected") == 0 and summary.total("new") == len(rows)
