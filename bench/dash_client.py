"""Talking to a served dashboard the way the browser does: Dash callbacks as
``POST /_dash-update-component`` with the payload the renderer sends (built from the
app's own ``/_dash-dependencies``), and the table's ``GET /grid-rows``.

Used by the load test (bench/load_test.py) and by the server tests. Loopback only.
"""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass
class Answer:
    status: int
    seconds: float
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def _parts(output: str) -> list[tuple[str, str]]:
    """'..a.b...c.d@hash..' or 'a.b' -> [(id, property), ...]"""
    text = output[2:-2].split("...") if output.startswith("..") else [output]
    return [tuple(p.split(".", 1)) for p in text]  # type: ignore[misc]


class DashClient:
    """One keep-alive connection to a dashboard on 127.0.0.1 (one per simulated user)."""

    def __init__(self, base_url: str, timeout: float = 60.0):
        parts = urlsplit(base_url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"{base_url}: load and server tests talk to this machine only")
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        self._conn: http.client.HTTPConnection | None = None
        self._reused = False  # the connection has answered a request before
        self.dependencies: list[dict[str, Any]] = self.get("/_dash-dependencies").json()

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def request(self, method: str, path: str, body: bytes | None = None) -> Answer:
        headers = {"Accept-Encoding": "identity"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        reused = self._reused
        try:
            status, data = self._exchange(method, path, body, headers)
        except (ConnectionError, http.client.RemoteDisconnected):
            if not reused:
                raise
            # The server closed the idle keep-alive connection (gunicorn after 2 s) as this
            # request went out: a browser sends it again on a new connection, and so do we
            # (once; the time of both attempts counts). _exchange has closed the old one.
            status, data = self._exchange(method, path, body, headers)
        return Answer(status, time.perf_counter() - started, data)

    def _exchange(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        try:
            conn = self._connection()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()  # a fresh connection for the next request
            raise
        self._reused = True
        return response.status, data

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def close(self) -> None:
        self._reused = False
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def dependency(self, output: str) -> dict[str, Any]:
        """The callback whose outputs include ``output`` ('timeline.figure')."""
        for dep in self.dependencies:
            names = [f"{i}.{p.split('@')[0]}" for i, p in _parts(dep["output"])]
            if output in names and not dep.get("clientside_function"):
                return dep
        raise KeyError(f"no server callback outputs {output}")

    def payload(self, output: str, values: dict[str, Any], changed: list[str]) -> dict[str, Any]:
        """The body the renderer posts for the callback that outputs ``output``, with
        ``values`` ('filter-types.value': [...]) for its inputs and states (None when not
        given) and ``changed`` naming the inputs that triggered it."""
        dep = self.dependency(output)

        def fill(items: list[dict[str, str]]) -> list[dict[str, Any]]:
            return [dict(i, value=values.get(f"{i['id']}.{i['property']}")) for i in items]

        outputs = [{"id": i, "property": p} for i, p in _parts(dep["output"])]
        return {
            "output": dep["output"],
            "outputs": outputs if dep["output"].startswith("..") else outputs[0],
            "inputs": fill(dep["inputs"]),
            "changedPropIds": changed,
            "state": fill(dep["state"]),
        }

    def callback(self, output: str, values: dict[str, Any], changed: list[str]) -> Answer:
        body = json.dumps(self.payload(output, values, changed)).encode()
        return self.request("POST", "/_dash-update-component", body)

    def grid_rows(self, query: str, start: int, end: int, sort: str | None = None) -> Answer:
        extra: dict[str, str] = {"start": str(start), "end": str(end)}
        if sort:
            extra["sort"] = sort
        sep = "&" if query.strip("?") else ""
        return self.get("/grid-rows?" + query.lstrip("?") + sep + urlencode(extra))


def view_values(
    types: list[str] | None = None,
    entities: list[str] | None = None,
    search: str = "",
    window: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """The filter controls' values as update_view receives them."""
    return {
        "filter-dates.start_date": start,
        "filter-dates.end_date": end,
        "filter-types.value": types or [],
        "filter-entities.value": entities or [],
        "search-text.data": search,
        "filter-confidence.value": 0,
        "filter-flags.value": [],
        "filter-sources.value": [],
        "filter-lanes.value": "type",
        "filter-new-since.date": None,
        "window.data": window,
        "url.pathname": "/",
        "nav.data": {"pathname": "/", "search": "", "at": 1},
    }
