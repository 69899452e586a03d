"""Sign-in in a real Chromium, with the server bound to this machine's own non-loopback
address (what `serve --host 0.0.0.0` exposes): reading is open, editing waits for a
signed-in editor, and a page of another site that posts to the app is refused."""

from __future__ import annotations

import ipaddress
import socket
import threading

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server
from werkzeug.wrappers import Response

from ingest.review.editors import Editors
from ingest.review.tables import edits_table
from tests.browser.helpers import wait_idle
from tests.conftest import CURATED

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def own_address() -> str | None:
    """This machine's IPv4 address on its default route, if it has one and it is not
    loopback. (Connecting a UDP socket sends nothing: the kernel only picks the source
    address it would use.)"""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("198.51.100.1", 9))  # TEST-NET-2: never contacted
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if ipaddress.ip_address(address).is_loopback else address


ADDRESS = own_address()
needs_address = pytest.mark.skipif(
    ADDRESS is None, reason="this machine has no non-loopback IPv4 address"
)


class OtherSite:
    """A page of another origin (127.0.0.1, another port) whose form posts, as soon as it
    loads, what a forged edit would: JSON sent as text/plain, which needs no preflight."""

    def __init__(self, target: str, body: str):
        form = (
            f'<form method="post" enctype="text/plain" action="{target}_dash-update-component">'
            f"<input type=\"hidden\" name='{body[:-2]}' value='\"}}'></form>"
            "<script>document.forms[0].submit()</script>"
        )
        html = f"<!DOCTYPE html><html><body>{form}</body></html>"
        self.http = make_server("127.0.0.1", 0, lambda env, start: Response(html, mimetype="text/html")(env, start))  # fmt: skip
        self.url = f"http://127.0.0.1:{self.http.server_port}/"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.http.shutdown()
        self.thread.join(timeout=5)


def edit_rows(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(edits_table)).mappings()]


@needs_address
def test_beyond_loopback_editing_waits_for_sign_in_and_another_site_cannot_edit(serve, page, tmp_path):  # fmt: skip
    editors = Editors(tmp_path / "editors.txt")
    editors.add("alice", PASSWORD)
    served = serve(CURATED, host=ADDRESS, editors=editors)
    event_id = str(served.store.load_events()["event_id"][0])
    page.goto(f"{served.url}?event={event_id}")
    page.wait_for_selector("#detail h2", timeout=15000)
    wait_idle(page)
    assert page.inner_text("#editor-status") == "Sign in to edit"
    assert page.locator("#review-confirm").count() == 0  # no edit control for a reader
    assert "correcting events needs an editor" in page.inner_text("#detail")

    page.click("#editor-status a")
    page.fill("#signin-name", "alice")
    page.fill("#signin-password", "not it at all")
    page.click("button[type=submit]")
    page.wait_for_selector(".signin-message:has-text('Wrong name or password.')")
    page.fill("#signin-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#editor-status:has-text('Signed in as alice')", timeout=15000)
    cookie = next(c for c in page.context.cookies() if c["name"] == "policy_timeline_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    # A page of another site, opened by the signed-in editor, posts an edit: refused.
    body = (
        '{"output":"..review-result.data...selected-event.data..","inputs":[{"id":"review-confirm",'
        '"property":"n_clicks","value":1}],"changedPropIds":["review-confirm.n_clicks"],"state":[]}'
    )
    other = OtherSite(served.url, body)
    try:
        page.goto(other.url)
        page.wait_for_function("() => document.body && document.body.innerText.includes('Forbidden')", timeout=15000)  # fmt: skip
        assert "another site" in page.inner_text("body")
    finally:
        other.stop()
    assert edit_rows(served.store) == []

    page.goto(f"{served.url}?event={event_id}")
    page.wait_for_selector("#review-confirm", timeout=15000)
    wait_idle(page)
    page.click("#review-confirm")
    page.wait_for_selector("#review-status:has-text('Confirmed')", timeout=15000)
    (row,) = edit_rows(served.store)
    assert (row["editor"], row["new_value"]) == ("alice", '"confirmed"')
    page.click("#editor-status button:has-text('Sign out')")
    page.wait_for_selector("#editor-status:has-text('Sign in to edit')", timeout=15000)
