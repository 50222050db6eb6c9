"""A Python client generated from openapi.yaml works against the running service.

What a front-end team does: `openapi-python-client` builds a client from the
committed document (into a temporary folder), and that client calls a live
server (a real HTTP server in a thread) serving the seed reports plus one
report posted through the client itself. Every GET operation of the document
is called and its answer parsed into the generated types, with no exception
and the values the data holds; the lists' CSV and GeoJSON go through the
client's own HTTP connection. The post and a delete use the write key.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from api.web.app import create_app
from tests.conftest import ROOT, copy_database
from tests.live_server import threaded

KEY = "generated-client-key"
PACKAGE = "evacfacts_client"
REPORT = ("Officials said 300 people were evacuated from Idlib on Monday, and at least "
          "12 buses left the city.")


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sdk(tmp_path_factory):
    """The generated package, imported from a temporary folder."""
    tool = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("openapi-python-client is not installed; `make test` installs it")
    out = tmp_path_factory.mktemp("generated") / PACKAGE
    done = subprocess.run([tool, "generate", "--path", str(ROOT / "openapi.yaml"),
                           "--meta", "none", "--output-path", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert out.is_dir(), done.stdout + done.stderr
    sys.path.insert(0, str(out.parent))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out.parent))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_load):
    """The app on a copy of the seeds database, over HTTP on a free port."""
    db = copy_database(seed_load.path, tmp_path_factory.mktemp("served") / "seeds.db")
    app = create_app({"EVACFACTS_DB": str(db), "EVACFACTS_API_KEYS": [KEY]})
    with threaded(app) as base:
        yield base


def _module(sdk, operation: dict):
    """The generated module of an operation: api/<tag>/<operation id in snake case>.py."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", operation["operationId"]).lower()
    return importlib.import_module(f"{sdk.__name__}.api.{operation['tags'][0].lower()}.{name}")


def test_every_operation_works_through_the_generated_client(sdk, spec, server):
    from evacfacts_client.client import AuthenticatedClient, Client
    from evacfacts_client.models import Claim, Problem, Quantity, Submit, SubmittedSource

    public = Client(base_url=server, raise_on_unexpected_status=True)
    writer = AuthenticatedClient(base_url=server, token=KEY, raise_on_unexpected_status=True)
    operations = {op["operationId"]: op for item in spec["paths"].values()
                  for method, op in item.items() if method in ("get", "post", "delete")}

    post = _module(sdk, operations["postSource"]).sync_detailed(
        client=writer, body=Submit(text=REPORT, title="Idlib evacuation"))
    assert post.status_code == 201, post.content
    posted = post.parsed
    assert isinstance(posted, SubmittedSource) and posted.claims
    assert all(isinstance(c, Claim) and isinstance(c.quantity, Quantity)
               for c in posted.claims)
    assert {c.value for c in posted.claims} >= {300, 12}

    def call(operation_id: str, client=public, **kwargs):
        response = _module(sdk, operations[operation_id]).sync_detailed(client=client,
                                                                          **kwargs)
        assert response.status_code == 200, (operation_id, response.content[:300])
        assert not isinstance(response.parsed, Problem) and response.parsed is not None
        return response.parsed

    figures = call("listFigures", per_page=100)
    actors = call("listActors", per_page=100)
    locations = call("listLocations", per_page=100)
    ids = {"claim_id": posted.claims[0].id, "source_id": posted.id,
           "actor_id": actors.items[0].id, "location_id": "aleppo",
           "figure_id": figures.items[0].id}
    called = set()
    for operation_id, operation in operations.items():
        if operation_id not in {"postSource", "deleteSource"}:
            path = next(p for p, item in spec["paths"].items()
                        if item.get("get") is operation)
            args = {name: ids[name] for name in re.findall(r"{(\w+)}", path)}
            call(operation_id, **args)
            called.add(operation_id)
    assert len(called) == len(operations) - 2 >= 17

    # Every claim parses, nullable fields (group, places, confidence) included.
    claims = call("listClaims", per_page=100)
    assert claims.total == len(claims.items) > 40
    assert any(c.group is None for c in claims.items)
    assert all(c.links.self_.startswith(server) for c in claims.items)
    assert figures.total == len(figures.items) and figures.items[0].values
    assert any(f.place is None for f in figures.items) or figures.items[0].place.id
    assert {a.id for a in actors.items} and locations.items[0].name
    assert call("getSource", source_id=posted.id).text == REPORT
    assert call("listClaims", q='"', per_page=5).items == []

    # Other representations, through the generated client's own HTTP connection.
    http = public.get_httpx_client()
    csv = http.get("/v1/locations", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("id,name,kind,parent_id")
    geo = http.get("/v1/figures", headers={"Accept": "application/geo+json"})
    from evacfacts_client.models import FigureFeatureCollection

    collection = FigureFeatureCollection.from_dict(geo.json())
    assert 0 < len(collection.features) <= figures.total
    assert collection.features[0].properties.id == collection.features[0].id

    gone = _module(sdk, operations["deleteSource"]).sync_detailed(client=writer,
                                                                  source_id=posted.id)
    assert gone.status_code == 204
    missing = _module(sdk, operations["getSource"]).sync_detailed(client=public,
                                                                  source_id=posted.id)
    assert missing.status_code == 404 and isinstance(missing.parsed, Problem)
