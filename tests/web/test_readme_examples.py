"""Every README shell example that calls the API runs, as written, against a live server.

Each fenced `sh` block naming `127.0.0.1:8000` is run by bash (its `make`,
`evacfacts`, `docker` and `.venv/bin/...` lines left out: they start or load
things, the server here is already up) against gunicorn on a copy of the seed
database, with the write keys the README exports. Placeholders a reader would
fill in are filled the same way: `<last id of the previous page>` from that
previous page, `"<etag>"` from the response's own `ETag`. Every `curl` must
answer the status written after it (`# 201`), else 200; a list it asks for
must not be empty; commands must exit 0.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.parse
import urllib.request

import pytest

from tests.conftest import ROOT, copy_database
from tests.live_server import gunicorn

README = (ROOT / "README.md").read_text(encoding="utf-8")
HOST = "127.0.0.1:8000"
KEYS = "s3cret-1,s3cret-2"
#: Lines that start, install or load things; not API calls.
NOT_API = re.compile(r"^\s*(make|evacfacts|docker|\.venv/bin/\S+)\b")
BLOCKS = [b for b in re.findall(r"```sh\n(.*?)```", README, re.S) if HOST in b]


def test_the_readme_has_api_examples_and_the_keys_this_test_serves():
    assert len(BLOCKS) >= 5
    assert f"export EVACFACTS_API_KEYS={KEYS}" in README
    assert "@examples/report.txt" in README and (ROOT / "examples" / "report.txt").exists()


@pytest.fixture(scope="module")
def server(tmp_path_factory, seed_load):
    db = copy_database(seed_load.path, tmp_path_factory.mktemp("readme") / "readme.db")
    with gunicorn(db, workers=2, env={"EVACFACTS_API_KEYS": KEYS}) as base:
        yield base


def expected_statuses(block: str) -> list[int]:
    """For each `curl` in the block, in order: the `# NNN` written after it, else 200."""
    parts = re.split(r"\bcurl\b", block)[1:]
    return [int(m.group(1)) if (m := re.search(r"#\s*(\d{3})\b", part)) else 200
            for part in parts]


def fill_placeholders(script: str, base: str) -> str:
    """Values a reader would take from an earlier answer."""
    def last_id(match: re.Match) -> str:
        url = match.group(1).replace(HOST, base.removeprefix("http://"))
        body = _get(f"http://{url}" if not url.startswith("http") else url)[1]
        return match.group(0).split("after=")[0] + "after=" + body["items"][-1]["id"]

    script = re.sub(r"'?(\S+?)&after=<last id of the previous page>", last_id, script)

    def etag(match: re.Match) -> str:
        url = match.group(2).replace(HOST, base.removeprefix("http://"))
        headers, _ = _get(f"http://{url}")
        return f"{match.group(1)}'If-None-Match: {headers['ETag']}' '{match.group(2)}'"

    return re.sub(r"""(.*?)'If-None-Match: "<etag>"' '([^']+)'""", etag, script)


def _get(url: str, headers: dict | None = None) -> tuple[dict, dict | list | None]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
        body = r.read()
        try:
            return dict(r.headers), json.loads(body)
        except ValueError:
            return dict(r.headers), None


def script_of(block: str, base: str) -> str:
    lines = [line for line in block.splitlines() if not NOT_API.match(line)]
    script = "\n".join(lines).replace(f"http://{HOST}", base)
    script = script.replace(HOST, base.removeprefix("http://"))
    if os.geteuid() == 0:  # Chromium refuses to run as root without it
        script = re.sub(r"\bchromium --headless\b", "chromium --headless --no-sandbox", script)
    return fill_placeholders(script, base)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(block, server, tmp_path):
    if "chromium" in block and not shutil.which("chromium"):
        pytest.skip("chromium is not installed; `make test` installs it")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    curl_home = tmp_path / "curl-home"
    curl_home.mkdir()
    (curl_home / ".curlrc").write_text('write-out = "%{stderr}HTTP-STATUS %{http_code}\\n"\n')
    script = script_of(block, server)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "CURL_HOME": str(curl_home)})
    assert result.returncode == 0, (script, result.stdout[-2000:], result.stderr[-2000:])
    statuses = [int(s) for s in re.findall(r"HTTP-STATUS (\d{3})", result.stderr)]
    assert statuses == expected_statuses(block), (script, result.stdout[-3000:])
    for accept, url in re.findall(
            r"curl (?:-H 'Accept: ([^']+)' )?'((?:http://)?127\.0\.0\.1:\d+/v1/[^']+)'", script):
        assert_not_empty(url if url.startswith("http") else f"http://{url}", accept)
    if "--screenshot" in script:
        assert_swagger_ui_rendered(script, tmp_path)


def assert_not_empty(url: str, accept: str) -> None:
    """A list an example asks for has rows: an example that returns nothing teaches nothing."""
    if "If-None-Match" in url:
        return
    headers, body = _get(url, {"Accept": accept} if accept else None)
    if "X-Total-Count" in headers:
        assert int(headers["X-Total-Count"]) > 0, url
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        if isinstance(body, dict) and query.get("page", ["1"]) == ["1"]:
            assert body.get("items", body.get("features")), url


def assert_swagger_ui_rendered(script: str, folder) -> None:
    """The screenshot shows the operations, not Swagger UI's loading spinner: the same
    command, dumping the DOM instead, has the operations in it."""
    line = next(line for line in script.splitlines() if "--screenshot" in line)
    shot = re.search(r"--screenshot=(\S+)", line).group(1)
    assert (folder / shot).stat().st_size > 10_000
    dump = re.sub(r"--screenshot=\S+", "--dump-dom", line.split("#")[0])
    dom = subprocess.run(["bash", "-c", dump], cwd=folder, capture_output=True, text=True,
                         timeout=120).stdout
    assert dom.count('class="opblock ') >= 10, dom[-2000:]
