"""The edit form's pure functions: what the form shows for an event, which fields a save
sends (only those the analyst changed, cleaned), the date at the precision chosen beside
it, and the name choices (the gazetteer's, the event's own, and a new name typed)."""

from __future__ import annotations

import pytest

from dashboard.review_form import base_values, form_changes, form_values
from dashboard.review_views import name_options
from ingest.schema import ValidationError

EVENT = {
    "event_id": "ev_0000000000000001", "event_type": "bounty", "date": "2025-08-07",
    "date_precision": "day", "title": "US doubles reward for Maduro to $50 million",
    "targets": '["Nicolas Maduro"]', "actors": '["Department of State"]', "amount": 5e7,
    "note": "", "tags": "[]",
}  # fmt: skip


def test_the_form_shows_the_events_values_as_a_person_types_them():
    shown = form_values(EVENT)
    assert shown["amount"] == "50000000" and shown["tags"] == "" and shown["precision"] == "day"
    assert shown["targets"] == ["Nicolas Maduro"]
    assert form_values({**EVENT, "amount": None, "tags": '["a", "b"]'})["amount"] == ""
    assert form_values({**EVENT, "tags": '["a", "b"]'})["tags"] == "a; b"


def test_a_save_sends_only_the_fields_changed_cleaned():
    base = base_values(EVENT)
    untouched = form_changes(base, form_values(EVENT))
    assert untouched == {}
    typed = dict(form_values(EVENT), title="  US doubles   the reward ", amount="50,000,000",
                 tags="rewards;  maduro ", targets=["Nicolas Maduro", "Cartel de los Soles"])  # fmt: skip
    assert form_changes(base, typed) == {
        "title": "US doubles the reward", "tags": ["rewards", "maduro"],
        "targets": ["Nicolas Maduro", "Cartel de los Soles"],
    }  # fmt: skip


def test_the_date_is_saved_at_the_precision_chosen_beside_it():
    base = base_values(EVENT)
    assert form_changes(base, dict(form_values(EVENT), precision="month")) == {"date": "2025-08"}
    assert form_changes(base, dict(form_values(EVENT), date="2025-08-20")) == {"date": "2025-08-20"}


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [("date", " ", "is empty"), ("date", "2025-02-30", "not a real date"),
     ("amount", "lots", "not a number"), ("title", "", "is empty")],
)  # fmt: skip
def test_a_bad_value_names_its_field(field, value, problem):
    with pytest.raises(ValidationError, match=problem) as caught:
        form_changes(base_values(EVENT), dict(form_values(EVENT), **{field: value}))
    assert caught.value.field == field


def test_names_offer_the_events_own_then_the_gazetteers_and_a_new_name_typed():
    names = ["Cartel de los Soles", "Nicolas Maduro", "Tren de Aragua"]
    values = [o["value"] for o in name_options(names, ["Nicolas Maduro"])]
    assert values == ["Nicolas Maduro", "Cartel de los Soles", "Tren de Aragua"]
    typed = name_options(names, ["Nicolas Maduro"], "  Maduro   government ")
    assert typed[0] == {"label": "New name: Maduro government", "value": "Maduro government"}
    assert name_options(names, [], "tren de aragua")[0]["value"] == "Cartel de los Soles"
