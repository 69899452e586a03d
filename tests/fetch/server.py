"""A local HTTP server on 127.0.0.1 (a thread, an ephemeral port) that answers with
recorded responses: the tests' stand-in for the Federal Register, whitehouse.gov and
state.gov. Conditional requests are answered as a real server does (ETag and
Last-Modified -> 304); every request is logged with its headers and time."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fetch"
REAL_HOSTS = ("https://www.federalregister.gov", "https://www.state.gov")


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = True  # send ETag / Last-Modified and answer 304 when they match
    delay: float = 0.0  # seconds before the answer starts (a slow server)
    gate: threading.Event | None = None  # wait for this before answering
    declare_length: bool = True  # False: no Content-Length, the body ends with the connection


@dataclass
class Seen:
    path: str
    query: str
    headers: dict[str, str]
    at: float


def fixture(name: str, base: str, content_type: str, **kwargs) -> Reply:  # type: ignore[no-untyped-def]
    """A recorded response; links to the real API and feed hosts point at this server
    (the pages' own canonical URLs, inside <head>, are left as they are)."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if name.endswith(".json") or name.endswith(".xml"):
        for host in REAL_HOSTS:
            text = text.replace(f'"next_page_url": "{host}', f'"next_page_url": "{base}')
            text = text.replace(f"<link>{host}/releases/", f"<link>{base}/releases/")
    return Reply(body=text.encode("utf-8"), content_type=content_type, **kwargs)


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: dict[str, int] = {}
        self.log: list[Seen] = []
        self.last_modified = "Tue, 23 Sep 2025 21:14:05 GMT"
        self.on_request: Callable[[Seen], None] | None = None
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server._answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> FixtureServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def route(self, path: str, *replies: Reply) -> None:
        """Replies for a path, in order; the last one repeats."""
        with self._lock:
            self.routes[path] = list(replies)
            self.hits[path] = 0

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.log if s.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        seen = Seen(parts.path, parts.query, {k.lower(): v for k, v in handler.headers.items()},
                    time.monotonic())  # fmt: skip
        with self._lock:
            self.log.append(seen)
            replies = self.routes.get(parts.path)
            n = self.hits.get(parts.path, 0)
            self.hits[parts.path] = n + 1
        if self.on_request:
            self.on_request(seen)
        if not replies:
            self._send(handler, Reply(status=404, body=b"<html><body>Not Found</body></html>"))
            return
        reply = replies[min(n, len(replies) - 1)]
        if reply.gate is not None:
            reply.gate.wait(30)
        if reply.delay:
            time.sleep(reply.delay)
        self._send(handler, reply, seen)

    def _send(
        self, handler: BaseHTTPRequestHandler, reply: Reply, seen: Seen | None = None
    ) -> None:
        headers = dict(reply.headers)
        status, body = reply.status, reply.body
        if reply.conditional and status == 200:
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            headers.update({"ETag": etag, "Last-Modified": self.last_modified})
            asked = seen.headers if seen else {}
            if asked.get("if-none-match") == etag or (
                "if-none-match" not in asked
                and asked.get("if-modified-since") == self.last_modified
            ):
                status, body = 304, b""
        try:
            handler.send_response(status)
            if status != 304:
                handler.send_header("Content-Type", reply.content_type)
                if reply.declare_length:
                    handler.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Connection", "close")
            handler.end_headers()
            if status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (a refused body): nothing more to send
