"""A document as the extractor reads it: paragraphs and sentences with their place (the
lede, headings), the date relative expressions count from (a dateline, else publication),
quotations with the date they were said, and the entities, dates and amounts of each
sentence.

News puts one event over several sentences: the date in the lede, the names in the next
paragraph, "today" inside a quote said on Monday. The extractor reads sentence by sentence
but decides with this view of the whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date as Date

from ..schema import PartialDate
from .acts import signing_date
from .amounts import Amount, find_amounts
from .dates import DateMention, DateResolver
from .gazetteer import EntityMatch, Gazetteer
from .lexicon import MILITARY_CONTEXT
from .sentences import paragraphs, sentences_of
from .textnorm import fold_keep_length, one_of

# Reporting verbs: a date next to one of these dates the speech, not the act it reports.
# Read on folded text (lower case, no accents), as a tree of their letters: one branch
# followed at each word, not a hundred words tried in turn.
_REPORTING_WORDS = [
    "said", "says", "say", "told", "wrote", "writes", "posted", "posts", "stated", "states",
    "announced", "announces", "added", "adds", "noted", "notes", "declared", "confirmed",
    "tweeted", "explained", "warned", "insisted", "claimed", "highlighted", "stressed",
    "rejected", "condemned", "denounced", "criticized", "criticised", "called", "slammed",
    "welcomed", "praised", "disclosed", "revealed",
    "dijo", "dice", "afirmo", "afirma", "escribio", "publico", "indico", "anuncio", "anuncia",
    "anunciado", "anunciada", "anunciados", "anunciadas", "confirmado", "confirmada",
    "confirmados", "confirmadas", "senalo", "aseguro", "declaro", "informo", "informa",
    "agrego", "anadio", "explico", "confirmo", "sostuvo", "preciso", "detallo", "expreso",
    "destaco", "subrayo", "rechazo", "condeno", "denuncio", "critico", "califico", "repudio",
    "celebro", "agradecio", "revelo", "divulgo",
    "address", "speech", "remarks", "interview", "news conference", "press conference",
    "briefing", "post", "statement", "announcement", "appearance", "discurso", "declaraciones",
    "comunicado", "entrevista", "rueda de prensa", "conferencia",
]  # fmt: skip
REPORTING = re.compile(rf"\b{one_of(_REPORTING_WORDS)}\b")
VAGUE = re.compile(
    r"\b(?:(?:just |only |a few |several |two |three )?(?:days|weeks|months) (?:after|before|earlier|later)"
    r"|recently|recent|in recent (?:days|weeks)|(?:unos |pocos )?(?:dias|semanas|meses) (?:despues|antes)"
    r"|recientemente|recientes?)\b"
)
# Quotation marks that open and close a quote; straight double quotes pair in order.
_QUOTES = re.compile(r"“[^“”\n]{1,2000}”|«[^«»\n]{1,2000}»|\"[^\"\n]{1,2000}\"")
# A dateline: "WASHINGTON —", "QUITO, Ecuador (AP) —", "Quito, 4 sep (EFE).-",
# "May 2 (UPI) --", "WASHINGTON, June 3, 2025 —", "CARACAS.-".
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÁÉÍÓÚÑ][\w.'’ -]{1,40}?)(?:,\s*(?P<when>[^—–()\n]{3,40}?))?\s*"
    r"(?:\((?P<agency>[A-Za-z .]{2,20})\))?\s*(?:\.?[—–]|--|\.-|:\s)",
)
# A date that ends the opening words of a paragraph with a dateline's dash: "Versión Final–
# Caracas, 10 de enero de 2025-.", "Quito, 4 de septiembre de 2025.-".
_DATE_THEN_DASH = re.compile(
    r"^[^\n]{0,60}?(?P<when>\b\d{1,2} de [a-záéíóúñ]+ de \d{4}|\b[A-Z][a-z]+\.? \d{1,2}, \d{4})"
    r"\s*(?:-\.|\.-|[—–]|--)"
)
# A short line that is a heading, a byline or a date, not a sentence.
_HEADING_END = re.compile(r"[.!?:;\"”»)]\s*$")
_BULLET = re.compile(r"\s*(?:[-*•·]|\(?[a-z0-9]{1,3}[.)])\s")
LEDE_SENTENCES = 2  # the lede: the first sentences after the dateline or first heading


@dataclass(slots=True)
class Sentence:
    index: int
    paragraph: int
    start: int  # offset of the sentence in the document text
    text: str
    folded: str
    gazetteer: Gazetteer
    language: str
    lede: bool = False
    heading: bool = False  # a title, subheading, byline or date line
    list_item: bool = False  # an item of a bulleted list ("- Designated cartels as FTOs.")
    quotes: list[tuple[int, int]] = field(default_factory=list)  # spans in ``text``
    mentions: list[DateMention] = field(default_factory=list)
    speech: PartialDate | None = None  # when this sentence quotes someone: when they said it
    speech_rule: str = ""
    _entities: list[EntityMatch] | None = None
    _amounts: list[Amount] | None = None
    _reporting: list[tuple[int, int, str]] | None = None

    def in_quote(self, pos: int) -> bool:
        # Most sentences quote nothing: no generator to build for them.
        return bool(self.quotes) and any(a <= pos < b for a, b in self.quotes)

    # Entities and amounts are looked up only in the sentences the extractor reads for
    # them (those with a trigger, the lede, the sentences a target is looked for in).
    @property
    def entities(self) -> list[EntityMatch]:
        if self._entities is None:
            long = len(self.text) > 5000
            found = [] if long else self.gazetteer.find(self.text, self.folded)
            self._entities = self.gazetteer.find_in_list(self.text, found) if found else found
        return self._entities

    @property
    def reporting(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of each verb or noun of saying outside quotes."""
        if self._reporting is None:
            # Read on the folded text (lower case, no accents, same offsets): a regular
            # expression without IGNORECASE is several times faster.
            self._reporting = [
                (v.start(), v.end(), self.text[v.start() : v.end()])
                for v in REPORTING.finditer(self.folded)
                if not self.in_quote(v.start())
            ]
        return self._reporting

    @property
    def amounts(self) -> list[Amount]:
        if self._amounts is None:
            long = len(self.text) > 5000
            self._amounts = [] if long else find_amounts(self.text, self.language)
        return self._amounts


