"""The report key table: an ingest finds the stored reports its new ones can match by
index (a shared target or, for untargeted reports, a title word), never by reading every
report of the type, and the merged events are the same as before."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from ingest.merge import same_event
from ingest.schema import validate
from ingest.store import Store, report_keys
from ingest.store.rows import as_report
from ingest.store.tables import report_keys_state_table, report_keys_table, sources_table
from tests.review_helpers import count, events, ingest, report


def _rows(store: Store, **where: str) -> list[dict]:
    s = sources_table.c
    with store.engine.connect() as conn:
        query = sa.select(sources_table).where(*(s[k] == v for k, v in where.items()))
        return [dict(r) for r in conn.execute(query).mappings()]


def _crowd(store: Store, n: int = 120) -> None:
    """``n`` sanctions on one day, each against its own group: same type, same window."""
    ingest(store, *(
        report("2025-03-04", f"Treasury sanctions Group {i}", f"Wire {i}", kind="sanction",
               targets=(f"Group {i}",))
        for i in range(n)
    ))  # fmt: skip


def test_a_new_report_reads_only_the_stored_reports_sharing_a_key_in_its_window(rstore: Store):
    _crowd(rstore)
    ingest(rstore, report("2025-03-05", "Mexico fentanyl precursors sanctioned", "Desk",
                          kind="sanction", targets=("Mexico",)))  # fmt: skip
    probe = as_report({**_rows(rstore, source_title="Wire 7")[0], "id": 0})
    with rstore.engine.connect() as conn:
        found = report_keys.matching_rows(conn, [probe], set())
    # Group 7's own report, and the one without a strong target (a country) that shares
    # the word "sanction": not the other 119 reports of the type in that week.
    assert sorted(r["source_title"] for r in found) == ["Desk", "Wire 7"]
    far = replace(probe, start=probe.start + 400, end=probe.end + 400)
    with rstore.engine.connect() as conn:
        assert report_keys.matching_rows(conn, [far], set()) == []


def test_a_targeted_report_joins_a_stored_untargeted_report_through_a_title_word(rstore: Store):
    ingest(rstore, report("2025-12-15", "Executive order designating fentanyl as a weapon of "
                          "mass destruction", "Desk", kind="directive", targets=()))  # fmt: skip
    _crowd(rstore, 30)
    ingest(rstore, report("2025-12-15", "President designates fentanyl as a weapon of mass "
                          "destruction", "Wire", kind="directive", targets=("Sinaloa Cartel",)))  # fmt: skip
    (directive,) = [e for e in events(rstore) if e["event_type"] == "directive"]
    assert len(rstore.sources_for(directive["event_id"])) == 2


def test_an_untargeted_report_still_joins_a_stored_targeted_report(rstore: Store):
    ingest(rstore, report("2025-12-15", "President designates fentanyl as a weapon of mass "
                          "destruction", "Wire", kind="directive", targets=("Sinaloa Cartel",)))  # fmt: skip
    ingest(rstore, report("2025-12-15", "Executive order designating fentanyl as a weapon of "
                          "mass destruction", "Desk", kind="directive", targets=()))  # fmt: skip
    (directive,) = events(rstore)
    assert len(rstore.sources_for(directive["event_id"])) == 2


def test_a_corrected_report_is_found_by_its_new_keys_only(rstore: Store):
    first = validate(replace(
        report("2025-03-04", "Sanctions on money launderers", "Wire", kind="sanction",
               targets=(), evidence="Wire reports sanctions."),
        key="wire-1", event_id="",
    ))  # fmt: skip
    ingest(rstore, first)
    ingest(rstore, validate(replace(first, title="Sanctions on gold smugglers", event_id="")))
    (row,) = _rows(rstore)
    with rstore.engine.connect() as conn:
        keys = set(conn.execute(
            sa.select(report_keys_table.c.key).where(report_keys_table.c.source_id == row["id"])
        ).scalars())  # fmt: skip
    assert {"w:smuggler", "w:gold"} <= keys and "w:launderer" not in keys


def test_a_store_without_keys_is_keyed_before_its_next_merge(rstore: Store):
    """A store made before the key table (or keyed with another gazetteer): its old
    reports are keyed in the next write, so a new report still finds its match."""
    ingest(rstore, report("2025-03-04", "Treasury sanctions Group 1", "Wire", kind="sanction",
                          targets=("Group 1",)))  # fmt: skip
    with rstore.engine.begin() as conn:
        conn.execute(report_keys_table.delete())
        conn.execute(report_keys_state_table.delete())
    ingest(rstore, report("2025-03-04", "Group 1 sanctioned by Treasury", "Desk",
                          kind="sanction", targets=("Group 1",)))  # fmt: skip
    (event,) = events(rstore)
    assert len(rstore.sources_for(event["event_id"])) == 2
    assert count(rstore, report_keys_table) == 2


def test_another_gazetteer_re_keys_the_store(rstore: Store, monkeypatch):
    ingest(rstore, report("2025-03-04", "Treasury sanctions Group 1", "Wire", kind="sanction",
                          targets=("Group 1",)))  # fmt: skip
    state = report_keys_state_table.c
    monkeypatch.setattr(report_keys, "gazetteer_fingerprint", lambda: "another gazetteer")
    with rstore.engine.begin() as conn:
        conn.execute(report_keys_table.insert(), {"source_id": 999, "event_type": "sanction",
                     "key": "t:stale", "date_start": "2025-03-04", "date_end": "2025-03-04"})  # fmt: skip
        report_keys.ensure_current(conn)
        assert conn.execute(sa.select(state.value)).scalar() == "another gazetteer"
        keys = conn.execute(sa.select(report_keys_table.c.key)).scalars().all()
    assert keys == ["t:group 1"]


def test_keyed_lookup_matches_what_comparing_with_every_report_finds(store: Store):
    """The index never hides a match: for every stored report, the reports ``same_event``
    accepts among all of its type are among those its keys find."""
    _crowd(store, 40)
    ingest(store, *(
        report(f"2025-03-{d:02d}", title, "Desk", kind="sanction", targets=targets)
        for d, title, targets in [
            (5, "Treasury sanctions Group 3 and Group 4", ("Group 3", "Group 4")),
            (6, "Sanctions on money launderers", ()),
            (20, "Treasury sanctions Group 5 leaders", ("Group 5",)),
        ]
    ))  # fmt: skip
    rows = _rows(store)
    reports = [as_report(r) for r in rows]
    with store.engine.connect() as conn:
        for row, probe in zip(rows, reports, strict=True):
            if not probe.targets:
                continue
            found = {r["id"] for r in report_keys.matching_rows(conn, [probe], set())}
            expected = {o["id"] for o, other in zip(rows, reports, strict=True)
                        if o["id"] != row["id"] and same_event(probe, other)}  # fmt: skip
            assert expected <= found
