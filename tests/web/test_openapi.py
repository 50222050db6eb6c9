"""The OpenAPI document: valid, complete, committed, and the docs page offline."""

from __future__ import annotations

import re

import pytest
import yaml
from openapi_spec_validator import validate

from api.web.app import create_app
from tests.conftest import ROOT

OPERATIONS = {
    "/v1/claims", "/v1/claims/{claim_id}",
    "/v1/sources", "/v1/sources/{source_id}", "/v1/sources/{source_id}/claims",
    "/v1/actors", "/v1/actors/{actor_id}", "/v1/actors/{actor_id}/claims",
    "/v1/locations", "/v1/locations/{location_id}", "/v1/locations/{location_id}/claims",
    "/v1/figures", "/v1/figures/{figure_id}", "/v1/quantities",
    "/health", "/", "/v1",
}
#: The write operations, beside every path's GET.
WRITES = {("post", "/v1/sources"), ("delete", "/v1/sources/{source_id}")}


@pytest.fixture
def database(tmp_path):
    return tmp_path / "empty.db"


@pytest.fixture
def app_config():
    return {}


def test_served_spec_is_valid_and_lists_every_operation(client):
    spec = client.get("/openapi.json").json
    validate(spec)
    assert set(spec["paths"]) == OPERATIONS
    for path, item in spec["paths"].items():
        operation = item["get"]
        assert operation["summary"], path
        for param in [*operation.get("parameters", []), *item.get("parameters", [])]:
            assert param.get("description"), (path, param["name"])
            if param["in"] == "path":  # filled in by "Try it out": must exist in the seeds
                assert param["example"], (path, param["name"])


def test_errors_are_documented_as_problem_json(client):
    spec = client.get("/openapi.json").json
    not_found = spec["components"]["responses"]["NOT_FOUND"]
    assert list(not_found["content"]) == ["application/problem+json"]
    claims = spec["paths"]["/v1/claims"]["get"]["responses"]
    assert "422" in claims and "default" in claims
    assert {"X-Total-Count", "Link"} <= set(claims["200"]["headers"])


def test_write_operations_are_documented_with_bearer_auth(client):
    spec = client.get("/openapi.json").json
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    methods = {(m, p) for p, item in spec["paths"].items() for m in item
               if m in ("post", "put", "patch", "delete")}
    assert methods == WRITES
    for method, path in WRITES:
        operation = spec["paths"][path][method]
        assert operation["security"] == [{"bearerAuth": []}]
        assert {"401", "403"} <= set(operation["responses"])
    post = spec["paths"]["/v1/sources"]["post"]
    assert set(post["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"200", "201", "413", "415", "422"} <= set(post["responses"])
    assert "Location" in post["responses"]["201"]["headers"]
    delete = spec["paths"]["/v1/sources/{source_id}"]["delete"]
    assert {"204", "404"} <= set(delete["responses"])
    refs = [post["responses"][s]["$ref"] for s in ("401", "413", "415", "422")]
    refs.append(delete["responses"]["404"]["$ref"])
    for ref in refs:
        response = spec["components"]["responses"][ref.rsplit("/", 1)[-1]]
        assert list(response["content"]) == ["application/problem+json"], ref


def test_committed_openapi_yaml_matches_the_app(client):
    committed = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    validate(committed)
    assert committed == client.get("/openapi.json").json, (
        "openapi.yaml is out of date: run `make openapi` and commit it")


def test_docs_page_loads_only_local_assets(client):
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/docs/assets/") for a in assets), assets
    assert '"validatorUrl": null' in html
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.data) > 1000, asset
    assert client.get("/docs/assets/no-such-file.js").status_code == 404


def test_favicon_is_served_locally(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.data.startswith(b"\x89PNG")


def test_path_examples_exist_in_the_seed_database(seed_load, seed_db):
    """Swagger UI's "Try it out" fills in these examples: each must answer 200."""
    assert all(r.status == "new" for r in seed_load.results), seed_load.results
    client = create_app({"EVACFACTS_DB": str(seed_db)}).test_client()
    spec = client.get("/openapi.json").json
    for path, item in spec["paths"].items():
        url = path
        for param in item.get("parameters", []):
            url = url.replace("{" + param["name"] + "}", param["example"])
        response = client.get(url)
        assert response.status_code == 200, (url, response.json)


def test_every_nullable_enum_lists_null_so_generated_clients_accept_it(client):
    def nullable_enums(node, where=""):
        if isinstance(node, dict):
            if node.get("nullable") and "enum" in node:
                yield where, node["enum"]
            for key, value in node.items():
                yield from nullable_enums(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from nullable_enums(value, f"{where}/{i}")

    found = list(nullable_enums(client.get("/openapi.json").json))
    assert found  # claims' and figures' group at least
    assert [where for where, values in found if None not in values] == []