@dataclass
class Reading:
    text: str
    title: str
    language: str
    published: Date | None
    reference: Date | None  # what "today", "Tuesday" count from
    reference_rule: str
    sentences: list[Sentence]
    title_entities: list[EntityMatch]
    unresolved: list[str]
    signed: tuple[PartialDate, str] | None = None  # the signing line ("Dated: ...")
    military: bool = False  # the title or the lede tells of a military operation
    _paragraphs: dict[int, str] = field(default_factory=dict)
    # Facts about the whole document worked out once, when first asked.
    memo: dict[str, object] = field(default_factory=dict)

    def paragraph_text(self, paragraph: int) -> str:
        """A paragraph's folded text (built once per paragraph)."""
        if not self._paragraphs:
            parts: dict[int, list[str]] = {}
            for s in self.sentences:
                parts.setdefault(s.paragraph, []).append(s.folded)
            self._paragraphs.update({p: " ".join(texts) for p, texts in parts.items()})
        return self._paragraphs.get(paragraph, "")

    def subjects(self, kinds: tuple[str, ...]) -> list[str]:
        """The story's subject: entities of these kinds named in the title or the lede,
        in order of first appearance, actors left out."""
        names: list[str] = []
        matches = list(self.title_entities)
        for s in self.sentences:
            if s.lede:
                matches += s.entities
        for m in matches:
            if m.entity.kind in kinds and not m.entity.actor and m.entity.name not in names:
                names.append(m.entity.name)
        return names


def read(
    text: str,
    title: str,
    published: Date | None,
    language: str,
    gazetteer: Gazetteer,
    resolver_factory: type[DateResolver] | object = DateResolver,
) -> Reading:
    reference, rule = _reference_date(text, published)
    resolver = resolver_factory(reference, language)  # type: ignore[operator]
    sentences: list[Sentence] = []
    lede_left = LEDE_SENTENCES
    # Sentences with dates, newest last: the speech date of a quote told without one is the
    # last of theirs in this or the previous paragraph (worked out only when a quote asks).
    dated: list[Sentence] = []
    for p_index, (p_start, para) in enumerate(paragraphs(text)):
        quotes = [(m.start(), m.end()) for m in _QUOTES.finditer(para)]
        list_item = _BULLET.match(para) is not None
        for offset, sent in sentences_of(para):
            s_start = p_start + offset
            folded = fold_keep_length(sent)
            local = [(max(a, offset) - offset, min(b, offset + len(sent)) - offset)
                     for a, b in quotes if a < offset + len(sent) and b > offset]  # fmt: skip
            heading = _is_heading(sent)
            sentence = Sentence(len(sentences), p_index, s_start, sent, folded, gazetteer,
                                language, heading=heading, quotes=local,
                                list_item=list_item)  # fmt: skip
            if not heading and lede_left > 0:
                sentence.lede = True
                lede_left -= 1
            sentence.mentions = resolver.find(sent) if len(sent) <= 5000 else []
            if sentence.lede and _only_a_date_line(sentence):
                # "Washington, 2 de mayo. (Europe Press) – Las autoridades ... han decidido
                # ...": the lede is the two sentences after the date line.
                lede_left += 1
            if local:
                said = _speech_date(sentence)
                if said is not None:
                    sentence.speech, sentence.speech_rule = said
                else:
                    earlier = _last_speech(dated, p_index - 1)
                    if earlier is not None:
                        sentence.speech = earlier[0]
                        sentence.speech_rule = f"said as reported earlier ({earlier[1]})"
                if sentence.speech is not None:
                    sentence.mentions = _requote(sentence, resolver, language)
            if sentence.mentions:
                dated.append(sentence)
            sentences.append(sentence)
    title_entities = gazetteer.find(title) if title else []
    lede_text = " ".join([fold_keep_length(title)] + [s.folded for s in sentences if s.lede])
    military = bool(MILITARY_CONTEXT.search(lede_text))
    return Reading(text, title, language, published, reference, rule, sentences,
                   title_entities, list(resolver.unresolved), signing_date(text),
                   military)  # fmt: skip


