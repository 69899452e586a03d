"""``data/sources.yaml``: what the tracker follows, and how politely.

    contact: "mailto:analyst@example.org"   # in the User-Agent; required to fetch
    archive: data/archive                    # relative to the file's folder
    http: {timeout: 30, retries: 3, min_interval: 2, ...}   # defaults for every source
    sources:
      - name: federal-register-cartels
        kind: federal_register
        url: https://www.federalregister.gov/api/v1/documents.json
        term: cartel; agencies: [...]; types: [PRESDOCU, NOTICE]; since: 2025-01-01
      - name: state-press-releases
        kind: feed
        url: https://www.state.gov/rss-feed/press-releases/feed/
      - name: state-fto-list
        kind: page
        url: https://www.state.gov/foreign-terrorist-organizations/
        adapter: fto_list

Every mistake is reported with the file, the source and the key, and what to write instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..resources import bundled

DEFAULT_PATH = bundled("sources.yaml")
CONTACT_ENV = "POLICY_TIMELINE_CONTACT"
ARCHIVE_ENV = "POLICY_TIMELINE_ARCHIVE"
KINDS = ("federal_register", "feed", "page")
ENTRY_MODES = ("auto", "feed", "page")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_CONTACT = re.compile(r"^(?:mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+$|^https?://\S+$")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ConfigError(ValueError):
    """sources.yaml says something the tracker cannot use; the message says where."""


@dataclass(frozen=True)
class HttpSettings:
    """How one source is fetched. Every value can be set for all sources under ``http:``
    and overridden in a source."""

    timeout: float = 30.0  # seconds to connect, and between bytes; 4x for a whole response
    retries: int = 3  # after the first attempt, on 429, 5xx and connection errors
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    max_backoff: float = 60.0
    max_retry_after: float = 600.0  # a longer Retry-After is left for the next round
    min_interval: float = 2.0  # seconds between two requests to one host
    max_bytes: int = 20 * 1024 * 1024  # a larger body is refused (the adapters' own limit)
    max_redirects: int = 5


_HTTP_KEYS = {f.name for f in fields(HttpSettings)}


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    url: str
    http: HttpSettings
    # federal_register
    term: str = ""  # conditions[term]: the API's full-text query
    agencies: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: str = ""
    per_page: int = 100
    max_pages: int = 20
    # feed
    entries: str = "auto"  # auto | feed | page: where an entry's text is read
    # page
    adapter: str = ""  # the adapter that reads the page (default: html)
    # all
    watchlist: bool | None = None  # None: the tracker's default


@dataclass(frozen=True)
class TrackerConfig:
    path: Path
    contact: str
    archive: Path
    sources: tuple[Source, ...]
    watchlist: bool = True  # keep only events naming a followed entity, as ingest does

    def select(self, names: tuple[str, ...] | list[str]) -> list[Source]:
        """The named sources (all when none are named); an unknown name is an error."""
        if not names:
            return list(self.sources)
        known = {s.name: s for s in self.sources}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ConfigError(
                f"{self.path}: no source named {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(known)}"
            )
        return [known[n] for n in names]

    def user_agent(self, version: str) -> str:
        return f"policy-timeline/{version} (+{self.contact})"


def parse_duration(text: str) -> float:
    """'30m' -> 1800.0; units s, m, h, d (seconds when none)."""
    m = _DURATION.match(str(text))
    if not m or float(m[1]) <= 0:
        raise ValueError(f"{text!r} is not a duration like 45s, 30m, 6h or 1d")
    return float(m[1]) * _UNITS[m[2] or "s"]


def _list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return tuple(str(v) for v in value)
    raise ConfigError(f"{where}: expected a text or a list of texts, got {value!r}")


def _http(raw: Any, base: HttpSettings, where: str) -> HttpSettings:
    if raw is None:
        return base
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping of {', '.join(sorted(_HTTP_KEYS))}")
    unknown = set(raw) - _HTTP_KEYS
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
            f"known: {', '.join(sorted(_HTTP_KEYS))}"
        )
    values: dict[str, Any] = {}
    for key, value in raw.items():
        kind = type(getattr(base, key))
        try:
            number = kind(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}.{key}: {value!r} is not a number") from None
        if number < 0 or (key in ("timeout", "max_bytes", "max_redirects") and number <= 0):
            raise ConfigError(f"{where}.{key}: {value!r} must be more than 0")
        values[key] = number
    return replace(base, **values)


def _check_url(url: Any, where: str) -> str:
    parts = urlsplit(str(url or ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{where}.url: {url!r} is not an http(s) URL")
    return str(url)


_SOURCE_KEYS = {
    "federal_register": {"term", "agencies", "types", "since", "per_page", "max_pages"},
    "feed": {"entries"},
    "page": {"adapter"},
}
_COMMON_KEYS = {"name", "kind", "url", "http", "watchlist"}


def _source(raw: Any, number: int, http: HttpSettings, path: Path) -> Source:
    where = f"{path}: sources[{number}]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping with name, kind and url")
    name = str(raw.get("name") or "")
    if not _NAME.match(name):
        raise ConfigError(
            f"{where}.name: {name!r} must be lower-case letters, digits, '-', '_' or '.'"
        )
    where = f"{path}: source {name!r}"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{where}.kind: {kind!r} is not one of: {', '.join(KINDS)}")
    unknown = set(raw) - _COMMON_KEYS - _SOURCE_KEYS[kind]
    if unknown:
        raise ConfigError(
            f"{where}: key(s) {', '.join(sorted(unknown))} mean nothing for a {kind} source; "
            f"known: {', '.join(sorted(_COMMON_KEYS | _SOURCE_KEYS[kind]))}"
        )
    values: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "url": _check_url(raw.get("url"), where),
        "http": _http(raw.get("http"), http, f"{where}.http"),
    }
    if "watchlist" in raw:
        if not isinstance(raw["watchlist"], bool):
            raise ConfigError(f"{where}.watchlist: expected true or false")
        values["watchlist"] = raw["watchlist"]
    if kind == "federal_register":
        for key in ("agencies", "types"):
            values[key] = _list(raw.get(key), f"{where}.{key}")
        if not isinstance(raw.get("term", ""), str):
            raise ConfigError(f"{where}.term: expected one text (the API's full-text query)")
        values["term"] = str(raw.get("term") or "")
        since = str(raw.get("since") or "")
        if since and not re.match(r"^\d{4}-\d{2}-\d{2}$", since):
            raise ConfigError(f"{where}.since: {since!r} is not a date like 2025-01-01")
        values["since"] = since
        for key, default, top in (("per_page", 100, 1000), ("max_pages", 20, 1000)):
            value = raw.get(key, default)
            if not isinstance(value, int) or not 1 <= value <= top:
                raise ConfigError(f"{where}.{key}: {value!r} must be a whole number 1..{top}")
            values[key] = value
    elif kind == "feed":
        entries = raw.get("entries", "auto")
        if entries not in ENTRY_MODES:
            raise ConfigError(f"{where}.entries: {entries!r} is not one of: auto, feed, page")
        values["entries"] = entries
    else:
        from ..sources import ADAPTERS

        adapter = str(raw.get("adapter") or "html")
        if adapter not in ADAPTERS:
            raise ConfigError(
                f"{where}.adapter: unknown format {adapter!r}; known: {', '.join(ADAPTERS)}"
            )
        values["adapter"] = adapter
    return Source(**values)


def load_config(path: Path | None = None) -> TrackerConfig:
    """Read and check a sources file (default: the bundled data/sources.yaml)."""
    import yaml

    path = path or DEFAULT_PATH
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping with contact, archive and sources")
    unknown = set(raw) - {"contact", "archive", "http", "sources", "watchlist"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) {', '.join(sorted(unknown))}; "
            "known: contact, archive, http, sources, watchlist"
        )
    contact = str(os.environ.get(CONTACT_ENV) or raw.get("contact") or "").strip()
    archive_dir = os.environ.get(ARCHIVE_ENV) or str(raw.get("archive") or "archive")
    archive = Path(archive_dir)
    if not archive.is_absolute():
        archive = (path.parent / archive).resolve()
    http = _http(raw.get("http"), HttpSettings(), f"{path}: http")
    items = raw.get("sources") or []
    if not isinstance(items, list):
        raise ConfigError(f"{path}: sources: expected a list of sources")
    sources = tuple(_source(item, i, http, path) for i, item in enumerate(items))
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise ConfigError(f"{path}: two sources are named {source.name!r}")
        seen.add(source.name)
    watchlist = raw.get("watchlist", True)
    if not isinstance(watchlist, bool):
        raise ConfigError(f"{path}: watchlist: expected true or false")
    return TrackerConfig(path, contact, archive, sources, watchlist)


def check_contact(config: TrackerConfig) -> str:
    """The contact for the User-Agent; ConfigError when it is missing or not an address."""
    if not config.contact:
        raise ConfigError(
            f"{config.path}: contact is empty. Site operators must be able to reach whoever "
            f"runs the tracker: set contact: to an e-mail address or a URL (or ${CONTACT_ENV})"
        )
    if not _CONTACT.match(config.contact):
        raise ConfigError(
            f"{config.path}: contact {config.contact!r} is neither an e-mail address nor an "
            "http(s) URL"
        )
    return config.contact
