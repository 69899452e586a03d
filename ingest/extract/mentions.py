"""Event mentions: each trigger word in a clause, with what the clause says about it (its
form, its date and where the date came from, its targets, its amount), or why it is not
an event (hedged, future, negated, a summary, an adjective, a reward without an amount).

Mentions are not yet events: ``frames.assemble`` joins the mentions of one act across
the document and dates those that have no date of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache

from ..schema import PartialDate
from .amounts import Amount
from .dates import MONTH_NUMBER, MONTHS_ES, DateMention
from .gazetteer import EntityMatch
from .lexicon import (
    ATTRIBUTIVE,
    DTO,
    HEDGE,
    OVER_A_PERIOD,
    PERFORMATIVE,
    SANCTIONS_CONTEXT,
    SDGT_PHRASE,
    SUMMARY,
    TERRORIST,
    Trigger,
    find_triggers,
    form_of,
    subtype_for,
)
from .reading import VAGUE, Reading, Sentence

# Clause boundaries: "; ", ", and ", ", following ...", ", a move which", coordinated
# past-tense verbs ("charged Maduro and offered a reward", "acusó a Maduro y ofreció").
CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+(?:and|while|whereas|but|y|mientras|pero)\s+(?=\w)"
    r"|,\s+(?=(?:following|after|before|tras|despu[eé]s\s+de|a move|a step|which|que)\s)"
    r"|,\s+(?=\w+\s+(?:days?|weeks?|d[ií]as?|semanas?)\s+(?:after|before|despu[eé]s|antes)\s)"
    r"|\s+and\s+(?=[a-z]+ed\s)|\s+y\s+(?=\w+(?:ó|aron|ió|ieron)\s)"
)
_BY_AGENT = re.compile(
    r"\b(?:by|por|seg[uú]n|according to)\s+(?:the\s+|el\s+|la\s+|un\s+\w+\s+del?\s+)?(?:\w+\s+)?$"
)
_GOVERNED = re.compile(
    r"\b(?:announced|imposed|offered|offering|offers|filed|brought|issued|signed|launched"
    r"|ordered|unsealed|levied|slapped|increased|raised|doubled|anuncio|impuso|ofrece|ofrecio"
    r"|firmo|ordeno|aumento|elevo|incremento|duplico|subio|raising|increasing|doubling"
    r"|subiendo|elevando|aumentando|duplicando)\s+"
    r"(?:[\w$.,-]+\s+){0,3}$"
)
_LIST_CONTINUES = re.compile(r",\s+(?:and|or|y|o)\s+$")
_AND_ARTICLE = re.compile(r"\s+(?:and|y)\s+(?=(?:the|a|an|el|la|los|las)\s)")


def _performative(mention: Mention) -> bool:
    return mention.event_type in PERFORMATIVE or bool(
        mention.event_type == "legal" and _CHARGES.search(mention.trigger.text)
    )


_CHARGES = re.compile(r"indict|charge|cargo|acus|imput")
_OWNER = re.compile(
    r"['’]s\s+(?:\w+\s+){0,2}?(?:minister|son|daughter|wife|husband|brother|deputy|regime"
    r"|government|administration|defen[cs]e|interior|chief|aides?|ally|allies|inner circle"
    r"|vice president|officials?)\b",
    re.IGNORECASE,
)
_ARTICLES = {"the", "a", "an", "el", "la", "los", "las", "un", "una", "its", "his", "her", "su"}
# Words between a reporting verb and the act that still leave the act its object: "announced
# new sanctions", "anunció la imposición de sanciones", "anunció un paquete de sanciones".
_TRANSPARENT = _ARTICLES | {
    "new", "fresh", "additional", "more", "round", "package", "imposition", "of", "nuevas",
    "nuevos", "nueva", "nuevo", "ronda", "paquete", "imposición", "imposicion", "de", "del",
}  # fmt: skip
WITH_RESPECT = re.compile(
    r"(?:with respect to|relating to|centered in|regarding|con respecto a)\s+(?:the\s+)?"
    r"(?:situation\s+in\s+|government\s+of\s+)?(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_HE_BEFORE = re.compile(r"\b(?:he|she)\s+(?:[\w-]+\s+){0,3}$")
_PRONOUN_AFTER = re.compile(r"\s+(?:it|them|him|her|lo|la|los|las)\b")
_EACH = re.compile(r"\beach\b|\bcada uno\b|\bcada una\b|\bapiece\b")
# "Executive Order 13692 of March 8, 2015", "E.O. 13850 signed by President Trump on
# November 1, 2018": a dated act cited in passing is an event of its own.
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
CITED_ACT = re.compile(
    rf"\b(?P<kind>Executive Order|E\.\s?O\.|Proclamation|Presidential Memorandum)\s*(?:No\.\s*)?"
    rf"\(?(?:E\.\s?O\.\)?\s*)?(?P<number>\d{{4,5}})?\)?,?\s+(?:of|dated|signed(?: by [\w .]{{1,40}}?)?"
    rf"\s+on|issued on|de|del)\s+(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})"
)
# "carrying out a January 20, 2025, executive order", "President Trump's March 14
# proclamation": the date told before the act's name (the year, when left out, is the
# report's own or the one before).
_ACT_WORD = re.compile(r"(?i)order|proclamation|memorandum|E\.\s?O\.")
# The same on lower-cased ASCII text (where IGNORECASE means exactly that): without the flag
# the search skips to the words' first letters, twice as fast; most sentences are ASCII.
_ACT_WORD_LOWER = re.compile(r"order|proclamation|memorandum|e\.\s?o\.")


def _cites_act_word(text: str) -> bool:
    if text.isascii():
        return _ACT_WORD_LOWER.search(text.lower()) is not None
    return _ACT_WORD.search(text) is not None


DATED_ACT = re.compile(
    rf"\b(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:,\s+(?P<year>\d{{4}}))?,?\s+"
    rf"(?P<kind>(?i:executive order|proclamation|presidential memorandum))\b"
)


def cited_spans(text: str) -> list[tuple[int, int]]:
    """Where acts are cited with their own dates: those dates belong to them alone."""
    return [(m.start(), m.end()) for m in _citations(text)]


def _citations(text: str) -> list[re.Match[str]]:
    """Both forms of citation; in "Executive Order 13469 of February 13, 2008, Executive
    Order 13572 of ..." the date is the first order's, not one told before the second."""
    if not _cites_act_word(text):
        return []  # most sentences cite no act: skip the two patterns (each needs a word of it)
    cited = list(CITED_ACT.finditer(text))
    told_before = [m for m in DATED_ACT.finditer(text)
                   if not any(c.start() <= m.start() < c.end() for c in cited)]  # fmt: skip
    return cited + told_before


