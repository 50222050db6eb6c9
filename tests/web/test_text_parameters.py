"""Property test: whatever a user types into a text parameter, the answer is 200 or a 4xx.

Search text (`q`) is matched as words, never parsed as SQLite's full-text
query language, and ids, names and kinds are compared as plain values. So
quotes, `AND`/`OR`/`NOT`/`NEAR(`, `*`, `-`, `^`, column filters (`title:x`),
unbalanced parentheses, control characters, NUL and any other Unicode text
(surrogates aside: they are not text) never reach SQLite as syntax, and
never give a 5xx. Every free-text parameter of the served document is
tried, query and path alike, so a parameter added later is covered too.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Pieces of FTS5 syntax and other characters a search box might get.
HOSTILE = ['"', "'", "AND", "OR", "NOT", "NEAR(", "NEAR", "(", ")", "*", "-", "+", "^", ":",
           "title:", "text:x", "{", "}", "[", "]", ",", "\\", "%", "_", "\x00", "\x01", "\x1f",
           "\x7f", "\u200b", "\ufeff", "\U0001f600", "\u0301", "e\u0301", "Aleppo", "951"]
text = st.one_of(
    st.text(),  # any Unicode text without surrogates, NUL and control characters included
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=3)), max_size=8).map(
        "".join),
    st.lists(st.sampled_from(HOSTILE), max_size=6).map(" ".join),
)


def free_text_parameters(spec: dict) -> list[tuple[str, str, str]]:
    """(path, parameter location, name) of every GET parameter that takes any string."""
    found = []
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        for param in [*item.get("parameters", []), *operation.get("parameters", [])]:
            schema = param.get("schema", {})
            if schema.get("type") == "string" and "enum" not in schema:
                found.append((path, param["in"], param["name"]))
    return found


@pytest.fixture(scope="module")
def parameters(client_for_spec):
    return free_text_parameters(client_for_spec.get("/openapi.json").get_json())


@pytest.fixture(scope="module")
def client_for_spec():
    from api.web.app import create_app

    return create_app({"EVACFACTS_DB": ":memory:"}).test_client()


def test_the_text_parameters_are_found(parameters):
    names = {(path, name) for path, _, name in parameters}
    assert {("/v1/claims", "q"), ("/v1/sources", "q"), ("/v1/claims", "actor"),
            ("/v1/claims", "location"), ("/v1/claims", "after"), ("/v1/figures", "location"),
            ("/v1/locations", "parent"), ("/v1/claims/{claim_id}", "claim_id")} <= names
    assert len(parameters) >= 25


def _request(client, path: str, where: str, name: str, value: str):
    if where == "path":
        segment = value.replace("%", "%25").replace("/", "%2F").replace("?", "%3F") \
            .replace("#", "%23")
        path = path.replace("{" + name + "}", segment or "x")
        return client.get(path)
    for other in ("claim_id", "source_id", "actor_id", "location_id", "figure_id"):
        path = path.replace("{" + other + "}", "x")
    return client.get(path, query_string={name: value})


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), value=text)
def test_any_text_in_any_text_parameter_is_answered_without_a_server_error(
        client, parameters, data, value):
    path, where, name = data.draw(st.sampled_from(parameters))
    response = _request(client, path, where, name, value)
    assert response.status_code in (200, 404, 422), (path, name, value, response.get_json())


def test_an_id_holding_a_slash_names_nothing(client):
    assert client.get("/v1/claims/%2F0").status_code == 404
    assert client.get("/v1/sources//x").status_code == 404


@pytest.mark.parametrize("path", ["/v1/claims", "/v1/sources", "/v1/actors/reuters/claims"])
@pytest.mark.parametrize("q", ['"', "NEAR(", 'a*b"', "-x", "title:x", "(", "AND", "a OR",
                               "\x00", "0\x00", "a\x00b", "\x01\x02", "*", "^x"])
def test_search_syntax_is_plain_text(client, path, q):
    response = client.get(path, query_string={"q": q})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["items"] == []  # no claim or source holds these words


def test_quoted_words_are_found_as_words(client):
    assert client.get("/v1/claims", query_string={"q": '"buses"'}).get_json()["total"] == 1
    # `*` is no prefix operator: "bu*" is the word "bu", which no claim holds
    assert client.get("/v1/claims", query_string={"q": "bu*"}).get_json()["total"] == 0
