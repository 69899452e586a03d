"""Splitting text into sentences without breaking at "Feb.", "U.S." or "Mr."."""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "adm", "capt",
    "st", "no", "vs", "inc", "corp", "jr", "sr", "sra", "srta", "dra", "approx", "est",
    "e.g", "i.e", "etc", "u.s", "u.n", "ee.uu", "p.m", "a.m", "d.c", "fig", "art", "sec",
    "e.o", "a.k.a", "u.s.c", "gral", "cnel", "sgto", "stat", "pub", "ref", "vol", "s.a",
    "c.a", "ltd", "co", "s.a.s", "ee", "uu",
}  # fmt: skip
# The look-behind makes a run of "....." one candidate, not one per dot (linear time). It
# follows the first stop (which it then sees as its second character): a pattern that
# opens with a stop lets the engine skip to the next stop instead of trying every position.
_BOUNDARY = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*[\"'”’)]*\s+(?=[\"“¿¡(\[]?[A-ZÁÉÍÓÚÑ0-9])")
_INITIAL = re.compile(r"[a-z]")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-*•]\s)")


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; paragraphs never join, headlines stand alone."""
    for start, body in paragraphs(text):
        for offset, sentence in sentences_of(body):
            yield start + offset, sentence


def sentences_of(body: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs of one paragraph (its whitespace already normalized)."""
    pos = 0
    for m in _BOUNDARY.finditer(body):
        # Only the word before the stop decides ("Feb.", "U.S."): look back to the last
        # space, never over the whole sentence so far (which made "Mr. A " * n quadratic).
        space = body.rfind(" ", pos, m.start())
        last = body[max(space + 1, pos) : m.start()].rstrip(".").lstrip("([{\"'“‘").lower()
        if last in _ABBREVIATIONS or _INITIAL.fullmatch(last):
            continue  # "Feb. 20", "U.S. forces", "J. Smith"
        chunk = body[pos : m.end()].strip()
        if chunk:
            yield pos, chunk
        pos = m.end()
    chunk = body[pos:].strip()
    if chunk:
        yield pos, chunk


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) pairs: blocks between blank lines (or list items), each with
    its whitespace normalized to single spaces."""
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield pos, " ".join(text[pos : m.start()].split())
        pos = m.end()
    yield pos, " ".join(text[pos:].split())
