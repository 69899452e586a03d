"""One event per real-world event, whatever the order of ingestion, with conflicts flagged."""

import itertools
from pathlib import Path

import pytest

from ingest.merge import Report, cluster, conflicts, same_event, title_tokens
from ingest.pipeline import ingest_paths
from ingest.store import Store
from tests.conftest import CURATED, SHARED

RECORDS = Path(__file__).parent / "fixtures" / "records"
DOCS = Path(__file__).parent / "fixtures" / "documents"


def report(
    rid, date, kind="designation", targets=(), title="", key="", amount=None, rank=3, subtype=""
):
    from datetime import date as Date

    day = Date.fromisoformat(date).toordinal()
    return Report(rid, kind, subtype, date, "day", day, day, frozenset(targets), title_tokens(title),
                  key, amount, rank, 1.0, rid)  # fmt: skip


def test_reports_match_on_type_date_tolerance_and_targets():
    a = report("a", "2025-11-24", targets={"cartel de los soles"})
    assert same_event(
        a, report("b", "2025-11-16", targets={"cartel de los soles"})
    )  # signed vs effective
    assert not same_event(
        a, report("c", "2025-12-10", targets={"cartel de los soles"})
    )  # beyond 10 days
    assert not same_event(a, report("d", "2025-11-24", targets={"clan del golfo"}))
    assert not same_event(
        a, report("e", "2025-11-24", kind="sanction", targets={"cartel de los soles"})
    )
    strike = report("s", "2025-09-02", kind="military_action", targets={"tren de aragua"})
    assert same_event(
        strike, report("t", "2025-09-03", kind="military_action", targets={"tren de aragua"})
    )
    assert not same_event(
        strike, report("u", "2025-09-05", kind="military_action", targets={"tren de aragua"})
    )


def test_an_fto_and_an_sdgt_designation_of_the_same_day_stay_two_events():
    fto = report("f", "2025-02-20", targets={"tren de aragua"}, subtype="fto")
    assert not same_event(
        fto, report("g", "2025-02-20", targets={"tren de aragua"}, subtype="sdgt")
    )


def test_untargeted_acts_match_by_title_and_document_numbers_match_whatever_the_dates():
    wh = report(
        "w",
        "2025-12-15",
        kind="directive",
        title="DESIGNATING FENTANYL AS A WEAPON OF MASS DESTRUCTION",
    )
    news = report(
        "n",
        "2025-12-15",
        kind="directive",
        title="Executive order designating fentanyl as a weapon of mass destruction",
    )
    other = report(
        "o",
        "2025-12-15",
        kind="directive",
        title="Ensuring a National Policy Framework for Artificial Intelligence",
    )
    assert same_event(wh, news) and not same_event(wh, other)
    fr = report("fr", "2025-01-20", kind="directive", key="doc:eo-14157")
    assert same_event(fr, report("x", "2025-03-01", kind="directive", key="doc:eo-14157"))


def test_clusters_do_not_depend_on_input_order():
    reports = [
        report("r1", "2025-08-07", "bounty", {"nicolas maduro"}, amount=50e6, rank=2),
        report("r2", "2025-08-07", "bounty", {"nicolas maduro"}, amount=50e6, rank=3),
        report("r3", "2025-08-08", "bounty", {"nicolas maduro"}, amount=25e6, rank=3),
        report("r4", "2025-01-10", "bounty", {"nicolas maduro"}, amount=25e6, rank=2),
        report("r5", "2025-02-20", "designation", {"tren de aragua", "ms-13"}, rank=0),
        report("r6", "2025-02-21", "designation", {"tren de aragua"}, rank=3),
    ]
    expected = None
    for perm in itertools.permutations(reports):
        groups = {
            frozenset(perm[i].report_id for i in g): perm[g[0]].report_id
            for g in cluster(list(perm))
        }
        expected = expected or groups
        assert groups == expected
    assert expected == {
        frozenset({"r1", "r2", "r3"}): "r1",
        frozenset({"r4"}): "r4",
        frozenset({"r5", "r6"}): "r5",
    }


def test_different_amounts_and_dates_beyond_tolerance_are_conflicts():
    reasons = conflicts([report("a", "2025-08-07", "bounty", amount=50e6),
                         report("b", "2025-08-07", "bounty", amount=25e6)])  # fmt: skip
    assert reasons == "amounts differ: $25M (b) vs $50M (a)"
    dated = conflicts([report("a", "2025-01-20", "directive", key="doc:eo-1"),
                       report("b", "2025-02-10", "directive", key="doc:eo-1")])  # fmt: skip
    assert dated.startswith("dates differ: 2025-01-20 (a) vs 2025-02-10 (b)")


