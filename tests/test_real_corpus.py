"""The corpus of real published text that measures extraction: its provenance, its split,
its frozen held-out part, and the quality the extractor must keep on its development part
(docs/extraction-labelling.md)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ingest.extract.gazetteer import load_gazetteer
from ingest.schema import EVENT_TYPES, PartialDate
from tests.extraction_eval import (
    REAL,
    fingerprint,
    frozen_groups,
    frozen_manifest,
    load_batch,
    load_real,
    score,
    split_of,
)


def test_the_corpus_is_real_varied_text_in_both_languages_news_and_government():
    cases = load_real()
    assert len(cases) >= 80
    publishers = Counter(c["publisher"] for c in cases)
    assert len(publishers) >= 15 and max(publishers.values()) <= len(cases) // 10
    assert {c["lang"] for c in cases} == {"en", "es"}
    assert {c["kind"] for c in cases} == {"news", "government"}
    for case in cases:
        assert case["url"].startswith(("http://", "https://")), case["id"]
        assert isinstance(case["published"], date), case["id"]
        assert 60 <= len(case["text"].split()) <= 320, case["id"]


def test_each_document_is_in_the_split_its_id_gives():
    for case in load_real():
        assert case["split"] == split_of(case["id"]), case["id"]
    ids = [c["id"] for c in load_real()]
    assert len(ids) == len(set(ids))


def test_the_held_out_documents_are_frozen():
    frozen = frozen_manifest()
    now = {c["id"]: fingerprint(c) for c in load_real("heldout")}
    assert now == frozen, "a held-out document was added, removed or edited after the freeze"
    assert len(frozen) >= len(load_real()) // 4


def test_a_batch_is_read_alone_for_its_first_score():
    batches = sorted(p.name for p in REAL.glob("*.yaml"))
    dev = [c["id"] for name in batches for c in load_batch(name)]
    assert sorted(dev) == sorted(c["id"] for c in load_real("dev"))
    with pytest.raises(FileNotFoundError, match="one of: "):
        load_batch("../real/nope.yaml")


def test_every_held_out_document_is_in_one_frozen_group():
    groups = frozen_groups()
    ids = [i for members in groups.values() for i in members]
    assert len(ids) == len(set(ids)) and set(ids) == set(frozen_manifest())
    assert len(groups) >= 2  # the first freeze and the batches frozen after it


def test_gold_events_use_the_schema_types_real_dates_and_gazetteer_names():
    names = {e.name for e in load_gazetteer().entities.values()}
    for case in load_real():
        for gold in case.get("events") or []:
            assert gold["type"] in EVENT_TYPES, case["id"]
            for day in [gold["date"], *(gold.get("alt_dates") or [])]:
                PartialDate.parse(str(day))
            assert set(gold.get("targets") or []) <= names, case["id"]


def test_scoring_counts_an_alternative_date_of_an_act_as_right():
    from ingest.schema import Event

    gold = {"date": "2025-02-19", "alt_dates": ["2025-02-20"], "type": "designation"}
    case = {
        "id": "x",
        "text": "x",
        "published": date(2025, 2, 21),
        "events": [gold],
        "split": "dev",
    }
    event = Event(date="2025-02-20", event_type="designation", title="x")
    result = score(lambda _doc: [event], [case])
    assert result.true_positives == 1 and result.precision == result.recall == 1.0


def test_the_development_part_is_read_with_precision_090_and_recall_080():
    result = score(cases=load_real("dev"))
    assert result.precision >= 0.90, f"precision {result.precision:.3f}: {result.false_alarms}"
    assert result.recall >= 0.80, f"recall {result.recall:.3f}: {result.misses}"
