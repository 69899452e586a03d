"""Money amounts in English and Spanish: "$50 million", "$15M", "50 millones de dólares"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALE = {
    "thousand": 1e3, "k": 1e3, "mil": 1e3,
    "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "millon": 1e6, "millón": 1e6,
    "millones": 1e6,
    "billion": 1e9, "billions": 1e9, "b": 1e9, "bn": 1e9, "mil millones": 1e9,
}  # fmt: skip

_NUMBER = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_PATTERN = re.compile(
    rf"(?:US\$|USD|U\.S\.\s*\$|\$)\s?(?P<n1>{_NUMBER})(?:\s*(?P<s1>thousand|million|billion|millones"
    rf"|mil millones|mil|bn|mn|[mMkKbB])\b)?"
    rf"|(?P<n2>{_NUMBER})\s*(?P<s2>thousand|million|billion|millones|mil millones|millón|millon|mil)?"
    rf"\s+(?:(?:de\s+)?d[oó]lares|dollars|USD)\b",
    re.IGNORECASE,
)


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


def find_amounts(text: str, language: str = "en") -> list[Amount]:
    found = []
    for m in _PATTERN.finditer(text):
        raw, scale = (m["n1"], m["s1"]) if m["n1"] else (m["n2"], m["s2"])
        try:
            value = _number(raw, language == "es")
        except ValueError:
            continue
        if scale:
            value *= _SCALE[scale.lower()]
        found.append(Amount(round(value, 2), "USD", m.start(), m.end()))
    return found