def _only_a_date_line(sentence: Sentence) -> bool:
    """A place and a date alone ("Washington, 2 de mayo.", "Guacamaya, August 15, 2025.")."""
    if len(sentence.text) > 60 or len(sentence.mentions) != 1:
        return False
    date = sentence.mentions[0]
    rest = sentence.text[: date.start] + sentence.text[date.end :]
    return date.explicit and len(rest.split()) <= 3


def _is_heading(sentence: str) -> bool:
    """A title, subheading, byline or date line: no closing punctuation and short, or
    written in capitals."""
    if _HEADING_END.search(sentence):
        return False
    if len(sentence.split()) <= 25:
        return True  # short: no need to count capitals letter by letter
    letters = [c for c in sentence if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _reference_date(text: str, published: Date | None) -> tuple[Date | None, str]:
    """The publication date, or the date of the dateline or date line at the top when the
    page is a later copy (a reprint dated after the story): relative dates count from it."""
    head = text[:400]
    for line in head.splitlines()[:8]:
        line = line.strip()
        # Both patterns end at a dash or a colon: a line without one needs no backtracking.
        marked = any(mark in line for mark in "-—–:")
        m = _DATELINE.match(line) if marked else None
        candidates = [line] if len(line) <= 40 else []
        if m and m["when"]:
            candidates.append(m["when"])
        inline = _DATE_THEN_DASH.match(line) if marked else None
        if inline:  # "Versión Final– Caracas, 10 de enero de 2025-. Mientras ..."
            candidates.append(inline["when"])
        for candidate in candidates:
            found = [x for x in DateResolver(published, "en").find(candidate) if x.explicit]
            found += [x for x in DateResolver(published, "es").find(candidate) if x.explicit]
            for mention in found:
                value = mention.value
                if (
                    value is not None
                    and value.precision == "day"
                    and (published is None or value.start <= published)
                ):
                    if value.start != published:
                        return value.start, f"dateline {mention.phrase!r}"
                    return published, "publication date (the dateline agrees)"
    if published is not None:
        return published, "publication date"
    return None, "no publication date"


def _last_speech(dated: list[Sentence], paragraph: int) -> tuple[PartialDate, str] | None:
    """The speech date of the newest sentence from ``paragraph`` on that has one."""
    for sentence in reversed(dated):
        if sentence.paragraph < paragraph:
            return None
        said = _speech_date(sentence)
        if said is not None:
            return said
    return None


def _speech_date(sentence: Sentence) -> tuple[PartialDate, str] | None:
    """The date outside the quotes next to a reporting verb: "Hegseth said Wednesday"."""
    outside = [
        m for m in sentence.mentions if m.value is not None and not sentence.in_quote(m.start)
    ]
    if not outside:
        return None
    for v_start, v_end, word in sentence.reporting:
        near = min(outside, key=lambda m: abs(m.start - v_start))
        if abs(near.start - v_end) <= 40 or abs(v_start - near.end) <= 40:
            return near.value, f"{word} … {near.phrase}"  # type: ignore[return-value]
    return None


_QUOTE_RELATIVE = {"relative", "anaphoric"}


def _requote(sentence: Sentence, resolver: DateResolver, language: str) -> list[DateMention]:
    """Relative dates inside a quote count from the day it was said, not from publication:
    "Today ... we struck" said on Wednesday is Wednesday."""
    said = sentence.speech
    assert said is not None
    local = DateResolver(said.start, language)
    out = []
    for m in sentence.mentions:
        if sentence.in_quote(m.start) and m.kind in _QUOTE_RELATIVE and m.kind != "anaphoric":
            again = [x for x in local.find(m.phrase) if x.phrase == m.phrase]
            if again and again[0].value is not None:
                m = replace(m, value=again[0].value, kind="quoted")
        out.append(m)
    return out