@dataclass(slots=True)
class Mention:
    sentence: Sentence
    event_type: str
    subtype: str
    trigger: Trigger
    form: str
    clause: tuple[int, int]
    date: PartialDate | None = None
    date_phrase: str = ""
    date_rule: str = ""
    reporting_date: bool = False  # the date is the day something was said or announced
    announced_on: PartialDate | None = None  # that day, when it was set aside for the act's own
    quoted_date: bool = False  # a relative date inside a quote ("today", "yesterday")
    date_adjacent: bool = False  # the date is within a few words of the trigger
    targets: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    target_rule: str = ""
    amount: Amount | None = None
    each: bool = False  # "$25 million each"
    key: str = ""  # a document number ("doc:eo-13692") for a cited act
    title: str = ""
    confidence: float = 0.85
    rejected: str = ""  # why this is not an event, if it is not
    back_reference: bool = False  # "these three reward offers", "the gang"

    @property
    def where(self) -> str:
        return f"sentence {self.sentence.index + 1}"


def sentence_mentions(reading: Reading, sentence: Sentence, acts_only: bool) -> list[Mention]:
    """The mentions of one sentence: cited acts, then one mention per clause."""
    found = _cited_acts(sentence, reading.reference)
    if acts_only or len(sentence.text) > 2000:
        return found  # a table or a list run together is not a sentence to read events from
    cited = [(m.clause[0], m.clause[1]) for m in found]
    raw = find_triggers(sentence.folded, reading.military)
    # 'issued E.O. 14175, “Designation of Ansar Allah as ...”', 'signed an Executive Order
    # “Blocking Property of ...”': the words of an act's own title are its name, not acts.
    ends = [t.end for t in raw if t.event_type == "directive"] + [b for _, b in cited]
    titles = [(end, end + n) for end in ends if (n := _own_title(sentence.text, end))]
    # "announced the launch of a large-scale military operation", "removed the designation
    # in 2015": the act a longer trigger names inside it is not an act of its own (but
    # "launched Operation Southern Spear" launches one).
    triggers_all = [
        t for t in raw
        if not any(a <= t.start < b for a, b in cited + titles)  # cited: already a mention
        and not any(o.event_type in _NAMES_INSIDE.get(t.event_type, ())
                    and o.start <= t.start and t.end <= o.end
                    and not o.text.startswith(("launch", "lanz")) for o in raw)
    ]  # fmt: skip
    if not triggers_all:
        return found
    folded = sentence.folded
    text = sentence.text
    # A clause boundary counts only when a trigger lies on both sides of it: a list of
    # names ("..., Cártel de Golfo, and Cárteles Unidos as FTOs") stays one clause. With
    # fewer than two acts (most sentences) none does, and none is looked for.
    acts = [t for t in triggers_all if not (t.event_type == "designation" and _LABEL.match(t.text))]
    cuts = sorted(
        [(m.start(), m.end()) for m in CLAUSE_SPLIT.finditer(text)]
        + [(m.start(), m.end()) for m in _AND_ARTICLE.finditer(text)]
    ) if len(acts) > 1 else []  # fmt: skip
    kept: list[int] = []
    for n, (cut_start, cut_end) in enumerate(cuts):
        left_from = kept[-1] if kept else 0
        right_to = cuts[n + 1][0] if n + 1 < len(cuts) else len(text)
        left = [t for t in acts if left_from <= t.start < cut_start]
        right = [t for t in acts if cut_end <= t.start < right_to]
        if left and right:
            kept.append(cut_end)
    bounds = [0, *kept, len(text) + 1]
    for start, end in zip(bounds, bounds[1:], strict=False):
        clause = folded[start:end]
        triggers = [t for t in triggers_all if start <= t.start < end and not _adjective(folded, t)]
        if not triggers:
            continue
        amounts = [a for a in sentence.amounts if start <= a.start < end] or sentence.amounts
        trigger = _primary(triggers, amounts)
        if trigger is None:
            bounty = triggers[0]
            found.append(_rejected(sentence, bounty, (start, end), "a reward with no amount"))
            continue
        mention = _mention(reading, sentence, trigger, (start, end), clause, amounts)
        found.append(mention)
        # "In addition to the indictments, the Treasury announced economic sanctions": a
        # second act of another type in the clause, when a verb of its own governs it.
        kinds = {mention.event_type}
        for other in triggers:
            if other is trigger:
                continue
            if other.event_type in kinds:
                if _own_date_before(sentence, other) or (
                    _SINCE_THE.search(folded, max(0, other.start - 12), other.start)
                    and _own_date_after(sentence, other, 60) is not None
                ):
                    # "the second US strike ... since the January 3 capture of Maduro", "la
                    # primera acción ... desde la captura de Nicolás Maduro, el pasado 3 de
                    # enero": the act the count starts from, dated on its own, not the act
                    # told before ("the capture" there is not "the strike" again).
                    since = _mention(reading, sentence, other, (start, end), clause, amounts)
                    since.form = "nominal"
                    found.append(since)
                    continue
                # "la extradición ... desde su recaptura el pasado 25 de junio": a court
                # step of another kind with a date of its own is another act; so is the main
                # verb after a step told in a relative clause with its own date ("A member
                # who was charged in 2012 has been extradited to the United States").
                if other.event_type != "legal" or subtype_for("legal", other.text) in (
                    "",
                    subtype_for("legal", trigger.text),
                ):
                    continue
                who = _WHO_WAS.search(folded, max(0, trigger.start - 16), trigger.start)
                own = _own_date_after(sentence, other, 30)
                if (
                    who is not None
                    and other.start > trigger.start
                    and _own_date_after(sentence, trigger, 20) is not None
                ):
                    second = _mention(reading, sentence, other, (start, end), clause, amounts)
                    _date_outside(sentence, second, who.start(), other.start, reading.reference)
                    found.append(second)
                elif (own is not None and own.phrase != mention.date_phrase) or (
                    # "La extradición se concretó 25 días después de su recaptura"
                    _OFFSET_BEFORE.search(folded, max(0, other.start - 120), other.start)
                ):
                    found.append(_mention(reading, sentence, other, (start, end), clause, amounts))
                continue
            governed = _GOVERNED.search(folded[max(start, other.start - 40) : other.start])
            # "el despliegue militar iniciado en agosto", "since the January 3 capture of"
            dated = _own_date_after(sentence, other, 30) is not None or _own_date_before(
                sentence, other
            )
            # "declara como grupo terrorista al Cartel": a finite listing verb governs
            # itself; "the process of designating" does not.
            listing = (
                other.event_type == "designation"
                and not _LABEL.match(other.text)
                and not (
                    other.text.split()[0].endswith(("ing", "ar", "ndo"))
                    and not re.search(
                        r"\b(?:dispone|ordena|orders|provides for)\s+$",
                        folded[max(0, other.start - 20) : other.start],
                    )
                )
                and not re.search(
                    r"\b(?:of|to|de|para)\s+$", folded[max(0, other.start - 6) : other.start]
                )
            )
            # (the form, read with a dozen patterns, only when it can decide)
            verbal = listing and form_of(folded, other, text) not in ("nominal", "definite")
            if governed or dated or verbal:
                kinds.add(other.event_type)
                second = _mention(reading, sentence, other, (start, end), clause, amounts)
                if governed and second.form in ("nominal", "definite"):
                    # "anunció un paquete de sanciones ..., subiendo la recompensa": a verb
                    # tells this act too, so the lede's date reaches it as it does the first.
                    second.form = "verb"
                found.append(second)
    if any(m.rejected == _SUMMED for m in found):
        # "... have carried out strikes on at least 10 vessels since early September,
        # killing at least 43 people": the toll of the acts the sentence sums up.
        for m in found:
            if not m.rejected and m.trigger.text in _TOLL:
                m.rejected = "the toll of the acts its sentence sums up"
    return found


