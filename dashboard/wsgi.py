"""WSGI entry point for serving several users:
``gunicorn -c python:dashboard.gunicorn_conf dashboard.wsgi:server`` (the command the
Dockerfile runs; see ``gunicorn_conf`` for its environment variables).

Each worker keeps its own index of the store and catches up with the store's change log
on the next request after any ingest or edit (workers share nothing but the store). The
store is ``$POLICY_TIMELINE_DB`` (else ``data/timeline.db``); logs are set up from
``$POLICY_TIMELINE_LOG`` (``ingest.logs``).
"""

from ingest import logs

from .app import create_app

logs.configure()
server = create_app().server
