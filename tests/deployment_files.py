"""Reading the deployment files the way Docker and Compose do, as far as the tests need:
the Dockerfile's instructions (continuation lines joined, comments dropped) and
compose.yaml as YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, args = line.partition(" ")
        out.append((keyword.upper(), args.strip()))
    assert not pending, f"{path}: the last instruction ends with a continuation"
    return out


def exec_form(args: str) -> list[str]:
    """A CMD or ENTRYPOINT in exec (JSON) form, as its argument list."""
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


def server_command() -> list[str]:
    """The command the image runs: the dashboard under gunicorn."""
    (cmd,) = [args for keyword, args in dockerfile_instructions() if keyword == "CMD"]
    return exec_form(cmd)


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
