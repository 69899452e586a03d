"""The effective event: what the merge of its reports says, with the analysts' edits on
top, its review status, and why it needs a person (the review queue). Pure functions:
the store calls ``effective`` every time it recomputes an event (``store.writer``), so a
re-ingest, a fetch or a re-merge applies the edits again and can never undo them.

An edit of a field holds until a later edit of that field (the latest wins; ``reverts``
gives the field back to its sources). A source that arrives after an edit and disagrees
with it does not change the event: the disagreement is written in ``conflict`` and puts
the event in the review queue, until an analyst edits that field again or confirms the
event.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..merge import Report
from ..schema import (
    EVENT_TYPE_LABELS,
    EVENT_TYPES,
    MAX_AMOUNT,
    PRECISIONS,
    PartialDate,
    ValidationError,
    fold,
    split_list,
    storable,
)

# Fields an analyst edits, in the order the detail panel shows them.
EDIT_FIELDS: tuple[str, ...] = (
    "event_type", "date", "title", "targets", "actors", "amount", "note", "tags",
)  # fmt: skip
# Edits that correct what the sources say (note and tags only annotate).
CORRECTIONS: tuple[str, ...] = ("event_type", "date", "title", "targets", "actors", "amount")
LIST_FIELDS = ("targets", "actors", "tags")
STATUS = "status"  # new value "confirmed" or "rejected"; reverts: neither any more
SPLIT, MERGE, ADD = "split", "merge", "add"  # structural actions, kept for the audit
# Fields whose later disagreement by a source is a conflict (titles always differ).
WATCHED = ("date", "event_type", "amount", "targets", "actors")
QUEUE_CONFIDENCE = 0.8  # below this an unreviewed event needs a person
NEWS_RANK = 3  # merge.authority_rank of news and machine reading
FIELD_LABELS = {
    "event_type": "type", "date": "date", "title": "title", "targets": "targets",
    "actors": "actors", "amount": "amount", "note": "note", "tags": "tags",
    STATUS: "status", SPLIT: "split", MERGE: "merge", ADD: "added by hand",
}  # fmt: skip
MAX_TITLE, MAX_NOTE, MAX_NAME, MAX_NAMES, MAX_REASON = 500, 5_000, 200, 50, 500


def uid(report_id: str, source_key: str) -> str:
    """A report's unique key, as ``merge.Report.uid`` spells it."""
    return f"{report_id}|{source_key}"


@dataclass(frozen=True)
class Edit:
    """One row of ``review_edits``, its values decoded."""

    id: int
    event_id: str
    anchor: str  # uid of the report the edit follows
    field: str
    old: Any
    new: Any
    reverts: bool  # the field follows its sources again
    editor: str
    at: str
    reason: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Edit:
        return cls(
            id=int(row["id"]),
            event_id=row["event_id"],
            anchor=uid(row["anchor_report"], row["anchor_source"]),
            field=row["field"],
            old=json.loads(row["old_value"]) if row["old_value"] is not None else None,
            new=json.loads(row["new_value"]) if row["new_value"] is not None else None,
            reverts=row["new_value"] is None,
            editor=row["editor"],
            at=row["at"],
            reason=row["reason"] or "",
        )


# --- values ---------------------------------------------------------------------------


def _text(field: str, value: Any, limit: int, required: bool) -> str:
    text = storable(re.sub(r"\s+", " ", str(value or "")).strip())
    if required and not text:
        raise ValidationError(field, "is empty")
    if len(text) > limit:
        raise ValidationError(field, f"has {len(text):,} characters; at most {limit:,}")
    return text


