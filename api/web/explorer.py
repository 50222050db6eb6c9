"""The explorer: HTML pages for people, built only on the public `/v1` API.

Each view asks `/v1` (through `api.web.api_client`, in process) for what it
shows and renders it with Jinja; nothing here reads the store. Pages ask only
for pages of lists (at most `api_client.PAGE_SIZE` items a call) or for one
object, so a page costs about what the `/v1` calls behind it cost. Every
view's state (filters, page) is in its URL, so any view can be shared.

Script is progressive: charts and the map's markers are SVG drawn here; the
browser adds the country outline, the claim cards on hover and focus, and the
posting form (which needs script, since the key travels only in the
`Authorization` header of the request the page makes).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from api.reference.vocabulary import GROUPS, QUALIFIERS, QUANTITIES, SOURCE_KINDS, STATUSES
from api.web import api_client, charts

bp = Blueprint("explorer", __name__, template_folder="templates",
               static_folder="static/explorer", static_url_path="/explorer/static")

HTML = "text/html"
#: Figures per page of the figure list, and claims per page of the claims table.
PER_PAGE = 50
#: Claims quoted under each value of a figure, claims listed in its table, and claims drawn
#: on its time line: a figure of thousands of claims stays a page, not a book.
MAX_QUOTED = 3
MAX_SHOWN = 100
MAX_DRAWN = 500
#: The claims filters of `/v1/claims` that the claims table passes on, in form order.
CLAIM_FILTERS = ("q", "quantity", "group", "status", "qualifier", "actor", "location",
                 "source", "value_min", "value_max", "confidence_min", "sort")
FIGURE_FILTERS = ("quantity", "group", "status", "location", "verdict")
VERDICTS = ("conflicting", "consistent")
#: Files of installed npm packages the pages load, by the name they are served under.
VENDOR_FILES = {
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
}
#: Only this host: the pages load nothing from anywhere else.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def wants_html() -> bool:
    """Whether the client prefers an HTML page to JSON (a browser does; curl does not)."""
    best = request.accept_mimetypes.best_match(["application/json", HTML])
    return best == HTML and request.accept_mimetypes[HTML] > request.accept_mimetypes[
        "application/json"]


def _page_headers(response: Response) -> Response:
    """The explorer's pages (also `/` as a browser gets it) load only from this host."""
    if response.mimetype == HTML and (request.blueprint == bp.name
                                      or request.path == "/"):
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.vary.add("Accept")
    return response


def _args(names: tuple[str, ...]) -> dict[str, str]:
    """The request's non-empty query arguments among `names`."""
    return {n: request.args[n] for n in names if request.args.get(n)}


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


def _explorer_link(api_url: str | None, endpoint: str, **values) -> str | None:
    """The explorer URL showing what an API page link points to (same query)."""
    if not api_url:
        return None
    query = urlsplit(api_url).query
    return url_for(endpoint, **values) + (f"?{query}" if query else "")


def _problem(answer: api_client.Answer):
    """Render an API error (a problem document) as the page, with its status."""
    body = answer.body if isinstance(answer.body, dict) else {}
    return render_template("explorer/problem.html", status=answer.status, problem=body), \
        answer.status


# --- figures -------------------------------------------------------------------------------

@bp.route("/figures")
def figures():
    """Figures with their verdict, conflicting first, filtered by the query."""
    return figures_page()


