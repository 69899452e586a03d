"""sources.yaml: the bundled file follows the real endpoints; mistakes say where."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingest.fetch.config import ConfigError, check_contact, load_config, parse_duration
from ingest.fetch.federal_register_api import query_url
from tests.fetch.helpers import run


def test_the_bundled_sources_follow_the_real_public_endpoints():
    config = load_config()
    urls = {s.name: s.url for s in config.sources}
    assert (
        urls["whitehouse-presidential-actions"]
        == "https://www.whitehouse.gov/presidential-actions/feed/"
    )
    assert urls["state-press-releases"] == "https://www.state.gov/rss-feed/press-releases/feed/"
    assert urls["state-fto-list"] == "https://www.state.gov/foreign-terrorist-organizations/"
    fr = [s for s in config.sources if s.kind == "federal_register"]
    assert {s.url for s in fr} == {"https://www.federalregister.gov/api/v1/documents.json"}
    assert "conditions%5Bagencies%5D%5B%5D=state-department" in query_url(fr[1], "2025-01-01")
    assert config.archive == Path(__file__).resolve().parents[2] / "data" / "archive"


def test_fetch_refuses_to_run_without_a_contact(tmp_path, monkeypatch):
    monkeypatch.delenv("POLICY_TIMELINE_CONTACT", raising=False)
    result = run("fetch", "--sources", str(Path("data/sources.yaml").resolve()))
    assert result.exit_code == 1
    assert "contact is empty" in result.output and "POLICY_TIMELINE_CONTACT" in result.output
    monkeypatch.setenv("POLICY_TIMELINE_CONTACT", "not an address")
    with pytest.raises(ConfigError, match="neither an e-mail address nor an http"):
        check_contact(load_config())


def _write(tmp_path: Path, sources: list, **top) -> Path:  # type: ignore[type-arg]
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump({"contact": "a@b.org", "sources": sources, **top}))
    return path


@pytest.mark.parametrize(
    "source,message",
    [
        ({"name": "x", "kind": "rss", "url": "https://a.gov/"}, "kind: 'rss' is not one of"),
        ({"name": "x", "kind": "feed", "url": "ftp://a.gov/"}, "is not an http(s) URL"),
        ({"name": "X Y", "kind": "feed", "url": "https://a.gov/"}, "must be lower-case"),
        ({"name": "x", "kind": "feed", "url": "https://a.gov/", "term": "a"},
         "key(s) term mean nothing for a feed source"),
        ({"name": "x", "kind": "page", "url": "https://a.gov/", "adapter": "pdf"},
         "unknown format 'pdf'"),
        ({"name": "x", "kind": "federal_register", "url": "https://a.gov/", "since": "2025"},
         "since: '2025' is not a date"),
        ({"name": "x", "kind": "feed", "url": "https://a.gov/", "http": {"timeout": 0}},
         "timeout: 0 must be more than 0"),
        ({"name": "x", "kind": "feed", "url": "https://a.gov/", "http": {"retry": 2}},
         "unknown key(s) retry"),
    ],
)  # fmt: skip
def test_a_mistake_in_a_source_names_the_source_and_the_key(tmp_path, source, message):
    path = _write(tmp_path, [source])
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(exc.value).startswith(str(path)) and message in str(exc.value)


def test_an_unknown_source_name_lists_the_known_ones(tmp_path):
    path = _write(tmp_path, [{"name": "a", "kind": "feed", "url": "https://a.gov/f"}])
    with pytest.raises(ConfigError, match="no source named 'b'; known: a"):
        load_config(path).select(["b"])


def test_durations_take_seconds_minutes_hours_and_days():
    assert [parse_duration(t) for t in ("45s", "30m", "6h", "1d", "90")] == [
        45,
        1800,
        21600,
        86400,
        90,
    ]
    for bad in ("soon", "-5m", "0s", "5 weeks"):
        with pytest.raises(ValueError, match="is not a duration"):
            parse_duration(bad)
