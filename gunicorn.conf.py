"""gunicorn settings for evacfacts (`make serve`, `make bench`); the environment overrides.

Chosen by measurement (`bench/gunicorn_settings.py` on 1.5M claims, 2 cores,
wrk with 16 connections, 3 runs each; the table is in the README under
"Performance and scale"): one `sync` worker per core had the highest median
rate both for replayed pages (2,978 req/s) and for computed ones (543),
the lowest p99 (7 and 41 ms), and the narrowest spread between runs. The
`gthread` workers' keep-alive connections stay with the worker that accepted
them, and when most of them land on one worker, one core idles: their rates
swung by 2x from run to run (1,004-2,456 req/s for 2 workers x 2 threads).
A sync worker takes one request per connection, so every request goes to
whichever worker is free. Sync workers expect a buffering proxy (nginx, a
cloud load balancer) in front of slow clients, the usual production setup;
set `WORKER_CLASS=gthread` (and `THREADS`) to serve slow clients directly.
`timeout` (`TIMEOUT`, 600 s) is the longest a sync worker may take over one request
before gunicorn restarts it: a whole export (`per_page=all`) streams for as long as
it has rows, a minute or more at a million claims, and a sync worker cannot report
that it is alive while it writes them. A page's SQL is stopped long before, at
`EVACFACTS_STATEMENT_TIMEOUT` (20 s), and answered with a 503 problem.
`preload_app` builds the app (and migrates the database) once, before the
fork; each worker thread then opens its own connection (`api.web.db`).
"""

import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WORKERS") or os.cpu_count() or 2)
worker_class = os.environ.get("WORKER_CLASS", "sync")
threads = int(os.environ.get("THREADS", "1"))
keepalive = int(os.environ.get("KEEPALIVE", "5"))
timeout = int(os.environ.get("TIMEOUT", "600"))
preload_app = True
backlog = 2048
accesslog = os.environ.get("ACCESSLOG") or None  # "-" for stdout; off by default: it costs
