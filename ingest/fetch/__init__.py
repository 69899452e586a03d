"""Tracking the sources: fetch new records and reports on a schedule, keep every fetched
byte, and ingest what is new through the existing adapters.

A module per job: ``config`` (data/sources.yaml), ``http`` (the polite HTTP client),
``archive`` (content-addressed bodies on disk), ``tables`` and ``ledger`` (the fetch log,
validators, cursors and work items in the store), ``storing`` (one fetched body read and
stored in one transaction), ``federal_register_api``, ``feeds`` and ``pages`` (the three
kinds of source), ``rounds`` (a round over all sources, and ``watch``), ``reprocess``,
``digest``, and ``commands`` (the click commands).

Nothing heavy is imported here: ``policy-timeline --help`` stays instant.
"""
