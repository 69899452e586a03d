"""Who may edit, and how an edit request proves it comes from them.

Reading stays open to anyone who reaches the server. Editing needs an editor:

- served on 127.0.0.1 (``policy-timeline serve``, the default) with no editor configured,
  the person at this machine edits as "local" — but only in a request that comes from a
  loopback address, names a loopback host (a page of another site resolving its name to
  127.0.0.1 is refused) and passed no proxy (``X-Forwarded-For``, ``Forwarded``);
- otherwise an editor of the editors file signs in (``/signin``) and gets a session
  cookie: HttpOnly, SameSite=Lax, Secure when the page was served over HTTPS.

An edit request is a Dash callback whose outputs include ``review-result.data`` (every
edit callback has that output; ``EDIT_OUTPUT``). Before Dash runs it, ``_gate`` refuses it
with HTTP 403, having changed nothing, unless it comes from the page's own origin, from a
signed-in (or local) editor, and carries the session's anti-forgery token in the
``X-CSRFToken`` header. The token reaches the page in the ``_csrf_token`` cookie, which
Dash's renderer copies into that header on every callback; a page of another site can
neither read the cookie nor set the header on a request to this one. Failed sign-ins are
limited per name and per address (``MAX_FAILURES`` in ``FAILURE_WINDOW``), counted in the
store so every process of a server counts the same.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from dash import Dash
from flask import Response, g, redirect, request, session
from flask.sessions import SecureCookieSessionInterface

from ingest.review.editors import LOCAL_EDITOR, Editors, EditorsError
from ingest.review.tables import signin_failures_table
from ingest.store import Store
from ingest.store.connect import write

EDIT_OUTPUT = "review-result"  # every edit callback outputs this store's data
CSRF_COOKIE = "_csrf_token"  # the name Dash's renderer reads (its default)
CSRF_HEADER = "X-CSRFToken"  # the header it sends the cookie's value in
SESSION_COOKIE = "policy_timeline_session"
SESSION_HOURS = 12
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
PROXY_HEADERS = ("X-Forwarded-For", "X-Forwarded-Host", "Forwarded", "X-Real-IP")


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: a bind or a host only this machine reaches."""
    if not host:
        return False
    host = host.strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class EditorPolicy:
    editors: Editors
    local_bind: bool  # the server listens on a loopback address only

    def local_editing(self) -> bool:
        """The local user edits without signing in: loopback bind and no editor configured."""
        return self.local_bind and not self.editors.any()


class _Sessions(SecureCookieSessionInterface):
    """Session cookies marked Secure exactly when the page was served over HTTPS (behind
    a proxy, that needs the proxy's scheme passed on, e.g. werkzeug's ProxyFix)."""

    def get_cookie_secure(self, app: Any) -> bool:
        return bool(request.is_secure)


def _local_request() -> bool:
    if not is_loopback(request.remote_addr):
        return False
    if any(h in request.headers for h in PROXY_HEADERS):
        return False
    return is_loopback(urlsplit(f"//{request.host}").hostname)


def current_editor(policy: EditorPolicy) -> str | None:
    """Who edits in this request, or None when no one may."""
    name = session.get("editor")
    try:
        if name and name in policy.editors.load():  # a removed editor loses access at once
            return str(name)
    except EditorsError:
        return None
    if policy.local_editing() and _local_request():
        return LOCAL_EDITOR
    return None


def csrf_token() -> str:
    """This session's anti-forgery token (made on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def _same_origin() -> bool:
    """False for a request another site's page made (Origin or Sec-Fetch-Site say so)."""
    origin = request.headers.get("Origin")
    if origin and origin != f"{request.scheme}://{request.host}":
        return False
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


def edit_refusal(policy: EditorPolicy) -> str | None:
    """Why this request may not edit, or None (then ``g.editor`` names the editor)."""
    if not _same_origin():
        return "a request from another site cannot edit"
    editor = current_editor(policy)
    if editor is None:
        return "sign in to edit (/signin)"
    sent, expected = request.headers.get(CSRF_HEADER, ""), session.get("csrf", "")
    if not expected or not hmac.compare_digest(str(sent), str(expected)):
        return "the request lacks this page's edit token: reload the page"
    g.editor = editor
    return None


def _is_edit_request() -> bool:
    body = request.get_json(silent=True)
    output = body.get("output") if isinstance(body, dict) else None
    return f"{EDIT_OUTPUT}.data" in str(output or "")


# --- sign-in ------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def recent_failures(store: Store, name: str, remote: str) -> int:
    """Failed sign-ins for this name or from this address within the window."""
    t = signin_failures_table.c
    since = _stamp(_now() - FAILURE_WINDOW)
    with store.engine.connect() as conn:
        return int(
            conn.execute(
                sa.select(sa.func.count())
                .select_from(signin_failures_table)
                .where(t.at >= since, sa.or_(t.name == name, t.remote == remote))
            ).scalar_one()
        )


