"""Structured logs for a deployment: one line per ingest run and per web request.

``POLICY_TIMELINE_LOG=json`` writes each as one JSON object per line on standard error
(for a log collector: ``docker compose logs``, journald); ``=text`` as ``event key=value``
lines; unset, only warnings and errors are written, so a person at a terminal sees the
commands' own output and nothing more. ``POLICY_TIMELINE_LOG_LEVEL`` overrides the level.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from typing import Any

ENV_FORMAT = "POLICY_TIMELINE_LOG"
ENV_LEVEL = "POLICY_TIMELINE_LOG_LEVEL"
LOGGER = "policy_timeline"
_FIELDS = "fields"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(getattr(record, _FIELDS, {}))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, _FIELDS, {})
        text = " ".join(f"{k}={json.dumps(v, default=str)}" for k, v in fields.items())
        line = f"{record.levelname.lower()} {record.getMessage()}" + (f" {text}" if text else "")
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure(stream: Any = None) -> None:
    """Set up the root logger from the environment (once per process; again replaces)."""
    kind = os.environ.get(ENV_FORMAT, "").strip().lower()
    if kind not in ("", "json", "text"):
        raise ValueError(f"{ENV_FORMAT}={kind!r}: use json, text, or leave it unset")
    level_name = os.environ.get(ENV_LEVEL, "INFO" if kind else "WARNING").upper()
    level = logging.getLevelName(level_name)
    if not isinstance(level, int):
        raise ValueError(f"{ENV_LEVEL}={level_name!r}: use DEBUG, INFO, WARNING or ERROR")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if kind == "json" else TextFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_policy_timeline", False)]:
        root.removeHandler(old)
    handler._policy_timeline = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)


def event(name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one structured line: ``name`` and its fields."""
    logging.getLogger(LOGGER).log(level, name, extra={_FIELDS: fields})
