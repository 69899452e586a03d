"""Files the tool ships in ``data/`` (the gazetteer): found in the source tree when run
from a checkout or an editable install, else where ``pip install`` put them
(``<prefix>/share/policy-timeline/``, declared as data files in pyproject.toml)."""

from __future__ import annotations

import sysconfig
from pathlib import Path

SOURCE_DATA = Path(__file__).resolve().parent.parent / "data"
SHARE = "share/policy-timeline"


def bundled(name: str) -> Path:
    """The path of a bundled data file; SOURCE_DATA's copy when it exists."""
    local = SOURCE_DATA / name
    if local.exists():
        return local
    for scheme_path in {sysconfig.get_path("data"), sysconfig.get_path("data", "posix_user")}:
        installed = Path(scheme_path) / SHARE / name
        if installed.exists():
            return installed
    return local  # reading it then says which file is missing
