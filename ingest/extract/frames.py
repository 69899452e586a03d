"""One event per act in a document: the mentions of one act joined into a frame, dated
and given targets from the whole document.

- Mentions of the same type and date are one act: the names each gives are joined.
- A mention with no date of its own takes one from the document when its words point
  there: "the strikes" or "the designation" told before (the latest frame of that type);
  "also", "separately", "in addition" (the act just told); a present or perfect tense in
  the lede, or an announcement in the present in a statement ("The Department announces
  the designation of ...", "is increasing the reward"): the document's date. Otherwise it
  is background or status ("The State Department has designated Tren de Aragua a foreign
  terrorist organization." further down a story about sanctions) and is not an event.
- A frame dated only by the document's date moves to the date a later mention gives it
  ("The designation was published in the February 20 edition").
- A frame without targets takes them from the sentences that list them ("Los Lobos and
  Los Choneros are Ecuadorian gangs", "The organizations are ...") or, for a reward, from
  the person the story is about.
- Rewards are one event per amount, and per person when the text says "each".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..merge import tolerance
from ..schema import PartialDate, fold
from .amounts import Amount
from .gazetteer import load_gazetteer
from .lexicon import COURT, JUST_HAPPENED, find_triggers, subtype_for
from .mentions import WITH_RESPECT, Mention, after_phrase
from .reading import VAGUE, Reading, Sentence

CONTINUATION = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:also|additionally|in addition|separately|as well|likewise|at the same time"
    r"|specifically|in particular|namely|asimismo|ademas|tambien|igualmente|por otra parte"
    r"|por separado|en concreto|en particular|especificamente)\b"
)
# Present-tense announcements in a statement: the act happens as the statement speaks.
ANNOUNCING = re.compile(
    r"\b(?:hereby|(?:is|are|am|i'm|we're|esta|estan) (?:\w+ )?(?:announcing|designating"
    r"|sanctioning|increasing|adding|offering|imposing|taking|anunciando|designando|sancionando"
    r"|ofreciendo)|announces|anuncia|(?:has|have|is|are)\s+(?:taking|taken)\s+(?:\w+\s+)?"
    r"(?:action|actions|steps)"
    r"|i am pleased to announce|i'm pleased to announce|pleased to announce)\b"
)
BACK_REFERENCE = re.compile(
    r"\b(?:these|those|aforementioned|above-named|above named|said organi[sz]ation"
    r"|the (?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r"|(?:los|las) (?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)|se trata de"
    r"|the (?:gang|group|cartel|organization|organisation)s?|both|estos|estas|dichos|dichas"
    r"|ambos|ambas|el grupo|la banda|los grupos|las bandas)\b"
)
# A group told without its name, right after the act: "designated a powerful gang
# coalition", "sancionó a una banda criminal".
_A_GROUP = re.compile(
    r"\W*(?:\w+\s+){0,3}?(?:an?|una?)\s+(?:[\w-]+\s+){0,2}?(?:gang|coalition|group|cartel"
    r"|organi[sz]ation|banda|pandilla|coalicion|grupo|organizacion)\b"
)
COUNTED_GROUPS = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+|dos|tres|cuatro|cinco|seis"
    r"|siete|ocho|nueve|diez)\s+(?:more\s+|other\s+|new\s+|\w+\s+){0,2}"
    r"(?:gangs|groups|organi[sz]ations|cartels|bandas|grupos|organizaciones|carteles|carteles)\b"
)
_KINDS_LISTED = ("organization", "person")
MEMBERS = re.compile(
    r"\b(?:leaders?|members?|associates|operatives|defendants|financiers|lideres|miembros"
    r"|cabecillas|integrantes|operadores)\b"
)


@dataclass(slots=True)
class Frame:
    event_type: str
    date: PartialDate
    date_rule: str
    dated_by_document: bool  # only the document's date dates it so far
    mentions: list[Mention] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    target_rules: list[str] = field(default_factory=list)
    amount: Amount | None = None
    key: str = ""
    order: Frame | None = None  # a listing's decree, told with it (its groups are its targets)

    @property
    def lead(self) -> Mention:
        """The mention that speaks for the act: its own date first, then the most names."""
        own = [m for m in self.mentions if m.date is not None and not m.rejected]
        return max(own or self.mentions, key=lambda m: (len(m.targets), -m.sentence.index))

    @property
    def subtype(self) -> str:
        return next((m.subtype for m in self.mentions if m.subtype), "")

    def add(self, mention: Mention, how: str) -> None:
        self.mentions.append(mention)
        for name in mention.targets:
            if name not in self.targets:
                self.targets.append(name)
                self.target_rules.append(f"{name}: {mention.target_rule} ({mention.where}{how})")
        for name in mention.actors:
            if name not in self.actors:
                self.actors.append(name)
        if self.amount is None and mention.amount is not None:
            self.amount = mention.amount
        self.key = self.key or mention.key


@dataclass
class Assembly:
    frames: list[Frame]
    not_events: list[tuple[Mention, str]]


def assemble(
    reading: Reading, mentions: list[Mention], statement: bool, act: bool = False
) -> Assembly:
    """The frames of a document. ``statement``: the document performs its acts as it
    speaks (a press release); ``act``: the document is itself an act, whose text dates
    nothing by the document's date but the act (which the caller adds)."""
    frames: list[Frame] = []
    not_events: list[tuple[Mention, str]] = []
    for mention in mentions:
        if mention.rejected:
            not_events.append((mention, mention.rejected))
            continue
        if act and _THIS_ACT.search(mention.sentence.folded, 0, mention.trigger.start):
            not_events.append((mention, "the document itself ('this memorandum')"))
            continue
        candidates = [f for f in reversed(frames)
                      if f.event_type == mention.event_type and _compatible(f, mention)]  # fmt: skip
        # "The decree also orders ...": the act told with the same word, else the latest.
        latest = next((f for f in candidates if _same_word(f, mention)), None) or next(
            iter(candidates), None
        )
        definite = mention.form == "definite"
        if (
            mention.date is not None
            and mention.reporting_date
            and mention.form in ("nominal", "definite")
        ):
            # "made the announcement Thursday ... an American military strike": the day it
            # was said, not the day of the act the noun names.
            mention.date_rule = f"{mention.date_phrase!r} dates the announcement, not the act"
            mention.announced_on, mention.date = mention.date, None
        if mention.date is None:
            _undated(reading, mention, latest, frames, not_events, statement, act)
            continue
        if (
            definite
            and latest is not None
            and latest.dated_by_document
            and not mention.reporting_date
            # "He had been fighting extradition since his arrest in April 2019": an arrest
            # does not date the extradition told in the lede
            and _kind_of(latest.lead) in ("", _kind_of(mention))
        ):
            # "The designation was published in the February 20 edition", "took effect
            # yesterday": the act told in the lede, dated only by the publication, gets its
            # own date.
            latest.date, latest.dated_by_document = mention.date, False
            latest.date_rule = f"{mention.date_rule}, {mention.where}"
            latest.add(mention, "")
            continue
        if (
            definite
            and latest is not None
            and (mention.reporting_date or not mention.date_adjacent)
        ):
            latest.add(mention, f", the {mention.trigger.text!r} told before")
            continue
        if (
            definite
            and latest is not None
            and _TOOK_EFFECT.search(mention.sentence.folded, mention.trigger.end)
        ):
            # "The designations took effect on February 20, 2025, when they were published":
            # the act told before, on the day it took effect.
            latest.add(mention, f", the {mention.trigger.text!r} told before taking effect")
            continue
        if mention.quoted_date:
            # "today" in a statement quoted by a report a day later: the act told before
            near = [
                f
                for f in frames
                if f.event_type == mention.event_type
                and _compatible(f, mention)
                and abs(f.date.start.toordinal() - mention.date.start.toordinal()) <= 1
            ]
            if near:  # fmt: skip
                near[-1].add(mention, ", a quote's relative date within a day of it")
                continue
        _place(frames, mention, mention.date, mention.date_rule, False)
    still: list[tuple[Mention, str]] = []
    for mention, reason in not_events:
        same = [f for f in frames if f.event_type == mention.event_type]
        beside = _dated_beside(frames, mention)
        if (
            mention.date is None
            and not mention.rejected
            and len(same) == 1
            and _compatible(same[0], mention)
        ):
            same[0].add(mention, ", the only act of this type the document dates")
        elif beside is not None and not mention.rejected and mention.date is None:
            # "I have signed the executive decree ... and identified the following groups
            # as terrorist organizations": two acts done together, on the decree's day.
            rule = f"the day of the {beside.lead.trigger.text!r} told with it ({mention.where})"
            _place(frames, mention, beside.date, rule, beside.dated_by_document)
            placed = next(f for f in frames if any(m is mention for m in f.mentions))
            for name in _groups(beside.targets):  # the groups the order lists
                _add(placed, name, f"listed by the {beside.lead.trigger.text!r} told with it")
            if placed.event_type == "designation" and beside.lead.form != "cited":
                placed.order = beside
        else:
            still.append((mention, reason))
    not_events[:] = [(m, r) for m, r in still if not _dated_by_announcement(frames, m)]
    for frame in list(frames):
        if reading.reference is not None and frame.date.start > reading.reference:
            # "declarará el próximo 24 de noviembre", "a hearing scheduled for July 9": a
            # day after the text was written has not happened in it.
            frames.remove(frame)
            not_events += [(m, f"{frame.date.iso} is after the document was written")
                           for m in frame.mentions]  # fmt: skip
            continue
        if frame.event_type == "bounty" and frame.amount is None:
            # A reward is an event with its amount; one told nowhere with it is not.
            frames.remove(frame)
            not_events += [(m, "a reward with no amount anywhere in the document")
                           for m in frame.mentions]  # fmt: skip
    for frame in frames:
        if not _specific(reading, frame.targets):
            _complete_targets(reading, frame, frames)
        _listed_after(reading, frame)
        _spouses(reading, frame)
    for frame in frames:
        if frame.order is not None and frame.order in frames:
            # "I have signed the executive decree ... and identified the following groups as
            # terrorist organizations: ...": the decree is directed at the groups it lists.
            for name in _groups(frame.targets):
                _add(frame.order, name, f"listed as terrorist by it ({frame.lead.where})")
    _consolidate(reading, frames)
    _split_rewards(frames)
    return Assembly(frames, not_events)


