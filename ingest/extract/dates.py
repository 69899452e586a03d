"""Finding and resolving date expressions in English and Spanish news text.

Candidates are found with one compiled regular expression (cheap), then resolved:
absolute phrases with month names through dateparser (English and Spanish only, cached),
numeric forms and relative expressions (weekdays, yesterday, last week, "two days later")
by calendar arithmetic against the document's publication date or, for anaphora, the
date mentioned just before. Numbers that are not dates ("$50 million", "Section 219",
"within 14 days", "May" as a name) never match a candidate pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timedelta
from functools import lru_cache

from ..schema import PartialDate
from .textnorm import one_of_followed

_MONTHS_EN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
MONTHS_ES = (
    r"(?:[Ee]nero|[Ff]ebrero|[Mm]arzo|[Aa]bril|[Mm]ayo|[Jj]unio|[Jj]ulio|[Aa]gosto|[Ss]eptiembre"
    r"|[Ss]etiembre|[Oo]ctubre|[Nn]oviembre|[Dd]iciembre)"
)
_YEAR_DIGITS = r"(?:19|20)\d{2}"
# Month names in either language, for a pattern that is case-insensitive already.
_MONTH_WORDS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre"
)
_YEAR = _YEAR_DIGITS + r"(?!\d)"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
_WEEKDAYS_EN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS_ES = r"(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)"
_NUMBER_WORDS = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce)"
)

_FORMS = [
    rf"(?P<iso>\b{_YEAR_DIGITS}-(?:0[1-9]|1[0-2])-(?:[12]\d|3[01]|0[1-9])\b)",
    rf"(?P<numeric>\b\d{{1,2}}/\d{{1,2}}/{_YEAR})",
    # "July 25 last year", "25 de julio de este año", "el 3 de enero del año pasado":
    # a day of the publication year or of the year before (before the forms below,
    # which would read the day alone and date it to the nearest July 25)
    rf"(?P<day_rel>\b(?:{_MONTHS_EN}\s+{_DAYNUM}(?:st|nd|rd|th)?|{_DAYNUM}\s+{_MONTHS_EN})"
    rf",?\s+(?:of\s+)?(?:this|last)\s+year\b"
    rf"|\b{_DAYNUM}\s+de\s+{MONTHS_ES}\s+(?:de\s+este\s+(?:mismo\s+)?a[nñ]o|del\s+a[nñ]o"
    rf"\s+pasado|del\s+presente\s+a[nñ]o|del\s+a[nñ]o\s+en\s+curso)\b)",
    # Month Day[, Year]: Feb. 20, 2025 / February 20 / Sept. 4
    rf"(?P<mdy>\b{_MONTHS_EN}\s+{_DAYNUM}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?)",
    # Day Month [Year]: 20 February 2025
    rf"(?P<dmy>\b{_DAYNUM}\s+{_MONTHS_EN}(?:,?\s+{_YEAR})?)",
    # 20 de febrero de 2025 / 5 de marzo
    # "3 de marzo de 2021", "marzo del año 2021", "en el mes de marzo del año 2021"
    rf"(?P<es_dmy>\b{_DAYNUM}\s+de\s+{MONTHS_ES}(?:\s+(?:de|del)\s+(?:a[nñ]o\s+)?{_YEAR})?)",
    rf"(?P<my>\b{_MONTHS_EN}\s+(?:of\s+)?{_YEAR})",
    rf"(?P<es_my>\b(?:el\s+mes\s+de\s+)?{MONTHS_ES}\s+(?:de|del)\s+(?:a[nñ]o\s+)?{_YEAR})",
    # "in January this year", "en enero de este año", "en marzo del año pasado"
    rf"(?P<month_rel>\b(?:[Ii]n\s+)?{_MONTHS_EN}\s+(?:of\s+)?(?:this|last)\s+year\b"
    rf"|\b(?:[Ee]n\s+)?{MONTHS_ES}\s+(?:de\s+este\s+(?:mismo\s+)?a[nñ]o|del\s+a[nñ]o"
    rf"\s+pasado)\b)",
    rf"(?P<in_month>\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-)\s*{_MONTHS_EN}\b"
    rf"(?!\s+(?:of\s+)?\d|\s+of\s+(?:that|the\s+same)\s+year))",
    rf"(?P<es_in_month>\b(?:[Ee]n|[Dd]esde|[Dd]urante|[Aa] (?:principios|finales|mediados"
    rf"|inicios|comienzos) de)\s+"
    rf"(?:el\s+mes\s+de\s+)?{MONTHS_ES}\b(?!\s+(?:de|del)\s+(?:a[nñ]o\s+)?\d"
    rf"|\s+(?:del\s+mismo|de\s+ese)\s))",
    rf"(?P<year>\b(?:(?:[Ii]n\s+)?(?:[Ee]arly|[Ll]ate|[Mm]id-?)|[Ii]n|[Dd]uring|[Ss]ince"
    rf"|[Tt]hroughout|[Ee]n|[Dd]urante|[Dd]esde|[Aa] (?:principios|finales|mediados|inicios"
    rf"|comienzos) de(?:l a[nñ]o)?)\s*{_YEAR}(?![.,]\d))",
    r"(?P<anaphor>\b(?i:the\s+(?:next|following)\s+day|the\s+(?:day|night)\s+before"
    r"|the\s+previous\s+day|(?:on\s+)?(?:the|that)\s+same\s+day|al\s+d[ií]a\s+siguiente"
    r"|el\s+d[ií]a\s+anterior|(?:ese|este|el)\s+mismo\s+d[ií]a"
    # "extradited in September 2023 after being captured ... earlier that year"
    r"|(?:earlier|later)\s+that\s+(?:year|month)|that\s+same\s+(?:year|month)"
    r"|(?:ese|aquel)\s+mismo\s+(?:a[nñ]o|mes)|(?:a\s+)?(?:principios|finales)\s+de\s+(?:ese|aquel)\s+a[nñ]o"
    # "Fue extraditado en septiembre del mismo año": that month of the year told before
    r"|(?:(?:en|in)\s+)?(?:"
    + _MONTH_WORDS
    + r")\s+(?:del\s+mismo\s+a[nñ]o|de\s+ese\s+(?:mismo\s+)?a[nñ]o|of\s+(?:that|the\s+same)\s+year)"
    r")\b)",
    rf"(?P<offset>\b(?i:{_NUMBER_WORDS}\s+(?:days?|weeks?|months?|years?|d[ií]as?|semanas?"
    r"|mes(?:es)?|a[nñ]os?)\s+(?:later|earlier|(?:despu[eé]s|antes)(?!\s+de\b)|(?:after|before)"
    r"(?=\s*[,.;:)]|\s*$))))",
    # "three weeks ago", "hace dos días": counted back from the document's date
    # not "about a year ago", "more than two years ago": a rough time is no date
    rf"(?P<ago>(?<![Aa]bout )(?<![Aa]round )(?<![Nn]early )(?<![Aa]lmost )(?<!than )"
    rf"(?<![Ss]ome )(?<!-)"  # nor the "five" of "Seventy-five years ago"
    rf"\b(?i:{_NUMBER_WORDS}\s+(?:days?|weeks?|months?|years?)\s+ago"
    rf"|hace\s+{_NUMBER_WORDS}\s+(?:d[ií]as?|semanas?|mes(?:es)?|a[nñ]os?))\b)",
    # "last July" (English: the latest July at least two months back), "el pasado
    # mes de enero" (Spanish: the latest January before the current month)
    rf"(?P<last_month>\b(?:[Ll]ast|[Tt]his\s+past)\s+(?:January|February|March|April|May"
    rf"|June|July|August|September|October|November|December)\b(?!\s+\d)"
    rf"|\b(?:[Ee]l\s+)?[Pp]asado\s+(?:mes\s+de\s+)?{MONTHS_ES}\b(?!\s+(?:de|del)\s+\d))",
    # "was extradited overnight from Colombia": the night that ends on the day of the report
    # (not "a successful overnight joint operation", which names a kind of operation)
    r"(?P<relative>\b(?:[Oo]vernight(?=\s*[,.;]|\s+(?:from|to|into|in|on|at|off|near|after)\b)"
    r"|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]his\s+morning"
    r"|[Ee]sta\s+(?:madrugada|ma[nñ]ana|noche|tarde)|[Ee]arlier\s+this\s+(?:year|month|week)"
    r"|(?:[Ll]ast|[Tt]his|[Nn]ext)\s+(?:week|month|year)"
    r"|[Aa]yer|[Hh]oy|[Aa]noche|(?:[Ll]a|[Ee]sta)\s+semana(?:\s+pasada)?|[Ee]l\s+mes\s+pasado"
    r"|[Ee]l\s+a[nñ]o\s+pasado|[Ee]ste\s+(?:mes|a[nñ]o)|[Aa]\s+principios\s+de\s+este\s+a[nñ]o"
    r"|[Ll]a\s+(?:pr[oó]xima\s+semana|semana\s+(?:pr[oó]xima|que\s+viene)))\b)",
    rf"(?P<weekday>\b(?:(?:[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+)?{_WEEKDAYS_EN}\b"
    rf"|\b(?:(?:[Ee]l|[Dd]el|[Aa]l|[Ee]ste)\s+)?(?:(?:pasado|pr[oó]ximo)\s+)?{_WEEKDAYS_ES}\b"
    rf"(?:\s+(?:pasado|pr[oó]ximo))?)",
]
_PATTERN = re.compile("|".join(_FORMS))
# Where a word starts with a digit, only the forms that can begin with one are tried: a
# third of the start words are figures ("$5 million", "Section 8"), and the engine would
# otherwise try every form on them.
_DIGIT_FORMS = ("iso", "numeric", "day_rel", "dmy", "es_dmy", "offset", "ago")
_PATTERN_DIGIT = re.compile(
    "|".join(f for f in _FORMS if re.match(r"\(\?P<(\w+)>", f)[1] in _DIGIT_FORMS)  # type: ignore[index]
)

# Every candidate starts with a digit or one of these words. Trying the full pattern only
# where a sentence has them is several times faster than scanning every position with a
# regular expression of fourteen alternatives.
_START_WORDS = frozenset(
    [
        "the",
        "on",
        "that",
        "al",
        "el",
        "del",
        "al",
        "pasado",
        "ese",
        "la",
        "esta",
        "este",
        "a",
        "an",
        "un",
        "una",
        "uno",
        "in",
        "since",
        "during",
        "early",
        "late",
        "mid",
        "en",
        "desde",
        "durante",
        "throughout",
        "hace",
        "earlier",
        "later",
        "aquel",
        "principios",
        "finales",
        "last",
        "this",
        "next",
        "past",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "once",
        "doce",
        "yesterday",
        "today",
        "tonight",
        "overnight",
        "ayer",
        "hoy",
        "anoche",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "setiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lunes",
        "martes",
        "miércoles",
        "miercoles",
        "jueves",
        "viernes",
        "sábado",
        "sabado",
        "domingo",
    ]
)
_TOKEN = re.compile(r"\w+")

# A date that is part of a citation ("Executive Order 13224 of September 23, 2001") dates
# the cited document, not the event the sentence reports.
_CITATION_BEFORE = re.compile(
    r"(?:Order|Proclamation|Memorandum|Directive|Act|Law|Resolution|Notice|Decree|Decreto)"
    r"\s+(?:No\.\s*)?[\d-]*\s*(?:of|del?)\s*$",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+(?:expected|scheduled|set|due)\s+to|are\s+(?:expected|scheduled|set|due)\s+to"
    r"|plans?\s+to|next|upcoming|va\s+a|van\s+a|pr[oó]xim[oa]|se\s+espera|tiene\s+previsto"
    r"|\b\w*r(?:á|án)(?!\w))",
    re.IGNORECASE,
)
_WILL = re.compile(r"\bwill\b|\bva a\b", re.IGNORECASE)
_TENSE_SENSITIVE = {"weekday", "mdy", "dmy", "es_dmy", "in_month", "es_in_month"}
# Verbs in the past by their ending: English "-ed", the Spanish preterite ("anunció el
# martes que ofrecerá una recompensa").
_PAST_ENDINGS = r"\w+ed|\w+(?:ó|aron|ieron)"
_PAST_NEAR = re.compile(
    rf"\b(?:was|were|had|did|has been|have been|fue|fueron|ocurri[oó]|{_PAST_ENDINGS})\b",
    re.IGNORECASE,
)


_PAST_VERB_JUST_BEFORE = re.compile(
    rf"\b(?:{_PAST_ENDINGS}|said|dijo)\s+(?:on\s+|el\s+|this\s+|este\s+)?$",
    re.IGNORECASE,
)


def _cited_before(window: str) -> bool:
    # Every citation ends with "of", "de" or "del" (no other character matches these
    # letters under IGNORECASE): most windows do not, and need no scan.
    if not window.rstrip().lower().endswith(("of", "de", "el")):
        return False
    return _CITATION_BEFORE.search(window) is not None


def _future_around(sentence: str, start: int, end: int) -> bool:
    """Whether the verb the date belongs to is in the future: read in the words around the
    date, within its clause, so that "Maduro, who was captured early Saturday, will face
    justice" dates the capture to the Saturday before, not after."""
    lo = max(sentence.rfind(",", 0, start), sentence.rfind(";", 0, start), start - 60, 0)
    hi_candidates = [i for i in (sentence.find(",", end), sentence.find(";", end)) if i != -1]
    hi = min([*hi_candidates, end + 40, len(sentence)])
    window = sentence[lo:hi]
    # Without a word of the future (most dates) nothing else needs reading.
    if not _FUTURE.search(window):
        return False
    if _PAST_VERB_JUST_BEFORE.search(sentence, max(0, start - 30), start):
        return False  # "announced on Tuesday it will offer": the date is the announcement's
    return not (_PAST_NEAR.search(window) and not _WILL.search(window))


