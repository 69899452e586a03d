"""``policy-timeline extract --explain``: for each event, the words that made it, the date
and the rule that gave it, and where each target came from; then every mention that was
not an event, with the reason. Plain text for a terminal, or data for --format json."""

from __future__ import annotations

from typing import Any

from ..schema import Event
from .events import Explanation
from .frames import Frame
from .mentions import Mention


def _quote(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def event_record(event: Event, frame: Frame | None, explanation: Explanation) -> dict[str, Any]:
    """What explains one event, as data."""
    fields = {
        "event": _summary(event),
        "event_type": event.event_type,
        "date": event.date,
        "targets": list(event.targets),
        "amount": event.amount,
        "title": event.title,
    }
    if frame is None:
        return {
            **fields,
            "trigger": "the document itself is the act (its opening words and signing line)",
            "date_rule": "the act's signing line, else its publication date",
            "target_rules": [
                f"{t}: named in the title or the opening of the act" for t in event.targets
            ],
            "mentions": [],
        }
    lead = frame.lead
    return {
        **fields,
        "trigger": f"{lead.trigger.text!r} ({lead.form}), {lead.where}",
        "date_rule": frame.date_rule,
        "target_rules": list(frame.target_rules) or ["none found"],
        "mentions": [
            f"{m.where}: {m.trigger.text!r} ({m.form}) — {_quote(m.sentence.text, 90)}"
            for m in frame.mentions
        ],
    }


def not_event_record(mention: Mention, reason: str) -> dict[str, Any]:
    return {
        "where": mention.where,
        "trigger": mention.trigger.text,
        "type": mention.event_type,
        "reason": reason,
        "sentence": _quote(mention.sentence.text),
    }


def _summary(event: Event) -> str:
    who = "; ".join(event.targets) or "no target"
    amount = f", ${event.amount:,.0f}" if event.amount else ""
    return f"{event.date} {event.event_type} — {who}{amount}"


def as_data(explanation: Explanation) -> dict[str, Any]:
    reading = explanation.reading
    return {
        "reference_date": reading.reference.isoformat() if reading.reference else None,
        "reference_rule": reading.reference_rule,
        "language": reading.language,
        "events": [event_record(e, f, explanation) for e, f in explanation.events],
        "not_events": [not_event_record(m, r) for m, r in explanation.not_events],
    }


def as_text(explanation: Explanation, name: str) -> str:
    data = as_data(explanation)
    lines = [
        f"{name}: {len(data['events'])} event(s); relative dates count from "
        f"{data['reference_date'] or 'nothing'} ({data['reference_rule']}); "
        f"language {data['language']}",
    ]
    for n, record in enumerate(data["events"], start=1):
        lines += [
            "",
            f"{n}. {record['event']}",
            f"   trigger: {record['trigger']}",
            f"   date:    {record['date']} — {record['date_rule']}",
        ]
        lines += [f"   target:  {t}" for t in record["target_rules"]] or ["   target:  none"]
        if len(record["mentions"]) > 1:
            lines.append("   told in:")
            lines += [f"     {m}" for m in record["mentions"]]
    if data["not_events"]:
        lines += ["", "Not events:"]
        lines += [
            f"  {r['where']}: {r['trigger']!r} ({r['type']}) — {r['reason']}: {r['sentence']}"
            for r in data["not_events"]
        ]
    return "\n".join(lines) + "\n"
