"""Figures: the claims of all reports grouped by the thing they count, and compared.

A **figure** is one thing counted: a quantity, a group, a status and a place.
Pure functions over claim rows and location rows (the store fetches them), so
the rules below are tested without a database.

Grouping
- A claim's place is its origin, else its location, else its destination. An
  `area` (a vague phrase placed inside a known place, see `api.reference.areas`) counts
  as the place it is in.
- Places roll up the hierarchy: within one (quantity, group, status), a claim
  at a place whose other claims all lie in one more specific place joins that
  place's figure ("Thousands leave Aleppo" joins the East Aleppo evacuees when
  East Aleppo is the only part of Aleppo with such claims); with claims in two
  parts (East and West Aleppo) it stays a figure of its own.
- A claim with no place joins the one figure of its kind whose place is
  related (same, inside or containing) to a place its own report names; with
  none or several it stays in the unplaced figure of its kind.

Comparing
- Each claim stands for the interval its wording allows: exact [v, v];
  approximate v ± `TOLERANCE` (10 %: "around 1,000" admits 951); at least
  [v, ∞); more than [v + 1, ∞); nearly [v × 0.9, v]; up to [0, v]; ranges and
  vague amounts their stated bounds.
- `consistent` when one number fits every claim's interval (the intervals
  overlap); otherwise `conflicting`, unless the figure **grows**: a count that
  only accumulates (not `trapped` or `missing`), of things that occurred, every
  claim dated, and every pair that disagrees has the later report higher. Then
  it is `consistent` with `trend` `growing`: later reports counting more is not
  a conflict.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from api.figures.timeline import reported

#: Relative tolerance for approximate wording ("about", "around", "some", "nearly").
TOLERANCE = 0.10
#: Quantities that can go down over time: a later, smaller count is no correction.
NOT_CUMULATIVE = frozenset({"trapped", "missing"})
NONE = "_"  # the id segment for "no group" or "no place"


def bounds(claim: dict) -> tuple[float, float]:
    """The interval of numbers a claim's wording admits."""
    value, low, high = claim["value"], claim["value_low"], claim["value_high"]
    qualifier = claim["qualifier"]
    if qualifier == "approximate":
        return value * (1 - TOLERANCE), value * (1 + TOLERANCE)
    if qualifier == "at_least":
        return (low if low is not None else value), math.inf
    if qualifier == "more_than":
        return (low if low is not None else value) + 1, math.inf
    if qualifier == "nearly":
        top = high if high is not None else value
        return top * (1 - TOLERANCE), top
    if qualifier == "up_to":
        return 0, (high if high is not None else value)
    return (low if low is not None else value), (high if high is not None else math.inf)


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def time_key(claim: dict) -> tuple:
    """Order of report: dated first, by date then live-blog entry time; then by source."""
    return (claim.get("published") is None, claim.get("published") or "",
            claim.get("entry_time") is None, claim.get("entry_time") or "",
            claim["source_id"], claim["start"])


def figure_id(quantity: str, group: str | None, status: str, place_id: str | None) -> str:
    return ".".join([quantity, group or NONE, status, place_id or NONE])


def parse_figure_id(figure: str) -> tuple[str, str | None, str, str | None] | None:
    """(quantity, group, status, place id) of a figure id, or None if it is malformed."""
    parts = figure.split(".", 3)
    if len(parts) != 4:
        return None
    quantity, group, status, place = parts
    return quantity, None if group == NONE else group, status, None if place == NONE else place


class Places:
    """The location hierarchy, for rolling places up."""

    def __init__(self, rows: Iterable[dict]) -> None:
        self.rows = {r["id"]: r for r in rows}
        self._ancestors: dict[str, list[str]] = {}

    def ancestors(self, place_id: str) -> list[str]:
        """The place's parents, nearest first (cycles cut); remembered, since roll-ups ask
        for the same places many times."""
        known = self._ancestors.get(place_id)
        if known is None:
            known = self._ancestors[place_id] = self._walk_up(place_id)
        return known

    def _walk_up(self, place_id: str) -> list[str]:
        out, seen = [], {place_id}
        parent = self.rows.get(place_id, {}).get("parent_id")
        while parent and parent not in seen:
            out.append(parent)
            seen.add(parent)
            parent = self.rows.get(parent, {}).get("parent_id")
        return out

    def solid(self, place_id: str | None) -> str | None:
        """The place itself, or for an `area` the known place it lies in."""
        seen = set()
        while place_id and self.rows.get(place_id, {}).get("kind") == "area":
            if place_id in seen:
                break
            seen.add(place_id)
            place_id = self.rows[place_id].get("parent_id") or place_id
        return place_id

    def related(self, a: str, b: str) -> bool:
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)


def claim_place(claim: dict, places: Places) -> str | None:
    name = claim.get("origin_id") or claim.get("location_id") or claim.get("destination_id")
    return places.solid(name)


def roll_up(found: set[str], places: Places) -> dict[str, str]:
    """Each place -> the single most specific place inside it that has claims, or itself."""
    target = {}
    for place in found:
        inside = {q for q in found if q != place and place in places.ancestors(q)}
        deepest = {q for q in inside if not any(q in places.ancestors(r) for r in inside)}
        target[place] = deepest.pop() if len(deepest) == 1 else place
    return target