# The act is what the reporting verb tells: "said the attack", "announced the arrival of",
# "confirmó la captura".
_ANNOUNCES_IT = re.compile(
    r"\b(?:said|says|announced|announces|confirmed|confirms|disclosed|revealed|reported"
    r"|anuncio|anuncia|confirmo|confirma|informo|informa|dijo)\s+(?:that\s+|que\s+)?"
    # "anunció este viernes un nuevo ataque": the day between the verb and its object
    r"(?:(?:este|esta|el|on|this|late|early)\s+\w+\s+)?"
    r"(?:(?:the|an?|another|its|el|la|los|las|un|una|otro|otra)\s+)?"
    r"(?:(?:new|nuevo|nueva|second|third|segundo|segunda|tercer|tercero|tercera)\s+)?$"
)


def _dated_by_announcement(frames: list[Frame], mention: Mention) -> bool:
    """An act the announcement names ("Hegseth said late on Saturday the attack was carried
    out"): when nothing else in the document dates an act of this type, the day it was
    announced is the latest it can have happened, and the day a reader puts it on the
    timeline."""
    when = mention.announced_on
    if when is None or mention.rejected or any(f.event_type == mention.event_type for f in frames):
        return False
    start = mention.trigger.start
    if not _ANNOUNCES_IT.search(mention.sentence.folded, max(0, start - 40), start):
        return False  # "a trip overshadowed by an American military strike": not what was said
    rule = f"{mention.date_phrase!r}, the day it was announced (nothing else dates the act)"
    _place(frames, mention, when, rule, False)
    return True