def clean(field: str, value: Any) -> Any:
    """``value`` as the edit layer stores it for ``field``; ValidationError says what is
    wrong with it."""
    if field == "date":
        try:
            return PartialDate.parse(str(value or "")).iso
        except ValueError as exc:
            raise ValidationError("date", str(exc)) from None
    if field == "event_type":
        if value not in EVENT_TYPES:
            raise ValidationError(
                "event_type", f"{value!r} is not one of: {', '.join(EVENT_TYPES)}"
            )
        return value
    if field == "title":
        return _text("title", value, MAX_TITLE, required=True)
    if field == "note":
        note = storable(str(value or "").strip())
        if len(note) > MAX_NOTE:
            raise ValidationError("note", f"has {len(note):,} characters; at most {MAX_NOTE:,}")
        return note
    if field in LIST_FIELDS:
        names = [storable(n) for n in split_list(value or ())]
        if len(names) > MAX_NAMES:
            raise ValidationError(field, f"has {len(names)} names; at most {MAX_NAMES}")
        for name in names:
            if len(name) > MAX_NAME:
                raise ValidationError(
                    field, f"{name[:40]!r}... is longer than {MAX_NAME} characters"
                )
        return names
    if field == "amount":
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            amount = float(str(value).replace(",", "").replace("_", "").strip())
        except ValueError:
            raise ValidationError("amount", f"{value!r} is not a number") from None
        if not math.isfinite(amount) or not 0 <= amount <= MAX_AMOUNT:
            raise ValidationError("amount", f"{value!r} is not an amount from 0 to 10^15")
        return amount
    raise ValidationError(field, f"cannot be edited; fields: {', '.join(EDIT_FIELDS)}")


def with_precision(date_text: str, precision: str | None) -> str:
    """The date an analyst typed, at the precision chosen beside it: '2025-08-07' at
    month precision is '2025-08'."""
    span = PartialDate.parse(clean("date", date_text))
    if not precision or precision == span.precision:
        return span.iso
    if precision not in PRECISIONS:
        raise ValidationError(
            "date_precision", f"{precision!r} is not one of: {', '.join(PRECISIONS)}"
        )
    return PartialDate.from_date(span.start, precision).iso


def field_value(event: Mapping[str, Any], field: str) -> Any:
    """A field of an event (a store row, lists as JSON, or a frame row, lists as lists)
    in the form ``clean`` gives, so that values compare equal when they are."""
    value = event.get(field)
    if field in LIST_FIELDS:
        if isinstance(value, str):
            value = json.loads(value or "[]")
        return list(value or [])
    if field == "amount":
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        try:
            return float(value)
        except (TypeError, ValueError):  # pandas' NA
            return None
    return value if value is not None else ""


def shown(field: str, value: Any) -> str:
    """A value as an analyst reads it in the history and in conflicts."""
    if value is None:
        return "none" if field == "amount" else ""
    if field in LIST_FIELDS:
        return "; ".join(value) if value else "none"
    if field == "event_type":
        return EVENT_TYPE_LABELS.get(value, str(value))
    if field == "amount":
        return f"${value / 1e6:g}M" if value >= 1e6 else f"${value:,.0f}"
    return str(value)


def _set(out: dict[str, Any], field: str, value: Any) -> None:
    if field == "date":
        span = PartialDate.parse(value)
        out.update(
            date=span.iso,
            date_precision=span.precision,
            date_start=span.start.isoformat(),
            date_end=span.end.isoformat(),
        )
    elif field in LIST_FIELDS:
        out[field] = json.dumps(list(value), ensure_ascii=False)
    elif field == "amount":
        out["amount"] = value
        if value is not None and not out.get("currency"):
            out["currency"] = "USD"
    else:
        out[field] = value


# --- the effective event ----------------------------------------------------------------


def latest_edits(edits: Sequence[Edit]) -> dict[str, Edit]:
    """The edit in effect for each field (and the status): the latest by id."""
    latest: dict[str, Edit] = {}
    for edit in sorted(edits, key=lambda e: e.id):
        if edit.field in EDIT_FIELDS or edit.field == STATUS:
            latest[edit.field] = edit
    return latest


