"""The explorer in a real headless Chromium, on the seed reports read by the real extractor.

What an editor would see: figures whose values agree drawn overlapping and
conflicting ones apart, each with its sentence and source; a report's claims
highlighted at exactly their characters; a marker for every located place; a
claims table whose CSV export holds its rows; a report posted with a key, and
refused without one. On every page: no console error, no request leaving
127.0.0.1, no serious or critical accessibility violation (axe-core), and a
screenshot at a desktop and a phone width in `EXPLORER_SCREENSHOTS`
(`build/screenshots/explorer`, git-ignored) to look at.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
from pathlib import Path

import pytest

from api.web.app import create_app
from tests.conftest import ROOT, copy_database
from tests.live_server import threaded
from tests.web.browser import launch

KEY = "explorer-test-key"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("EXPLORER_SCREENSHOTS", ROOT / "build" / "screenshots"
                                  / "explorer"))
BUSES = "buses._.occurred.east-aleppo"
FIGHTERS = "evacuees.fighters.planned.east-aleppo"
SOURCE = "001_b82afe57916aa4f6"
#: Every kind of page, by the name its screenshots get.
PAGES = {
    "figures": "/",
    "figure-agreeing": f"/figures/{BUSES}",
    "figure-conflicting": f"/figures/{FIGHTERS}",
    "sources": "/sources",
    "source": f"/sources/{SOURCE}",
    "claims": "/claims?quantity=evacuees",
    "places": "/places",
    "post": "/post",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def live_server(seed_load, tmp_path_factory):
    """The app on a copy of the seed database (writes allowed with `KEY`), in a thread."""
    database = copy_database(seed_load.path, tmp_path_factory.mktemp("explorer") / "seeds.db")
    app = create_app({"EVACFACTS_DB": str(database), "EVACFACTS_API_KEYS": [KEY]})
    with threaded(app) as base:
        yield base


class Page:
    """One Chromium tab on the live server, recording console errors and requests."""

    def __init__(self, tools, root: str) -> None:
        self.tools, self.root = tools, root
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.call(f"{domain}.enable")
        # A headless page never has the window's focus; without this, focus() moves no focus.
        tools.call("Emulation.setFocusEmulationEnabled", enabled=True)

    def open(self, path: str) -> None:
        self.tools.events.clear()
        self.tools.call("Page.navigate", url=self.root + path)
        self.tools.wait_for("document.readyState === 'complete' && location.href !== "
                            "'about:blank'")

    def eval(self, expression: str):
        return self.tools.evaluate(expression)

    def wait_for(self, expression: str):
        return self.tools.wait_for(expression)

    def console_errors(self) -> list[str]:
        self.tools.call("Runtime.evaluate", expression="1")  # flush pending events
        errors = []
        for event in self.tools.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                errors.append(" ".join(str(a.get("value")) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                errors.append(f"{params['entry'].get('url')}: {params['entry']['text']}")
        return errors

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.tools.events
                if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for width_name, (width, height) in WIDTHS.items():
            self.tools.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                            deviceScaleFactor=1, mobile=width_name == "phone")
            self.eval("new Promise(r => requestAnimationFrame(() => r(true)))")
            shot = self.tools.call("Page.captureScreenshot", format="png",
                                   captureBeyondViewport=True)
            png = base64.b64decode(shot["data"])
            assert png.startswith(b"\x89PNG")
            (SCREENSHOTS / f"{name}-{width_name}.png").write_bytes(png)
        self.tools.call("Emulation.clearDeviceMetricsOverride")

    def axe_violations(self) -> list[dict]:
        if not self.eval("typeof window.axe === 'object'"):
            self.eval(AXE.read_text(encoding="utf-8"))
        return self.eval(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)})))")


@pytest.fixture(scope="module")
def page(live_server, tmp_path_factory):
    if not AXE.is_file():
        message = "axe-core is not installed; `make test` runs `npm ci`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with launch(tmp_path_factory.mktemp("chromium") / "profile") as tools:
        yield Page(tools, live_server)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_clean_accessible_and_local(page, name):
    page.open(PAGES[name])
    if name == "places":
        page.wait_for("!!document.querySelector('#map.has-outline, #map.no-outline')")
    page.screenshot(name)
    assert page.axe_violations() == []
    assert page.console_errors() == []
    outside = [u for u in page.requests() if not u.startswith((page.root, "data:", "blob:"))]
    assert outside == []


def _marks(page, value_text: str) -> dict:
    """The horizontal extent on screen of a value's drawn interval."""
    return page.eval(f"""(() => {{
        const row = [...document.querySelectorAll('li.value')]
            .find(li => li.querySelector('.value-text').textContent.includes({value_text!r}));
        const box = row.querySelector('.mark').getBoundingClientRect();
        return {{left: box.left, right: box.right,
                 sources: [...row.querySelectorAll('.said .source a')].map(a => a.textContent),
                 sentences: [...row.querySelectorAll('.said .sentence')]
                     .map(q => q.textContent)}};
    }})()""")


def test_agreeing_values_are_drawn_overlapping(page):
    page.open(f"/figures/{BUSES}")
    assert "consistent" in page.eval("document.getElementById('verdict').textContent")
    at_least, twenty = _marks(page, "at least 17"), _marks(page, "“20 buses”")
    assert at_least["left"] < twenty["left"] and at_least["right"] >= twenty["right"]
    band = page.eval("(() => { const b = document.querySelector('li.value .common')"
                     ".getBoundingClientRect(); return {left: b.left, right: b.right}; })()")
    assert band["left"] <= twenty["right"] and band["right"] >= twenty["left"]


