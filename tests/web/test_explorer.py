"""The explorer's pages as HTML, through the test client, on the seed reports.

What the browser tests (`test_explorer_browser.py`) cannot pin cheaply: `/`
negotiated between the explorer and the JSON index, the pages' headers, the
figure list's conflicting-first paging, errors shown as pages, and that the
explorer is a client of `/v1` (it never reads the store itself).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from api.web import explorer

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PAGES = ["/", "/figures", "/figures/buses._.occurred.east-aleppo", "/sources",
         "/sources/001_b82afe57916aa4f6", "/claims", "/claims?quantity=buses", "/places",
         "/post"]


@pytest.fixture
def database(seed_db):
    return seed_db


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url, headers={"Accept": BROWSER})
    assert response.status_code == status, (url, response.data[:500])
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_root_is_the_explorer_for_a_browser_and_json_for_everyone_else(client):
    page = client.get("/", headers={"Accept": BROWSER})
    assert page.mimetype == "text/html" and "<h1>Figures</h1>" in page.get_data(as_text=True)
    assert "Accept" in page.headers["Vary"]
    for accept in ("application/json", "*/*", None,
                   "application/json, text/html;q=0.9", "text/html, application/json"):
        answer = client.get("/", headers={"Accept": accept} if accept else {})
        assert answer.mimetype == "application/json", accept
        assert answer.get_json()["links"]["claims"].endswith("/v1/claims")
    assert client.get("/v1", headers={"Accept": BROWSER}).mimetype == "application/json"


@pytest.mark.parametrize("url", PAGES)
def test_every_page_loads_only_from_this_host(client, url):
    response = client.get(url, headers={"Accept": BROWSER})
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    page = response.get_data(as_text=True)
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []  # no inline script
    assert re.findall(r"\sstyle=", page) == []  # no inline style
    assert re.findall(r"(?:src|href)=\"(?:https?:)?//", page) == []  # nothing from elsewhere
    assert '<html lang="en">' in page and '<main id="main">' in page


def test_figures_list_conflicting_first_across_pages(client, monkeypatch):
    monkeypatch.setattr(explorer, "PER_PAGE", 3)
    expected = [f["id"] for verdict in ("conflicting", "consistent")
                for f in client.get(f"/v1/figures?verdict={verdict}&per_page=100")
                .get_json()["items"]]
    shown, page = [], 1
    while True:
        body = html(client, f"/figures?page={page}")
        shown += re.findall(r'data-figure-id="([^"]+)"', body)
        if 'rel="next"' not in body:
            break
        page += 1
    assert shown == expected
    assert page == -(-len(expected) // 3)


def test_figures_list_filters_are_the_api_filters(client):
    body = html(client, "/figures?quantity=evacuees&verdict=conflicting&location=Aleppo")
    ids = re.findall(r'data-figure-id="([^"]+)"', body)
    api = client.get("/v1/figures?quantity=evacuees&verdict=conflicting&location=Aleppo"
                     "&per_page=100").get_json()
    assert ids == [f["id"] for f in api["items"]] and ids
    assert all(i.startswith("evacuees.") for i in ids)
    assert 'href="/v1/figures?quantity=evacuees&amp;location=Aleppo&amp;verdict=conflicting' \
           '&amp;page=1&amp;per_page=50&amp;format=csv"' in body


def test_figure_page_shows_each_value_with_its_claims(client):
    body = html(client, "/figures/evacuees.fighters.planned.east-aleppo")
    assert "verdict-conflicting" in body and 'class="common"' not in body
    figure = client.get("/v1/figures/evacuees.fighters.planned.east-aleppo").get_json()
    assert body.count('<li class="value"') == len(figure["values"])
    for claim in figure["claims"]:
        assert f'data-claim-id="{claim["id"]}"' in body


def test_agreeing_figure_draws_the_band_every_value_fits(client):
    body = html(client, "/figures/buses._.occurred.east-aleppo")
    assert "verdict-consistent" in body and 'class="common"' in body


def test_claims_table_passes_every_filter_to_the_api_and_links_its_exports(client):
    query = "quantity=evacuees&value_min=100&sort=-value"
    body = html(client, f"/claims?{query}")
    api = client.get(f"/v1/claims?{query}&per_page=50").get_json()
    assert re.findall(r'<tr data-claim-id="([^"]+)"', body) == [c["id"] for c in api["items"]]
    assert ('href="/v1/claims?quantity=evacuees&amp;value_min=100&amp;sort=-value'
            '&amp;per_page=50&amp;page=1&amp;format=csv"') in body


def test_a_rejected_filter_is_shown_as_the_api_said_it(client):
    body = html(client, "/claims?confidence_min=2", status=422)
    assert "confidence_min: Must be greater than or equal to 0" in body


@pytest.mark.parametrize("url", ["/figures/no.such.figure._", "/sources/nothing-here",
                                 "/claims/nothing-here/figure"])
def test_unknown_things_are_404_pages(client, url):
    assert "404" in html(client, url, status=404)


def test_a_claim_leads_to_its_figure(client):
    claim = client.get("/v1/claims?quantity=buses&qualifier=at_least").get_json()["items"][0]
    answer = client.get(f"/claims/{claim['id']}/figure")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/figures/buses._.occurred.east-aleppo"


def test_report_text_is_cut_at_every_claim_span():
    text = "Some 300 people left; 20 buses and 5 ambulances came."
    claims = [{"id": "a", "start": 5, "end": 15}, {"id": "b", "start": 22, "end": 30},
              {"id": "c", "start": 24, "end": 30}]  # c overlaps b: left to the table
    segments = explorer.highlight(text, claims)
    assert "".join(s["text"] for s in segments) == text
    spans = [(s["claim"]["id"], s["text"]) for s in segments if s["claim"]]
    assert spans == [("a", "300 people"), ("b", "20 buses")]


def test_posting_form_never_submits_the_key(client):
    body = html(client, "/post")
    key_field = re.search(r"<input id=\"p-key\"[^>]*>", body).group(0)
    assert " name=" not in key_field and 'type="password"' in key_field
    assert 'autocomplete="off"' in key_field
    posted = client.post("/post", data={"key": "secret"}, headers={"Accept": BROWSER})
    assert posted.status_code == 200
    assert "needs JavaScript" in posted.get_data(as_text=True)


def test_vendor_files_are_only_the_listed_ones(client):
    assert client.get("/explorer/vendor/package.json").status_code == 404
    assert client.get("/explorer/vendor/..%2Fpackage.json").status_code == 404


def test_the_explorer_reads_only_through_the_api():
    """The pages are a client of /v1: no module of theirs imports the store or a view."""
    for module in ("explorer", "api_client", "charts"):
        tree = ast.parse((Path(explorer.__file__).parent / f"{module}.py").read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                     for a in n.names}
        assert not any(m and (m.startswith("api.store") or m == "api.web.db")
                       for m in imported), module
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                 for a in n.names}
        assert not names & {"store", "get_db", "claims", "figures", "sources", "locations"}