SOURCES = [CURATED, RECORDS / "fr_2025-02004_eo14157.json", RECORDS / "fr_search_fto_notices.json",
           RECORDS / "fto_list.html", DOCS / "executive_order.md", DOCS / "article.html"]  # fmt: skip


def snapshot(store: Store):
    df = store.load_events()
    return sorted(
        zip(df["event_id"], df["date"], df["event_type"], df["source_count"], strict=True)
    )


def test_ingesting_sources_in_any_order_gives_the_same_events_and_ids(tmp_path: Path):
    snapshots = []
    for n, order in enumerate([SOURCES, list(reversed(SOURCES)), SOURCES[2:] + SOURCES[:2]]):
        store = Store(f"sqlite:///{tmp_path / f'order{n}.db'}")
        for path in order:
            ingest_paths([path], store)
        snapshots.append(snapshot(store))
        store.close()
    assert snapshots[0] == snapshots[1] == snapshots[2]


def test_one_event_per_real_world_event_across_record_list_act_and_curated(store: Store):
    ingest_paths(SOURCES, store)
    df = store.load_events()
    feb = df[
        (df["date"] == "2025-02-20")
        & (df["event_type"] == "designation")
        & (df["subtype"] == "fto")
    ]
    assert len(feb) == 1 and feb.iloc[0]["source_count"] == 3  # curated, FR notice, FTO list
    assert feb.iloc[0]["source_url"].startswith(
        "https://www.federalregister.gov/"
    )  # a record speaks first
    eo = df[(df["date"] == "2025-01-20") & (df["event_type"] == "directive")]
    assert len(eo) == 1 and eo.iloc[0]["source_count"] == 3  # curated, FR, White House text
    sources = store.sources_for(eo.iloc[0]["event_id"])
    assert {s["source_date"] for s in sources} == {"2025-01-20"}
    assert {s["adapter"] for s in sources} == {"csv", "federal_register", "markdown"}
    maduro = df[(df["date"] == "2025-08-07") & (df["event_type"] == "bounty")]
    assert len(maduro) == 1 and maduro.iloc[0]["source_count"] == 2  # curated and the HTML article


def test_a_reward_reported_with_another_amount_is_flagged(store: Store, tmp_path: Path):
    (tmp_path / "other.csv").write_text(
        "date,event_type,title,targets,amount,source_title,source_url\n"
        "2025-08-07,bounty,Reward raised,Nicolas Maduro,25000000,Other outlet,https://other.example/r\n"
    )
    ingest_paths([CURATED, tmp_path / "other.csv"], store)
    df = store.load_events()
    row = df[(df["date"] == "2025-08-07") & (df["event_type"] == "bounty")].iloc[0]
    assert row["source_count"] == 2 and row["conflict"].startswith("amounts differ: $25M")
    assert row["amount"] == 50_000_000  # the curated row outranks the other outlet


def test_reingesting_merged_sources_changes_nothing(store: Store):
    ingest_paths(SOURCES, store)
    before = snapshot(store)
    again = ingest_paths(SOURCES, store)
    assert again.total("new") == 0 and again.total("updated") == 0
    assert snapshot(store) == before


@pytest.mark.corpus
@pytest.mark.skipif(
    not (SHARED / "corpus" / "whitehouse").is_dir(), reason="needs ../shared/corpus"
)
def test_white_house_corpus_with_watchlist_and_curated_data_gives_each_act_once(store: Store):

    from ingest.watchlist import Watchlist

    summary = ingest_paths(
        [SHARED / "corpus" / "whitehouse", CURATED], store, watchlist=Watchlist.load()
    )
    assert summary.total("outside_watchlist") > 1000  # tariff orders and the like stay out
    df = store.load_events()
    acts = {
        "EO 14157": ("2025-01-20", r"designating cartels and other organizations"),
        "Alien Enemies Act": ("2025-03-14", r"alien enemies act"),
        "fentanyl WMD": ("2025-12-15", r"fentanyl as a weapon of mass destruction"),
        "Venezuelan oil revenue": ("2026-01-09", r"venezuelan oil revenue"),
        "countering cartels": ("2026-03-07", r"countering cartel criminal activity"),
    }
    for name, (day, pattern) in acts.items():
        hits = df[df["title"].str.lower().str.contains(pattern) & (df["event_type"] == "directive")]
        assert len(hits) == 1, (name, hits[["date", "title"]].to_dict("records"))
        assert hits.iloc[0]["date"] == day, name
        assert hits.iloc[0]["source_count"] >= 2, (
            name
        )  # the curated row joined the White House text


