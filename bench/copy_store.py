"""Copy a store (SQLite) into an empty PostgreSQL store with COPY, for benchmarks: a
million synthetic events bulk-loaded through the writer take far longer than copying
the rows the writer already made. The change log is not copied (the copy starts a new
one: its readers start from a whole read anyway).

    python -m bench.copy_store sqlite:////tmp/.../synthetic_1000000.db postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import time

import sqlalchemy as sa

from ingest.store import Store
from ingest.store.tables import changes_table, metadata


def copy_store(source_url: str, target_url: str) -> int:
    """Rows copied. The target's tables are emptied first."""
    source, target = Store(source_url), Store(target_url)
    tables = [t for t in metadata.sorted_tables if t is not changes_table]
    copied = 0
    with source.engine.connect() as src, target.engine.begin() as dst:
        dst.execute(sa.text("TRUNCATE " + ", ".join(t.name for t in metadata.sorted_tables)
                            + " RESTART IDENTITY CASCADE"))  # fmt: skip
        cursor = dst.connection.driver_connection.cursor()  # type: ignore[union-attr]
        for table in tables:
            names = [c.name for c in table.columns]
            started, n = time.perf_counter(), 0
            result = src.execution_options(yield_per=50_000).execute(sa.select(table))
            with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in result:
                    copy.write_row(tuple(row))
                    n += 1
            serial = [c.name for c in table.primary_key.columns if c.autoincrement is True]
            for column in serial:
                dst.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column}'), "
                    f"COALESCE((SELECT MAX({column}) FROM {table.name}), 0) + 1, false)"
                ))  # fmt: skip
            print(f"{table.name}: {n:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
            copied += n
    with target.engine.begin() as dst:
        dst.execute(sa.text("ANALYZE"))
    source.close()
    target.close()
    return copied


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("target")
    args = ap.parse_args()
    print(f"{copy_store(args.source, args.target):,} rows copied")


if __name__ == "__main__":
    main()