_I_HAVE_DONE = re.compile(
    r"\b(?:i|we)\s+(?:have|has)\s+(?:(?:now|just|today)\s+)?(?:issued|signed|ordered|directed)"
    r"\s+(?:an?\s+|the\s+|this\s+)?(?:new\s+)?$"
)
_TOOK_EFFECT = re.compile(
    r"\s(?:\w+\s){0,3}?(?:took|takes|take|went into|goes into|go into) effect\b"
    r"|\s(?:\w+\s){0,3}?(?:entr(?:o|aron|a|an)|entrara|entraron) en vigor\b"
)


_THIS_ACT = re.compile(
    r"\b(?:this|the present|este|esta|la presente|el presente)\s+(?:[\w-]+\s+){0,2}$"
)


def _kind_of(mention: Mention) -> str:
    """The kind of act the trigger's own words tell ("his arrest": an arrest), if any."""
    if not mention.subtype:
        return ""
    return subtype_for(mention.event_type, mention.trigger.text) or mention.subtype


def _same_word(frame: Frame, mention: Mention) -> bool:
    head = mention.trigger.text.split()[-1][:5]
    return any(m.trigger.text.split()[-1][:5] == head for m in frame.mentions)


# A decree or order that lists groups as terrorist is told as two acts: the order (a
# directive) and the listing (a designation), done on the same day.
_PARTNER = {"designation": "directive", "directive": "designation"}


def _dated_beside(frames: list[Frame], mention: Mention) -> Frame | None:
    """The dated act of the partner kind told in the same sentence as an undated listing or
    order, or in the sentence just before or after it: "I have signed the executive decree
    ... and identified the following groups as terrorist organizations"; "Trump oficializó
    la designación ... La firma de la orden ejecutiva se llevó a cabo en horas de la noche"."""
    partner = _PARTNER.get(mention.event_type)
    if partner is None:
        return None
    if mention.event_type == "designation" and mention.form in ("nominal", "definite"):
        return None
    before = mention.sentence.folded[max(0, mention.trigger.start - 40) : mention.trigger.start]
    if re.search(r"\b(?:que|that|which)\b", before):
        return None  # "cárteles que Estados Unidos ha designado como ...": a description
    here = mention.sentence
    # Beyond the sentence, only an act told as done beside a listing told as done: not a
    # label ("supporting terrorist organizations") nor an order cited by its number.
    near = not _label_only(mention.trigger)
    for frame in frames:
        if frame.event_type != partner:
            continue
        if any(m.sentence is here for m in frame.mentions):
            return frame
        if (
            near
            and frame.lead.form != "cited"
            and any(
                abs(m.sentence.index - here.index) == 1
                and abs(m.sentence.paragraph - here.paragraph) <= 1
                for m in frame.mentions
            )
        ):
            return frame
    return None


