"""Schemathesis against the app's own OpenAPI document: every operation, every check.

Requests are generated from the served document (valid and invalid ones, in
every documented media type), sent to the WSGI app with a write key, and each
response is checked against the document: no 5xx, only documented statuses,
content types, headers and bodies, valid data accepted, invalid data refused,
unsupported methods refused, and writes refused without the key.

Bounded for CI: a fixed number of examples per operation, derandomized so a
run is the same every time, no per-example deadline (the first POST reads
the reference data). The database is temporary, holds the test corpus, and
is reset before each test. Posted texts go through the real extractor.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from api import store
from api.figures import tally
from api.load.batch import load_paths
from api.web.app import create_app
from tests.conftest import REPORTS, fake_extract

KEY = "schemathesis-write-key"
EXAMPLES = 30

load_all_checks()
#: Every registered check. `use_after_free` and `ensure_resource_availability` compare
#: several calls and act in the stateful test below (on a single case they pass without
#: looking). `object_level_authorization` needs a second identity and finds nothing to
#: flag here by design: every key may write every source, and reads are public.
ALL_CHECKS = list(CHECKS.get_all())

FOLDER = Path(tempfile.mkdtemp(prefix="evacfacts-schemathesis-"))
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
DB = FOLDER / "api.web.db"
for _name, _text in REPORTS.items():
    (FOLDER / _name).write_text(_text, encoding="utf-8")


def reset_database() -> None:
    """Back to the test corpus alone: posted reports deleted, deleted reports reloaded.

    Each test starts from the same data, and the stateful test replays a
    sequence on the same data (Hypothesis requires it).
    """
    db = store.connect(DB)
    corpus = sorted(FOLDER.glob("*.txt"))
    keep = {path.stem for path in corpus}
    for row in list(db.query("SELECT id FROM sources")):
        if row["id"] not in keep:
            tally.delete_source(db, row["id"])
    list(load_paths(db, corpus, fake_extract))  # unchanged reports are skipped
    db.close()


@pytest.fixture(autouse=True)
def _fresh_database():
    reset_database()


def _app():
    """The app on the temporary database.

    Built at import: schemathesis reads the document when the tests are
    collected (its fixture-based loader does not work with this pytest).
    """
    reset_database()
    return create_app({"EVACFACTS_DB": str(DB), "EVACFACTS_API_KEYS": [KEY]})


schema = schemathesis.openapi.from_wsgi("/openapi.json", _app())
#: A claim of the test corpus (`alpha.txt`'s first): a real cursor for `after`.
KNOWN_CLAIM = f"alpha-{REPORTS['alpha.txt'].index('951 people')}"


@schema.auth()
class BearerKey:
    """The write key, sent the way the document's `bearerAuth` scheme says. Given as auth
    (not as a plain header) so `ignored_auth` knows it, and replays writes without it."""

    def get(self, case, context):
        return KEY

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


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
    case.call_and_validate(checks=ALL_CHECKS)


class Workflow(schema.as_state_machine()):
    """Sequences of calls (post, read back, delete, read again) with every check, so the
    checks that compare calls act too: a deleted source must be gone
    (`use_after_free`), a created one readable (`ensure_resource_availability`)."""

    def setup(self):
        reset_database()

    def validate_response(self, response, case, additional_checks=None, **kwargs):
        case.validate_response(response, checks=ALL_CHECKS, transport_kwargs=kwargs)


TestWorkflow = Workflow.TestCase
TestWorkflow.settings = settings(max_examples=EXAMPLES, stateful_step_count=6, deadline=None,
                                 derandomize=True, suppress_health_check=list(HealthCheck))