def _adjective(folded: str, trigger: Trigger) -> bool:
    """'a designated terrorist organization', 'sanctioned oil tankers': not an act."""
    if not any(word in folded for word in _ADJECTIVE_WORDS):
        return False  # neither pattern can match without one of these
    for m in ATTRIBUTIVE.finditer(folded, max(0, trigger.start - 30), trigger.end + 30):
        if m.start() <= trigger.start < m.end() + 2:
            return True
    return any(m.start() <= trigger.start < m.end() for m in DTO.finditer(folded))


# What every ATTRIBUTIVE ("designated", "sanctioned", "convicted", "designado") and DTO
# match has in it.
_ADJECTIVE_WORDS = ("designa", "sanctioned", "sanciona", "convicted")


def _primary(triggers: list[Trigger], amounts: list[Amount]) -> Trigger | None:
    # A reward without its amount leads only when nothing else does: it may be the reward
    # told with its amount elsewhere ("la recompensa" ... "de 50 millones de dólares").
    usable = [t for t in triggers if t.event_type != "bounty" or amounts]
    return usable[0] if usable else triggers[0]


_DESIGNATING = re.compile(
    r"\b(?:designat|listed|named|labell?ed|branded|declar(?!aciones)|design[oa]|calific|identif|clasific|inclu|nombr)"
)


_LABEL = re.compile(
    r"(?:(?:foreign|specially designated|global) )*terrorist|ftos?$|sdgts?$|organizaci"
    r"|terroristas? glob"
)


def _bare_label(folded: str, trigger: Trigger, clause: str) -> bool:
    """'Tren de Aragua, a Foreign Terrorist Organization (FTO) that ...' describes; a label
    lists only with a designating verb in its clause ('designated ... as an FTO', 'named
    ... a global terrorist organization', 'declaró ... terroristas')."""
    return bool(_LABEL.match(trigger.text)) and not _DESIGNATING.search(clause)


# Which triggers name an act of another type inside them: an announced operation, a
# revoked designation.
_NAMES_INSIDE = {"military_action": ("statement",), "designation": ("delisting",)}
_REACTION = re.compile(
    r"\b(?:rais(?:ing|ed|es)|spark(?:ing|ed|s)|prompt(?:ing|ed|s)|fuel(?:l?ing|l?ed|s)"
    r"|stok(?:ing|ed|es)|amid|despertando|desperto|generando|genero|en medio de)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:concerns?|fears?|worries|alarm|temor(?:es)?"
    r"|preocupacion(?:es)?|inquietud(?:es)?)\b"
)
_WORRIES = ("concern", "fear", "worries", "alarm", "temor", "preocupacion", "inquietud")
# ... and a clause of circumstance after it: "were placed by the Treasury ... Monday, as the
# administration of President Donald Trump aims to take action", ", mientras el gobierno".
_COORDINATED = re.compile(r",\s+(?:and|but|y|pero|as the|while|mientras)\s+|;\s+")
_WHO_WAS = re.compile(r"\b(?:who|that|quien|que)\s+(?:was|had been|fue|habia sido)\s+$")


def _outside_quotes(
    sentence: Sentence, clause: str, bounds: tuple[int, int], trigger: Trigger
) -> str:
    """The clause without the words someone else is quoted saying (unless the trigger is
    itself quoted): their "could" or "seeks to" does not hedge the act told."""
    if not sentence.quotes or sentence.in_quote(trigger.start):
        return clause
    start = bounds[0]
    chars = list(clause)
    for a, b in sentence.quotes:
        for pos in range(max(a, start), min(b, start + len(chars))):
            chars[pos - start] = " "
    return "".join(chars)


def _told_terrorist_listing(reading: Reading, sentence: Sentence) -> bool:
    """Whether the document told a terrorist listing before: then "the designation" is it."""
    return any(
        TERRORIST.search(s.folded) and _DESIGNATING.search(s.folded)
        for s in reading.sentences[: sentence.index]
    )


def _own_date_before(sentence: Sentence, trigger: Trigger) -> bool:
    """A date right before the act's noun: "the January 3 capture"."""
    return any(m.value is not None and 0 <= trigger.start - m.end <= 1 for m in sentence.mentions)


def _date_outside(
    sentence: Sentence, mention: Mention, lo: int, hi: int, reference: Date | None
) -> None:
    """Date the main verb after a relative clause by the sentence's dates outside it ("who
    was charged in 2012 has been extradited ..., the Justice Department said on Tuesday"):
    the clause's date is its own act's, and a day after the text was written (when he "will
    appear") is no past act's."""
    if mention.date is None or mention.rejected:
        return
    outside = [
        m for m in sentence.mentions
        if m.value is not None and not lo <= m.start < hi
        and (reference is None or m.value.start <= reference)
    ]  # fmt: skip
    if not outside:
        mention.date, mention.date_phrase = None, ""
        mention.date_rule = "the only date is the relative clause's, not this act's"
        return
    chosen = min(outside, key=lambda m: abs(m.start - mention.trigger.start))
    mention.date, mention.date_phrase = chosen.value, chosen.phrase
    mention.reporting_date = _next_to_reporting_verb(sentence, chosen, mention.trigger)
    mention.date_rule = f"{chosen.phrase!r} in the sentence, outside the relative clause before it"


def _own_date_after(sentence: Sentence, trigger: Trigger, reach: int) -> DateMention | None:
    """The first date within ``reach`` characters after the act's noun: "iniciado en
    agosto"."""
    return next(
        (m for m in sentence.mentions
         if m.value is not None and 0 <= m.start - trigger.end <= reach),
        None,
    )  # fmt: skip