def _explicit(mention: Mention) -> bool:
    return mention.confidence >= 0.9 and not mention.reporting_date


def _undated(
    reading: Reading,
    mention: Mention,
    latest: Frame | None,
    frames: list[Frame],
    not_events: list[tuple[Mention, str]],
    statement: bool,
    act: bool,
) -> None:
    sentence = mention.sentence
    before = sentence.folded[: mention.trigger.start]
    if sentence.heading and latest is None:
        not_events.append((mention, "a heading with no date of its own"))
        return
    if latest is not None and (mention.form == "definite" or CONTINUATION.search(before)):
        latest.add(mention, f", the {mention.trigger.text!r} told before")
        return
    if VAGUE.search(sentence.folded, max(0, mention.trigger.start - 80), mention.trigger.end + 40):
        not_events.append(
            (mention, "a vague time ('days after'): only the act told elsewhere dates it")
        )
        return
    if reading.signed is not None and (
        mention.form == "hereby" or _I_HAVE_DONE.search(before[-60:])
    ):
        # "I hereby designate ...", and a message's "I hereby report that I have issued an
        # Executive Order ...": done by the signer, on the day of the signing line.
        when, line = reading.signed
        _place(frames, mention, when, f"the signing line {line!r}", False)
        return
    # "Separately, the State Department announced a $15-million reward" opening a paragraph
    # two paragraphs of context after the act it goes with: the act told last.
    opens = _OPENS_WITH_CONTINUATION.match(before) is not None
    previous = _previous_dated(frames, sentence, 3 if opens else 1)
    if (
        previous is not None
        and CONTINUATION.search(before)
        # "Además, ... estos hechos ocurrieron tras el despliegue de buques": an act in an
        # "after" phrase came before; it is not the act told last
        and after_phrase(sentence.folded, mention.trigger.start) < 0
    ):
        rule = f"inherited from {previous.lead.where} ({previous.date.iso}): 'also'"
        _place(frames, mention, previous.date, rule, previous.dated_by_document)
        return
    if reading.reference is not None and not act and not sentence.list_item:
        verbal = mention.form in ("perfect", "progressive", "hereby", "verb", "passive")
        announcing = statement and ANNOUNCING.search(sentence.folded)
        # A statement performs its acts in its opening paragraphs and in what it announces
        # in the present; the past deeds it lists further down are background.
        # A court is never the author of a statement: "The Supreme Court upheld these
        # restrictions" in a proclamation's opening is background, not done as it speaks.
        opening = (
            statement
            and sentence.paragraph <= _opening_paragraph(reading)
            and not COURT.match(mention.trigger.text)
        )
        if verbal and (sentence.lede or opening):
            told = _announced(reading, sentence) if not statement else None
            if told is not None:
                when, rule = told
                _place(frames, mention, when, rule, False)
                return
            just = mention.form == "perfect" and JUST_HAPPENED.search(sentence.folded)
            tense = mention.form in ("perfect", "progressive", "hereby", "passive")
            # A report that carries its own date line ("Caracas, 10 de enero de 2025.-",
            # "lunes 20 de enero de 2020") tells its lede's acts as of that day.
            dated_line = sentence.lede and "dateline" in reading.reference_rule
            if (
                (opening and (tense or sentence.lede))
                or just
                or dated_line
                or mention.form in ("progressive", "hereby")
            ):
                why = ("an act told in a statement, which performs it as it speaks"
                       if statement else f"told in the lede ({mention.form})")  # fmt: skip
                rule = f"the document's date, {reading.reference_rule}: {why}"
                mention.confidence = 0.75
                _place(frames, mention, PartialDate.from_date(reading.reference), rule, True)
                return
            scene = _scene_day(reading, sentence)
            if scene is not None:
                # "Tensions ... reached a new high on Monday, November 24, 2025, in the
                # Caribbean. In a clear show of military force, a ... bomber ... flew over
                # international waters": the day the story's first sentence sets.
                _place(frames, mention, scene, f"the day sentence 1 sets ({scene.iso})", False)
                return
        if announcing:
            rule = (f"the document's date, {reading.reference_rule}: an announcement in the "
                    "present in a statement")  # fmt: skip
            mention.confidence = 0.75
            _place(frames, mention, PartialDate.from_date(reading.reference), rule, True)
            return
    if mention.form in ("verb", "past") and not statement:
        # "Otro país que calificó al Tren de Aragua como un grupo terrorista fue ... Canadá.
        # ... David McGuinty ... informó el 20 de febrero sobre la medida": the step told
        # just before, dated by the announcement that names it.
        told = _announced(reading, sentence, step=True) or _part_of_package(reading, sentence)
        if told is not None:
            _place(frames, mention, told[0], told[1], False)
            return
    reason = (
        "no date: background or status (a perfect tense outside the lede)"
        if mention.form == "perfect"
        else "no date of its own and nothing in the document dates it"
    )
    not_events.append((mention, mention.date_rule or reason))


