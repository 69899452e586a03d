"""``policy-timeline users``: the editors who may correct the timeline when the dashboard
listens beyond 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import click

USERS_HELP = "Editors file (default: $POLICY_TIMELINE_USERS, else data/editors.txt)."


def users_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--users",
        "users_file",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="POLICY_TIMELINE_USERS",
        help=USERS_HELP,
    )(func)


def _editors(users_file: Path | None):  # type: ignore[no-untyped-def]
    from .editors import Editors

    return Editors(users_file)


@click.group()
def users() -> None:
    """Editors who may correct events (a salted argon2 hash of each password is stored,
    never the password)."""


@users.command("add")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@users_option
def add(name: str, password_stdin: bool, users_file: Path | None) -> None:
    """Add editor NAME (or set a new password for NAME)."""
    from .editors import EditorsError

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    editors = _editors(users_file)
    try:
        new = editors.add(name, password)
    except EditorsError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{'Added' if new else 'New password for'} {name} in {editors.path}")


@users.command("remove")
@click.argument("name")
@users_option
def remove(name: str, users_file: Path | None) -> None:
    """Remove editor NAME."""
    editors = _editors(users_file)
    if not editors.remove(name):
        raise click.ClickException(f"{name} is not an editor in {editors.path}")
    click.echo(f"Removed {name} from {editors.path}")


@users.command("list")
@users_option
def list_users(users_file: Path | None) -> None:
    """List the editors."""
    editors = _editors(users_file)
    names = editors.names()
    click.echo("\n".join(names) if names else f"No editors in {editors.path}")


def register(main: click.Group) -> None:
    main.add_command(users)