def group_claims(
    claims: Iterable[dict], places: Places, source_places: dict[str, set[str]]
) -> dict[str, list[dict]]:
    """Figure id -> its claims, by the grouping rules of this module."""
    by_kind: dict[tuple, list[tuple[dict, str | None]]] = defaultdict(list)
    for claim in claims:
        by_kind[(claim["quantity"], claim["group"], claim["status"])].append(
            (claim, claim_place(claim, places)))
    figures: dict[str, list[dict]] = defaultdict(list)
    for (quantity, group, status), members in by_kind.items():
        target = roll_up({p for _, p in members if p}, places)
        homes = set(target.values())
        for claim, place in members:
            if place is None:
                home = unplaced_home(source_places.get(claim["source_id"], ()), homes, places)
            else:
                home = target[place]
            figures[figure_id(quantity, group, status, home)].append(claim)
    return dict(figures)


def unplaced_home(named: Iterable[str], homes: set[str], places: Places) -> str | None:
    """The figure place of a claim with no place: the one home related to a place its
    report names, else None."""
    solid = {places.solid(p) for p in named}
    near = {h for h in homes if any(n and places.related(n, h) for n in solid)}
    return near.pop() if len(near) == 1 else None


def _value_key(claim: dict) -> tuple:
    return (claim["qualifier"], claim["value"], claim["value_low"], claim["value_high"])


def _people(claims: list[dict], key: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for c in claims:
        for role in ("actor", "via") if key == "actor" else ("source",):
            ident = c.get(f"{role}_id")
            if ident and ident not in seen:  # a source is named by its file
                seen[ident] = {"id": ident, "name": c.get("source_file" if role == "source"
                                                          else role)}
    return list(seen.values())


def verdict(claims: list[dict]) -> tuple[str, str | None]:
    """(`consistent` or `conflicting`, `growing` or None) for time-ordered claims."""
    spans = [bounds(c) for c in claims]
    if max(s[0] for s in spans) <= min(s[1] for s in spans):
        return "consistent", None
    first = claims[0]
    can_grow = (first["quantity"] not in NOT_CUMULATIVE and first["status"] == "occurred"
                and all(c.get("published") for c in claims))
    if can_grow:
        keys = [time_key(c)[:4] for c in claims]
        for i, a in enumerate(spans):
            for j in range(i + 1, len(spans)):
                b = spans[j]
                if overlap(a, b):
                    continue
                if keys[i] == keys[j] or a[1] >= b[0]:  # same time, or the later is lower
                    return "conflicting", None
        return "consistent", "growing"
    return "conflicting", None


def summarise(figure: str, claims: list[dict], places: Places) -> dict:
    """Everything `/v1/figures` says about one figure, its claims in time order."""
    claims = sorted(claims, key=time_key)
    quantity, group, status, place_id = parse_figure_id(figure)
    values = []
    by_value: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        by_value[_value_key(c)].append(c)
    for members in by_value.values():
        head = members[0]
        values.append({
            "value": head["value"], "value_low": head["value_low"],
            "value_high": head["value_high"], "qualifier": head["qualifier"],
            "text": head["text"], "claim_count": len(members),
            "source_count": len({c["source_id"] for c in members}),
            "sources": _people(members, "source"), "actors": _people(members, "actor"),
            "first_reported": _reported(head),
        })
    most = max(values, key=lambda v: (v["source_count"], v["claim_count"], -v["value"]))
    low, high = min(c["value"] for c in claims), max(c["value"] for c in claims)
    verdict_, trend = verdict(claims)
    place = places.rows.get(place_id) if place_id else None
    return {
        "id": figure, "quantity": quantity, "group": group, "status": status,
        "place": None if place is None else {k: place[k] for k in
                                             ("id", "name", "kind", "lat", "lon")},
        "verdict": verdict_, "trend": trend,
        "claim_count": len(claims), "source_count": len({c["source_id"] for c in claims}),
        "spread": {"min": low, "max": high, "ratio": round(high / low, 3) if low else None},
        "most_attested": {k: most[k] for k in ("value", "qualifier", "text", "source_count")},
        "values": values,
        "sources": _people(claims, "source"), "actors": _people(claims, "actor"),
        "timeline": [{
            "claim_id": c["id"], "reported": _reported(c), "published": c.get("published"),
            "entry_time": c.get("entry_time"), "value": c["value"],
            "qualifier": c["qualifier"], "text": c["text"], "source_id": c["source_id"],
            "actor": c.get("actor"),
        } for c in claims],
        "first_reported": next((_reported(c) for c in claims if _reported(c)), None),
    }


def _reported(claim: dict) -> str | None:
    return reported(claim.get("published"), claim.get("entry_time"))


def figures(
    claims: Iterable[dict], places: Places, source_places: dict[str, set[str]]
) -> list[dict]:
    """All figures of `claims`, most-attested first (sources, then claims), then by id."""
    grouped = group_claims(claims, places, source_places)
    out = [summarise(fid, members, places) for fid, members in grouped.items()]
    return sorted(out, key=lambda f: (-f["source_count"], -f["claim_count"], f["id"]))
