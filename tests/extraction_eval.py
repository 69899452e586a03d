"""Scoring the extractor against labelled documents (used by tests and benchmarks).

Two kinds of labelled text: the real published corpus (``real/*.yaml``, split into a
development part and a frozen held-out part; see docs/extraction-labelling.md) and the
sets written for the project (``eval_set.yaml``, ``holdout_set.yaml``), kept as a
regression set only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.extract.documents import parse_published
from ingest.extract.events import Document, Extractor
from ingest.merge import GOVERNMENT_URL
from ingest.schema import Event

EXTRACTION = Path(__file__).parent / "fixtures" / "extraction"
EVAL_SET = EXTRACTION / "eval_set.yaml"
REAL = EXTRACTION / "real"
HELDOUT_MANIFEST = REAL / "HELDOUT.sha256"


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


def load_real(split: str | None = None) -> list[dict]:
    """The real published documents, all or one split ("dev" or "heldout")."""
    return [c for path in sorted(REAL.glob("*.yaml")) for c in load_batch(path.name, split)]


def load_batch(name: str, split: str | None = "dev") -> list[dict]:
    """One batch file's documents, all or of one split ("en_batch5.yaml")."""
    path = REAL / name
    if path.parent != REAL or not path.is_file():
        names = ", ".join(sorted(p.name for p in REAL.glob("*.yaml")))
        raise FileNotFoundError(f"{name} is not a batch file of {REAL}; one of: {names}")
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [c for c in cases if split is None or c["split"] == split]


def split_of(doc_id: str) -> str:
    """The split a document's id puts it in (docs/extraction-labelling.md)."""
    return "heldout" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def fingerprint(case: dict) -> str:
    """A held-out document's content hash, as frozen in HELDOUT.sha256."""
    canonical = json.dumps(case, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _manifest() -> Iterator[tuple[str, str, str]]:
    """(group, id, content hash) of each frozen document of HELDOUT.sha256, in order; the
    group is the label of the last "# group: ..." line above it."""
    label = "all"
    for line in HELDOUT_MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.startswith("# group:"):
            label = line.removeprefix("# group:").strip()
        elif line and not line.startswith("#"):
            digest, doc_id = line.split()
            yield label, doc_id, digest


def frozen_manifest() -> dict[str, str]:
    return {doc_id: digest for _, doc_id, digest in _manifest()}


def frozen_groups() -> dict[str, list[str]]:
    """The held-out ids by the group they were frozen with, in order: how the rules read
    text added after they were tuned."""
    groups: dict[str, list[str]] = {}
    for label, doc_id, _ in _manifest():
        groups.setdefault(label, []).append(doc_id)
    return groups


def gold_dates(gold: dict) -> set[str]:
    return {str(gold["date"]), *(str(d) for d in gold.get("alt_dates") or [])}


def matches(gold: dict, event: Event) -> bool:
    """Same type; the date (at its precision) is the gold date or one of its alternatives;
    every gold target found; the same amount where the gold has one."""
    if event.date not in gold_dates(gold) or gold["type"] != event.event_type:
        return False
    if not set(gold.get("targets") or []) <= set(event.targets):
        return False
    return gold.get("amount") is None or float(gold["amount"]) == event.amount


def document(case: dict) -> Document:
    return Document(
        case["text"],
        title=case.get("title") or ("" if "split" in case else case["id"]),
        government=bool(GOVERNMENT_URL.match(case.get("url") or "")),
        url=case.get("url") or "",
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