_REWARD_PURPOSE = re.compile(r"\b(?:for|por) (?:any |cualquier )?(?:information|informacion)\b")
_SINCE_THE = re.compile(r"\b(?:since|desde)\s+(?:the|la|el)\s+$")
_SUMMED = "a count of events over a period: a summary, not one event"
_TOLL = ("killed", "killing", "mato", "mataron")
_PAID = re.compile(r"\b(?:paid|pays|pagado|pago|pagaron)\b")
_STANDING = re.compile(
    r"\b(?:is|are|remains?|esta|estan|sigue|siguen)\s+(?:(?:currently|still|now|actualmente"
    r"|todavia|aun)\s+)?$"
)


# "El petrolero, sometido a sanciones desde hacía años", "companies will be subject to U.S.
# sanctions", "the tanker, under sanctions for years": what a thing is under, not sanctions
# imposed.
_SUBJECT_TO = re.compile(
    r"\b(?:(?:subject|sometid[oa]s?|sujet[oa]s?)\s+(?:to|a)|under|bajo)\s+"
    r"(?:(?:new|u\.s\.|us|las|nuevas)\s+)?$"
)


def _rejected(sentence: Sentence, trigger: Trigger, clause: tuple[int, int], why: str) -> Mention:
    return Mention(sentence, trigger.event_type, "", trigger, "", clause, rejected=why)


def _mention(
    reading: Reading,
    sentence: Sentence,
    trigger: Trigger,
    bounds: tuple[int, int],
    clause: str,
    amounts: list[Amount],
) -> Mention:
    event_type = trigger.event_type
    form = form_of(sentence.folded, trigger, sentence.text)
    if event_type == "designation" and _bare_label(sentence.folded, trigger, clause):
        return _rejected(sentence, trigger, bounds, "a label, not a listing: no 'as' or verb")
    if (
        event_type == "legal"
        and trigger.text.startswith(("charg", "indict", "acus", "imput", "proces"))
        and _STANDING.search(sentence.folded, max(0, trigger.start - 30), trigger.start)
    ):
        # "[He] is currently charged in the United States for ... a murder in 2013", "está
        # acusado en varios autos": where a case stands, not a step taken in it.
        return _rejected(sentence, trigger, bounds, "a standing charge (status), not a step")
    if event_type == "sanction" and _SUBJECT_TO.search(
        sentence.folded, max(0, trigger.start - 30), trigger.start
    ):
        return _rejected(sentence, trigger, bounds, "what something is subject to, not an act")
    paragraph = reading.paragraph_text(sentence.paragraph)
    # A terrorist listing told as a sanction, and Treasury's sanctions told as designations.
    if event_type == "sanction" and SDGT_PHRASE.search(clause):
        event_type = "designation"
    elif event_type == "designation" and not TERRORIST.search(clause):
        if SANCTIONS_CONTEXT.search(clause) or SANCTIONS_CONTEXT.search(paragraph):
            event_type = "sanction"  # Treasury "designated" two officials: a sanction
        elif (
            not TERRORIST.search(sentence.folded)
            and not any(
                e.entity.kind == "organization" and bounds[0] <= e.start < bounds[1]
                for e in sentence.entities
            )
            and not (form == "definite" and _told_terrorist_listing(reading, sentence))
        ):
            # "the designation of a Presidential Delegation", "designates the Texas portions
            # of the future Interstate": designations of other kinds
            return _rejected(sentence, trigger, bounds, "a designation of another kind")
    mention = Mention(
        sentence,
        event_type,
        subtype_for(event_type, clause),
        trigger,
        form,
        bounds,
        title=_title(sentence.text),
    )
    if (
        form == "future"
        and event_type == "bounty"
        and _ANNOUNCED_OFFER.search(sentence.folded, max(0, trigger.start - 120), trigger.start)
    ):
        # "anunció esta tarde que ofrecerá una recompensa de US$ 50 millones", "announced
        # it will offer a reward": a reward is offered when it is announced.
        form = mention.form = "verb"
    if (
        event_type in PERFORMATIVE
        and _PARTICIPLE.search(trigger.text)
        and (form == "progressive" or _HAS_BEEN_RELATIVE.search(sentence.folded, 0, trigger.start))
    ):
        # "Both organizations are designated as foreign terrorist organizations known for
        # ...", "una violenta organización criminal ... que ha sido designada por EE. UU. como
        # una organización terrorista extranjera": what the groups are (a standing listing),
        # not an act ("is designating" is).
        mention.rejected = "a standing status told in the present, not an act"
        return mention
    if trigger.text.endswith("ing") and _GERUND_SUBJECT.match(sentence.folded, trigger.end):
        before = sentence.folded[max(bounds[0], trigger.start - 24) : trigger.start]
        if _SUBJECT_SLOT.search(before):
            # "designating cartels as terrorists is the step necessary to ...",
            # "designating them as terrorist groups would be a mistake": the act as an idea
            # argued about, not one taken.
            mention.rejected = "the act as an idea (the subject of 'is'), not one taken"
            return mention
    if form in ("future", "negated"):
        mention.rejected = "future or planned" if form == "future" else "negated"
        return mention
    own_words = _outside_quotes(sentence, clause, bounds, trigger)
    if form in ("nominal", "definite") and _LIST_CONTINUES.search(sentence.folded, 0, bounds[0]):
        # "... groundwork for these types of authorizations, including missions, and raids":
        # a noun that continues a list is hedged with it.
        own_words = sentence.folded[: bounds[1]]
    if event_type == "bounty":
        # "a reward of up to $10 million for information that could help disrupt ...": what
        # the reward asks for is not a hedge on the offer.
        own_words = _REWARD_PURPOSE.split(own_words, maxsplit=1)[0]
    elif event_type == "statement":
        # "ha notificado al Congreso su intención de designar", "announced Thursday a
        # military operation ..., amid growing concerns that [it] could presage land
        # strikes": what a notice or an announcement says is its content, not a hedge on it.
        own_words = own_words[: trigger.end - bounds[0]]
    if form in ("verb", "past", "nominal") and not _LABEL.match(trigger.text):
        # "Trump issued an executive order late Monday ..., and his administration warned
        # ... that if they continue"; "signed an Executive Order imposing tariffs ..., and
        # establishing a process for the potential imposition": a hedge in the clause
        # coordinated after an act told in the past or with its noun is that clause's.
        after = _COORDINATED.search(own_words, trigger.end - bounds[0])
        if after is not None:
            own_words = own_words[: after.start()]
    # Every _REACTION names a worry with one of _WORRIES: most clauses have none.
    worried = any(word in own_words for word in _WORRIES)
    reaction = _REACTION.search(own_words, max(0, trigger.end - bounds[0])) if worried else None
    if reaction is not None:
        # "designated a powerful gang coalition ..., raising concerns the move could deepen
        # the country's humanitarian crisis", "amid growing concerns that [it] could
        # presage": the fears the act stirs are not a hedge on it.
        own_words = own_words[: reaction.start()]
    hedge = HEDGE.search(own_words)
    if hedge:
        mention.rejected = f"hedged ({hedge.group()!r})"
        return mention
    if (
        form == "perfect"
        and re.search(r"\b(?:since|desde)\b", clause)
        and re.search(r"\b(?:\d+|two|three|four|five|six|seven|eight|dos|tres|cuatro|cinco|seis"
                      r"|siete|ocho|several|varios|varias)\b", clause)
    ):  # fmt: skip
        mention.rejected = "acts over a period since a date: a summary, not one event"
        return mention
    at = trigger.start - bounds[0]
    if _summary(clause, at) or (_PERIOD_WORD.search(clause) and OVER_A_PERIOD.search(clause)):
        mention.rejected = _SUMMED
        return mention
    if event_type == "bounty" and _PAID.search(clause, 0, max(0, at)):
        # The rewards programmes' closing lines: "More than 75 ... brought to justice ...
        # since the NRP's inception in 1986", "ha pagado más de 135 millones en recompensas".
        mention.rejected = "rewards paid out over the programme's life: a total, not an offer"
        return mention
    _date(reading, sentence, mention, bounds)
    _targets(reading, sentence, mention, bounds)
    if not mention.targets and re.match(r"(?:his|her|su)\s", trigger.text):
        people = reading.subjects(("person",))
        if people:
            mention.targets = people[:1]
            mention.target_rule = "the story's person, whom 'his' or 'her' points back to"
    if not mention.targets and _HE_BEFORE.search(
        sentence.folded, max(bounds[0], trigger.start - 40), trigger.start
    ):
        people = reading.subjects(("person",))
        if people:  # "In April 2022, he was charged with ..."
            mention.targets = people[:1]
            mention.target_rule = "the story's person, whom 'he' or 'she' points back to"
    if not mention.targets and _PRONOUN_AFTER.match(sentence.folded, trigger.end):
        subjects = reading.subjects(("organization", "person"))
        if subjects:
            mention.targets = subjects[:1]
            mention.target_rule = "the story's subject, which 'it' or 'them' points back to"
    if event_type in ("bounty", "sanction") and amounts:
        mention.amount = min(amounts, key=lambda a: abs(a.start - trigger.start))
        mention.each = bool(_EACH.search(clause))
    return mention


