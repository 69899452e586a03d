"""Sort keys for text columns: new rows join without re-sorting, and the keys always
order the slots as their texts compare, including after a gap is used up."""

from __future__ import annotations

import numpy as np

from ingest.index.textcolumn import TextColumn
from ingest.index.textorder import TextOrder


def _assert_ordered(order: TextOrder, texts: list[bytes]) -> None:
    """Keys sort the slots as their texts do, equal keys exactly for equal texts."""
    by_key = np.argsort(order.keys[: len(texts)], kind="stable")
    for a, b in zip(by_key[:-1], by_key[1:], strict=True):
        assert texts[a] <= texts[b]
        assert (order.keys[a] == order.keys[b]) == (texts[a] == texts[b])
    assert [texts[s] for s in order.order] == sorted(texts)


def test_batches_that_sort_at_one_place_renumber_the_keys_and_keep_their_order(monkeypatch):
    texts = [b"alpha", b"zulu", b"mike", b"alpha"]
    order = TextOrder.build(texts)
    renumbered = []
    original = TextOrder.renumbered
    monkeypatch.setattr(
        TextOrder, "renumbered", lambda self: renumbered.append(1) or original(self)
    )
    for batch in range(6):  # each batch sorts right after the previous one, before "mike"
        new = [f"loadtest {batch:02d} item {i:03d}".encode() for i in range(300)] + [b"mike"]
        slots = np.arange(len(texts), len(texts) + len(new))
        order = order.with_texts(slots, new)
        texts += new
    assert renumbered, "six batches of 300 at one place use up a gap"
    _assert_ordered(order, texts)


def test_every_text_is_read_at_once_even_one_holding_a_separator():
    texts = [b"plain", b"with\x00nul", b"", b"last"]
    column = TextColumn.of(texts).with_texts(np.array([4, 5]), [b"more", b"x\x00y\x00z"])
    assert list(column.by_slot()) == [*texts, b"more", b"x\x00y\x00z"]
    assert [column.text(s) for s in range(6)] == list(column.by_slot())
