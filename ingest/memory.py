"""Handing freed memory back to the system.

glibc keeps the pages of freed blocks for later allocations; after reading a million
events, or replacing one version of the index by the next, a long-running process would
stay at its peak resident size. ``malloc_trim`` returns them (a few tens of ms).
"""

from __future__ import annotations

import contextlib
import ctypes


def release_memory() -> None:
    """Return freed heap pages to the system (nothing to do where libc is not glibc)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
