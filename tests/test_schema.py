from datetime import date

import pytest

from ingest.schema import (
    COLUMNS,
    EVENT_TYPES,
    Event,
    PartialDate,
    ValidationError,
    fold,
    split_list,
    validate,
)


def test_export_columns_are_the_contract_in_order():
    assert COLUMNS[:19] == (
        "event_id",
        "date",
        "date_precision",
        "date_start",
        "date_end",
        "event_type",
        "subtype",
        "title",
        "actors",
        "targets",
        "amount",
        "currency",
        "evidence",
        "source_title",
        "source_url",
        "source_published",
        "source_count",
        "confidence",
        "first_seen",
    )


def test_event_types_are_the_allowed_list():
    assert set(EVENT_TYPES) == {
        "designation",
        "delisting",
        "bounty",
        "directive",
        "sanction",
        "military_action",
        "deployment",
        "legal",
        "diplomatic",
        "statement",
        "other",
    }


@pytest.mark.parametrize(
    ("text", "iso", "precision", "start", "end"),
    [
        ("2025-08-07", "2025-08-07", "day", date(2025, 8, 7), date(2025, 8, 7)),
        ("2020-03", "2020-03", "month", date(2020, 3, 1), date(2020, 3, 31)),
        ("2024-02", "2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("1997", "1997", "year", date(1997, 1, 1), date(1997, 12, 31)),
        ("2025-01-20T21:07:53-05:00", "2025-01-20", "day", date(2025, 1, 20), date(2025, 1, 20)),
    ],
)
def test_partial_date_covers_its_whole_period(text, iso, precision, start, end):
    d = PartialDate.parse(text)
    assert (d.iso, d.precision, d.start, d.end) == (iso, precision, start, end)


@pytest.mark.parametrize("text", ["2025-13-01", "2025-02-30", "08/07/2025", "yesterday", "", "25"])
def test_partial_date_rejects_non_iso_or_impossible_dates(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_event_id_is_deterministic_and_ignores_target_order_and_case():
    a = Event("2025-02-20", "designation", "x", subtype="fto", targets=("Tren de Aragua", "MS-13"))
    b = Event(
        "2025-02-20",
        "designation",
        "other words",
        subtype="FTO",
        targets=("ms-13", "TREN DE ARAGUA"),
    )
    assert validate(a).event_id == validate(b).event_id
    assert validate(a).event_id.startswith("ev_")


def test_event_id_differs_by_date_type_and_targets():
    base = validate(Event("2025-02-20", "designation", "x", targets=("A",))).event_id
    assert validate(Event("2025-02-21", "designation", "x", targets=("A",))).event_id != base
    assert validate(Event("2025-02-20", "sanction", "x", targets=("A",))).event_id != base
    assert validate(Event("2025-02-20", "designation", "x", targets=("B",))).event_id != base


def test_events_without_targets_are_told_apart_by_key_or_title():
    one = validate(Event("2025-01-20", "directive", "Order one")).event_id
    two = validate(Event("2025-01-20", "directive", "Order two")).event_id
    assert one != two
    keyed = validate(Event("2025-01-20", "directive", "Order one", key="EO 14157")).event_id
    assert keyed == validate(Event("2025-01-20", "directive", "Retitled", key="eo 14157")).event_id


def test_given_event_id_is_kept():
    assert validate(Event("2025-01-01", "other", "x", event_id="ev_custom")).event_id == "ev_custom"


@pytest.mark.parametrize(
    ("event", "field"),
    [
        (Event("2025-01-01", "bombing", "x"), "event_type"),
        (Event("2025-99-01", "other", "x"), "date"),
        (Event("2025-01-01", "other", "  "), "title"),
        (Event("2025-01-01", "other", "x", confidence=1.5), "confidence"),
        (Event("2025-01-01", "other", "x", date_precision="month"), "date_precision"),
        (Event("2025-01-01", "bounty", "x", amount=-5), "amount"),
        (Event("2025-01-01", "bounty", "x", amount=5, currency="dollars"), "currency"),
        (Event("2025-01-01", "other", "x", source_published="last week"), "source_published"),
    ],
)
def test_validate_names_the_bad_field(event, field):
    with pytest.raises(ValidationError) as info:
        validate(event)
    assert info.value.field == field


def test_validate_normalizes_fields():
    e = validate(
        Event(
            "2025-08",
            "bounty",
            "  Reward   raised ",
            subtype="Executive Order",
            targets=("Nicolas Maduro", "nicolás maduro", ""),
            amount=5e7,
        )
    )
    assert e.date_precision == "month"
    assert e.title == "Reward raised"
    assert e.subtype == "executive_order"
    assert e.targets == ("Nicolas Maduro",)
    assert e.currency == "USD"


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  Nicolás   MADURO ") == "nicolas maduro"
    assert split_list("A; b ;; a") == ("A", "b")
