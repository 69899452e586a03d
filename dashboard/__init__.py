"""The policy-timeline dashboard: a Dash app over the event store."""