def _scene_day(reading: Reading, sentence: Sentence) -> PartialDate | None:
    """The day a story's first sentence sets, when it tells no act of its own, for an act
    of the sentence right after it."""
    if sentence.index != 1 or sentence.paragraph != reading.sentences[0].paragraph:
        return None
    first = reading.sentences[0]
    days = [m.value for m in first.mentions
            if m.explicit and m.value is not None and m.value.precision == "day"]  # fmt: skip
    if len(days) != 1 or find_triggers(first.folded, reading.military):
        return None
    return days[0]


# A noun that names the act told before: "confirmed the step", "sobre la medida".
_STEP = re.compile(
    r"\b(?:the|this|that|la|esta|dicha) (?:step|move|measure|decision|medida|declaracion)\b"
)
ANNOUNCED = re.compile(
    r"\b(?:announced|announcement|confirmed|unveiled|made public|said|says|told|stated"
    r"|anunci[oó]|anuncio|anunciad[oa]|confirm[oó]|confirmad[oa]|inform[oó]|informad[oa]"
    r"|comunic[oó]|dijo|asegur[oó])\b"
)


def _announced(
    reading: Reading, sentence: Sentence, step: bool = False
) -> tuple[PartialDate, str] | None:
    """The day the act was announced, from the sentences around the lede: "Rubio made the
    announcement Thursday", "Officials confirmed the step in a statement on Wednesday".
    ``step``: only an announcement that names the act with a noun of its own, in a later
    sentence ("informó el 20 de febrero sobre la medida")."""
    start = sentence.index + 1 if step else max(0, sentence.index - 1)
    for other in reading.sentences[start : sentence.index + 3]:
        if other.paragraph > sentence.paragraph + 1:
            break
        for m in other.mentions:
            if m.value is None or other.in_quote(m.start):
                continue
            near = other.folded[max(0, m.start - 60) : m.end + 60]
            if step and not _STEP.search(near):
                continue
            if ANNOUNCED.search(near):
                where = "the same sentence" if other is sentence else f"sentence {other.index + 1}"
                return m.value, f"{m.phrase!r}, the day it was announced ({where})"
    return None


# An action of several parts, announced in the lede: "anunció este jueves una ofensiva legal y
# financiera", "announced a package of sanctions and measures".
_PACKAGE = re.compile(
    r"\b(?:announced|anuncio)\b[^.;]{0,40}?\b(?:an?|una?)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:offensive|crackdown|package|ofensiva|paquete|serie de medidas)\b"
)


def _part_of_package(reading: Reading, sentence: Sentence) -> tuple[PartialDate, str] | None:
    """The day of an action of several parts the lede announces, for the parts the next
    paragraph tells without a date: "El DOJ anunció este jueves una ofensiva legal y
    financiera ... El DOJ presentó cargos penales, el Departamento del Tesoro impuso
    sanciones ... y el Departamento de Estado ofreció una recompensa"."""
    for lede in (s for s in reading.sentences if s.lede):
        if not 0 <= sentence.paragraph - lede.paragraph <= 1 or sentence.index <= lede.index:
            continue
        package = _PACKAGE.search(lede.folded)
        if package is None:
            continue
        for m in lede.mentions:
            if m.value is not None and abs(m.start - package.start()) <= 60:
                return m.value, f"{m.phrase!r}, the day the lede announces the action it is part of"
    return None


def _opening_paragraph(reading: Reading) -> int:
    """The last paragraph of a statement's opening: its first three paragraphs of text."""
    paragraphs = sorted({s.paragraph for s in reading.sentences if not s.heading})
    return paragraphs[min(2, len(paragraphs) - 1)] if paragraphs else -1


def _previous_dated(frames: list[Frame], sentence: Sentence, reach: int = 1) -> Frame | None:
    near = [f for f in frames if f.mentions[-1].sentence.paragraph >= sentence.paragraph - reach]
    return near[-1] if near else None


_OPENS_WITH_CONTINUATION = re.compile(
    r"\W*(?:separately|in addition|additionally|also|por separado|ademas|asimismo|por otra parte)\b"
)