_GERUND_SUBJECT = re.compile(r"[^,;.]{0,80}?\b(?:is|was|would be|will be|remains)\b")
_SUBJECT_SLOT = re.compile(r"(?:^|\b(?:that|but|and)\s+|[,;:]\s+)$")
_PARTICIPLE = re.compile(r"^\w+(?:ed|ad[oa]s?|id[oa]s?)$")
_HAS_BEEN_RELATIVE = re.compile(
    r"\b(?:que|which|that|who) (?:ha|han|has|have) (?:sido|been) (?:\w+ ){0,2}?$"
)
_ANNOUNCED_OFFER = re.compile(
    r"\b(?:announced|anuncio|anunciaron)\b[^.;]{0,80}?\b(?:will|would|ofrecera|ofreceran)"
    r"(?: now)? (?:offer|pay)?\s*(?:a |an |una )?$"
)


# Every SUMMARY match names its acts with one of these plural nouns: a clause without any
# (most) is not scanned with the pattern.
_SUMMARY_NOUNS = (
    "strikes",
    "attacks",
    "operations",
    "raids",
    "ataques",
    "operaciones",
    "bombardeos",
)


_AFTER = re.compile(r"\b(?:after|following|tras|luego de|despues de)\s")
_SINCE_CLAUSE = re.compile(r"\b(?:since|desde)\s")
_PHRASE_END = re.compile(r"[,;:]")


def after_phrase(folded: str, pos: int) -> int:
    """Where an "after ..." phrase that runs on to ``pos`` opens (no comma between), else -1."""
    return _phrase_opening(_AFTER, folded, pos)


@lru_cache(maxsize=1024)  # asked once per date candidate of the same trigger
def _phrase_opening(opener: re.Pattern[str], folded: str, pos: int) -> int:
    window = max(0, pos - 160)
    ends = [m.end() for m in _PHRASE_END.finditer(folded, window, pos)]
    opens = [m.start() for m in opener.finditer(folded, ends[-1] if ends else window, pos)]
    return opens[-1] if opens else -1


def _summary(clause: str, at: int) -> bool:
    """A count or series of acts that the trigger at ``at`` (in the clause) is part of; one
    told elsewhere in the clause ("since the January 3 capture of Maduro, who had said the
    US campaign of strikes ...") does not make the trigger a summary."""
    if not any(noun in clause for noun in _SUMMARY_NOUNS):
        return False
    return any(m.start() - 60 <= at <= m.end() for m in SUMMARY.finditer(clause))


def _date(reading: Reading, sentence: Sentence, mention: Mention, bounds: tuple[int, int]) -> None:
    """The date mention of the clause nearest the trigger, else of the sentence."""
    start, end = bounds
    trigger = mention.trigger
    if _offset_date(reading, sentence, mention):
        return
    # "identified eight entities as FTOs, ... set in motion by Executive Order 14157 of
    # January 20, 2025": the date of a cited act is that act's, never another trigger's.
    cited = cited_spans(sentence.text)
    resolved = [m for m in sentence.mentions if m.value is not None
                and not any(a <= m.start < b for a, b in cited)
                and _may_date(reading, sentence, trigger, m)]  # fmt: skip
    in_clause = [m for m in resolved if start <= m.start < end]
    if not in_clause and VAGUE.search(sentence.folded, start, end):
        return  # "a move which comes just days after Trump announced": no day of its own
    # Another clause's date counts only when it is not the day something was said there
    # ("officials told Reuters on Saturday, a move which comes days after Trump announced").
    elsewhere = [
        m for m in resolved
        if _performative(mention) or not _next_to_reporting_verb(sentence, m, None)
    ]  # fmt: skip
    pool = in_clause or elsewhere
    if not pool:
        if any(m.value is None for m in sentence.mentions):
            mention.date_rule = "the sentence has a date that could not be resolved"
        return
    if len(pool) == 1:
        chosen = pool[0]  # most often: the one date, with nothing to choose it from
    else:
        # Within the clause, a date in the trigger's own comma-delimited stretch first: "the
        # build-up that began in June continued, and the Navy struck a boat on Tuesday".
        here = _segment(sentence.text, mention.trigger.start)
        same = [m for m in pool if _segment(sentence.text, m.start) == here]
        # "landed in Houston Wednesday and appeared before the judge Thursday": a date told
        # before "and" and another verb is the first verb's; the trigger's own comes after.
        after = [m for m in same if m.start >= mention.trigger.end]
        if after:
            same = [m for m in same if m.start >= mention.trigger.end
                    or not _AND_VERB.search(sentence.folded, m.end, trigger.start)] or same  # fmt: skip
        chosen = min(same or pool, key=lambda m: abs(m.start - mention.trigger.start))
    mention.date = chosen.value
    mention.date_phrase = chosen.phrase
    mention.reporting_date = not _OCCURRED.match(
        sentence.folded, mention.trigger.end, chosen.start
    ) and _next_to_reporting_verb(
        sentence,
        chosen,
        # "anunció este jueves la extradición de 29": a court step announced as its object
        # is done that day; a strike the announcement mentions happened before it.
        mention.trigger if _performative(mention) or mention.event_type == "legal" else None,
        complement=_performative(mention),
    )
    mention.quoted_date = chosen.kind in ("relative", "quoted") and sentence.in_quote(chosen.start)
    gap = sentence.text[
        min(chosen.end, mention.trigger.end) : max(chosen.start, mention.trigger.start)
    ]
    mention.date_adjacent = len(gap.split()) <= 4
    where = "in the clause" if in_clause else "in the sentence"
    mention.date_rule = f"{chosen.phrase!r} {where} ({_how(chosen, sentence)})"
    mention.confidence = 0.9 if chosen.explicit else 0.85


