"""Trigger words per event type, English and Spanish, matched on folded text (lower
case, no accents). Each trigger names its event type; the clause around it refines the
subtype. Words that report (said, announced) are not triggers: they carry no event type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRIGGERS: dict[str, list[str]] = {
    "designation": [
        r"designat(?:e|es|ed|ing|ion|ions)",
        r"foreign terrorist organi[sz]ations?",
        r"specially designated global terrorists?",
        r"ftos?",
        r"sdgts?",
        r"terrorist organi[sz]ations?",
        r"design(?:a|o|aron|ar|ara|ado|ada|ados|adas|acion|aciones)",
        r"organizaci(?:on|ones) terroristas?(?: extranjeras?)?",
        r"terroristas? globales? especialmente designad[oa]s?",
    ],
    "delisting": [
        r"(?:revoked|revokes|revoking|rescinded|lifted) (?:the |its |their )?(?:fto |terrorist )?designations?",
        r"delist(?:ed|ing|s)?",
        r"removed from the (?:fto |terrorist )?list",
        r"revoc(?:o|aron|a) (?:la |su )?designacion",
    ],
    "bounty": [
        r"rewards?",
        r"bount(?:y|ies)",
        r"recompensas?",
    ],
    "directive": [
        r"executive orders?",
        r"presidential (?:memorandum|directive|proclamation|determination|order)",
        r"proclamations?",
        r"proclaimed",
        r"memorand(?:um|a)",
        r"directives?",
        r"(?:signed|signs) (?:a |an |the )?(?:secret |new |classified )?(?:order|directive|determination)",
        r"authori[sz](?:ed|es|ing) (?:the |a |an )?(?:use|military|department|pentagon|u\.?s\.? forces|strikes?|deployment)",
        r"orden(?:es)? ejecutivas?",
        r"proclama(?:cion)?",
        r"memorando",
        r"directiva",
        r"decreto",
        r"autoriz(?:o|aron|a) (?:el uso|al pentagono|al departamento|a las fuerzas|ataques)",
    ],
    "sanction": [
        r"sanction(?:s|ed|ing)?",
        r"ofac",
        r"blocking (?:property|assets)",
        r"froze (?:the )?(?:assets|accounts)",
        r"asset freeze",
        r"sancion(?:es|o|aron|ar|ado|ados|ada)?",
        r"congel(?:o|aron) (?:los )?(?:activos|bienes|cuentas)",
    ],
    "military_action": [
        r"struck",
        r"(?:air|drone|missile|kinetic|lethal|military|precision|naval)[ -]?strikes?",
        r"(?:an?|the|second|third|first|new|another|latest|\d+) (?:\w+ )?strikes?",
        r"conducted (?:a |an |the )?(?:\w+ )?(?:strike|raid|operation|attack)s?",
        r"carried out (?:a |an |the )?(?:\w+ )?(?:strike|raid|operation|attack)s?",
        r"launched (?:a |an |the )?(?:\w+ )?(?:strike|raid|operation|attack|offensive)s?",
        r"raid(?:ed|s)?",
        r"bomb(?:ed|ing)",
        r"shot down",
        r"sank|sunk",
        r"captured",
        r"killed|killing",
        r"ataques?",
        r"atac(?:o|aron)",
        r"bombarde(?:o|aron)",
        r"hundi(?:o|eron)",
        r"captur(?:o|aron|ado|ada|ados)",
        r"mat(?:o|aron)",
        r"operativo",
    ],
    "deployment": [
        r"deploy(?:ed|ing|s|ment)",
        r"sent (?:\w+ )?(?:troops|warships|ships|destroyers?|marines|soldiers|an aircraft carrier|a carrier|jets|aircraft)",
        r"(?:warships?|aircraft carrier|carrier strike group) (?:arrived|to the)",
        r"despleg(?:o|aron|ar|ado|ada|ados|ue)|despliegue",
        r"envi(?:o|aron) (?:\w+ )?(?:tropas|buques|soldados|marines|aviones)",
    ],
    "legal": [
        r"indict(?:ed|ment|s)?",
        r"charged",
        r"(?:criminal |federal |narco-terrorism )?charges against",
        r"arraign(?:ed|ment)",
        r"pleaded (?:not )?guilty",
        r"convicted",
        r"sentenced",
        r"extradit(?:ed|ion)",
        r"acusad[oa]s?",
        r"acus(?:o|aron)",
        r"imputad[oa]s?",
        r"procesad[oa]s?",
        r"extradit(?:ado|ada|o|aron)",
        r"se declar(?:o|aron) (?:no )?culpables?",
        r"condenad[oa]s?",
        r"sentenciad[oa]s?",
    ],
    "diplomatic": [
        r"recalled (?:its |their )?ambassadors?",
        r"expelled (?:the |its )?(?:ambassador|diplomats)",
        r"(?:severed|broke off|cut) (?:diplomatic )?(?:ties|relations)",
        r"closed (?:its |the )?embassy",
        r"(?:rompio|rompieron) relaciones",
        r"expuls(?:o|aron) (?:al embajador|a los diplomaticos)",
    ],
    "statement": [
        r"notified congress",
        r"(?:declared|declares) (?:that )?(?:the united states|the u\.s\.|it) (?:is|was) in (?:an? )?(?:non-international )?armed conflict",
        r"notific(?:o|aron) al congreso",
    ],
}

# Words that make a clause about what could, might or should happen, not what did.
HEDGE = re.compile(
    r"\b(?:could|would|might|may|potential(?:ly)?|possible|possibly|option|options|consider(?:s|ed|ing)?"
    r"|if|whether|types of|kinds of|groundwork|threaten(?:s|ed)? to|seek(?:s|ing)? to|aim(?:s|ed)? to"
    r"|want(?:s|ed)? to|calls? for|urged|propos(?:ed|es|al)|weigh(?:s|ing)?|mull(?:s|ing)?"
    r"|podria|podrian|posible|eventual(?:es)?|planea|busca|estudia|evalua|amenaz(?:a|o) con)\b"
)

# Military words: a "killed" or "captured" is a military action only among these.
MILITARY_CONTEXT = re.compile(
    r"\b(?:military|forces|troops|navy|naval|strikes?|airstrikes?|drones?|missiles?|vessels?|boats?"
    r"|operation|soldiers|marines|pentagon|department of (?:defense|war)|southcom|southern command"
    r"|hegseth|special forces|commandos?|militar(?:es)?|fuerzas|buques?|lanchas?|embarcacion(?:es)?"
    r"|operativo|operacion|ejercito|armada|soldados|comandos?)\b"
)

# An undated sentence still reports a new event when its verb says it just happened:
# "has issued a new directive" (dated by publication), unlike "have been designated".
JUST_HAPPENED = re.compile(
    r"\b(?:has|have) (?:just |now )?(?:issued|signed|announced|designated|authori[sz]ed|approved"
    r"|ordered|imposed|offered|launched|deployed|sent|sanctioned|raised|increased|doubled|struck"
    r"|charged|indicted)\b"
    r"|\b(?:ha|han) (?:emitido|firmado|anunciado|designado|autorizado|aprobado|ordenado|impuesto"
    r"|ofrecido|lanzado|desplegado|enviado|sancionado|aumentado|elevado|duplicado|atacado|acusado)\b"
)

# "cartels designated as FTOs": an attributive participle describes, it does not report;
# after an auxiliary ("were designated as") it reports.
DESIGNATED_AS = re.compile(r"(?<!\w)(\w+)\s+(?:designated\s+as|designad[oa]s?\s+como)\b")
_AUXILIARIES = {"was", "were", "been", "be", "is", "are", "being", "fue", "fueron", "sido", "ser",
                "es", "son", "han", "ha"}  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    event_type: str
    start: int
    end: int
    text: str


TRIGGER_RE: dict[str, re.Pattern[str]] = {
    kind: re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])")
    for kind, words in _TRIGGERS.items()
}


# A directive named by a noun ("the Proclamation imposes...") is an event only when the
# clause says it was issued: "signed an executive order", "I issued Executive Order 14088".
DIRECTIVE_NOUN = re.compile(
    r"^(?:executive orders?|proclamations?|memorand(?:um|a)|directives?|orden(?:es)? ejecutivas?"
    r"|proclama(?:cion)?|memorando|directiva|decreto|presidential \w+)$"
)
ISSUING_VERB = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|issu(?:ed|es|ing)|order(?:ed|s)|direct(?:ed|s)|invok(?:ed|es|ing)"
    r"|declar(?:ed|es)|announc(?:ed|es)|unveil(?:ed|s)|approv(?:ed|es)|proclaimed|rescind(?:ed|s)"
    r"|revok(?:ed|es)|firm(?:o|aron|a)|emiti(?:o|eron)|orden(?:o|aron)|anunci(?:o|aron)|expidi(?:o|eron)"
    r"|decret(?:o|aron)|invoc(?:o|aron))\b"
)


ANY_TRIGGER = re.compile(
    r"(?<![\w-])(?:" + "|".join(w for words in _TRIGGERS.values() for w in words) + r")(?![\w-])"
)


def find_triggers(folded: str) -> list[Trigger]:
    """All trigger words in a folded clause, in text order."""
    if not ANY_TRIGGER.search(folded):
        return []  # most sentences: one scan and done
    found = []
    checks: dict[str, bool] = {}  # context tests, run once and only when needed

    def context(name: str, regex: re.Pattern[str]) -> bool:
        if name not in checks:
            checks[name] = bool(regex.search(folded))
        return checks[name]

    attributive: list[int] | None = None
    for kind, regex in TRIGGER_RE.items():
        for m in regex.finditer(folded):
            if kind == "designation":
                if attributive is None:
                    attributive = [
                        d.start(0) + len(d.group(1))
                        for d in DESIGNATED_AS.finditer(folded)
                        if d.group(1) not in _AUXILIARIES
                    ]
                if any(0 <= m.start() - a <= 2 for a in attributive):
                    continue
            if kind == "military_action" and not context("military", MILITARY_CONTEXT):
                continue
            if (
                kind == "directive"
                and DIRECTIVE_NOUN.match(m.group())
                and not context("issuing", ISSUING_VERB)
            ):
                continue
            found.append(Trigger(kind, m.start(), m.end(), m.group()))
    found.sort(key=lambda t: (t.start, -t.end))
    return found


def subtype_for(event_type: str, folded: str) -> str:
    """A short normalized label from the words of the clause."""
    checks: dict[str, list[tuple[str, str]]] = {
        "designation": [
            (r"foreign terrorist|\bftos?\b|terroristas? extranjer", "fto"),
            (r"global terrorist|\bsdgts?\b|terroristas? global", "sdgt"),
        ],
        "directive": [
            (r"executive order|orden(?:es)? ejecutiva", "executive_order"),
            (r"national emergency|emergencia nacional", "emergency"),
            (r"proclamation|proclaim|proclama", "proclamation"),
            (r"memorand", "memorandum"),
            (r"determination", "determination"),
        ],
        "bounty": [(r".", "reward")],
        "sanction": [(r"ofac|treasury|tesoro", "ofac")],
        "military_action": [
            (r"captur", "capture"),
            (r"raid", "raid"),
            (r"strike|struck|ataque|bombard", "strike"),
            (r"operation|operativo|operacion", "operation"),
        ],
        "legal": [
            (r"arraign|pleaded|culpable", "arraignment"),
            (r"extradit", "extradition"),
            (r"sentenced|sentenciad|condenad|convicted", "sentencing"),
            (r"indict|acusad|imputad|charge", "indictment"),
        ],
        "deployment": [(r".", "deployment")],
    }
    for pattern, label in checks.get(event_type, []):
        if re.search(pattern, folded):
            return label
    return "directive" if event_type == "directive" else ""
