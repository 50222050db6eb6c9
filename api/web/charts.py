"""Geometry of the explorer's SVG drawings: value intervals, values over time, the map.

Pure functions from `/v1` JSON to coordinates; the templates draw them as SVG
on the server, so a chart needs no script and is the same for every client.
A value is drawn as the interval its wording admits, by the same rule the
verdict uses (`api.figures.compare.bounds`): "at least 17" reaches past 20, so
the two visibly overlap, while 4,000 and 5,000 stay apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from api.figures.compare import bounds

#: Width of a chart's drawing area and its left margin, in SVG user units.
WIDTH = 640
LEFT = 12
ROW = 30


@dataclass(frozen=True)
class Scale:
    """A linear scale from [0, top] onto [LEFT, LEFT + WIDTH]."""

    top: float

    def x(self, value: float) -> float:
        value = min(max(value, 0.0), self.top)
        return round(LEFT + WIDTH * value / self.top, 2)


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at most `top` (steps of 1, 2 or 5 times a power of 10)."""
    if top <= 0:
        return [0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(top // step) + 1)]


def interval(value: dict) -> tuple[float, float]:
    """The numbers a value's wording admits (`value`, `value_low`, `value_high`, `qualifier`)."""
    return bounds(value)


def _top(values: list[dict]) -> float:
    finite = [b for v in values for b in (*interval(v), v["value"]) if math.isfinite(b)]
    return max(max(finite, default=1) * 1.15, 1)


def value_bars(values: list[dict]) -> dict:
    """One row per distinct value of a figure: where its interval starts and ends.

    Open-ended intervals ("at least", "more than") run to the right edge and are
    marked `open`. `common` is the band every interval shares, or None when no
    single number fits them all (the figure's values conflict).
    """
    scale = Scale(_top(values))
    rows = []
    for i, v in enumerate(values):
        low, high = interval(v)
        x1, x2 = scale.x(low), scale.x(high)
        rows.append({**v, "y": i * ROW + 10, "x1": x1, "x2": x2, "low": low, "high": high,
                     "point": x2 - x1 < 8, "open": math.isinf(high),
                     "label": _bounds_label(low, high)})
    low = max(r["low"] for r in rows)
    high = min(r["high"] for r in rows)
    common = None
    if low <= high:
        x1, x2 = scale.x(low), scale.x(high)
        if x2 - x1 < 10:  # one number: a narrow band still shows where, even on a phone
            middle = (x1 + x2) / 2
            x1, x2 = middle - 5, middle + 5
        common = {"x1": x1, "x2": x2, "label": _bounds_label(low, high)}
    height = len(rows) * ROW + 30
    ticks = [{"x": scale.x(t), "label": f"{t:,.0f}"} for t in nice_ticks(scale.top)]
    return {"rows": rows, "common": common, "ticks": ticks, "height": height,
            "axis_y": len(rows) * ROW + 6, "width": WIDTH + 2 * LEFT}


def _bounds_label(low: float, high: float) -> str:
    if math.isinf(high):
        return f"{low:,.0f} or more"
    if low == high:
        return f"{low:,.0f}"
    return f"{low:,.0f} to {high:,.0f}"


def _when(reported: str) -> datetime | None:
    for layout in ("%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(reported, layout)
        except ValueError:
            continue
    return None


def timeline(claims: list[dict]) -> dict | None:
    """The dated claims of a figure as points (value) with whiskers (bounds) over time.

    None when fewer than one claim is dated; `undated` counts the claims left out.
    """
    dated = [(when, c) for c in claims if c.get("reported") and (when := _when(c["reported"]))]
    if not dated:
        return None
    first = min(w for w, _ in dated)
    last = max(w for w, _ in dated)
    span = (last - first).total_seconds()
    height = 220
    top = _top([c for _, c in dated])
    plot = 180

    def y(value: float) -> float:
        value = min(max(value, 0.0), top)
        return round(10 + plot * (1 - value / top), 2)

    points = []
    for when, c in dated:
        x = LEFT + 20 + (WIDTH - 40) * ((when - first).total_seconds() / span if span else 0.5)
        low, high = interval(c)
        points.append({**c, "x": round(x, 2), "y": y(c["value"]), "y_low": y(low),
                       "y_high": y(high), "open": math.isinf(high)})
    ticks = [{"y": y(t), "label": f"{t:,.0f}"} for t in nice_ticks(top, 4)]
    dates = sorted({c["reported"] for _, c in dated})
    return {"points": points, "ticks": ticks, "height": height, "width": WIDTH + 2 * LEFT,
            "first": dates[0], "last": dates[-1], "undated": len(claims) - len(dated)}


#: The smallest span of the map, in degrees, so one place still shows its surroundings.
MIN_SPAN = 6.0


def place_map(places: list[dict]) -> dict | None:
    """Markers for the located places on a plain equirectangular projection.

    x is longitude times the cosine of the middle latitude and y is minus the
    latitude, so the browser can draw country outlines (longitude, latitude) in
    the same user units; the view box frames every place with a margin.
    Marker area grows with the place's claims.
    """
    located = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    lats = [p["lat"] for p in located]
    lons = [p["lon"] for p in located]
    mid = (min(lats) + max(lats)) / 2
    k = round(math.cos(math.radians(mid)), 6)
    span = max(max(lats) - min(lats), (max(lons) - min(lons)) * k, MIN_SPAN)
    cx, cy = (min(lons) + max(lons)) / 2 * k, -mid
    half = span * 0.65
    box = [round(cx - half * 1.5, 4), round(cy - half, 4), round(3 * half, 4), round(2 * half, 4)]
    most = max((p.get("claim_count") or 0) for p in located) or 1
    unit = box[3] / 60
    markers = [{**p, "x": round(p["lon"] * k, 4), "y": round(-p["lat"], 4),
                "r": round(unit * (0.6 + 1.9 * math.sqrt((p.get("claim_count") or 0) / most)), 4)}
               for p in sorted(located, key=lambda p: -(p.get("claim_count") or 0))]
    return {"k": k, "box": " ".join(str(v) for v in box), "markers": markers,
            "stroke": round(unit / 4, 4)}