def _place(
    frames: list[Frame], mention: Mention, date: PartialDate, rule: str, by_document: bool
) -> None:
    for frame in frames:
        if frame.event_type != mention.event_type or frame.date != date:
            continue
        if mention.key and frame.key and mention.key != frame.key:
            continue  # two acts with their own numbers
        if frame.event_type == "bounty" and not _same_reward(frame, mention):
            continue
        frame.add(mention, "")
        if frame.dated_by_document and not by_document:
            frame.dated_by_document, frame.date_rule = False, rule
        return
    frame = Frame(mention.event_type, date, rule, by_document)
    frame.add(mention, "")
    frames.append(frame)


def _date_quality(frame: Frame) -> int:
    """How well a frame is dated: a date written out (3), a relative date of its own (2),
    one taken from the document's other sentences (1), the document's own date (0)."""
    if frame.dated_by_document:
        return 0
    rule = frame.date_rule
    if rule.startswith(("inherited", "the only")) or "announced (" in rule:
        return 1
    return 3 if ("written out" in rule or "signing line" in rule or "own date" in rule) else 2


def _consolidate(reading: Reading, frames: list[Frame]) -> None:
    """Acts told twice with dates the merger would join (a notice signed on the 16th and
    published on the 24th; "designated Wednesday" and "effective Thursday") are one act
    in one document: keep the better-dated frame and give it the other's mentions."""
    for frame in sorted(frames, key=lambda f: -_date_quality(f)):
        if frame not in frames:
            continue
        mine = set(_specific(reading, frame.targets))
        for other in list(frames):
            if other is frame or other.event_type != frame.event_type:
                continue
            if _month_of(other, frame):
                # "the January 2017 Presidential Memorandum" is "the Presidential Memorandum
                # of January 23, 2017" told again.
                _absorb(frames, frame, other)
                continue
            if other.key and frame.key and other.key != frame.key:
                continue
            if not mine and not other.dated_by_document:
                continue
            if frame.event_type == "bounty" and (
                frame.amount and other.amount and frame.amount.value != other.amount.value
            ):
                continue  # fmt: skip
            kinds_differ = bool(frame.subtype and other.subtype and frame.subtype != other.subtype)
            if frame.event_type == "legal" and kinds_differ:
                continue  # charges on Thursday, the arrest on Wednesday: two court steps
            gap = abs(frame.date.start.toordinal() - other.date.start.toordinal())
            if (
                other.dated_by_document
                and not frame.dated_by_document
                and not kinds_differ
                and not _specific(reading, other.targets)
                and set(other.targets) <= set(frame.targets)
                and gap <= tolerance(frame.event_type)
            ):
                # "Mexico has sent 29 drug cartel figures" in the lede, dated only by the
                # report, is the "sent to the US Thursday" of the body: one act, whose own
                # day is the body's.
                _absorb(frames, frame, other)
                continue
            if not mine:
                continue
            theirs = set(_specific(reading, other.targets))
            if (
                mine & theirs
                and gap <= tolerance(frame.event_type)
                and (
                    _date_quality(other) < _date_quality(frame)
                    or frame.date.precision == other.date.precision
                )
            ):
                _absorb(frames, frame, other)


def _absorb(frames: list[Frame], frame: Frame, other: Frame) -> None:
    frames.remove(other)
    for mention in other.mentions:
        frame.add(mention, f", the same act dated {other.date.iso} there")


def _month_of(coarse: Frame, fine: Frame) -> bool:
    """A directive told at month precision inside the month of one told at its day, of the
    same kind and with no other number or target."""
    return (
        coarse.event_type == fine.event_type == "directive"
        and coarse.date.precision == "month"
        and fine.date.precision == "day"
        and coarse.date.start <= fine.date.start <= coarse.date.end
        and coarse.subtype == fine.subtype != ""
        and not (coarse.key and fine.key and coarse.key != fine.key)
        and set(coarse.targets) <= set(fine.targets)
    )


def _compatible(frame: Frame, mention: Mention) -> bool:
    """Whether a mention may join a frame told before: a reward of another amount is
    another reward; an act with its own document number is that act."""
    if frame.event_type == "bounty" and not _same_reward(frame, mention):
        return False
    return not (mention.key and frame.key and mention.key != frame.key)


def _same_reward(frame: Frame, mention: Mention) -> bool:
    if frame.amount is None or mention.amount is None:
        return True
    return frame.amount.value == mention.amount.value


def _split_rewards(frames: list[Frame]) -> None:
    """'$25 million each for Maduro and Cabello': one reward per person."""
    for frame in list(frames):
        if frame.event_type != "bounty" or not any(m.each for m in frame.mentions):
            continue
        people = [t for t in frame.targets if t]
        if len(people) < 2:
            continue
        frames.remove(frame)
        for person in people:
            part = Frame(frame.event_type, frame.date, frame.date_rule, frame.dated_by_document)
            part.mentions = list(frame.mentions)
            part.targets, part.actors = [person], list(frame.actors)
            part.target_rules = [f"{person}: one reward per person ('each')"]
            part.amount, part.key = frame.amount, frame.key
            frames.append(part)


