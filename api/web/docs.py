"""Swagger UI's assets, served from the installed `swagger-ui-bundle` package.

flask-smorest renders the `/docs` page but loads Swagger UI's JavaScript and
CSS from `OPENAPI_SWAGGER_UI_URL`, a CDN by default. Pointing it here keeps
the docs working offline and keeps every request on this host.
"""

from __future__ import annotations

from flask import Blueprint, send_from_directory
from swagger_ui_bundle import swagger_ui_path

#: Where the assets are mounted; the app passes it to flask-smorest.
ASSETS_URL = "/docs/assets/"

bp = Blueprint("swagger_ui_assets", __name__)


@bp.route(f"{ASSETS_URL}<path:filename>")
def asset(filename: str):
    """One file of the Swagger UI distribution."""
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)


@bp.route("/favicon.ico")
def favicon():
    """Swagger UI's icon, so browsers opening /docs get no 404."""
    return send_from_directory(str(swagger_ui_path), "favicon-32x32.png", max_age=86400,
                               mimetype="image/png")
