"""Extraction throughput and quality against a naive baseline, side by side in one run.

The baseline uses the same trigger rules, gazetteer and amounts, but takes its dates from
``dateparser.search.search_dates(sentence, languages=[language])`` on every sentence (ours
reads every sentence too), as one would without a candidate-phrase pass. The two run in
turn, ``--repeat`` pairs.

    python -m bench.extract_throughput ../shared/corpus/whitehouse [--sample 300] [--repeat 5]
        [--ingest] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from bench.report import machine, publish
from ingest.extract.dates import DateMention, DateResolver
from ingest.extract.events import Document, Extractor
from ingest.schema import PartialDate
from ingest.sources import markdown_document
from tests.extraction_eval import EVAL_SET, load_eval_set, score

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = EVAL_SET.with_name("holdout_set.yaml")


class NaiveResolver(DateResolver):
    """Dates from dateparser's search_dates over every sentence (in the document's
    language), as our resolver also reads every sentence (anaphora need the dates of
    event-less ones)."""

    def find(self, sentence: str) -> list[DateMention]:
        from dateparser.search import search_dates

        settings: dict[str, object] = {}
        if self.published:
            settings["RELATIVE_BASE"] = datetime(
                self.published.year, self.published.month, self.published.day
            )
        found = search_dates(sentence, languages=[self.language], settings=settings) or []
        mentions = []
        for phrase, when in found:
            start = max(sentence.find(phrase), 0)
            try:
                value = PartialDate.from_date(when.date())
            except ValueError:  # "8 U.S.C. 1189" read as the year 1189
                continue
            mentions.append(DateMention(phrase, start, start + len(phrase), "absolute", value))
            self.anchor = value
        return mentions


_TEMPLATES = [
    "On {weekday}, the {agency} designated {org} as a Foreign Terrorist Organization.",
    "The {agency} sanctioned three financiers linked to {org} on {absdate}.",
    "{Ago}, U.S. forces struck a vessel linked to {org} in the Caribbean, killing {n} people.",
    "The reward for {person} was raised to ${m} million on {absdate}, officials said.",
    "Two days later, a federal grand jury indicted {n} members of {org}.",
    "Analysts said the military could strike {org} targets if talks fail.",
    "The figure of ${m} million was disputed under Section {n} of the act, within {n} days.",
    "El {dia}, el Departamento del Tesoro sancionó a {n} operadores del {org}.",
    "La semana pasada, Estados Unidos ofreció una recompensa de {m} millones de dólares por {person}.",
    "The president spoke about trade and the economy for {n} minutes on {weekday}.",
]
_FILL = {
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "dia": ["lunes", "martes", "miércoles", "jueves", "viernes"],
    "agency": ["State Department", "Treasury Department", "Justice Department"],
    "org": [
        "Tren de Aragua",
        "Sinaloa Cartel",
        "CJNG",
        "Cartel de los Soles",
        "Barrio 18",
        "Clan del Golfo",
    ],
    "person": ["Nicolas Maduro", "Diosdado Cabello", "El Mencho"],
    "absdate": ["Feb. 20, 2025", "March 3", "20 February 2025", "2025-07-17", "09/15/2025"],
    "Ago": ["Yesterday", "Last week", "Earlier this year", "Today"],
}


def synthetic_documents(count: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(count):
        sentences = []
        for template in rng.sample(_TEMPLATES, 6):
            values = {k: rng.choice(v) for k, v in _FILL.items()}
            values.update(n=rng.randint(2, 400), m=rng.choice([5, 10, 15, 25, 50]))
            sentences.append(template.format(**values))
        published = date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + rng.randint(0, 364))
        docs.append(
            Document(
                " ".join(sentences), title=f"synthetic {i}", published=published, file=f"syn{i}"
            )
        )
    return docs


def _size(docs: list[Document]) -> int:
    return sum(len(d.text.encode("utf-8")) for d in docs)


def throughput(extractor: Extractor, docs: list[Document], repeat: int) -> tuple[float, int]:
    """Median KB/s over ``repeat`` runs, and the events of the last run."""
    rates, events = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        events = sum(len(extractor.extract(d)) for d in docs)
        rates.append(_size(docs) / 1024 / (time.perf_counter() - start))
    return statistics.median(rates), events


def paired(
    ours: Extractor, naive: Extractor, docs: list[Document], repeat: int
) -> tuple[float, float, float]:
    """Median KB/s of each extractor and the median of the per-pair ratios, the two run in
    turn ``repeat`` times: a machine that slows down or speeds up during the run weighs on
    both sides of each pair alike (runs of one after all runs of the other did not)."""
    ours_rates, naive_rates, ratios = [], [], []
    for _ in range(repeat):
        mine, _ = throughput(ours, docs, 1)
        theirs, _ = throughput(naive, docs, 1)
        ours_rates.append(mine)
        naive_rates.append(theirs)
        ratios.append(mine / theirs)
    return statistics.median(ours_rates), statistics.median(naive_rates), statistics.median(ratios)


def ingest_seconds(corpus: Path) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-m",
            "ingest.cli",
            "ingest",
            str(corpus),
            "-q",
            "--db",
            f"sqlite:///{tmp}/b.db",
        ]
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        return time.perf_counter() - start, out.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, help="path to ../shared/corpus/whitehouse")
    ap.add_argument("--sample", type=int, default=300, help="corpus documents both extractors read")
    ap.add_argument("--synthetic", type=int, default=400, help="synthetic news documents")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--ingest", action="store_true", help="also time `policy-timeline ingest CORPUS`"
    )
    ap.add_argument("--write", type=Path, help="replace the extract section of this Markdown file")
    args = ap.parse_args()

    ours, naive = Extractor(), Extractor(resolver=NaiveResolver)
    corpus = [markdown_document.load(p)[0] for p in sorted(args.corpus.rglob("*.md"))]
    step = max(1, len(corpus) // args.sample)
    sample = corpus[::step][: args.sample]
    synthetic = synthetic_documents(args.synthetic)

    rows = []
    full_rate, full_events = throughput(ours, corpus, 1)
    rows.append(("White House corpus, all", len(corpus), _size(corpus), full_rate, None, None))
    for label, docs in (
        (f"White House corpus, sample of {len(sample)}", sample),
        (f"synthetic news, {len(synthetic)} docs", synthetic),
    ):
        ours_rate, naive_rate, ratio = paired(ours, naive, docs, args.repeat)
        rows.append((label, len(docs), _size(docs), ours_rate, naive_rate, ratio))
    quality = {name: score(ex.extract) for name, ex in (("ours", ours), ("naive", naive))}
    holdout = {
        name: score(ex.extract, load_eval_set(HOLDOUT))
        for name, ex in (("ours", ours), ("naive", naive))
    }

    lines = [
        f"Machine: {machine()}; {datetime.now():%Y-%m-%d}. Ours and the baseline run in turn "
        f"{args.repeat} times; rates are medians, the ratio the median of the {args.repeat} "
        "pairs' ratios (the full corpus: 1 run).",
        "",
        "| corpus | docs | MB | ours KB/s | naive baseline KB/s | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for label, n, size, rate, base, pair_ratio in rows:
        ratio = f"{pair_ratio:.1f}x" if pair_ratio else "—"
        lines.append(
            f"| {label} | {n} | {size / 1048576:.1f} | {rate:,.0f} | {f'{base:,.0f}' if base else '—'} | {ratio} |"
        )
    lines += [
        "",
        f"Events found in the full corpus: {full_events}.",
        "",
        "| evaluation set | extractor | precision | recall | F1 |",
        "|---|---|---|---|---|",
    ]
    for set_name, results in (
        ("eval_set.yaml (46 docs, rules tuned on it)", quality),
        ("holdout_set.yaml (14 docs, never tuned on)", holdout),
    ):
        for name, s in results.items():
            lines.append(
                f"| {set_name} | {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"
            )
    if args.ingest:
        seconds, summary = ingest_seconds(args.corpus)
        lines += [
            "",
            f"`policy-timeline ingest {args.corpus}` into a new SQLite file: {seconds:.1f} s ({summary}).",
        ]
    publish(lines, "extract", args.write)


if __name__ == "__main__":
    main()
