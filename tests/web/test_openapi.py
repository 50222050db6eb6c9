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


# --- written for client generators ----------------------------------------------------

def _operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def test_every_operation_has_an_id_a_description_security_and_client_errors(client):
    spec = client.get("/openapi.json").json
    ids = [op["operationId"] for _, _, op in _operations(spec)]
    assert len(ids) == len(set(ids)) == 19
    assert all(re.fullmatch(r"[a-z][A-Za-z]+", i) for i in ids), ids
    for path, method, operation in _operations(spec):
        where = f"{method.upper()} {path}"
        assert operation["summary"] and operation["description"], where
        expected = [] if (method, path) not in WRITES else [{"bearerAuth": []}]
        assert operation["security"] == expected, where
        assert "406" in operation["responses"], where
        for status, response in operation["responses"].items():
            if status.startswith("4") or status == "default":
                name = response["$ref"].rsplit("/", 1)[-1]
                content = spec["components"]["responses"][name]["content"]
                assert list(content) == ["application/problem+json"], (where, status)


def test_the_document_names_its_server_contact_and_licence(client):
    spec = client.get("/openapi.json").json
    assert spec["servers"] == [{"url": "/", "description": "The host serving this document"}]
    assert spec["info"]["contact"]["name"] and spec["info"]["license"]["name"]


def test_word_lists_are_named_components_referred_to_not_repeated(client):
    spec = client.get("/openapi.json").json
    schemas = spec["components"]["schemas"]
    for name in ("Quantity", "Group", "Qualifier", "Status", "SourceKind", "Verdict",
                 "ClaimSort", "ListFormat", "MapListFormat"):
        assert schemas[name]["type"] == "string" and None not in schemas[name]["enum"], name

    def inline_enums(node, where=""):
        if isinstance(node, dict):
            if "enum" in node and where.rsplit("/", 1)[-1] not in schemas \
                    and node["enum"] != [None]:
                yield where, node["enum"]
            for key, value in node.items():
                yield from inline_enums(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from inline_enums(value, f"{where}/{i}")

    # only the GeoJSON constants ("Point", "Feature", "FeatureCollection") stay inline
    assert {tuple(values) for _, values in inline_enums(spec)} == {
        ("Point",), ("Feature",), ("FeatureCollection",)}
    claim = schemas["Claim"]["properties"]
    assert claim["quantity"] == {"allOf": [{"$ref": "#/components/schemas/Quantity"}],
                                 "example": "evacuees"}
    assert claim["group"]["anyOf"][0] == {"$ref": "#/components/schemas/Group"}
    claims = spec["paths"]["/v1/claims"]["get"]["parameters"]
    assert next(p for p in claims if p["name"] == "quantity")["schema"] == {
        "$ref": "#/components/schemas/Quantity"}


def test_every_response_is_a_typed_schema_with_json_first(client):
    spec = client.get("/openapi.json").json
    for path, _method, operation in _operations(spec):
        for response in operation["responses"].values():
            content = response.get("content", {})
            if content:
                assert next(iter(content)) in ("application/json", "application/problem+json")
            for media, body in content.items():
                schema = body["schema"]
                assert "$ref" in schema or schema.get("type") == "string", (path, media)
    for path, name in (("/v1/locations", "Location"), ("/v1/figures", "Figure")):
        geo = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/geo+json"]
        assert geo["schema"] == {"$ref": f"#/components/schemas/{name}FeatureCollection"}
        feature = spec["components"]["schemas"][f"{name}Feature"]["properties"]
        assert feature["properties"]["allOf"] == [{"$ref": f"#/components/schemas/{name}"}]


def test_examples_link_to_no_real_address(client):
    text = client.get("/openapi.json").get_data(as_text=True)
    assert ":8000" not in text and "127.0.0.1" not in text and "localhost" not in text


@pytest.mark.parametrize("path", ["/v1/claims", "/v1/sources", "/v1/actors", "/v1/locations",
                                  "/v1/figures"])
def test_csv_examples_show_the_columns_the_endpoint_gives(seed_db, path):
    client = create_app({"EVACFACTS_DB": str(seed_db)}).test_client()
    spec = client.get("/openapi.json").json
    example = spec["paths"][path]["get"]["responses"]["200"]["content"]["text/csv"]["example"]
    real = client.get(path, headers={"Accept": "text/csv"}).get_data(as_text=True)
    assert example.splitlines()[0] == real.splitlines()[0]
