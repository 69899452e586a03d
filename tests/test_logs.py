"""Structured logs: one line per ingest run (and per web request, in the server tests), as
JSON or key=value text chosen by POLICY_TIMELINE_LOG."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ingest.cli import main
from tests.conftest import FIXTURES


def test_an_ingest_run_writes_one_json_line_with_its_totals(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_TIMELINE_LOG", "json")
    db = f"sqlite:///{tmp_path / 'log.db'}"
    result = CliRunner().invoke(
        main, ["ingest", str(FIXTURES / "curated_small.csv"), "--jobs", "1", "--db", db]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    line = lines[0]
    assert line["event"] == "ingest" and line["level"] == "info" and line["jobs"] == 1
    assert line["files"] == 1 and line["new"] > 0 and line["failed"] == 0
    assert line["store"].startswith("sqlite:///") and line["seconds"] >= 0


def test_text_logs_are_key_value_lines(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_TIMELINE_LOG", "text")
    db = f"sqlite:///{tmp_path / 'log.db'}"
    result = CliRunner().invoke(
        main, ["ingest", str(FIXTURES / "curated_small.csv"), "--jobs", "1", "--db", db]
    )
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("info ingest ")]
    assert " jobs=1 " in line and " failed=0 " in line


def test_without_the_variable_an_ingest_prints_no_log_line(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICY_TIMELINE_LOG", raising=False)
    db = f"sqlite:///{tmp_path / 'log.db'}"
    result = CliRunner().invoke(main, ["ingest", str(FIXTURES / "curated_small.csv"), "--db", db])
    assert result.exit_code == 0 and "ingest" not in result.stderr


def test_an_unknown_log_format_is_refused_with_the_choices(monkeypatch):
    monkeypatch.setenv("POLICY_TIMELINE_LOG", "xml")
    result = CliRunner().invoke(main, ["formats"])
    assert result.exit_code == 1
    assert "POLICY_TIMELINE_LOG='xml'" in result.output and "json, text" in result.output
