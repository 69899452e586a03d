"""Real headless Chromium (Debian's) driven by Playwright against the app served on
127.0.0.1 in a thread. One Playwright per session, as Playwright requires."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.app import create_app
from ingest.pipeline import ingest_paths
from ingest.review.editors import Editors
from ingest.store import Store

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_FLAGS
        )
        yield b
        b.close()


class Served:
    """The app served in a thread. ``host`` is both where it listens and what the app is
    told it listens on (``serve --host``); ``editors`` its editors file."""

    def __init__(self, store: Store, host: str = "127.0.0.1", editors: Editors | None = None):
        self.store = store
        self.app = create_app(store, host=host, editors=editors)
        self.server = make_server(host, 0, self.app.server, threaded=True)
        self.url = f"http://{host}:{self.server.server_port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    """Call with paths to ingest; returns a running server over a fresh store."""
    started: list[Served] = []

    def _serve(
        *paths: Path, synthetic: int = 0, host: str = "127.0.0.1", editors: Editors | None = None
    ) -> Served:
        store = Store(f"sqlite:///{tmp_path / f'browser{len(started)}.db'}")
        ingest_paths(list(paths), store)
        if synthetic:
            from bench.synthetic_events import load_synthetic

            load_synthetic(store, synthetic)
        served = Served(store, host, editors).__enter__()
        started.append(served)
        return served

    yield _serve
    for s in started:
        s.__exit__()
        s.store.close()


# Collects Content-Security-Policy violations the page reports (init scripts run outside
# the page's policy, so this listener is there before the first script is refused).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def _new_page(browser, width: int = 1280, height: int = 800):
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    context.add_init_script(CSP_LISTENER)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors  # type: ignore[attr-defined]
    return context, pg


@pytest.fixture
def page(browser):
    context, pg = _new_page(browser)
    yield pg
    context.close()


@pytest.fixture
def second_page(browser):
    """Another browser (its own cookies): a second analyst."""
    context, pg = _new_page(browser)
    yield pg
    context.close()


@pytest.fixture
def narrow_page(browser):
    """A window 800 px wide, where the detail sits below the table."""
    context, pg = _new_page(browser, 800, 700)
    yield pg
    context.close()
