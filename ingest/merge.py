"""One event per real-world event: which reports are the same event, which report speaks
for it, and where reports disagree.

Reports are blocked by event type and sorted by date; each is compared only with the
reports that start within the widest tolerance after it (a sliding window), so merging
is O(n log n), never a scan of all pairs. Matches within the tolerance are not chained:
a report joins an event by comparison with the event's most authoritative report (see
``cluster``). Every decision depends on the reports' contents, never on the order in
which sources were ingested; the event id is the id of the most authoritative report.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .schema import fold

# Signing vs publication vs effective dates of one act can be days apart.
TOLERANCE_DAYS = {"directive": 10, "designation": 10, "delisting": 10}
DEFAULT_TOLERANCE = 1  # a report dated the day after the event
MAX_TOLERANCE = max(TOLERANCE_DAYS.values())
# Subtypes that name different legal acts: an FTO and an SDGT designation of the same
# groups on the same day are two events.
DISTINCT_SUBTYPES = {
    "designation": {"fto", "sdgt"},
    "directive": {"executive_order", "proclamation", "memorandum", "notice", "determination"},
}
# Adapters whose records are the government's own: they speak for the event.
RECORD_ADAPTERS = frozenset({"federal_register", "fto_list"})
DOCUMENT_ADAPTERS = frozenset({"markdown", "html", "text", "feed"})
GOVERNMENT_URL = re.compile(r"^https?://(?:[\w-]+\.)*[\w-]+\.gov/")
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
COMMON_WORD_SHARE = 0.01  # a title word in more than 1% of a type's reports...
COMMON_WORD_FLOOR = 200  # ...and in more than 200 of them does not make a block

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "by",
        "with",
        "as",
        "at",
        "from",
        "into",
        "over",
        "under",
        "against",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "us",
        "u",
        "s",
        "united",
        "states",
        "america",
        "american",
        "president",
        "presidential",
        "donald",
        "j",
        "trump",
        "executive",
        "order",
        "orders",
        "proclamation",
        "memorandum",
        "fact",
        "sheet",
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "y",
        "en",
        "por",
        "para",
        "con",
        "un",
        "una",
        "que",
        "se",
        "al",
    ]
)
_WORD = re.compile(r"\w+")


def title_tokens(title: str) -> frozenset[str]:
    """Content words of a title, lightly stemmed: 'Designating' and 'designates' agree."""
    words = set()
    for w in _WORD.findall(fold(title)):
        if w in _STOPWORDS or w.isdigit():
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > len(suffix) + 3 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        words.add(w)
    return frozenset(words)


@dataclass
class Report:
    """What one source said about one event, as the merger needs it."""

    report_id: str
    event_type: str
    subtype: str
    date: str
    precision: str
    start: int  # date_start as a day number (date.toordinal())
    end: int
    targets: frozenset[str]
    title: frozenset[str]
    key: str = ""  # a document number shared by the records of one act
    amount: float | None = None
    rank: int = 3  # 0 government record, 1 official act document, 2 curated, 3 other
    confidence: float = 1.0
    source: str = ""  # for conflict messages
    uid: str = ""  # unique among reports (report id and source): a total order for ties
    subjects: frozenset[str] = frozenset()  # topics and countries named: too common to match alone
    payload: object = field(default=None, compare=False)

    def authority(self) -> tuple[int, int, float, str]:
        return (self.rank, PRECISION_RANK.get(self.precision, 4), -self.confidence, self.report_id)


def strong_names(names: Iterable[str]) -> list[str]:
    """The names that tell events apart: organizations, people, operations, and names
    the gazetteer does not know. Countries, agencies and topics ("cartels") recur in
    unrelated acts of the same week, so they do not make two reports one event."""
    from .extract.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    strong = []
    for name in names:
        entity = gazetteer.entities.get(fold(name))
        if entity is None or (
            entity.kind in ("organization", "person", "operation") and not entity.actor
        ):
            strong.append(name)
    return strong


def authority_rank(adapter: str, source_url: str, confidence: float) -> int:
    """0 a government record (Federal Register, FTO list); 1 an official act read from a
    .gov document; 2 the analyst's curated rows and events added by hand; 3 anything else
    (news, extraction)."""
    if adapter in RECORD_ADAPTERS:
        return 0
    if (
        adapter in DOCUMENT_ADAPTERS
        and confidence >= 1.0
        and GOVERNMENT_URL.match(source_url or "")
    ):
        return 1
    return 2 if adapter in ("csv", "manual") else 3


def tolerance(event_type: str) -> int:
    return TOLERANCE_DAYS.get(event_type, DEFAULT_TOLERANCE)


def _similar_titles(a: frozenset[str], b: frozenset[str]) -> bool:
    small = min(len(a), len(b))
    return small >= 2 and len(a & b) / small >= 0.6


def same_event(a: Report, b: Report) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.key and a.key == b.key:
        return True
    distinct = DISTINCT_SUBTYPES.get(a.event_type, set())
    if a.subtype in distinct and b.subtype in distinct and a.subtype != b.subtype:
        return False
    gap = max(0, max(a.start, b.start) - min(a.end, b.end))
    if gap > tolerance(a.event_type):
        return False
    if a.targets and b.targets:
        return len(a.targets & b.targets) / min(len(a.targets), len(b.targets)) >= 0.5
    if _similar_titles(a.title, b.title):
        return True
    # "In July 2024, I issued a National Security Memorandum" and the memorandum of July
    # 31: a vaguer report whose period holds the other's, of the same kind of act and
    # about the same subject (a topic or a country), tells the same act.
    vague, exact = (a, b) if (a.end - a.start) > (b.end - b.start) else (b, a)
    return bool(
        a.subtype
        and a.subtype == b.subtype
        and not (a.targets or b.targets)
        and vague.start <= exact.start
        and exact.end <= vague.end
        and vague.end > vague.start
        and a.subjects & b.subjects
    )


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> int:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)
        return min(ri, rj)


def gap(a: Report, b: Report) -> int:
    """Days between two reports' periods; 0 when they overlap."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _substance(r: Report) -> tuple[int, int, float]:
    """What makes one report more authoritative than another: its kind of source, how
    precise its date is, how sure its reading is (the id is only a tie-break)."""
    return (r.rank, PRECISION_RANK.get(r.precision, 4), -r.confidence)