def _complete_targets(reading: Reading, frame: Frame, frames: list[Frame]) -> None:
    """Targets for a frame whose mentions name none, from where the text puts them."""
    lead = frame.lead
    clause = lead.sentence.folded
    if COUNTED_GROUPS.search(clause) and _names_after(
        reading, frame, lead.sentence, kinds=("organization",)
    ):
        return  # "two Ecuadorian gangs" ... "Los Lobos and Los Choneros are ..."
    if lead.form == "definite" and _names_after(reading, frame, lead.sentence, 1):
        return  # "The capture unfolded early Saturday ..." "... to seize Maduro and ..."
    if _A_GROUP.match(clause, lead.trigger.end) and _names_after(
        reading, frame, lead.sentence, 1, kinds=("organization",)
    ):
        # "designated a powerful gang coalition in Haiti as a foreign terrorist
        # organization" ... "The Viv Ansanm coalition, which means ...": the group the
        # sentence after names.
        return
    # The first of the act's sentences that points back ("these", "estas organizaciones"):
    # "... conocidas como Gran Grif y Viv Ansanm. Estas organizaciones han sido designadas
    # ... La designación pone de relieve ...". A cited act's targets are its citation's own
    # (mentions._cited_acts): "the Cartels" of the citing sentence are what it is about.
    told = sorted({m.sentence.index: m.sentence for m in frame.mentions}.items())
    pointing = next((s for _, s in told if BACK_REFERENCE.search(s.folded)), None)
    if lead.form != "cited" and pointing is not None:
        earlier = [f for f in frames if f is not frame and f.targets
                   and f.mentions[0].sentence.index < pointing.index]  # fmt: skip
        if earlier:  # "These three reward offers stem from indictments ..."
            for name in dict.fromkeys(n for f in earlier[-3:] for n in f.targets):
                _add(frame, name, "the acts told just before ('these')")
            return
        for sentence in reversed(reading.sentences[max(0, pointing.index - 4) : pointing.index]):
            # "the aforementioned organization"; "un conflicto armado ... con estos grupos"
            # after a sentence naming only "los cárteles de la droga" (a topic that is groups)
            names = _listed(sentence) or _group_topics(sentence)
            if names:
                for name in names:
                    _add(frame, name, f"named in {_where(sentence)}, which the text points back to")
                return
        if _names_after(reading, frame, pointing):
            return
    if lead.form == "cited" and "national emergency" in clause:
        # "The President took additional steps pursuant to this national emergency in
        # Executive Order 13808 of ...": the orders concern the emergency's country.
        country = _emergency_country(reading)
        if country is not None and country[0].index <= lead.sentence.index:
            _add(frame, country[1], f"the national emergency's country ({_where(country[0])})")
            return
    if frame.event_type == "bounty":
        people = reading.subjects(("person",))
        if people:
            _add(frame, people[0], "the person the story is about")
            return
    if MEMBERS.search(clause):
        groups = reading.subjects(("organization",))
        if groups:
            _add(frame, groups[0], "the organization whose leaders or members the act names")


# "la captura de Nicolás Maduro y su esposa", "fue extraído ... junto a su esposa, Cilia
# Flores": the spouse the act took with the person it names.
_SPOUSE_WORDS = re.compile(
    r"\b(?:his wife|her husband|su esposa|su esposo|su mujer|su marido|first lady|primera dama)\b"
)


def _spouses(reading: Reading, frame: Frame) -> None:
    """A person's spouse (the gazetteer knows who) told with them in the act's sentences or
    in the sentence right after its first one."""
    entities = load_gazetteer().entities
    spouses = [entity.spouse for name in frame.targets
               if (entity := entities.get(fold(name))) is not None and entity.spouse]  # fmt: skip
    if not spouses:
        return
    lead = frame.lead.sentence
    sentences = {m.sentence.index: m.sentence for m in frame.mentions}
    if lead.index + 1 < len(reading.sentences):
        sentences.setdefault(lead.index + 1, reading.sentences[lead.index + 1])
    for spouse in spouses:
        for sentence in sorted(sentences.values(), key=lambda s: s.index):
            named = any(m.entity.name == spouse for m in sentence.entities)
            if named or _SPOUSE_WORDS.search(sentence.folded):
                _add(frame, spouse, f"the spouse told with them ({_where(sentence)})")
                break


def _emergency_country(reading: Reading) -> tuple[Sentence, str] | None:
    """The first country the document names 'with respect to' (once per document)."""
    if "emergency_country" not in reading.memo:
        reading.memo["emergency_country"] = next(
            ((sentence, match.entity.name) for sentence in reading.sentences
             for match in sentence.entities
             if match.entity.kind == "country"
             and WITH_RESPECT.search(sentence.text, max(0, match.start - 40), match.start)),
            None,
        )  # fmt: skip
    return reading.memo["emergency_country"]  # type: ignore[return-value]


