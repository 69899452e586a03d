"""Text folding that keeps character positions, so matches map back to the original."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTE_FOLD = {"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "‘": "'", "’": "'"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _QUOTE_FOLD:
        return _QUOTE_FOLD[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    low = (base or ch).lower()
    return low if len(low) == 1 else ch.lower()[:1] or ch


class _FoldTable(dict):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold_keep_length(text: str) -> str:
    """Lower case without accents, one output character per input character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


class _StripTable(dict):
    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = _fold_char(ch).upper() if ch.isupper() else _fold_char(ch)
        value = value if len(value) == 1 else ch
        self[code] = value
        return value


_STRIP_TABLE = _StripTable()


def strip_accents_keep_length(text: str) -> str:
    """Accents removed, case kept, one output character per input character."""
    if text.isascii():
        return text
    return text.translate(_STRIP_TABLE)


def one_of(words: list[str]) -> str:
    """A pattern for any of ``words``, written as a tree of their letters ("a(?:l|n)?")
    so that the engine follows one branch instead of trying every word in turn."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        alternatives = [re.escape(ch) + branch(sub) for ch, sub in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


def one_of_followed(words: dict[str, str]) -> str:
    """A pattern for any key of ``words`` followed by its value (a pattern, such as a
    lookahead or ``\\b``), as a tree of their letters like ``one_of``. Each value must
    forbid a letter after the word ("on" before "\\s", "one" before "\\b"), so that at most
    one word matches where one starts."""
    tree: dict = {}
    for word, after in words.items():
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = after

    def branch(node: dict) -> str:
        alternatives = [re.escape(ch) + branch(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            alternatives.append(node[""])
        return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"

    return branch(tree)