def _order(r: Report) -> tuple[int, int, float, str, str]:
    return (*_substance(r), r.report_id, r.uid)


@dataclass(frozen=True)
class Constraints:
    """Analysts' decisions about reports, by ``Report.uid``: pairs that are one event
    whatever their contents say (a merge), and pairs that are never one event (a split).
    ``cluster`` respects them on every recomputation, so a re-ingest cannot undo them."""

    must: frozenset[tuple[str, str]] = frozenset()
    cannot: frozenset[tuple[str, str]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.must or self.cannot)


def cluster(reports: Sequence[Report], constraints: Constraints | None = None) -> list[list[int]]:
    """Indices of ``reports`` grouped into events (each group sorted by authority).

    0. An analyst's merge (``constraints.must``) joins reports first, whatever their
       document numbers; an analyst's split (``constraints.cannot``) keeps two reports
       apart through every step below.
    1. Certain links make the cores: the same document number, the same identity (report
       id), or the same event told for the same period (same type and period, shared
       targets or a similar title). Reports
       with different document numbers are different acts and never join.
    2. Then each core, most authoritative first, is compared with the events already
       formed: it joins the event whose speaking report matches it within the tolerance
       and is closest in time, but only when that report is more authoritative than its
       own (a government record, a more precise date, a surer reading). It is compared with
       the event it joins, never with a member that happens to be near: five strikes on
       five days stay five events, not a chain. A core as close to two events is left on
       its own rather than guessed, and peers (the same kind of source, equally sure) that
       give different days report different events.

    Every decision depends only on the reports' contents and the constraints, never on
    their order.
    """
    n = len(reports)
    uf = _UnionFind(n)
    keys: dict[int, str] = {}  # root -> the document number its core carries
    apart: dict[int, set[int]] = {}  # root -> reports its members must never join

    def blocked(ri: int, rj: int) -> bool:
        return any(uf.find(f) == rj for f in apart.get(ri, ()))

    def link(i: int, j: int, decided: bool = False) -> None:
        ri, rj = uf.find(i), uf.find(j)
        ki, kj = keys.get(ri, ""), keys.get(rj, "")
        if ri == rj or (not decided and ki and kj and ki != kj) or blocked(ri, rj):
            return
        root = uf.union(ri, rj)
        keys[root] = ki or kj
        if ri in apart or rj in apart:
            apart[root] = apart.pop(ri, set()) | apart.pop(rj, set())

    if constraints:
        position = {r.uid: i for i, r in enumerate(reports)}
        for one, two in sorted(constraints.cannot):
            if one in position and two in position:
                apart.setdefault(position[one], set()).add(position[two])
                apart.setdefault(position[two], set()).add(position[one])
        for one, two in sorted(constraints.must):
            if one in position and two in position:
                link(position[one], position[two], decided=True)

    first_of_key: dict[str, int] = {}
    first_of_id: dict[str, int] = {}
    for i in sorted(range(n), key=lambda i: _order(reports[i])):
        r = reports[i]
        if r.key:
            key = f"{r.event_type}|{r.key}"
            keys.setdefault(uf.find(i), key)
            link(first_of_key.setdefault(key, i), i)
        # The same identity (date, type, subtype, targets, key or title) is the same event,
        # however little the title says.
        link(first_of_id.setdefault(r.report_id, i), i)
    same_period = [
        (i, j) for i, j in candidate_pairs(reports)
        if reports[i].start == reports[j].start and reports[i].end == reports[j].end
    ]  # fmt: skip
    for i, j in sorted(same_period, key=lambda p: (_order(reports[p[0]]), _order(reports[p[1]]))):
        link(i, j)

    cores: dict[int, list[int]] = {}
    for i in range(n):
        cores.setdefault(uf.find(i), []).append(i)
    heads = sorted(
        (min(members, key=lambda i: _order(reports[i])) for members in cores.values()),
        key=lambda i: _order(reports[i]),
    )
    head_reports = [reports[i] for i in heads]
    neighbours: dict[int, list[int]] = {}
    for a, b in candidate_pairs(head_reports):
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    event_of: dict[int, int] = {}  # head position -> the head position of its event
    event_key: dict[int, str] = {}  # event (head position) -> its document number
    event_roots: dict[int, set[int]] = {}  # event (head position) -> the cores in it

    def kept_apart(root: int, event: int) -> bool:
        return any(uf.find(f) in event_roots[event] for f in apart.get(root, ()))

    for pos, head in enumerate(head_reports):
        root = uf.find(heads[pos])
        own_key = keys.get(root, "")
        options = [
            other for other in neighbours.get(pos, [])
            if other < pos and event_of[other] == other
            and _substance(head_reports[other]) < _substance(head)
            and not (own_key and event_key[other] and own_key != event_key[other])
            and not kept_apart(root, other)
        ]  # fmt: skip
        event_of[pos], event_key[pos], event_roots[pos] = pos, own_key, {root}
        if options:
            best = min(gap(head, head_reports[o]) for o in options)
            closest = [o for o in options if gap(head, head_reports[o]) == best]
            if len(closest) == 1:
                event_of[pos] = closest[0]
                event_key[closest[0]] = event_key[closest[0]] or own_key
                event_roots[closest[0]].add(root)
    groups: dict[int, list[int]] = {}
    for pos, head_index in enumerate(heads):
        groups.setdefault(event_of[pos], []).extend(cores[uf.find(head_index)])
    return [sorted(g, key=lambda i: _order(reports[i])) for g in groups.values()]