# "el ataque, ocurrido el lunes", "the raid, which took place on Friday": the date that
# follows is the act's own, whatever verb of saying stands near it.
_OCCURRED = re.compile(
    r"(?:\s+[\w.'’-]+){0,5}?\W+(?:ocurrid[oa]s?|registrad[oa]s?|realizad[oa]s?|perpetrad[oa]s?|efectuad[oa]s?"
    r"|llevad[oa]s? a cabo|(?:which|that) (?:took place|occurred|happened)|carried out"
    r"|que (?:tuvo lugar|ocurrio|se produjo))\W+(?:(?:el|la|on|in|en|este|esta|late|early)\s+)?$"
)
# "two days after the U.S. captured him", "un día después de haber sido extraditado": the
# act is the anchor; the sentence's date is N days after (or before) it.
_OFFSET_BEFORE = re.compile(
    r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|un|una|uno|dos|tres|cuatro|cinco"
    r"|seis|siete)\s+(?P<unit>days?|dias?|weeks?|semanas?)\s+(?P<dir>after|before|despues de"
    r"|antes de)\s+(?:[\w.'’-]+\s+){0,10}$"
)
_NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4,
           "cinco": 5, "seis": 6, "siete": 7}  # fmt: skip
# "after a U.S. drug indictment against Maduro": an act the sentence's own date follows.
_CLAUSE_END = re.compile(r"[,;:]|\s[—–]\s")
_RELATIVE_WORD = re.compile(
    r"\b(?:that|which|who|whom|when|where|que|cuando|donde|quien|quienes)\b"
)


def _offset_date(reading: Reading, sentence: Sentence, mention: Mention) -> bool:
    """Dates an act told as the anchor of an offset from the sentence's date: the day told
    before the offset; else the first told after the act, in another clause ("Apenas un día
    después de que EE.UU. anunciara la destrucción del quinto bote ..., dos bombarderos
    volaron este miércoles"); else the last day of the sentence before ("... llegó ... el
    pasado domingo 20 de julio. La extradición se concretó 25 días después de su recaptura")."""
    trigger = mention.trigger
    offset = _OFFSET_BEFORE.search(sentence.folded, max(0, trigger.start - 120), trigger.start)
    if offset is None:
        return False
    days_told = [m for m in sentence.mentions if m.value is not None and m.value.precision == "day"]
    main = [m for m in days_told if m.end <= offset.start()]
    later = [
        m for m in days_told
        if m.start > trigger.end and _CLAUSE_END.search(sentence.folded, trigger.end, m.start)
    ]  # fmt: skip
    before = reading.sentences[sentence.index - 1] if sentence.index else None
    if main:
        anchor = main[-1]
    elif later:
        anchor = later[0]
    elif (
        before is not None
        and before.paragraph >= sentence.paragraph - 1
        and (
            earlier := [
                m for m in before.mentions if m.value is not None and m.value.precision == "day"
            ]
        )
    ):
        anchor = earlier[-1]
    else:
        return False
    assert anchor.value is not None
    n = int(offset["n"]) if offset["n"].isdigit() else _NUMBER[offset["n"]]
    days = n * (7 if offset["unit"].startswith(("week", "semana")) else 1)
    sign = -1 if offset["dir"] in ("after", "despues de") else 1
    day = anchor.value.start.toordinal() + sign * days
    mention.date = PartialDate.from_date(Date.fromordinal(day))
    mention.date_phrase = sentence.text[offset.start() : offset.end()].strip()
    mention.date_rule = (
        f"{mention.date_phrase!r} {anchor.phrase!r}: {n} {offset['unit']} "
        f"{'before' if sign < 0 else 'after'} the sentence's date"
    )
    mention.confidence = 0.85
    mention.date_adjacent = True
    return True


