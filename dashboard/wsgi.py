"""WSGI entry point for serving several users: ``gunicorn -w 2 dashboard.wsgi:server``.

Each worker keeps its own index of the store (workers share nothing); the store is the
default one (``$POLICY_TIMELINE_DB`` or ``data/timeline.db``).
"""

from .app import create_app

server = create_app().server