def record_failure(store: Store, name: str, remote: str) -> None:
    t = signin_failures_table.c

    def work(conn: sa.Connection) -> None:
        conn.execute(
            signin_failures_table.delete().where(t.at < _stamp(_now() - timedelta(days=1)))
        )
        conn.execute(
            signin_failures_table.insert().values(name=name[:100], remote=remote, at=_stamp(_now()))
        )

    write(store.engine, work)


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never '//elsewhere' or 'https://elsewhere'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def signin_page(
    message: str = "", name: str = "", next_path: str = "/", status: int = 200
) -> Response:
    """The sign-in form: plain HTML, no script; every value escaped."""
    esc = html.escape
    note = f'<p class="signin-message" role="alert">{esc(message)}</p>' if message else ""
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Policy timeline</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/style.css"></head>
<body><main class="page signin">
<h1>Sign in to edit</h1>
<p>Reading needs no account; correcting events needs an editor's name and password.</p>
{note}
<form method="post" action="/signin">
<input type="hidden" name="csrf" value="{esc(csrf_token())}">
<input type="hidden" name="next" value="{esc(_safe_next(next_path))}">
<p><label for="signin-name">Name</label><input id="signin-name" name="name" value="{esc(name)}" autocomplete="username" required></p>
<p><label for="signin-password">Password</label><input id="signin-password" name="password" type="password" autocomplete="current-password" required></p>
<p><button class="button" type="submit">Sign in</button> <a href="/">Back to the timeline</a></p>
</form></main></body></html>"""
    return Response(body, status=status, mimetype="text/html")


def install(app: Dash, store: Store, policy: EditorPolicy) -> None:
    server = app.server
    try:
        configured = policy.editors.path.exists()
        # Every process of a server signs with the same key when editors are configured.
        server.secret_key = policy.editors.secret() if configured else secrets.token_bytes(32)
    except OSError:
        server.secret_key = secrets.token_bytes(32)
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )
    server.session_interface = _Sessions()
    server.config["EDITOR_POLICY"] = policy

    @server.before_request
    def _gate() -> Any:
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        refusal = None
        if not _same_origin():  # whatever its body: another site's page runs no callback
            refusal = "a request from another site cannot run this page's callbacks"
        elif _is_edit_request():
            refusal = edit_refusal(policy)
        if refusal:
            return Response(f"Forbidden: {refusal}.", status=403, mimetype="text/plain")
        return None

    @server.after_request
    def _token_cookie(response: Response) -> Response:
        # Pages hand the token to the renderer; callbacks then send it back as a header.
        if request.method == "GET" and response.mimetype == "text/html":
            token = csrf_token()
            if request.cookies.get(CSRF_COOKIE) != token:
                response.set_cookie(
                    CSRF_COOKIE, token, samesite="Strict", secure=request.is_secure,
                    httponly=False, path="/",
                )  # fmt: skip
        return response

    @server.get("/signin")
    def signin_form() -> Response:
        return signin_page(next_path=request.args.get("next", "/"))

    @server.post("/signin")
    def signin() -> Any:
        name = (request.form.get("name") or "").strip()[:100]
        password = request.form.get("password") or ""
        next_path = _safe_next(request.form.get("next"))
        sent = request.form.get("csrf", "")
        if not _same_origin() or not hmac.compare_digest(str(sent), str(session.get("csrf", ""))):
            return signin_page("The form expired: sign in again.", name, next_path, 403)
        remote = request.remote_addr or "?"
        if recent_failures(store, name, remote) >= MAX_FAILURES:
            minutes = int(FAILURE_WINDOW.total_seconds() // 60)
            page = signin_page(
                f"Too many failed sign-ins for this name or from this address: try again in "
                f"{minutes} minutes.", name, next_path, 429,
            )  # fmt: skip
            page.headers["Retry-After"] = str(int(FAILURE_WINDOW.total_seconds()))
            return page
        try:
            ok = policy.editors.verify(name, password)
        except EditorsError:
            ok = False
        if not ok:
            record_failure(store, name, remote)
            return signin_page("Wrong name or password.", name, next_path, 401)
        session.clear()  # a new session: nothing from before sign-in carries over
        session["editor"] = name
        session["csrf"] = secrets.token_urlsafe(32)
        session.permanent = True
        return redirect(next_path, code=303)

    @server.post("/signout")
    def signout() -> Any:
        sent = request.form.get("csrf", "")
        if _same_origin() and hmac.compare_digest(str(sent), str(session.get("csrf", ""))):
            session.clear()
        return redirect("/", code=303)