def _may_date(reading: Reading, sentence: Sentence, trigger: Trigger, date: DateMention) -> bool:
    """Whether a date of the sentence may be the act's: not the start of a period of acts
    ("Since 2017, ... indictments"), not the main clause's day for an act it follows ("announced Wednesday ... after
    a U.S. drug indictment"), not the date of a relative clause about something else ("a
    career that began ... in 1969"), not the date of another act's trigger standing between
    them ("anunciada en medio del despliegue militar iniciado en agosto")."""
    folded = sentence.folded
    if _BOUND_BEFORE.search(folded, max(0, date.start - 16), date.start):
        return False  # "Before today, the Treasury had imposed sanctions": a bound, not a day
    if _SINCE.match(date.phrase) and trigger.text.endswith("s"):
        return False  # "Since 2017, ... indictments": acts over a period
    # "Gil convocó este martes ... tras el anuncio de la recompensa", "The visit came after
    # the US designated": the act after "after" came before the day of the clause it follows.
    after = after_phrase(folded, trigger.start)
    if after >= 0 and date.start < after:
        return False
    since = _phrase_opening(_SINCE_CLAUSE, folded, date.start)
    if since >= 0 and (
        trigger.end <= since
        or (trigger.start >= date.end and _PHRASE_END.search(folded, date.end, trigger.start))
    ):
        # "the first Ecuadoran extradited by his nation since a new measure was written into
        # law last year", "Con este bombardeo, suman 30 las acciones ... desde el inicio de la
        # campaña ... a principios de septiembre", "desde su creación hace 39 años, logrando
        # la captura de ...": the day a period starts from is not the day of an act told
        # outside the "since" phrase ("fighting extradition since his arrest in April 2019":
        # the arrest's, inside it).
        return False
    for relative in _RELATIVE_WORD.finditer(folded):
        stop = _CLAUSE_END.search(folded, relative.end())
        span_end = stop.start() if stop else len(folded)
        inside = relative.start() <= date.start < span_end
        if not inside or relative.start() <= trigger.start < span_end:
            continue
        if span_end <= trigger.start and len(folded[relative.end() : date.start].split()) <= 3:
            # "the command said that on Feb. 20, ... conducted a strike", "cabe destacar que
            # la madrugada de este martes, el gobierno extraditó": a date that opens what
            # was said, for the verb after its comma.
            continue
        # A relative clause right after the act's noun is about the act ("the strike that
        # the Navy carried out on Tuesday"); one about something else has its own date.
        gap = folded[trigger.end : relative.start()]
        if not (relative.start() - trigger.end >= 0 and len(gap.split()) <= 3):
            return False
    if date.start > trigger.end:
        for other in find_triggers(folded, reading.military):
            if (
                other.event_type != trigger.event_type
                and trigger.end <= other.start
                and 0 <= date.start - other.end <= 30
            ):
                return False
    return not _prenominal(reading, folded, date, trigger)


def _prenominal(reading: Reading, folded: str, date: DateMention, trigger: Trigger) -> bool:
    """The date is another act's: it stands right before its noun ("since the January 3
    capture of Venezuelan leader Nicolas Maduro"), or follows the act a count starts from
    ("desde la captura del Presidente de Venezuela, Nicolás Maduro, el pasado 3 de enero"),
    not the strike told before it."""
    for other in find_triggers(folded, reading.military):
        if other.start == trigger.start:
            continue
        if 0 <= other.start - date.end <= 1:
            return True
        if (
            trigger.end <= other.start
            and 0 <= date.start - other.end <= 60
            and _SINCE_THE.search(folded, max(0, other.start - 12), other.start)
        ):
            return True
    return False


_SINCE = re.compile(r"(?:since|desde)\b", re.I)
_PERIOD_WORD = re.compile(r"week|month|days|year|seman|mes|dias|anos")
_BOUND_BEFORE = re.compile(r"\b(?:before|until|till|prior to|antes del?|hasta)\s+(?:el\s+)?$")
_SEGMENT_BREAK = re.compile(r",|;|\bthat\b|\bwhich\b|\bwho\b|\bque\b|\bquien\b|\bdonde\b")


_AND_VERB = re.compile(r"\s(?:and|y|e)\s+(?:\w+\s+)?$")


def _segment(text: str, pos: int) -> int:
    """Which comma- or relative-clause-delimited stretch of the sentence ``pos`` is in."""
    return len(_SEGMENT_BREAK.findall(text, 0, pos))


def _how(mention: DateMention, sentence: Sentence) -> str:
    if mention.kind == "absolute":
        return "a date written out"
    if mention.kind == "quoted":
        return f"inside a quote, counted from when it was said: {sentence.speech_rule}"
    if mention.kind == "anaphoric":
        return "counted from the date told before"
    return "counted from the document's date"


def _next_to_reporting_verb(
    sentence: Sentence, mention: DateMention, trigger: Trigger | None, complement: bool = True
) -> bool:
    """The date belongs to a verb of saying, not to the act: "made the announcement
    Thursday ... a military strike". Not when the act is what was announced, right next
    to the verb: "indictments announced in March 2020", "announced the designation"."""
    for v_start, v_end, _word in sentence.reporting:
        if abs(mention.start - v_end) <= 25 or abs(v_start - mention.end) <= 25:
            if mention.start >= v_end and re.search(
                r"\b(?:that|que)\b", sentence.folded[v_end : mention.start]
            ):
                continue  # "recordó que en julio ...": the date opens what was said
            if trigger is None:
                return True
            to_verb = min(abs(mention.start - v_end), abs(v_start - mention.end))
            to_act = min(abs(mention.start - trigger.end), abs(trigger.start - mention.end))
            if (
                not complement
                and trigger.start > mention.end
                and re.search(r"\b(?:that|que)\b", sentence.folded[mention.end : trigger.start])
            ):
                return True  # "destacó este lunes, 21 de julio, que la extradición ..."
            if to_act < to_verb:
                return False  # "el ataque, ocurrido el lunes, el Pentágono dijo"
            lo, hi = min(v_end, trigger.end), max(v_start, trigger.start)
            between = sentence.text[lo:hi].replace(mention.phrase, " ")
            words = [w for w in between.split() if w.lower() not in _TRANSPARENT]
            lead = re.sub(r"^[\s,]*(?:(?:on|in|at|el|en|este|esta)\s+)?[\s,]*", "", between)
            if (
                complement
                and trigger.start > v_end
                and re.match(r"(?:that|que)\b", lead, re.I)
                and not re.search(r";|,\s+(?!that|que)", lead)
            ):
                return False  # "announced last week that the U.S. was sending the carrier"
            return len(words) > 1  # "announced Tuesday the designation" is the act's day
    return False


def _targets(
    reading: Reading, sentence: Sentence, mention: Mention, bounds: tuple[int, int]
) -> None:
    start, end = bounds
    in_clause = [e for e in sentence.entities if start <= e.start < end]
    matches = in_clause or sentence.entities
    # "Maduro's Defense Minister Vladimir Padrino López": the minister, not Maduro
    owners = [e for e in matches if _OWNER.match(sentence.text, e.end)]
    if owners and any(not e.entity.actor and e not in owners for e in matches):
        matches = [e for e in matches if e not in owners]
    actors, targets = roles(sentence.text, matches, mention.trigger, mention.event_type)
    mention.actors, mention.targets = list(actors), list(targets)
    if targets:
        mention.target_rule = "named in the clause" if in_clause else "named in the sentence"


