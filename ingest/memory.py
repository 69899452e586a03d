"""Handing freed memory back to the system.

glibc keeps the pages of freed blocks for later allocations; after reading a million
events, or replacing one version of the index by the next, a long-running process would
stay at its peak resident size. ``malloc_trim`` returns them (a few tens of ms).
"""

from __future__ import annotations

import contextlib
import ctypes

# mallopt's parameter number for the most heap arenas glibc makes (malloc.h: M_ARENA_MAX).
_M_ARENA_MAX = -8


def limit_arenas(most: int = 2) -> None:
    """Let this process's threads share at most ``most`` heap arenas. glibc gives threads
    arenas of their own (up to eight per core); a dashboard worker's request threads each
    kept a few tens of MB of freed blocks in theirs. Affects threads started after it."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, most)


def release_memory() -> None:
    """Return freed heap pages to the system (nothing to do where libc is not glibc)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
