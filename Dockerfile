# A team's server: the dashboard under gunicorn (and the same image runs the watcher and
# one-off commands: see compose.yaml). Configuration is by environment variables only:
# POLICY_TIMELINE_DB (the store), POLICY_TIMELINE_BIND / _WORKERS / _THREADS / _TIMEOUT
# (dashboard/gunicorn_conf.py), POLICY_TIMELINE_LOG (json: one line per request and per
# ingest run), POLICY_TIMELINE_USERS (the editors file), POLICY_TIMELINE_CONTACT and
# POLICY_TIMELINE_ARCHIVE (the watcher).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY ingest ./ingest
COPY dashboard ./dashboard
COPY data ./data
RUN pip install ".[server]" \
    && useradd --create-home --uid 10001 analyst \
    && mkdir -p /var/lib/policy-timeline \
    && chown analyst /var/lib/policy-timeline

USER analyst
ENV POLICY_TIMELINE_BIND=0.0.0.0:8050 \
    POLICY_TIMELINE_WORKERS=2 \
    POLICY_TIMELINE_THREADS=4 \
    POLICY_TIMELINE_LOG=json \
    POLICY_TIMELINE_USERS=/var/lib/policy-timeline/editors.txt \
    POLICY_TIMELINE_ARCHIVE=/var/lib/policy-timeline/archive
EXPOSE 8050
# /healthz answers 200 once the store answers and this worker's index is built.
HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "python:dashboard.gunicorn_conf", "dashboard.wsgi:server"]
