"""The ceiling of the stack: bare Flask under the same gunicorn settings, a fixed body.

`make bench` saves evacfacts' first-page response to a file and serves it
from here (`BENCH_BODY`), so this endpoint costs what gunicorn, WSGI and
Flask cost for a response of that size, and nothing else. No app can serve
that page faster on this stack.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, Response

BODY = Path(os.environ["BENCH_BODY"]).read_bytes()

app = Flask(__name__)


@app.get("/")
def fixed() -> Response:
    return Response(BODY, mimetype="application/json")