def figures_page():
    """The figure list (also what `/` shows a browser)."""
    filters = _args(FIGURE_FILTERS)
    page = _page_number()
    verdicts = [filters["verdict"]] if "verdict" in filters else list(VERDICTS)
    items, total, error = _conflicting_first(filters, verdicts, page)
    if error is not None:
        return _problem(error)
    pages = max(1, -(-total // PER_PAGE))
    query = dict(filters)
    return render_template(
        "explorer/figures.html", figures=items, total=total, page=page, pages=pages,
        filters=filters, quantities=QUANTITIES, groups=GROUPS, statuses=STATUSES,
        verdicts=VERDICTS,
        prev=url_for("explorer.figures", **query, page=page - 1) if page > 1 else None,
        next=url_for("explorer.figures", **query, page=page + 1) if page < pages else None,
        exports={fmt: url_for("figures.list_figures", **query, page=page, per_page=PER_PAGE,
                              format=fmt) for fmt in ("csv", "geojson")},
    )


def _conflicting_first(filters: dict, verdicts: list[str], page: int):
    """One page of figures across the verdicts in order (conflicting, then consistent).

    `/v1/figures` pages each verdict on its own; the figures of page `page` are a
    window over their concatenation, fetched as at most two pages of each.
    """
    start, stop = (page - 1) * PER_PAGE, page * PER_PAGE
    items: list[dict] = []
    offset = 0  # where the current verdict's figures begin in the concatenation
    for verdict in verdicts:
        first = max(start - offset, 0)  # the first of this verdict's figures on the page
        number = first // PER_PAGE + 1
        query = {**filters, "verdict": verdict, "per_page": PER_PAGE}
        answer = api_client.get("/v1/figures", {**query, "page": number})
        if not answer.ok:
            return [], 0, answer
        total, fetched = answer.body["total"], answer.body["items"]
        need = stop - offset - first
        if need > 0 and first < total:
            skip = first - (number - 1) * PER_PAGE
            if skip + need > len(fetched) and number * PER_PAGE < total:
                more = api_client.get("/v1/figures", {**query, "page": number + 1})
                if not more.ok:
                    return [], 0, more
                fetched = fetched + more.body["items"]
            items.extend(fetched[skip:skip + need])
        offset += total
    return items, offset, None


@bp.route("/figures/<figure_id>")
def figure(figure_id: str):
    """One figure: every value as its interval, with who said it, where and when."""
    answer = api_client.get(f"/v1/figures/{figure_id}")
    if not answer.ok:
        return _problem(answer)
    data = answer.body
    claims = data["claims"]
    by_value: dict[tuple, list[dict]] = {}
    for c in claims:
        by_value.setdefault(_value_key(c), []).append(c)
    for value in data["values"]:
        value["claims"] = by_value.get(_value_key(value), [])
    place = data["place"]
    kind = {"quantity": data["quantity"], "group": data["group"], "status": data["status"],
            "location": place["id"] if place else None}
    return render_template(
        "explorer/figure.html", figure=data, bars=charts.value_bars(data["values"]),
        timeline=charts.timeline(claims[:MAX_DRAWN]), quoted=MAX_QUOTED, shown=MAX_SHOWN,
        same_kind=url_for("explorer.claims", **{k: v for k, v in kind.items() if v}))


def _value_key(item: dict) -> tuple:
    return (item["qualifier"], item["value"], item["value_low"], item["value_high"])


# --- sources -------------------------------------------------------------------------------

@bp.route("/sources")
def sources():
    """The reports, searchable by text and kind."""
    filters = _args(("q", "kind"))
    page = _page_number()
    answer = api_client.get("/v1/sources", {**filters, "page": page, "per_page": PER_PAGE})
    if not answer.ok:
        return _problem(answer)
    body = answer.body
    return render_template(
        "explorer/sources.html", sources=body["items"], total=body["total"], page=page,
        pages=body["pages"], filters=filters, kinds=SOURCE_KINDS,
        prev=_explorer_link(body["links"]["prev"], "explorer.sources"),
        next=_explorer_link(body["links"]["next"], "explorer.sources"),
    )


@bp.route("/sources/<source_id>")
def source(source_id: str):
    """A report's text with every claim's span highlighted, and its claims beside it."""
    answer = api_client.get(f"/v1/sources/{source_id}")
    if not answer.ok:
        return _problem(answer)
    data = answer.body
    claims, total = api_client.every_item(f"/v1/sources/{source_id}/claims",
                                          {"sort": "source"})
    return render_template("explorer/source.html", source=data, claims=claims,
                           total=total, segments=highlight(data["text"], claims))


def highlight(text: str, claims: list[dict]) -> list[dict]:
    """The text cut into plain runs and claim spans, in order (`text` of each run).

    A span that overlaps one already placed is left to the table (never drawn
    twice over the same characters).
    """
    segments: list[dict] = []
    at = 0
    for claim in sorted(claims, key=lambda c: (c["start"], -c["end"])):
        if claim["start"] < at:
            continue
        if claim["start"] > at:
            segments.append({"text": text[at:claim["start"]], "claim": None})
        segments.append({"text": text[claim["start"]:claim["end"]], "claim": claim})
        at = claim["end"]
    if at < len(text):
        segments.append({"text": text[at:], "claim": None})
    return segments


# --- claims --------------------------------------------------------------------------------

@bp.route("/claims")
def claims():
    """Every claim, filtered by any `/v1/claims` filter, paged, with export links."""
    filters = _args(CLAIM_FILTERS)
    paging = {"per_page": PER_PAGE}
    if request.args.get("after"):
        paging["after"] = request.args["after"]
    else:
        paging["page"] = _page_number()
    query = {**filters, **paging}
    answer = api_client.get("/v1/claims", query)
    if not answer.ok:
        return render_template("explorer/claims.html", claims=None, error=answer.body,
                               filters=filters, **_claim_choices()), answer.status
    body = answer.body
    return render_template(
        "explorer/claims.html", claims=body["items"], total=body["total"], page=body["page"],
        pages=body["pages"], filters=filters, error=None, **_claim_choices(),
        prev=_explorer_link(body["links"]["prev"], "explorer.claims"),
        next=_explorer_link(body["links"]["next"], "explorer.claims"),
        exports={"csv": url_for("claims.list_claims", **query, format="csv"),
                 "json": url_for("claims.list_claims", **query)},
    )


def _claim_choices() -> dict:
    return {"quantities": QUANTITIES, "groups": GROUPS, "statuses": STATUSES,
            "qualifiers": QUALIFIERS,
            "sorts": ("source", "-source", "value", "-value", "quantity", "-quantity", "id",
                      "-id")}


@bp.route("/claims/<claim_id>/figure")
def claim_figure(claim_id: str):
    """Go to the figure a claim belongs to (found among the figures of its kind)."""
    answer = api_client.get(f"/v1/claims/{claim_id}")
    if not answer.ok:
        return _problem(answer)
    claim = answer.body
    kind = {"quantity": claim["quantity"], "group": claim["group"], "status": claim["status"]}
    page = 1
    while True:
        found = api_client.get("/v1/figures", {**kind, "page": page, "per_page": 100})
        if not found.ok:
            return _problem(found)
        for item in found.body["items"]:
            if any(t["claim_id"] == claim_id for t in item["timeline"]):
                return redirect(url_for("explorer.figure", figure_id=item["id"]))
        if not found.body["links"]["next"]:
            return _problem(api_client.Answer(404, {
                "title": "Not Found", "detail": f"No figure holds claim {claim_id!r}."}))
        page += 1


# --- places --------------------------------------------------------------------------------

@bp.route("/places")
def places():
    """A map of the places claims name, sized by claims, each linking to them."""
    items, total = api_client.every_item("/v1/locations")
    items.sort(key=lambda p: (-(p.get("claim_count") or 0), p["name"]))
    return render_template("explorer/places.html", places=items, total=total,
                           map=charts.place_map(items))


# --- posting -------------------------------------------------------------------------------

@bp.route("/post", methods=["GET", "POST"])
def post():
    """The form that submits a report with a key, from the browser, to `POST /v1/sources`.

    The page's script sends the key as `Authorization: Bearer`; the key field has no
    `name`, so a form submitted without script never carries it anywhere.
    """
    return render_template("explorer/post.html", without_script=request.method == "POST")


# --- assets from installed npm packages ----------------------------------------------------

def node_modules() -> Path:
    return Path(current_app.config["EVACFACTS_NODE_MODULES"])


@bp.route("/explorer/vendor/<name>")
def vendor(name: str):
    """One file of an installed npm package the pages use (see `VENDOR_FILES`)."""
    if name not in VENDOR_FILES:
        abort(404)
    path = node_modules() / VENDOR_FILES[name]
    if not path.is_file():
        abort(404)
    return send_from_directory(path.parent, path.name, max_age=86400)


def init_app(app) -> None:
    """Register the pages, and where the npm packages are (`EVACFACTS_NODE_MODULES`)."""
    app.config.setdefault("EVACFACTS_NODE_MODULES",
                          str(Path(__file__).resolve().parents[2] / "node_modules"))
    app.register_blueprint(bp)
    app.after_request(_page_headers)
    app.jinja_env.globals["vendor_available"] = lambda name: (
        node_modules() / VENDOR_FILES[name]).is_file()


@bp.app_template_filter("around")
def around(sentence: str, phrase: str) -> tuple[str, str, str]:
    """The sentence cut around the first occurrence of the claim's phrase (for marking it)."""
    at = sentence.find(phrase) if phrase else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], phrase, sentence[at + len(phrase):]


@bp.app_template_filter("bounds")
def bounds_label(claim: dict) -> str:
    """A claim's bounds as words: "951", "17 or more", "up to 200", "200 to 999"."""
    low, high = claim.get("value_low"), claim.get("value_high")
    if (low is None and high is None) or low == high:
        return f"{claim['value']:,}"
    if high is None:
        return f"{low:,} or more"
    if low is None:
        return f"up to {high:,}"
    return f"{low:,} to {high:,}"


@bp.app_template_filter("places")
def places_label(claim: dict) -> str:
    """Where a claim applies, as words: "from East Aleppo, to Idlib"."""
    return ", ".join(f"{word} {claim[key]}" for word, key in
                     (("from", "origin"), ("to", "destination"), ("in", "location"))
                     if claim.get(key))
