"""The edit layer, on SQLite and PostgreSQL: edits are rows of their own applied over the
merged event; a later edit undoes an earlier one; re-ingesting, re-fetching and
re-merging never undo an edit; split and merge decisions hold through every re-merge; a
source that arrives later and disagrees with a correction is a conflict, not a change."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import sqlalchemy as sa

from ingest.merge import Constraints, cluster
from ingest.review import actions
from ingest.review.actions import EditConflict, ReviewError
from ingest.review.history import event_history
from ingest.review.layer import with_precision
from ingest.review.tables import edits_table, links_table
from ingest.store.tables import sources_table
from tests.review_helpers import count, events, ingest, report
from tests.test_merge import report as merge_report

T0, T1, T2 = "2001-01-01T00:00:00Z", "2001-01-02T00:00:00Z", "2001-01-03T00:00:00Z"


def only(store):
    (event,) = events(store)
    return event


def edit_rows(store):
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(edits_table).order_by(edits_table.c.id)).mappings()]  # fmt: skip


def titles_of_sources(store, event_id):
    return sorted(s["source_title"] for s in store.sources_for(event_id))


def test_an_edit_is_a_row_of_its_own_applied_over_the_merged_event(rstore):
    ingest(rstore, report("2025-08-07", "Reward for Maduro raised", "Wire A", amount=5e7))
    before = only(rstore)
    out = actions.edit_fields(
        rstore.engine, before["event_id"], {"date": "2025-08-08"}, {"date": "2025-08-07"},
        "alice", "the notice is dated the 8th",
    )  # fmt: skip
    after = only(rstore)
    assert out.event_id == after["event_id"] == before["event_id"]  # an edited date keeps the id
    assert (after["date"], after["date_start"], after["review_status"]) == (
        "2025-08-08", "2025-08-08", "edited",
    )  # fmt: skip
    (source,) = rstore.sources_for(after["event_id"])
    assert source["source_date"] == "2025-08-07"  # what the source said is kept
    (edit,) = edit_rows(rstore)
    assert (edit["field"], edit["old_value"], edit["new_value"], edit["editor"], edit["reason"]) == (
        "date", '"2025-08-07"', '"2025-08-08"', "alice", "the notice is dated the 8th",
    )  # fmt: skip
    assert edit["event_id"] == before["event_id"] and edit["at"]


def test_a_date_edited_to_a_coarser_precision_covers_its_whole_period(rstore):
    ingest(rstore, report("2025-08-07", "Reward for Maduro raised", "Wire A"))
    event = only(rstore)
    actions.edit_fields(
        rstore.engine,
        event["event_id"],
        {"date": with_precision("2025-08-07", "month")},
        {},
        "alice",
    )
    after = only(rstore)
    assert (after["date"], after["date_precision"], after["date_start"], after["date_end"]) == (
        "2025-08", "month", "2025-08-01", "2025-08-31",
    )  # fmt: skip


def test_a_later_edit_undoes_an_earlier_one_and_every_edit_stays_in_the_history(rstore):
    ingest(rstore, report("2025-08-07", "Reward raised", "Wire A"))
    event_id = only(rstore)["event_id"]
    actions.edit_fields(rstore.engine, event_id, {"title": "First correction"}, {}, "alice")
    actions.edit_fields(rstore.engine, event_id, {"title": "Second correction"}, {}, "bob")
    first, second = (e["id"] for e in edit_rows(rstore))
    actions.undo(rstore.engine, second, "carol")
    assert only(rstore)["title"] == "First correction"
    with pytest.raises(ReviewError, match="a later edit of the title is in effect"):
        actions.undo(rstore.engine, first, "carol")
    undo_row = edit_rows(rstore)[-1]
    assert undo_row["new_value"] == '"First correction"' and undo_row["editor"] == "carol"
    actions.undo(rstore.engine, undo_row["id"], "carol")  # an undo is an edit: undone too
    assert only(rstore)["title"] == "Second correction"
    history = [h for h in event_history(rstore.engine, event_id) if h.kind == "edit"]
    assert [h.who for h in history] == ["alice", "bob", "carol", "carol"]
    assert history[0].text == "title: Reward raised → First correction"


def test_undoing_the_only_edit_gives_the_field_back_to_its_sources(rstore):
    ingest(rstore, report("2025-08-07", "Reward raised", "Wire A"))
    event_id = only(rstore)["event_id"]
    actions.edit_fields(rstore.engine, event_id, {"title": "Corrected"}, {}, "alice")
    (edit,) = edit_rows(rstore)
    actions.undo(rstore.engine, edit["id"], "alice")
    event = only(rstore)
    assert (event["title"], event["review_status"]) == ("Reward raised", "unreviewed")
    assert edit_rows(rstore)[-1]["new_value"] is None  # "follow the sources again"


def test_edits_survive_reingest_an_updated_source_and_a_new_source_that_changes_the_id(rstore):
    news = report("2025-08-07", "Reward for Maduro raised", "Wire A", amount=5e7)
    ingest(rstore, news)
    event_id = only(rstore)["event_id"]
    actions.edit_fields(
        rstore.engine, event_id,
        {"title": "US doubles the reward for Maduro to $50M", "tags": "rewards; maduro",
         "note": "Checked against the State Department notice"}, {}, "alice",
    )  # fmt: skip
    ingest(rstore, news)  # the same file again
    ingest(rstore, replace(news, title="Reward for Maduro raised (updated)"))  # re-fetched, changed
    event = only(rstore)
    assert event["title"] == "US doubles the reward for Maduro to $50M"
    assert (event["tags"], event["note"]) == ('["rewards", "maduro"]', "Checked against the State Department notice")  # fmt: skip
    # A more authoritative source (the analysts' curated row) now speaks for the event and
    # gives it its id: the edits follow the reports, not the old id.
    curated = report("2025-08-07", "State raises Maduro reward", "State Department", amount=5e7,
                     adapter="csv", subtype="reward", confidence=1.0)  # fmt: skip
    ingest(rstore, curated)
    event = only(rstore)
    assert event["event_id"] != event_id and event["event_id"] == curated.event_id
    assert event["title"] == "US doubles the reward for Maduro to $50M"
    assert event["review_status"] == "edited" and event["source_count"] == 2


def test_a_later_source_that_disagrees_with_a_correction_is_a_conflict_and_changes_nothing(
    rstore, monkeypatch
):
    with monkeypatch.context() as m:
        m.setattr("ingest.store.writer.utc_now", lambda: T0)
        ingest(rstore, report("2025-08-07", "Reward raised", "Wire A", amount=2.5e7))
    event_id = only(rstore)["event_id"]
    with monkeypatch.context() as m:
        m.setattr("ingest.review.actions.utc_now", lambda: T1)
        actions.edit_fields(rstore.engine, event_id, {"amount": 5e7}, {"amount": 2.5e7}, "alice")
    assert only(rstore)["conflict"] == "" and only(rstore)["in_queue"] == 0
    ingest(rstore, report("2025-08-07", "Maduro reward now $25 million", "Wire B", amount=2.5e7))
    event = only(rstore)
    assert event["amount"] == 5e7 and event["source_count"] == 2  # never silently changed
    assert event["conflict"] == (
        "amount corrected to $50M by alice, but Wire B (arrived later) says $25M"
    )
    assert event["in_queue"] == 1
    assert event["review_reasons"].startswith("a later source disagrees with a correction")
    ingest(rstore, report("2025-08-07", "Reward doubled to $50 million", "Wire C", amount=5e7))
    # A source that agrees with the correction is no conflict with it (the sources still
    # disagree among themselves, which the machine's part of the conflict says).
    assert only(rstore)["conflict"] == (
        "amounts differ: $25M (Wire B) vs $50M (Wire C); "
        "amount corrected to $50M by alice, but Wire B (arrived later) says $25M"
    )
    actions.set_status(rstore.engine, only(rstore)["event_id"], "confirmed", "alice")
    event = only(rstore)  # confirming settles it: the analyst has seen the later sources
    assert event["conflict"] == "amounts differ: $25M (Wire B) vs $50M (Wire C)"
    assert event["in_queue"] == 0 and event["amount"] == 5e7


def test_a_split_keeps_the_sources_apart_through_every_reingest(rstore):
    a = report("2025-09-02", "Strike on a vessel", "Wire A", kind="military_action",
               targets=("Tren de Aragua",))  # fmt: skip
    b = report("2025-09-02", "Strike near the coast", "Wire B", kind="military_action",
               targets=("Tren de Aragua",))  # fmt: skip
    ingest(rstore, a, b)
    event_id = only(rstore)["event_id"]
    wire_b = [s["id"] for s in rstore.sources_for(event_id) if s["source_title"] == "Wire B"]
    out = actions.split(rstore.engine, event_id, wire_b, "alice", "two different strikes")
    assert out.other_event_id and out.other_event_id != out.event_id
    assert titles_of_sources(rstore, out.event_id) == ["Wire A"]
    assert titles_of_sources(rstore, out.other_event_id) == ["Wire B"]
    ingest(rstore, a, b)  # re-ingest
    ingest(rstore, replace(b, title="Strike near the coast (updated)"))  # a changed source
    ingest(rstore, report("2025-09-02", "Another strike report", "Wire C", kind="military_action",
                          targets=("Tren de Aragua",)))  # fmt: skip
    holders = [titles_of_sources(rstore, e["event_id"]) for e in events(rstore)]
    assert len(holders) == 2 and not any({"Wire A", "Wire B"} <= set(h) for h in holders)
    assert all(e["review_status"] == "edited" for e in events(rstore))


def test_a_split_leaves_the_events_edits_with_the_sources_that_stay(rstore):
    sure = report("2025-09-02", "Strike on a vessel", "Wire A", kind="military_action",
                  targets=("Tren de Aragua",), confidence=0.9)  # fmt: skip
    unsure = report("2025-09-02", "Strike near the coast", "Wire B", kind="military_action",
                    targets=("Tren de Aragua",), confidence=0.6)  # fmt: skip
    ingest(rstore, sure, unsure)
    event_id = only(rstore)["event_id"]
    actions.edit_fields(rstore.engine, event_id, {"title": "Strike on 2 September"}, {}, "alice")
    head = [s["id"] for s in rstore.sources_for(event_id) if s["source_title"] == "Wire A"]
    out = actions.split(rstore.engine, event_id, head, "alice")  # the source that spoke goes
    stays = {e["event_id"]: e for e in events(rstore)}
    assert stays[out.event_id]["title"] == "Strike on 2 September"
    assert titles_of_sources(rstore, out.event_id) == ["Wire B"]
    assert stays[out.other_event_id]["title"] == "Strike on a vessel"


def test_a_merge_keeps_two_events_one_through_every_reingest_until_a_split(rstore):
    x = report("2025-09-02", "Strike on a vessel", "Wire A", kind="military_action",
               targets=("Tren de Aragua",))  # fmt: skip
    y = report("2025-09-05", "US strike reported", "Wire B", kind="military_action",
               targets=("Tren de Aragua",))  # fmt: skip
    ingest(rstore, x, y)
    first, second = (e["event_id"] for e in events(rstore))
    out = actions.merge(rstore.engine, first, second, "alice", "the same strike, reported late")
    ingest(rstore, x, y)
    ingest(rstore, replace(y, title="US strike reported (updated)"))
    event = only(rstore)
    assert event["event_id"] == out.event_id and event["source_count"] == 2
    assert event["review_status"] == "edited"
    wire_b = [s["id"] for s in rstore.sources_for(out.event_id) if s["source_title"] == "Wire B"]
    actions.split(rstore.engine, out.event_id, wire_b, "bob")  # a later decision overrides
    ingest(rstore, x, y)
    assert len(events(rstore)) == 2
    with rstore.engine.connect() as conn:
        kinds = conn.execute(sa.select(links_table.c.kind, links_table.c.active)).all()
    assert ("must", 0) in kinds and ("cannot", 1) in kinds


def _r(rid, date):
    return replace(merge_report(rid, date, "military_action", {"tren de aragua"}), uid=rid)


def test_cluster_respects_cannot_and_must_links():
    a, b, far = _r("a", "2025-09-02"), _r("b", "2025-09-02"), _r("c", "2025-10-20")
    assert cluster([a, b]) == [[0, 1]]
    assert sorted(cluster([a, b], Constraints(cannot=frozenset({("a", "b")})))) == [[0], [1]]
    assert sorted(cluster([a, far])) == [[0], [1]]
    assert cluster([a, far], Constraints(must=frozenset({("a", "c")}))) == [[0, 1]]
    # kept apart even through a third report that matches both
    c = _r("d", "2025-09-02")
    groups = cluster([a, b, c], Constraints(cannot=frozenset({("a", "b")})))
    assert not any({0, 1} <= set(g) for g in groups)


def test_rejecting_and_restoring_are_recorded_and_a_rejected_event_leaves_the_queue(rstore):
    ingest(rstore, report("2025-08-07", "Reward raised", "Wire A", confidence=0.5))
    event_id = only(rstore)["event_id"]
    assert only(rstore)["in_queue"] == 1
    actions.set_status(rstore.engine, event_id, "rejected", "alice", "an opinion column")
    assert (only(rstore)["review_status"], only(rstore)["in_queue"]) == ("rejected", 0)
    actions.set_status(rstore.engine, event_id, None, "bob")
    assert only(rstore)["review_status"] == "unreviewed"
    assert [r["editor"] for r in edit_rows(rstore)] == ["alice", "bob"]


def test_an_event_added_by_hand_is_a_source_of_its_own_that_a_machine_report_joins(rstore):
    out = actions.add_event(
        rstore.engine,
        {"date": "2025-10-01", "event_type": "sanction", "title": "Treasury sanctions members of Cartel de los Soles",
         "targets": "Cartel de los Soles", "actors": "Department of the Treasury"},
        "https://home.treasury.gov/news/press-releases/example", "Treasury sanctioned members of the cartel.",
        "alice", "Treasury press release",
    )  # fmt: skip
    event = only(rstore)
    assert (event["event_id"], event["review_status"]) == (out.event_id, "confirmed")
    (source,) = rstore.sources_for(out.event_id)
    assert source["adapter"] == "manual" and source["file"] == "added by alice"
    ingest(rstore, report("2025-10-01", "US sanctions Cartel de los Soles", "Wire A",
                          kind="sanction", targets=("Cartel de los Soles",)))  # fmt: skip
    event = only(rstore)
    assert event["event_id"] == out.event_id and event["source_count"] == 2
    with pytest.raises(ReviewError, match="already reports"):
        actions.add_event(
            rstore.engine,
            {"date": "2025-10-01", "event_type": "sanction", "title": "Again",
             "targets": "Cartel de los Soles", "actors": "Department of the Treasury"},
            "https://home.treasury.gov/news/press-releases/example",
            "Treasury sanctioned members of the cartel.", "bob",
        )  # fmt: skip
    with pytest.raises(ReviewError, match="http"):
        actions.add_event(rstore.engine, {"date": "2025-10-02", "event_type": "sanction", "title": "X"},
                          "javascript:alert(1)", "quote", "bob")  # fmt: skip
    with pytest.raises(ReviewError, match="date"):
        actions.add_event(rstore.engine, {"date": "2025-13-40", "event_type": "sanction", "title": "X"},
                          "https://example.org/x", "quote", "bob")  # fmt: skip


def test_a_form_filled_before_another_editors_change_saves_only_what_does_not_clash(rstore):
    ingest(rstore, report("2025-08-07", "Reward raised", "Wire A"))
    event_id = only(rstore)["event_id"]
    seen = {"date": "2025-08-07", "title": "Reward raised"}  # both forms opened now
    actions.edit_fields(rstore.engine, event_id, {"date": "2025-08-08"}, seen, "alice")
    actions.edit_fields(rstore.engine, event_id, {"title": "Maduro reward raised"}, seen, "bob")
    event = only(rstore)
    assert (event["date"], event["title"]) == ("2025-08-08", "Maduro reward raised")
    with pytest.raises(EditConflict, match="date is now 2025-08-08"):
        actions.edit_fields(rstore.engine, event_id, {"date": "2025-08-09"}, seen, "bob")
    assert only(rstore)["date"] == "2025-08-08" and len(edit_rows(rstore)) == 2


def test_bad_values_are_refused_with_what_was_wrong(rstore):
    ingest(rstore, report("2025-08-07", "Reward raised", "Wire A"))
    event_id = only(rstore)["event_id"]
    for change, message in (
        ({"date": "2025-02-30"}, "date '2025-02-30' is not a real date"),
        ({"event_type": "rumour"}, "type 'rumour' is not one of"),
        ({"title": "   "}, "title is empty"),
        ({"amount": "lots"}, "amount 'lots' is not a number"),
        ({"amount": "-5"}, "amount '-5' is not an amount from 0 to 10^15"),
    ):
        with pytest.raises(ReviewError, match=re.escape(message)):
            actions.edit_fields(rstore.engine, event_id, change, {}, "alice")
    assert edit_rows(rstore) == []
    with pytest.raises(ReviewError, match="no longer in the store"):
        actions.set_status(rstore.engine, "ev_0000000000000000", "confirmed", "alice")


def test_two_reports_of_one_identity_kept_apart_get_two_ids(rstore):
    a = report(
        "2025-09-02", "Strike", "Wire A", kind="military_action", targets=("Tren de Aragua",)
    )
    b = report(
        "2025-09-02", "Strike", "Wire B", kind="military_action", targets=("Tren de Aragua",)
    )
    assert a.event_id == b.event_id  # the same identity from two sources
    ingest(rstore, a, b)
    event_id = only(rstore)["event_id"]
    wire_b = [s["id"] for s in rstore.sources_for(event_id) if s["source_title"] == "Wire B"]
    out = actions.split(rstore.engine, event_id, wire_b, "alice")
    ids = sorted([out.event_id, out.other_event_id], key=len)
    assert ids[0] == a.event_id and ids[1].startswith(a.event_id + ".")
    with rstore.engine.connect() as conn:
        homes = dict(conn.execute(sa.select(sources_table.c.source_title, sources_table.c.event_id)).all())  # fmt: skip
    assert homes == {"Wire A": out.event_id, "Wire B": out.other_event_id}
    assert count(rstore, edits_table) == 2  # the split, recorded for each side
