"""The in-memory event index: compact columns, built whole or brought up to date with
what changed (``event_index.EventIndex``); ``ingest.query`` is its public face."""