def test_conflicting_values_are_drawn_apart_with_source_and_sentence(page):
    page.open(f"/figures/{FIGHTERS}")
    assert "conflicting" in page.eval("document.getElementById('verdict').textContent")
    assert page.eval("document.querySelectorAll('li.value .common').length") == 0
    four, five = _marks(page, "“4,000"), _marks(page, "five thousand")
    assert four["right"] < five["left"]
    for drawn, number in ((four, "4,000"), (five, "five thousand")):
        assert drawn["sources"] and all(s.endswith(".txt") for s in drawn["sources"])
        assert drawn["sentences"] and any(number in s for s in drawn["sentences"])


def test_a_report_highlights_each_claim_at_its_characters(page):
    page.open(f"/sources/{SOURCE}")
    found = page.eval(f"""(async () => {{
        const source = await (await fetch('/v1/sources/{SOURCE}')).json();
        const claims = (await (await fetch('/v1/sources/{SOURCE}/claims?per_page=100'))
            .json()).items;
        const text = document.getElementById('report-text');
        return {{same_text: text.textContent === source.text, claims: claims.map(c => {{
            const span = document.getElementById('at-' + c.id);
            if (!span) return {{id: c.id, missing: true}};
            const before = document.createRange();
            before.setStart(text, 0);
            before.setEndBefore(span);
            return {{id: c.id, offset: before.toString().length, start: c.start,
                     shown: span.textContent, expected: source.text.slice(c.start, c.end)}};
        }})}};
    }})()""")
    assert found["same_text"]
    assert len(found["claims"]) > 5
    for claim in found["claims"]:
        assert not claim.get("missing"), claim
        assert claim["offset"] == claim["start"] and claim["shown"] == claim["expected"], claim
    # Focusing a highlight shows its claim.
    first = found["claims"][0]["id"]
    page.eval(f"document.getElementById('at-{first}').focus()")
    card = page.wait_for("!document.getElementById('claim-tip').hidden && "
                         "document.getElementById('claim-tip').textContent")
    assert "Status" in card and "Value" in card


def test_the_map_draws_a_marker_for_every_located_place(page):
    page.open("/places")
    located = page.eval("""(async () => (await (await fetch('/v1/locations?per_page=100'))
        .json()).items.filter(p => p.lat !== null && p.lon !== null).map(p => p.id).sort())()""")
    assert located
    drawn = page.eval("[...document.querySelectorAll('#map a.marker')]"
                      ".map(a => a.dataset.placeId).sort()")
    assert drawn == located
    assert page.wait_for("document.querySelectorAll('#map .outline path').length") > 100


def test_the_claims_table_filters_and_its_csv_holds_the_same_rows(page):
    page.open("/claims")
    everything = page.eval("document.querySelectorAll('table.claims tbody tr').length")
    page.eval("document.getElementById('f-quantity').value = 'evacuees';"
              "document.getElementById('f-value_min').value = '100';"
              "document.querySelector('form.filters button[type=submit]').click(); true")
    page.wait_for("location.search.includes('quantity=evacuees')")
    page.wait_for("document.readyState === 'complete'")
    shown = page.eval("[...document.querySelectorAll('table.claims tbody tr')]"
                      ".map(r => r.dataset.claimId)")
    assert 0 < len(shown) < everything
    csv_text = page.eval("fetch(document.getElementById('export-csv').href).then(r => r.text())")
    assert [row["id"] for row in csv.DictReader(io.StringIO(csv_text))] == shown
    values = page.eval("(async () => (await (await fetch('/v1/claims' + location.search))"
                       ".json()).items.map(c => [c.quantity, c.value]))()")
    assert all(q == "evacuees" and v >= 100 for q, v in values)


def _post(page, key: str | None) -> None:
    page.open("/post")
    text = ("Evacuation of Madaya\n\nThe Red Cross said 120 people were evacuated from "
            "Madaya on Tuesday.\n")
    page.eval(f"document.getElementById('p-text').value = {json.dumps(text)};"
              f"document.getElementById('p-key').value = {json.dumps(key or '')};"
              "document.querySelector('#post-form button').click(); true")


def test_posting_with_a_key_shows_its_claims_and_keeps_the_key_nowhere(page):
    _post(page, KEY)
    rows = page.wait_for("document.querySelectorAll('.posted-claims tbody tr').length")
    assert rows >= 1
    assert "120" in page.eval("document.querySelector('.posted-claims').textContent")
    assert KEY not in page.eval("location.href")
    assert page.eval("localStorage.length + sessionStorage.length") == 0
    assert page.eval("document.cookie") == ""
    posts = [e["params"]["request"] for e in page.tools.events
             if e.get("method") == "Network.requestWillBeSent"
             and e["params"]["request"]["method"] == "POST"]
    assert [p["headers"].get("Authorization") for p in posts] == [f"Bearer {KEY}"]
    assert all(KEY not in p["url"] for p in posts)
    assert page.console_errors() == []


def test_posting_without_a_key_shows_the_401(page):
    _post(page, None)
    problem = page.wait_for("document.querySelector('#post-result .problem')?.textContent")
    assert "401" in problem and "API key" in problem
    # The browser reports the refused request itself; nothing else may go wrong.
    errors = [e for e in page.console_errors() if "401" not in e]
    assert errors == []
