"""Who may edit: the editors file, one editor a line (``name<TAB>hash``), where the hash is
argon2id with a random salt (argon2-cffi): a password is never stored, only what checks
it. ``policy-timeline users add NAME`` writes it.

The file is ``$POLICY_TIMELINE_USERS``, else ``data/editors.txt`` under the current
directory. It is re-read when it changes, so a new editor can sign in without a restart.
Beside it, ``<name>.key`` holds the key that signs session cookies (made on first use,
readable by its owner only), so every process of a server accepts the same sessions.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ENV_VAR = "POLICY_TIMELINE_USERS"
DEFAULT_PATH = Path("data") / "editors.txt"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1_000  # a longer one is refused before hashing (hashing cost is per byte)
LOCAL_EDITOR = "local"  # who edits on 127.0.0.1 when no editor is configured

_hasher = PasswordHasher()
# Checked against when the name is unknown, so a wrong name costs what a wrong password does.
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


class EditorsError(ValueError):
    """A bad name or password, or an unreadable editors file; the message says which."""


def default_path() -> Path:
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH).resolve()


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise EditorsError(
            f"{name!r} is not an editor name: 1 to 64 letters, digits, '.', '_', '-' or '@', "
            "starting with a letter or digit"
        )
    return name


class Editors:
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path).resolve() if path else default_path()
        self._lock = threading.Lock()
        self._cache: tuple[float, int, dict[str, str]] | None = None

    def load(self) -> dict[str, str]:
        """name -> hash; empty when the file does not exist."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        with self._lock:
            if self._cache and self._cache[:2] == (stat.st_mtime, stat.st_size):
                return self._cache[2]
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EditorsError(f"{self.path}: cannot read the editors file ({exc})") from None
        found: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            name, _, hashed = line.partition("\t")
            if not NAME.match(name) or not hashed.startswith("$argon2"):
                raise EditorsError(
                    f"{self.path}:{number}: not 'name<TAB>argon2 hash'; "
                    "fix the line or add the editor again with `policy-timeline users add`"
                )
            found[name] = hashed
        with self._lock:
            self._cache = (stat.st_mtime, stat.st_size, found)
        return found

    def names(self) -> list[str]:
        return sorted(self.load(), key=str.casefold)

    def any(self) -> bool:
        return bool(self.load())

    def _save(self, editors: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        lines = ["# policy-timeline editors: name<TAB>argon2id hash (never a password)"]
        lines += [f"{n}\t{h}" for n, h in sorted(editors.items())]
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, self.path)  # never a half-written file

    def add(self, name: str, password: str) -> bool:
        """Add the editor, or set a new password; True when the name was new."""
        check_name(name)
        if len(password) < MIN_PASSWORD:
            raise EditorsError(f"the password is too short: at least {MIN_PASSWORD} characters")
        if len(password) > MAX_PASSWORD:
            raise EditorsError(f"the password is too long: at most {MAX_PASSWORD} characters")
        editors = dict(self.load())
        new = name not in editors
        editors[name] = _hasher.hash(password)
        self._save(editors)
        return new

    def remove(self, name: str) -> bool:
        editors = dict(self.load())
        if editors.pop(name, None) is None:
            return False
        self._save(editors)
        return True

    def verify(self, name: str, password: str) -> bool:
        hashed = self.load().get(name) if NAME.match(name or "") else None
        if len(password or "") > MAX_PASSWORD:
            return False
        try:
            return _hasher.verify(hashed or _DUMMY, password or "") and hashed is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def secret(self) -> bytes:
        """The key that signs session cookies, made once beside the editors file."""
        key_path = self.path.with_suffix(".key")
        try:
            return key_path.read_bytes()
        except FileNotFoundError:
            pass
        key_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            return key_path.read_bytes()
        key = secrets.token_hex(32).encode()
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return key
