import csv
import io
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ingest.cli import main
from tests.conftest import CURATED


def run(*args: str, db: str):
    return CliRunner().invoke(main, [*args, "--db", db], catch_exceptions=False)


def test_ingest_prints_a_summary_and_reingest_is_a_no_op(db_url: str):
    first = run("ingest", str(CURATED), db=db_url)
    assert first.exit_code == 0
    assert "1 file(s) read; events: 28 new, 0 updated, 0 unchanged, 0 rejected" in first.output
    second = run("ingest", str(CURATED), db=db_url)
    assert "0 new, 0 updated, 28 unchanged" in second.output


def test_export_type_bounty_writes_the_bounty_rows_with_amounts(db_url: str, tmp_path: Path):
    run("ingest", str(CURATED), db=db_url)
    out = tmp_path / "x.csv"
    result = run("export", "--out", str(out), "--type", "bounty", db=db_url)
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert rows and {r["event_type"] for r in rows} == {"bounty"}
    assert list(rows[0].keys())[:19][-1] == "first_seen"
    maduro = {r["date"]: r["amount"] for r in rows if "Nicolas Maduro" in r["targets"]}
    assert maduro == {"2020-03-26": "15000000", "2025-01-10": "25000000", "2025-08-07": "50000000"}


def test_export_filters_by_date_entity_and_search(db_url: str):
    run("ingest", str(CURATED), db=db_url)
    result = run(
        "export",
        "--out",
        "-",
        "--from",
        "2025-09-01",
        "--to",
        "2025-09-30",
        "--search",
        "strike",
        db=db_url,
    )
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["date"] for r in rows] == ["2025-09-02", "2025-09-15"]
    result = run("export", "--out", "-", "--entity", "Cilia Flores", db=db_url)
    assert len(list(csv.DictReader(io.StringIO(result.output)))) == 2


def test_bad_input_gives_one_line_errors_and_a_nonzero_exit(db_url: str, fixtures: Path):
    result = run("ingest", str(fixtures / "curated_missing_column.csv"), db=db_url)
    assert result.exit_code == 1
    assert "error: " in result.output and "Traceback" not in result.output
    result = run("export", "--out", "-", "--type", "bombing", db=db_url)
    assert result.exit_code == 2 and "not one of" in result.output


def test_help_is_fast_and_imports_no_dashboard_or_dataframe_libraries():
    code = (
        "import sys; from click.testing import CliRunner; from ingest.cli import main;"
        "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output;"
        "heavy = {'dash', 'plotly', 'pandas', 'sqlalchemy'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_command_has_help():
    for command in ("ingest", "export", "serve", "formats", "extract"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "--help" in result.output
    assert "--db" in CliRunner().invoke(main, ["ingest", "--help"]).output


def test_extract_prints_events_in_the_export_columns_without_touching_the_store(tmp_path: Path):
    from tests.test_extraction import SEED

    db = tmp_path / "untouched.db"
    result = CliRunner().invoke(
        main, ["extract", str(SEED)], env={"POLICY_TIMELINE_DB": f"sqlite:///{db}"}
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split(",")[:3] == ["event_id", "date", "date_precision"]
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["date"], r["event_type"]) for r in rows} >= {
        ("2025-08-07", "bounty"),
        ("2025-08-08", "directive"),
    }
    assert not db.exists()


def test_extract_json_and_published_option(fixtures: Path):
    import json

    undated = fixtures / "documents" / "undated.txt"
    result = CliRunner().invoke(
        main, ["extract", str(undated), "--format", "json", "--published", "2025-08-08"]
    )
    rows = json.loads(result.output[result.output.index("[") :])
    assert [(r["date"], r["amount"]) for r in rows] == [("2025-08-07", 50000000.0)]
    bad = CliRunner().invoke(main, ["extract", str(undated), "--published", "Thursday"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_ingest_documents_with_published_date(db_url: str, fixtures: Path):
    result = run(
        "ingest",
        str(fixtures / "documents" / "undated.txt"),
        "--published",
        "2025-08-08",
        db=db_url,
    )
    assert result.exit_code == 0 and "1 new" in result.output


def test_export_corroborated_and_conflict_filters(db_url: str, tmp_path: Path):
    (tmp_path / "other.csv").write_text(
        "date,event_type,title,targets,amount,source_title,source_url\n"
        "2025-08-07,bounty,Reward raised,Nicolas Maduro,25000000,Other outlet,https://other.example/r\n"
    )
    run("ingest", str(CURATED), str(tmp_path / "other.csv"), db=db_url)
    both = run("export", "--out", "-", "--corroborated", "--conflicts", db=db_url)
    rows = list(csv.DictReader(io.StringIO(both.output)))
    assert [(r["date"], r["source_count"]) for r in rows] == [("2025-08-07", "2")]
    assert rows[0]["conflict"].startswith("amounts differ")


def test_extract_explain_tells_the_trigger_the_date_rule_and_each_targets_source(
    tmp_path: Path,
):
    page = tmp_path / "report.txt"
    page.write_text(
        "WASHINGTON (AP) — The Treasury sanctioned six leaders of Tren de Aragua on Tuesday.\n\n"
        "Officials said the Treasury could impose more sanctions later.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(page), "--published", "2025-07-18",
                                       "--explain"])  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 event(s); relative dates count from 2025-07-18" in out
    assert "2025-07-15 sanction — Tren de Aragua" in out
    assert "trigger: 'sanctioned' (verb), sentence 1" in out
    assert "'Tuesday' in the clause (counted from the document's date)" in out
    assert "Tren de Aragua: named in the clause (sentence 1)" in out
    assert "Not events:" in out and "'sanctions' (sanction) — future or planned" in out


def test_extract_explain_as_json_gives_the_same_as_data(tmp_path: Path):
    import json

    page = tmp_path / "nota.txt"
    page.write_text(
        "Estados Unidos designó este martes al Clan del Golfo como organización terrorista "
        "extranjera, informó el secretario de Estado.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(page), "--published", "2025-12-16",
                                       "--explain", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)
    (event,) = doc["events"]
    assert (event["date"], event["event_type"]) == ("2025-12-16", "designation")
    assert "este martes" in event["date_rule"]
    assert any("Clan del Golfo" in rule for rule in event["target_rules"])


def test_extract_explain_on_a_records_file_says_there_is_nothing_to_explain(fixtures: Path):
    result = CliRunner().invoke(main, ["extract", str(CURATED), "--explain"])
    assert result.exit_code == 0
    assert "nothing was inferred from prose" in result.output
