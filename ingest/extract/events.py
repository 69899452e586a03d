"""Sentence-by-sentence event extraction from a document's text.

For each clause: trigger words give the event type; the nearest resolved date mention
dates it (a clause with triggers and no date yields nothing, unless its verb says the
event just happened, e.g. "has issued", which the publication date then dates);
gazetteer entities give actors and targets; money amounts give the amount. Hedged
clauses ("could", "potential", "may") report no event. A document that is itself an act
(executive order, proclamation, memorandum) also yields its own directive event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date as Date

from ..schema import EVENT_TYPE_LABELS, Event, PartialDate, ValidationError, validate
from .acts import detect_act
from .amounts import Amount, find_amounts
from .dates import DateMention, DateResolver
from .gazetteer import EntityMatch, Gazetteer, load_gazetteer
from .lexicon import HEDGE, JUST_HAPPENED, Trigger, find_triggers, subtype_for
from .sentences import split_sentences
from .textnorm import fold_keep_length

# Clause boundaries: "; ", ", and ", ", following ...", and coordinated past-tense verbs
# ("charged Maduro and offered a reward", "acusó a Maduro y ofreció una recompensa").
_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+(?:and|while|whereas|y|mientras)\s+(?=\w)"
    r"|,\s+(?=(?:following|after|before|tras|despu[eé]s\s+de)\s)"
    r"|\s+and\s+(?=[a-z]+ed\s)|\s+y\s+(?=\w+(?:ó|aron|ió|ieron)\s)"
)
_ES_WORDS = re.compile(r"\b(?:el|la|los|las|del|que|por|para|con|una|según|según|fue|sus)\b")
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|that|for|with|was|were|has|by|from)\b")
_AUXILIARY = re.compile(r"\b(?:has|have|ha|han)\b", re.IGNORECASE)  # cf. lexicon.JUST_HAPPENED
_BY_AGENT = re.compile(
    r"\b(?:by|por|seg[uú]n|according to)\s+(?:the\s+|el\s+|la\s+|un\s+\w+\s+del?\s+)?(?:\w+\s+)?$"
)
_LEADING_DATE = re.compile(r"^(?:On|El|La|In|En)?\s*$", re.IGNORECASE)
MAX_TITLE = 160


@dataclass
class Document:
    """One text to extract from, with what is known about where it came from."""

    text: str
    title: str = ""
    url: str = ""
    published: Date | None = None
    file: str = ""
    adapter: str = ""
    language: str = ""
    government: bool = False  # an official record (confidence 1.0 for its own act)
    notes: list[str] = field(default_factory=list)


def detect_language(text: str) -> str:
    sample = text[:5000].lower()
    return "es" if len(_ES_WORDS.findall(sample)) > len(_EN_WORDS.findall(sample)) else "en"


def _title_from(sentence: str, mention: DateMention | None) -> str:
    text = sentence
    if (
        mention is not None
        and mention.start < 25
        and _LEADING_DATE.match(sentence[: mention.start])
    ):
        rest = sentence[mention.end :].lstrip(" ,")
        if rest:
            text = rest[0].upper() + rest[1:]
    text = " ".join(text.split())
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
    return text


def _merge_partial(events: list[Event]) -> list[Event]:
    """Within one document, an event whose targets are a strict subset of another's with
    the same date and type is the same event told in fewer words: keep the fuller one."""
    groups: dict[tuple[str, str], list[Event]] = {}
    for e in events:
        groups.setdefault((e.date, e.event_type), []).append(e)
    return [
        e
        for e in events
        if not any(set(e.targets) < set(o.targets) for o in groups[(e.date, e.event_type)])
    ]


def _nearest(items: list, pos: int):  # type: ignore[no-untyped-def]
    return min(items, key=lambda x: abs(x.start - pos)) if items else None


class Extractor:
    """``resolver`` makes the per-document date resolver; the benchmark swaps in a naive
    one to compare against the same trigger rules."""

    def __init__(self, gazetteer: Gazetteer | None = None,
                 resolver: Callable[[Date | None, str], DateResolver] = DateResolver):  # fmt: skip
        self.gazetteer = gazetteer or load_gazetteer()
        self.resolver = resolver

    def extract(self, doc: Document) -> list[Event]:
        language = doc.language or detect_language(doc.text)
        resolver = self.resolver(doc.published, language)
        best: dict[tuple[str, str, tuple[str, ...]], Event] = {}

        def keep(event: Event) -> None:
            key = (event.date, event.event_type, tuple(sorted(event.targets)))
            if key not in best or event.confidence > best[key].confidence:
                best[key] = event

        act_event = self._act_event(doc)
        if act_event is not None:
            keep(act_event)
        # An act's "has designated" is background, not news of the day it was signed.
        publication_dates = act_event is None
        for _offset, sentence in split_sentences(doc.text):
            mentions = resolver.find(sentence)
            if len(sentence) > 2000:
                continue  # a table or a list run together: not a sentence to read events from
            for event in self._sentence_events(
                doc, sentence, mentions, language, publication_dates
            ):
                keep(event)
        events = []
        for event in _merge_partial(list(best.values())):
            try:
                events.append(validate(event))
            except ValidationError:
                continue  # e.g. a date the calendar rejects: never stored, never raised
        if resolver.unresolved and doc.published is None:
            shown = ", ".join(repr(p) for p in dict.fromkeys(resolver.unresolved[:3]))
            doc.notes.append(
                f"{doc.file or doc.title}: no publication date, so {len(resolver.unresolved)} relative "
                f"date(s) ({shown}) were not resolved; pass --published YYYY-MM-DD"
            )
        return events

    # --- one sentence -------------------------------------------------------------

    def _sentence_events(
        self,
        doc: Document,
        sentence: str,
        mentions: list[DateMention],
        language: str,
        publication_dates: bool = True,
    ) -> list[Event]:
        if not mentions and not (publication_dates and _AUXILIARY.search(sentence)):
            return []  # no date and no "has issued": no event, whatever the words
        folded = fold_keep_length(sentence)
        triggers_all = find_triggers(folded)
        if not triggers_all:
            return []
        entities = self.gazetteer.find(sentence, folded)
        amounts = find_amounts(sentence, language)
        events = []
        bounds = [0, *(m.end() for m in _CLAUSE_SPLIT.finditer(sentence)), len(sentence) + 1]
        for start, end in zip(bounds, bounds[1:], strict=False):
            triggers = [t for t in triggers_all if start <= t.start < end]
            if not triggers or HEDGE.search(folded[start:end]):
                continue
            clause_amounts = [a for a in amounts if start <= a.start < end] or amounts
            trigger = self._primary(triggers, clause_amounts)
            if trigger is None:
                continue
            dated = self._date_for(
                doc if publication_dates else None, folded, start, end, trigger, mentions
            )
            if dated is None:
                continue
            when, mention, confidence = dated
            clause_entities = [e for e in entities if start <= e.start < end] or entities
            actors, targets = self._roles(sentence, clause_entities, trigger)
            amount = (
                _nearest([a for a in clause_amounts], trigger.start)
                if trigger.event_type in ("bounty", "sanction")
                else None
            )
            if not targets:
                confidence -= 0.1
            event = Event(
                date=when.iso,
                event_type=trigger.event_type,
                subtype=subtype_for(trigger.event_type, folded[start:end]),
                title=_title_from(sentence, mention),
                actors=actors,
                targets=targets,
                amount=amount.value if isinstance(amount, Amount) else None,
                currency=amount.currency if isinstance(amount, Amount) else "",
                evidence=sentence,
                source_title=doc.title,
                source_url=doc.url,
                source_published=doc.published.isoformat() if doc.published else "",
                confidence=round(max(0.1, min(confidence, 0.95)), 2),
                adapter=doc.adapter,
                file=doc.file,
            )
            events.append(event)
        return events

    @staticmethod
    def _primary(triggers: list[Trigger], amounts: list[Amount]) -> Trigger | None:
        # A reward is an event only with its amount; otherwise the next trigger leads.
        usable = [t for t in triggers if t.event_type != "bounty" or amounts]
        return usable[0] if usable else None

    @staticmethod
    def _date_for(doc: Document | None, folded: str, start: int, end: int,
                  trigger: Trigger, mentions: list[DateMention],
                  ) -> tuple[PartialDate, DateMention | None, float] | None:  # fmt: skip
        """The mention nearest the trigger; else, for a news report (``doc``) whose verb
        says the event just happened, the publication date."""
        resolved = [m for m in mentions if m.value is not None]
        in_clause = [m for m in resolved if start <= m.start < end]
        mention = _nearest(in_clause or resolved, trigger.start)
        if mention is not None:
            confidence = 0.9 if mention.explicit else 0.85
            return mention.value, mention, confidence  # type: ignore[return-value]
        if any(m.value is None for m in mentions):
            return None  # the sentence has a date we could not resolve: do not guess
        if (
            doc is not None
            and doc.published is not None
            and JUST_HAPPENED.search(folded[start:end])
        ):
            return PartialDate.from_date(doc.published), None, 0.7
        return None

    @staticmethod
    def _roles(sentence: str, matches: list[EntityMatch], trigger: Trigger,
               ) -> tuple[tuple[str, ...], tuple[str, ...]]:  # fmt: skip
        """Officials and agencies act (a directive is addressed to the agencies after it);
        countries act when they come first or after "by"; everything else is a target."""
        actors: list[str] = []
        targets: list[str] = []
        for m in matches:
            entity = m.entity
            if entity.kind == "operation":
                continue
            before = m.start < trigger.start
            by_agent = bool(_BY_AGENT.search(sentence[max(0, m.start - 12) : m.start]))
            if entity.actor:
                acting = before or by_agent or trigger.event_type != "directive"
            else:
                acting = entity.kind == "country" and (before or by_agent)
            bucket = actors if acting else targets
            if entity.name not in bucket:
                bucket.append(entity.name)
        return tuple(actors), tuple(t for t in targets if t not in actors)

    # --- the document as an act ---------------------------------------------------

    def _act_event(self, doc: Document) -> Event | None:
        fallback = PartialDate.from_date(doc.published) if doc.published else None
        act = detect_act(doc.title, doc.text, fallback)
        if act is None:
            return None
        # Targets: what the title names (places and topics too), and the organizations
        # and people the opening text names: every act mentions the United States, and a
        # loan-forgiveness order that mentions cartels in passing is not about them.
        in_title = [m.entity for m in self.gazetteer.find(doc.title)]
        in_head = [
            m.entity
            for m in self.gazetteer.find(doc.text[:3000])
            if m.entity.kind in ("organization", "person")
        ]
        targets = tuple(
            dict.fromkeys(
                e.name for e in in_title + in_head if not e.actor and e.kind != "operation"
            )
        )
        signature = self.gazetteer.find(doc.text[-400:])
        actors = tuple(dict.fromkeys(m.entity.name for m in signature if m.entity.kind == "person"))
        evidence = " ".join(p for p in (act.purpose, act.signing_line) if p) or doc.title
        title = " ".join(doc.title.split()) or EVENT_TYPE_LABELS["directive"]
        try:
            return validate(
                Event(
                    date=act.signed.iso,
                    event_type="directive",
                    subtype=act.subtype,
                    title=title if not title.isupper() else title.title(),
                    actors=actors,
                    targets=targets,
                    evidence=evidence,
                    source_title=doc.title,
                    source_url=doc.url,
                    source_published=doc.published.isoformat() if doc.published else "",
                    confidence=1.0 if doc.government else 0.9,
                    key=title.casefold(),
                    adapter=doc.adapter,
                    file=doc.file,
                )
            )
        except ValidationError:
            return None
