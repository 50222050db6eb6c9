# evacfacts API: gunicorn (gunicorn.conf.py, as `make serve`) serving the v1 API over
# the database in $EVACFACTS_DB. Mount a directory at /app/data to keep it; set REPORTS to
# folders of reports to load into it at start (REPORTS=seeds/reports for the demo data).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    EVACFACTS_DB=/app/data/evacfacts.db \
    EVACFACTS_SEEDS=/app/seeds \
    EVACFACTS_CACHE_DIR=/app/cache \
    PORT=8000 \
    WORKERS=2 \
    ACCESSLOG=- \
    REPORTS=

WORKDIR /app

RUN groupadd --system --gid 10001 evacfacts \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home evacfacts

COPY pyproject.toml README.md gunicorn.conf.py ./
COPY api ./api
COPY schemas ./schemas
COPY seeds ./seeds

RUN pip install --no-cache-dir . \
    && mkdir -p /app/data /app/cache \
    && chown -R 10001:10001 /app/data /app/cache

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/health', timeout=4)"]

CMD ["sh", "-c", "if [ -n \"$REPORTS\" ]; then evacfacts load $REPORTS --db \"$EVACFACTS_DB\" || echo 'evacfacts: the reports named above failed to load; serving the rest' >&2; fi; exec gunicorn -c gunicorn.conf.py --bind 0.0.0.0:${PORT} 'api.web.app:create_app()'"]
