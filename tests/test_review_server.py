"""Who may edit, over HTTP (Flask's test client, which sets the client's address and the
Host the request names, so a request from another machine is simulated exactly: the
policy reads nothing else). Reading stays open; an edit request needs a signed-in editor
when the server listens beyond 127.0.0.1, carries the page's anti-forgery token, and
comes from the page's own origin; failed sign-ins are rate-limited; passwords are stored
as salted hashes only."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from dashboard.app import create_app
from dashboard.auth import CSRF_COOKIE, CSRF_HEADER, MAX_FAILURES, SESSION_COOKIE
from ingest.cli import main
from ingest.pipeline import ingest_paths
from ingest.review.editors import Editors
from ingest.review.tables import edits_table
from ingest.store import Store
from tests.conftest import CURATED

PASSWORD = "correct horse battery"
REMOTE = {"REMOTE_ADDR": "203.0.113.9"}  # another machine (TEST-NET-3)
SITE = "http://192.0.2.2:8050"  # what that machine asks for: this server's own address


@pytest.fixture
def store(tmp_path: Path):
    s = Store(f"sqlite:///{tmp_path / 'server.db'}")
    ingest_paths([CURATED], s)
    yield s
    s.close()


@pytest.fixture
def editors(tmp_path: Path) -> Editors:
    e = Editors(tmp_path / "editors.txt")
    e.add("alice", PASSWORD)
    return e


def payload(app: Any, trigger: str, values: dict[str, Any]) -> dict[str, Any]:
    """The body the renderer posts for the callback ``trigger`` ('review-confirm.n_clicks')
    fires, built from the app's own dependencies."""
    deps = app.server.test_client().get("/_dash-dependencies").get_json()
    dep = next(
        d for d in deps
        if any(f"{i['id']}.{i['property']}" == trigger for i in d["inputs"]) and not d.get("clientside_function")
    )  # fmt: skip

    def fill(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [dict(i, value=values.get(f"{i['id']}.{i['property']}")) for i in items]

    parts = dep["output"][2:-2].split("...") if dep["output"].startswith("..") else [dep["output"]]
    outputs = [dict(zip(("id", "property"), p.split(".", 1), strict=True)) for p in parts]
    return {"output": dep["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": fill(dep["inputs"]), "changedPropIds": [trigger], "state": fill(dep["state"])}  # fmt: skip


def confirm_body(app: Any, event_id: str) -> str:
    return json.dumps(payload(app, "review-confirm.n_clicks", {
        "review-confirm.n_clicks": 1, "edit-base.data": {"event_id": event_id, "values": {}},
    }))  # fmt: skip


def statuses(store: Store) -> dict[str, str]:
    df = store.load_events()
    return dict(zip(df["event_id"], df["review_status"], strict=True))


def editors_of(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(edits_table.c.editor).order_by(edits_table.c.id)).scalars())  # fmt: skip


def page_token(client: Any, path: str = "/", **kw: Any) -> str:
    """The token a page hands the renderer (its cookie), as the renderer reads it."""
    client.get(path, **kw)
    host = (kw.get("base_url") or "http://localhost").split("//")[1].split(":")[0]
    cookie = client.get_cookie(CSRF_COOKIE, domain=host)
    assert cookie is not None
    return cookie.value


def sign_in(client: Any, name: str = "alice", password: str = PASSWORD, **kw: Any) -> Any:
    form = client.get("/signin", **kw).get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)[1]  # type: ignore[index]
    return client.post("/signin", data={"name": name, "password": password, "csrf": csrf, "next": "/"}, **kw)  # fmt: skip


def post_edit(client: Any, body: str, token: str | None, headers: dict[str, str] | None = None, **kw: Any) -> Any:  # fmt: skip
    sent = {CSRF_HEADER: token} if token is not None else {}
    return client.post("/_dash-update-component", data=body, content_type="application/json",
                       headers={**sent, **(headers or {})}, **kw)  # fmt: skip


