"""Swagger UI in a real headless Chromium, driven over the DevTools protocol.

Proves what a person would see at /docs: every operation listed, a request
made through "Try it out" answered, and no request leaving this machine.
"""

from __future__ import annotations

import base64
import json

import pytest

from tests.live_server import threaded
from tests.web.browser import launch
from tests.web.test_openapi import OPERATIONS, WRITES


@pytest.fixture
def app_config():
    return {}


@pytest.fixture
def live_server(app):
    """The app (on the fake corpus) on a free loopback port, in a thread."""
    with threaded(app) as base:
        yield base


@pytest.fixture
def browser(tmp_path):
    with launch(tmp_path / "chromium-profile") as tools:
        yield tools


def test_swagger_ui_renders_every_operation_offline(live_server, browser, tmp_path):
    browser.call("Network.enable")
    browser.call("Page.enable")
    browser.call("Page.navigate", url=f"{live_server}/docs")
    count = browser.wait_for(
        f"document.querySelectorAll('.opblock').length >= {len(OPERATIONS) + len(WRITES)} && "
        "document.querySelectorAll('.opblock').length"
    )
    assert count == len(OPERATIONS) + len(WRITES)  # every GET, plus POST and DELETE
    paths = set(browser.evaluate(
        "[...document.querySelectorAll('.opblock-summary-path')]"
        ".map(e => e.getAttribute('data-path'))"
    ))
    assert paths == OPERATIONS
    # The bearer scheme of the write operations gives the page its "Authorize" button.
    assert browser.evaluate("!!document.querySelector('.auth-wrapper .authorize')")
    title = browser.evaluate("document.querySelector('.info .title').textContent")
    assert title.startswith("evacfacts")
    assert "GET /v1/claims?quantity=evacuees" in browser.evaluate(
        "document.querySelector('.info .description').textContent")

    # A newcomer opens "List claims", presses "Try it out" then "Execute".
    browser.evaluate(
        "[...document.querySelectorAll('.opblock-summary-path')]"
        ".find(e => e.getAttribute('data-path') === '/v1/claims')"
        ".closest('.opblock').querySelector('.opblock-summary-control').click(); true"
    )
    browser.wait_for("!!document.querySelector('.opblock.is-open .try-out__btn')")
    # tryItOutEnabled opens operations ready to execute; press "Try it out" only if needed.
    browser.evaluate(
        "const b = document.querySelector('.opblock.is-open .try-out__btn');"
        "if (b.textContent.trim() === 'Try it out') b.click(); true"
    )
    browser.wait_for("!!document.querySelector('.opblock.is-open .execute')")
    browser.evaluate("document.querySelector('.opblock.is-open .execute').click(); true")
    status = browser.wait_for(
        "[...document.querySelectorAll('.opblock.is-open .live-responses-table "
        ".response-col_status')].map(e => e.textContent.trim()).find(t => /^\\d{3}/.test(t))"
    )
    assert status.startswith("200")
    body = browser.wait_for(
        "document.querySelector('.opblock.is-open .live-responses-table .microlight')"
        "?.textContent"
    )
    assert json.loads(body)["total"] == 5  # no filter pre-filled: every claim

    shot = browser.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    (tmp_path / "swagger-ui.png").write_bytes(png)  # to look at: pytest keeps recent tmp_paths

    browser.call("Runtime.evaluate", expression="1")  # flush pending events
    urls = [e["params"]["request"]["url"] for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"]
    assert any(u.endswith("/openapi.json") for u in urls)
    assert any("/v1/claims" in u for u in urls)
    outside = [u for u in urls if not u.startswith((live_server, "data:", "blob:"))]
    assert outside == [], outside
