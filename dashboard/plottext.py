"""Text for Plotly: source text shown as text, never as markup.

Plotly renders a small subset of HTML in tick labels, hover text, trace text, legend
entries and annotations (``<a href>``, ``<b>``, ``<br>``...) and decodes a few entities
(``&lt;``, ``&gt;``, ``&amp;`` and numeric ones; not ``&quot;``, which it shows as is). So
untrusted text has exactly ``&``, ``<`` and ``>`` escaped: a name like ``<a href=...>``
is drawn as those characters, and quotes stay quotes.
"""

from __future__ import annotations


def plot_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word where one is near, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 event', '2 events', '1,234 events'."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
