"""The load test's client behaves as a browser does with keep-alive connections."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.dash_client import DashClient


class _ClosesIdleConnections(BaseHTTPRequestHandler):
    """Answers on a keep-alive connection, then closes it without saying so (what
    gunicorn does to a connection idle for longer than its keep-alive)."""

    protocol_version = "HTTP/1.1"
    served = 0

    def do_GET(self) -> None:  # noqa: N802 (the handler's name)
        type(self).served += 1
        body = b"[]"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ClosesIdleConnections)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_a_request_on_a_connection_the_server_closed_goes_again_on_a_new_one(server):
    client = DashClient(server)  # asks /_dash-dependencies: the connection is then closed
    for _ in range(3):
        assert client.get("/grid-rows").status == 200
    assert _ClosesIdleConnections.served == 4


def test_a_new_connection_that_fails_is_an_error(monkeypatch):
    with pytest.raises(ConnectionError):
        DashClient("http://127.0.0.1:9/")  # nothing listens on the discard port
