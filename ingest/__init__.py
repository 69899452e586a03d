"""policy-timeline ingest: source adapters, validation, deduplication and the event store."""

__version__ = "0.1.0"