def test_reingesting_an_export_of_merged_events_changes_nothing(store: Store, tmp_path: Path):
    from ingest.export import to_csv

    ingest_paths(SOURCES, store)
    before = snapshot(store)
    exported = tmp_path / "export.csv"
    exported.write_text(to_csv(store.load_events()), encoding="utf-8", newline="")
    again = ingest_paths([exported], store)
    assert again.total("new") == 0 and again.total("updated") == 0
    assert snapshot(store) == before
    feb = store.load_events().query("date == '2025-02-20' and subtype == 'fto'").iloc[0]
    assert feb["source_url"].startswith(
        "https://www.federalregister.gov/"
    )  # the record still speaks


def strikes(dates, rank=3, confidence=0.9, target="tren de aragua"):
    from datetime import date as Date

    out = []
    for n, day in enumerate(dates):
        d = Date.fromisoformat(day).toordinal()
        out.append(Report(f"s{n}", "military_action", "strike", day, "day", d, d,
                          frozenset({target}), frozenset(), "", None, rank, confidence,
                          f"outlet {n}", uid=f"s{n}"))  # fmt: skip
    return out


def test_five_strikes_on_five_consecutive_days_stay_five_events():
    days = ["2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-18"]
    groups = cluster(strikes(days))
    assert sorted(len(g) for g in groups) == [1, 1, 1, 1, 1]
    # Any order of the same reports gives the same events.
    for perm in itertools.islice(itertools.permutations(strikes(days)), 0, 120, 7):
        assert sorted(len(g) for g in cluster(list(perm))) == [1, 1, 1, 1, 1]


def groups_of(reports):
    return {frozenset(reports[i].report_id for i in g) for g in cluster(reports)}


def test_a_less_sure_report_within_tolerance_of_two_events_joins_the_closer_one():
    # Two designations of the same group 12 days apart (two acts), each told by a record;
    # a news report dated 3 days after the first and 9 before the second joins the first.
    first = report("fr1", "2025-02-20", targets={"tren de aragua"}, key="doc:fr-1", rank=0)
    second = report("fr2", "2025-03-04", targets={"tren de aragua"}, key="doc:fr-2", rank=0)
    news = report("news", "2025-02-23", targets={"tren de aragua"}, rank=3)
    for order in itertools.permutations([first, second, news]):
        assert groups_of(list(order)) == {frozenset({"fr1", "news"}), frozenset({"fr2"})}


def test_a_report_as_close_to_two_events_is_left_on_its_own():
    a = report("a", "2025-02-20", targets={"tren de aragua"}, key="doc:fr-1", rank=0)
    b = report("b", "2025-02-26", targets={"tren de aragua"}, key="doc:fr-2", rank=0)
    middle = report("m", "2025-02-23", targets={"tren de aragua"}, rank=3)
    assert sorted(len(g) for g in cluster([a, b, middle])) == [1, 1, 1]


def test_a_relative_date_one_day_off_joins_the_explicitly_dated_report_of_the_event():
    explicit, relative = strikes(["2025-09-02", "2025-09-03"])
    relative.confidence = 0.85  # "on Tuesday" resolved against a late publication date
    assert len(cluster([explicit, relative])) == 1


def test_the_stored_events_of_five_daily_strikes_from_five_outlets_stay_five(
    store: Store, tmp_path
):
    path = tmp_path / "strikes.csv"
    rows = [f"2025-10-{14 + n},military_action,Strike on a vessel,Tren de Aragua,"
            f"Outlet {n},https://outlet{n}.example/strike" for n in range(5)]  # fmt: skip
    path.write_text("date,event_type,title,targets,source_title,source_url\n" + "\n".join(rows))
    for n in range(5):  # each outlet in its own file, as they arrive
        one = tmp_path / f"outlet{n}.csv"
        one.write_text(path.read_text().splitlines()[0] + "\n" + rows[n] + "\n")
        ingest_paths([one], store)
    df = store.load_events()
    assert len(df) == 5 and set(df["source_count"]) == {1}
