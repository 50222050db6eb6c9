# evacfacts API: gunicorn serving the v1 API over a database built from the seeds.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    EVACFACTS_DB=/app/data/evacfacts.db \
    EVACFACTS_SEEDS=/app/seeds \
    EVACFACTS_CACHE_DIR=/app/cache \
    PORT=8000 \
    WORKERS=2

WORKDIR /app

RUN groupadd --system --gid 10001 evacfacts \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home evacfacts

COPY pyproject.toml README.md ./
COPY api ./api
COPY schemas ./schemas
COPY seeds ./seeds

RUN pip install --no-cache-dir . \
    && evacfacts load seeds/reports --db "$EVACFACTS_DB" \
    && chown -R 10001:10001 /app/data /app/cache

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/health', timeout=4)"]

CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:${PORT} --workers ${WORKERS} --preload --access-logfile - 'api.web.app:create_app()'"]
