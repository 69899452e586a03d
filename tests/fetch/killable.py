"""``python -m tests.fetch.killable POINT N ARGS...``: the policy-timeline CLI with ARGS,
stopping for good (to be killed with SIGKILL) the Nth time it reaches POINT:

- ``archive``: a fetched body was just written to the archive, nothing stored yet;
- ``commit``: a body's events were written inside its transaction, not committed.

It prints ``AT POINT`` when it stops there.
"""

from __future__ import annotations

import sys
import time


def main() -> None:
    point, nth, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    calls = {"n": 0}

    def reached() -> None:
        calls["n"] += 1
        if calls["n"] == nth:
            print(f"AT {point}", flush=True)
            time.sleep(600)

    if point == "commit":
        from ingest.store import writer

        original = writer.write_events

        def write_events(conn, events, run):  # type: ignore[no-untyped-def]
            result = original(conn, events, run)
            reached()
            return result

        writer.write_events = write_events  # type: ignore[assignment]
    elif point == "archive":
        from ingest.fetch.archive import Archive

        put = Archive.put

        def patched(self, body, ext):  # type: ignore[no-untyped-def]
            stored = put(self, body, ext)
            reached()
            return stored

        Archive.put = patched  # type: ignore[method-assign]
    elif point != "none":
        raise SystemExit(f"unknown point {point!r}")
    from ingest.cli import main as cli

    cli(args)


if __name__ == "__main__":
    main()