def test_beyond_127_0_0_1_an_edit_without_a_session_is_refused_with_403_and_changes_nothing(store, editors):  # fmt: skip
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    event_id = store.load_events()["event_id"][0]
    before = statuses(store)
    token = page_token(client, base_url=SITE, environ_base=REMOTE)
    assert client.get("/", base_url=SITE, environ_base=REMOTE).status_code == 200  # reading is open
    answer = post_edit(
        client, confirm_body(app, event_id), token, base_url=SITE, environ_base=REMOTE
    )
    assert answer.status_code == 403 and "sign in to edit" in answer.get_data(as_text=True)
    assert statuses(store) == before and editors_of(store) == []


def test_a_signed_in_editor_edits_under_their_name_with_an_httponly_samesite_session(store, editors):  # fmt: skip
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    answer = sign_in(client, base_url=SITE, environ_base=REMOTE)
    assert answer.status_code == 303 and answer.headers["Location"] == "/"
    cookie = next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    token = page_token(client, base_url=SITE, environ_base=REMOTE)
    event_id = store.load_events()["event_id"][0]
    done = post_edit(client, confirm_body(app, event_id), token, base_url=SITE, environ_base=REMOTE)
    assert done.status_code == 200
    assert statuses(store)[event_id] == "confirmed" and editors_of(store) == ["alice"]


def test_over_https_the_session_cookie_is_secure(store, editors):
    app = create_app(store, host="0.0.0.0", editors=editors)
    answer = sign_in(app.server.test_client(), base_url="https://192.0.2.2", environ_base=REMOTE)
    cookie = next(c for c in answer.headers.getlist("Set-Cookie") if c.startswith(SESSION_COOKIE))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_a_forged_edit_request_is_refused_and_changes_nothing(store, editors):
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    sign_in(client, base_url=SITE, environ_base=REMOTE)
    token = page_token(client, base_url=SITE, environ_base=REMOTE)
    event_id = store.load_events()["event_id"][0]
    body = confirm_body(app, event_id)
    before = statuses(store)
    forged = [
        (None, {}),  # a page of another site cannot read the token...
        ("guessed-token", {}),  # ...nor guess it
        (token, {"Origin": "http://evil.example"}),  # a request another site's page made
        (token, {"Sec-Fetch-Site": "cross-site"}),
    ]
    for sent, headers in forged:
        answer = post_edit(client, body, sent, headers, base_url=SITE, environ_base=REMOTE)
        assert answer.status_code == 403, (sent, headers)
    # a form another site posts (JSON sent as text/plain, no preflight) runs no callback
    answer = client.post("/_dash-update-component", data=body, content_type="text/plain",
                         headers={"Origin": "http://evil.example"}, base_url=SITE, environ_base=REMOTE)  # fmt: skip
    assert answer.status_code == 403
    assert statuses(store) == before and editors_of(store) == []
    ok = post_edit(client, body, token, {"Origin": SITE}, base_url=SITE, environ_base=REMOTE)
    assert ok.status_code == 200 and editors_of(store) == ["alice"]


def test_failed_sign_ins_are_rate_limited_per_name_and_address(store, editors):
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    for _ in range(MAX_FAILURES):
        assert sign_in(client, password="wrong password", base_url=SITE, environ_base=REMOTE).status_code == 401  # fmt: skip
    refused = sign_in(client, base_url=SITE, environ_base=REMOTE)  # even the right password
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "Too many failed sign-ins" in refused.get_data(as_text=True)
    editors.add("bob", PASSWORD)
    other = app.server.test_client()
    assert sign_in(other, "bob", base_url=SITE, environ_base={"REMOTE_ADDR": "198.51.100.7"}).status_code == 303  # fmt: skip


def test_a_wrong_name_and_a_wrong_password_get_the_same_answer(store, editors):
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    unknown = sign_in(client, "mallory", PASSWORD, base_url=SITE, environ_base=REMOTE)
    wrong = sign_in(client, "alice", "not the password", base_url=SITE, environ_base=REMOTE)
    assert unknown.status_code == wrong.status_code == 401
    assert "Wrong name or password." in unknown.get_data(as_text=True)
    assert "Wrong name or password." in wrong.get_data(as_text=True)


