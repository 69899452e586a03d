"""The edit form's values, to and from the event: pure functions the callbacks call.

The form shows the event's values (``form_values``) and keeps them as its *base*; on
save, only the fields whose value differs from the base are sent (``form_changes``), so
a form opened before another editor's change never writes back the old value of a field
the analyst did not touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ingest.review.layer import EDIT_FIELDS, clean, field_value, with_precision
from ingest.schema import ValidationError


def base_values(event: Mapping[str, Any]) -> dict[str, Any]:
    """The event's editable values, as the edit layer compares them."""
    return {field: field_value(event, field) for field in EDIT_FIELDS}


def amount_text(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"


def form_values(event: Mapping[str, Any]) -> dict[str, Any]:
    """What each control of the form shows for the event."""
    base = base_values(event)
    return {
        "event_type": base["event_type"],
        "date": base["date"],
        "precision": event.get("date_precision") or "day",
        "title": base["title"],
        "targets": base["targets"],
        "actors": base["actors"],
        "amount": amount_text(base["amount"]),
        "note": base["note"],
        "tags": "; ".join(base["tags"]),
    }


def form_changes(base: Mapping[str, Any], form: Mapping[str, Any]) -> dict[str, Any]:
    """The fields the analyst changed, cleaned; ValidationError names a bad one."""
    date = (form.get("date") or "").strip()
    if not date:
        raise ValidationError("date", "is empty")
    values = {
        "event_type": form.get("event_type"),
        "date": with_precision(date, form.get("precision")),
        "title": form.get("title"),
        "targets": list(form.get("targets") or []),
        "actors": list(form.get("actors") or []),
        "amount": form.get("amount"),
        "note": form.get("note"),
        "tags": form.get("tags"),
    }
    changes = {}
    for field, value in values.items():
        cleaned = clean(field, value)
        if cleaned != base.get(field):
            changes[field] = cleaned
    return changes
