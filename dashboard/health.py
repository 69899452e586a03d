"""``/healthz``: whether this worker can serve, for a load balancer or a container's
health check. It asks the store for its revision (the cheapest query that proves the
database answers and holds this tool's tables) and says how far this worker's index is:

- 200 ``{"status": "ok", ...}``: the store answers and the index is built;
- 503 ``{"status": "starting", ...}``: the store answers, the first index is being read;
- 503 ``{"status": "error", "error": ...}``: the store does not answer (the reason, with
  any password in the URL masked).

The answer names the worker (``pid``) and the revision its index shows (``index``), next
to the store's (``store``). ``/healthz?fresh=1`` first brings the worker's index up to
date, as any page request does (waiting at most ``EventCache.wait_seconds``): a load test
reads from it when each worker caught up with an ingest.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, jsonify, request

from ingest.errors import one_line

from .data import EventCache

PATH = "/healthz"


def health(cache: EventCache, fresh: bool = False) -> tuple[dict[str, Any], int]:
    answer: dict[str, Any] = {"pid": os.getpid(), "db": cache.store.display_url}
    try:
        if fresh and cache.current() is not None:
            cache.snapshot()
        store = cache.store.revision()
    except Exception as exc:  # any failure to reach the store is the answer itself
        answer.update(status="error", error=f"the store does not answer: {one_line(exc)}")
        return answer, 503
    snapshot = cache.current()
    answer.update(store=list(store), index=list(snapshot.revision) if snapshot else None,
                  events=len(snapshot) if snapshot else None)  # fmt: skip
    if snapshot is None:
        answer["status"] = "starting"
        return answer, 503
    answer["status"] = "ok"
    return answer, 200


def register_health(server: Flask, cache: EventCache) -> None:
    @server.get(PATH)
    def healthz() -> Any:
        answer, status = health(cache, fresh=request.args.get("fresh") == "1")
        response = jsonify(answer)
        response.status_code = status
        response.headers["Cache-Control"] = "no-store"
        return response
