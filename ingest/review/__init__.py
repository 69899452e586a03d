"""Analysts correct the timeline: an edit layer over the merged events.

A module per job: ``tables`` (edits, split/merge links, failed sign-ins), ``layer`` (pure:
the effective event = the merge of its reports with the edits applied on top, its review
status and the queue's reasons), ``records`` (reading edits and links for the reports a
re-merge touches), ``actions`` (each analyst action as one write transaction that
re-merges the event through ``store.writer``), ``queue`` and ``history`` (what the
dashboard reads), ``editors`` (the editors file: salted password hashes), ``commands``
(``policy-timeline users``).

This package imports nothing heavy at import time: the store imports its tables.
"""