def roles(
    text: str, matches: list[EntityMatch], trigger: Trigger, event_type: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Officials and agencies act (never targets: a directive to the Pentagon is about
    what the Pentagon is to do, not against it); countries act when they come first or
    after "by"; everything else is a target."""
    actors: list[str] = []
    targets: list[str] = []
    # "determinó que Colombia, junto con ... Venezuela, 'ha fallado demostrablemente'": the
    # countries a determination finds failing are its subject, and what it is about.
    failing = _FAILED.match(trigger.text) and _subject_start(text, trigger.start)
    for m in matches:
        entity = m.entity
        if entity.kind == "operation":
            continue
        before = m.start < trigger.start and not (failing and m.start >= failing)
        by_agent = bool(_BY_AGENT.search(text[max(0, m.start - 12) : m.start]))
        acting = entity.actor or (entity.kind == "country" and (before or by_agent))
        if event_type == "diplomatic" and entity.kind == "country" and not before:
            # "da 72 horas de plazo al personal diplomático de EE.UU.": the country whose
            # diplomats are sent home is the act's object, even one that usually acts.
            acting = by_agent
        bucket = actors if acting else targets
        if entity.name not in bucket:
            bucket.append(entity.name)
    return tuple(actors), tuple(t for t in targets if t not in actors)


_FAILED = re.compile(r"failed|(?:ha|han) fallado")
_SUBJECT_OPENS = re.compile(r"\b(?:that|que|designate|designo)\s", re.IGNORECASE)


def _subject_start(text: str, pos: int) -> int:
    """Where the subject of the verb at ``pos`` starts: after the last "that" or "que"."""
    opens = list(_SUBJECT_OPENS.finditer(text, max(0, pos - 150), pos))
    return opens[-1].end() if opens else pos


def _title(sentence: str) -> str:
    return " ".join(sentence.split())


def _cited_day(m: re.Match[str], reference: Date | None) -> Date:
    month, day = MONTH_NUMBER[m["month"].lower()], int(m["day"])
    if m["year"]:
        return Date(int(m["year"]), month, day)
    if reference is None:
        raise ValueError("a day without a year and no date to count from")
    guess = Date(reference.year, month, day)
    return guess if guess <= reference else Date(reference.year - 1, month, day)


def _own_title(text: str, end: int) -> int:
    """How far past a citation its own title runs: "(Designating Cartels ...)" or, in
    reports, ', “Designating Cartels and Other Organizations as ...”'."""
    after = text[end : end + 300]
    opening = after.lstrip(" ,")
    opening = opening[3:] if opening.startswith("on ") else opening  # ', on “Designating ...”'
    skipped = len(after) - len(opening)
    for left, right in (("(", ")"), ("\u201c", "\u201d"), ('"', '"')):
        if opening.startswith(left) and right in opening[1:]:
            return skipped + opening.index(right, 1) + 1
    return 0


# The Spanish form of a cited act: "el Decreto Nº 1235 del 5 de octubre de 2001", "el Decreto
# 918 del 12 de junio de 2012 modificado por los Decretos N° 489 del 16 de julio de 2019 y N°
# 496 del 5 de junio de 2024", "(t.o. por Decreto N° 438 de 1992)". A decree's number and
# its date: each is a decree of that date (or year).
_NUMBER_SIGN = r"(?:N(?:[°ºo]|\.\s?[°º]|ro\.)?\s*)"
CITED_DECREE = re.compile(
    rf"\b(?:Decretos?(?:\s+(?:Ejecutivo|Supremo|Legislativo))?\s+{_NUMBER_SIGN}?"
    rf"|(?<=\s)y\s+{_NUMBER_SIGN})(?P<number>\d[\d.]{{0,8}})(?:/\d{{2,4}})?\s+"
    rf"(?:(?:del?|de\s+fecha)\s+(?P<day>\d{{1,2}})\s+de\s+(?P<month>{MONTHS_ES})\s+(?:de|del)\s+"
    rf"|de\s+)(?P<year>(?:19|20)\d{{2}})(?!\d)"
)


def _cited_decrees(sentence: Sentence) -> list[Mention]:
    """Spanish decrees cited by number and date ("el Decreto Nº 1235 del 5 de octubre de
    2001"): each a directive of its own date, or of its year when only that is given."""
    if "ecreto" not in sentence.text:
        return []
    found: list[Mention] = []
    for m in CITED_DECREE.finditer(sentence.text):
        if m.group().startswith("y") and not found:
            continue  # "y N° 496 del ..." only continues a list of decrees
        try:
            if m["day"]:
                when = PartialDate.from_date(
                    Date(int(m["year"]), MONTH_NUMBER[m["month"].lower()], int(m["day"]))
                )
            else:
                when = PartialDate.parse(m["year"])
        except (ValueError, KeyError):
            continue
        trigger = Trigger("directive", m.start(), m.end(), m.group())
        found.append(
            Mention(
                sentence,
                "directive",
                "decree",
                trigger,
                "cited",
                (m.start(), m.end()),
                date=when,
                date_phrase=m.group(),
                date_rule=f"the act's own date ({m.group()!r})",
                title=f"Decreto {m['number']} ({when.iso})",
                confidence=0.8,
            )  # fmt: skip
        )
    return found


def _cited_acts(sentence: Sentence, reference: Date | None) -> list[Mention]:
    """Acts cited with their date: each is a directive of that date, keyed by its number so
    that it joins the act's own records when they are in the store."""
    found = _cited_decrees(sentence)
    for m in _citations(sentence.text):
        try:
            day = _cited_day(m, reference)
            when = PartialDate.from_date(day)
        except (ValueError, KeyError):
            continue
        kind = "executive_order" if "order" in m["kind"].lower() or "E" in m["kind"] else (
            "proclamation" if "proclamation" in m["kind"].lower() else "memorandum")  # fmt: skip
        number = m.groupdict().get("number") or ""
        label = {"executive_order": "Executive Order", "proclamation": "Proclamation",
                 "memorandum": "Presidential Memorandum"}[kind]  # fmt: skip
        trigger = Trigger("directive", m.start(), m.end(), m.group())
        mention = Mention(
            sentence, "directive", kind, trigger, "cited", (m.start(), m.end()),
            date=when, date_phrase=m.group(), date_rule=f"the act's own date ({m.group()!r})",
            title=f"{label} {number} of {day.strftime('%B')} {day.day}, {day.year}".replace("  ", " "),
            key=f"doc:eo-{number}" if number and kind == "executive_order" else "",
            confidence=0.8,
        )  # fmt: skip
        # The citing sentence is about something else: only the countries it names (the
        # emergency "with respect to Venezuela") and what the citation's own parenthesis
        # names ("(Designating Cartels ...)") are the cited act's targets.
        inside = [e for e in sentence.entities
                  if m.end() <= e.start < m.end() + _own_title(sentence.text, m.end())]  # fmt: skip
        countries = [
            e for e in sentence.entities
            if e.entity.kind == "country"
            and WITH_RESPECT.search(sentence.text, max(0, e.start - 40), e.start)
        ]  # fmt: skip
        targets = [e.entity.name for e in inside + countries if not e.entity.actor]
        mention.targets = list(dict.fromkeys(targets))
        mention.target_rule = (
            "named in the citation or, a country, in its sentence" if targets else ""
        )
        found.append(mention)
    return found
