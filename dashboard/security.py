"""Server hardening: security headers, a Content-Security-Policy that lets only the app's
own scripts run, no server version banner, and a cap on request size.

Dash's page has inline scripts (the renderer's start, inline clientside callbacks): the
policy allows exactly those by hash (``Dash.csp_hashes``), computed when the first
response goes out, after every callback is registered.
"""

from __future__ import annotations

from typing import Any

from dash import Dash
from flask import Response, abort, request

MAX_REQUEST_BYTES = 1_000_000  # a callback request is a few kilobytes; 50 MB is refused

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
SERVER_NAME = "policy-timeline"  # the Server header: no server software, no version


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        # Plotly and AG Grid set styles at run time; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        # Plotly's PNG/SVG download draws through data: and blob: images.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def hide_server_version() -> None:
    """Werkzeug's server (``policy-timeline serve``, tests) names itself and Python with
    their versions in every answer; it takes the name from its request handler class.
    (gunicorn sends only "gunicorn".)"""
    from werkzeug.serving import WSGIRequestHandler

    WSGIRequestHandler.server_version = SERVER_NAME  # type: ignore[method-assign, assignment]
    WSGIRequestHandler.sys_version = ""


def harden(app: Dash, max_request_bytes: int = MAX_REQUEST_BYTES) -> None:
    hide_server_version()
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes
    policy: dict[str, str] = {}

    @server.before_request
    def _refuse_large_requests() -> Any:
        # Refused before the body is read, whatever the route reads later.
        if request.content_length is not None and request.content_length > max_request_bytes:
            abort(413, f"request body over {max_request_bytes:,} bytes")
        return None

    @server.after_request
    def _headers(response: Response) -> Response:
        if "csp" not in policy:
            policy["csp"] = content_security_policy(list(app.csp_hashes()))
        # A route that set a stricter policy of its own (an archived body: sandbox) keeps it.
        response.headers.setdefault("Content-Security-Policy", policy["csp"])
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response


class StaticCompressionCache:
    """flask-compress's cache, for static files only: the app's JavaScript (8 MB, of which
    Plotly is 4.8 MB) is compressed once per process instead of on every page load.
    Callback and route answers differ per request and are never cached (their key is
    empty, see ``compression_cache_key``)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key) if not key.endswith(";") else None

    def set(self, key: str, value: bytes) -> None:
        if not key.endswith(";"):
            self.data[key] = value


STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")


def compression_cache_key(req: Any) -> str:
    """The cache key of a static file (its path with the version fingerprint), else ''."""
    if req.method == "GET" and req.path.startswith(STATIC_PREFIXES):
        return str(req.full_path)
    return ""


def compress(app: Dash) -> None:
    """Compressed responses (zstd, brotli or gzip, as the browser accepts), static files
    compressed once."""
    from flask_compress import Compress

    app.server.config["COMPRESS_CACHE_KEY"] = compression_cache_key
    app.server.config["COMPRESS_CACHE_BACKEND"] = StaticCompressionCache
    Compress(app.server)
