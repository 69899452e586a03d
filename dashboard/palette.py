"""Colours of event types: distinguishable with the common colour-vision deficiencies
(after Okabe-Ito and Paul Tol) and each at least 3:1 against the chart background, as
WCAG asks of graphical objects; ``contrast`` is the WCAG ratio the tests check."""

from __future__ import annotations

from ingest.schema import EVENT_TYPES

BACKGROUND = "#fafafa"
NEW_OUTLINE = "#B35900"  # events first seen after "highlight new since"
SELECTED_OUTLINE = "#000000"

PALETTE: dict[str, str] = dict(
    zip(
        EVENT_TYPES,
        (
            "#0072B2",  # designation: blue
            "#5E6B7A",  # delisting: slate
            "#B35900",  # bounty: dark orange
            "#117733",  # directive: green
            "#AA4499",  # sanction: purple
            "#CC3311",  # military_action: red
            "#8A6D00",  # deployment: dark gold (the light yellow vanished on the background)
            "#222222",  # legal: near black
            "#6B6B6B",  # diplomatic: grey
            "#882255",  # statement: wine
            "#2A7F73",  # other: teal
        ),
        strict=True,
    )
)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