def test_on_127_0_0_1_with_no_editor_the_local_user_edits_as_local(store, tmp_path):
    app = create_app(store, host="127.0.0.1", editors=Editors(tmp_path / "none.txt"))
    client = app.server.test_client()
    local = {"base_url": "http://127.0.0.1:8050", "environ_base": {"REMOTE_ADDR": "127.0.0.1"}}
    token = page_token(client, **local)
    event_id = store.load_events()["event_id"][0]
    body = confirm_body(app, event_id)
    refused = [
        ({"X-Forwarded-For": "203.0.113.9"}, local),  # through a proxy: from anywhere
        (
            {},
            {"base_url": "http://evil.example:8050", "environ_base": {"REMOTE_ADDR": "127.0.0.1"}},
        ),  # DNS rebinding  # fmt: skip
        ({}, {"base_url": "http://127.0.0.1:8050", "environ_base": REMOTE}),
    ]
    for headers, where in refused:
        assert post_edit(client, body, token, headers, **where).status_code == 403
    assert post_edit(client, body, token, **local).status_code == 200
    assert editors_of(store) == ["local"]


def test_once_an_editor_exists_the_local_user_signs_in_too(store, editors):
    app = create_app(store, host="127.0.0.1", editors=editors)
    client = app.server.test_client()
    local = {"base_url": "http://127.0.0.1:8050", "environ_base": {"REMOTE_ADDR": "127.0.0.1"}}
    token = page_token(client, **local)
    body = confirm_body(app, store.load_events()["event_id"][0])
    assert post_edit(client, body, token, **local).status_code == 403


def test_a_removed_editor_loses_editing_at_once(store, editors):
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    sign_in(client, base_url=SITE, environ_base=REMOTE)
    token = page_token(client, base_url=SITE, environ_base=REMOTE)
    editors.add("bob", PASSWORD)  # so the file is not empty once alice goes
    editors.remove("alice")
    body = confirm_body(app, store.load_events()["event_id"][0])
    assert post_edit(client, body, token, base_url=SITE, environ_base=REMOTE).status_code == 403


def test_sign_in_returns_only_to_a_page_of_this_site(store, editors):
    app = create_app(store, host="0.0.0.0", editors=editors)
    client = app.server.test_client()
    form = client.get("/signin?next=//evil.example/x", base_url=SITE).get_data(as_text=True)
    assert 'name="next" value="/"' in form
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)[1]  # type: ignore[index]
    answer = client.post("/signin", base_url=SITE, data={
        "name": "alice", "password": PASSWORD, "csrf": csrf, "next": "https://evil.example/"})  # fmt: skip
    assert answer.headers["Location"] == "/"


def test_users_add_stores_a_salted_hash_and_never_the_password(tmp_path):
    users = tmp_path / "editors.txt"

    def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["users", *args, "--users", str(users)], input=stdin)

    assert run("add", "alice", "--password-stdin", stdin=PASSWORD + "\n").exit_code == 0
    assert run("add", "bob", "--password-stdin", stdin=PASSWORD + "\n").exit_code == 0
    text = users.read_text(encoding="utf-8")
    assert PASSWORD not in text and text.count("$argon2id$") == 2
    hashes = [line.split("\t")[1] for line in text.splitlines() if "\t" in line]
    assert hashes[0] != hashes[1]  # the same password, two salts
    assert oct(users.stat().st_mode & 0o777) == "0o600"
    assert Editors(users).verify("alice", PASSWORD) and not Editors(users).verify("alice", "nope")
    assert run("list").output.split() == ["alice", "bob"]
    short = run("add", "carol", "--password-stdin", stdin="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    bad = run("add", "no spaces", "--password-stdin", stdin=PASSWORD + "\n")
    assert bad.exit_code == 1 and "is not an editor name" in bad.output
    assert run("remove", "bob").exit_code == 0 and run("list").output.split() == ["alice"]
