"""The tracker's test setting: the fixture server with the four recorded sources, a
sources file pointing at it, and a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ingest.store import Store
from tests.fetch.server import FixtureServer, fixture

RSS = "application/rss+xml; charset=UTF-8"
JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=UTF-8"
PAGES = {
    "/releases/office-of-the-spokesperson/2025/09/terrorist-designation-of-barrio-18": "state_release_barrio18.html",
    "/releases/office-of-the-spokesperson/2025/02/terrorist-designations-of-international-cartels": "state_release_cartels.html",
    "/releases/office-of-the-spokesperson/2025/09/terrorist-designations-of-los-choneros-and-los-lobos": "state_release_choneros_lobos.html",
    "/releases/office-of-the-spokesperson/2025/08/reward-offer-for-information-on-nicolas-maduro-moros": "state_release_maduro_reward.html",
}
# Politeness settings that keep the tests quick; every mechanism is still exercised.
FAST = {"timeout": 5, "retries": 2, "backoff": 0.05, "min_interval": 0, "max_retry_after": 5}


def serve_recorded(server: FixtureServer) -> None:
    """The four sources as they were at the first round."""
    b = server.base
    server.route("/api/v1/documents.json", fixture("fr_documents_page1.json", b, JSON))
    server.route("/api/v1/documents", fixture("fr_documents_page2.json", b, JSON))
    server.route(
        "/presidential-actions/feed/", fixture("whitehouse_presidential_actions.xml", b, RSS)
    )
    server.route("/rss-feed/press-releases/feed/", fixture("state_press_releases.xml", b, RSS))
    server.route("/foreign-terrorist-organizations/", fixture("state_fto_list.html", b, HTML))
    for path, name in PAGES.items():
        server.route(path, fixture(name, b, HTML))


def write_sources(path: Path, base: str, archive: Path, **overrides: dict) -> Path:  # type: ignore[type-arg]
    """A sources file with the four sources at ``base``; ``overrides[name]`` adds keys."""
    sources = [
        {"name": "federal-register", "kind": "federal_register",
         "url": f"{base}/api/v1/documents.json", "term": "cartel",
         "types": ["PRESDOCU", "NOTICE"], "since": "2025-01-01", "per_page": 2},
        {"name": "whitehouse-actions", "kind": "feed", "url": f"{base}/presidential-actions/feed/"},
        {"name": "state-releases", "kind": "feed", "url": f"{base}/rss-feed/press-releases/feed/"},
        {"name": "state-fto-list", "kind": "page", "url": f"{base}/foreign-terrorist-organizations/",
         "adapter": "fto_list"},
    ]  # fmt: skip
    for source in sources:
        source.update(overrides.get(source["name"], {}))
    extra = [v for k, v in overrides.items() if k.startswith("extra")]
    data = {"contact": "mailto:analyst@example.org", "archive": str(archive), "http": FAST,
            "sources": sources + extra}  # fmt: skip
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    s = FixtureServer().start()
    serve_recorded(s)
    yield s
    s.stop()


@pytest.fixture
def sources_file(tmp_path: Path, server: FixtureServer) -> Path:
    return write_sources(tmp_path / "sources.yaml", server.base, tmp_path / "archive")


@pytest.fixture
def tracker_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def tracker_store(tracker_db: str) -> Iterator[Store]:
    s = Store(tracker_db)
    yield s
    s.close()
