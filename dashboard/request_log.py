"""One structured log line per web request (``ingest.logs``: on when
``POLICY_TIMELINE_LOG`` is json or text): method, path, status, milliseconds, bytes and
the worker's pid, so a log collector can tell the workers apart. The query string is
left out: it holds what analysts search for."""

from __future__ import annotations

import logging
import os
import time

from flask import Flask, Response, g, request

from ingest import logs

_logger = logging.getLogger(logs.LOGGER)


def register_request_log(server: Flask) -> None:
    @server.before_request
    def _started() -> None:
        g.request_started = time.perf_counter()

    @server.after_request
    def _log(response: Response) -> Response:
        if _logger.isEnabledFor(logging.INFO):
            started = g.get("request_started")
            logs.event(
                "request", method=request.method, path=request.path, status=response.status_code,
                ms=round((time.perf_counter() - started) * 1000, 1) if started else None,
                bytes=response.calculate_content_length(), pid=os.getpid(),
            )  # fmt: skip
        return response
