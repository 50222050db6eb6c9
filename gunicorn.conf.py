"""gunicorn settings for evacfacts (`make serve`, `make bench`); the environment overrides.

Reasoned, not yet tuned by measurement (worker types have not been compared
with `make bench`; see the README, "Performance and scale"): the app is
CPU-bound Python over a local SQLite file, so one worker process per core
uses every core and more only add context switches; a second thread per
worker overlaps the short waits (socket writes, page faults in the memory
map) and, unlike the sync worker, keeps client connections alive, which saves
a TCP handshake per request.
`preload_app` builds the app (and migrates the database) once, before the fork;
each worker thread then opens its own connection (`api.db`).
"""

import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WORKERS") or os.cpu_count() or 2)
worker_class = os.environ.get("WORKER_CLASS", "gthread")
threads = int(os.environ.get("THREADS", "2"))
keepalive = int(os.environ.get("KEEPALIVE", "5"))
preload_app = True
backlog = 2048
accesslog = os.environ.get("ACCESSLOG") or None  # "-" for stdout; off by default: it costs