def effective(
    row: dict[str, Any], members: Sequence[Report], edits: Sequence[Edit]
) -> dict[str, Any]:
    """The event row the store keeps: ``row`` (merged from ``members``, the event's reports,
    most authoritative first) with ``edits`` (those anchored on any member) applied, its
    review status and review-queue bookkeeping."""
    out = dict(row, note="", tags="[]")
    latest = latest_edits(edits)
    for field in EDIT_FIELDS:
        edit = latest.get(field)
        if edit is not None and not edit.reverts:
            _set(out, field, edit.new)
    status_edit = latest.get(STATUS)
    decided = None if status_edit is None or status_edit.reverts else status_edit.new
    corrected = any(f in latest and not latest[f].reverts for f in CORRECTIONS) or any(
        e.field in (SPLIT, MERGE) for e in edits
    )
    if decided == "rejected":
        status = "rejected"
    elif corrected:
        status = "edited"
    elif decided == "confirmed" or any(e.field == ADD for e in edits):
        status = "confirmed"
    else:
        status = "unreviewed"
    review_times = [e.at for e in edits if e.field not in ("note", "tags")]
    reviewed_at = max(review_times) if review_times else None
    confirmed_at = status_edit.at if decided == "confirmed" and status_edit else ""
    disagreements = later_disagreements(latest, members, confirmed_at)
    out["conflict"] = "; ".join(filter(None, [row.get("conflict") or "", *disagreements]))
    payloads = [m.payload for m in members if isinstance(m.payload, dict)]
    last_source_at = max((p.get("first_seen") or "" for p in payloads), default="") or None
    reasons = queue_reasons(out, status, members, bool(disagreements), reviewed_at, last_source_at)
    out.update(
        review_status=status,
        reviewed_at=reviewed_at,
        last_source_at=last_source_at,
        review_reasons="; ".join(reasons),
        in_queue=int(bool(reasons)),
    )
    return out


def later_disagreements(
    latest: Mapping[str, Edit], members: Sequence[Report], confirmed_at: str = ""
) -> list[str]:
    """What sources that arrived after an edit (and after the last confirmation) say
    against it, one line per field and source."""
    notes = []
    for field in WATCHED:
        edit = latest.get(field)
        if edit is None or edit.reverts:
            continue
        settled = max(edit.at, confirmed_at)
        for member in members:
            payload = member.payload
            if not isinstance(payload, dict) or (payload.get("first_seen") or "") <= settled:
                continue
            said = _disagrees(field, edit, payload)
            if said:
                source = payload.get("source_title") or payload.get("source_url") or "a source"
                notes.append(
                    f"{FIELD_LABELS[field]} corrected to {shown(field, edit.new)} by "
                    f"{edit.editor}, but {source} (arrived later) says {said}"
                )
    return notes


def _disagrees(field: str, edit: Edit, report: Mapping[str, Any]) -> str:
    if field == "date":
        span = PartialDate.parse(edit.new)
        if (
            report["date_start"] > span.end.isoformat()
            or report["date_end"] < span.start.isoformat()
        ):
            return str(report["source_date"])
        return ""
    if field == "event_type":
        return shown(field, report["event_type"]) if report["event_type"] != edit.new else ""
    if field == "amount":
        theirs = report.get("amount")
        if theirs is not None and (edit.new is None or abs(theirs - edit.new) > 1e-6):
            return shown("amount", theirs)
        return ""
    removed = {fold(n) for n in edit.old or []} - {fold(n) for n in edit.new or []}
    named = [n for n in json.loads(report.get(field) or "[]") if fold(n) in removed]
    return "; ".join(named)


def queue_reasons(
    event: Mapping[str, Any],
    status: str,
    members: Sequence[Report],
    disagreed: bool,
    reviewed_at: str | None,
    last_source_at: str | None,
) -> list[str]:
    """Why the event needs a person; empty when it does not."""
    if status == "rejected":
        return []
    if status == "unreviewed":
        reasons = []
        if float(event.get("confidence") or 0) < QUEUE_CONFIDENCE:
            reasons.append("low confidence")
        if int(event.get("source_count") or 0) <= 1 and members and members[0].rank >= NEWS_RANK:
            reasons.append("single news source")
        if event.get("conflict"):
            reasons.append("sources disagree")
        return reasons
    reasons = []
    if disagreed:
        reasons.append("a later source disagrees with a correction")
    if reviewed_at and last_source_at and last_source_at > reviewed_at:
        reasons.append("new source since review")
    return reasons
