"""The White House corpus (../shared/corpus/whitehouse, real documents) read as an analyst
would write its events: titles that are whole statements, delegations of authority that are
not designations, commemorations that are orders against no one, one event per memorandum,
agencies never targets. Skipped when the shared corpus is absent."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from ingest.extract.gazetteer import load_gazetteer
from ingest.schema import EVENT_TYPE_LABELS, Event, PartialDate
from ingest.sources import markdown_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "whitehouse"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/whitehouse"),
]
# The documents an analyst of this subject reads: about cartels, Venezuela, designations.
SUBJECT = re.compile(
    r"cartel|Venezuela|Tren de Aragua|terrorist organization|Maduro|narco|MS-13|fentanyl", re.I
)
A_STATEMENT = re.compile(r"[A-Z\"“'«]|\$\d|\d[\d,.]*(?:st|nd|rd|th)?\s+[A-Za-z]")


def read(path: Path) -> list[Event]:
    return [e for e in markdown_document.parse(path) if isinstance(e, Event)]


@lru_cache(maxsize=1)
def subject_events() -> list[tuple[Path, Event]]:
    found = []
    for path in sorted(CORPUS.rglob("*.md")):
        if path.name != "README.md" and SUBJECT.search(path.read_text(encoding="utf-8")):
            found += [(path, e) for e in read(path)]
    return found


def test_every_event_title_is_a_whole_statement():
    fallbacks = tuple(f"{label}:" for label in EVENT_TYPE_LABELS.values())
    events = subject_events()
    assert len(events) > 100
    for path, event in events:
        title = event.title
        assert A_STATEMENT.match(title), (path.name, title)
        assert not title.startswith(fallbacks), (path.name, title)
        assert title.count("(") >= title.count(")"), (path.name, title)


def test_delegations_of_authority_are_not_designations():
    delegations = [p for p in CORPUS.rglob("*delegation*.md")]
    assert len(delegations) > 20
    for path in delegations:
        assert not [e for e in read(path) if e.event_type == "designation"], path.name


def test_a_commemorative_proclamation_is_an_order_against_no_one():
    proclamations = sorted(CORPUS.glob("presidential-actions/*/*proclamation-on-*-month-*.md"))
    assert len(proclamations) > 20
    for path in proclamations:
        for event in read(path):
            if event.confidence == 1.0:  # the proclamation itself
                assert event.targets == (), (path.name, event.targets)


def test_a_memorandum_is_one_event_not_one_at_the_month_and_one_at_the_day():
    memoranda = sorted(CORPUS.glob("presidential-actions/*/*memorandum*.md"))
    assert len(memoranda) > 50
    for path in memoranda:
        acts = [e for e in read(path) if e.event_type == "directive" and e.subtype == "memorandum"]
        days = {PartialDate.parse(e.date) for e in acts}
        for coarse in days:
            inside = [d for d in days if d != coarse and coarse.start <= d.start <= coarse.end]
            assert not (coarse.precision != "day" and inside), (
                path.name,
                sorted(d.iso for d in days),
            )


def test_agencies_are_never_targets():
    agencies = {e.name for e in load_gazetteer().entities.values() if e.kind == "agency"}
    assert agencies
    for path, event in subject_events():
        assert not set(event.targets) & agencies, (path.name, event.targets)


def test_the_designation_of_cartels_as_terrorist_organizations_reads_as_written():
    path = next(CORPUS.glob("presidential-actions/2025-01/2025-01-20-designating-cartels*.md"))
    (act,) = [e for e in read(path) if e.confidence == 1.0]
    assert act.title.startswith("Designating Cartels")
    assert (act.date, act.event_type) == ("2025-01-20", "directive")
    assert {"Tren de Aragua", "MS-13"} <= set(act.targets)


def test_a_memorandum_a_fact_sheet_reports_stays_apart_from_an_order_of_another_kind():
    # "President Donald J. Trump has signed a Presidential Memorandum terminating ..." and,
    # further down, "President Trump stated in his January 20, 2025 Executive Order on ...":
    # two acts, the memorandum dated by the fact sheet.
    (path,) = CORPUS.rglob("2025-01-22-fact-sheet-president-donald-j-trump-ends-dei-madness*.md")
    assert {e.date for e in read(path) if e.event_type == "directive"} == {
        "2025-01-20",
        "2025-01-22",
    }


def test_a_memorandum_designating_countries_as_failing_is_its_own_act_not_an_older_orders():
    # "I hereby designate Bolivia, Burma, and Venezuela as having failed demonstrably ..."
    # is the memorandum's own act; "In 2021, I signed an Executive Order targeting foreign
    # persons engaged in the global illicit drug trade" is not about Venezuela.
    (path,) = CORPUS.rglob("2024-09-15-memorandum-on-the-presidential-determination-on-major*.md")
    older = [e for e in read(path) if e.date == "2021"]
    assert older and all("Venezuela" not in e.targets for e in older)
