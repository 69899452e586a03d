"""Event extraction from a document's text, read as a whole.

``reading.read`` splits the document into paragraphs and sentences and finds their dates
(quotes counted from when they were said), entities and amounts; ``mentions`` turns each
trigger of a clause into a mention, or says why it is not an event; ``frames.assemble``
joins the mentions of one act across the document and dates the undated ones from it. A
document that is itself an act (executive order, proclamation, memorandum, a notice
designating an organization, a message to Congress) also yields its own event, dated by
its signing line. ``Extractor.explain`` keeps every step for ``extract --explain``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date as Date

from ..schema import EVENT_TYPE_LABELS, Event, PartialDate, ValidationError, validate
from .acts import detect_act
from .dates import DateResolver
from .frames import ANNOUNCING, Frame, assemble
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import Mention, sentence_mentions
from .reading import Reading, read
from .textnorm import one_of

_ES_WORDS = ["el", "la", "los", "las", "del", "que", "por", "para", "con", "una", "según", "fue",
             "sus"]  # fmt: skip
_EN_WORDS = ["the", "and", "of", "to", "that", "for", "with", "was", "were", "has", "by", "from"]
# Both lists in one scan, each as a tree of its letters; a word of the first group is
# Spanish. (No word is in both, and a match is a whole word: the counts are those of a
# scan for each list.)
_LANGUAGE_WORDS = re.compile(rf"\b(?:({one_of(_ES_WORDS)})|{one_of(_EN_WORDS)})\b")
# What a title should not start with: a dateline, a date, "On Tuesday,".
_TITLE_LEAD = re.compile(
    r"^(?:[-*•·]\s+)?(?:[A-ZÁÉÍÓÚÑ][\w.' -]{1,40}?(?:,\s*[^—–\n]{0,30})?\s*(?:\([A-Za-z .]{2,20}\))?\s*"
    r"(?:\.?[—–]|--|\.-)\s*)?"
)
_BULLET_LEAD = re.compile(r"^(?:[-*•·]\s+)?")  # _TITLE_LEAD when no dash can end a dateline
_FIRST_PERSON = re.compile(r"\b(?:i am|i'm|we are|we're|i have|i hereby)\b", re.IGNORECASE)
MAX_TITLE = 160
# A whole statement starts like a sentence: a capital, a quote, or a number that counts
# something ("13 leaders of MS-13 ..."); "1157(b)), and after ..." is a fragment.
_WHOLE_START = re.compile(r"[A-ZÁÉÍÓÚÑ\"“«¿¡']|\$\d|\d[\d,.]*(?:st|nd|rd|th)?\s+[A-Za-záéíóúñ]")
_CEREMONIAL = re.compile(
    r"\b(?:Day|Week|Month|Anniversary|Honoring|Honors|Remembrance|Commemorat\w*|Celebrat\w*"
    r"|Observance|Memorial|Tribute|Appreciation|Awareness)\b"
)
_ABOUT = re.compile(
    r"\b(?:with respect to|con respecto a|respecto de)\s+(?:the situation in\s+)?([\w ]{2,40})",
    re.IGNORECASE,
)


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
    found = _LANGUAGE_WORDS.findall(text[:5000].lower())
    spanish = sum(1 for word in found if word)
    return "es" if spanish > len(found) - spanish else "en"


def _title_from(mention: Mention) -> str:
    """A whole statement: the mention's sentence without its dateline or leading date,
    cut at a word; a sentence that is not one (a fragment of a list or a table) gives a
    title made of the type and the targets instead."""
    if mention.form == "cited":
        return mention.title
    sentence = mention.sentence.text
    # A dateline ends with a dash: without one only a bullet can lead (a cheaper pattern).
    lead = _TITLE_LEAD if any(dash in sentence for dash in "-—–") else _BULLET_LEAD
    text = sentence[lead.match(sentence).end() :]  # type: ignore[union-attr]
    date = mention.date_phrase
    if date and text.lower().startswith(("on " + date.lower(), date.lower(), "el " + date.lower())):
        rest = text[text.lower().index(date.lower()) + len(date) :].lstrip(" ,")
        text = rest[:1].upper() + rest[1:] if rest else text
    text = " ".join(text.split())
    if not _WHOLE_START.match(text):
        what = EVENT_TYPE_LABELS.get(mention.event_type, mention.event_type)
        names = "; ".join(mention.targets[:3])
        return f"{what}: {names}" if names else what
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
    return text


def is_statement(reading: Reading, doc: Document) -> bool:
    """A statement or press release that performs its acts as it speaks ("Today, I am
    announcing the designation of ...", "The Department announces ...")."""
    if doc.government:
        return True
    opening = [s for s in reading.sentences if not s.heading][:8]
    return any(
        ANNOUNCING.search(s.folded)
        and (_FIRST_PERSON.search(s.folded) or re.search(r"\b(?:today|hoy)\b", s.folded))
        for s in opening
    )


def _own_header(act: Event, frame: Frame, title: str) -> bool:
    """An act cited by number and date among the document's first lines, or by the number
    its title gives, of the document's own kind: the heading of its printed copy
    ("Executive Order 13884 of August 5, 2019" under that title)."""
    lead = frame.lead
    if lead.form != "cited" or frame.event_type != act.event_type:
        return False
    number = frame.key.rsplit("-", 1)[-1] if frame.key else ""
    # A line that is nothing but the citation is a heading; one that cites an order inside
    # a sentence ("Clarification of Exceptions Under Executive Order 14257 of April 2") is
    # another act.
    alone = len(lead.sentence.text.strip(" .")) <= len(lead.trigger.text) + 2
    return alone and (lead.sentence.index < 12 or (number.isdigit() and number in title))


def _same_act(act: Event, event: Event) -> bool:
    return act.event_type == event.event_type and act.date == event.date


@dataclass
class Explanation:
    """Why a document gave the events it gave: its reading, each event with the frame it
    came from, and every mention that was not an event with the reason."""

    reading: Reading
    events: list[tuple[Event, Frame | None]]
    not_events: list[tuple[Mention, str]]


class Extractor:
    """``resolver`` makes the per-document date resolver; the benchmark swaps in a naive
    one to compare against the same trigger rules."""

    def __init__(self, gazetteer: Gazetteer | None = None,
                 resolver: Callable[[Date | None, str], DateResolver] = DateResolver):  # fmt: skip
        self.gazetteer = gazetteer or load_gazetteer()
        self.resolver = resolver

    def extract(self, doc: Document) -> list[Event]:
        return [event for event, _ in self.explain(doc).events]

    def explain(self, doc: Document) -> Explanation:
        language = doc.language or detect_language(doc.text)
        reading = read(doc.text, doc.title, doc.published, language, self.gazetteer,
                       self.resolver)  # fmt: skip
        act_event = self._act_event(doc, reading.signed)
        mentions: list[Mention] = []
        for sentence in reading.sentences:
            mentions += sentence_mentions(reading, sentence, acts_only=False)
        # An act's own text is not news of the day it was signed: only what it dates counts.
        # Whether the document performs its acts as it speaks matters only to a mention
        # that reaches ``assemble`` undated (or dated by the day it was told): when every
        # mention has its own date (most news), the opening is not scanned for it.
        statement = (
            act_event is None
            and any(not m.rejected and (m.date is None or m.reporting_date) for m in mentions)
            and is_statement(reading, doc)
        )
        assembly = assemble(reading, mentions, statement, act=act_event is not None)
        pairs: list[tuple[Event, Frame | None]] = []
        if act_event is not None:
            pairs.append((act_event, None))
        for frame in assembly.frames:
            event = self._frame_event(doc, frame)
            if event is None:
                continue
            if act_event is not None and _same_act(act_event, event):
                continue  # the document's own act, told again in its text
            if (
                act_event is not None
                and reading.signed is None
                and _own_header(act_event, frame, doc.title)
            ):
                # "Proclamation 10888 of January 20, 2025" heading the Federal Register's
                # copy: the act itself, signed that day (the copy has no signing line).
                pairs[0] = (validate(replace(act_event, date=event.date)), None)
                continue
            pairs.append((event, frame))
        if reading.unresolved and doc.published is None:
            shown = ", ".join(repr(p) for p in dict.fromkeys(reading.unresolved[:3]))
            doc.notes.append(
                f"{doc.file or doc.title}: no publication date, so {len(reading.unresolved)} relative "
                f"date(s) ({shown}) were not resolved; pass --published YYYY-MM-DD"
            )
        return Explanation(reading, pairs, assembly.not_events)

    def _frame_event(self, doc: Document, frame: Frame) -> Event | None:
        lead = frame.lead
        confidence = max(m.confidence for m in frame.mentions if not m.rejected)
        if not frame.targets:
            confidence -= 0.1
        amount = frame.amount
        try:
            return validate(
                Event(
                    date=frame.date.iso,
                    event_type=frame.event_type,
                    subtype=frame.subtype,
                    title=_title_from(lead),
                    actors=tuple(frame.actors),
                    targets=tuple(frame.targets),
                    amount=amount.value if amount is not None else None,
                    currency=amount.currency if amount is not None else "",
                    evidence=lead.sentence.text,
                    source_title=doc.title,
                    source_url=doc.url,
                    source_published=doc.published.isoformat() if doc.published else "",
                    confidence=round(max(0.1, min(confidence, 0.95)), 2),
                    key=frame.key,
                    adapter=doc.adapter,
                    file=doc.file,
                )
            )
        except ValidationError:
            return None  # e.g. a date the calendar rejects: never stored, never raised

    # --- the document as an act ---------------------------------------------------

    def _act_event(self, doc: Document, signed: tuple[PartialDate, str] | None) -> Event | None:
        fallback = PartialDate.from_date(doc.published) if doc.published else None
        act = detect_act(doc.title, doc.text, fallback, signed)
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
        # A notice or message "with respect to Venezuela" is about that country.
        about = [
            m.entity for m in self.gazetteer.find(" ".join(_ABOUT.findall(doc.text[:3000])))
            if m.entity.kind == "country"
        ]  # fmt: skip
        targets = tuple(
            dict.fromkeys(
                e.name for e in in_title + in_head + about if not e.actor and e.kind != "operation"
            )
        )
        if _CEREMONIAL.search(doc.title):
            targets = ()  # "Honoring Jocelyn Nungaray", "Border Patrol Day": no one is its object
        signature = self.gazetteer.find(doc.text[-400:])
        actors = tuple(dict.fromkeys(m.entity.name for m in signature if m.entity.kind == "person"))
        evidence = " ".join(p for p in (act.purpose, act.signing_line) if p) or doc.title
        title = " ".join(doc.title.split()) or EVENT_TYPE_LABELS[act.event_type]
        if act.event_type == "statement":
            title = f"Message to Congress: {title}"
        try:
            return validate(
                Event(
                    date=act.signed.iso,
                    event_type=act.event_type,
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
