"""The team deployment's files: Dockerfile and compose.yaml. Where Docker is available
the image is built; elsewhere (this machine, most CI runners without a daemon) their
structure is checked: every instruction known, every copied path present and not
ignored, the commands ones this tool has, the services wired as the README says."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import click
import pytest

from ingest.cli import main
from tests.deployment_files import (
    ROOT,
    compose,
    dockerfile_instructions,
    exec_form,
    server_command,
)

KNOWN = {"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT",
         "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}  # fmt: skip


def ignored() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def env_of(instructions: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, args in instructions:
        if keyword == "ENV":
            env.update(dict(re.findall(r"(\w+)=(\S+)", args)))
    return env


def test_the_dockerfile_uses_known_instructions_and_copies_what_exists():
    instructions = dockerfile_instructions()
    assert instructions[0][0] == "FROM" and instructions[0][1].startswith("python:3.11")
    assert {k for k, _ in instructions} <= KNOWN
    for keyword, args in instructions:
        if keyword != "COPY":
            continue
        *sources, _target = args.split()
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
            assert source not in ignored(), f"COPY {source}: excluded by .dockerignore"
    assert "tests" in ignored() and ".venv" in ignored()


def test_the_image_installs_the_server_extra_and_runs_as_a_user():
    instructions = dockerfile_instructions()
    runs = " ".join(args for keyword, args in instructions if keyword == "RUN")
    assert 'pip install ".[server]"' in runs
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert any(d.startswith("gunicorn") for d in extras["server"])
    assert any(d.startswith("psycopg") for d in extras["server"])
    users = [args for keyword, args in instructions if keyword == "USER"]
    assert users and users[-1] not in ("root", "0")


def test_the_image_serves_gunicorn_on_its_exposed_port_and_checks_healthz():
    instructions = dockerfile_instructions()
    env = env_of(instructions)
    port = env["POLICY_TIMELINE_BIND"].rsplit(":", 1)[1]
    assert ("EXPOSE", port) in instructions
    assert server_command() == [
        "gunicorn", "-c", "python:dashboard.gunicorn_conf", "dashboard.wsgi:server",
    ]  # fmt: skip
    (check,) = [args for keyword, args in instructions if keyword == "HEALTHCHECK"]
    probe = exec_form(check.split("CMD", 1)[1].strip())
    assert f"http://127.0.0.1:{port}/healthz" in " ".join(probe)
    assert env["POLICY_TIMELINE_LOG"] == "json"


def _parses(argv: list[str]) -> None:
    """Click parses ``argv`` as this tool's command line (options and paths checked),
    without running it; paths are relative to the image's working directory (the
    repository's root, as copied)."""
    assert argv[0] == "policy-timeline", argv
    name, *rest = argv[1:]
    with click.Context(main) as ctx:
        command = main.get_command(ctx, name)
        assert command is not None, f"no command {name!r}"
        command.make_context(name, rest, parent=ctx)


def test_compose_runs_postgresql_on_a_named_volume_and_the_app_after_it(monkeypatch):
    spec = compose()
    services = spec["services"]
    assert set(services) == {"db", "load", "dashboard", "watcher"}
    db = services["db"]
    assert db["image"].startswith("postgres:")
    volume = db["volumes"][0].split(":")[0]
    assert volume in spec["volumes"]  # named, so it outlives the containers
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    for name in ("load", "dashboard", "watcher"):
        service = services[name]
        assert service["build"] == "." and service["depends_on"]["db"] == {
            "condition": "service_healthy"
        }
        assert service["environment"]["POLICY_TIMELINE_DB"].startswith("postgresql+psycopg://")
        assert "@db:5432/" in service["environment"]["POLICY_TIMELINE_DB"]
    dashboard = services["dashboard"]
    assert dashboard["command"] == server_command()
    assert dashboard["ports"][0].endswith(":8050")
    assert dashboard["depends_on"]["load"] == {"condition": "service_completed_successfully"}
    monkeypatch.chdir(ROOT)
    _parses(services["load"]["command"])
    _parses(services["watcher"]["command"])


def test_every_variable_compose_requires_is_in_the_example_env_file():
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{(\w+):\?", text))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^(\w+)=", example, re.M))
    assert required and required <= listed


def docker_daemon() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=60).returncode == 0


@pytest.mark.skipif(
    not docker_daemon(), reason="no Docker daemon here: the files' structure is checked"
)
def test_the_image_builds_where_docker_is_available():
    result = subprocess.run(
        ["docker", "build", "-q", "-t", "policy-timeline:test", str(ROOT)],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
