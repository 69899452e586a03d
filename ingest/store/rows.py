"""Conversions between events, report rows, merge reports and event rows."""

from __future__ import annotations

import json
from datetime import date as Date
from typing import Any

from ..merge import Report, authority_rank, conflicts, strong_names, title_tokens
from ..schema import LIST_COLUMNS, Event, fold


def report_row(event: Event, now: str) -> dict[str, Any]:
    """The ``event_sources`` row of one source's report."""
    row = event.row()
    return {
        "event_id": event.event_id,
        "report_id": event.event_id,
        "source_key": event.source_key(),
        "adapter": event.adapter,
        "file": event.file,
        "event_type": event.event_type,
        "subtype": event.subtype,
        "title": event.title,
        "actors": json.dumps(list(event.actors), ensure_ascii=False),
        "targets": json.dumps(list(event.targets), ensure_ascii=False),
        "amount": event.amount,
        "currency": event.currency,
        "source_title": event.source_title,
        "source_url": event.source_url,
        "source_published": event.source_published,
        "source_date": row["date"],
        "date_precision": row["date_precision"],
        "date_start": row["date_start"],
        "date_end": row["date_end"],
        "evidence": event.evidence,
        "confidence": event.confidence,
        # Only document numbers ("doc:eo-14157") join reports whatever their dates; a
        # title key tells same-day acts apart but recurs every year for annual notices.
        "doc_key": event.key if event.key.startswith("doc:") else "",
        "rank": authority_rank(event.adapter, event.source_url, event.confidence),
        "first_seen": now,
    }


def report_words(row: dict[str, Any]) -> frozenset[str]:
    """The title words the merger compares. A news report's words are its whole sentence,
    not only the shortened title."""
    if row["rank"] == 3:
        return title_tokens(f"{row['title'] or ''} {row['evidence'] or ''}")
    return title_tokens(row["title"] or "")


def as_report(row: dict[str, Any]) -> Report:
    """What the merger needs of a stored report row."""
    targets = strong_names(json.loads(row["targets"] or "[]"))
    return Report(
        report_id=row["report_id"],
        event_type=row["event_type"],
        subtype=row["subtype"] or "",
        date=row["source_date"],
        precision=row["date_precision"],
        start=Date.fromisoformat(row["date_start"]).toordinal(),
        end=Date.fromisoformat(row["date_end"]).toordinal(),
        targets=frozenset(fold(t) for t in targets),
        title=report_words(row),
        key=row["doc_key"] or "",
        amount=row["amount"],
        rank=row["rank"] if row["rank"] is not None else 3,
        confidence=row["confidence"] if row["confidence"] is not None else 1.0,
        source=row["source_title"] or row["source_url"] or row["file"] or "",
        uid=f"{row['report_id']}|{row['source_key']}",
        subjects=frozenset(fold(t) for t in json.loads(row["targets"] or "[]"))
        - {fold(t) for t in targets},
        payload=row,
    )


def event_row(members: list[Report], now: str) -> dict[str, Any]:
    """The merged event: the most authoritative report speaks for it; the lists gather
    every source's names; counts and first sight cover all of them."""
    top = members[0].payload
    assert isinstance(top, dict)
    rows: list[dict[str, Any]] = [m.payload for m in members]  # type: ignore[misc]
    names: dict[str, list[str]] = {"actors": [], "targets": []}
    for row in rows:
        for column, bucket in names.items():
            seen = {fold(n) for n in bucket}
            for name in json.loads(row[column] or "[]"):
                if fold(name) not in seen:
                    seen.add(fold(name))
                    bucket.append(name)
    amount = top["amount"]
    if amount is None:
        amount = next((r["amount"] for r in rows if r["amount"] is not None), None)
    return {
        "event_id": top["report_id"],
        "date": top["source_date"],
        "date_precision": top["date_precision"],
        "date_start": top["date_start"],
        "date_end": top["date_end"],
        "event_type": top["event_type"],
        "subtype": top["subtype"],
        "title": top["title"],
        "actors": json.dumps(names["actors"], ensure_ascii=False),
        "targets": json.dumps(names["targets"], ensure_ascii=False),
        "amount": amount,
        "currency": top["currency"] or next((r["currency"] for r in rows if r["currency"]), ""),
        "evidence": top["evidence"],
        "source_title": top["source_title"],
        "source_url": top["source_url"],
        "source_published": top["source_published"],
        "source_count": len({r["source_key"] for r in rows}),
        "confidence": max(float(r["confidence"] or 0) for r in rows),
        "first_seen": min(r["first_seen"] for r in rows),
        "conflict": conflicts(members),
        "primary_source": top["source_key"],
        "updated_at": now,
    }


def is_export_of(event: Event, shown: dict[str, Any] | None) -> bool:
    """True when ``event`` is the merged event as the store shows it (a row of an export
    read back): nothing new to learn from it."""
    if shown is None:
        return False
    if event.review_status in ("confirmed", "edited", "rejected"):
        # A row of an export names its review: it shows this store's event as analysts
        # corrected it, so its values are the edit layer's, never a source's new word.
        return True
    row = event.row()
    for name in LIST_COLUMNS:
        if name in row:
            row[name] = json.dumps(row[name], ensure_ascii=False)
    return all(shown.get(k) == v for k, v in row.items() if k != "confidence") and (
        abs(float(shown.get("confidence") or 0) - event.confidence) < 1e-9
    )


def entity_rows(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``event_entities`` rows of a merged event row."""
    rows, seen = [], set()
    for role, column in (("actor", "actors"), ("target", "targets")):
        for name in json.loads(event[column]):
            if (role, name) not in seen:
                seen.add((role, name))
                rows.append({"event_id": event["event_id"], "role": role, "entity": name,
                             "entity_folded": fold(name)})  # fmt: skip
    return rows
