"""Documents that are themselves acts: an executive order, proclamation or memorandum
yields one directive event, a message or communication of the President to Congress one
statement event, each dated by its signing line ("THE WHITE HOUSE, January 20, 2025.",
"The White House, Washington, March 17, 2025.", "Dated: November 16, 2025.", "this
fourteenth day of March, in the year of our Lord two thousand twenty-five")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

from ..schema import PartialDate
from .dates import MONTH_NUMBER

_MONTH_DATE = (
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{1,2},\s+\d{4})"
)
# A signing line starts its line: "THE WHITE HOUSE, January 20, 2025." (orders), "The White
# House, Washington, March 17, 2025." (messages), "Dated: November 16, 2025." (notices).
_SIGNED = re.compile(
    rf"^[ \t]*(?:THE WHITE HOUSE,?\s{{0,8}}(?:Washington,?\s{{0,4}})?|Dated:[ \t]*){_MONTH_DATE}",
    re.IGNORECASE | re.MULTILINE,
)
_WITNESS = re.compile(
    r"set my hand this\s+(?P<day>[a-z-]+(?:\s+[a-z-]+)?)\s+day of\s+(?P<month>[A-Za-z]+),?\s+in the year"
    r" of our Lord two thousand(?:\s+and)?\s*(?P<year>[a-z-]*)",
    re.IGNORECASE,
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip

_SIGNED_BY_PRESIDENT = re.compile(
    rf"^[ \t]*THE WHITE HOUSE,?\s{{0,8}}(?:Washington,?\s{{0,4}})?{_MONTH_DATE}",
    re.IGNORECASE | re.MULTILINE,
)
# Matched on lower-cased text (a pattern without IGNORECASE is several times faster).
_MESSAGE = re.compile(
    r"(?:message|communication)\s+from\s+the president|to the congress of the united states:"
    r"|dear mr\. speaker:|dear madam speaker:"
)
_MESSAGE_WORDS = ("message", "communication", "congress of the united states:", "speaker:")
_KINDS = (
    ("notice", re.compile(r"^(?:notice|message)\b", re.IGNORECASE)),
    ("executive_order", re.compile(r"\bexecutive order\b|it is hereby ordered", re.IGNORECASE)),
    ("proclamation", re.compile(r"\bproclamation\b|do hereby proclaim", re.IGNORECASE)),
    ("memorandum", re.compile(r"\bmemorandum\b|MEMORANDUM FOR", re.IGNORECASE)),
)
_IS_ACT = re.compile(
    r"by the authority vested in me|it is hereby ordered|do hereby proclaim|memorandum for|"
    r"in witness whereof|the white house,\s*(?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december)"
)
_IS_ACT_WORDS = ("vested in me", "hereby", "memorandum for", "witness whereof", "white house,")
_PURPOSE = re.compile(
    r"(?:Purpose(?: and Policy)?|Policy)\.\s+(?P<text>[^\n].{20,400}?[.;])(?:\s|$)", re.S
)


@dataclass(frozen=True)
class Act:
    subtype: str
    signed: PartialDate
    signing_line: str
    purpose: str
    event_type: str = "directive"


def _words_number(text: str, table: dict[str, int]) -> int | None:
    total = 0
    for part in re.split(r"[\s-]+", text.lower().strip()):
        if not part or part == "and":
            continue
        if part in table:
            total += table[part]
        elif part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        elif part in _TEENS:
            total += _TEENS[part]
        else:
            return None
    return total or None


def signing_date(text: str) -> tuple[PartialDate, str] | None:
    """The date on the act's closing line, with that line; None when there is none or
    it names no real date ("February 30")."""
    # A signing line has "House" or "Dated:" in it, a witness line "hand", in some letter
    # case (and no character but these letters' two cases matches them under IGNORECASE):
    # most texts have neither, and are not scanned with the patterns.
    lowered = text.lower()
    signing = "hou" in lowered or "dated:" in lowered
    signed = list(_SIGNED.finditer(text)) if signing else []
    if signed:
        m = signed[-1]
        month_name, day, year = m["date"].replace(",", "").split()
        return _dated(int(year), MONTH_NUMBER[month_name.lower()], int(day), m.group())
    witness = list(_WITNESS.finditer(text)) if "hand" in lowered else []
    if witness:
        m = witness[-1]
        day_number = _words_number(m["day"], _ORDINALS)
        year_part = _words_number(m["year"], {}) if m["year"] else 0
        if day_number and m["month"].lower() in MONTH_NUMBER and year_part is not None:
            month = MONTH_NUMBER[m["month"].lower()]
            return _dated(2000 + year_part, month, day_number, m.group())
    return None


def _dated(year: int, month: int, day: int, line: str) -> tuple[PartialDate, str] | None:
    try:
        return PartialDate.from_date(Date(year, month, day)), " ".join(line.split())
    except (ValueError, OverflowError):
        return None


def detect_act(
    title: str, text: str, fallback: PartialDate | None, signed: tuple[PartialDate, str] | None
) -> Act | None:
    """The act a document is, if it is one; None for articles, fact sheets, remarks.
    ``signed`` is ``signing_date(text)``, which the reading of the document has found
    already: the closing lines are not searched twice."""
    head = text[:3000]
    lowered = text[:4000].lower()
    # Each form of _MESSAGE has one of these words, each of _IS_ACT one of the next: most
    # documents have none, and are not scanned with the patterns.
    message = any(lowered.find(word, 0, 3000) >= 0 for word in _MESSAGE_WORDS)
    if message and _MESSAGE.search(lowered, 0, 3000):
        if signed is None:
            return None
        return Act("message", signed[0], signed[1], "", "statement")
    # "Dated:" alone signs an agency's notice (a designation, read from its words); the
    # President's acts are signed by the White House or say what they are.
    is_act = any(word in lowered for word in _IS_ACT_WORDS) and _IS_ACT.search(lowered)
    tail = text[-600:]
    if not is_act and not ("hou" in tail.lower() and _SIGNED_BY_PRESIDENT.search(tail)):
        return None
    subtype = next((name for name, rx in _KINDS if rx.search(title)), None)
    subtype = subtype or next((name for name, rx in _KINDS if rx.search(head)), "directive")
    if signed is not None:
        when, line = signed
    elif fallback is not None:
        when, line = fallback, ""
    else:
        return None
    purpose = _PURPOSE.search(head)
    return Act(subtype, when, line, " ".join(purpose["text"].split()) if purpose else "")
