"""Schemathesis against the app's own OpenAPI document: every operation, every check.

Requests are generated from the served document (valid and invalid ones, in
every documented media type), sent to the WSGI app with a write key, and each
response is checked against the document: no 5xx, only documented statuses,
content types, headers and bodies, valid data accepted, invalid data refused,
unsupported methods refused, and writes refused without the key.

Bounded for CI: a fixed number of examples per operation, derandomized so a
run is the same every time, no per-example deadline (the first POST builds
the gazetteer). The database is a temporary copy of the test corpus.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from api import store
from api.app import create_app
from api.loader import load_paths
from tests.conftest import REPORTS, fake_extract

KEY = "schemathesis-write-key"
EXAMPLES = 30

load_all_checks()
#: Every registered check. `use_after_free`, `ensure_resource_availability` and
#: `object_level_authorization` compare several calls and only act in the stateful
#: test below; on a single case they pass without looking.
ALL_CHECKS = list(CHECKS.get_all())




def _app():
    """The app on a temporary database holding the test corpus.

    Built at import: schemathesis reads the document when the tests are
    collected (its fixture-based loader does not work with this pytest).
    """
    folder = Path(tempfile.mkdtemp(prefix="evacfacts-schemathesis-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = store.connect(folder / "api.db")
    list(load_paths(db, sorted(folder.glob("*.txt")), fake_extract))
    db.close()
    return create_app({"EVACFACTS_DB": str(folder / "api.db"), "EVACFACTS_API_KEYS": [KEY]})


schema = schemathesis.openapi.from_wsgi("/openapi.json", _app())
#: A claim of the test corpus (`alpha.txt`'s first): a real cursor for `after`.
KNOWN_CLAIM = f"alpha-{REPORTS['alpha.txt'].index('951 people')}"


@schema.hook
def map_case(_context, case):
    """Make schema-valid requests valid for the rules OpenAPI 3.0 cannot state.

    Three rules of the claim filters span parameters or data, so the document
    states them in words only: `after` must be the id of an existing claim,
    `after` is not combined with `page`, and `value_min` is not above
    `value_max` (each is a 422 with a message naming the rule). A generated
    "valid" request that breaks one is not valid; it is rewritten to keep the
    rule (a real claim id, no `page`, the bounds in order), so every other
    check still sees it. Invalid (negative) cases are left as generated.
    """
    meta, query = case.meta, case.query
    if meta is None or not meta.generation.mode.is_positive or not query:
        return case
    if "after" in query:
        query.pop("page", None)
        query["after"] = KNOWN_CLAIM
    low, high = query.get("value_min"), query.get("value_max")
    if low is not None and high is not None and int(low) > int(high):  # ints, or their text
        query["value_min"], query["value_max"] = high, low
    return case


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, checks=ALL_CHECKS)