LISTING = re.compile(
    r"\b(?:includ(?:e|es|ed|ing)|incluye|incluyen|inclu[ií]a|entre (?:ellos|ellas|los que)"
    r"|(?:are|son)\s*:|the (?:designated )?(?:groups|organi[sz]ations|cartels|gangs) (?:are|were)"
    r"|los grupos (?:designados )?son)\b"
)


def _listed_after(reading: Reading, frame: Frame) -> None:
    """ "La notificación oficial incluye, además del Tren de Aragua ..., a la Mara
    Salvatrucha, el Cartel de Jalisco ...": the names the act covers, listed just after."""
    first = min(m.sentence.index for m in frame.mentions)
    listed = False
    for sentence in reading.sentences[first + 1 : first + 5]:
        more = listed and CONTINUATION.search(sentence.folded)  # "... also identified two"
        names = _listed(sentence) if _lists(reading, sentence) or more else []
        if len(names) >= 2 and any(
            not _label_only(t) for t in find_triggers(sentence.folded, reading.military)
        ):
            names = []  # another act is told there
        if len(names) < 2:
            if listed:
                return  # "... six Mexico-based entities: ..." "... also identified two gangs: ..."
            continue
        listed = True
        for name in names:
            _add(frame, name, f"listed in {_where(sentence)}")


def _lists(reading: Reading, sentence: Sentence) -> bool:
    """LISTING on a sentence, searched once: every frame looks at the three after its own."""
    found: dict[int, bool] = reading.memo.setdefault("lists", {})  # type: ignore[assignment]
    if sentence.index not in found:
        found[sentence.index] = LISTING.search(sentence.folded) is not None
    return found[sentence.index]


_LABEL_ONLY = re.compile(
    r"(?:foreign |specially designated |global )?terrorist|ftos?$|sdgts?$|organizaci"
    r"|terroristas? glob"
)


def _label_only(trigger: object) -> bool:
    return bool(_LABEL_ONLY.match(getattr(trigger, "text", "")))


def _names_after(
    reading: Reading,
    frame: Frame,
    after: Sentence,
    within: int = 8,
    kinds: tuple[str, ...] = _KINDS_LISTED,
) -> bool:
    """Names listed in the sentences that follow, told without a trigger of their own:
    "Los Lobos and Los Choneros are Ecuadorian gangs ...", "The groups are: ..."."""
    for sentence in reading.sentences[after.index + 1 : after.index + 1 + within]:
        if find_triggers(sentence.folded) and not sentence.heading:
            continue
        names = _listed(sentence, kinds)
        if names:
            for item in _with_list(reading, sentence):
                for name in _listed(item, kinds) if item is not sentence else names:
                    _add(frame, name, f"listed in {_where(item)}")
            return True
    return False


def _with_list(reading: Reading, sentence: Sentence) -> list[Sentence]:
    """A sentence, and when it is one item of a bulleted list, the items that follow it
    (each bullet of "The seven entities listed today are:" is a paragraph of its own)."""
    items = [sentence]
    if sentence.list_item:
        for following in reading.sentences[sentence.index + 1 :]:
            if not following.list_item or find_triggers(following.folded):
                break
            items.append(following)
    return items


def _listed(sentence: Sentence, kinds: tuple[str, ...] = _KINDS_LISTED) -> list[str]:
    return list(dict.fromkeys(
        m.entity.name for m in sentence.entities
        if m.entity.kind in kinds and not m.entity.actor
    ))  # fmt: skip


_GROUP_TOPIC = re.compile(r"cartel|gang|group")


def _group_topics(sentence: Sentence) -> list[str]:
    """The topics a sentence names that are groups ("Drug cartels", not "Fentanyl")."""
    return [name for name in _listed(sentence, ("topic",)) if _GROUP_TOPIC.search(name.lower())]


def _add(frame: Frame, name: str, rule: str) -> None:
    if name not in frame.targets:
        frame.targets.append(name)
        frame.target_rules.append(f"{name}: {rule}")


def _of_kinds(names: list[str], kinds: tuple[str, ...]) -> list[str]:
    """The names whose gazetteer entity is of one of ``kinds`` (or that it does not know)."""
    entities = load_gazetteer().entities
    return [n for n in names if (e := entities.get(fold(n))) is None or e.kind in kinds]


def _groups(names: list[str]) -> list[str]:
    """Targets that are groups or people (or a topic such as "Drug cartels"), not states."""
    return _of_kinds(names, ("organization", "person", "topic"))


def _specific(reading: Reading, names: list[str]) -> list[str]:
    """Targets that tell the act apart: organizations and people, not topics ("cartels")."""
    return _of_kinds(names, ("organization", "person"))


def _where(sentence: Sentence) -> str:
    return f"sentence {sentence.index + 1}"