def candidate_pairs(reports: Sequence[Report]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of reports that ``same_event`` matches.

    Blocking: reports that share a document key; reports that share a target (the only
    way two targeted reports can match); and, for reports without targets, a title word
    (the only way they can match anything). Within a block, a sorted sweep compares each
    report with those starting within the tolerance window: O(n log n), never all pairs.
    """
    found: set[tuple[int, int]] = set()
    key_blocks: dict[str, list[int]] = {}
    target_blocks: dict[tuple[str, str], list[int]] = {}
    word_blocks: dict[tuple[str, str], list[int]] = {}
    # Words that most titles of a type carry ("order", "national") would make blocks as
    # large as the type; a pair of titles similar enough to merge shares rarer words too
    # (the price: two titles made only of such common words are not compared).
    word_counts: dict[tuple[str, str], int] = {}
    type_counts: dict[str, int] = {}
    for r in reports:
        type_counts[r.event_type] = type_counts.get(r.event_type, 0) + 1
        for w in r.title:
            word_counts[(r.event_type, w)] = word_counts.get((r.event_type, w), 0) + 1

    def blocking_words(r: Report) -> list[str]:
        limit = max(COMMON_WORD_FLOOR, type_counts[r.event_type] * COMMON_WORD_SHARE)
        return [w for w in r.title if word_counts[(r.event_type, w)] <= limit]

    for i, r in enumerate(reports):
        if r.key:
            key_blocks.setdefault(f"{r.event_type}|{r.key}", []).append(i)
        for t in r.targets:
            target_blocks.setdefault((r.event_type, t), []).append(i)
        if not r.targets:
            for w in blocking_words(r):
                word_blocks.setdefault((r.event_type, w), []).append(i)
    for block in key_blocks.values():
        found.update((min(block[0], j), max(block[0], j)) for j in block[1:])
    for block in target_blocks.values():
        if len(block) > 1:
            _sweep(reports, block, _Block(reports, block), found)
    # An untargeted report may match any report with a title word in common.
    sorted_words = {key: _Block(reports, block) for key, block in word_blocks.items()}
    for i, r in enumerate(reports):
        for w in blocking_words(r):
            words = sorted_words.get((r.event_type, w))
            if words:
                _sweep(reports, [i], words, found)
    return sorted(found)


class _Block:
    """A block's reports sorted by start date, ready for window lookups."""

    def __init__(self, reports: Sequence[Report], members: list[int]):
        self.members = sorted(members, key=lambda j: reports[j].start)
        self.starts = [reports[j].start for j in self.members]
        self.longest = max(reports[j].end - reports[j].start for j in self.members)


def _sweep(
    reports: Sequence[Report], probes: list[int], block: _Block, found: set[tuple[int, int]]
) -> None:
    """Compare each probe with the block's reports that are near it in time."""
    for i in probes:
        a = reports[i]
        lo = bisect_left(block.starts, a.start - MAX_TOLERANCE - block.longest)
        hi = bisect_right(block.starts, a.end + MAX_TOLERANCE)
        for j in block.members[lo:hi]:
            pair = (min(i, j), max(i, j))
            if j != i and pair not in found and same_event(a, reports[j]):
                found.add(pair)


def _money(value: float) -> str:
    return f"${value / 1e6:g}M" if value >= 1e6 else f"${value:,.0f}"


def conflicts(members: Iterable[Report]) -> str:
    """A short reason when the reports of one event disagree, else ''."""
    members = list(members)
    reasons = []
    amounts: dict[float, str] = {}
    for r in members:
        if r.amount is not None:
            amounts.setdefault(r.amount, r.source)
    if len(amounts) > 1:
        shown = " vs ".join(f"{_money(a)} ({s})" for a, s in sorted(amounts.items()))
        reasons.append(f"amounts differ: {shown}")
    days = sorted({(r.start, r.date, r.source) for r in members if r.precision == "day"})
    if days and days[-1][0] - days[0][0] > tolerance(members[0].event_type):
        reasons.append(
            f"dates differ: {days[0][1]} ({days[0][2]}) vs {days[-1][1]} ({days[-1][2]})"
        )
    return "; ".join(reasons)
