"""Security headers are on every response, including problem responses."""

from __future__ import annotations

import pytest

from api.web.security_headers import HEADERS


@pytest.fixture
def database(tmp_path):
    return tmp_path / "x.db"


@pytest.mark.parametrize("path", ["/health", "/v1/claims", "/no-such-page"])
def test_security_headers_everywhere(client, path):
    response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value


def test_unknown_route_is_a_problem_not_html(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert set(response.get_json()) >= {"type", "title", "status", "detail"}