MONTH_NUMBER = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "enero"), ("february", "feb", "febrero"), ("march", "mar", "marzo"),
            ("april", "apr", "abril"), ("may", "mayo"), ("june", "jun", "junio"),
            ("july", "jul", "julio"), ("august", "aug", "agosto"),
            ("september", "sep", "sept", "septiembre", "setiembre"), ("october", "oct", "octubre"),
            ("november", "nov", "noviembre"), ("december", "dec", "diciembre"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_WEEKDAY_INDEX = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lunes": 0, "martes": 1, "miercoles": 2, "miércoles": 2, "jueves": 3,
    "viernes": 4, "sabado": 5, "sábado": 5, "domingo": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "un": 1, "una": 1, "uno": 1,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "once": 11, "doce": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, resolved (``value``) or not (None)."""

    phrase: str
    start: int
    end: int
    kind: str  # absolute | relative | anaphoric
    value: PartialDate | None

    @property
    def explicit(self) -> bool:
        return self.kind == "absolute"


_SAME_DAY = {
    "today", "tonight", "overnight", "hoy", "this morning", "esta madrugada", "esta mañana",
    "esta manana",
    "esta noche", "esta tarde",
}  # fmt: skip


def _add_months(d: Date, months: int) -> Date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return Date(y, m + 1, 1)


def _week(d: Date) -> PartialDate:
    iso = d.isocalendar()
    return PartialDate.parse(f"{iso.year:04d}-W{iso.week:02d}")


def _candidates(sentence: str) -> Iterator[re.Match[str]]:
    """The same matches as ``_PATTERN.finditer(sentence)``, tried only at start words."""
    if sentence.isascii():
        pattern, digit, starts = _PATTERN_ASCII, _PATTERN_DIGIT_ASCII, _ascii_starts(sentence)
    else:
        pattern, digit, starts = _PATTERN, _PATTERN_DIGIT, _any_starts(sentence)
    end = 0
    for start in starts:
        if start < end:
            continue
        m = (digit if sentence[start].isdigit() else pattern).match(sentence, start)
        if m:
            end = m.end()
            yield m


def _starts(sentence: str) -> Iterator[int]:
    """Where the words that begin with a digit or are start words begin."""
    for token in _TOKEN.finditer(sentence):
        word = token.group()
        if word[0].isdigit() or word.lower() in _START_WORDS:
            yield token.start()


# The same for ASCII text (most sentences), in one scan of the lower-cased sentence
# instead of a Python loop over every word; and the date pattern compiled with re.ASCII,
# which matches the same on ASCII text (\w, \d, \s, \b and letter case are the same
# there) with cheaper character tests.
# The commonest start words ("the", "a", "in", "el", "del", "la") and figures open a date
# only before the words the forms above need after them ("the next day", "a week ago", "in
# March", "el pasado lunes", "20 de febrero", "2025-07-17", "3 days later"): they are
# starts only there, not at every "a" or "$25" (where the whole pattern is tried and fails).
# Each entry is what may follow the word in any form that a match can open with it (read
# off ``_FORMS``; a prefix of it is enough, and letter case is ignored).
_UNITS = r"day|week|month|year|d[ií]a|semana|mes|a[nñ]o"  # "two days later", "hace un año"
_WEEKDAY_ES = r"pasado|pr[oó]ximo|" + _WEEKDAYS_ES[3:-1]  # "el pasado lunes", "del martes"
_FOLLOWS = {
    "the": r"next|following|day|night|previous|same",
    "that": "same",
    "on": r"the\s+same|that\s+same",
    "a": _UNITS + "|principios|finales|mediados|inicios|comienzos",
    # the other words of _NUMBER_WORDS ("an", "three", "dos"): "three weeks ago"
    **dict.fromkeys(re.findall(r"[a-z]{2,}", _NUMBER_WORDS), _UNITS),
    "in": rf"{_MONTHS_EN[3:-1]}|{_MONTH_WORDS}|early|late|mid|19|20",
    "en": rf"el|{_MONTHS_EN[3:-1]}|{_MONTH_WORDS}|19|20",
    "el": rf"mes|d[ií]a|mismo|a[nñ]o|{_WEEKDAY_ES}",
    "del": _WEEKDAY_ES,
    "al": rf"d[ií]a|{_WEEKDAY_ES}",
    "la": r"semana|pr[oó]xima",
    "esta": r"madrugada|ma[nñ]ana|noche|tarde|semana",
    "este": rf"mismo|mes|a[nñ]o|{_WEEKDAY_ES}",
    "ese": "mismo",
    "earlier": "that|this",
    "later": "that",
}
# A figure opens an ISO or numeric date, a day before its month or "de", or a count of
# days: "2025-07-17", "09/15/2025", "20 February", "5 de marzo", "3 days later".
_FIGURE_FOLLOWS = rf"[-/]|\s+(?i:{_MONTHS_EN[3:-1]}|de|{_UNITS})"


def _start_words(digit: str) -> str:
    """The start-word pattern: a figure or a word, each only before what may follow it
    (the words as one tree of their letters: the engine follows one branch)."""
    words = {
        word: rf"(?=\s+(?i:{_FOLLOWS[word]}))" if word in _FOLLOWS else r"\b"
        for word in sorted(_START_WORDS)
    }
    return rf"\b(?:{digit}(?={digit}{{0,3}}(?:{_FIGURE_FOLLOWS}))|{one_of_followed(words)})"


_START_ASCII = re.compile(_start_words("[0-9]"), re.ASCII)
_PATTERN_ASCII = re.compile(_PATTERN.pattern, re.ASCII)
_PATTERN_DIGIT_ASCII = re.compile(_PATTERN_DIGIT.pattern, re.ASCII)


# The same for any text, where lower-casing keeps every offset (accented Spanish, curly
# quotes): one scan instead of a Python loop over the words.
_START_ANY = re.compile(_start_words(r"\d"))


def _ascii_starts(sentence: str) -> list[int]:
    return [m.start() for m in _START_ASCII.finditer(sentence.lower())]


def _any_starts(sentence: str) -> list[int]:
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # "İ" lower-cases to two characters
        return list(_starts(sentence))
    return [m.start() for m in _START_ANY.finditer(lowered)]


@lru_cache(maxsize=64)
def _parser(language: str, base: Date | None, prefer: str):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": prefer}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=[language], settings=settings)


@lru_cache(maxsize=8192)
def _dateparser(
    phrase: str, language: str, base: Date | None, prefer: str
) -> tuple[Date, str] | None:
    """dateparser on one short phrase; English and Spanish only, never auto-detection."""
    data = _parser(language, base, prefer).get_date_data(phrase)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _calendar_parts(phrase: str) -> tuple[int, int | None, int | None] | None:
    """(month, day, year) from a phrase with a month name; None parts were not written."""
    words = re.findall(r"[^\W\d_]+|\d+", phrase.lower())
    months = [MONTH_NUMBER[w] for w in words if w in MONTH_NUMBER]
    if not months:
        return None
    numbers = [int(w) for w in words if w.isdigit()]
    year = next((n for n in numbers if n >= 1900), None)
    day = next((n for n in numbers if n <= 31), None)
    return months[0], day, year


def _clean_phrase(phrase: str) -> str:
    # dateparser reads "Sept." poorly and ordinals fine; "of" in "March of 2020" confuses it.
    phrase = re.sub(r"\bSept\.", "Sep", phrase)
    phrase = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", phrase)
    phrase = re.sub(r"\s+of\s+", " ", phrase)
    phrase = re.sub(r"^(?:[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-)\s*", "", phrase)
    phrase = re.sub(
        r"^(?:[Ee]n|[Dd]esde|[Dd]urante|[Aa] (?:principios|finales|mediados|inicios|comienzos) de)\s+",
        "", phrase,
    )  # fmt: skip
    return phrase.strip()


class DateResolver:
    """Resolves date mentions of one document, in reading order.

    ``published`` anchors relative expressions; without it they stay unresolved (never
    "today" by default). Each resolved mention becomes the anchor for anaphora such as
    "two days later".
    """

    def __init__(self, published: Date | None, language: str = "en"):
        self.published = published
        self.language = language if language in ("en", "es") else "en"
        self.anchor: PartialDate | None = None
        self.unresolved: list[str] = []

    def find(self, sentence: str) -> list[DateMention]:
        mentions = []
        for m in _candidates(sentence):
            kind_name = m.lastgroup or ""
            if _cited_before(sentence[max(0, m.start() - 60) : m.start()]):
                continue
            future = kind_name in _TENSE_SENSITIVE and _future_around(sentence, m.start(), m.end())
            value, kind = self._resolve(kind_name, m.group(), future)
            if value is None and kind != "absolute":
                self.unresolved.append(m.group())
            mentions.append(DateMention(m.group(), m.start(), m.end(), kind, value))
            if value is not None:
                self.anchor = value
        return mentions

    # --- resolution ---------------------------------------------------------------

    def _resolve(self, name: str, phrase: str, future: bool) -> tuple[PartialDate | None, str]:
        try:
            if name in (
                "iso",
                "numeric",
                "mdy",
                "dmy",
                "es_dmy",
                "my",
                "es_my",
                "in_month",
                "es_in_month",
                "year",
            ):
                return self._absolute(name, phrase, future), "absolute"
            if name == "weekday":
                return self._weekday(phrase, future), "relative"
            if name == "relative":
                return self._relative(phrase), "relative"
            if name == "ago":
                return self._ago(phrase), "relative"
            if name == "last_month":
                return self._last_month(phrase), "relative"
            if name == "month_rel":
                return self._month_of_year(phrase), "relative"
            if name == "day_rel":  # a day written out, as explicit as "July 25"
                return self._month_of_year(phrase), "absolute"
            if name in ("offset", "anaphor"):
                return self._anaphor(phrase), "anaphoric"
        except (ValueError, OverflowError):
            pass
        return None, "absolute" if name not in (
            "weekday",
            "relative",
            "ago",
            "offset",
            "anaphor",
        ) else "relative"

    def _absolute(self, name: str, phrase: str, future: bool) -> PartialDate | None:
        if name == "iso":
            return PartialDate.parse(phrase)
        if name == "numeric":
            a, b, y = (int(x) for x in phrase.split("/"))
            m, d = (a, b) if self.language == "en" else (b, a)
            return PartialDate.from_date(Date(y, m, d))
        if name == "year":
            return PartialDate.parse(phrase[-4:])
        month_only = name in ("my", "es_my", "in_month", "es_in_month")
        parts = _calendar_parts(phrase)
        if parts is None:  # not a form the month table reads: let dateparser try
            return self._with_dateparser(name, phrase, future)
        month, day, written_year = parts
        if written_year is not None:
            year = written_year
        elif self.published is None:
            return None  # "Feb. 20" needs a year from the publication date
        else:
            year = self._nearest_year(month, day or 1, future)
        if month_only or day is None:
            return PartialDate.from_date(Date(year, month, 1), "month")
        return PartialDate.from_date(Date(year, month, day))

    def _nearest_year(self, month: int, day: int, future: bool) -> int:
        """The year that puts month/day closest to publication, on the side the tense says:
        "Dec. 30" in a report of January 2025 is 2024-12-30; "next January" is ahead."""
        assert self.published is not None
        year = self.published.year
        candidate = (month, day)
        today = (self.published.month, self.published.day)
        if not future and candidate > today:
            return year - 1
        if future and candidate < today:
            return year + 1
        return year

    def _with_dateparser(self, name: str, phrase: str, future: bool) -> PartialDate | None:
        has_year = bool(re.search(_YEAR, phrase))
        if not has_year and self.published is None:
            return None
        language = "es" if name.startswith("es_") else "en"
        base = None if has_year else self.published
        parsed = _dateparser(_clean_phrase(phrase), language, base, "future" if future else "past")
        if parsed is None:
            return None
        when, period = parsed
        return PartialDate.from_date(when, "month" if period == "month" else "day")

    def _weekday(self, phrase: str, future: bool) -> PartialDate | None:
        if self.published is None:
            return None
        words = phrase.lower().split()
        target = _WEEKDAY_INDEX[
            words[-1]
            if words[-1] in _WEEKDAY_INDEX
            else next(w for w in words if w in _WEEKDAY_INDEX)
        ]
        backward = any(w in ("last", "past", "pasado") for w in words)
        forward = not backward and (
            future or any(w in ("next", "próximo", "proximo") for w in words)
        )
        today = self.published.weekday()
        if not forward:
            back = (today - target) % 7
            if "last" in words and back == 0:
                back = 7
            return PartialDate.from_date(self.published - timedelta(days=back))
        ahead = (target - today) % 7 or 7
        return PartialDate.from_date(self.published + timedelta(days=ahead))

    def _relative(self, phrase: str) -> PartialDate | None:
        p = self.published
        if p is None:
            return None
        text = phrase.lower()
        if text in ("yesterday", "ayer", "anoche"):
            return PartialDate.from_date(p - timedelta(days=1))
        if " ".join(text.split()) in _SAME_DAY:
            return PartialDate.from_date(p)
        if "week" in text or "semana" in text:
            if "last" in text or "pasada" in text:
                return _week(p - timedelta(days=7))
            if "next" in text or "pr" in text.split()[-1] or "viene" in text:
                return _week(p + timedelta(days=7))
            return _week(p)
        if "month" in text or "mes" in text:
            if "last" in text or "pasado" in text:
                return PartialDate.from_date(_add_months(p, -1), "month")
            if "next" in text:
                return PartialDate.from_date(_add_months(p, 1), "month")
            return PartialDate.from_date(p, "month")
        # year: last / next / this / earlier this year / el año pasado / este año
        if "last" in text or "pasado" in text:
            return PartialDate.parse(f"{p.year - 1:04d}")
        if "next" in text:
            return PartialDate.parse(f"{p.year + 1:04d}")
        return PartialDate.from_date(p, "year")

    def _ago(self, phrase: str) -> PartialDate | None:
        """ "three weeks ago" is the ISO week three weeks back, as "last week" is one back;
        "two days ago" a day, "six months ago" a month, "hace dos años" a year."""
        p = self.published
        if p is None:
            return None
        words = [w for w in phrase.lower().split() if w != "hace"]
        n = int(words[0]) if words[0].isdigit() else _NUMBERS[words[0]]
        unit = words[1]
        if unit.startswith(("day", "d")):
            return PartialDate.from_date(p - timedelta(days=n))
        if unit.startswith(("week", "semana")):
            return _week(p - timedelta(days=7 * n))
        if unit.startswith(("month", "mes")):
            return PartialDate.from_date(_add_months(p, -n), "month")
        return PartialDate.parse(f"{p.year - n:04d}")

    def _month_of_year(self, phrase: str) -> PartialDate | None:
        """ "in January this year", "en marzo del año pasado" (and "July 25 last year"):
        that month (or day) of the publication year or of the year before."""
        if self.published is None:
            return None
        year = self.published.year - (1 if re.search(r"\b(?:last|pasado)\b", phrase) else 0)
        parts = _calendar_parts(phrase)
        if parts is None or parts[1] is None:
            words = phrase.lower().split()
            month = next(MONTH_NUMBER[w] for w in words if w in MONTH_NUMBER)
            return PartialDate.from_date(Date(year, month, 1), "month")
        return PartialDate.from_date(Date(year, parts[0], parts[1]))

    def _last_month(self, phrase: str) -> PartialDate | None:
        if self.published is None:
            return None
        words = phrase.lower().split()
        month = MONTH_NUMBER[words[-1]]
        gap = 1 if "pasado" in words else 2  # "last July" said in August is a year back
        back = (self.published.month - month) % 12 or 12
        if back < gap:
            back += 12
        return PartialDate.from_date(_add_months(self.published.replace(day=1), -back), "month")

    def _anaphor(self, phrase: str) -> PartialDate | None:
        anchor = self.anchor
        if anchor is None:
            return None
        # The pattern allows any run of spaces or a line break between the words.
        text = " ".join(phrase.lower().split())
        if "same day" in text or "mismo d" in text:
            return anchor
        month = next((MONTH_NUMBER[w] for w in text.split() if w in MONTH_NUMBER), None)
        if month is not None:  # "en septiembre del mismo año"
            return PartialDate.from_date(Date(anchor.start.year, month, 1), "month")
        if text.endswith(("year", "año", "ano")):  # "earlier that year", "ese mismo año"
            return PartialDate.parse(f"{anchor.start.year:04d}")
        if text.endswith(("month", "mes")):  # of a year told alone: only the year is known
            if anchor.precision == "year":
                return anchor
            return PartialDate.from_date(anchor.start.replace(day=1), "month")
        if any(k in text for k in ("next day", "following day", "siguiente")):
            n, unit, sign = 1, "day", 1
        elif any(k in text for k in ("day before", "night before", "previous day", "anterior")):
            n, unit, sign = 1, "day", -1
        else:
            words = text.split()
            n = int(words[0]) if words[0].isdigit() else _NUMBERS[words[0]]
            unit_word = words[1]
            unit = (
                "day" if unit_word.startswith(("day", "dí", "di"))
                else "week" if unit_word.startswith(("week", "semana"))
                else "month" if unit_word.startswith(("month", "mes"))
                else "year"
            )  # fmt: skip
            sign = -1 if words[-1] in ("earlier", "before", "antes") else 1
        if unit in ("day", "week"):
            if anchor.precision != "day":
                return anchor  # "two days later" than "March 2020" is still March 2020
            days = n * (7 if unit == "week" else 1) * sign
            return PartialDate.from_date(anchor.start + timedelta(days=days))
        if unit == "month":
            moved = _add_months(anchor.start, n * sign)
            if anchor.precision == "day":
                day = min(anchor.start.day, PartialDate.from_date(moved, "month").end.day)
                return PartialDate.from_date(moved.replace(day=day))
            return PartialDate.from_date(
                moved, anchor.precision if anchor.precision != "year" else "year"
            )
        return PartialDate.parse(f"{anchor.start.year + n * sign:04d}")
