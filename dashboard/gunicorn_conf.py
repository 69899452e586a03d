"""gunicorn's settings for the dashboard, from the environment (the Dockerfile and
compose.yaml set them; the defaults serve on this machine only):

- ``POLICY_TIMELINE_BIND``: address:port to listen on (default 127.0.0.1:8050);
- ``POLICY_TIMELINE_WORKERS``: worker processes (default 2; each keeps its own index, so
  memory grows with them: docs/benchmarks.md gives a worker's size at a million events);
- ``POLICY_TIMELINE_THREADS``: threads per worker (default 4);
- ``POLICY_TIMELINE_TIMEOUT``: seconds a request may take before its worker is restarted
  (default 120).

Workers are not preloaded: each builds its index in a thread of its own after it starts.
gunicorn's own access log stays off: the app writes one structured line per request.
"""

from __future__ import annotations

import os


def _count(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip() or str(default)
    if not text.isdigit() or int(text) < 1:
        raise SystemExit(f"{name}={text!r}: give a whole number of at least 1")
    return int(text)


bind = [os.environ.get("POLICY_TIMELINE_BIND", "").strip() or "127.0.0.1:8050"]
workers = _count("POLICY_TIMELINE_WORKERS", 2)
threads = _count("POLICY_TIMELINE_THREADS", 4)
timeout = _count("POLICY_TIMELINE_TIMEOUT", 120)
worker_class = "gthread"
preload_app = False
accesslog = None
