"""Scoring the extractor against the labeled evaluation set (used by a test and a bench)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.extract.documents import parse_published
from ingest.extract.events import Document, Extractor
from ingest.schema import Event

EVAL_SET = Path(__file__).parent / "fixtures" / "extraction" / "eval_set.yaml"


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_eval_set(path: Path = EVAL_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def matches(gold: dict, event: Event) -> bool:
    """Same date at the same precision, same type, every gold target found, same amount."""
    if str(gold["date"]) != event.date or gold["type"] != event.event_type:
        return False
    if not set(gold.get("targets") or []) <= set(event.targets):
        return False
    return gold.get("amount") is None or float(gold["amount"]) == event.amount


def document(case: dict) -> Document:
    return Document(
        case["text"],
        title=case["id"],
        published=parse_published(case.get("published")),
        file=case["id"],
    )


def score(
    extract: Callable[[Document], list[Event]] | None = None, cases: list[dict] | None = None
) -> Score:
    extract = extract or Extractor().extract
    result = Score()
    for case in cases or load_eval_set():
        predicted = extract(document(case))
        gold = case.get("events") or []
        result.predicted += len(predicted)
        result.gold += len(gold)
        used: set[int] = set()
        for g in gold:
            hit = next(
                (i for i, e in enumerate(predicted) if i not in used and matches(g, e)), None
            )
            if hit is None:
                result.misses.append(f"{case['id']}: {g}")
            else:
                used.add(hit)
                result.true_positives += 1
        for i, e in enumerate(predicted):
            if i not in used:
                result.false_alarms.append(
                    f"{case['id']}: {e.date} {e.event_type} {e.targets} | {e.evidence[:90]}"
                )
    return result
