"""Money amounts in English and Spanish: "$50 million", "$20-million", "$15M", "US$50
millones", "50 million dollars", "50 millones de dólares", "cincuenta millones de
dólares", "fifty million dollars", "€10 million" / "10 millones de euros" (EUR)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textnorm import one_of

_SCALE = {
    "thousand": 1e3, "k": 1e3, "mil": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "millon": 1e6, "millón": 1e6,
    "millones": 1e6,
    "billion": 1e9, "billions": 1e9, "b": 1e9, "bn": 1e9, "mil millones": 1e9,
}  # fmt: skip

# Number words up to the hundreds, as amounts are written in prose.
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintidos": 22,
    "veintidós": 22, "veintitres": 23, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiseis": 26, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
}  # fmt: skip
# The number words as a tree of their letters: the engine follows one branch instead of
# trying seventy words at every word start. Where one word starts another ("four",
# "fourteen") the tree tries the longer first, as an alternation sorted by length would.
_WORD = one_of(sorted(w for w in _UNITS if len(w) > 2))
_WORDS = rf"(?:{_WORD})(?:[\s-]+(?:y\s+|and\s+)?(?:{_WORD})){{0,4}}"  # bounded: linear on "one one one ..."

_NUMBER = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_SCALES = r"thousand|million|billion|millones|millón|millon|mil millones|mil|bn|mn|[mMkKbB]"
_CURRENCY_AFTER = r"(?:de\s+)?d[oó]lares(?:\s+estadounidenses)?|dollars|USD|(?:de\s+)?euros|EUR"
_PATTERN = re.compile(
    rf"(?<![\w$])(?P<sign>US\$|USD|U\.S\.\s*\$|\$|€)\s?(?P<n1>{_NUMBER})(?:[\s-]*(?P<s1>{_SCALES})\b)?"
    rf"|(?<![\w.,])(?P<n2>{_NUMBER})\s*(?P<s2>thousand|million|billion|millones|mil millones|millón"
    rf"|millon|mil)?\s+(?P<c2>{_CURRENCY_AFTER})\b",
    re.IGNORECASE,
)
# Number words are tried only in texts that have a scale word at all: most have none.
_IN_WORDS = re.compile(
    rf"(?<!\w)(?P<w3>{_WORDS})\s+(?P<s3>million|billion|millones|mil millones|millón|millon)"
    rf"(?:\s+(?P<c3>{_CURRENCY_AFTER}))?\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# The same patterns for ASCII text, where re.ASCII changes nothing they match (\w, \d, \s
# and letter case are the same on ASCII characters) and IGNORECASE is cheaper.
_PATTERN_ASCII = re.compile(_PATTERN.pattern, re.IGNORECASE | re.ASCII)
_IN_WORDS_ASCII = re.compile(_IN_WORDS.pattern, re.IGNORECASE | re.ASCII)
_HAS_SCALE = re.compile(r"million|mill[oó]n|billion", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    start: int
    end: int


def _number(text: str, spanish: bool) -> float:
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", text):
        return float(re.sub(r"[,.]", "", text))  # 50,000,000 or 50.000.000
    if spanish and "," in text:
        return float(text.replace(".", "").replace(",", "."))  # 2,5 millones
    return float(text.replace(",", ""))


def _words(text: str) -> float | None:
    total = 0
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("y", "and"):
            continue
        value = _UNITS.get(word)
        if value is None:
            return None
        total = total * 100 if value == 100 and total else total + value
    return float(total) if total else None


def find_amounts(text: str, language: str = "en") -> list[Amount]:
    found = []
    if text.isascii():
        pattern, in_words = _PATTERN_ASCII, _IN_WORDS_ASCII
        lower = text.lower()  # _HAS_SCALE on ASCII text: its words in the lower-cased text
        has_scale = "million" in lower or "millon" in lower or "billion" in lower
        # Both forms of _PATTERN name a currency, by a sign ("$", "USD") or a word after
        # the figure: in ASCII text, one of these (most figures are dates and counts).
        money = "$" in text or any(word in lower for word in ("usd", "dollars", "dolares", "eur"))
    else:
        pattern, in_words = _PATTERN, _IN_WORDS
        has_scale = _HAS_SCALE.search(text) is not None
        money = True
    # Both forms of _PATTERN have digits: a text without one is not scanned position by position.
    matches = list(pattern.finditer(text)) if money and _DIGIT.search(text) else []
    if has_scale:
        taken = [(m.start(), m.end()) for m in matches]
        matches += [w for w in in_words.finditer(text)
                    if not any(a < w.end() and w.start() < b for a, b in taken)]  # fmt: skip
    for m in sorted(matches, key=lambda m: m.start()):
        currency = "USD"
        if m.re is in_words:
            # Number words count only with their scale and a currency, or a reward nearby.
            value_words = _words(m["w3"])
            if value_words is None or not (
                m["c3"] or _MONEY_NEAR.search(text, max(0, m.start() - 60), m.end() + 60)
            ):
                continue
            value, scale, tail = value_words, m["s3"], m["c3"] or ""
        else:
            raw, scale = (m["n1"], m["s1"]) if m["n1"] else (m["n2"], m["s2"])  # type: ignore[misc]
            tail = m["sign"] or m["c2"] or ""
            try:
                value = _number(raw, language == "es")
            except ValueError:
                continue
        if "eur" in tail.lower() or "€" in tail:
            currency = "EUR"
        if scale:
            value *= _SCALE[scale.lower()]
        found.append(Amount(round(value, 2), currency, m.start(), m.end()))
    return found


_MONEY_NEAR = re.compile(r"reward|bounty|recompensa|d[oó]lares|dollars", re.IGNORECASE)
